// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exceptions taken by the hypervisor itself.  An exception is a hypervisor
 * bug except for the #GP of an rdmsr/wrmsr done on a cell's behalf, which
 * resumes with a failure indication.
 */
#include <xvc/arch.h>
#include <xvc/errno.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <xvc/requests.h>
#include <asm/apic.h>
#include <asm/processor.h>
#include <asm/vcpu.h>

struct exception_frame {
	u64 r11, r10, r9, r8, rdi, rsi, rdx, rcx, rax;
	u64 vector, error;
	u64 rip, cs, rflags, rsp, ss;
};

extern u8 rdmsr_insn[], rdmsr_done[], wrmsr_insn[], wrmsr_done[];
extern u8 xsetbv_insn[], xsetbv_done[];
u64 raw_rdmsr_safe(u32 msr, u64 *val);
u64 raw_wrmsr_safe(u32 msr, u64 val);
u64 raw_xsetbv_safe(u32 xcr, u64 val);

int rdmsr_safe(u32 msr, u64 *val)
{
	return raw_rdmsr_safe(msr, val) ? -EIO : 0;
}

int wrmsr_safe(u32 msr, u64 val)
{
	return raw_wrmsr_safe(msr, val) ? -EIO : 0;
}

int xsetbv_safe(u32 xcr, u64 val)
{
	return raw_xsetbv_safe(xcr, val) ? -EIO : 0;
}

/* The #GP of an instruction done on a guest's behalf: report a failure. */
static bool fixup_guest_insn_fault(struct exception_frame *f)
{
	if (f->vector != X86_GP_VECTOR)
		return false;
	if (f->rip == (u64)rdmsr_insn) {
		f->rip = (u64)rdmsr_done;
		f->rax = f->rdx = 0;
	} else if (f->rip == (u64)wrmsr_insn) {
		f->rip = (u64)wrmsr_done;
	} else if (f->rip == (u64)xsetbv_insn) {
		f->rip = (u64)xsetbv_done;
	} else {
		return false;
	}
	f->r8 = 1;
	return true;
}

/*
 * Vectors 16-31 are legal APIC vectors too: one a guest left pending
 * arrives here while the hypervisor drains a local APIC (apic_reset).  It
 * is in service then, an exception is not.
 */
static bool is_apic_interrupt(const struct exception_frame *f)
{
	if (f->vector < 16 || !apic_in_service(f->vector))
		return false;
	apic_eoi();
	return true;
}

void handle_exception(struct exception_frame *f)
{
	struct per_cpu *pc = this_cpu();

	if (fixup_guest_insn_fault(f) || is_apic_interrupt(f))
		return;
	/*
	 * An NMI while the hypervisor runs (VMX does not hold it pending as
	 * SVM's GIF does) or in the instants before disable hands the CPU
	 * back: the vendor code makes sure a request it carried is seen.
	 */
	if (f->vector == X86_NMI_VECTOR) {
		cpu_nmi_arrived(pc);
		if (vendor && vendor->host_nmi)
			vendor->host_nmi(pc);
		return;
	}

	printk("FATAL: hypervisor exception %lu, error 0x%lx, RIP 0x%lx, RSP 0x%lx, CR2 0x%lx on CPU %u\n",
	       f->vector, f->error, f->rip, f->rsp, read_cr2(), pc->cpu_id);
	/* Nothing more runs on this CPU, but nobody waits for it forever. */
	cpu_stop(pc);
}
