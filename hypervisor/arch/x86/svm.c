// SPDX-License-Identifier: GPL-2.0-only
/*
 * AMD SVM with nested paging: the mechanics only.  It builds the VMCB,
 * runs the guest and turns each #VMEXIT into a vendor-neutral exit record;
 * what an exit means is decided in vcpu.c.
 *
 * Without NRIP save (QEMU TCG offers none) instruction lengths come from
 * the exit information (IOIO) or are fixed by the exit (VMMCALL, CPUID,
 * RDMSR/WRMSR, INVD).
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/errno.h>
#include <xvc/memory.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <xvc/requests.h>
#include <xvc/string.h>
#include <asm/paging.h>
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

void svm_enter_guest(struct guest_regs *regs, u64 vmcb_pa);

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

/* The guest is not in the handler of an NMI the hypervisor injected. */
static void clear_nmi_tracking(struct per_cpu *pc)
{
	pc->arch.guest_nmi_masked = false;
	pc->arch.guest_nmi_unmask_pending = false;
	vmcb_of(pc)->intercept_misc1 &= ~SVM_INTERCEPT_IRET;
}

static void set_intercepts(struct per_cpu *pc)
{
	struct vmcb *vmcb = vmcb_of(pc);
	struct cell *cell = pc->cell;

	/*
	 * NMIs carry management requests; INIT must never reset a CPU behind
	 * the hypervisor's back.  Interrupts and HLT go to the guest directly.
	 */
	vmcb->intercept_misc1 = SVM_INTERCEPT_NMI | SVM_INTERCEPT_INIT |
		SVM_INTERCEPT_CPUID | SVM_INTERCEPT_INVD |
		SVM_INTERCEPT_IOIO_PROT | SVM_INTERCEPT_MSR_PROT |
		SVM_INTERCEPT_SHUTDOWN | SVM_INTERCEPT_INVLPGA;
	vmcb->intercept_misc2 = SVM_INTERCEPT_VMRUN | SVM_INTERCEPT_VMMCALL |
		SVM_INTERCEPT_VMLOAD | SVM_INTERCEPT_VMSAVE |
		SVM_INTERCEPT_STGI | SVM_INTERCEPT_CLGI | SVM_INTERCEPT_SKINIT;
	vmcb->iopm_base_pa = hv_virt_to_phys(cell->arch.io_bitmap);
	vmcb->msrpm_base_pa = hv_virt_to_phys(cell->arch.msr_bitmap);
	vmcb->asid = SVM_GUEST_ASID;
	vmcb->tlb_control = SVM_TLB_FLUSH_ALL;
	vmcb->nested_ctl = SVM_NESTED_CTL_NP_ENABLE;
	vmcb->nested_cr3 = pt_root_phys(&cell->arch.gpa_map);
	clear_nmi_tracking(pc);
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
	vmcb->g_pat = ls->pat;
	pc->arch.regs = (struct guest_regs){ .rsp = ls->resume_rsp };
	set_intercepts(pc);
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
	set_intercepts(pc);
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
	pc->arch.regs = (struct guest_regs){ 0 };
}

static void svm_vcpu_set_cell(struct per_cpu *pc)
{
	set_intercepts(pc);
}

static void svm_get_linux_state(struct per_cpu *pc, struct xvc_linux_cpu_state *ls)
{
	struct vmcb *vmcb = vmcb_of(pc);

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
	ls->resume_rsp = pc->arch.regs.rsp;
}

static void svm_get_guest_state(struct per_cpu *pc, struct guest_state *gs)
{
	const struct vmcb *vmcb = vmcb_of(pc);

	gs->cr0 = vmcb->cr0;
	gs->cr3 = vmcb->cr3;
	gs->cr4 = vmcb->cr4;
	gs->efer = vmcb->efer & ~EFER_SVME;
	gs->cs_base = vmcb->cs.base;
	gs->cs_long = vmcb->cs.attrib & SVM_SEG_ATTR_L;
	gs->cs_db = vmcb->cs.attrib & SVM_SEG_ATTR_DB;
	gs->rflags = vmcb->rflags;
	gs->cpl = vmcb->cpl;
}

static void svm_set_rip(struct per_cpu *pc, u64 rip)
{
	struct vmcb *vmcb = vmcb_of(pc);

	vmcb->rip = rip;
	vmcb->int_state &= ~SVM_INT_STATE_SHADOW;
}

