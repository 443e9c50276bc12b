# purpose: smp-demo on CPUs 2-3: the cell starts its second CPU by INIT/SIPI and the two exchange IPIs; the root keeps both CPUs' worth of work going; destroy gives both CPUs back
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
fresh_enable
xvcell cell run $configs/smp-demo.cell $inmates/smp-demo.bin || fail "smp-demo run failed"
i=0
while [ $i -lt 100 ] && ! xvcell console --cell smp-demo | grep -q "IPIs round-trip OK"; do
	sleep 0.1; i=$((i + 1))
done
xvcell console --cell smp-demo
xvcell console --cell smp-demo | grep -q "CPU 1 (APIC ID 3) is up" || fail "the cell's second CPU did not come up"
xvcell console --cell smp-demo | grep -q "IPIs round-trip OK" || fail "no IPI round trips"
[ "$(cell_state smp-demo)" = running ] || fail "smp-demo is '$(cell_state smp-demo)'"
workload 20
init_sipi=$(cell_stat smp-demo init-sipi)
[ "${init_sipi:-0}" -ge 1 ] || fail "the second CPU did not start through emulated INIT/SIPI"
xvcell cell destroy smp-demo || fail "destroy failed"
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "CPUs not all back: $(cat /sys/devices/system/cpu/online)"
xvcell disable || fail "disable failed"
check_dmesg_clean "with smp-demo"
echo "cells-smp-demo: ok"
