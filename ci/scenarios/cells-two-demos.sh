# purpose: tiny-demo and apic-demo run at once while the root runs a workload; their output reaches the cell console; cell list and cell stats show them; destroy gives the CPUs back
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
fresh_enable
xvcell cell run $configs/apic-demo.cell $inmates/apic-demo.bin || fail "apic-demo run failed"
xvcell cell create $configs/tiny-demo.cell || fail "tiny-demo create failed"
xvcell cell load tiny-demo $inmates/tiny-demo.bin -s "greeting=from-root refuse_shutdown=1" ||
	fail "tiny-demo load failed"
[ "$(cell_state tiny-demo)" = loading ] || fail "tiny-demo is '$(cell_state tiny-demo)' after load, not loading"
xvcell cell start tiny-demo || fail "tiny-demo start failed"
workload 100
sleep 2
xvcell cell list
[ "$(cell_state apic-demo)" = running ] || fail "apic-demo is '$(cell_state apic-demo)'"
[ "$(cell_state tiny-demo)" = running ] || fail "tiny-demo is '$(cell_state tiny-demo)'"
xvcell cell list | grep -q "^1 .*apic-demo .*running .* 1 *-$" || fail "cell list: apic-demo line wrong"
xvcell console --cell tiny-demo | grep -q 'command line "greeting=from-root refuse_shutdown=1"' ||
	fail "tiny-demo did not print its command line: $(xvcell console --cell tiny-demo)"
xvcell console --cell tiny-demo | grep -q "hello from CPU with APIC ID 2" || fail "tiny-demo greeting missing"
# Its tick count, not a count of lines (see lib-xvc.sh).
wait_apic_demo_reports 2 50 || fail "apic-demo reached only $(apic_demo_ticks) ticks (2 reports) in 7+ s"
xvcell console --cell apic-demo | tail -n 2
xvcell cell stats apic-demo
xapic=$(cell_stat apic-demo xapic)
[ "${xapic:-0}" -gt 100 ] || fail "apic-demo's EOIs are not counted as xAPIC exits ($xapic)"
# The first request is refused (as by a cell holding a lock), the second not.
out=$(xvcell cell shutdown tiny-demo 2>&1) && fail "a refused shutdown reported success"
dmesg | grep -q "tiny-demo\" refused to shut down" || fail "no refusal message: $out"
[ "$(cell_state tiny-demo)" = running ] || fail "tiny-demo is '$(cell_state tiny-demo)' after refusing"
xvcell cell shutdown tiny-demo || fail "tiny-demo refused the second shutdown"
[ "$(cell_state tiny-demo)" = shut-down ] || fail "tiny-demo is '$(cell_state tiny-demo)' after shutdown"
xvcell console --cell tiny-demo | grep -q "shutting down" || fail "tiny-demo did not announce its shutdown"
xvcell cell destroy tiny-demo || fail "destroy tiny-demo failed"
xvcell cell destroy apic-demo || fail "destroy apic-demo failed"
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "CPUs not all back: $(cat /sys/devices/system/cpu/online)"
for c in 1 2; do taskset -c $c md5sum /bin/busybox >/dev/null || fail "CPU $c does not run Linux tasks"; done
xvcell disable || fail "disable failed"
check_dmesg_clean "with two cells"
echo "cells-two-demos: ok"
