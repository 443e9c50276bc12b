# SPDX-License-Identifier: GPL-2.0-only
# Guest side of the root-cell benchmark: the peer's workload (300 x
# `echo $i | md5sum`, then 4 MiB from /dev/urandom through md5sum) with the
# hypervisor disabled and enabled in the same boot, and root exits per
# second per CPU while idle and under the workload.  Prints BENCH lines.
set -u
modprobe xvcell || exit 1
ncpu=$(grep -c ^processor /proc/cpuinfo)

now_cs() { read up _ < /proc/uptime; echo ${up%.*}${up#*.}; }	# centiseconds

workload() {
	i=0
	while [ $i -lt 300 ]; do echo $i | md5sum >/dev/null; i=$((i + 1)); done
	dd if=/dev/urandom bs=1M count=4 2>/dev/null | md5sum >/dev/null
}

timed_workload() {
	t0=$(now_cs); workload; t1=$(now_cs); echo $((t1 - t0))
}

# Root exits so far, from one read of the totals: "ALL APIC", ALL less
# the hypercalls (this script's own stats reads), APIC the exits for its
# local APIC (xAPIC page writes and x2APIC MSRs).
root_exits() {
	xvcell cell stats root --json |
		sed -n 's/.*"total": {"total": \([0-9]*\),.*"hypercall": \([0-9]*\), "xapic": \([0-9]*\), "x2apic": \([0-9]*\).*/\1 \2 \3 \4/p' |
		{ read t h x x2; echo $((t - h)) $((x + x2)); }
}
total_exits() { root_exits | { read all _; echo $all; }; }

# XVC_BENCH_SYSTEM: another QEMU system config (qemu-vtd: the hypervisor's VT-d).
case ${XVC_EXPECT_VENDOR:-svm} in svm) sys=${XVC_BENCH_SYSTEM:-qemu-svm} ;; *) sys=bochs-vmx ;; esac
workload >/dev/null		# warm the page cache
off1=$(timed_workload)
xvcell enable /usr/share/xvcell/configs/$sys.cell >/dev/null || exit 1
# Which APIC mode Linux runs in: x2APIC only with interrupt remapping.
mode=xAPIC
dmesg | grep -q "x2apic enabled\|Enabled IRQ remapping in x2apic mode\|X2APIC enabled" && mode=x2APIC
set -- $(root_exits); e0=$1 a0=$2
t0=$(now_cs); sleep 10; t1=$(now_cs)
set -- $(root_exits); e1=$1 a1=$2
idle_cs=$((t1 - t0))
e2=$(total_exits); on=$(timed_workload); e3=$(total_exits)
xvcell cell stats root
xvcell disable >/dev/null || exit 1
off2=$(timed_workload)
off=$(((off1 + off2) / 2))

echo "BENCH root-idle-exits-per-cpu-s(without-own-hypercalls) $(awk "BEGIN { printf \"%.1f\", ($e1 - $e0) / $ncpu / ($idle_cs / 100) }")"
echo "BENCH root-workload-exits-per-cpu-s(without-own-hypercalls) $(awk "BEGIN { printf \"%.1f\", ($e3 - $e2) / $ncpu / ($on / 100) }")"
echo "BENCH root-idle-apic-exits-per-cpu-s($mode) $(awk "BEGIN { printf \"%.1f\", ($a1 - $a0) / $ncpu / ($idle_cs / 100) }")"
echo "BENCH workload-seconds-disabled $(awk "BEGIN { printf \"%.2f\", $off / 100 }")"
echo "BENCH workload-seconds-enabled $(awk "BEGIN { printf \"%.2f\", $on / 100 }")"
echo "BENCH workload-ratio-enabled-disabled $(awk "BEGIN { printf \"%.2f\", $on / $off }")"
