// SPDX-License-Identifier: GPL-2.0-only
/*
 * CPUID as guests see it: no SVM or VMX, the hypervisor bit and leaf
 * 0x40000000 "xvcellxvcell", x2APIC for non-root cells only, machine
 * checks for the root only.
 */
#include <xvc/cell.h>
#include <xvc/percpu.h>
#include <xvc/string.h>
#include <asm/apic.h>
#include <asm/processor.h>
#include <asm/vcpu.h>

#define CPUID_HV_BASE			0x40000000
#define CPUID_HV_LAST			0x400000ff
#define CPUID_SVM_FEATURES		0x8000000a

/* Leaf 0x40000000: highest hypervisor leaf, "xvcellxvcell" in EBX:ECX:EDX. */
static void hypervisor_leaf(u32 leaf, struct cpuid_regs *r)
{
	static const char signature[12] = "xvcellxvcell";

	*r = (struct cpuid_regs){ 0 };
	if (leaf != CPUID_HV_BASE)
		return;
	r->eax = CPUID_HV_BASE;
	memcpy(&r->ebx, signature, 4);
	memcpy(&r->ecx, signature + 4, 4);
	memcpy(&r->edx, signature + 8, 4);
}

/*
 * Machine checks report errors of the whole machine and their banks are
 * cleared by whoever handles them: the root's.  A cell does not see the
 * architecture (its MSRs are never granted), so a kernel in a cell does
 * not try to use it.
 */
static void hide_machine_check(const struct per_cpu *pc, struct cpuid_regs *r)
{
	if (pc->cell != &root_cell)
		r->edx &= ~(CPUID_EDX_MCE | CPUID_EDX_MCA);
}

static void filter_leaf(struct per_cpu *pc, u32 leaf, struct cpuid_regs *r)
{
	switch (leaf) {
	case 1:
		hide_machine_check(pc, r);
		r->ecx &= ~CPUID1_ECX_VMX;
		/* The root keeps the mode it had (apic_handle_base_write). */
		if (pc->cell == &root_cell && !apic_root_x2apic())
			r->ecx &= ~CPUID1_ECX_X2APIC;
		r->ecx |= CPUID1_ECX_HYPERVISOR;
		break;
	case 0x80000001:
		hide_machine_check(pc, r);
		r->ecx &= ~CPUID_EXT1_ECX_SVM;
		break;
	case CPUID_SVM_FEATURES:
		*r = (struct cpuid_regs){ 0 };
		break;
	}
}

void vcpu_handle_cpuid(struct per_cpu *pc)
{
	struct guest_regs *regs = &pc->arch.regs;
	u32 leaf = regs->rax, subleaf = regs->rcx;
	struct cpuid_regs r;

	if (leaf >= CPUID_HV_BASE && leaf <= CPUID_HV_LAST) {
		hypervisor_leaf(leaf, &r);
	} else {
		cpuid_count(leaf, subleaf, &r);
		filter_leaf(pc, leaf, &r);
	}
	regs->rax = r.eax;
	regs->rbx = r.ebx;
	regs->rcx = r.ecx;
	regs->rdx = r.edx;
}
