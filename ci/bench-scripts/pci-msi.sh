# SPDX-License-Identifier: GPL-2.0-only
# Guest side of the PCI benchmark, on QEMU 10 with x2APIC and the edu at
# 00:0a.0 (AMD SVM, 4 CPUs): the root's exits per second and CPU under
# root-overhead.sh's workload and how many of them were config-space
# accesses, which the hypervisor now mediates; then pci-demo's VM exits
# per MSI delivered in a cell and its MSI latency, with the APIC forced
# into xAPIC mode (each handler's EOI is a write to the intercepted xAPIC
# page) and in x2APIC mode (the EOI passes in hardware: the target is
# 0.00).  Prints BENCH lines.
# XVC_BENCH_SYSTEM and XVC_BENCH_PCI_DEMO: other system and pci-demo
# configs (qemu-vtd and pci-demo-iommu: the hypervisor's VT-d, remapping
# every interrupt when Linux booted with its own remapping on).
set -u
modprobe xvcell || exit 1
C=/usr/share/xvcell/configs; I=/usr/share/xvcell/inmates
SYS=$C/${XVC_BENCH_SYSTEM:-qemu-svm}.cell DEMO=$C/${XVC_BENCH_PCI_DEMO:-pci-demo}.cell
ncpu=$(grep -c ^processor /proc/cpuinfo)
# pci-demo runs with few MSIs, then with many: exits per MSI are the
# difference of the two runs' exits over the difference of their MSIs,
# which cancels what the rest of a run costs (config space, console
# lines, the DMA round trip, start-up).
few=1000 many=11000

now_cs() { read up _ < /proc/uptime; echo ${up%.*}${up#*.}; }	# centiseconds

# root-overhead.sh's workload.
workload() {
	i=0
	while [ $i -lt 300 ]; do echo $i | md5sum >/dev/null; i=$((i + 1)); done
	dd if=/dev/urandom bs=1M count=4 2>/dev/null | md5sum >/dev/null
}

# Exits of cell $1 by reason $2, from the totals of its stats.
stat() {
	xvcell cell stats $1 --json | sed -n "s/.*\"total\": {.*\"$2\": \([0-9]*\).*/\1/p"
}

xvcell enable $SYS >/dev/null || exit 1

# --- the root under the workload ----------------------------------------------
workload			# warm the page cache
# This script's own stats reads are hypercalls: left out, as root-overhead.sh does.
t0=$(stat root total) h0=$(stat root hypercall) io0=$(stat root io) mmio0=$(stat root mmio)
c0=$(now_cs); workload; c1=$(now_cs)
t1=$(stat root total) h1=$(stat root hypercall) io1=$(stat root io) mmio1=$(stat root mmio)
echo "BENCH root-workload-exits-per-cpu-s(qemu10-svm,edu,without-own-hypercalls) $(awk "BEGIN { printf \"%.1f\", ($t1 - $t0 - ($h1 - $h0)) / $ncpu / (($c1 - $c0) / 100) }")"
echo "BENCH root-workload-config-port-exits(qemu10-svm,edu) $((io1 - io0)) (of $((t1 - t0 - (h1 - h0))) exits in $(awk "BEGIN { printf \"%.2f\", ($c1 - $c0) / 100 }") s)"
echo "BENCH root-workload-mmio-exits(mmconfig-writes+ioapic) $((mmio1 - mmio0))"

# --- pci-demo -------------------------------------------------------------------
# pci-demo's console since its latest start.
demo_log() {
	xvcell console --cell pci-demo |
		awk '/pci-demo: x2?APIC, APIC ID/ { n = 0 } { l[n++] = $0 }
		     END { for (i = 0; i < n; i++) print l[i] }'
}

# run_demo IRQS OPTIONS: pci-demo raising IRQS MSIs, until its result
# line; sets $result (that line), $mode and the exits: $total and by
# reason $xapic $x2apic $io $mmio.  The result line names IRQS: an earlier
# run's is never taken for this one's.
run_demo() {
	result='' total=''
	xvcell cell run $DEMO $I/pci-demo.bin -s "irqs=$1 $2" >/dev/null || return 1
	i=0
	while [ $i -lt 1200 ] &&
		! demo_log | grep -qE "pci-demo: (done, [0-9]+ MSIs of $1 raised|FAILED)"; do
		sleep 0.1; i=$((i + 1))
	done
	result=$(demo_log | grep "pci-demo: done, [0-9]* MSIs of $1 raised" | tail -n 1)
	mode=$(demo_log | sed -n 's/.*pci-demo: \(x2\{0,1\}APIC\), APIC ID.*/\1/p' | head -n 1)
	total=$(stat pci-demo total) xapic=$(stat pci-demo xapic) x2apic=$(stat pci-demo x2apic)
	io=$(stat pci-demo io) mmio=$(stat pci-demo mmio)
	[ -n "$result" ] || demo_log | tail -n 3
	xvcell cell destroy pci-demo >/dev/null
	[ -n "$result" ]
}

# measure NAME CMDLINE
measure() {
	if ! run_demo $few "$2"; then
		echo "BENCH pci-demo-exits-per-msi-$1(qemu10-svm) ? (the run with $few MSIs failed)"
		return
	fi
	t0=$total xa0=$xapic x20=$x2apic io0=$io mmio0=$mmio
	if ! run_demo $many "$2"; then
		echo "BENCH pci-demo-exits-per-msi-$1(qemu10-svm) ? (the run with $many MSIs failed)"
		return
	fi
	echo "$result"
	n=$((many - few))
	# A difference of -1 (one exit fewer in the longer run) is "0.00", not "-0.00".
	echo "BENCH pci-demo-exits-per-msi-$1(qemu10-svm,$mode) $(awk "BEGIN { x = sprintf(\"%.2f\", ($total - $t0) / $n); print (x == \"-0.00\" ? \"0.00\" : x) }") ($((total - t0)) exits for $n more MSIs: xapic $((xapic - xa0)), x2apic $((x2apic - x20)), io $((io - io0)), mmio $((mmio - mmio0)))"
	echo "BENCH pci-demo-msi-latency-ns-$1-in-cell(min/avg/max,$many MSIs) $(echo "$result" | sed -n 's|.*min/avg/max \([0-9/]*\),.*|\1|p')"
}

# Re-enabling in between starts a new console for the second mode.
measure xapic "x2apic=0"
xvcell disable >/dev/null && xvcell enable $SYS >/dev/null || exit 1
measure x2apic ""
xvcell disable >/dev/null
