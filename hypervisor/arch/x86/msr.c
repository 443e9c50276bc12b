// SPDX-License-Identifier: GPL-2.0-only
/*
 * MSRs: the permission map and the policy for the accesses it sends here.
 *
 * A cell's MSR map starts with everything intercepted and opens exactly
 * what its config grants.  Whatever a config grants, the hypervisor keeps
 * its own MSRs: EFER (virtualized: the guest never sees SVME), the APIC
 * base (apic.c), and the fixed list below of MSRs that switch
 * virtualization on or route memory accesses (the hypervisor's own among
 * them) elsewhere.  Both vendors use this one list.
 */
#include <xvc/cell.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <xvc/string.h>
#include <asm/apic.h>
#include <asm/processor.h>
#include <asm/vcpu.h>

enum hypervisor_msr_kind {
	/* Does not exist for guests: reads and writes raise #GP. */
	MSR_ABSENT,
	/* Guests read it; a write that would change it is refused. */
	MSR_WRITE_PROTECTED,
};

static const struct hypervisor_msr {
	u32 first, last;
	enum hypervisor_msr_kind kind;
	const char *name;
} hypervisor_msrs[] = {
	/* Virtualization is the hypervisor's. */
	{ 0x0000003a, 0x0000003a, MSR_ABSENT, "IA32_FEATURE_CONTROL" },
	{ 0x0000009b, 0x0000009b, MSR_ABSENT, "IA32_SMM_MONITOR_CTL" },
	{ 0x00000480, 0x00000492, MSR_ABSENT, "IA32_VMX capability" },
	{ 0xc0010114, 0xc0010118, MSR_ABSENT, "VM_CR/IGNNE/SMM_CTL/VM_HSAVE_PA/SVM_KEY" },
	/* Where memory accesses go: system RAM, MMIO or SMM. */
	{ 0x000001f2, 0x000001f3, MSR_WRITE_PROTECTED, "IA32_SMRR" },
	{ 0xc0010010, 0xc0010010, MSR_WRITE_PROTECTED, "SYSCFG" },
	{ 0xc0010015, 0xc0010015, MSR_WRITE_PROTECTED, "HWCR" },
	{ 0xc0010016, 0xc0010019, MSR_WRITE_PROTECTED, "IORR" },
	{ 0xc001001a, 0xc001001a, MSR_WRITE_PROTECTED, "TOP_MEM" },
	{ 0xc001001d, 0xc001001d, MSR_WRITE_PROTECTED, "TOP_MEM2" },
	{ 0xc0010058, 0xc0010058, MSR_WRITE_PROTECTED, "MMIO_CONF_BASE" },
	{ 0xc0010111, 0xc0010113, MSR_WRITE_PROTECTED, "SMM_BASE/SMM_ADDR/SMM_MASK" },
};

static const struct hypervisor_msr *hypervisor_msr(u32 msr)
{
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(hypervisor_msrs); n++)
		if (msr >= hypervisor_msrs[n].first && msr <= hypervisor_msrs[n].last)
			return &hypervisor_msrs[n];
	return NULL;
}

void vcpu_build_msr_bitmap(struct cell *cell, u8 *bitmap)
{
	msr_bitmap_setter set = vendor->msr_bitmap_set;
	const struct hypervisor_msr *hm;
	const struct xvc_msr_range *r;
	unsigned int n;
	u32 msr;

	memset(bitmap, 0xff, vendor->msr_bitmap_pages * PAGE_SIZE);
	for (n = 0; n < cell->config.num_msr; n++) {
		r = &cell->config.msr[n];
		for (msr = r->first; msr - r->first < r->count; msr++)
			set(bitmap, msr, !(r->flags & XVC_MSR_READ),
			    !(r->flags & XVC_MSR_WRITE));
	}
	apic_open_x2apic_msrs(cell, bitmap, set);
	for (n = 0; n < ARRAY_SIZE(hypervisor_msrs); n++) {
		hm = &hypervisor_msrs[n];
		for (msr = hm->first; msr <= hm->last; msr++)
			set(bitmap, msr, hm->kind == MSR_ABSENT ||
			    !cell_msr_allowed(cell, msr, false), true);
	}
	set(bitmap, MSR_EFER, true, true);
	/*
	 * Reading where the APIC is is harmless; moving it is not (apic.c).
	 * A cell's reads exit too, for its own BSP flag.
	 */
	set(bitmap, MSR_IA32_APICBASE, cell != &root_cell, true);
}

enum exit_action vcpu_inject_gp(struct per_cpu *pc)
{
	vendor->inject_exception(pc, X86_GP_VECTOR, true, 0);
	return EXIT_RESUME;
}

static u64 msr_value(const struct guest_regs *regs)
{
	return (regs->rdx << 32) | (u32)regs->rax;
}

