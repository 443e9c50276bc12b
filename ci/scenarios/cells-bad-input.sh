# purpose: bad cell requests get a specific error and change nothing: CPU 0, a taken CPU, Linux onlining a cell's CPU, overlapping memory, image too large or outside, start twice, load while running, destroy root, unknown name
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
fresh_enable

# refused WHAT TEXT CMD...: exit 1, TEXT in the output, dmesg or hypervisor
# console, and the cell list unchanged.
refused() {
	what=$1 text=$2; shift 2
	before=$(cat /sys/devices/xvcell/cells; cat /sys/devices/system/cpu/online)
	dmesg -c >/dev/null
	out=$("$@" 2>&1); st=$?
	msgs="$out
$(dmesg)
$(xvcell console | tail -n 5)"
	echo "[$what] $(echo "$msgs" | grep -i -m1 "$text")"
	[ $st -eq 1 ] || fail "$what: exit status $st, expected 1: $out"
	echo "$msgs" | grep -qi "$text" || fail "$what: no message matching '$text': $msgs"
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
xvcell disable || fail "disable failed"
check_dmesg_clean "during bad cell input"
echo "cells-bad-input: ok"
