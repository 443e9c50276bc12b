# purpose: apic-demo runs as a cell on CPU 1 of a 2-CPU rig (either vendor), in xAPIC mode: its timer reports reach the cell console, each EOI is an xAPIC exit, it approves a shutdown request, destroy gives CPU 1 back to Linux, disable
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
# xAPIC mode on both rigs (QEMU TCG has no x2APIC; on Bochs x2apic=0):
# Bochs cannot take a CPU back from x2APIC mode, see cells-x2apic.
mode=xAPIC
fresh_enable
xvcell cell run $(apic_demo_config) $inmates/apic-demo.bin -s "x2apic=0" || fail "apic-demo run failed"
[ "$(cell_state apic-demo)" = running ] || fail "apic-demo is '$(cell_state apic-demo)'"
[ "$(cat /sys/devices/system/cpu/online)" = 0 ] || fail "CPU 1 still online: $(cat /sys/devices/system/cpu/online)"
# Reports come once a second (1000 ticks at 1000 Hz): wait for two.
wait_apic_demo_reports 2 100 ||
	fail "apic-demo printed fewer than 2 reports in 10 s: $(xvcell console --cell apic-demo)"
xvcell console --cell apic-demo | grep -q "apic-demo: $mode, APIC ID 1" ||
	fail "apic-demo did not announce itself in $mode mode: $(xvcell console --cell apic-demo | head -n 3)"
xvcell console --cell apic-demo | tail -n 3
xvcell cell stats apic-demo
ticks=$(apic_demo_ticks)
xapic=$(cell_stat apic-demo xapic) x2apic=$(cell_stat apic-demo x2apic)
total=$(cell_stat apic-demo total)
echo "apic-demo: $ticks ticks, exits: $total in all, $xapic xAPIC, $x2apic x2APIC"
[ "${ticks:-0}" -ge 2000 ] || fail "apic-demo reports only ${ticks:-no} ticks"
# Every tick's EOI is a write to the xAPIC page.
[ "${xapic:-0}" -ge "$ticks" ] || fail "apic-demo's EOIs are not counted as xAPIC exits ($xapic for $ticks ticks)"
workload 20
xvcell cell shutdown apic-demo || fail "apic-demo refused to shut down"
[ "$(cell_state apic-demo)" = shut-down ] || fail "apic-demo is '$(cell_state apic-demo)' after shutdown"
xvcell console --cell apic-demo | grep -q "apic-demo: shutting down" ||
	fail "apic-demo did not announce its shutdown"
xvcell cell destroy apic-demo || fail "destroy apic-demo failed"
[ "$(cat /sys/devices/system/cpu/online)" = 0-1 ] || fail "CPU 1 not back: $(cat /sys/devices/system/cpu/online)"
taskset -c 1 md5sum /bin/busybox >/dev/null || fail "CPU 1 does not run Linux tasks"
xvcell disable || fail "disable failed"
check_dmesg_clean "with apic-demo"
echo "cells-apic-demo: ok"