static void svm_inject_exception(struct per_cpu *pc, u8 vector, bool has_error,
				 u32 error)
{
	struct vmcb *vmcb = vmcb_of(pc);

	vmcb->event_inj = SVM_EVENT_VALID | SVM_EVENT_TYPE_EXCEPTION | vector |
		(has_error ? SVM_EVENT_ERROR_VALID : 0);
	vmcb->event_inj_err = error;
}

/*
 * Event injection does not mask NMIs in SVM, so the guest's NMI handler
 * is tracked by intercepting its IRET: no second NMI before it has run.
 * One event per entry: an NMI waits behind another event, until the
 * guest's next exit (SVM has no NMI window exit).
 */
static bool svm_inject_nmi(struct per_cpu *pc)
{
	struct vmcb *vmcb = vmcb_of(pc);

	if (pc->arch.guest_nmi_masked || (vmcb->event_inj & SVM_EVENT_VALID))
		return false;
	vmcb->event_inj = SVM_EVENT_VALID | SVM_EVENT_TYPE_NMI | X86_NMI_VECTOR;
	pc->arch.guest_nmi_masked = true;
	vmcb->intercept_misc1 |= SVM_INTERCEPT_IRET;
	return true;
}

static void svm_flush_guest_tlb(struct per_cpu *pc)
{
	vmcb_of(pc)->tlb_control = SVM_TLB_FLUSH_ALL;
}

static void svm_set_efer(struct per_cpu *pc, u64 efer)
{
	vmcb_of(pc)->efer = efer | EFER_SVME;
}

/* SVM intercepts no control register writes. */
static bool svm_set_cr(struct per_cpu *pc, unsigned int cr, u64 value)
{
	return false;
}

/* The exit's instruction length: from NRIP save where offered, or fixed. */
static unsigned int insn_len(const struct vmcb *vmcb, unsigned int fixed)
{
	if (has_nrips && vmcb->next_rip > vmcb->rip)
		return vmcb->next_rip - vmcb->rip;
	return fixed;
}

static void fill_npf(const struct vmcb *vmcb, struct vcpu_exit *ex)
{
	u64 error = vmcb->exit_info1;

	ex->reason = VCPU_EXIT_GPA_FAULT;
	ex->fault.gpa = vmcb->exit_info2;
	ex->fault.write = error & SVM_NPF_WRITE;
	ex->fault.fetch = error & SVM_NPF_FETCH;
	ex->fault.page_walk = error & SVM_NPF_PAGE_WALK;
}

static void fill_ioio(const struct vmcb *vmcb, struct vcpu_exit *ex)
{
	u64 info = vmcb->exit_info1;

	ex->reason = VCPU_EXIT_IO;
	ex->insn_len = vmcb->exit_info2 - vmcb->rip;
	ex->io.port = info >> SVM_IOIO_PORT_SHIFT;
	ex->io.size = (info >> SVM_IOIO_SIZE_SHIFT) & 7;
	ex->io.in = info & SVM_IOIO_IN;
	ex->io.string = info & SVM_IOIO_STRING;
}

/*
 * The NMI is still pending after the exit: open GIF for an instant so that
 * the hypervisor's own NMI handler takes it (cpu_nmi_arrived).
 */
static void take_pending_nmi(void)
{
	asm volatile("stgi; clgi" ::: "memory");
}

/* The guest's IRET from the NMI handler runs next; NMIs count from then. */
static void iret_exit(struct per_cpu *pc)
{
	vmcb_of(pc)->intercept_misc1 &= ~SVM_INTERCEPT_IRET;
	pc->arch.guest_nmi_unmask_pending = true;
}

/* Exits of one instruction whose length is fixed (without NRIP save). */
static const struct {
	u64 code;
	enum vcpu_exit_reason reason;
	unsigned int length;
} instruction_exits[] = {
	{ SVM_EXIT_CPUID, VCPU_EXIT_CPUID, 2 },
	{ SVM_EXIT_VMMCALL, VCPU_EXIT_HYPERCALL, 3 },
	{ SVM_EXIT_INVD, VCPU_EXIT_INVD, 2 },
	{ SVM_EXIT_MSR, VCPU_EXIT_MSR_READ, 2 },
};

static bool fill_instruction_exit(const struct vmcb *vmcb, struct vcpu_exit *ex)
{
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(instruction_exits); n++) {
		if (vmcb->exit_code != instruction_exits[n].code)
			continue;
		ex->reason = instruction_exits[n].reason;
		ex->insn_len = insn_len(vmcb, instruction_exits[n].length);
		/* EXITINFO1 says which of RDMSR (0) and WRMSR (1) it was. */
		if (vmcb->exit_code == SVM_EXIT_MSR && vmcb->exit_info1)
			ex->reason = VCPU_EXIT_MSR_WRITE;
		return true;
	}
	return false;
}

