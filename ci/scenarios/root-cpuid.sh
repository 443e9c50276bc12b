# purpose: CPUID as the root cell sees it: SVM/VMX hidden and the "xvcellxvcell" leaf present while enabled, every CPUID counted as one exit, all as before after disable
# SPDX-License-Identifier: GPL-2.0-only
set -u
# Everything but the probe stays on CPU 0: the count is taken on CPU 1.
[ -n "${XVC_PINNED:-}" ] || XVC_PINNED=1 exec taskset -c 0 sh "$0"
. /tmp/xvc-scenarios/lib-xvc.sh
fresh_enable
xvcell disable >/dev/null || fail "disable failed"
probe=/xvc/bin/cpuid-probe
v=${XVC_EXPECT_VENDOR:-svm}
before=$($probe)
echo "$before" | grep -q "^$v 1$" || fail "$v not visible before enable: $before"

xvcell enable $(system_config) >/dev/null || fail "enable failed"
during=$($probe)
echo "$during"
echo "$during" | grep -q "^hv-signature xvcellxvcell$" || fail "no xvcell hypervisor leaf"
echo "$during" | grep -q "^hypervisor-bit 1$" || fail "hypervisor bit not set"
echo "$during" | grep -q "^svm 0$" || fail "SVM visible to the root cell"
echo "$during" | grep -q "^vmx 0$" || fail "VMX visible to the root cell"

# Exact count: 1000 more CPUIDs on CPU 1 give 1000 more CPUID exits there.
# Only the probe runs on CPU 1 (tools starting elsewhere would add their
# own start-up CPUIDs); taskset itself starts on CPU 0 and moves the probe.
cpu1_cpuid() {
	sed -n 's/^cpu 1 .* cpuid \([0-9]*\) .*/\1/p' /sys/devices/xvcell/cpu_stats
}
taskset -c 1 $probe >/dev/null
c0=$(cpu1_cpuid); taskset -c 1 $probe 1000 >/dev/null; c1=$(cpu1_cpuid)
taskset -c 1 $probe >/dev/null
c2=$(cpu1_cpuid)
# c1-c0 and c2-c1 both include one probe's own start-up CPUIDs; their
# difference is exactly the 1000 extra.
extra=$(( (c1 - c0) - (c2 - c1) ))
echo "CPUID exits: +$((c1 - c0)) with 1000 extra, +$((c2 - c1)) without"
[ $extra -eq 1000 ] || fail "1000 extra CPUIDs gave $extra extra CPUID exits"

xvcell disable >/dev/null || fail "disable failed"
after=$($probe)
[ "$after" = "$before" ] || fail "CPUID differs after disable: $after"
echo "root-cpuid: ok"
