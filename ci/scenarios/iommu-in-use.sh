# purpose: beside an IOMMU that Linux drives (VT-d or AMD-Vi, translation on), enabling with the config that gives the unit to the hypervisor (qemu-vtd.cell, qemu-amdvi.cell) is refused with EBUSY and the hypervisor says which kernel parameter leaves the unit to it (VT-d: intel_iommu=off; AMD-Vi: iommu=pt, as Linux translates DMA); nothing changes: not enabled, Linux's IOMMU still there, and the rig's own config still enables
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
case ${XVC_IOMMU:-} in
intel)
	config=qemu-vtd.cell linux_unit=dmar
	why="VT-d unit at 0xfed90000 is in use (status 0x[0-9a-f]*): boot Linux with intel_iommu=off$" ;;
amd)
	config=qemu-amdvi.cell linux_unit=ivhd
	# Linux's interrupt remapping could be taken over, its DMA
	# translation not.
	why="AMD-Vi unit at 0xfed80000: Linux translates the DMA of device ID [0-9a-f][0-9a-f]:[0-9a-f][0-9a-f]\.[0-7] (device table entry 0x[0-9a-f]*): boot Linux with iommu=pt$" ;;
*) fail "the group must boot with 'iommu intel' or 'iommu amd' (Linux drives the unit)" ;;
esac
ls /sys/class/iommu | grep -q $linux_unit || fail "Linux drives no $linux_unit unit"
ensure_module
[ "$(cat /sys/devices/xvcell/enabled)" = 0 ] || xvcell disable >/dev/null || fail "cannot disable"
dmesg -c >/dev/null
out=$(xvcell enable $configs/$config 2>&1); st=$?
echo "$out"
[ $st -eq 1 ] || fail "enable: exit status $st, expected 1"
echo "$out" | grep -q "Device or resource busy" || fail "the enable did not fail with EBUSY"
xvcell console | grep "unit at 0xfed[89]0000"
xvcell console | grep -q "$why" || fail "the hypervisor does not say why"
[ "$(cat /sys/devices/xvcell/enabled)" = 0 ] || fail "enabled after a refused enable"
ls /sys/class/iommu | grep -q $linux_unit || fail "Linux's IOMMU unit is gone"
[ "$(cat /sys/devices/system/cpu/online)" = "0-$((XVC_SMP - 1))" ] || fail "CPUs lost: $(cat /sys/devices/system/cpu/online)"
workload 20
xvcell enable $(system_config) >/dev/null || fail "the rig's config does not enable after the refusal"
xvcell disable || fail "disable failed"
check_dmesg_clean "an IOMMU in use refused"
echo "iommu-in-use: ok"
