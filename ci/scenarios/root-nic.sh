# purpose: root devices keep working while enabled (with intel-ir and amd-ir also: the hypervisor takes Linux's interrupt remapping over and leaves none of its entries out, and the receive interrupt moved to CPU 1 while enabled and to CPU 2 after disable arrives there, Linux's invalidation queue or command buffer carried out by the hypervisor and then its own again): the root's two e1000e (00:0c.0 -> 00:0d.0, MSI-X, joined by the rig's hub) pass frames one to the other without losing one across enable, three rounds of tiny-demo, apic-demo and pci-demo (with the edu) created and destroyed around them, and disable; the receiver's rx_packets and MSI-X receive interrupts grow with them, the traffic makes no config-space exits of the root, no transmit errors or timeouts
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
from_bdf=0000:00:0c.0 to_bdf=0000:00:0d.0
edu=0000:00:0a.0
rounds=3
out=/tmp/root-nic-ethpair.out
pair=

# Statistics counter $2 of interface $1.
net_stat() {
	cat /sys/class/net/$1/statistics/$2
}

# The IRQ whose /proc/interrupts line is named $1 ("" if none).
irq_named() {
	awk -v n="$1" '$NF == n { sub(":", "", $1); print $1 }' /proc/interrupts
}

# Interrupts of IRQ $1 on every online CPU (a CPU's column leaves
# /proc/interrupts while it is offline: compare with all CPUs online).
irq_count() {
	awk -v irq="$1:" '$1 == irq {
		for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) n += $i
	} END { print n + 0 }' /proc/interrupts
}

# Interrupts of IRQ $1 on CPU $2.
irq_count_on() {
	awk -v irq="$1:" -v col=$(($2 + 2)) '$1 == irq { print $col }' /proc/interrupts
}

# move_rx_irq CPU WHEN: the receive interrupt goes to CPU only, and
# arrives there while frames flow.
move_rx_irq() {
	echo $1 >/proc/irq/$rx_irq/smp_affinity_list ||
		fail "cannot move IRQ $rx_irq to CPU $1 $2"
	sleep 0.2
	before=$(irq_count_on $rx_irq $1)
	wait_frames 100 "with IRQ $rx_irq moved to CPU $1 $2"
	after=$(irq_count_on $rx_irq $1)
	echo "IRQ $rx_irq on CPU $1 $2: $((after - before)) interrupts for 100 frames"
	[ $after -gt $before ] ||
		fail "IRQ $rx_irq, moved to CPU $1 $2, did not arrive there"
}

# Frames xvc-ethpair has seen arrive so far, from its progress lines.
frames() {
	f=$(sed -n 's/^received \([0-9]*\)$/\1/p' $out | tail -n 1)
	echo ${f:-0}
}

# wait_frames N WHEN: at least N more frames arrive (within 30 s).
wait_frames() {
	target=$(($(frames) + $1)) i=0
	while [ "$(frames)" -lt $target ]; do
		kill -0 $pair 2>/dev/null ||
			fail "the frames stopped $2: $(tail -n 2 $out | tr '\n' ' ')"
		[ $i -lt 300 ] ||
			fail "fewer than $1 frames in 30 s $2 (at $(frames)): $(tail -n 1 $out)"
		sleep 0.1; i=$((i + 1))
	done
}

# pci-demo's console since its latest start.
pci_demo_log() {
	xvcell console --cell pci-demo |
		awk '/pci-demo: x2?APIC, APIC ID/ { n = 0 } { l[n++] = $0 }
		     END { for (i = 0; i < n; i++) print l[i] }'
}

# pci_demo_round N: runs pci-demo and waits until it has raised its MSIs
# and done its DMA.  Each round raises a different number of MSIs, named
# in its result line: an earlier round's line is never taken for this
# one's (the console keeps them).
pci_demo_round() {
	n=$((200 + $1))
	xvcell cell run $(pci_demo_config) $inmates/pci-demo.bin -s "irqs=$n" >/dev/null ||
		fail "pci-demo run failed in round $1"
	i=0
	while [ $i -lt 600 ] &&
		! pci_demo_log | grep -qE "pci-demo: (done, [0-9]+ MSIs of $n raised|FAILED)"; do
		sleep 0.1; i=$((i + 1))
	done
	pci_demo_log | grep -q "pci-demo: done, $n MSIs of $n raised, .* DMA 2048 bytes ok$" ||
		fail "pci-demo did not finish in round $1: $(pci_demo_log | tail -n 2)"
}

