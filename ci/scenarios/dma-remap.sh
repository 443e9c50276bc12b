# purpose: the hypervisor drives the VT-d unit (Linux booted with intel_iommu=off intremap=off): enable turns DMA remapping on; pci-demo's edu DMAs into the cell's own RAM (round trip intact); the same cell's edu aimed at root RAM (a page xvc_poke filled) and at hypervisor memory is blocked: the page is unchanged, the hypervisor reports a DMA violation naming the cell, the function and the address, and fails the cell; destroy gives edu and CPU back, the root keeps working, disable
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
edu=0000:00:0a.0
[ "${XVC_IOMMU:-}" = intel-hv ] || fail "the group must boot with 'iommu intel-hv' (XVC_IOMMU=${XVC_IOMMU:-})"
[ -d /sys/bus/pci/devices/$edu ] || fail "no PCI device $edu: the group must boot with 'device edu'"
insmod /xvc/kmod/xvc_poke.ko 2>/dev/null || lsmod | grep -q xvc_poke || fail "insmod xvc_poke failed"

fresh_enable
xvcell console | grep "VT-d unit at 0xfed90000"
xvcell console | grep -q "VT-d unit at 0xfed90000: DMA remapping on" ||
	fail "enable did not turn the VT-d unit's DMA remapping on"

# pci-demo-vtd's CPU set (offset 112) holds CPU 3; a 2-CPU rig has CPU 1.
cell=/tmp/pci-demo-vtd.cell
cp $(pci_demo_config) $cell
[ "$XVC_SMP" -ge 4 ] || printf '\2' | dd of=$cell bs=1 seek=112 conv=notrunc 2>/dev/null
online=$(cat /sys/devices/system/cpu/online)

# pci-demo's console since its latest start.
demo_log() {
	xvcell console --cell pci-demo |
		awk '/pci-demo: x2?APIC, APIC ID/ { n = 0 } { l[n++] = $0 }
		     END { for (i = 0; i < n; i++) print l[i] }'
}

starts() {
	xvcell console --cell pci-demo | grep -cE "pci-demo: x2?APIC, APIC ID"
}

# Run pci-demo with options $1; wait for its "done" line (of this run:
# the console still holds the earlier runs).
run_demo() {
	before=$(starts)
	xvcell cell run $cell $inmates/pci-demo.bin -s "irqs=10 intx=10 $1" ||
		fail "pci-demo run failed"
	i=0
	while [ $i -lt 300 ] && { [ "$(starts)" -le "$before" ] ||
				  ! demo_log | grep -qE "pci-demo: (done|FAILED)"; }; do
		sleep 0.1; i=$((i + 1))
	done
	demo_log | grep -q "pci-demo: done, .*, DMA [0-9]* bytes ok$" ||
		{ demo_log; fail "pci-demo's DMA round trip in its own RAM failed"; }
}

destroy_demo() {
	xvcell cell destroy pci-demo || fail "destroy failed"
	[ -z "$(cell_state pci-demo)" ] || fail "pci-demo is left"
	[ "$(cat /sys/devices/system/cpu/online)" = "$online" ] ||
		fail "CPUs online: $(cat /sys/devices/system/cpu/online), expected $online"
	[ -d /sys/bus/pci/devices/$edu ] || fail "$edu did not come back to Linux"
}

# A DMA by the cell's edu to $1, which is not the cell's: blocked, the
# cell failed with a report naming it, the edu and the page.
blocked_dma() {
	target=$1 what=$2
	run_demo "dma_to=$target"
	wait_cell_state pci-demo 300 failed ||
		{ demo_log; fail "DMA to $what ($target): pci-demo is '$(cell_state pci-demo)', not failed"; }
	demo_log | tail -n 3
	report=$(xvcell console | grep "VIOLATION: cell \"pci-demo\" PCI 00:0a.0: DMA write to $(printf 0x%x $((target & ~0xfff))) blocked")
	[ -n "$report" ] || fail "no DMA violation report for $what ($target)"
	echo "$report"
	echo "$report" | grep -q "; cell stopped$" || fail "the report does not say the cell stopped"
	destroy_demo
}

# 1. Into its own RAM: works (the round trip checks what came back).
run_demo ""
demo_log | grep "pci-demo: done"
[ "$(cell_state pci-demo)" = running ] || fail "pci-demo is '$(cell_state pci-demo)'"
xvcell console | grep -q "VIOLATION" && fail "a violation in a clean run"
destroy_demo

# 2. Into root RAM: a page of the root that xvc_poke filled with 0xa5.
read -r page changed </sys/module/xvc_poke/parameters/dmabuf || fail "no dmabuf"
[ "$changed" = 0 ] || fail "the root's page is not all 0xa5 to begin with"
blocked_dma $page "root RAM"
read -r page2 changed </sys/module/xvc_poke/parameters/dmabuf
[ "$page2" = "$page" ] || fail "dmabuf moved"
[ "$changed" = 0 ] || fail "$changed bytes of the root's page at $page changed: the DMA got through"

# 3. Into the hypervisor's memory (its second page).
blocked_dma $(printf 0x%x $((XVC_HV_BASE + 0x1000))) "hypervisor memory"
[ "$(cat /sys/devices/xvcell/enabled)" = 1 ] || fail "the hypervisor is gone"

# The root goes on, and a clean cell runs again after the failures.
workload 50
run_demo ""
destroy_demo
xvcell disable || fail "disable failed"
check_dmesg_clean "DMA remapping"
echo "dma-remap: ok"
