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

# The rig's root cell config; qemu-vtd and qemu-amdvi give the hypervisor
# the IOMMU.
system_config() {
	case ${XVC_EXPECT_VENDOR:-svm} in
	svm)
		case ${XVC_IOMMU:-none} in
		intel-hv|intel-ir) echo $configs/qemu-vtd.cell ;;
		amd-hv|amd-ir) echo $configs/qemu-amdvi.cell ;;
		*) echo $configs/qemu-svm.cell ;;
		esac ;;
	vmx) echo $configs/bochs-vmx.cell ;;
	esac
}

# The rig's pci-demo cell: its edu entry names the root's IOMMU, if any.
pci_demo_config() {
	case ${XVC_IOMMU:-none} in
	intel-hv|intel-ir|amd-hv|amd-ir) echo $configs/pci-demo-iommu.cell ;;
	*) echo $configs/pci-demo.cell ;;
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

# Never count a cell's console lines to see it progress: the console ring
# holds the last 16 KiB, and once it has wrapped the number of lines in it
# stays flat however much is printed.  apic-demo's reports carry its tick
# count, which only grows.

# apic-demo's console since its latest start (the line announcing its APIC
# mode); all of it if that line has left the ring, since older runs' lines
# left it before.
apic_demo_log() {
	xvcell console --cell apic-demo |
		awk '/apic-demo: (xAPIC|x2APIC), APIC ID/ { n = 0 } { l[n++] = $0 }
		     END { for (i = 0; i < n; i++) print l[i] }'
}

# apic-demo: timer ticks counted in its last report (empty before one).
apic_demo_ticks() {
	apic_demo_log | sed -n 's/.*latency .* ticks \([0-9]*\)$/\1/p' | tail -n1
}

# apic-demo: wait up to $2 tenths of a second until its reports count $1
# ticks or more.
wait_apic_demo_ticks() {
	i=0
	while :; do
		_ticks=$(apic_demo_ticks)
		[ "${_ticks:-0}" -ge $1 ] && return 0
		[ $i -lt $2 ] || return 1
		sleep 0.1; i=$((i + 1))
	done
}

# apic-demo: wait up to $2 tenths of a second for $1 reports (one per 1000
# ticks at its default 1000 Hz).
wait_apic_demo_reports() {
	wait_apic_demo_ticks $(($1 * 1000)) $2
}

# The Linux cells' report page (linux-demo, linux-nic): where their init
# writes (xvc_report=0x8000000), physical.
linux_report_page=0x3b800000

# phys_page PHYS: the 4 KiB at PHYS, NULs dropped.
phys_page() {
	dd if=/dev/mem bs=4096 skip=$(($1 / 4096)) count=1 2>/dev/null | tr -d '\0'
}

# clear_linux_report: before a boot, so that an old report is not read.
clear_linux_report() {
	dd if=/dev/zero of=/dev/mem bs=4096 seek=$((linux_report_page / 4096)) count=1 \
		conv=notrunc 2>/dev/null || fail "cannot clear the shared page"
}

# wait_linux_report CELL WHAT: wait up to 120 s for the report of the
# Linux cell CELL (its init's last line), failing with WHAT if the cell
# stops running or nothing comes; then print it.
wait_linux_report() {
	i=0
	until phys_page $linux_report_page | grep -q "^XVC-LINUX-CELL-END"; do
		[ "$(cell_state $1)" = running ] ||
			fail "$2: $1 is '$(cell_state $1)'"
		[ $i -lt 240 ] || fail "$2: no report from the Linux cell in 120 s"
		sleep 0.5; i=$((i + 1))
	done
	phys_page $linux_report_page
}

# The interface of the network device at PCI address $1 ("" if none).
iface_of() {
	for n in /sys/class/net/*; do
		[ "$(basename "$(readlink -f $n/device 2>/dev/null)")" = "$1" ] &&
			basename $n
	done
}
