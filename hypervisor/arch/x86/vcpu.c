// SPDX-License-Identifier: GPL-2.0-only
/*
 * The exit path, vendor-neutral.
 *
 * vcpu_run() is the whole life of a CPU under the hypervisor: the vendor
 * enters the guest and describes the exit (struct vcpu_exit), one handler
 * per reason decides what it means and answers with an exit_action, the
 * loop acts on that answer (a violation stops the cell or the CPU, a
 * disable leaves for Linux), and every exit ends with the same tail:
 * management requests, a pending guest NMI, a TLB flush.  Parking and
 * restarting happen inside the tail and return to the loop, so one read
 * of vcpu_run() shows an exit from entry to resume.
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/errno.h>
#include <xvc/hypercall.h>
#include <xvc/memory.h>
#include <xvc/mmio.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <xvc/requests.h>
#include <xvc/violation.h>
#include <asm/apic.h>
#include <asm/decode.h>
#include <asm/iommu.h>
#include <asm/processor.h>
#include <asm/vcpu.h>

#define XCR0_X87		BIT_ULL(0)
#define XCR0_SSE		BIT_ULL(1)
#define XCR0_AVX		BIT_ULL(2)

void vcpu_skip_instruction(struct per_cpu *pc, const struct vcpu_exit *ex,
			   unsigned int len)
{
	vendor->set_rip(pc, ex->rip + len);
}

/* An instruction exit: the vendor must have said how long it was. */
static enum exit_action skip_exit_instruction(struct per_cpu *pc,
					      const struct vcpu_exit *ex)
{
	if (!ex->insn_len)
		return violation(pc, "exit %u without an instruction length",
				 ex->reason);
	vcpu_skip_instruction(pc, ex, ex->insn_len);
	return EXIT_RESUME;
}

static enum exit_action handle_cpuid(struct per_cpu *pc,
				     const struct vcpu_exit *ex)
{
	count_exit(pc, XVC_STAT_CPUID);
	vcpu_handle_cpuid(pc);
	return skip_exit_instruction(pc, ex);
}

/* Hypercalls from ring 0 only: a cell's user space gets -EPERM. */
static enum exit_action handle_hypercall(struct per_cpu *pc,
					 const struct vcpu_exit *ex)
{
	struct guest_regs *regs = &pc->arch.regs;
	struct guest_state gs;
	bool disable = false;

	count_exit(pc, XVC_STAT_HYPERCALL);
	if (skip_exit_instruction(pc, ex) != EXIT_RESUME)
		return EXIT_VIOLATION;
	vendor->get_guest_state(pc, &gs);
	if (gs.cpl != 0) {
		regs->rax = (u64)-EPERM;
		return EXIT_RESUME;
	}
	regs->rax = (u64)hypercall(pc, regs->rax, regs->rdi, regs->rsi, &disable);
	return disable ? EXIT_DISABLE : EXIT_RESUME;
}

static enum exit_action gpa_violation(struct per_cpu *pc,
				      const struct vcpu_exit *ex)
{
	u64 gpa = ex->fault.gpa;
	bool in_hv = gpa >= hv_header.phys_start &&
		gpa - hv_header.phys_start < hv_header.mem_size;

	count_exit(pc, XVC_STAT_NESTED_FAULT);
	return violation(pc, "%s of guest-physical 0x%lx outside the cell's memory%s%s",
			 ex->fault.fetch ? "execution" :
			 ex->fault.write ? "write" : "read", gpa,
			 ex->fault.page_walk ? " (in its page walk)" : "",
			 in_hv ? " (hypervisor memory)" : "");
}

/*
 * A second-stage fault in a range a subsystem claimed: decode the MOV that
 * caused it and let the subsystem carry it out.  The decoded direction
 * must be the one that faulted: another CPU of the cell may have changed
 * the instruction bytes since.
 */
static enum exit_action handle_mmio(struct per_cpu *pc, const struct vcpu_exit *ex)
{
	struct decode_ctx ctx = {
		.cell = pc->cell, .regs = &pc->arch.regs, .rip = ex->rip,
	};
	struct mmio_access access;
	struct mmio_insn insn;
	enum exit_action action;

	vendor->get_guest_state(pc, &ctx.gs);
	if (decode_mmio_insn(&ctx, &insn) || insn.write != ex->fault.write)
		return violation(pc, "%s at guest-physical 0x%lx with an instruction the hypervisor cannot emulate",
				 ex->fault.write ? "write" : "read", ex->fault.gpa);
	access = (struct mmio_access){
		.gpa = ex->fault.gpa,
		.size = insn.size,
		.write = insn.write,
		.value = insn.value,
	};
	action = mmio_dispatch(pc, &access);
	if (action != EXIT_RESUME)
		return action;
	if (!access.write)
		decode_complete_load(&insn, &pc->arch.regs, access.value);
	vcpu_skip_instruction(pc, ex, insn.length);
	return EXIT_RESUME;
}

