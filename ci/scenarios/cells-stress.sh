# purpose: no management call waits forever on a CPU that asks the hypervisor questions: two cells query cell states and print in tight loops while the root creates, starts and destroys a third such cell 200 times; the hypervisor's pages in use come back to where they started
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
rounds=${1:-200}
fresh_enable
pool_before=$(cat /sys/devices/xvcell/mem_pool_used)

# hammer CONFIG NAME ARGS: a cell running state-hammer.
hammer() {
	xvcell cell create $1 >/dev/null || fail "$2: create failed"
	xvcell cell load $2 $inmates/state-hammer.bin -s "$3" || fail "$2: load failed"
	xvcell cell start $2 || fail "$2: start failed"
}
# greeted NAME ROUND: the cell printed its start line for this round.
greeted() {
	i=0
	while [ $i -lt 50 ]; do
		xvcell console --cell $1 | grep -q "state-hammer: round $2:" && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}

hammer $configs/apic-demo.cell apic-demo "target=0 round=1 report=5000"
hammer $configs/tiny-demo.cell tiny-demo "target=1 round=1 report=5000"
greeted apic-demo 1 && greeted tiny-demo 1 || fail "the bystanders did not start"

n=1
while [ $n -le $rounds ]; do
	hammer $configs/hostile-test.cell hostile-test "target=3 round=$n report=2000"
	greeted hostile-test $n || fail "round $n: hostile-test did not start"
	xvcell cell destroy hostile-test || fail "round $n: destroy failed"
	[ $((n % 50)) = 0 ] && echo "[round $n] pool pages in use: $(cat /sys/devices/xvcell/mem_pool_used)"
	n=$((n + 1))
done

for c in apic-demo tiny-demo; do
	[ "$(cell_state $c)" = running ] || fail "$c is '$(cell_state $c)' after $rounds rounds"
	xvcell console --cell $c | grep -q "queries" || fail "$c never reported its queries"
	xvcell cell destroy $c || fail "destroy $c failed"
done
[ "$(cat /sys/devices/xvcell/mem_pool_used)" = "$pool_before" ] ||
	fail "pool pages in use: $(cat /sys/devices/xvcell/mem_pool_used), $pool_before before"
xvcell disable || fail "disable failed"
check_dmesg_clean "during the stress rounds"
echo "cells-stress: $rounds rounds, pool back to $pool_before pages: ok"
