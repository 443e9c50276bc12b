// SPDX-License-Identifier: GPL-2.0-only
/*
 * AMD SVM with nested paging.
 *
 * The root cell runs with the VMCB built from Linux's own state.  Without
 * NRIP save (QEMU TCG offers none) instruction lengths come from the exit
 * information (IOIO) or are fixed (VMMCALL, CPUID, RDMSR/WRMSR).
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/control.h>
#include <xvc/errno.h>
#include <xvc/memory.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <xvc/string.h>
#include <asm/apic.h>
#include <asm/decode.h>
#include <asm/ioapic.h>
#include <asm/processor.h>
#include <asm/svm.h>
#include <asm/vcpu.h>

#define CPUID_SVM_FEATURES	0x8000000a
#define SVM_FEATURE_NPT		BIT(0)
#define SVM_FEATURE_NRIPS	BIT(3)
#define VM_CR_SVMDIS		BIT(4)

/* Guest ASID; a CPU runs one guest at a time and flushes when it changes. */
#define SVM_GUEST_ASID		1

static bool has_nrips;

void svm_vmrun_loop(u64 vmcb_pa) __noreturn;

static struct vmcb *vmcb_of(struct per_cpu *pc)
{
	return (struct vmcb *)pc->arch.vendor_page[0];
}

static int svm_check_features(void)
{
	u32 features;

	if (rdmsr(MSR_VM_CR) & VM_CR_SVMDIS) {
		printk("SVM disabled by firmware (VM_CR.SVMDIS)\n");
		return trace_error(-ENODEV);
	}
	features = cpuid_edx(CPUID_SVM_FEATURES);
	if (!(features & SVM_FEATURE_NPT)) {
		printk("SVM present but nested paging missing\n");
		return trace_error(-ENODEV);
	}
	has_nrips = features & SVM_FEATURE_NRIPS;
	printk("SVM: nested paging%s\n",
	       has_nrips ? ", NRIP save" : ", no NRIP save (lengths decoded in software)");
	return 0;
}

/* GIF is clear in the hypervisor: open it along with IF. */
static void svm_host_interrupt_window(void)
{
	asm volatile("stgi; sti; nop; nop; cli; clgi" ::: "memory");
}

static int svm_cpu_init(struct per_cpu *pc)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SVME);
	wrmsr(MSR_VM_HSAVE_PA, hv_virt_to_phys(pc->arch.vendor_page[1]));
	pc->arch.vendor_enabled = true;
	return 0;
}

static void svm_cpu_exit(struct per_cpu *pc)
{
	if (!pc->arch.vendor_enabled)
		return;
	/* GIF must be set again before SVM goes off, or it stays clear. */
	asm volatile("stgi");
	wrmsr(MSR_VM_HSAVE_PA, 0);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) & ~EFER_SVME);
	pc->arch.vendor_enabled = false;
}

/* Set the two intercept bits of @msr in the MSR permission map. */
static void msrpm_set(u8 *msrpm, u32 msr, bool read, bool write)
{
	u32 base, bit;

	if (msr <= 0x1fff)
		base = 0;
	else if (msr >= 0xc0000000 && msr <= 0xc0001fff)
		base = 0x800 * 8;
	else if (msr >= 0xc0010000 && msr <= 0xc0011fff)
		base = 0x1000 * 8;
	else
		return;	/* outside the map: always intercepted */
	bit = base + (msr & 0x1fff) * 2;
	msrpm[bit / 8] &= ~(3 << (bit % 8));
	msrpm[bit / 8] |= ((read ? 1 : 0) | (write ? 2 : 0)) << (bit % 8);
}

static void build_msrpm(struct cell *cell, u8 *msrpm)
{
	vcpu_build_msr_bitmap(cell, msrpm, SVM_MSRPM_PAGES, msrpm_set);
	/* What the hypervisor keeps whatever the config grants. */
	msrpm_set(msrpm, MSR_EFER, true, true);
	msrpm_set(msrpm, MSR_VM_CR, true, true);
	msrpm_set(msrpm, MSR_VM_HSAVE_PA, true, true);
	msrpm_set(msrpm, MSR_IA32_APICBASE, false, true);
}

