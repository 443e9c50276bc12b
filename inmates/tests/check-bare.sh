#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Boot the three demos bare in QEMU TCG and check their output lines.
# Prints "PASS name" or "FAIL name: reason" per demo; exits non-zero if
# any failed.  Builds the inmates first if needed.

set -u

inmates=$(cd "$(dirname "$0")/.." && pwd)
run_bare=$inmates/run-bare.sh
failures=0

make -s -C "$inmates" demos >/dev/null || { echo "FAIL build: make demos"; exit 1; }

# check NAME APPEND EXPECT-LAST REQUIRED-LINE...
check() {
	local name=$1 append=$2 last=$3 output line
	shift 3

	output=$(APPEND="$append" EXPECT="$last" TIMEOUT=${CHECK_TIMEOUT:-60} \
		"$run_bare" "$name" 2>&1)
	if [ $? -ne 0 ]; then
		echo "FAIL $name: no line matching '$last'; output was:"
		echo "$output" | sed 's/^/    /'
		failures=$((failures + 1))
		return
	fi
	for line in "$@"; do
		if ! echo "$output" | grep -qE "$line"; then
			echo "FAIL $name: no line matching '$line'"
			failures=$((failures + 1))
			return
		fi
	done
	echo "$output" | grep -E "^$name: " | sed 's/^/    /'
	echo "PASS $name"
}

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

[ $failures -eq 0 ]
