# purpose: the root cell programs the IOAPIC: an entry that would send an NMI or an interrupt to a cell's CPU is written masked (and reported), one for the root's own CPU is not; the cell keeps running
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
fresh_enable
insmod /xvc/kmod/xvc_poke.ko 2>/dev/null || lsmod | grep -q xvc_poke || fail "insmod xvc_poke failed"
xvcell cell run $configs/tiny-demo.cell $inmates/tiny-demo.bin >/dev/null || fail "tiny-demo did not start"

# pin 23, destination APIC ID in the high half, delivery mode in the low one.
poke() { echo "23 $1 $2" > /sys/module/xvc_poke/parameters/ioapic || fail "ioapic poke $1 $2 failed"; }
result() { dmesg | grep "xvc_poke: ioapic pin 23 wrote $1:$2 " | tail -n1; }

poke 0x2000000 0x400		# NMI to APIC ID 2 (tiny-demo's CPU)
result 0x2000000 400 | grep -q "(masked)" || fail "an NMI entry for a cell's CPU was not masked: $(result 0x2000000 400)"
poke 0x2000000 0x40		# fixed vector 0x40 to APIC ID 2
result 0x2000000 40 | grep -q "(masked)" || fail "an interrupt entry for a cell's CPU was not masked"
poke 0x0 0x40			# fixed vector 0x40 to APIC ID 0 (the root's)
result 0x0 40 | grep -q "(unmasked)" || fail "the root's own entry was masked: $(result 0x0 40)"
xvcell console | grep -q "IOAPIC pin 23 entry 0x2000000:400 would reach another cell" ||
	fail "no report of the filtered IOAPIC entry"
[ "$(cell_state tiny-demo)" = running ] || fail "tiny-demo is '$(cell_state tiny-demo)'"
xvcell cell destroy tiny-demo || fail "destroy failed"
xvcell disable || fail "disable failed"
rmmod xvc_poke
check_dmesg_clean "with IOAPIC filtering"
echo "root-ioapic: ok"
