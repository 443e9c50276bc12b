# purpose: a PCI function comes back to Linux reset when its cell ends: a mark the root writes into the second igb's register RDBAH0 (00:08.0, QEMU 10, which has function-level reset) survives the take, is gone after destroy (the driver reset the function before any Linux driver could bind; the igb module is out meanwhile, since its probe resets the NIC too), and the driver says so; the igb driver then binds it again
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
nic=0000:00:08.0
dev=/sys/bus/pci/devices/$nic
mark=0x5A5AA5A5
driver_of() { basename "$(readlink $dev/driver 2>/dev/null)"; }
# RDBAH0, the high half of receive ring 0's base: any 32-bit value reads
# back, and a reset of the device model clears it.
rdbah0() { devmem $(($(head -n 1 $dev/resource | cut -d' ' -f1) + 0x2804)) 32 "$@"; }

[ -d $dev ] || fail "no PCI device $nic: the group must boot with 'device igb' (QEMU 10)"
[ "$(cat $dev/vendor) $(cat $dev/device)" = "0x8086 0x10c9" ] || fail "$nic is not an igb"
grep -qw flr $dev/reset_method || fail "$nic has no FLR: reset methods '$(cat $dev/reset_method)'"
fresh_enable
# No igb driver until the end: its probe resets the NIC itself, both
# before the mark is written and when the function comes back.
if lsmod | grep -q '^igb '; then
	rmmod igb || fail "rmmod igb failed"
fi
[ -z "$(driver_of)" ] || fail "$nic still bound to $(driver_of)"
dmesg -c >/dev/null
rdbah0 $mark
[ "$(rdbah0)" = $mark ] || fail "RDBAH0 reads $(rdbah0) after writing $mark"

xvcell cell create $configs/pci-reset-test.cell >/dev/null || fail "create pci-reset-test failed"
[ ! -e $dev ] || fail "$nic still in Linux's view while the cell owns it"
xvcell cell destroy pci-reset-test || fail "destroy pci-reset-test failed"
[ -d $dev ] || fail "$nic not back in Linux"
[ -z "$(driver_of)" ] || fail "$nic came back bound to $(driver_of)"
after=$(rdbah0)
echo "RDBAH0: $mark before the cell, $after after it"
dmesg | grep 'xvcell: cell "pci-reset-test"'
dmesg | grep -q "xvcell: cell \"pci-reset-test\": PCI device $nic reset$" ||
	fail "the driver does not report the reset of $nic"
[ "$after" = 0x00000000 ] || fail "RDBAH0 reads $after after the cell: $nic was not reset"
modprobe igb || fail "modprobe igb failed"
[ "$(driver_of)" = igb ] || fail "igb did not bind $nic again: '$(driver_of)'"
check_dmesg_clean "the reset hand-back"
xvcell disable || fail "disable failed"
echo "pci-reset: ok"
