# purpose: on a rig without the edu device, creating pci-demo (which wants PCI 00:0a.0) fails before the hypervisor sees it, dmesg names 0000:00:0a.0, CPU 3 comes back online and no cell is left
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
edu=0000:00:0a.0
fresh_enable
[ ! -e /sys/bus/pci/devices/$edu ] || fail "this rig has a PCI device at $edu: the group must boot without 'device edu'"
before=$(cat /sys/devices/system/cpu/online)
dmesg -c >/dev/null
out=$(xvcell cell create $configs/pci-demo.cell 2>&1); st=$?
[ $st -eq 1 ] || fail "create pci-demo without its device: exit status $st, expected 1: $out"
msg=$(dmesg | grep "$edu")
echo "[refused] $msg"
echo "$msg" | grep -q 'cell "pci-demo": PCI device 0000:00:0a.0 is not present' ||
	fail "dmesg does not name $edu: $(dmesg | grep xvcell)"
[ "$(cat /sys/devices/system/cpu/online)" = "$before" ] ||
	fail "CPU 3 not back online: $(cat /sys/devices/system/cpu/online), was $before"
[ "$(awk '$1 != 0' /sys/devices/xvcell/cells)" = "" ] ||
	fail "a cell is left: $(cat /sys/devices/xvcell/cells)"
xvcell disable || fail "disable failed"
check_dmesg_clean "after a create without its PCI device"
echo "pci-handover-absent: ok"
