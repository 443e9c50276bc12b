# purpose: apic-demo in x2APIC mode on CPU 1: timer, EOI and APIC ID reads pass in hardware (no APIC exits at all, exact counts); on destroy CPU 1 goes back to Linux and is then reused by an xAPIC cell (apic-demo x2apic=0, every EOI an xAPIC exit) or, where the CPU cannot leave x2APIC mode (Bochs 2.7), is reported lost while Linux goes on (then it must be the last scenario of its boot)
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
grep -qw x2apic /proc/cpuinfo || fail "this rig's CPUs have no x2APIC (cpuinfo flags)"
fresh_enable
xvcell cell run $(apic_demo_config) $inmates/apic-demo.bin || fail "apic-demo run failed"
wait_apic_demo_reports 3 200 ||
	fail "apic-demo printed fewer than 3 reports in 20 s: $(apic_demo_log)"
apic_demo_log | grep -q "apic-demo: x2APIC, APIC ID 1" ||
	fail "apic-demo did not switch to x2APIC mode: $(apic_demo_log | head -n 3)"
apic_demo_log | tail -n 2
# Start-up exits (CPUIDs, the IA32_APIC_BASE switch, its LVT writes, which
# the hypervisor checks, console hypercalls) are over by the first report;
# from there on the timer, EOIs and APIC ID reads must not exit at all.
ticks0=$(apic_demo_ticks)
x2apic0=$(cell_stat apic-demo x2apic) xapic0=$(cell_stat apic-demo xapic)
total0=$(cell_stat apic-demo total)
wait_apic_demo_ticks $((ticks0 + 3000)) 200 ||
	fail "apic-demo did not report 3000 more ticks in 20 s: $(apic_demo_log)"
xvcell cell stats apic-demo
ticks=$(apic_demo_ticks)
xapic=$(cell_stat apic-demo xapic) x2apic=$(cell_stat apic-demo x2apic)
total=$(cell_stat apic-demo total)
dticks=$((ticks - ticks0)) dx2apic=$((x2apic - x2apic0)) dxapic=$((xapic - xapic0))
dtotal=$((total - total0))
echo "apic-demo (x2APIC): start-up $total0 exits ($x2apic0 x2APIC); then $dticks ticks, $dtotal exits, $dx2apic x2APIC, $dxapic xAPIC"
[ "$dticks" -ge 2000 ] || fail "apic-demo ran only $dticks ticks between two reads"
[ "$dx2apic" = 0 ] && [ "$dxapic" = 0 ] ||
	fail "apic-demo's APIC accesses exit in x2APIC mode ($dx2apic x2APIC, $dxapic xAPIC in $dticks ticks)"
# Only console hypercalls remain, one per report, not one per tick.
[ "$dtotal" -lt $((dticks / 20)) ] || fail "apic-demo exited $dtotal times in $dticks ticks"
xvcell cell destroy apic-demo || fail "destroy apic-demo failed"
if [ "$(cat /sys/devices/system/cpu/cpu1/online)" = 1 ]; then
	echo "CPU 1 came back from x2APIC mode"
	taskset -c 1 md5sum /bin/busybox >/dev/null || fail "CPU 1 does not run Linux tasks"
	workload 20
	# The same CPU, now for an xAPIC cell: nothing of the x2APIC mode may
	# be left (the cell's xAPIC page writes must exit and be counted).
	xvcell cell run $(apic_demo_config) $inmates/apic-demo.bin -s "x2apic=0" ||
		fail "the xAPIC apic-demo did not start on the CPU back from x2APIC mode"
	# Until this run announces itself, the console shows the last one's.
	i=0
	while [ $i -lt 100 ] && ! apic_demo_log | grep -q "apic-demo: xAPIC, APIC ID 1"; do
		sleep 0.1; i=$((i + 1))
	done
	wait_apic_demo_reports 2 200 ||
		fail "the xAPIC apic-demo printed fewer than 2 reports in 20 s: $(apic_demo_log)"
	apic_demo_log | grep -q "apic-demo: xAPIC, APIC ID 1" ||
		fail "the reused CPU's apic-demo is not in xAPIC mode: $(apic_demo_log | head -n 3)"
	ticks=$(apic_demo_ticks) xapic=$(cell_stat apic-demo xapic) x2apic=$(cell_stat apic-demo x2apic)
	echo "apic-demo (xAPIC, reused CPU 1): $ticks ticks, $xapic xAPIC exits, $x2apic x2APIC exits"
	[ "${xapic:-0}" -ge "$ticks" ] || fail "its EOIs are not counted as xAPIC exits ($xapic for $ticks ticks)"
	[ "${x2apic:-0}" = 0 ] || fail "an xAPIC cell caused $x2apic x2APIC exits"
	xvcell cell destroy apic-demo || fail "destroy of the xAPIC apic-demo failed"
	[ "$(cat /sys/devices/system/cpu/cpu1/online)" = 1 ] || fail "CPU 1 not back after the xAPIC cell"
	taskset -c 1 md5sum /bin/busybox >/dev/null || fail "CPU 1 does not run Linux tasks"
	xvcell disable || fail "disable failed"
	check_dmesg_clean "with apic-demo in x2APIC mode"
else
	xvcell console | grep "CPU 1: its local APIC did not go back from x2APIC to xAPIC mode" ||
		fail "CPU 1 did not come back and the hypervisor did not say why: $(xvcell console | tail -n 3)"
	# Disable must refuse rather than leave CPU 1 inside freed memory.
	out=$(xvcell disable 2>&1) && fail "disable succeeded with CPU 1 still under the hypervisor"
	# The hypervisor marked the CPU failed when it could not leave x2APIC.
	dmesg | grep -q "CPU 1 was stopped by the hypervisor .*disable refused" ||
		fail "disable refused without saying why: $out"
	[ "$(cat /sys/devices/xvcell/enabled)" = 1 ] || fail "a refused disable changed the state"
fi
workload 20
echo "cells-x2apic: ok"
