# SPDX-License-Identifier: GPL-2.0-only
# Guest side of the Linux-cell benchmark (4 CPUs): timer latency as
# cyclictest measures it (xvc-cyclic: SCHED_FIFO 90, 1 ms period, 5000
# loops) of the same kernel
#   bare:    the rig's Linux before enable, on CPU 2, the root's workload
#            on CPUs 0-1;
#   in-cell: that kernel booted in linux-demo (CPUs 2-3) by 'xvcell cell
#            linux', the same workload on the root's CPUs 0-1;
# and the time from 'xvcell cell linux' to the cell's report.
set -u
C=/usr/share/xvcell/configs L=/usr/share/xvcell/linux
SHARED=0x3b800000	# linux-demo's page shared with the root
LOOPS=5000 PERIOD_US=1000
report() { dd if=/dev/mem bs=4096 skip=$((SHARED / 4096)) count=1 2>/dev/null | tr -d '\0'; }
now_us() { read up _ < /proc/uptime; echo $((${up%.*}${up#*.} * 10000)); }

# The root's workload: a busy loop on each of CPUs 0 and 1 until stopped.
start_workload() {
	for cpu in 0 1; do
		taskset -c $cpu sh -c 'while :; do echo x | md5sum >/dev/null; done' &
	done
}
stop_workload() { kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; }

start_workload
bare=$(taskset -c 2 /xvc/bin/xvc-cyclic $LOOPS $PERIOD_US)
stop_workload
echo "bare: $bare"

modprobe xvcell || exit 1
xvcell enable $C/qemu-svm.cell >/dev/null || exit 1
dd if=/dev/zero of=/dev/mem bs=4096 seek=$((SHARED / 4096)) count=1 conv=notrunc 2>/dev/null
start_workload
t0=$(now_us)
xvcell cell linux $C/linux-demo.cell $L/vmlinuz -i $L/initrd \
	-c "xvc_report=0x8000000 xvc_run=\"xvc-cyclic $LOOPS $PERIOD_US\"" >/dev/null || exit 1
i=0
until report | grep -q "^XVC-LINUX-CELL-END"; do
	[ $i -lt 600 ] || { echo "no report from the Linux cell"; exit 1; }
	sleep 0.1; i=$((i + 1))
done
t1=$(now_us)
stop_workload
cell=$(report | sed -n 's/^run> //p' | grep '^cyclic:')
echo "in cell: $cell"
xvcell cell destroy linux-demo >/dev/null; xvcell disable >/dev/null

lat() { echo "$1" | sed -n 's|.*min/avg/max \([0-9/]*\)$|\1|p'; }
echo "BENCH linux-cell-boot-to-report-seconds(incl. ${LOOPS} loops) $(awk "BEGIN { printf \"%.1f\", ($t1 - $t0) / 1000000 }")"
echo "BENCH linux-timer-latency-us-bare(min/avg/max,${LOOPS}x${PERIOD_US}us) $(lat "$bare")"
echo "BENCH linux-timer-latency-us-in-cell(min/avg/max,${LOOPS}x${PERIOD_US}us) $(lat "$cell")"
b=$(lat "$bare") c=$(lat "$cell")
[ -n "$b" ] && [ -n "$c" ] &&
	echo "BENCH linux-timer-latency in cell / bare: $(echo "$c $b" | tr / ' ' |
		awk '{ printf "min %.2f, avg %.2f, max %.2f", $1 / ($4 ? $4 : 1), $2 / ($5 ? $5 : 1), $3 / ($6 ? $6 : 1) }')"
