# purpose: the root cell may not move its local APIC or switch its mode (which would take the ICR out of the hypervisor's filtering): the write fails with #GP, the APIC stays, Linux goes on
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
fresh_enable
insmod /xvc/kmod/xvc_poke.ko 2>/dev/null || lsmod | grep -q xvc_poke || fail "insmod xvc_poke failed"
# 0xfed00800: base 0xfed00000 with the enable bit, written on CPU 1 (not
# the boot CPU, so bit 8 is rightly clear).  Natively the move succeeds.
taskset -c 1 sh -c "echo 0xfed00800 > /sys/module/xvc_poke/parameters/apicbase" ||
	fail "the apicbase poke failed"
line=$(dmesg | grep "xvc_poke: apicbase" | tail -n1)
echo "$line"
echo "$line" | grep -q ": refused, reads 0xfee00" || fail "moving the APIC base was not refused: $line"
xvcell console | grep -q "IA32_APIC_BASE .* refused" || fail "no report of the refused APIC base write"
workload 10
xvcell disable || fail "disable failed"
rmmod xvc_poke
echo "root-apicbase: ok"