static enum exit_action handle_gpa_fault(struct per_cpu *pc,
					 const struct vcpu_exit *ex)
{
	/* Only an instruction's own access is emulated, not an event's. */
	if (ex->fault.fetch || ex->fault.page_walk || ex->in_event_delivery ||
	    !mmio_find(pc->cell, ex->fault.gpa))
		return gpa_violation(pc, ex);
	return handle_mmio(pc, ex);
}

/*
 * An NMI made the CPU leave its guest: a management request (served in
 * the exit tail) or the guest's own NMI (injected there).
 */
static enum exit_action handle_nmi(struct per_cpu *pc, const struct vcpu_exit *ex)
{
	count_exit(pc, pc->guest_nmi_pending ? XVC_STAT_OTHER : XVC_STAT_MANAGEMENT);
	return EXIT_RESUME;
}

/* INIT from outside (not through an emulated ICR): the same as an IPI's. */
static enum exit_action handle_init(struct per_cpu *pc, const struct vcpu_exit *ex)
{
	count_exit(pc, XVC_STAT_MANAGEMENT);
	__atomic_or_fetch(&pc->requests, CPU_REQ_INIT, __ATOMIC_SEQ_CST);
	return EXIT_RESUME;
}

/* Cells see no VMX: setting CR4.VMXE is refused like an unsupported bit. */
static enum exit_action handle_cr_write(struct per_cpu *pc,
					const struct vcpu_exit *ex)
{
	count_exit(pc, XVC_STAT_CR);
	if ((ex->cr.cr == 4 && (ex->cr.value & X86_CR4_VMXE)) ||
	    !vendor->set_cr(pc, ex->cr.cr, ex->cr.value)) {
		vendor->inject_exception(pc, X86_GP_VECTOR, true, 0);
		return EXIT_RESUME;
	}
	return skip_exit_instruction(pc, ex);
}

/* Is @xcr0 a value the CPU accepts (SDM vol. 1, 13.3)? */
static bool xcr0_valid(u64 xcr0)
{
	struct cpuid_regs r;

	cpuid_count(0xd, 0, &r);
	if (xcr0 & ~(((u64)r.edx << 32) | r.eax))
		return false;
	if (!(xcr0 & XCR0_X87))
		return false;
	return !(xcr0 & XCR0_AVX) || (xcr0 & XCR0_SSE);
}

/*
 * XSETBV (VMX exits on it unconditionally): XCR0 is the guest's own, so
 * it is set as asked when valid; anything else is the hardware's #GP.
 */
static enum exit_action handle_xsetbv(struct per_cpu *pc,
				      const struct vcpu_exit *ex)
{
	struct guest_regs *regs = &pc->arch.regs;
	u64 value = (regs->rdx << 32) | (u32)regs->rax;
	struct guest_state gs;

	count_exit(pc, XVC_STAT_OTHER);
	vendor->get_guest_state(pc, &gs);
	if (gs.cpl != 0 || (u32)regs->rcx != 0 || !xcr0_valid(value) ||
	    xsetbv_safe(0, value)) {
		vendor->inject_exception(pc, X86_GP_VECTOR, true, 0);
		return EXIT_RESUME;
	}
	return skip_exit_instruction(pc, ex);
}

/*
 * INVD would drop dirty cache lines of memory the guest does not own
 * (the hypervisor's among them): it is carried out as WBINVD.
 */
static enum exit_action handle_invd(struct per_cpu *pc, const struct vcpu_exit *ex)
{
	count_exit(pc, XVC_STAT_OTHER);
	asm volatile("wbinvd" ::: "memory");
	return skip_exit_instruction(pc, ex);
}

static enum exit_action handle_nothing(struct per_cpu *pc,
				      const struct vcpu_exit *ex)
{
	count_exit(pc, XVC_STAT_OTHER);
	return EXIT_RESUME;
}

/* Requests are served in the exit tail; this exit only made room for them. */
static enum exit_action handle_kick(struct per_cpu *pc, const struct vcpu_exit *ex)
{
	count_exit(pc, XVC_STAT_MANAGEMENT);
	return EXIT_RESUME;
}

/* Cells see no SVM or VMX: their instructions are undefined for them. */
static enum exit_action handle_virt_insn(struct per_cpu *pc,
					 const struct vcpu_exit *ex)
{
	count_exit(pc, XVC_STAT_OTHER);
	vendor->inject_exception(pc, X86_UD_VECTOR, false, 0);
	return EXIT_RESUME;
}

static enum exit_action handle_triple_fault(struct per_cpu *pc,
					    const struct vcpu_exit *ex)
{
	count_exit(pc, XVC_STAT_EXCEPTION);
	return violation(pc, "triple fault (shutdown)");
}