static void set_intercepts(struct vmcb *vmcb, struct cell *cell)
{
	/*
	 * NMIs carry management requests; INIT must never reset a CPU behind
	 * the hypervisor's back.  Interrupts and HLT go to the guest directly.
	 */
	vmcb->intercept_misc1 = SVM_INTERCEPT_NMI | SVM_INTERCEPT_INIT |
		SVM_INTERCEPT_CPUID | SVM_INTERCEPT_IOIO_PROT |
		SVM_INTERCEPT_MSR_PROT | SVM_INTERCEPT_SHUTDOWN |
		SVM_INTERCEPT_INVLPGA;
	vmcb->intercept_misc2 = SVM_INTERCEPT_VMRUN | SVM_INTERCEPT_VMMCALL |
		SVM_INTERCEPT_VMLOAD | SVM_INTERCEPT_VMSAVE |
		SVM_INTERCEPT_STGI | SVM_INTERCEPT_CLGI | SVM_INTERCEPT_SKINIT;
	vmcb->iopm_base_pa = hv_virt_to_phys(cell->arch.io_bitmap);
	vmcb->msrpm_base_pa = hv_virt_to_phys(cell->arch.msr_bitmap);
	vmcb->asid = SVM_GUEST_ASID;
	vmcb->tlb_control = SVM_TLB_FLUSH_ALL;
	vmcb->nested_ctl = SVM_NESTED_CTL_NP_ENABLE;
	vmcb->nested_cr3 = pt_root_phys(&cell->arch.gpa_map);
}

/* LAR access rights (bits 8-23) to the VMCB's 12-bit attribute format. */
static u16 lar_to_attrib(u32 ar)
{
	return ((ar >> 8) & 0xff) | ((ar >> 12) & 0xf00);
}

static void set_segment(struct vmcb_segment *seg, u16 selector, u32 ar)
{
	seg->selector = selector;
	seg->attrib = lar_to_attrib(ar);
	seg->limit = 0xffffffff;
	seg->base = 0;
}

static void svm_vcpu_init_linux(struct per_cpu *pc)
{
	const struct xvc_linux_cpu_state *ls = &pc->linux_state;
	struct vmcb *vmcb = vmcb_of(pc);
	u64 pa = hv_virt_to_phys(vmcb);

	memset(vmcb, 0, sizeof(pc->arch.vendor_page[0]));
	/* FS, GS, TR, LDTR and the syscall MSRs are still Linux's: take them. */
	asm volatile("vmsave %0" : : "a"(pa) : "memory");

	set_segment(&vmcb->cs, ls->cs, ls->cs_ar);
	set_segment(&vmcb->ss, ls->ss, ls->ss_ar);
	set_segment(&vmcb->ds, ls->ds, ls->ds_ar);
	set_segment(&vmcb->es, ls->es, ls->es_ar);
	vmcb->gdtr.base = ls->gdtr_base;
	vmcb->gdtr.limit = ls->gdtr_limit;
	vmcb->idtr.base = ls->idtr_base;
	vmcb->idtr.limit = ls->idtr_limit;
	vmcb->cpl = 0;
	vmcb->efer = ls->efer | EFER_SVME;
	vmcb->cr0 = ls->cr0;
	vmcb->cr3 = ls->cr3;
	vmcb->cr4 = ls->cr4;
	vmcb->dr6 = 0xffff0ff0;
	vmcb->dr7 = 0x400;
	vmcb->rflags = ls->rflags;
	vmcb->rip = ls->resume_rip;
	vmcb->rsp = ls->resume_rsp;
	vmcb->rax = 0;
	vmcb->g_pat = ls->pat;
	set_intercepts(vmcb, pc->cell);
}

static void set_real_mode_segment(struct vmcb_segment *seg, u16 selector,
				  u16 attrib)
{
	seg->selector = selector;
	seg->attrib = attrib;
	seg->limit = 0xffff;
	seg->base = (u64)selector << 4;
}

