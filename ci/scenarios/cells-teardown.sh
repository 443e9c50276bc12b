# purpose: after the hostile tests: destroy the bystander cell, all CPUs back with Linux, disable, Linux healthy
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
for c in $(awk '$1 != 0 { print $2 }' /sys/devices/xvcell/cells); do
	xvcell cell destroy $c || fail "destroying $c failed"
done
[ "$(cat /sys/devices/system/cpu/online)" = "0-$(($(grep -c ^processor /proc/cpuinfo) - 1))" ] ||
	fail "CPUs not all back: $(cat /sys/devices/system/cpu/online)"
workload 20
xvcell disable || fail "disable failed"
check_dmesg_clean "during the cell scenarios"
echo "cells-teardown: ok"
