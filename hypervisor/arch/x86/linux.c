// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux on each CPU: lifted into its guest at enable, and handed back
 * natively when enable fails or on disable.
 */
#include <xvc/arch.h>
#include <xvc/memory.h>
#include <xvc/percpu.h>
#include <asm/processor.h>
#include <asm/vcpu.h>

extern void __noreturn jump_to_linux(u64 resume, u64 cr3, u64 cr4, u64 rsp);
extern struct xvc_linux_cpu_state linux_cpu_state[];

void arch_cpu_activate_root(struct per_cpu *pc)
{
	vendor->vcpu_init_linux(pc);
	vcpu_run(pc);
}

/*
 * Continue Linux natively.  Works from any point of bring-up: it needs only
 * the hypervisor image and the stub page mapped, which even the bootstrap
 * page table has.
 */
static void __noreturn resume_linux(struct per_cpu *pc,
				    const struct xvc_linux_cpu_state *ls,
				    const struct guest_regs *regs)
{
	struct xvc_linux_cpu_state *slot = &linux_cpu_state[pc->cpu_id];
	struct desc_ptr gdt = { ls->gdtr_limit, ls->gdtr_base };
	struct desc_ptr idt = { ls->idtr_limit, ls->idtr_base };

	slot->resume_frame = (struct xvc_resume_frame){
		.r15 = regs->r15, .r14 = regs->r14, .r13 = regs->r13,
		.r12 = regs->r12, .r11 = regs->r11, .r10 = regs->r10,
		.r9 = regs->r9, .r8 = regs->r8, .rdi = regs->rdi,
		.rsi = regs->rsi, .rbp = regs->rbp, .rbx = regs->rbx,
		.rdx = regs->rdx, .rcx = regs->rcx, .rax = regs->rax,
		.ds = ls->ds, .es = ls->es,
		.rip = ls->resume_rip, .cs = ls->cs, .rflags = ls->rflags,
		.rsp = ls->resume_rsp, .ss = ls->ss,
	};
	wrmsr(MSR_IA32_PAT, ls->pat);
	wrmsr(MSR_EFER, ls->efer);
	load_gdt(&gdt);
	load_idt(&idt);
	jump_to_linux(hv_header.stub_resume, ls->cr3, ls->cr4,
		      slot->self_linux_va +
		      __builtin_offsetof(struct xvc_linux_cpu_state, resume_frame));
}

void arch_cpu_return_to_linux(struct per_cpu *pc, long result)
{
	struct guest_regs regs = { .rax = (u64)result };

	resume_linux(pc, &pc->linux_state, &regs);
}

void vcpu_disable(struct per_cpu *pc)
{
	struct xvc_linux_cpu_state ls = pc->linux_state;

	vendor->get_linux_state(pc, &ls);
	vendor->cpu_exit(pc);
	resume_linux(pc, &ls, &pc->arch.regs);
}