trap '[ -z "$pair" ] || kill $pair 2>/dev/null' EXIT

# Start from a disabled hypervisor, with dmesg cleared by fresh_enable.
fresh_enable
xvcell disable >/dev/null || fail "disable failed"
lsmod | grep -q '^e1000e ' || modprobe e1000e || fail "modprobe e1000e failed"
i=0
while [ $i -lt 50 ] && { [ -z "$(iface_of $from_bdf)" ] || [ -z "$(iface_of $to_bdf)" ]; }; do
	sleep 0.1; i=$((i + 1))
done
from=$(iface_of $from_bdf) to=$(iface_of $to_bdf)
[ -n "$from" ] && [ -n "$to" ] ||
	fail "no interfaces for $from_bdf and $to_bdf: the group must boot with 'device e1000e' and 'modules e1000e'"
ip link set $from up && ip link set $to up || fail "cannot bring $from and $to up"
i=0
while [ $i -lt 100 ] &&
	[ "$(cat /sys/class/net/$from/carrier)$(cat /sys/class/net/$to/carrier)" != 11 ]; do
	sleep 0.1; i=$((i + 1))
done
[ "$(cat /sys/class/net/$from/carrier)$(cat /sys/class/net/$to/carrier)" = 11 ] ||
	fail "no link on $from and $to within 10 s"

