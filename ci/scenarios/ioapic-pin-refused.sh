# purpose: a cell asking for IOAPIC pin 22 and pin 24, which the root does not grant (bad-ioapic-pin), is refused at create with EINVAL naming pin 24, and pin 22 keeps the entry the root programmed (the pins are all checked before any is taken); CPU 3 comes back and no cell is left
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
pin=22
# The root's mark on pin 22: masked, vector 0x60, level, active low.
mark=0x1a060
raw() {
	echo "$1 $2" >/sys/module/xvc_poke/parameters/ioapic_raw || fail "ioapic_raw $1 $2 failed"
	dmesg | sed -n 's/.*xvc_poke: ioapic write 0x[0-9a-f]* at offset 0x[0-9a-f]*, window reads \(0x[0-9a-f]*\)$/\1/p' | tail -n1
}
select_pin() { raw 0 $(printf %x $((0x10 + 2 * pin))); }

fresh_enable
insmod /xvc/kmod/xvc_poke.ko 2>/dev/null || lsmod | grep -q xvc_poke || fail "insmod xvc_poke failed"
select_pin >/dev/null
[ "$(raw 10 ${mark#0x})" = $mark ] || fail "the root cannot set pin $pin to $mark"
xvcell config check $(system_config) $configs/bad-ioapic-pin.cell >/dev/null ||
	fail "bad-ioapic-pin.cell does not pass config check: only the hypervisor may refuse it"
out=$(xvcell cell create $configs/bad-ioapic-pin.cell 2>&1); st=$?
echo "$out"
[ $st -eq 1 ] || fail "create bad-ioapic-pin: exit status $st, expected 1"
echo "$out" | grep -q 'failed: Invalid argument$' || fail "the create did not fail with EINVAL"
xvcell console | grep -q 'cell "bad-ioapic-pin": IOAPIC 0xfec00000 has no pin 24 the root could give$' ||
	fail "the hypervisor's refusal does not name pin 24: $(xvcell console | tail -n3)"
back=$(select_pin)
echo "pin $pin after the refused create: $back"
[ "$back" = $mark ] || fail "pin $pin reads $back after the refused create, not the root's $mark"
[ -z "$(cell_state bad-ioapic-pin)" ] || fail "a bad-ioapic-pin cell is left"
[ "$(cat /sys/devices/system/cpu/cpu3/online)" = 1 ] || fail "CPU 3 not back online"
# Leave pin 22 as the rig had it: masked and empty.
raw 10 10000 >/dev/null
rmmod xvc_poke
xvcell disable || fail "disable failed"
check_dmesg_clean "a refused IOAPIC pin"
echo "ioapic-pin-refused: ok"