/* The architectural state after INIT, but starting at @address. */
static void svm_vcpu_reset(struct per_cpu *pc, u64 address)
{
	struct vmcb *vmcb = vmcb_of(pc);

	memset(&vmcb->es, 0, sizeof(*vmcb) - __builtin_offsetof(struct vmcb, es));
	set_intercepts(vmcb, pc->cell);
	set_real_mode_segment(&vmcb->cs, (address >> 4) & 0xf000, 0x9b);
	set_real_mode_segment(&vmcb->ss, 0, 0x93);
	set_real_mode_segment(&vmcb->ds, 0, 0x93);
	set_real_mode_segment(&vmcb->es, 0, 0x93);
	set_real_mode_segment(&vmcb->fs, 0, 0x93);
	set_real_mode_segment(&vmcb->gs, 0, 0x93);
	set_real_mode_segment(&vmcb->ldtr, 0, 0x82);
	set_real_mode_segment(&vmcb->tr, 0, 0x8b);
	vmcb->gdtr.limit = 0xffff;
	vmcb->idtr.limit = 0xffff;
	vmcb->rip = address & 0xffff;
	vmcb->rflags = X86_RFLAGS_FIXED;
	vmcb->cr0 = X86_CR0_CD | X86_CR0_NW | X86_CR0_ET;
	vmcb->efer = EFER_SVME;
	vmcb->dr6 = 0xffff0ff0;
	vmcb->dr7 = 0x400;
	vmcb->g_pat = 0x0007040600070406ULL;
	vmcb->event_inj = 0;
	vmcb->int_state = 0;
	/* A new address space for the TLB. */
	vmcb->tlb_control = SVM_TLB_FLUSH_ALL;
}

static void svm_vcpu_set_cell(struct per_cpu *pc)
{
	set_intercepts(vmcb_of(pc), pc->cell);
}

static void __noreturn svm_vcpu_run(struct per_cpu *pc)
{
	/*
	 * Take any management NMI still pending now, in the hypervisor, so
	 * that it does not reach the guest as a spurious one.
	 */
	asm volatile("stgi; clgi" ::: "memory");
	/* A guest NMI for the CPU's previous state is no longer wanted. */
	cpu_take_guest_nmi(pc);
	svm_vmrun_loop(hv_virt_to_phys(vmcb_of(pc)));
}

static void svm_vcpu_get_linux(struct per_cpu *pc, struct xvc_linux_cpu_state *ls,
			       struct guest_regs *regs)
{
	struct vmcb *vmcb = vmcb_of(pc);

	regs->rax = vmcb->rax;
	ls->cr0 = vmcb->cr0;
	ls->cr3 = vmcb->cr3;
	ls->cr4 = vmcb->cr4;
	ls->efer = vmcb->efer & ~EFER_SVME;
	ls->pat = vmcb->g_pat;
	ls->gdtr_base = vmcb->gdtr.base;
	ls->gdtr_limit = vmcb->gdtr.limit;
	ls->idtr_base = vmcb->idtr.base;
	ls->idtr_limit = vmcb->idtr.limit;
	ls->cs = vmcb->cs.selector;
	ls->ss = vmcb->ss.selector;
	ls->ds = vmcb->ds.selector;
	ls->es = vmcb->es.selector;
	ls->rflags = vmcb->rflags;
	ls->resume_rip = vmcb->rip;
	ls->resume_rsp = vmcb->rsp;
}

static void skip_instruction(struct vmcb *vmcb, unsigned int len)
{
	vmcb->rip = has_nrips && vmcb->next_rip ? vmcb->next_rip : vmcb->rip + len;
}

static void inject_exception(struct vmcb *vmcb, u8 vector, bool has_error,
			     u32 error)
{
	vmcb->event_inj = SVM_EVENT_VALID | SVM_EVENT_TYPE_EXCEPTION | vector |
		(has_error ? SVM_EVENT_ERROR_VALID : 0);
	vmcb->event_inj_err = error;
}

static void handle_vmmcall(struct per_cpu *pc, struct vmcb *vmcb,
			   struct guest_regs *regs)
{
	u64 code = vmcb->rax;
	long ret;

