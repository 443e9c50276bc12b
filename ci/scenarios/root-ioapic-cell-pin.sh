# purpose: while pci-demo owns IOAPIC pin 22 (the edu's INTA), the root's writes to it are dropped and reported (the root reads it masked and empty, pci-demo finds its own entry unchanged at shutdown) and the cell keeps running; after destroy the root programs pin 22 again
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
pin=22
low_reg=$(printf %x $((0x10 + 2 * pin)))

# pci-demo's console since its latest start.
demo_log() {
	xvcell console --cell pci-demo |
		awk '/pci-demo: x2?APIC, APIC ID/ { n = 0 } { l[n++] = $0 }
		     END { for (i = 0; i < n; i++) print l[i] }'
}

# poke HIGH LOW: the root writes pin 22 whole (high half first), reads the
# low half back and masks it again (tests/kmod/xvc_poke.c).
poke() {
	echo "$pin $1 $2" >/sys/module/xvc_poke/parameters/ioapic || fail "ioapic poke $1 $2 failed"
	dmesg | grep "xvc_poke: ioapic pin $pin wrote $1:${2#0x} " | tail -n1
}

# The low half of pin 22 as the root's window shows it.
root_reads() {
	echo "0 $low_reg" >/sys/module/xvc_poke/parameters/ioapic_raw || fail "reading pin $pin failed"
	dmesg | sed -n "s/.*xvc_poke: ioapic write 0x$low_reg at offset 0x0, window reads \(0x[0-9a-f]*\)$/\1/p" | tail -n1
}

dropped() {
	xvcell console | grep -c "IOAPIC pin $pin belongs to cell \"pci-demo\": write 0x[0-9a-f]* dropped"
}

fresh_enable
insmod /xvc/kmod/xvc_poke.ko 2>/dev/null || lsmod | grep -q xvc_poke || fail "insmod xvc_poke failed"
xvcell cell run $(pci_demo_config) $inmates/pci-demo.bin -s "irqs=20 intx=20 pin=$pin" ||
	fail "pci-demo did not start"
i=0
while [ $i -lt 300 ] && ! demo_log | grep -qE "pci-demo: (done|FAILED)"; do
	sleep 0.1; i=$((i + 1))
done
intx_line=$(demo_log | grep "pci-demo: INTx pin $pin: ")
echo "$intx_line" | grep -q ": 20 of 20, " || fail "pci-demo's INTx phase failed: ${intx_line:-none}"
# "IOAPIC pin 22: entry 0x300000000000a051, ...": what pci-demo programmed.
entry=$(demo_log | sed -n "s/.*pci-demo: IOAPIC pin $pin: entry \(0x[0-9a-f]*\),.*/\1/p" | tail -n1)
[ -n "$entry" ] || fail "pci-demo did not report its pin $pin entry"

# The root's entry for its own CPU 0: dropped, the pin is pci-demo's;
# each of the three writes (high half, low half, mask) is reported.
before=$(dropped)
result=$(poke 0x0 0x40)
echo "root's write while pci-demo owns pin $pin: $result"
echo "$result" | grep -q "(masked)" || fail "the root's write to pci-demo's pin took effect: $result"
[ "$(dropped)" = $((before + 3)) ] ||
	fail "$(($(dropped) - before)) of the root's 3 writes to pin $pin reported dropped: $(xvcell console | grep "root CPU .*IOAPIC" | tail -n3)"
xvcell console | grep "IOAPIC pin $pin belongs to cell" | tail -n3
back=$(root_reads)
[ "$back" = 0x10000 ] || fail "the root reads pci-demo's pin $pin as ${back:-nothing}, not masked and empty (0x10000)"
[ "$(cell_state pci-demo)" = running ] || fail "pci-demo is '$(cell_state pci-demo)'"
workload 5
# Its entry as it left it (masked after its test), whatever the root wrote.
xvcell cell shutdown pci-demo || fail "pci-demo refused to shut down"
now=$(demo_log | sed -n "s/.*pci-demo: IOAPIC pin $pin at shutdown: entry \(0x[0-9a-f]*\)$/\1/p" | tail -n1)
want=$(printf 0x%x $((entry | 0x10000)))
echo "pci-demo's pin $pin: programmed $entry, at shutdown ${now:-?}"
[ "$now" = "$want" ] || fail "pci-demo's pin $pin changed under it: ${now:-no report}, not $want"
xvcell cell destroy pci-demo || fail "destroy pci-demo failed"

# The root's again: the same write is taken, and nothing is dropped.
before=$(dropped)
result=$(poke 0x0 0x40)
echo "root's write after destroy: $result"
echo "$result" | grep -q "(unmasked)" || fail "the root cannot program pin $pin after destroy: $result"
[ "$(dropped)" = "$before" ] || fail "a write to pin $pin was dropped after destroy"
xvcell disable || fail "disable failed"
rmmod xvc_poke
check_dmesg_clean "with a cell's IOAPIC pin"
echo "root-ioapic-cell-pin: ok"
