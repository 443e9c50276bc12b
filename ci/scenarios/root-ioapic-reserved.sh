# purpose: where the hypervisor took Linux's interrupt remapping over (intel-ir, amd-ir), a root IOAPIC entry that names a remapping entry the hypervisor keeps for cells (VT-d: remappable format, index 65535; AMD-Vi: an arbitrated entry, which names entry 256 + vector of the IOAPIC's table) is written masked and reported, and the pin reads masked; the same pin then takes an entry that names none of them (a fixed one for the root's CPU 0) unmasked, without a report; the pin is left as it was
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
case ${XVC_IOMMU:-} in
intel-ir) bad_low=0x851 bad_high=0xffff0000 ;;
amd-ir) bad_low=0x151 bad_high=0x0 ;;
*) fail "the group must boot with 'iommu intel-ir' or 'amd-ir'" ;;
esac
good_low=0x51 good_high=0x0
insmod /xvc/kmod/xvc_poke.ko 2>/dev/null || lsmod | grep -q xvc_poke || fail "insmod xvc_poke failed"

# A pin no device of the rig drives and Linux does not use.
pin=
for p in 23 21 20 19; do
	grep -q "IO-APIC *$p-" /proc/interrupts || { pin=$p; break; }
done
[ -n "$pin" ] || fail "no unused IOAPIC pin among 19-23: $(grep IO-APIC /proc/interrupts)"
low_reg=$((0x10 + 2 * pin)) high_reg=$((0x11 + 2 * pin))

# Register $1 of the IOAPIC, through the index and the window.
ioapic_reg() {
	echo "0 $(printf %x $1)" >/sys/module/xvc_poke/parameters/ioapic_raw ||
		fail "selecting IOAPIC register $1 failed"
	dmesg | sed -n 's/.*xvc_poke: ioapic write 0x[0-9a-f]* at offset 0x0, window reads \(0x[0-9a-f]*\)$/\1/p' | tail -n1
}
# Register $1 := $2.
ioapic_set() {
	ioapic_reg $1 >/dev/null
	echo "10 $(printf %x $2)" >/sys/module/xvc_poke/parameters/ioapic_raw ||
		fail "writing IOAPIC register $1 failed"
}
# An entry: the high half first, the low half (with the mask bit) last.
entry_set() {
	ioapic_set $high_reg $2
	ioapic_set $low_reg $1
}

fresh_enable
old_low=$(ioapic_reg $low_reg) old_high=$(ioapic_reg $high_reg)
echo "pin $pin: entry $old_high:$old_low before"
[ $((old_low & 0x10000)) != 0 ] || fail "pin $pin is unmasked: Linux uses it"

reports0=$(xvcell console | grep -c "IOAPIC pin $pin entry .* names a remapping entry of the hypervisor's")
entry_set $bad_low $bad_high
low=$(ioapic_reg $low_reg)
echo "pin $pin after writing $bad_high:$bad_low: low half $low"
[ $((low & 0x10000)) != 0 ] || fail "the entry naming a hypervisor's remapping entry was written unmasked ($low)"
[ $((low & 0xfff)) = $((bad_low & 0xfff)) ] || fail "the entry was not written as given, masked: $low"
xvcell console | grep "IOAPIC pin $pin entry" | tail -n 1
[ "$(xvcell console | grep -c "IOAPIC pin $pin entry .* names a remapping entry of the hypervisor's")" -gt "$reports0" ] ||
	fail "no report of the root's entry naming a hypervisor's remapping entry"

reports1=$(xvcell console | grep -c "IOAPIC pin $pin entry")
entry_set $good_low $good_high
low=$(ioapic_reg $low_reg)
echo "pin $pin after writing $good_high:$good_low: low half $low"
[ $((low & 0x1ffff)) = $((good_low)) ] || fail "the root's fixed entry for CPU 0 did not go in unmasked ($low)"
[ "$(xvcell console | grep -c "IOAPIC pin $pin entry")" = "$reports1" ] ||
	fail "the root's fixed entry was reported: $(xvcell console | grep "IOAPIC pin $pin entry" | tail -n 1)"

entry_set $((old_low | 0x10000)) $old_high
[ "$(ioapic_reg $low_reg)" = "$(printf 0x%x $((old_low | 0x10000)))" ] || fail "pin $pin not restored"
rmmod xvc_poke
xvcell disable || fail "disable failed"
check_dmesg_clean "root IOAPIC entries naming the hypervisor's remapping entries"
echo "root-ioapic-reserved: ok"