	count_exit(pc, XVC_STAT_HYPERCALL);
	skip_instruction(vmcb, 3);
	if (vmcb->cpl != 0) {
		vmcb->rax = (u64)-EPERM;
		return;
	}
	ret = hypercall(pc, code, regs->rdi, regs->rsi);
	vmcb->rax = (u64)ret;
	if (code == XVC_HC_DISABLE && ret == 0)
		vcpu_disable(pc, regs);
}

static void handle_ioio(struct per_cpu *pc, struct vmcb *vmcb)
{
	u64 info = vmcb->exit_info1;
	u16 port = info >> SVM_IOIO_PORT_SHIFT;
	unsigned int size = (info >> SVM_IOIO_SIZE_SHIFT) & 7;

	count_exit(pc, XVC_STAT_IO);
	/* Every granted port passes in hardware: whatever exits is forbidden. */
	cpu_violation(pc, vmcb->rip, "%s of %u byte(s) at I/O port 0x%x not granted",
		      (info & SVM_IOIO_IN) ? "read" : "write", size, port);
}

static void handle_msr(struct per_cpu *pc, struct vmcb *vmcb,
		       struct guest_regs *regs)
{
	bool write = vmcb->exit_info1 == 1;
	u64 efer = vmcb->efer;

	count_exit(pc, vcpu_msr_stat(regs->rcx));
	regs->rax = vmcb->rax;
	if (!vcpu_handle_msr(pc, regs, vmcb->rip, write, &efer)) {
		inject_exception(vmcb, X86_GP_VECTOR, true, 0);
		return;
	}
	vmcb->efer = efer | EFER_SVME;
	vmcb->rax = regs->rax;
	skip_instruction(vmcb, 2);
}

static void fill_exit(struct per_cpu *pc, struct vmcb *vmcb,
		      struct guest_regs *regs, struct vcpu_exit *ex)
{
	ex->cell = pc->cell;
	regs->rax = vmcb->rax;
	ex->regs = regs;
	ex->rip = vmcb->rip;
	ex->cr0 = vmcb->cr0;
	ex->cr3 = vmcb->cr3;
	ex->cr4 = vmcb->cr4;
	ex->efer = vmcb->efer;
	ex->cs_base = vmcb->cs.base;
}

static void handle_npf(struct per_cpu *pc, struct vmcb *vmcb,
		       struct guest_regs *regs)
{
	u64 error = vmcb->exit_info1, gpa = vmcb->exit_info2;
	struct vcpu_exit ex;

	if ((error & SVM_NPF_WRITE) && (error & SVM_NPF_PRESENT) &&
	    (apic_is_xapic_page(gpa) ||
	     (pc->cell == &root_cell && ioapic_is_mmio(gpa)))) {
		fill_exit(pc, vmcb, regs, &ex);
		if (apic_is_xapic_page(gpa))
			apic_handle_xapic_write(pc, &ex, gpa);
		else
			ioapic_handle_write(pc, &ex, gpa);
		vmcb->rip = ex.rip;
		return;
	}
	count_exit(pc, XVC_STAT_NESTED_FAULT);
	cpu_violation(pc, vmcb->rip, "%s of guest-physical 0x%lx outside the cell's memory%s",
		      (error & SVM_NPF_FETCH) ? "execution" :
		      (error & SVM_NPF_WRITE) ? "write" : "read", gpa,
		      (gpa >= hv_header.phys_start &&
		       gpa < hv_header.phys_start + hv_header.mem_size) ?
		      " (hypervisor memory)" : "");
}

/*
 * The NMI is still pending after the exit: open GIF for an instant so that
 * the hypervisor's own NMI handler takes it (cpu_nmi_arrived), then see
 * whether it carried a request.  A guest's NMI is injected on the way back
 * (svm_handle_exit).
 */
static void handle_nmi(struct per_cpu *pc)
{
	asm volatile("stgi; clgi" ::: "memory");
	if (cpu_handle_requests(pc))
		return;
	count_exit(pc, pc->guest_nmi_pending ? XVC_STAT_OTHER : XVC_STAT_MANAGEMENT);
}

