# purpose: pci-demo drives the edu (00:0a.0) from CPU 3 (xAPIC mode, or x2APIC where the rig has it: then no interrupt or EOI exits): it places BAR0 in its device window through the mediated config ports, aims the edu's MSI at its own CPU and receives every one it raises (latency printed), a DMA round trip through its 1:1-mapped RAM comes back intact, and with MSI off every INTx through its IOAPIC pin 22 arrives; the cell shuts down, destroy gives CPU 3 back and pin 22 to the root (masked, then programmable), disable
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
edu=0000:00:0a.0
irqs=1000
intx=200
# The edu's INTA on the q35 rig (configs/x86/qemu-edu.h), the cell's pin.
pin=22
# The inmate's default BAR0 window (pci-demo.cell maps it 1:1).
window_start=0x40000000 window_end=0x400fffff

# Lines of /proc/iomem that Linux placed in the window, but for the bus
# window that holds it.
iomem_in_window() {
	while read -r range _ name; do
		start=0x${range%-*} end=0x${range#*-}
		[ $((end)) -lt $((window_start)) ] && continue
		[ $((start)) -gt $((window_end)) ] && continue
		case $name in "PCI Bus"*) continue ;; esac
		echo "$range $name"
	done </proc/iomem
}

# pci-demo's console since its latest start.
demo_log() {
	xvcell console --cell pci-demo |
		awk '/pci-demo: x2?APIC, APIC ID/ { n = 0 } { l[n++] = $0 }
		     END { for (i = 0; i < n; i++) print l[i] }'
}

fresh_enable
[ -d /sys/bus/pci/devices/$edu ] || fail "no PCI device $edu: the group must boot with 'device edu'"
used=$(iomem_in_window)
[ -z "$used" ] || fail "Linux uses pci-demo's BAR0 window: $used"
xvcell cell run $(pci_demo_config) $inmates/pci-demo.bin -s "irqs=$irqs intx=$intx pin=$pin" ||
	fail "pci-demo run failed"
# The MSIs take well under a second even under TCG, each DMA 100 ms.
i=0
while [ $i -lt 300 ] && ! demo_log | grep -qE "pci-demo: (done|FAILED)"; do
	sleep 0.1; i=$((i + 1))
done
demo_log
result=$(demo_log | grep "pci-demo: done, " | tail -n 1)
[ -n "$result" ] || fail "pci-demo did not finish within 30 s"
[ "$(cell_state pci-demo)" = running ] || fail "pci-demo is '$(cell_state pci-demo)'"
# "done, R MSIs of N raised, latency ns min/avg/max A/B/C, DMA S bytes ok"
received=$(echo "$result" | sed -n 's/.*done, \([0-9]*\) MSIs of .*/\1/p')
raised=$(echo "$result" | sed -n 's/.* MSIs of \([0-9]*\) raised,.*/\1/p')
latency=$(echo "$result" | sed -n 's|.*min/avg/max \([0-9/]*\),.*|\1|p')
[ "$raised" = $irqs ] || fail "pci-demo raised ${raised:-no} MSIs, not $irqs"
[ "$received" = "$raised" ] || fail "pci-demo received ${received:-no} of $raised MSIs"
echo "$result" | grep -q ", DMA [0-9]* bytes ok$" || fail "pci-demo's DMA round trip failed: $result"
demo_log | grep -q "with an empty status" && fail "pci-demo got interrupts the edu did not raise"
# "INTx pin 22: R of N, latency ns min/avg/max A/B/C": every one through
# the IOAPIC, each acknowledged at the edu before the EOI.
intx_line=$(demo_log | grep "pci-demo: INTx pin $pin: " | tail -n 1)
intx_received=$(echo "$intx_line" | sed -n 's/.*: \([0-9]*\) of [0-9]*, latency .*/\1/p')
intx_raised=$(echo "$intx_line" | sed -n 's/.* of \([0-9]*\), latency .*/\1/p')
[ "$intx_raised" = $intx ] || fail "pci-demo raised ${intx_raised:-no} INTx interrupts, not $intx: ${intx_line:-no INTx line}"
[ "$intx_received" = "$intx_raised" ] || fail "pci-demo received ${intx_received:-no} of $intx_raised INTx interrupts"

