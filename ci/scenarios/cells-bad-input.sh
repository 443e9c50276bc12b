# purpose: bad cell requests get a specific error and change nothing: CPU 0, a taken CPU, Linux onlining a cell's CPU, overlapping memory, image too large or outside, start twice, load while running, destroy root, unknown name; cells given what the hypervisor keeps (APIC, IOAPIC, MMCONFIG, its console, reset ports), ports or device memory the root lacks, or memory past the address limit are refused as config check refuses them
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
fresh_enable

# refused WHAT TEXT CMD...: exit 1, TEXT in the output, dmesg or hypervisor
# console, and the cell list unchanged.  TEXT is a basic regular expression
# matched in any case, or a fixed string while text_is=-F.
text_is=-e
refused() {
	what=$1 text=$2; shift 2
	before=$(cat /sys/devices/xvcell/cells; cat /sys/devices/system/cpu/online)
	dmesg -c >/dev/null
	out=$("$@" 2>&1); st=$?
	msgs="$out
$(dmesg)
$(xvcell console | tail -n 5)"
	echo "[$what] $(echo "$msgs" | grep -i -m1 $text_is "$text")"
	[ $st -eq 1 ] || fail "$what: exit status $st, expected 1: $out"
	echo "$msgs" | grep -qi $text_is "$text" || fail "$what: no message matching '$text': $msgs"
	[ "$before" = "$(cat /sys/devices/xvcell/cells; cat /sys/devices/system/cpu/online)" ] ||
		fail "$what changed the cells or CPUs"
}

# Patch bytes of a copy of a cell config: patched FILE OFFSET BYTES.
patched() {
	cp $1 /tmp/p.cell
	printf "$3" | dd of=/tmp/p.cell bs=1 seek=$2 conv=notrunc 2>/dev/null
	echo /tmp/p.cell
}
# tiny-demo: header 16 + descriptor 96 = CPU set at 112, memory at 120.
cpu0=$(patched $configs/tiny-demo.cell 112 '\1')
refused "cell with CPU 0" "CPU 0" xvcell cell create $cpu0

xvcell cell create $configs/tiny-demo.cell >/dev/null || fail "tiny-demo create failed"
refused "same cell twice" "name\|CPU 2" xvcell cell create $configs/tiny-demo.cell
refused "CPU another cell owns" "CPU 2" xvcell cell create $configs/smp-demo.cell
refused "Linux onlining a cell's CPU" "belongs to a cell" \
	sh -c "echo 1 > /sys/devices/system/cpu/cpu2/online"
# hostile-test's RAM (phys at 120) moved onto tiny-demo's 0x3c500000.
overlap=$(patched $configs/hostile-test.cell 120 '\0\0\120\74')
refused "overlapping memory" "overlap\|conflict" xvcell cell create $overlap
dd if=/dev/zero of=/tmp/big.bin bs=1k count=1100 2>/dev/null
refused "image larger than its region" "does not fit" xvcell cell load tiny-demo /tmp/big.bin
refused "image outside the loadable region" "does not fit" xvcell cell load tiny-demo $inmates/tiny-demo.bin@0x100000
xvcell cell load tiny-demo $inmates/tiny-demo.bin >/dev/null || fail "good load failed"
xvcell cell start tiny-demo || fail "start failed"
refused "start twice" "already running" xvcell cell start tiny-demo
refused "load while running" "running" xvcell cell load tiny-demo $inmates/tiny-demo.bin
refused "destroy the root cell" "root cell cannot" xvcell cell destroy root
refused "unknown cell name" "no cell named" xvcell cell start no-such-cell
refused "disable with a cell" "destroy them first" xvcell disable
xvcell cell destroy tiny-demo || fail "destroy failed"

# What the hypervisor keeps from cells and what it cannot reach (issue 10,
# items 8 and 12).  same_refusal WHAT CAUSE CELL [SYSTEM]: "xvcell config
# check SYSTEM CELL" finds violations naming CAUSE, and "xvcell cell create
# CELL" is refused with each of those messages, changing nothing.  Rules
# that need no system view refuse in the tool already (the driver and the
# hypervisor parse the same way); the others in the hypervisor, whose
# reason is on its console.
same_refusal() {
	what=$1 cause=$2 cell=$3 sys=${4:-$(system_config)}
	check=$(xvcell config check $sys $cell 2>&1)
	[ $? -eq 1 ] || fail "$what: config check found nothing: $check"
	echo "$check" | sed -n "s|^$cell: ||p" > /tmp/why
	grep -qi -e "$cause" /tmp/why || fail "$what: config check does not say '$cause': $check"
	text_is=-F
	while IFS= read -r why; do
		refused "$what" "$why" xvcell cell create $cell
	done < /tmp/why
	text_is=-e
}
same_refusal "local APIC page" "local APIC window" $configs/bad-apic-window.cell
same_refusal "reset ports" "no cell may own" $configs/bad-reset-ports.cell
same_refusal "memory past the address limit" "physical address limit" $configs/bad-phys-limit.cell
same_refusal "IOAPIC page" "covers the IOAPIC" $configs/bad-ioapic.cell
same_refusal "MMCONFIG window" "MMCONFIG window" $configs/bad-mmconfig.cell
same_refusal "hypervisor's UART" "hypervisor's debug console" $configs/bad-debug-uart.cell
same_refusal "IO region on root RAM" "not device memory" $configs/bad-io-on-ram.cell
xvcell disable || fail "disable failed"

# Ports the root is not granted: a root without 0x2f0-0x2f7 (qemu-svm's
# pio[0], 0x0-0x2f7, is at 936: its length at 940 becomes 0x2f0) and
# apic-demo with its PM timer range (pio[1], at 192) moved there.
cp $(patched $configs/qemu-svm.cell 940 '\360\002') /tmp/root-less.cell
xvcell enable /tmp/root-less.cell >/dev/null || fail "enable without ports 0x2f0-0x2f7 failed"
apic_2f0=$(patched $configs/apic-demo.cell 192 '\360\002\000\000\010\000\000\000')
same_refusal "ports the root lacks" "port 0x2f0 is not granted to the root" $apic_2f0 /tmp/root-less.cell
xvcell disable || fail "disable failed"
check_dmesg_clean "during bad cell input"
echo "cells-bad-input: ok"
