# SPDX-License-Identifier: GPL-2.0-only
# Guest side of the APIC-mode benchmark, on Bochs (Intel VMX) and on QEMU
# 10 with x2APIC (AMD SVM): apic-demo's VM exits per timer tick in a cell,
# with the APIC in x2APIC mode (timer, EOI and ID reads pass in hardware:
# the target is 0.00) and, for comparison, forced into xAPIC mode (every
# EOI is a write to the intercepted xAPIC page).
set -u
modprobe xvcell || exit 1
C=/usr/share/xvcell/configs; I=/usr/share/xvcell/inmates
if grep -q GenuineIntel /proc/cpuinfo; then
	system=$C/bochs-vmx.cell cell=$C/bochs-apic-demo.cell rig=bochs-vmx
else
	system=$C/qemu-svm.cell cell=$C/apic-demo.cell rig=qemu10-svm
fi
xvcell enable $system >/dev/null || exit 1

stat() { xvcell cell stats apic-demo --json | sed -n "s/.*\"total\": {.*\"$1\": \([0-9]*\).*/\1/p"; }
ticks() { xvcell console --cell apic-demo | sed -n 's/.*ticks \([0-9]*\).*/\1/p' | tail -n1; }
# Reports so far, from the tick count of the last one (1000 per report at
# the default 1000 Hz): a count of lines would stay flat once the 16 KiB
# console ring has wrapped.
reports() { k=$(ticks); echo $((${k:-0} / 1000)); }

# MODE CMDLINE: run apic-demo, count exits and ticks between its 2nd and
# 5th report (start-up exits are not per tick).
measure() {
	xvcell cell run $cell $I/apic-demo.bin ${2:+-s "$2"} >/dev/null || exit 1
	i=0
	while [ "$(reports)" -lt 2 ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
	e0=$(stat total); k0=$(ticks)
	while [ "$(reports)" -lt 5 ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i + 1)); done
	e1=$(stat total); k1=$(ticks)
	xvcell console --cell apic-demo | grep -E '^apic-demo: (x2)?APIC|latency min' | tail -n 2
	xvcell cell destroy apic-demo >/dev/null
	if [ -z "$k0" ] || [ -z "$k1" ] || [ "$k1" -le "$k0" ]; then
		echo "BENCH apic-demo-exits-per-tick-$1($rig) ? (no timer reports)"
		return
	fi
	echo "BENCH apic-demo-exits-per-tick-$1($rig) $(awk "BEGIN { printf \"%.2f\", ($e1 - $e0) / ($k1 - $k0) }") ($((e1 - e0)) exits, $((k1 - k0)) ticks)"
}

# xAPIC first: Bochs cannot take the CPU back from x2APIC mode afterwards.
# Re-enabling in between starts a new console, so that the second run's
# reports are not counted with the first's (same cell name).
measure xapic "x2apic=0"
xvcell disable >/dev/null && xvcell enable $system >/dev/null || exit 1
measure x2apic ""
