# purpose: beside an IOMMU that Linux drives, a cell with a PCI device (pci-demo's edu, moved to CPU 1) is refused at create with EOPNOTSUPP and a message naming the device and its IOMMU group, before anything changes: the edu stays Linux's, CPU 1 comes back, no cell is left
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
edu=0000:00:0a.0
dev=/sys/bus/pci/devices/$edu
[ -e $dev/iommu_group ] || fail "$edu has no IOMMU group: the group must boot with an IOMMU and 'device edu'"
fresh_enable
# pci-demo's CPU set (offset 112) holds CPU 3, which a 2-CPU rig lacks.
cp $configs/pci-demo.cell /tmp/pci-cpu1.cell
printf '\2' | dd of=/tmp/pci-cpu1.cell bs=1 seek=112 conv=notrunc 2>/dev/null
out=$(xvcell cell create /tmp/pci-cpu1.cell 2>&1); st=$?
echo "$out"
[ $st -eq 1 ] || fail "create: exit status $st, expected 1"
echo "$out" | grep -q 'failed: Operation not supported$' || fail "the create did not fail with EOPNOTSUPP"
dmesg | grep "xvcell: cell \"pci-demo\""
dmesg | grep -q "cell \"pci-demo\": PCI device $edu is behind an IOMMU that Linux drives (IOMMU group [0-9]*)" ||
	fail "no message naming $edu and its IOMMU group"
dmesg | grep -q "pci-demo.*unbound driver\|pci-demo.*took PCI device" && fail "the device was touched before the refusal"
[ -d $dev ] || fail "$edu left Linux"
[ -z "$(cell_state pci-demo)" ] || fail "a pci-demo cell is left"
[ "$(cat /sys/devices/system/cpu/online)" = 0-1 ] || fail "CPU 1 not back: $(cat /sys/devices/system/cpu/online)"
xvcell disable || fail "disable failed"
check_dmesg_clean "a device behind Linux's IOMMU refused"
echo "pci-behind-linux-iommu: ok"
