// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exceptions taken by the hypervisor itself.  An exception is a hypervisor
 * bug except for the #GP of an rdmsr/wrmsr done on a cell's behalf, which
 * resumes with a failure indication.
 */
#include <xvc/arch.h>
#include <xvc/control.h>
#include <xvc/errno.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <asm/processor.h>
#include <asm/vcpu.h>

struct exception_frame {
	u64 r11, r10, r9, r8, rdi, rsi, rdx, rcx, rax;
	u64 vector, error;
	u64 rip, cs, rflags, rsp, ss;
};

extern u8 rdmsr_insn[], rdmsr_done[], wrmsr_insn[], wrmsr_done[];
u64 raw_rdmsr_safe(u32 msr, u64 *val);
u64 raw_wrmsr_safe(u32 msr, u64 val);

int rdmsr_safe(u32 msr, u64 *val)
{
	return raw_rdmsr_safe(msr, val) ? -EIO : 0;
}

int wrmsr_safe(u32 msr, u64 val)
{
	return raw_wrmsr_safe(msr, val) ? -EIO : 0;
}

static bool fixup_msr_fault(struct exception_frame *f)
{
	if (f->vector != X86_GP_VECTOR)
		return false;
	if (f->rip == (u64)rdmsr_insn) {
		f->rip = (u64)rdmsr_done;
		f->rax = f->rdx = 0;
	} else if (f->rip == (u64)wrmsr_insn) {
		f->rip = (u64)wrmsr_done;
	} else {
		return false;
	}
	f->r8 = 1;
	return true;
}

void handle_exception(struct exception_frame *f)
{
	struct per_cpu *pc = this_cpu();

	if (fixup_msr_fault(f))
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
	arch_park_cpu(pc);
}
