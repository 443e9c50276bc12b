# purpose: the hypervisor drives the IOMMU, VT-d (Linux booted with intel_iommu=off intremap=off, or with intel_iommu=off only and its interrupt remapping taken over) or AMD-Vi (amd_iommu=off, or iommu=pt with its interrupt remapping taken over): enable turns DMA remapping on; AMD-Vi's own PCI function reads as absent to the root (ports and MMCONFIG) and its writes are dropped and reported, until disable; AMD-Vi remaps the cell's interrupts (pci-demo's MSIs arrive through the entries the hypervisor wrote; taken over from Linux, its INTx too, and no entry of Linux's is left out); pci-demo's edu DMAs into the cell's own RAM (round trip intact); with amd-ir, 512 interrupt messages the edu forges by DMA into the interrupt window (vector 0xee to the root's CPU 0) deliver nothing; 20 create/run/destroy cycles with a round trip each leave the pool exactly as before; the same cell's edu aimed at root RAM (a page xvc_poke filled) and at hypervisor memory is blocked: the page is unchanged, the hypervisor reports a DMA violation naming the cell, the function and the address, and fails the cell; destroy gives edu and CPU back, the root keeps working; the root's own edu aimed at apic-demo's RAM (which it reached just before apic-demo took it: no stale translation) and at hypervisor memory is blocked, reported and loses bus mastering while apic-demo ticks on; pci-demo's edu aimed at apic-demo's code while both run is blocked the same way (VT-d: reported, pci-demo failed; AMD-Vi: apic-demo ticks on and a read brings none of its code back); after apic-demo's destroy the root's edu reaches its former RAM (a value goes RAM -> edu -> RAM); disable.  QEMU's AMD-Vi logs no event for a blocked access, so there each block is shown by data instead of a report: the cell's write leaves the root's page as it was, and the cell's and the root's reads of root RAM, hypervisor code and apic-demo's code (which the root's edu reached just before apic-demo took it) bring back none of it
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
edu=0000:00:0a.0
# reports=1: the unit logs blocked accesses, which the hypervisor reports.
case ${XVC_IOMMU:-} in
intel-hv|intel-ir) unit="VT-d unit at 0xfed90000" root=qemu-vtd reports=1 ;;
amd-hv|amd-ir) unit="AMD-Vi unit at 0xfed80000" root=qemu-amdvi reports=0 ;;
*) fail "the group must boot with 'iommu intel-hv', 'intel-ir', 'amd-hv' or 'amd-ir' (XVC_IOMMU=${XVC_IOMMU:-})" ;;
esac
[ -d /sys/bus/pci/devices/$edu ] || fail "no PCI device $edu: the group must boot with 'device edu'"
insmod /xvc/kmod/xvc_poke.ko 2>/dev/null || lsmod | grep -q xvc_poke || fail "insmod xvc_poke failed"

fresh_enable
xvcell console | grep "$unit"
xvcell console | grep -q "$unit: DMA remapping on" ||
	fail "enable did not turn DMA remapping on ($unit)"

