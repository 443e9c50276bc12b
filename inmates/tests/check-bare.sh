#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Boot the demos bare in QEMU TCG and check their output lines, once
# through the multiboot entry (QEMU -kernel, SeaBIOS) and once from CPU
# reset state in real mode at 0:0 (BOOT=reset: the way xvcell starts a
# cell, with the command line in the image's page).  Prints "PASS name" or
# "FAIL name: reason" per run ("name" or "name-reset"); exits non-zero if
# any failed.  Builds the inmates first if needed.

set -u

inmates=$(cd "$(dirname "$0")/.." && pwd)
run_bare=$inmates/run-bare.sh
failures=0

make -s -C "$inmates" demos reset-rom.bin >/dev/null ||
	{ echo "FAIL build: make demos reset-rom.bin"; exit 1; }

# QEMU options a demo needs: pci-demo drives QEMU's edu device, in the
# slot the xvcell rigs give it.
devices_for() {
	case $1 in
	pci-demo) echo "-device edu,addr=0a.0" ;;
	esac
}

# check NAME APPEND EXPECT-LAST REQUIRED-LINE..., with $boot set
check() {
	local name=$1 append=$2 last=$3 output line label=$1
	shift 3

	[ "$boot" = multiboot ] || label=$name-$boot
	# shellcheck disable=SC2046 # the options are words on purpose
	output=$(BOOT=$boot APPEND="$append" EXPECT="$last" TIMEOUT=${CHECK_TIMEOUT:-60} \
		"$run_bare" "$name" $(devices_for "$name") 2>&1)
	if [ $? -ne 0 ]; then
		echo "FAIL $label: no line matching '$last'; output was:"
		echo "$output" | sed 's/^/    /'
		failures=$((failures + 1))
		return
	fi
	for line in "$@"; do
		if ! echo "$output" | grep -qE "$line"; then
			echo "FAIL $label: no line matching '$line'"
			failures=$((failures + 1))
			return
		fi
	done
	echo "$output" | grep -E "^$name: " | sed 's/^/    /'
	echo "PASS $label"
}

for boot in multiboot reset; do

check tiny-demo "pm_timer=0x608 check=tiny" \
	'^tiny-demo: command line "pm_timer=0x608 check=tiny"$' \
	'^tiny-demo: hello from CPU with APIC ID [0-9]+ \(bare metal\)$'

check apic-demo "pm_timer=0x608 hz=1000 reports=2" \
	'^apic-demo: shutting down$' \
	'^apic-demo: (xAPIC|x2APIC), APIC ID [0-9]+, TSC [1-9][0-9]* kHz' \
	'^apic-demo: latency min/avg/max [0-9]+/[0-9]+/[0-9]+ ns ticks 1000$' \
	'^apic-demo: latency min/avg/max [0-9]+/[0-9]+/[0-9]+ ns ticks 2000$'

check smp-demo "pm_timer=0x608 count=200" \
	'^smp-demo: 200 IPIs round-trip OK$' \
	'^smp-demo: CPU 1 \(APIC ID 1\) is up$' \
	'^smp-demo: CPU 0 sent 200 pings, CPU 1 received 200, CPU 0 received 200 pongs$'

# Bare, guest-physical is host-physical everywhere: DMA into plain RAM
# above the image (the edu's default 28-bit DMA mask reaches it).
check pci-demo "pm_timer=0x608 dma=0x400000 irqs=200" \
	'^pci-demo: done, ' \
	'^pci-demo: edu version [0-9]+\.[0-9]+ \(0x[0-9a-f]{6}ed\), liveness check ok$' \
	'^pci-demo: done, 200 MSIs of 200 raised, latency ns min/avg/max [0-9]+/[0-9]+/[0-9]+, DMA 2048 bytes ok$' \
	'^pci-demo: INTx pin 22: 200 of 200, latency ns min/avg/max [0-9]+/[0-9]+/[0-9]+$'

done

[ $failures -eq 0 ]
