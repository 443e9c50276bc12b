# purpose: a root Linux in x2APIC mode (QEMU 10 with VT-d interrupt remapping in x2APIC mode): enable works and says so; apic-demo (CPU 1) and smp-demo (CPUs 2-3) run beside a root workload, and their CPUs come back to Linux, which switches them to x2APIC again and runs on them; a fixed IPI the root aims at a cell's CPU through the x2APIC ICR is dropped (the same IPI to a root CPU arrives); the root never exits for its xAPIC page, and its x2APIC exits are its ICR writes
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
# IA32_APIC_BASE of CPU $1, in hex without 0x.
apicbase() {
	dd if=/dev/cpu/$1/msr bs=8 count=1 skip=$((0x1b)) iflag=skip_bytes 2>/dev/null |
		od -An -tx8 | tr -d ' '
}
all_x2apic() {
	for c in 0 1 2 3; do
		b=$(apicbase $c)
		[ $((0x${b:-0} & 0x400)) != 0 ] || fail "CPU $c's APIC is not in x2APIC mode $1 (IA32_APIC_BASE 0x$b)"
	done
}
modprobe msr || fail "modprobe msr failed"
all_x2apic "at boot: the group needs x2apic and an IOMMU with x2APIC interrupt remapping"
fresh_enable
xvcell console | grep -q "local APICs in x2APIC mode" || fail "the hypervisor does not report the x2APIC root"
grep -qw x2apic /proc/cpuinfo || fail "/proc/cpuinfo lost x2apic"

xvcell cell run $configs/apic-demo.cell $inmates/apic-demo.bin -s "x2apic=0" || fail "apic-demo run failed"
xvcell cell run $configs/smp-demo.cell $inmates/smp-demo.bin || fail "smp-demo run failed"
wait_apic_demo_reports 2 300 || fail "apic-demo made no 2 reports: $(apic_demo_log | tail -n2)"
i=0
while [ $i -lt 100 ] && ! xvcell console --cell smp-demo | grep -q "IPIs round-trip OK"; do
	sleep 0.1; i=$((i + 1))
done
xvcell console --cell smp-demo | grep -q "1000 IPIs round-trip OK" ||
	fail "smp-demo: no IPI round trips: $(xvcell console --cell smp-demo | tail -n2)"
workload 50

# Vector 0xee has no handler anywhere: Linux says so when it arrives
# ("Spurious interrupt (vector 0xee) on CPU#0"), an inmate stops with FATAL.  First to root CPU 0 (APIC ID 0), then to
# apic-demo's CPU (APIC ID 1), as x2APIC ICR writes from the root.
insmod /xvc/kmod/xvc_poke.ko 2>/dev/null || lsmod | grep -q xvc_poke || fail "insmod xvc_poke failed"
x2apic_before=$(root_stat x2apic)
dmesg -c >/dev/null
echo "830 ee" >/sys/module/xvc_poke/parameters/msr
sleep 0.2
dmesg | grep -q "Spurious interrupt (vector 0xee) on CPU#0" || fail "the root's own IPI (vector 0xee to CPU 0) did not arrive: $(dmesg | tail -n2)"
ticks=$(apic_demo_ticks)
echo "830 1000000ee" >/sys/module/xvc_poke/parameters/msr
wait_apic_demo_ticks $((ticks + 2000)) 300 || fail "apic-demo stopped ticking after the root's IPI"
apic_demo_log | grep FATAL && fail "the root's IPI reached apic-demo's CPU"
[ "$(cell_state apic-demo)" = running ] || fail "apic-demo is '$(cell_state apic-demo)'"
x2apic_after=$(root_stat x2apic)
echo "root x2APIC exits across the two pokes: $((x2apic_after - x2apic_before))"
[ $((x2apic_after - x2apic_before)) -ge 2 ] || fail "the root's ICR writes did not exit"
rmmod xvc_poke

xvcell cell destroy apic-demo || fail "destroy apic-demo failed"
xvcell cell destroy smp-demo || fail "destroy smp-demo failed"
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "CPUs not all back: $(cat /sys/devices/system/cpu/online)"
all_x2apic "after the cells (Linux switches CPUs it gets back to x2APIC)"
for c in 1 2 3; do
	taskset -c $c sh -c 'echo x | md5sum >/dev/null' || fail "Linux cannot run on CPU $c"
done
xapic=$(root_stat xapic)
echo "root: $xapic xAPIC exits, $(root_stat x2apic) x2APIC exits"
[ "${xapic:-0}" = 0 ] || fail "an x2APIC root exited $xapic times for its xAPIC page"
xvcell disable || fail "disable failed"
check_dmesg_clean "an x2APIC root with cells"
echo "root-x2apic: ok"
