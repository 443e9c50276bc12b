# purpose: modprobe xvcell, check that sysfs and dmesg report the vendor's virtualization support, rmmod cleanly
# SPDX-License-Identifier: GPL-2.0-only
# Guest side. XVC_EXPECT_VENDOR (svm|vmx) comes from the group / rig.
set -u
fail() { echo "FAIL: $*"; exit 1; }

vendor=${XVC_EXPECT_VENDOR:?XVC_EXPECT_VENDOR not set by the rig}
case $vendor in
svm) paging=npt ;;
vmx) paging=ept ;;
*) fail "unknown expected vendor '$vendor'" ;;
esac

dmesg -c >/dev/null
lsmod | grep -q '^xvcell ' && fail "xvcell already loaded before the test"
modprobe xvcell || fail "modprobe xvcell failed (status $?)"
lsmod | grep -q '^xvcell ' || fail "xvcell not in lsmod after modprobe"

f=/sys/devices/xvcell/virt_support
[ -r $f ] || fail "$f missing"
vs=$(cat $f)
echo "virt_support: $vs"
for w in $vendor $paging; do
	echo " $vs " | grep -q " $w " || fail "$f = '$vs' lacks '$w'"
done

line=$(dmesg | grep 'xvcell: ' | grep -v 'taints kernel\|module verification' | head -n1)
echo "dmesg: $line"
[ -n "$line" ] || fail "no 'xvcell: ' line in dmesg"
echo "$line" | grep -qw "$vendor" || fail "dmesg line does not name '$vendor': $line"

rmmod xvcell || fail "rmmod xvcell failed (status $?)"
lsmod | grep -q '^xvcell ' && fail "xvcell still in lsmod after rmmod"
[ -e /sys/devices/xvcell ] && fail "/sys/devices/xvcell still exists after rmmod"

bad=$(dmesg | grep -E 'BUG|Oops|WARNING|Call Trace' || true)
[ -z "$bad" ] || { echo "$bad"; fail "kernel reported a problem in dmesg"; }
echo "driver-detect: ok ($vendor)"