void svm_handle_exit(struct guest_regs *regs)
{
	struct per_cpu *pc = this_cpu();
	struct vmcb *vmcb = vmcb_of(pc);

	vmcb->tlb_control = 0;
	switch (vmcb->exit_code) {
	case SVM_EXIT_CPUID:
		count_exit(pc, XVC_STAT_CPUID);
		regs->rax = vmcb->rax;
		vcpu_handle_cpuid(pc, regs);
		vmcb->rax = regs->rax;
		skip_instruction(vmcb, 2);
		break;
	case SVM_EXIT_VMMCALL:
		handle_vmmcall(pc, vmcb, regs);
		break;
	case SVM_EXIT_IOIO:
		handle_ioio(pc, vmcb);
		break;
	case SVM_EXIT_MSR:
		handle_msr(pc, vmcb, regs);
		break;
	case SVM_EXIT_NPF:
		handle_npf(pc, vmcb, regs);
		break;
	case SVM_EXIT_NMI:
		handle_nmi(pc);
		break;
	case SVM_EXIT_INIT:
		/* INIT from outside (not through an emulated ICR): same thing. */
		__atomic_or_fetch(&pc->requests, CPU_REQ_INIT, __ATOMIC_SEQ_CST);
		cpu_handle_requests(pc);
		break;
	case SVM_EXIT_SHUTDOWN:
		count_exit(pc, XVC_STAT_EXCEPTION);
		cpu_violation(pc, vmcb->rip, "triple fault (shutdown)");
	case SVM_EXIT_VMRUN:
	case SVM_EXIT_VMLOAD:
	case SVM_EXIT_VMSAVE:
	case SVM_EXIT_STGI:
	case SVM_EXIT_CLGI:
	case SVM_EXIT_SKINIT:
	case SVM_EXIT_INVLPGA:
		count_exit(pc, XVC_STAT_OTHER);
		/* Cells see no SVM: its instructions are undefined for them. */
		inject_exception(vmcb, X86_UD_VECTOR, false, 0);
		break;
	case SVM_EXIT_INVALID:
		cpu_violation(pc, vmcb->rip, "VMRUN refused the guest state");
	default:
		count_exit(pc, XVC_STAT_OTHER);
		cpu_violation(pc, vmcb->rip, "unexpected SVM exit 0x%lx (info 0x%lx 0x%lx)",
			      vmcb->exit_code, vmcb->exit_info1, vmcb->exit_info2);
	}
	/* A request whose NMI came while the hypervisor ran. */
	if (READ_ONCE(pc->requests))
		cpu_handle_requests(pc);
	/* One event per entry: a guest NMI waits behind an injected exception. */
	if (!(vmcb->event_inj & SVM_EVENT_VALID) && cpu_take_guest_nmi(pc))
		vmcb->event_inj = SVM_EVENT_VALID | SVM_EVENT_TYPE_NMI | X86_NMI_VECTOR;
	/* Another CPU changed this cell's memory map: drop stale translations. */
	if (pc->flush_tlb) {
		pc->flush_tlb = false;
		vmcb->tlb_control = SVM_TLB_FLUSH_ALL;
	}
}

const struct vcpu_vendor svm_vendor = {
	.name = "AMD SVM",
	.vendor_id = XVC_VENDOR_ID_SVM,
	.check_features = svm_check_features,
	.host_interrupt_window = svm_host_interrupt_window,
	.gpa_format = &npt_format,
	.cpu_init = svm_cpu_init,
	.cpu_exit = svm_cpu_exit,
	.io_bitmap_pages = SVM_IOPM_PAGES,
	.msr_bitmap_pages = SVM_MSRPM_PAGES,
	.build_msr_bitmap = build_msrpm,
	.vcpu_set_cell = svm_vcpu_set_cell,
	.vcpu_init_linux = svm_vcpu_init_linux,
	.vcpu_reset = svm_vcpu_reset,
	.vcpu_run = svm_vcpu_run,
	.vcpu_get_linux = svm_vcpu_get_linux,
};