# AMD-Vi's own PCI function (00:02.0, MMCONFIG page at 0xb0010000) is no
# guest's while the hypervisor drives the unit: the root reads it as
# absent through the ports and MMCONFIG, and its writes are dropped.
# MMCONFIG through xvc_poke: dword $1 of the function's page, written
# with $2 first if given; what it reads.
iommu_fn_mmcfg() {
	echo "$(printf %x $((0xb0010000 + $1))) ${2:-}" >/sys/module/xvc_poke/parameters/mmcfg ||
		fail "MMCONFIG access at $1 failed"
	dmesg | sed -n "s/.*xvc_poke: mmcfg 0x$(printf %x $((0xb0010000 + $1)))[ a-z,]* reads \(0x[0-9a-f]*\)$/\1/p" | tail -n1
}
iommu_fn_vendor() {
	echo $(($(xvc-pcicfg 00:02.0 0 2))) $(($(iommu_fn_mmcfg 0) & 0xffff))
}
if [ ${XVC_IOMMU#amd-} != $XVC_IOMMU ]; then
	[ "$(iommu_fn_vendor)" = "65535 65535" ] ||
		fail "the root reads AMD-Vi's function 00:02.0: vendor $(iommu_fn_vendor)"
	xvc-pcicfg 00:02.0 4 2 0 || fail "xvc-pcicfg write failed"
	iommu_fn_mmcfg 4 0 >/dev/null
	[ $(xvcell console | grep -c "config register 0x4 of PCI 00:02.0, an IOMMU the hypervisor drives: dropped") -ge 2 ] ||
		fail "the root's writes to AMD-Vi's function were not dropped and reported"
	xvcell console | grep "PCI 00:02.0" | tail -n 1
fi

# pci-demo-iommu's CPU set (offset 112) holds CPU 3; a 2-CPU rig has CPU 1.
cell=/tmp/pci-demo-iommu.cell
cp $(pci_demo_config) $cell
[ "$XVC_SMP" -ge 4 ] || printf '\2' | dd of=$cell bs=1 seek=112 conv=notrunc 2>/dev/null
online=$(cat /sys/devices/system/cpu/online)

# pci-demo's console since its latest start.
demo_log() {
	xvcell console --cell pci-demo |
		awk '/pci-demo: x2?APIC, APIC ID/ { n = 0 } { l[n++] = $0 }
		     END { for (i = 0; i < n; i++) print l[i] }'
}

# Each run raises its own number of MSIs, so that its "done" line is its
# own: the console is a ring that the earlier runs' lines wrap.
runs=0
demo_opts="intx=10"
run_demo() {
	runs=$((runs + 1)); irqs=$((runs + 10))
	xvcell cell run $cell $inmates/pci-demo.bin -s "irqs=$irqs $demo_opts $1" ||
		fail "pci-demo run failed"
	done_line="pci-demo: done, $irqs MSIs of $irqs raised"
	i=0
	while [ $i -lt 150 ] && ! xvcell console --cell pci-demo | grep -q "$done_line"; do
		sleep 0.2; i=$((i + 1))
	done
	xvcell console --cell pci-demo | grep "$done_line" | grep -q ", DMA [0-9]* bytes ok$" ||
		{ demo_log | tail -n 5; fail "run $runs: pci-demo's DMA round trip in its own RAM failed"; }
}

destroy_demo() {
	xvcell cell destroy pci-demo || fail "destroy failed"
	[ -z "$(cell_state pci-demo)" ] || fail "pci-demo is left"
	[ "$(cat /sys/devices/system/cpu/online)" = "$online" ] ||
		fail "CPUs online: $(cat /sys/devices/system/cpu/online), expected $online"
	[ -d /sys/bus/pci/devices/$edu ] || fail "$edu did not come back to Linux"
}

# Without reports: wait for pci-demo's line $1; no report may appear (the
# unit logs none on this rig: if it starts to, this scenario must expect
# reports), the cell runs on and is destroyed.
unreported_dma() {
	i=0
	while [ $i -lt 100 ] && ! demo_log | grep -q "$1"; do
		sleep 0.1; i=$((i + 1))
	done
	demo_log | tail -n 2
	demo_log | grep -q "$1" || fail "pci-demo did not print '$1'"
	xvcell console | grep "VIOLATION" &&
		fail "a DMA violation was reported: the unit logs blocked accesses now, expect reports (reports=1)"
	[ "$(cell_state pci-demo)" = running ] || fail "pci-demo is '$(cell_state pci-demo)'"
	destroy_demo
}

# A DMA by the cell's edu to $1, which is not the cell's: blocked, the
# cell failed with a report naming it, the edu and the page.
blocked_dma() {
	target=$1 what=$2
	run_demo "dma_to=$target"
	if [ $reports = 0 ]; then
		unreported_dma "DMA to $target finished"
		return
	fi
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
if [ $XVC_IOMMU = intel-ir ]; then
	# Every message goes through remapping: pci-demo's MSI and its
	# INTx pin reach it through entries the hypervisor wrote, verified
	# to come from the edu and from the IOAPIC (DMAR: ff:00.0).
	xvcell console | grep "cell \"pci-demo\": requester" | tail -n 2
	xvcell console | grep -q "cell \"pci-demo\": requester 00:0a.0 MSI vector 0 through remapping entries" ||
		fail "pci-demo's MSI did not get a remapping entry"
	xvcell console | grep -q "cell \"pci-demo\": requester ff:00.0 IOAPIC pin [0-9]* through remapping entries" ||
		fail "pci-demo's IOAPIC pin did not get a remapping entry"
fi
if [ $XVC_IOMMU = amd-ir ]; then
	# Linux's remapping is the hypervisor's: none of Linux's entries
	# refused, and pci-demo's INTx (through the IOAPIC's table, where
	# Linux's entries are copies) arrive as its MSIs do.
	xvcell console | grep -q "$unit: Linux's interrupt remapping taken over" ||
		fail "the hypervisor did not take Linux's interrupt remapping over"
	! xvcell console | grep "remapping entry .* left out" ||
		fail "the hypervisor left out entries of Linux's remapping tables"
	demo_log | grep -q "pci-demo: INTx pin [0-9]*: 10 of 10," ||
		fail "pci-demo's INTx did not all arrive: $(demo_log | grep 'INTx pin' | tail -n 1)"
fi
[ "$(cell_state pci-demo)" = running ] || fail "pci-demo is '$(cell_state pci-demo)'"
xvcell console | grep -q "VIOLATION" && fail "a violation in a clean run"
destroy_demo

# 20 more lives of the cell, a DMA round trip in each: every create builds
# the cell's domain and moves the edu into it, every destroy gives the
# edu and the memory back.  The pool ends where it began each time (the
# edu's bus keeps the context table the first create gave it).
base=$(cat /sys/devices/xvcell/mem_pool_used)
demo_opts="intx=0"
n=1
while [ $n -le 20 ]; do
	run_demo "" >/dev/null
	destroy_demo
	used=$(cat /sys/devices/xvcell/mem_pool_used)
	[ "$used" = "$base" ] || fail "cycle $n: $used pool pages in use after destroy, $base before"
	n=$((n + 1))
done
echo "20 cycles with DMA, $base pool pages in use after each"
demo_opts="intx=10"

# 1b. Messages the cell's edu forges: its DMA into the interrupt window,
# 512 dwords of data 0xee (fixed, vector 0xee, to APIC ID 0: the root's
# CPU 0).  Remapping drops each: no entry the hypervisor keeps on names
# it, neither in the edu's table nor in the IOAPIC's (whose device ID
# QEMU's unit takes for a DMA write it gets no requester ID with).  Linux
# says "Spurious interrupt (vector 0xee)" for one that arrives (as in
# root-x2apic).
if [ $XVC_IOMMU = amd-ir ]; then
	spurious0=$(dmesg | grep -c "vector 0xee")
	run_demo "dma_to=0xfee00000 dma_word=0xee"
	unreported_dma "DMA to 0xfee00000 finished"
	demo_log | grep -q "edu buffer filled with 0x000000ee" || fail "pci-demo did not fill the edu's buffer"
	sleep 0.5
	[ "$(dmesg | grep -c "vector 0xee")" = "$spurious0" ] ||
		fail "messages the cell's edu forged reached the root: $(dmesg | grep "vector 0xee" | tail -n 1)"
	echo "512 messages forged by DMA (vector 0xee to APIC ID 0): none delivered"
fi

# 2. Into root RAM: a page of the root that xvc_poke filled with 0xa5.
read -r page changed </sys/module/xvc_poke/parameters/dmabuf || fail "no dmabuf"
[ "$changed" = 0 ] || fail "the root's page is not all 0xa5 to begin with"
blocked_dma $page "root RAM"
read -r page2 changed </sys/module/xvc_poke/parameters/dmabuf
[ "$page2" = "$page" ] || fail "dmabuf moved"
[ "$changed" = 0 ] || fail "$changed bytes of the root's page at $page changed: the DMA got through"

# The first 32-bit word of file $1 at offset $2, as devmem prints it.
word_of() {
	hexdump -s $(($2)) -n 4 -e '1/4 "0x%08X"' $1
}
# hypervisor code: the image's second page, its .text
hv_code=$(printf 0x%x $((XVC_HV_BASE + 0x1000)))
hv_word=$(word_of /lib/firmware/xvcell.bin 0x1000)
# apic-demo code: its image is loaded at the start of its RAM, .text 0x3000
demo_code=$(printf 0x%x $((XVC_CELL_BASE + 0x3000)))
demo_word=$(word_of $inmates/apic-demo.bin 0x3000)
for w in $hv_word $demo_word; do
	[ "$w" != 0x00000000 ] || fail "a code word is 0: a blocked read would not show"
done

# A read by the cell's edu of $1 ($2 says what it is): nothing of its
# first word $3 may come back.
blocked_read() {
	run_demo "dma_from=$1"
	unreported_dma "DMA from $1 read"
	got=$(xvcell console --cell pci-demo | grep "pci-demo: DMA from $1 read" | tail -n 1 |
		awk '{ print $(NF - 1) }')
	[ -n "$got" ] || fail "no word read from $2"
	[ "$(printf 0x%08X $got)" != "$3" ] || fail "pci-demo's edu read $2 at $1 ($got)"
	echo "pci-demo's read of $2: $got, not $3"
}

# 3. Into the hypervisor's memory (its second page).  Where the unit
# reports nothing, reads show what a write could not: the page has no
# translation in the cell's domain.
blocked_dma $hv_code "hypervisor memory"
if [ $reports = 0 ]; then
	blocked_read $hv_code "hypervisor code" $hv_word
	blocked_read $page "root RAM" 0xA5A5A5A5
fi
[ "$(cat /sys/devices/xvcell/enabled)" = 1 ] || fail "the hypervisor is gone"

# The root goes on, and a clean cell runs again after the failures.
workload 50
run_demo ""
destroy_demo

# 4. The root's own edu, programmed by the root through BAR0 (no driver
# binds it): edu buffer (0x40000) <-> RAM, 8 bytes, status polled.
pcicfg() { xvc-pcicfg "$@" || fail "xvc-pcicfg $* failed"; }
bar0=$(head -n 1 /sys/bus/pci/devices/$edu/resource | cut -d' ' -f1)
# edu_dma SRC DST TO_RAM(0|1): one transfer, bus mastering on first.
edu_dma() {
	pcicfg 00:0a.0 4 2 0x0006
	devmem $((bar0 + 0x80)) 32 $1
	devmem $((bar0 + 0x88)) 32 $2
	devmem $((bar0 + 0x90)) 32 8
	devmem $((bar0 + 0x98)) 32 $((1 | $3 << 1))
	i=0
	while [ $i -lt 50 ] && [ $(($(devmem $((bar0 + 0x98)) 32) & 1)) = 1 ]; do
		sleep 0.1; i=$((i + 1))
	done
	[ $i -lt 50 ] || fail "the edu's transfer $1 -> $2 did not end"
	sleep 0.5
}
master_off() {
	[ $(($(pcicfg 00:0a.0 4 2) & 4)) = 0 ]
}
# A root DMA to $1 ($2 says what it is): blocked, reported, edu stopped.
root_blocked_dma() {
	edu_dma 0x40000 $1 1
	i=0
	while [ $i -lt 50 ] && ! master_off; do sleep 0.1; i=$((i + 1)); done
	master_off || fail "the root's edu still masters the bus after a DMA to $2"
	report=$(xvcell console | grep "VIOLATION: cell \"$root\" PCI 00:0a.0: DMA write to $(printf 0x%x $(($1 & ~0xfff))) blocked")
	[ -n "$report" ] || fail "no report of the root's DMA to $2 ($1)"
	echo "$report"
	echo "$report" | grep -q "; device stopped (bus mastering off)$" ||
		fail "the report does not say the device stopped"
}
# Without reports: a read by the root's edu of $1 ($2 says what it is)
# through the edu's buffer into root RAM: nothing of its first word $3
# may come back, and the edu is left alone.
scratch=$(printf 0x%x $((XVC_CELL_BASE + 0x300000)))
root_blocked_read() {
	devmem $scratch 32 0
	edu_dma $1 0x40000 0
	edu_dma 0x40000 $scratch 1
	got=$(devmem $scratch 32)
	[ "$got" != "$3" ] || fail "the root's edu read $2 at $1 ($got)"
	xvcell console | grep "VIOLATION" &&
		fail "a DMA violation was reported: the unit logs blocked accesses now, expect reports (reports=1)"
	master_off && fail "the root's edu was stopped without a report"
	echo "the root's read of $2: $got, not $3"
}
# apic-demo's code page, the root's until apic-demo takes it
pool=$demo_code
# root_dma_round_trip VALUE WHEN: VALUE (8 hex digits, upper case, as
# devmem prints it) goes RAM -> edu -> RAM at $pool, whose page is the
# root's now.
root_dma_round_trip() {
	devmem $pool 32 $1
	devmem $((pool + 8)) 32 0
	edu_dma $pool 0x40000 0
	edu_dma 0x40000 $((pool + 8)) 1
	[ "$(devmem $((pool + 8)) 32)" = "$1" ] ||
		fail "the root's DMA at $pool did not arrive ($2): $(devmem $((pool + 8)) 32)"
	master_off && fail "the root's edu was stopped for a DMA into its own memory ($2)"
}
# The unit now holds the root's translation of the page apic-demo takes
# next: the take must leave none of it behind (root_blocked_dma or
# root_blocked_read below).
root_dma_round_trip 0xC0DEBA5E "before apic-demo takes it"
xvcell cell run $(apic_demo_config) $inmates/apic-demo.bin >/dev/null || fail "apic-demo run failed"
wait_apic_demo_ticks 1000 300 || fail "apic-demo does not tick"
if [ $reports = 1 ]; then
	root_blocked_dma $pool "apic-demo's RAM"
	root_blocked_dma $(printf 0x%x $((XVC_HV_BASE + 0x2000))) "hypervisor memory"
else
	root_blocked_read $pool "apic-demo's code" $demo_word
	root_blocked_read $hv_code "hypervisor code" $hv_word
fi
# 5. Another cell's memory: pci-demo's edu (CPU 3) aimed at apic-demo's
# code page while apic-demo runs (CPU 1): blocked as into the root's
# (where nothing is reported, apic-demo ticking on shows the write did
# not land, and a read brings none of the code back).
online=$(cat /sys/devices/system/cpu/online)
blocked_dma $pool "another cell's RAM (apic-demo's code)"
if [ $reports = 0 ]; then
	blocked_read $pool "another cell's code (apic-demo's)" $demo_word
fi
[ "$(cell_state apic-demo)" = running ] || fail "apic-demo is '$(cell_state apic-demo)'"
ticks=$(apic_demo_ticks)
wait_apic_demo_ticks $((ticks + 1000)) 300 || fail "apic-demo stopped ticking after the root's and pci-demo's DMAs"
xvcell cell destroy apic-demo || fail "destroy apic-demo failed"
# apic-demo's former RAM is the root's again, in the root's domain too:
# a value placed there by the CPU goes to the edu and back to the next word.
root_dma_round_trip 0x5EEDF00D "after apic-demo's destroy"
pcicfg 00:0a.0 4 2 0x0000
xvcell disable || fail "disable failed"
if [ ${XVC_IOMMU#amd-} != $XVC_IOMMU ]; then
	# 0x1022: AMD
	[ "$(iommu_fn_vendor)" = "4130 4130" ] ||
		fail "after disable the root does not see AMD-Vi's function: vendor $(iommu_fn_vendor)"
fi
check_dmesg_clean "DMA remapping"
echo "dma-remap: ok"
