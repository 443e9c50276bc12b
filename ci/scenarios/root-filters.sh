# purpose: what the root may not do to the hypervisor's devices and MSRs has no effect and is reported (IOAPIC broadcast and logical entries for a cell's CPU, IOAPIC and xAPIC stores outside a register, LVT SMI, a protected MSR changed), what it may do still works (its own entries, rewriting an MSR's value), and its console hypercall cannot read a cell's RAM; the cell keeps running
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
fresh_enable
insmod /xvc/kmod/xvc_poke.ko 2>/dev/null || lsmod | grep -q xvc_poke || fail "insmod xvc_poke failed"
poke_dir=/sys/module/xvc_poke/parameters
xvcell cell run $configs/tiny-demo.cell $inmates/tiny-demo.bin >/dev/null || fail "tiny-demo did not start"

# reported TEXT: the hypervisor console has TEXT (after the last mark).
mark() { marker=$(xvcell console | wc -c); }
reported() {
	i=0
	while [ $i -lt 20 ]; do
		xvcell console | tail -c +$((marker + 1)) | grep -q "$1" && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}

# --- IOAPIC entries, pin 23: destination in the high half ---------------------
ioapic() { echo "23 $1 $2" > $poke_dir/ioapic || fail "ioapic poke $1 $2 failed"; }
ioapic_result() { dmesg | grep "xvc_poke: ioapic pin 23 wrote $1:$2 " | tail -n1; }
# Physical 0xff is the xAPIC broadcast: it reaches tiny-demo's CPU too.
ioapic 0xff000000 0x40
ioapic_result 0xff000000 40 | grep -q "(masked)" ||
	fail "a broadcast entry was not masked: $(ioapic_result 0xff000000 40)"
# Logical 0x04 is CPU 2 in Linux's flat model: tiny-demo's.
ioapic 0x4000000 0x840
ioapic_result 0x4000000 840 | grep -q "(masked)" ||
	fail "a logical entry for a cell's CPU was not masked: $(ioapic_result 0x4000000 840)"
# Logical 0x01 is CPU 0, the root's own: written as asked.
ioapic 0x1000000 0x840
ioapic_result 0x1000000 840 | grep -q "(unmasked)" ||
	fail "the root's own logical entry was masked: $(ioapic_result 0x1000000 840)"
echo "[ioapic entries] broadcast and cell-logical masked, root-logical unmasked"

# --- IOAPIC stores outside its registers -----------------------------------
# Pin 23: destination tiny-demo's CPU (high half), low half masked; then an
# unmasked low half through 0x110, which QEMU's IOAPIC takes as the window.
raw() { echo "$1 $2" > $poke_dir/ioapic_raw || fail "ioapic_raw $1 $2 failed"; }
raw_result() { dmesg | grep "xvc_poke: ioapic write 0x$2 at offset 0x$1," | tail -n1; }
raw 0 3f
raw 10 02000000
raw 0 3e
raw 10 10040
mark
raw 110 40
reported "IOAPIC 0xfec00000: write outside its registers" ||
	fail "no report of the IOAPIC store at 0x110: $(xvcell console | tail -n 3)"
raw 0 3e
raw_result 0 3e | grep -q "window reads 0x10040" ||
	fail "the store at 0x110 changed pin 23: $(raw_result 0 3e)"
raw 10 10000
echo "[ioapic alias] store at 0x110 had no effect: $(raw_result 0 3e)"

# --- xAPIC stores outside a register, and an LVT entry with SMI -----------------
apic() { echo "$1 $2 $3" > $poke_dir/apic || fail "apic poke $1 $2 $3 failed"; }
mark
# 0x304 is the ICR to QEMU (it decodes bits 11:4): an NMI to whatever the
# ICR high half holds.  Refused: not the start of a register.
apic 304 4 0x4400
reported "4-byte write at xAPIC offset 0x304: not a whole register: ignored" ||
	fail "no report of the xAPIC store at 0x304: $(xvcell console | tail -n 3)"
mark
apic 300 1 0x40
reported "1-byte write at xAPIC offset 0x300: not a whole register: ignored" ||
	fail "no report of the 1-byte ICR store: $(xvcell console | tail -n 3)"
mark
# LINT1 with delivery mode SMI (2), masked or not.
apic 360 4 0x10200
reported "LVT entry 0x360 write 0x10200: delivery mode refused: ignored" ||
	fail "no report of the LVT SMI entry: $(xvcell console | tail -n 3)"
echo "[xapic] stores at 0x304 and one byte of the ICR, LVT SMI: ignored and reported"

# --- MSRs that route memory: read, not changed ----------------------------------
if grep -q AuthenticAMD /proc/cpuinfo; then
	flip() { echo "$1 $2" > $poke_dir/msr_flip || fail "msr_flip $1 $2 failed"; }
	mark
	flip c0010015 40000000
	dmesg | grep "xvc_poke: msr 0xc0010015 " | tail -n1 | grep -q ": refused" ||
		fail "a changed HWCR was not refused: $(dmesg | grep 'xvc_poke: msr' | tail -n1)"
	reported "MSR 0xc0010015 (HWCR) refused: the hypervisor protects it" ||
		fail "no report of the HWCR write"
	flip c0010015 0
	dmesg | grep "xvc_poke: msr 0xc0010015 " | tail -n1 | grep -q ": accepted" ||
		fail "rewriting HWCR's own value was refused: $(dmesg | grep 'xvc_poke: msr' | tail -n1)"
	echo "[msr] HWCR change refused and reported, its own value accepted"
fi

[ "$(cell_state tiny-demo)" = running ] || fail "tiny-demo is '$(cell_state tiny-demo)'"
xvcell cell destroy tiny-demo || fail "destroy failed"
xvcell disable || fail "disable failed"

# --- the root's console hypercall reads only what the root owns now ---------------
# The root config with XVC_CELL_CONSOLE_HYPERCALL (flags: header 16 +
# system descriptor up to the root cell 336 + name 32 = offset 384).
cp $(system_config) /tmp/root-hc.cell
printf '\1' | dd of=/tmp/root-hc.cell bs=1 seek=384 conv=notrunc 2>/dev/null
xvcell enable /tmp/root-hc.cell >/dev/null || fail "enable with the console flag failed"
xvcell cell run $configs/tiny-demo.cell $inmates/tiny-demo.bin >/dev/null || fail "tiny-demo did not start"
hc() { echo "13 $1 10" > $poke_dir/hypercall; dmesg | grep "xvc_poke: hypercall 0x13 ($1, 0x10)" | tail -n1; }
# tiny-demo's RAM (0x3c500000), which the root's config covers: refused.
hc 0x3c500000 | grep -q "returned -14" || fail "the root read a cell's RAM by console hypercall: $(hc 0x3c500000)"
# The root's own RAM: printed.
hc 0x100000 | grep -q "returned 16" || fail "the root's console hypercall on its own RAM failed: $(hc 0x100000)"
echo "[console hypercall] a cell's RAM refused (-EFAULT), the root's own printed"
xvcell cell destroy tiny-demo || fail "destroy failed"
xvcell disable || fail "disable failed"
rmmod xvc_poke
check_dmesg_clean "with the root's refused accesses"
echo "root-filters: ok"
