# purpose: enable, run a workload (fork/exec, files, timers, a CPU offline+online cycle) as root cell, check exit stats, disable, Linux healthy
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
ensure_module
dmesg -c >/dev/null

xvcell enable $(system_config) || fail "xvcell enable failed"
[ "$(cat /sys/devices/xvcell/enabled)" = 1 ] || fail "sysfs enabled is not 1"
xvcell console | grep -q 'xvcell enabled' || fail "hypervisor console lacks the enable message"

workload 100

# CPU hotplug while enabled: the last CPU goes and comes back (INIT/SIPI).
last=$(($(nproc) - 1))
echo 0 > /sys/devices/system/cpu/cpu$last/online || fail "CPU $last offline failed"
grep -q "^0-$((last - 1))\$\|^0\$" /sys/devices/system/cpu/online || fail "CPU $last still online"
echo 1 > /sys/devices/system/cpu/cpu$last/online || fail "CPU $last online failed"
[ "$(cat /sys/devices/system/cpu/online)" = "0-$last" ] || fail "CPUs online: $(cat /sys/devices/system/cpu/online)"
taskset -c $last md5sum /bin/busybox >/dev/null || fail "CPU $last does not run tasks after online"

xvcell cell stats root
total=$(root_stat total); cpuid=$(root_stat cpuid); initsipi=$(root_stat init-sipi)
echo "root exits: total $total cpuid $cpuid init-sipi $initsipi"
[ "${total:-0}" -gt 0 ] || fail "no exits counted for the root cell"
[ "${cpuid:-0}" -gt 0 ] || fail "no CPUID exits counted (exec of programs issues CPUID)"
[ "${initsipi:-0}" -ge 1 ] || fail "the CPU online cycle did not go through INIT/SIPI emulation"
[ "$(xvcell cell stats 0 --json)" != "" ] || fail "root does not answer to id 0"

xvcell disable || fail "xvcell disable failed"
[ "$(cat /sys/devices/xvcell/enabled)" = 0 ] || fail "sysfs enabled is not 0 after disable"
workload 20
[ "$(cat /sys/devices/system/cpu/online)" = "0-$last" ] || fail "not all CPUs online after disable"
grep -q svm /proc/cpuinfo || grep -q vmx /proc/cpuinfo || fail "virtualization flag gone from cpuinfo"
check_dmesg_clean "during enable/workload/disable"
rmmod xvcell || fail "rmmod after disable failed"
echo "enable-workload: ok"
