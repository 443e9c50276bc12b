# SPDX-License-Identifier: GPL-2.0-only
# Guest side of the cell benchmark: enable and create+load+start wall
# times, apic-demo's exits per timer tick over 10 s in a cell and its
# latency figures, hypervisor memory in use with root + apic-demo.
# XVC_BENCH_SYSTEM names the system config (qemu-svm; qemu-vtd or
# qemu-amdvi on the rigs where the hypervisor drives the IOMMU: enable
# then builds the DMA tables).
set -u
modprobe xvcell || exit 1
C=/usr/share/xvcell/configs; I=/usr/share/xvcell/inmates

# Microseconds from /proc/uptime: 10 ms steps (busybox date has no %N);
# the figures are averages over 5 runs.
now_us() { read up _ < /proc/uptime; echo $((${up%.*}${up#*.} * 10000)); }

enable_us=0; run_us=0; n=0
while [ $n -lt 5 ]; do
	t0=$(now_us); xvcell enable $C/${XVC_BENCH_SYSTEM:-qemu-svm}.cell >/dev/null || exit 1; t1=$(now_us)
	xvcell cell run $C/apic-demo.cell $I/apic-demo.bin >/dev/null || exit 1; t2=$(now_us)
	enable_us=$((enable_us + t1 - t0)); run_us=$((run_us + t2 - t1))
	n=$((n + 1))
	[ $n -lt 5 ] || break
	xvcell cell destroy apic-demo >/dev/null; xvcell disable >/dev/null
done
mem=$(cat /sys/devices/xvcell/mem_used_kib)

stat() { xvcell cell stats apic-demo --json | sed -n "s/.*\"total\": {.*\"$1\": \([0-9]*\).*/\1/p"; }
ticks() { xvcell console --cell apic-demo | sed -n 's/.*ticks \([0-9]*\).*/\1/p' | tail -n1; }
sleep 2
e0=$(stat total); k0=$(ticks)
sleep 10
e1=$(stat total); k1=$(ticks)
xvcell console --cell apic-demo | grep 'latency min' | tail -n 3
lat=$(xvcell console --cell apic-demo | grep 'latency min' | tail -n 5 |
	sed -n 's/.*min\/avg\/max [0-9]*\/\([0-9]*\)\/.*/\1/p' | sort -n | sed -n 3p)
xvcell cell destroy apic-demo >/dev/null; xvcell disable >/dev/null

echo "BENCH enable-seconds $(awk "BEGIN { printf \"%.3f\", $enable_us / 5 / 1000000 }")"
echo "BENCH cell-create-load-start-seconds $(awk "BEGIN { printf \"%.3f\", $run_us / 5 / 1000000 }")"
echo "BENCH hypervisor-memory-in-use-kib(root+apic-demo) $mem"
echo "BENCH apic-demo-exits-per-tick $(awk "BEGIN { printf \"%.2f\", ($e1 - $e0) / ($k1 - $k0) }") ($((e1 - e0)) exits, $((k1 - k0)) ticks)"
echo "BENCH apic-demo-latency-avg-ns-in-cell(median of 5 reports) $lat"
