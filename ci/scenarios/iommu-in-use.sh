# purpose: beside a VT-d unit that Linux drives (translation on), enabling with qemu-vtd.cell (which gives the unit to the hypervisor) is refused with EBUSY and the hypervisor says to boot Linux with intel_iommu=off intremap=off; nothing changes: not enabled, Linux's IOMMU still there, and the rig's own config still enables
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
[ "${XVC_IOMMU:-}" = intel ] || fail "the group must boot with 'iommu intel' (Linux drives VT-d)"
ls /sys/class/iommu | grep -q dmar || fail "Linux drives no VT-d unit"
ensure_module
[ "$(cat /sys/devices/xvcell/enabled)" = 0 ] || xvcell disable >/dev/null || fail "cannot disable"
dmesg -c >/dev/null
out=$(xvcell enable $configs/qemu-vtd.cell 2>&1); st=$?
echo "$out"
[ $st -eq 1 ] || fail "enable: exit status $st, expected 1"
echo "$out" | grep -q "Device or resource busy" || fail "the enable did not fail with EBUSY"
xvcell console | grep "VT-d unit at 0xfed90000"
xvcell console | grep -q "VT-d unit at 0xfed90000 is in use (status 0x[0-9a-f]*): boot Linux with intel_iommu=off intremap=off" ||
	fail "the hypervisor does not say why"
[ "$(cat /sys/devices/xvcell/enabled)" = 0 ] || fail "enabled after a refused enable"
ls /sys/class/iommu | grep -q dmar || fail "Linux's VT-d unit is gone"
[ "$(cat /sys/devices/system/cpu/online)" = "0-$((XVC_SMP - 1))" ] || fail "CPUs lost: $(cat /sys/devices/system/cpu/online)"
workload 20
xvcell enable $(system_config) >/dev/null || fail "the rig's config does not enable after the refusal"
xvcell disable || fail "disable failed"
check_dmesg_clean "an IOMMU in use refused"
echo "iommu-in-use: ok"
