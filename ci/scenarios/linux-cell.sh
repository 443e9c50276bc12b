# purpose: a stock Debian kernel boots in linux-demo (CPUs 2-3, 128 MiB) with 'xvcell cell linux', N times in a row (argument, default 1) while the root works: each boot reports exactly its 2 CPUs and memory and a command's output through the shared page, with this boot's token, and writes a line through its console's tty, sent on its UART's interrupt (IOAPIC pin 5, counted in its /proc/interrupts); no violation; 'xvcell cell shutdown' is answered by the cell's init through the comm region, then destroy gives CPUs and memory back; then a kernel that panics is stopped and reported, and the root goes on (host checker: the kernel's messages reached COM3)
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
cycles=${1:-1}
linux=/usr/share/xvcell/linux
pool=0x33800000		# linux-demo's RAM, physical (guest 0)
[ -f $linux/vmlinuz ] && [ -f $linux/initrd ] || fail "no $linux/vmlinuz or initrd in this rig"
[ "${XVC_SMP:-0}" -ge 4 ] || fail "linux-demo needs the 4-CPU rig"

fresh_enable
krel=$(uname -r)
n=1
while [ $n -le $cycles ]; do
	clear_linux_report
	token=$(cat /proc/sys/kernel/random/uuid)
	t0=$(date +%s)
	xvcell cell linux $configs/linux-demo.cell $linux/vmlinuz -i $linux/initrd \
		-c "xvc_token=$token xvc_report=0x8000000 xvc_run=\"uname -r\"" ||
		fail "cycle $n: xvcell cell linux failed"
	workload 20
	report=$(wait_linux_report linux-demo "cycle $n") || { echo "$report"; exit 1; }
	t1=$(date +%s)
	echo "cycle $n: report after $((t1 - t0)) s:"
	echo "$report" | sed 's/^/  /'
	echo "$report" | grep -qx "XVC-LINUX-CELL token=$token" || fail "cycle $n: report of another boot"
	echo "$report" | grep -qx "nproc=2" || fail "cycle $n: the cell's kernel does not count 2 CPUs"
	echo "$report" | grep -qx "online=0-1" || fail "cycle $n: online CPUs are not 0-1"
	echo "$report" | grep -qx "run> $krel" || fail "cycle $n: the command's output ('uname -r' = $krel) is missing"
	# The console's tty: the line went out on COM3's interrupt, IOAPIC
	# pin 5, which linux-demo owns (the host checker finds the line).
	echo "$report" | grep -qx "tty=written" || fail "cycle $n: a write to the console's tty did not finish"
	irqs=$(echo "$report" | sed -n 's/^uart_irq=//p')
	case "$irqs" in
	[1-9]*" IO-APIC 5-"*) ;;
	*) fail "cycle $n: the UART raised no interrupt on IOAPIC pin 5: '$irqs'" ;;
	esac
	mem=$(echo "$report" | sed -n 's/^memtotal_kb=//p')
	# 128 MiB of RAM, less the kernel's image and reservations.
	[ "${mem:-0}" -gt 65536 ] && [ "${mem:-0}" -le 131072 ] ||
		fail "cycle $n: MemTotal ${mem:-?} kB is not what 128 MiB leave"
	xvcell console | grep -q 'VIOLATION: cell "linux-demo"' &&
		fail "cycle $n: violation: $(xvcell console | grep 'VIOLATION: cell "linux-demo"' | tail -n 1)"
	# Shut down through the comm region, answered by the cell's init.
	xvcell cell shutdown linux-demo || fail "cycle $n: shutdown failed"
	[ "$(cell_state linux-demo)" = shut-down ] ||
		fail "cycle $n: linux-demo is '$(cell_state linux-demo)' after shutdown"
	xvcell cell destroy linux-demo || fail "cycle $n: destroy failed"
	[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] ||
		fail "cycle $n: CPUs not all back: $(cat /sys/devices/system/cpu/online)"
	# The cell's RAM is the root's again, scrubbed: where the kernel was.
	[ -z "$(phys_page $((pool + 0x100000)))" ] || fail "cycle $n: the cell's kernel is still in its RAM after destroy"
	n=$((n + 1))
done
# A kernel that panics (here: no init) reboots at once (the tool's
# panic=-1 reboot=t), which triple-faults: the cell is stopped and
# reported, the root goes on and gets everything back.
xvcell cell linux $configs/linux-demo.cell $linux/vmlinuz -i $linux/initrd \
	-c "rdinit=/nonexistent" || fail "the panicking kernel did not start"
wait_cell_state linux-demo 1200 failed ||
	fail "a panicking Linux cell is '$(cell_state linux-demo)', not failed, after 120 s"
xvcell console | grep -q 'VIOLATION: cell "linux-demo" .*triple fault' ||
	fail "no triple-fault report for the panicking cell: $(xvcell console | tail -n 2)"
workload 5
xvcell cell destroy linux-demo || fail "destroy of the failed cell failed"
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] ||
	fail "CPUs not all back after the panic: $(cat /sys/devices/system/cpu/online)"
echo "panicking kernel: $(xvcell console | grep 'VIOLATION: cell "linux-demo"' | tail -n 1)"
check_dmesg_clean "after $cycles Linux cell(s)"
xvcell disable || fail "disable failed"
echo "linux-cell: $cycles boot(s) OK"
