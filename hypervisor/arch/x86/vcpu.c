// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exit handling both vendors share: CPUID filtering and the MSR policy.
 */
#include <xvc/cell.h>
#include <xvc/control.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <xvc/string.h>
#include <asm/apic.h>
#include <asm/processor.h>
#include <asm/vcpu.h>

#define CPUID_HV_BASE			0x40000000
#define CPUID_HV_LAST			0x400000ff

/* Leaf 0x40000000: highest hypervisor leaf, "xvcellxvcell" in EBX:ECX:EDX. */
static void hypervisor_leaf(u32 leaf, struct cpuid_regs *r)
{
	static const char signature[12] = "xvcellxvcell";

	r->eax = r->ebx = r->ecx = r->edx = 0;
	if (leaf != CPUID_HV_BASE)
		return;
	r->eax = CPUID_HV_BASE;
	memcpy(&r->ebx, signature, 4);
	memcpy(&r->ecx, signature + 4, 4);
	memcpy(&r->edx, signature + 8, 4);
}

void vcpu_handle_cpuid(struct per_cpu *pc, struct guest_regs *regs)
{
	u32 leaf = regs->rax, subleaf = regs->rcx;
	struct cpuid_regs r;

	if (leaf >= CPUID_HV_BASE && leaf <= CPUID_HV_LAST) {
		hypervisor_leaf(leaf, &r);
	} else {
		cpuid_count(leaf, subleaf, &r);
		if (leaf == 1) {
			r.ecx &= ~CPUID1_ECX_VMX;
			/* The root keeps xAPIC mode (apic_handle_base_write). */
			if (pc->cell == &root_cell)
				r.ecx &= ~CPUID1_ECX_X2APIC;
			r.ecx |= CPUID1_ECX_HYPERVISOR;
		} else if (leaf == 0x80000001) {
			r.ecx &= ~CPUID_EXT1_ECX_SVM;
		} else if (leaf == 0x8000000a) {
			r.eax = r.ebx = r.ecx = r.edx = 0;
		}
	}
	regs->rax = r.eax;
	regs->rbx = r.ebx;
	regs->rcx = r.ecx;
	regs->rdx = r.edx;
}

static bool handle_efer(struct guest_regs *regs, bool write, u64 *guest_efer)
{
	if (write)
		*guest_efer = (regs->rdx << 32) | (u32)regs->rax;
	else {
		regs->rax = (u32)(*guest_efer & ~EFER_SVME);
		regs->rdx = 0;
	}
	return true;
}

unsigned int vcpu_msr_stat(u32 msr)
{
	return msr >= MSR_X2APIC_BASE && msr <= MSR_X2APIC_END ?
		XVC_STAT_X2APIC : XVC_STAT_MSR;
}

/*
 * An MSR access the permission map sent here: EFER is virtualized, the
 * hypervisor's own MSRs do not exist for cells (#GP), the local APIC's
 * belong to whoever has the CPU (apic.c decides), granted MSRs outside the
 * map are carried out, and anything else is a violation.
 */
bool vcpu_handle_msr(struct per_cpu *pc, struct guest_regs *regs, u64 rip,
		     bool write, u64 *guest_efer)
{
	u32 msr = regs->rcx;
	u64 val = (regs->rdx << 32) | (u32)regs->rax;
	int err;

	if (msr == MSR_EFER)
		return handle_efer(regs, write, guest_efer);
	if (msr == MSR_VM_CR || msr == MSR_VM_HSAVE_PA ||
	    msr == MSR_IA32_FEATURE_CONTROL)
		return false;
	if (msr >= MSR_X2APIC_BASE && msr <= MSR_X2APIC_END)
		return apic_handle_x2apic_msr(pc, msr, write, val, rip);
	if (msr == MSR_IA32_APICBASE && write)
		return apic_handle_base_write(pc, val, rip);

	if (!cell_msr_allowed(pc->cell, msr, write))
		cpu_violation(pc, rip, "%s of MSR 0x%x not granted (value 0x%lx)",
			      write ? "write" : "read", msr, write ? val : 0);

	if (write)
		return wrmsr_safe(msr, val) == 0;
	err = rdmsr_safe(msr, &val);
	regs->rax = (u32)val;
	regs->rdx = val >> 32;
	return err == 0;
}

/*
 * Ports the cell may use directly get a clear bit in a one-bit-per-port map
 * (1 = exit), the format SVM's IOPM and VMX's I/O bitmaps A+B share.  The
 * root lends its ports to the cells that own them.  The map starts all
 * set (arch_cell_create); only ports of the cell's config ever open.
 *
 * The root's map changes while the root runs, so each port's bit is
 * changed on its own and only if it must: a port that stays open is never
 * closed for an instant (an access then would count as a violation).
 */
void vcpu_build_io_bitmap(struct cell *cell, u8 *bitmap)
{
	const struct xvc_pio_range *r;
	unsigned int n;
	u8 old, new, bit;
	u32 port;

	for (n = 0; n < cell->config.num_pio; n++) {
		r = &cell->config.pio[n];
		for (port = r->start; port < r->start + r->length; port++) {
			bit = 1 << (port % 8);
			old = bitmap[port / 8];
			if (cell != &root_cell || !pio_taken_by_cell(port))
				new = old & ~bit;
			else
				new = old | bit;
			if (new != old)
				WRITE_ONCE(bitmap[port / 8], new);
		}
	}
}

/*
 * Everything intercepted, then the cell's MSR grants and its own x2APIC
 * opened through the vendor's @set; the vendor closes its own MSRs again
 * afterwards.  Built before the cell first runs, never changed after.
 */
void vcpu_build_msr_bitmap(struct cell *cell, u8 *bitmap, unsigned long pages,
			   msr_bitmap_setter set)
{
	const struct xvc_msr_range *r;
	unsigned int n;
	u32 msr;

	memset(bitmap, 0xff, pages * PAGE_SIZE);
	for (n = 0; n < cell->config.num_msr; n++) {
		r = &cell->config.msr[n];
		for (msr = r->first; msr - r->first < r->count; msr++)
			set(bitmap, msr, !(r->flags & XVC_MSR_READ),
			    !(r->flags & XVC_MSR_WRITE));
	}
	apic_open_x2apic_msrs(cell, bitmap, set);
}
