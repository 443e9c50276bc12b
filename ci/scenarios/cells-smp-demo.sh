# purpose: smp-demo on CPUs 2-3: the cell starts its second CPU by INIT/SIPI and the two exchange IPIs (argument xapic or x2apic: the APIC mode, default x2APIC where the rig has it); the root keeps both CPUs' worth of work going; destroy gives both CPUs back
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
case ${1:-} in
xapic) args=x2apic=0 mode=xAPIC ;;
x2apic) args=x2apic=1 mode=x2APIC ;;
"") args= mode=xAPIC; [ "${XVC_X2APIC:-0}" = 1 ] && mode=x2APIC ;;
*) fail "unknown APIC mode '$1' (xapic or x2apic)" ;;
esac
[ $mode = xAPIC ] || grep -qw x2apic /proc/cpuinfo || fail "this rig's CPUs have no x2APIC"
fresh_enable
xvcell cell run $configs/smp-demo.cell $inmates/smp-demo.bin ${args:+-s "$args"} || fail "smp-demo run failed"
i=0
while [ $i -lt 100 ] && ! xvcell console --cell smp-demo | grep -q "IPIs round-trip OK"; do
	sleep 0.1; i=$((i + 1))
done
xvcell console --cell smp-demo
xvcell console --cell smp-demo | grep -q "(APIC ID 2, $mode) starting APIC ID 3" ||
	fail "smp-demo did not run in $mode mode"
xvcell console --cell smp-demo | grep -q "CPU 1 (APIC ID 3) is up" || fail "the cell's second CPU did not come up"
xvcell console --cell smp-demo | grep -q "1000 IPIs round-trip OK" || fail "no IPI round trips"
[ "$(cell_state smp-demo)" = running ] || fail "smp-demo is '$(cell_state smp-demo)'"
workload 20
init_sipi=$(cell_stat smp-demo init-sipi)
[ "${init_sipi:-0}" -ge 1 ] || fail "the second CPU did not start through emulated INIT/SIPI"
# Every ping and pong is an ICR write, which exits in either mode; in
# x2APIC mode nothing else of the APIC does (EOIs pass in hardware).
xapic=$(cell_stat smp-demo xapic) x2apic=$(cell_stat smp-demo x2apic)
echo "smp-demo ($mode): $xapic xAPIC exits, $x2apic x2APIC exits for 1000 round trips"
if [ $mode = x2APIC ]; then
	[ "${x2apic:-0}" -ge 2000 ] || fail "only ${x2apic:-0} x2APIC exits for 2000 IPIs"
	[ "${xapic:-0}" = 0 ] || fail "$xapic xAPIC exits in x2APIC mode"
else
	[ "${xapic:-0}" -ge 2000 ] || fail "only ${xapic:-0} xAPIC exits for 2000 IPIs"
	[ "${x2apic:-0}" = 0 ] || fail "$x2apic x2APIC exits in xAPIC mode"
fi
xvcell cell destroy smp-demo || fail "destroy failed"
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "CPUs not all back: $(cat /sys/devices/system/cpu/online)"
xvcell disable || fail "disable failed"
check_dmesg_clean "with smp-demo"
echo "cells-smp-demo: ok"