static enum exit_action complete_read(struct per_cpu *pc,
				      const struct vcpu_exit *ex, u64 value)
{
	pc->arch.regs.rax = (u32)value;
	pc->arch.regs.rdx = value >> 32;
	vcpu_skip_instruction(pc, ex, ex->insn_len);
	return EXIT_RESUME;
}

/* EFER is the guest's, but for SVME, which the vendor keeps set. */
static enum exit_action handle_efer(struct per_cpu *pc, const struct vcpu_exit *ex,
				    bool write)
{
	struct guest_state gs;

	if (write) {
		vendor->set_efer(pc, msr_value(&pc->arch.regs) & ~EFER_SVME);
		vcpu_skip_instruction(pc, ex, ex->insn_len);
		return EXIT_RESUME;
	}
	vendor->get_guest_state(pc, &gs);
	return complete_read(pc, ex, gs.efer & ~EFER_SVME);
}

/*
 * An MSR the cell was not granted: a broken rule, or, for a cell that asked
 * for it, an MSR this CPU does not have.
 */
static enum exit_action ungranted_msr(struct per_cpu *pc, u32 msr, bool write,
				      const char *name)
{
	if (cell_has_absent_ungranted(pc->cell))
		return vcpu_inject_gp(pc);
	return violation(pc, "%s of MSR 0x%x%s%s%s not granted (value 0x%lx)",
			 write ? "write" : "read", msr, name ? " (" : "",
			 name ? name : "", name ? ")" : "",
			 write ? msr_value(&pc->arch.regs) : 0);
}

/*
 * A hypervisor MSR: absent ones fault.  Writing a protected one with the
 * value it has is harmless (Linux does so when a CPU comes back); any
 * other write stops a cell, and faults for the root with a report.
 */
static enum exit_action handle_hypervisor_msr(struct per_cpu *pc,
					      const struct vcpu_exit *ex,
					      const struct hypervisor_msr *hm,
					      u32 msr, bool write)
{
	u64 value = msr_value(&pc->arch.regs), current;

	if (hm->kind == MSR_WRITE_PROTECTED && !cell_msr_allowed(pc->cell, msr, write))
		return ungranted_msr(pc, msr, write, hm->name);
	if (hm->kind == MSR_ABSENT || rdmsr_safe(msr, &current))
		return vcpu_inject_gp(pc);
	if (!write)
		return complete_read(pc, ex, current);
	if (value == current) {
		vcpu_skip_instruction(pc, ex, ex->insn_len);
		return EXIT_RESUME;
	}
	if (pc->cell != &root_cell)
		return violation(pc, "write 0x%lx to MSR 0x%x (%s), which the hypervisor protects",
				 value, msr, hm->name);
	printk("cell \"%s\" CPU %u: write 0x%lx to MSR 0x%x (%s) refused: the hypervisor protects it\n",
	       cell_name(pc->cell), pc->cpu_id, value, msr, hm->name);
	return vcpu_inject_gp(pc);
}

/* A granted MSR outside what the map can express: carried out here. */
static enum exit_action pass_msr(struct per_cpu *pc, const struct vcpu_exit *ex,
				 u32 msr, bool write)
{
	u64 value = msr_value(&pc->arch.regs);

	if (write) {
		if (wrmsr_safe(msr, value))
			return vcpu_inject_gp(pc);
		vcpu_skip_instruction(pc, ex, ex->insn_len);
		return EXIT_RESUME;
	}
	if (rdmsr_safe(msr, &value))
		return vcpu_inject_gp(pc);
	return complete_read(pc, ex, value);
}

enum exit_action vcpu_handle_msr(struct per_cpu *pc, const struct vcpu_exit *ex)
{
	bool write = ex->reason == VCPU_EXIT_MSR_WRITE;
	u32 msr = pc->arch.regs.rcx;
	const struct hypervisor_msr *hm;
	bool x2apic = msr >= MSR_X2APIC_BASE && msr <= MSR_X2APIC_END;

	count_exit(pc, x2apic ? XVC_STAT_X2APIC : XVC_STAT_MSR);
	if (!ex->insn_len)
		return violation(pc, "MSR exit without an instruction length");
	if (x2apic)
		return apic_handle_x2apic_msr(pc, ex, msr, write,
					      msr_value(&pc->arch.regs));
	if (msr == MSR_EFER)
		return handle_efer(pc, ex, write);
	if (msr == MSR_IA32_APICBASE)
		return write ? apic_handle_base_write(pc, ex, msr_value(&pc->arch.regs)) :
			complete_read(pc, ex, apic_guest_base(pc));
	hm = hypervisor_msr(msr);
	if (hm)
		return handle_hypervisor_msr(pc, ex, hm, msr, write);
	if (!cell_msr_allowed(pc->cell, msr, write))
		return ungranted_msr(pc, msr, write, NULL);
	return pass_msr(pc, ex, msr, write);
}
