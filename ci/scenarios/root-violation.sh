# purpose: a module in the root cell reads hypervisor memory: the hypervisor reports the violation (cell, CPU, RIP, address) on its console and stops only that CPU; a later management call from another CPU is refused (-EBUSY) rather than waiting for the stopped one
# SPDX-License-Identifier: GPL-2.0-only
#
# Run alone in its boot, last.  Once a root CPU is stopped for good, Linux
# soon waits on it (IPIs, TLB shootdowns) and the boot ends by its time
# limit.  So the guest side announces its end before the violation, and the
# verdict is the host checker's (root-violation.check reads the UART log).
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
ensure_module
xvcell enable $(system_config) || fail "enable failed"
hv=$(grep 'xvcell hypervisor' /proc/iomem | sed 's/^ *\([0-9a-f]*\)-.*/\1/')
[ -n "$hv" ] || fail "hypervisor memory not in /proc/iomem"
target=0x$(printf '%x' $((0x$hv + 0x1000)))
last=$(sed "s/.*-//" /sys/devices/system/cpu/online)
insmod /xvc/kmod/xvc_poke.ko || fail "insmod xvc_poke failed"
echo "touching $target from CPU $last"
echo "$target $last" > /tmp/root-violation.expect
echo; echo "XVC-SCENARIO-END root-violation 0"
echo "XVC-GUEST-EXIT 0"
# CPU 0 has CPU $last read it and, a second later, makes a management
# call, which must be refused (-EBUSY, reported on the hypervisor's
# console) rather than wait for the stopped CPU.  One sysfs write: a
# process started after the violation may already need the lost CPU.
taskset -c 0 sh -c "echo '$target $last' > /sys/module/xvc_poke/parameters/read_then_manage"
dmesg | grep "xvc_poke: management hypercall after the read" | tail -n1
