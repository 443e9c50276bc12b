# purpose: 20 enable/disable cycles in one boot: each succeeds, hypervisor pages in use are the same every time, Linux healthy
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
ensure_module
dmesg -c >/dev/null
first=
n=1
while [ $n -le 20 ]; do
	xvcell enable $(system_config) >/dev/null || fail "enable $n failed"
	used=$(cat /sys/devices/xvcell/mem_pool_used) || fail "mem_pool_used unreadable"
	[ -n "$first" ] || first=$used
	[ "$used" = "$first" ] || fail "cycle $n: $used pool pages in use, first cycle had $first"
	echo $n | md5sum >/dev/null || fail "cycle $n: exec failed while enabled"
	xvcell disable >/dev/null || fail "disable $n failed"
	n=$((n + 1))
done
echo "20 cycles, $first pool pages in use each time"
workload 20
check_dmesg_clean "during 20 cycles"
rmmod xvcell || fail "rmmod after the cycles failed"
echo "enable-cycles: ok"