xvcell cell stats pci-demo
total=$(cell_stat pci-demo total) io=$(cell_stat pci-demo io)
mmio=$(cell_stat pci-demo mmio) xapic=$(cell_stat pci-demo xapic)
echo "pci-demo: $received MSIs, latency ns min/avg/max $latency; $intx_received INTx (${intx_line#*latency }); exits: $total in all, $io I/O (config space), $mmio MMIO, $xapic xAPIC"
# In xAPIC mode each handler's EOI exits; the MSIs themselves do not.
if demo_log | grep -q "pci-demo: xAPIC"; then
	[ "${xapic:-0}" -ge $((received + intx_received)) ] ||
		fail "only ${xapic:-0} xAPIC exits for $((received + intx_received)) EOIs"
else
	# x2APIC: the MSIs, the INTx interrupts and their EOIs all run in
	# hardware; what exits is the start-up's LVT writes (checked by the
	# hypervisor), a handful, whatever the number of interrupts.
	x2apic=$(cell_stat pci-demo x2apic)
	[ "${xapic:-0}" = 0 ] || fail "$xapic xAPIC exits in x2APIC mode"
	[ "${x2apic:-0}" -lt 50 ] ||
		fail "$x2apic x2APIC exits for $((received + intx_received)) interrupts: EOIs exit"
	echo "pci-demo in x2APIC mode: $x2apic x2APIC exits for $((received + intx_received)) interrupts"
fi
workload 20
xvcell cell shutdown pci-demo || fail "pci-demo refused to shut down"
[ "$(cell_state pci-demo)" = shut-down ] || fail "pci-demo is '$(cell_state pci-demo)' after shutdown"
demo_log | grep -q "pci-demo: shutting down" || fail "pci-demo did not announce its shutdown"
xvcell cell destroy pci-demo || fail "destroy pci-demo failed"
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "CPU 3 not back: $(cat /sys/devices/system/cpu/online)"
[ -d /sys/bus/pci/devices/$edu ] || fail "$edu not back in Linux after destroy"
# Pin 22 is the root's again: given back masked and empty (nothing of
# pci-demo's vector 0x51 left), and it takes an entry for the root's CPU 0
# unmasked, without a report of a dropped write.
insmod /xvc/kmod/xvc_poke.ko 2>/dev/null || lsmod | grep -q xvc_poke || fail "insmod xvc_poke failed"
dropped=$(xvcell console | grep -c "IOAPIC pin $pin belongs to cell")
echo "0 $(printf %x $((0x10 + 2 * pin)))" >/sys/module/xvc_poke/parameters/ioapic_raw ||
	fail "reading pin $pin failed"
back=$(dmesg | sed -n 's/.*xvc_poke: ioapic write 0x[0-9a-f]* at offset 0x0, window reads \(0x[0-9a-f]*\)$/\1/p' | tail -n1)
echo "pin $pin after destroy: low half $back"
[ "$back" = 0x10000 ] || fail "pin $pin not given back masked and empty: ${back:-no read}"
echo "$pin 0x0 0x40" >/sys/module/xvc_poke/parameters/ioapic || fail "ioapic poke of pin $pin failed"
dmesg | grep "xvc_poke: ioapic pin $pin wrote 0x0:40 " | tail -n1 | grep -q "(unmasked)" ||
	fail "the root cannot program pin $pin after destroy: $(dmesg | grep "xvc_poke: ioapic pin $pin" | tail -n1)"
[ "$(xvcell console | grep -c "IOAPIC pin $pin belongs to cell")" = "$dropped" ] ||
	fail "the root's write to pin $pin was dropped after destroy"
rmmod xvc_poke
xvcell disable || fail "disable failed"
check_dmesg_clean "with pci-demo"
echo "cells-pci-demo: ok"