static enum exit_action handle_bad_state(struct per_cpu *pc,
					 const struct vcpu_exit *ex)
{
	count_exit(pc, XVC_STAT_OTHER);
	return violation(pc, "the CPU refused to enter the guest with its state (code 0x%lx, 0x%lx)",
			 ex->unexpected.code, ex->unexpected.info);
}

static enum exit_action handle_unexpected(struct per_cpu *pc,
					  const struct vcpu_exit *ex)
{
	count_exit(pc, XVC_STAT_OTHER);
	return violation(pc, "unexpected exit (code 0x%lx, 0x%lx)",
			 ex->unexpected.code, ex->unexpected.info);
}

typedef enum exit_action (*exit_handler)(struct per_cpu *pc,
					 const struct vcpu_exit *ex);

/* One handler per reason: the whole of what an exit can mean. */
static const exit_handler exit_handlers[] = {
	[VCPU_EXIT_NONE] = handle_nothing,
	[VCPU_EXIT_KICK] = handle_kick,
	[VCPU_EXIT_CPUID] = handle_cpuid,
	[VCPU_EXIT_HYPERCALL] = handle_hypercall,
	[VCPU_EXIT_IO] = vcpu_handle_io,
	[VCPU_EXIT_MSR_READ] = vcpu_handle_msr,
	[VCPU_EXIT_MSR_WRITE] = vcpu_handle_msr,
	[VCPU_EXIT_GPA_FAULT] = handle_gpa_fault,
	[VCPU_EXIT_NMI] = handle_nmi,
	[VCPU_EXIT_INIT] = handle_init,
	[VCPU_EXIT_CR_WRITE] = handle_cr_write,
	[VCPU_EXIT_XSETBV] = handle_xsetbv,
	[VCPU_EXIT_INVD] = handle_invd,
	[VCPU_EXIT_VIRT_INSN] = handle_virt_insn,
	[VCPU_EXIT_TRIPLE_FAULT] = handle_triple_fault,
	[VCPU_EXIT_BAD_STATE] = handle_bad_state,
	[VCPU_EXIT_UNEXPECTED] = handle_unexpected,
};

static enum exit_action handle_exit(struct per_cpu *pc, const struct vcpu_exit *ex)
{
	if (ex->reason >= ARRAY_SIZE(exit_handlers) || !exit_handlers[ex->reason])
		return handle_unexpected(pc, ex);
	return exit_handlers[ex->reason](pc, ex);
}

/*
 * What every exit ends with.  Requests first: parking or an INIT may
 * give the CPU a fresh guest state, which the rest then applies to.
 */
static void exit_tail(struct per_cpu *pc)
{
	cpu_handle_requests(pc);
	if (pc->cell == &root_cell)
		iommu_poll_faults(pc);
	if (pc->guest_nmi_pending && vendor->inject_nmi(pc))
		pc->guest_nmi_pending = false;
	if (pc->flush_tlb) {
		pc->flush_tlb = false;
		vendor->flush_guest_tlb(pc);
	}
}

static void trace_exit(struct per_cpu *pc, const struct vcpu_exit *ex)
{
	unsigned int n = pc->arch.exit_trace_next++ % ARRAY_SIZE(pc->arch.exit_trace);

	pc->arch.exit_trace[n].reason = ex->reason;
	/* The reason's details: the port, the address and access, ... */
	pc->arch.exit_trace[n].detail[0] = ex->unexpected.code;
	pc->arch.exit_trace[n].detail[1] = ex->unexpected.info;
	pc->arch.exit_trace[n].rip = ex->rip;
}

void arch_print_exit_trace(struct per_cpu *pc)
{
	unsigned int n, len = ARRAY_SIZE(pc->arch.exit_trace), i;

	printk("CPU %u: its last %u exits, oldest first (reason, details, RIP):\n",
	       pc->cpu_id, len);
	for (n = 0; n < len; n++) {
		i = (pc->arch.exit_trace_next + n) % len;
		printk("  %u 0x%lx 0x%lx 0x%lx\n", pc->arch.exit_trace[i].reason,
		       pc->arch.exit_trace[i].detail[0],
		       pc->arch.exit_trace[i].detail[1], pc->arch.exit_trace[i].rip);
	}
}

void vcpu_run(struct per_cpu *pc)
{
	struct vcpu_exit ex;

	for (;;) {
		vendor->enter_guest(pc, &ex);
		trace_exit(pc, &ex);
		switch (handle_exit(pc, &ex)) {
		case EXIT_RESUME:
			break;
		case EXIT_VIOLATION:
			violation_stop(pc, ex.rip);
			break;
		case EXIT_DISABLE:
			vcpu_disable(pc);
		}
		exit_tail(pc);
	}
}