static void fill_exit(struct per_cpu *pc, const struct vmcb *vmcb,
		      struct vcpu_exit *ex)
{
	if (fill_instruction_exit(vmcb, ex))
		return;
	switch (vmcb->exit_code) {
	case SVM_EXIT_IOIO:
		fill_ioio(vmcb, ex);
		break;
	case SVM_EXIT_NPF:
		fill_npf(vmcb, ex);
		break;
	case SVM_EXIT_NMI:
		take_pending_nmi();
		ex->reason = VCPU_EXIT_NMI;
		break;
	case SVM_EXIT_IRET:
		iret_exit(pc);
		ex->reason = VCPU_EXIT_NONE;
		break;
	case SVM_EXIT_INIT:
		ex->reason = VCPU_EXIT_INIT;
		break;
	case SVM_EXIT_SHUTDOWN:
		ex->reason = VCPU_EXIT_TRIPLE_FAULT;
		break;
	case SVM_EXIT_VMRUN:
	case SVM_EXIT_VMLOAD ... SVM_EXIT_SKINIT:
	case SVM_EXIT_INVLPGA:
		ex->reason = VCPU_EXIT_VIRT_INSN;
		break;
	case SVM_EXIT_INVALID:
		ex->reason = VCPU_EXIT_BAD_STATE;
		break;
	default:
		ex->reason = VCPU_EXIT_UNEXPECTED;
		break;
	}
}

/*
 * An interrupt, NMI or exception whose delivery the exit interrupted is
 * injected again on the next entry.  Software interrupts (INTn, INT3,
 * INTO) are not: their instruction has not completed and runs again.
 */
static bool redeliver_interrupted_event(struct vmcb *vmcb)
{
	u32 info = vmcb->exit_int_info;
	u32 type = info & SVM_EVENT_TYPE_MASK;
	u8 vector = info & 0xff;

	vmcb->event_inj = 0;
	if (!(info & SVM_EVENT_VALID))
		return false;
	if (type == SVM_EVENT_TYPE_SOFT_INT ||
	    (type == SVM_EVENT_TYPE_EXCEPTION && (vector == 3 || vector == 4)))
		return true;
	vmcb->event_inj = info;
	vmcb->event_inj_err = vmcb->exit_int_info_err;
	return true;
}

static void svm_enter(struct per_cpu *pc, struct vcpu_exit *ex)
{
	struct vmcb *vmcb = vmcb_of(pc);
	struct guest_regs *regs = &pc->arch.regs;

	vmcb->rax = regs->rax;
	vmcb->rsp = regs->rsp;
	svm_enter_guest(regs, hv_virt_to_phys(vmcb));
	regs->rax = vmcb->rax;
	regs->rsp = vmcb->rsp;
	vmcb->tlb_control = 0;
	if (pc->arch.guest_nmi_unmask_pending && vmcb->exit_code != SVM_EXIT_IRET) {
		pc->arch.guest_nmi_unmask_pending = false;
		pc->arch.guest_nmi_masked = false;
	}
	*ex = (struct vcpu_exit){
		.rip = vmcb->rip,
		.in_event_delivery = redeliver_interrupted_event(vmcb),
		.unexpected = { vmcb->exit_code, vmcb->exit_info1 },
	};
	fill_exit(pc, vmcb, ex);
}

const struct vcpu_vendor svm_vendor = {
	.name = "AMD SVM",
	.vendor_id = XVC_VENDOR_ID_SVM,
	.check_features = svm_check_features,
	.cpu_init = svm_cpu_init,
	.cpu_exit = svm_cpu_exit,
	.host_interrupt_window = svm_host_interrupt_window,
	.gpa_format = &npt_format,
	.io_bitmap_pages = SVM_IOPM_PAGES,
	.msr_bitmap_pages = SVM_MSRPM_PAGES,
	.msr_bitmap_set = msrpm_set,
	.vcpu_set_cell = svm_vcpu_set_cell,
	.vcpu_init_linux = svm_vcpu_init_linux,
	.vcpu_reset = svm_vcpu_reset,
	.enter_guest = svm_enter,
	.get_linux_state = svm_get_linux_state,
	.get_guest_state = svm_get_guest_state,
	.set_rip = svm_set_rip,
	.inject_exception = svm_inject_exception,
	.inject_nmi = svm_inject_nmi,
	.flush_guest_tlb = svm_flush_guest_tlb,
	.set_efer = svm_set_efer,
	.set_cr = svm_set_cr,
};
