# purpose: 50 create/load/start/destroy cycles of tiny-demo in one boot: hypervisor pages in use return to the same number, all CPUs come back online
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
fresh_enable
base=$(cat /sys/devices/xvcell/mem_pool_used)
online=$(cat /sys/devices/system/cpu/online)
n=1
while [ $n -le 50 ]; do
	xvcell cell run $configs/tiny-demo.cell $inmates/tiny-demo.bin -s "cycle=$n" >/dev/null ||
		fail "cycle $n: run failed"
	# This very run must have printed before it is destroyed.
	i=0
	while [ $i -lt 50 ] && ! xvcell console --cell tiny-demo | grep -q "line \"cycle=$n\""; do
		sleep 0.1; i=$((i + 1))
	done
	[ $i -lt 50 ] || fail "cycle $n: tiny-demo did not print its command line"
	[ "$(cell_state tiny-demo)" = running ] || fail "cycle $n: tiny-demo is '$(cell_state tiny-demo)'"
	[ $(cat /sys/devices/xvcell/mem_pool_used) -gt $base ] || fail "cycle $n: a cell uses no pages?"
	xvcell cell destroy tiny-demo >/dev/null || fail "cycle $n: destroy failed"
	used=$(cat /sys/devices/xvcell/mem_pool_used)
	[ "$used" = "$base" ] || fail "cycle $n: $used pool pages in use after destroy, $base before"
	[ "$(cat /sys/devices/system/cpu/online)" = "$online" ] ||
		fail "cycle $n: CPUs online '$(cat /sys/devices/system/cpu/online)', not '$online'"
	n=$((n + 1))
done
echo "50 cycles, $base pool pages in use after each"
xvcell disable || fail "disable failed"
echo "cells-cycles: ok"
