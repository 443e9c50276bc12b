# purpose: a stock Debian kernel in linux-nic (linux-demo plus the second e1000e, 00:0d.0, behind the IOMMU the hypervisor drives, VT-d or AMD-Vi) drives its own NIC: its kernel finds the NIC behind the host bridge of the tool's DSDT, loads the stock e1000e driver, and pings the root's NIC (00:0c.0, joined by the rig's hub) 3 of 3, and the root pings it 3 of 3; the NIC's MSI-X receive and transmit interrupts reach the cell; no violation; shutdown, destroy, CPUs back, and the NIC is back with the root's e1000e driver
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
linux=/usr/share/xvcell/linux
root_nic=0000:00:0c.0 cell_nic=0000:00:0d.0
case ${XVC_IOMMU:-none} in
intel-hv|intel-ir|amd-hv|amd-ir) ;;
*) fail "linux-nic needs an IOMMU the hypervisor drives (run-guest --iommu intel-hv or amd-hv): the NIC's DMA uses the cell's addresses" ;;
esac
[ "${XVC_SMP:-0}" -ge 4 ] || fail "linux-nic needs the 4-CPU rig"

# wait_iface PCI: its interface name, once the driver has one (10 s).
wait_iface() {
	i=0
	while [ -z "$(iface_of $1)" ]; do
		[ $i -lt 100 ] || fail "no network interface for $1"
		sleep 0.1; i=$((i + 1))
	done
	iface_of $1
}

# MSI-X interrupts of the cell's interface queue $1 (rx-0, tx-0) in the report.
cell_irqs() {
	echo "$report" | awk -v q="eth0-$1" '$1 == "run>" && $NF == q {
		for (i = 3; i <= NF && $i ~ /^[0-9]+$/; i++) n += $i
	} END { print n + 0 }'
}

modprobe e1000e || fail "cannot load e1000e"
wait_iface $cell_nic >/dev/null
fresh_enable
a=$(wait_iface $root_nic)
ip addr add 10.0.0.1/24 dev $a && ip link set $a up || fail "cannot configure $a"
clear_linux_report
token=$(cat /proc/sys/kernel/random/uuid)
xvcell cell linux $configs/linux-nic.cell $linux/vmlinuz -i $linux/initrd \
	-c "xvc_token=$token xvc_report=0x8000000 xvc_modules=e1000e xvc_run=\"ip addr add 10.0.0.2/24 dev eth0 && ip link set eth0 up && ping -c 3 -w 30 10.0.0.1; grep eth0 /proc/interrupts\"" ||
	fail "xvcell cell linux failed"
dmesg | grep -q "linux-nic.*took PCI device $cell_nic" || fail "the root did not give up $cell_nic"
report=$(wait_linux_report linux-nic "linux-nic") || { echo "$report"; exit 1; }
echo "$report" | sed 's/^/  /'
echo "$report" | grep -qx "XVC-LINUX-CELL token=$token" || fail "report of another boot"
echo "$report" | grep -q "^modprobe e1000e:" && fail "the cell could not load e1000e"
echo "$report" | grep -q "^run> 3 packets transmitted, 3 packets received" ||
	fail "the cell's pings to the root did not all come back"
[ "$(cell_irqs rx-0)" -gt 0 ] && [ "$(cell_irqs tx-0)" -gt 0 ] ||
	fail "no MSI-X receive or transmit interrupts in the cell: rx $(cell_irqs rx-0), tx $(cell_irqs tx-0)"
ping -c 3 -w 30 10.0.0.2 >/tmp/linux-nic-ping.out 2>&1
grep -q "3 packets transmitted, 3 packets received" /tmp/linux-nic-ping.out ||
	fail "the root's pings to the cell did not all come back: $(tail -n 2 /tmp/linux-nic-ping.out)"
echo "the root pinged the cell: $(tail -n 1 /tmp/linux-nic-ping.out)"
xvcell console | grep -q 'VIOLATION: cell "linux-nic"' &&
	fail "violation: $(xvcell console | grep 'VIOLATION: cell "linux-nic"' | tail -n 1)"
xvcell cell shutdown linux-nic || fail "shutdown failed"
xvcell cell destroy linux-nic || fail "destroy failed"
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] ||
	fail "CPUs not all back: $(cat /sys/devices/system/cpu/online)"
# The NIC is the root's again, probed by its driver.  (Not brought up:
# QEMU's e1000e keeps the cell's ring addresses across the reset Linux
# gives it, see Documentation/linux-cell.md, Limits.)
b=$(wait_iface $cell_nic)
echo "after destroy, $cell_nic is the root's $b again"
check_dmesg_clean "after the Linux cell with a NIC"
xvcell disable || fail "disable failed"
echo "linux-nic: OK"
