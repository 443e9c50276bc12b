# SPDX-License-Identifier: GPL-2.0-only
# Helpers for xvcell scenarios (sourced, guest side).
# On failure, show what the kernel and the hypervisor said last: a cell's
# violation report is only on the hypervisor console.
fail() {
	echo "FAIL: $*"
	dmesg | grep -i xvcell | tail -n 5
	if [ -r /sys/devices/xvcell/enabled ] &&
	   [ "$(cat /sys/devices/xvcell/enabled)" = 1 ]; then
		xvcell console 2>/dev/null | grep -E 'VIOLATION|refused|error' | tail -n 5
	fi
	exit 1
}
configs=/usr/share/xvcell/configs

# The rig's root cell config.
system_config() {
	case ${XVC_EXPECT_VENDOR:-svm} in
	svm) echo $configs/qemu-svm.cell ;;
	vmx) echo $configs/bochs-vmx.cell ;;
	esac
}

check_dmesg_clean() {
	bad=$(dmesg | grep -E 'BUG|Oops|WARNING|Call Trace|rcu.*stall' || true)
	[ -z "$bad" ] || { echo "$bad"; fail "kernel reported a problem: $1"; }
}

# A little of everything Linux does: fork/exec, files, checksums, timers.
workload() {
	i=0
	while [ $i -lt ${1:-100} ]; do
		echo $i | md5sum >/dev/null || fail "md5sum failed"
		i=$((i + 1))
	done
	dd if=/dev/urandom of=/tmp/w bs=64k count=16 2>/dev/null || fail "dd failed"
	a=$(md5sum </tmp/w); b=$(cat /tmp/w | md5sum)
	[ "$a" = "$b" ] || fail "checksums of the same file differ"
	rm -f /tmp/w
	t0=$(date +%s); sleep 1; t1=$(date +%s)
	[ $t1 -gt $t0 ] || fail "time does not advance across sleep 1"
}

# Value of a reason in 'xvcell cell stats root --json' totals.
root_stat() {
	cell_stat root "$1"
}

ensure_module() {
	lsmod | grep -q '^xvcell ' || modprobe xvcell || fail "modprobe xvcell failed"
}

# Start from a known state whatever an earlier scenario left: no cells,
# hypervisor enabled with the rig's config.
fresh_enable() {
	ensure_module
	if [ "$(cat /sys/devices/xvcell/enabled)" = 1 ]; then
		for c in $(awk '$1 != 0 { print $2 }' /sys/devices/xvcell/cells); do
			xvcell cell destroy $c >/dev/null
		done
		xvcell disable >/dev/null || fail "cannot disable what an earlier scenario left"
	fi
	dmesg -c >/dev/null
	xvcell enable $(system_config) >/dev/null || fail "enable failed"
}


inmates=/usr/share/xvcell/inmates

# State of a cell from /sys/devices/xvcell/cells ("" if it does not exist).
cell_state() {
	awk -v n="$1" '$2 == n { print $3 }' /sys/devices/xvcell/cells
}

# Wait up to $2 tenths of a second for cell $1 to reach state $3.
wait_cell_state() {
	i=0
	while [ $i -lt $2 ]; do
		[ "$(cell_state $1)" = "$3" ] && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}

# Number of console lines of a cell so far.
cell_lines() {
	xvcell console --cell "$1" | wc -l
}

# The rig's apic-demo cell (same name "apic-demo", CPU 1, the rig's memory).
apic_demo_config() {
	case ${XVC_EXPECT_VENDOR:-svm} in
	svm) echo $configs/apic-demo.cell ;;
	vmx) echo $configs/bochs-apic-demo.cell ;;
	esac
}

# Value of exit reason $2 in 'xvcell cell stats $1 --json' totals.
cell_stat() {
	xvcell cell stats "$1" --json | sed -n "s/.*\"total\": {.*\"$2\": \([0-9]*\).*/\1/p"
}

# apic-demo: wait up to $2 tenths of a second for $1 latency reports.
wait_apic_demo_reports() {
	i=0
	while [ $(xvcell console --cell apic-demo | grep -c "latency min/avg/max") -lt $1 ]; do
		[ $i -lt $2 ] || return 1
		sleep 0.1; i=$((i + 1))
	done
}

# apic-demo: timer ticks counted in its last report.
apic_demo_ticks() {
	xvcell console --cell apic-demo | sed -n 's/.*latency .* ticks \([0-9]*\)$/\1/p' | tail -n1
}