# Both NICs interrupt by MSI-X; the receiver's receive queue has a vector.
for d in $from_bdf $to_bdf; do
	grep -qx msix /sys/bus/pci/devices/$d/msi_irqs/* 2>/dev/null ||
		fail "$d has no MSI-X vectors: $(ls /sys/bus/pci/devices/$d/msi_irqs 2>&1)"
done
rx_irq=$(irq_named $to-rx-0)
[ -n "$rx_irq" ] || fail "no interrupt named $to-rx-0: $(grep -E "$to|$from" /proc/interrupts)"
[ "$(cat /sys/bus/pci/devices/$to_bdf/msi_irqs/$rx_irq 2>/dev/null)" = msix ] ||
	fail "$to-rx-0 (IRQ $rx_irq) is not one of $to_bdf's MSI-X vectors"
grep -E " ($from|$to)(-|$)" /proc/interrupts
echo "$from ($from_bdf) sends to $to ($to_bdf), whose receive queue has MSI-X IRQ $rx_irq"

rx0=$(net_stat $to rx_packets) irq0=$(irq_count $rx_irq)
txerr0=$(net_stat $from tx_errors) rxerr0=$(net_stat $to rx_errors)
xvc-ethpair $from $to >$out 2>&1 &
pair=$!
wait_frames 100 "before enable"

xvcell enable $(system_config) >/dev/null || fail "enable failed with the NICs busy"
wait_frames 100 "after enable"
taken_over=0
case ${XVC_IOMMU:-} in intel-ir|amd-ir) taken_over=1 ;; esac
if [ $taken_over = 1 ]; then
	xvcell console | grep "interrupt remapping taken over" ||
		fail "the hypervisor did not take Linux's interrupt remapping over"
	! xvcell console | grep "remapping entry .* left out" ||
		fail "the hypervisor left out entries of Linux's remapping table"
	# Linux rewrites the entry and tells the unit through its queue
	# (command buffer), which the hypervisor now carries out.
	move_rx_irq 1 "while enabled"
fi
# Receive interrupts while enabled: counted from here to before disable,
# both times with every CPU online.
irq_on0=$(irq_count $rx_irq)

# The root alone: its NICs' data path (descriptor rings in RAM, the BARs'
# registers, MSI-X) never touches config space: no exit on the config
# ports (io), no MMCONFIG write (mmio, with the IOAPIC's registers).
io0=$(root_stat io) mmio0=$(root_stat mmio) total0=$(root_stat total) f0=$(frames)
wait_frames 300 "with the root alone"
io1=$(root_stat io) mmio1=$(root_stat mmio) total1=$(root_stat total) f1=$(frames)
echo "root alone: $((f1 - f0)) frames, root exits $((total1 - total0)), of them $((io1 - io0)) config-port, $((mmio1 - mmio0)) MMIO"
[ $((io1 - io0)) -eq 0 ] ||
	fail "the root made $((io1 - io0)) config-port exits while only its NICs were busy"
[ $((mmio1 - mmio0)) -eq 0 ] ||
	fail "the root made $((mmio1 - mmio0)) MMCONFIG/IOAPIC exits while only its NICs were busy"

round=1
while [ $round -le $rounds ]; do
	xvcell cell run $configs/tiny-demo.cell $inmates/tiny-demo.bin >/dev/null ||
		fail "tiny-demo run failed in round $round"
	wait_frames 100 "with tiny-demo (round $round)"
	xvcell cell run $(apic_demo_config) $inmates/apic-demo.bin >/dev/null ||
		fail "apic-demo run failed in round $round"
	wait_frames 100 "with tiny-demo and apic-demo (round $round)"
	if [ -d /sys/bus/pci/devices/$edu ]; then
		pci_demo_round $round
		wait_frames 100 "with three cells (round $round)"
	fi
	for c in tiny-demo apic-demo pci-demo; do
		[ -z "$(cell_state $c)" ] && continue
		xvcell cell destroy $c || fail "destroy $c failed in round $round"
		wait_frames 100 "after destroying $c (round $round)"
	done
	echo "round $round: $(frames) frames so far, cells: $(awk '$1 != 0 { print $2 }' /sys/devices/xvcell/cells)"
	round=$((round + 1))
done
[ "$(cat /sys/devices/system/cpu/online)" = "$(cat /sys/devices/system/cpu/present)" ] ||
	fail "CPUs online after the cells: $(cat /sys/devices/system/cpu/online)"

irq_on1=$(irq_count $rx_irq)
echo "$to-rx-0 interrupts while enabled: $((irq_on1 - irq_on0))"
[ $irq_on1 -gt $irq_on0 ] ||
	fail "$to's receive interrupt (IRQ $rx_irq) counted none while the hypervisor was enabled"

# No root access was a violation (those stop the CPU that made it).
xvcell cell stats root
echo "root exits: total $(root_stat total), io $(root_stat io), mmio $(root_stat mmio), xapic $(root_stat xapic)"
for r in npf-ept exception; do
	[ "$(root_stat $r)" = 0 ] || fail "the root has $(root_stat $r) $r exits"
done
xvcell disable >/dev/null || fail "disable failed with the NICs busy"
wait_frames 100 "after disable"
# Linux's own queue again, where Linux expects the unit to be.
[ $taken_over = 0 ] || move_rx_irq 2 "after disable"

kill -TERM $pair
wait $pair; st=$?
pair=
tail -n 1 $out
sent=$(sed -n 's/^sent \([0-9]*\) received .*/\1/p' $out)
received=$(sed -n 's/^sent [0-9]* received \([0-9]*\)$/\1/p' $out)
[ $st -eq 0 ] || fail "xvc-ethpair ended with status $st: $(tail -n 2 $out | tr '\n' ' ')"
[ -n "$sent" ] && [ "$sent" = "$received" ] ||
	fail "$from sent ${sent:-?} frames, $to received ${received:-?}"

rx1=$(net_stat $to rx_packets) irq1=$(irq_count $rx_irq)
txerr1=$(net_stat $from tx_errors) rxerr1=$(net_stat $to rx_errors)
echo "$to: rx_packets +$((rx1 - rx0)) for $sent frames sent, $to-rx-0 interrupts +$((irq1 - irq0))"
[ $((rx1 - rx0)) -ge $sent ] ||
	fail "$to counted $((rx1 - rx0)) packets received, fewer than the $sent sent to it"
[ $irq1 -gt $irq0 ] || fail "$to's receive interrupt (IRQ $rx_irq) did not count any"
[ $txerr1 -eq $txerr0 ] || fail "$from counted $((txerr1 - txerr0)) transmit errors"
[ $rxerr1 -eq $rxerr0 ] || fail "$to counted $((rxerr1 - rxerr0)) receive errors"
ip link set $from down; ip link set $to down
hang=$(dmesg | grep -iE 'e1000e.*(hang|timed out|reset adapter)|NETDEV WATCHDOG' || true)
[ -z "$hang" ] || fail "e1000e reported a transmit problem: $hang"
check_dmesg_clean "with the NICs busy across cells"
echo "root-nic: ok"
