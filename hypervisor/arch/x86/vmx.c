// SPDX-License-Identifier: GPL-2.0-only
/*
 * Intel VMX with EPT and unrestricted guest: the mechanics only.  It
 * builds the VMCS, runs the guest and turns each VM exit into a
 * vendor-neutral exit record; what an exit means is decided in vcpu.c.
 *
 * Each CPU enters VMX operation with its own VMXON region and runs its
 * guest from one VMCS (vendor_page[0] and [1]).  Unlike SVM, a VM exit
 * switches to host state the VMCS names, and an NMI reaching the
 * hypervisor is delivered at once instead of staying pending: such an NMI
 * arms the preemption timer with 0, so the guest exits again right after
 * the next entry and the request it carried is handled then.  Guest NMIs
 * are virtual NMIs: the guest's own NMI blocking never blocks the
 * physical (management) NMIs.
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/errno.h>
#include <xvc/memory.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <xvc/requests.h>
#include <xvc/string.h>
#include <asm/decode.h>
#include <asm/processor.h>
#include <asm/vcpu.h>
#include <asm/vmx.h>

#define VMX_IO_BITMAP_PAGES	2
#define VMX_MSR_BITMAP_PAGES	1

#define HV_CS			0x08
#define HV_DS			0x10

/* Capability MSRs, read once by vmx_check_features(). */
static struct {
	u64 basic, pin, proc, proc2, exit, entry, ept;
	u64 cr0_fixed0, cr0_fixed1, cr4_fixed0, cr4_fixed1;
	u64 feature_control;
} caps;

/* Optional secondary controls this CPU offers (guest instructions). */
static u32 proc2_optional;

/* Linux's TR as its GDT describes it, per CPU (host TR, guest TR, exit). */
struct segment {
	u64 base;
	u32 limit, ar;
	u64 desc[2];
};
static struct segment linux_tr[XVC_MAX_CPUS];

u64 vmx_enter_guest(struct guest_regs *regs, bool launched);
extern u8 vmx_exit_entry[];

/* --- VMX instructions ---------------------------------------------------- */

static const char *const vm_instruction_errors[] = {
	[1] = "VMCALL in VMX root operation",
	[2] = "VMCLEAR with invalid physical address",
	[3] = "VMCLEAR with VMXON pointer",
	[4] = "VMLAUNCH with non-clear VMCS",
	[5] = "VMRESUME with non-launched VMCS",
	[6] = "VMRESUME after VMXOFF",
	[7] = "VM entry with invalid control field(s)",
	[8] = "VM entry with invalid host-state field(s)",
	[9] = "VMPTRLD with invalid physical address",
	[10] = "VMPTRLD with VMXON pointer",
	[11] = "VMPTRLD with incorrect VMCS revision identifier",
	[12] = "VMREAD/VMWRITE of unsupported VMCS component",
	[13] = "VMWRITE to read-only VMCS component",
	[15] = "VMXON in VMX root operation",
	[16] = "VM entry with invalid executive-VMCS pointer",
	[17] = "VM entry with non-launched executive VMCS",
	[18] = "VM entry with executive-VMCS pointer not VMXON pointer",
	[19] = "VMCALL with non-clear VMCS",
	[20] = "VMCALL with invalid VM-exit control fields",
	[22] = "VMCALL with incorrect MSEG revision identifier",
	[23] = "VMXOFF under dual-monitor treatment of SMIs and SMM",
	[24] = "VMCALL with invalid SMM-monitor features",
	[25] = "VM entry with invalid VM-execution control fields in executive VMCS",
	[26] = "VM entry with events blocked by MOV SS",
	[28] = "invalid operand to INVEPT/INVVPID",
};

static u64 vmcs_read(u64 field)
{
	u64 value;

	asm volatile("vmread %1, %0" : "=r"(value) : "r"(field) : "cc");
	return value;
}

static u32 vmcs_read32(u64 field)
{
	return (u32)vmcs_read(field);
}

static const char *vm_instruction_error_name(void)
{
	u32 err = vmcs_read32(VM_INSTRUCTION_ERROR);

	if (err < ARRAY_SIZE(vm_instruction_errors) && vm_instruction_errors[err])
		return vm_instruction_errors[err];
	return "unknown VM-instruction error";
}

static bool vmcs_write(u64 field, u64 value)
{
	bool ok;

	asm volatile("vmwrite %2, %1; seta %0"
		     : "=q"(ok) : "r"(field), "r"(value) : "cc", "memory");
	if (!ok)
		printk("VMWRITE of field 0x%lx failed: %s\n", field,
		       vm_instruction_error_name());
	return ok;
}

/* VMXON, VMCLEAR, VMPTRLD: one 64-bit physical address operand in memory. */
#define DEFINE_VMX_PA_INSN(name)					\
static bool name(u64 pa)						\
{									\
	bool ok;							\
									\
	asm volatile(#name " %1; seta %0"				\
		     : "=q"(ok) : "m"(pa) : "cc", "memory");		\
	return ok;							\
}
DEFINE_VMX_PA_INSN(vmxon)
DEFINE_VMX_PA_INSN(vmclear)
DEFINE_VMX_PA_INSN(vmptrld)

static void invept_all(void)
{
	struct { u64 eptp, reserved; } desc = { 0, 0 };

	asm volatile("invept %0, %1"
		     : : "m"(desc), "r"((u64)INVEPT_ALL_CONTEXT) : "cc", "memory");
}

/* --- capabilities -------------------------------------------------------- */

/* The allowed-1 settings (upper half of a TRUE_* or CTLS2 MSR) have @bits. */
static bool allows(u64 cap, u32 bits)
{
	return ((cap >> 32) & bits) == bits;
}

static bool has_true_controls(void)
{
	return caps.basic & VMX_BASIC_TRUE_CTLS;
}

static bool vmcs_is_write_back(void)
{
	return ((caps.basic >> VMX_BASIC_MEMTYPE_SHIFT) & 0xf) == VMX_BASIC_MEMTYPE_WB;
}

static bool vmxon_allowed(void)
{
	return !(caps.feature_control & FEATURE_CONTROL_LOCKED) ||
		(caps.feature_control & FEATURE_CONTROL_VMXON_OUTSIDE_SMX);
}

static bool has_virtual_nmis(void)
{
	return allows(caps.pin, PIN_NMI_EXITING | PIN_VIRTUAL_NMIS) &&
		allows(caps.proc, PROC_NMI_WINDOW_EXITING);
}

static bool has_preemption_timer(void)
{
	return allows(caps.pin, PIN_PREEMPTION_TIMER);
}

static bool has_io_msr_bitmaps(void)
{
	return allows(caps.proc, PROC_USE_IO_BITMAPS | PROC_USE_MSR_BITMAPS);
}

static bool has_ept(void)
{
	return allows(caps.proc, PROC_SECONDARY_CONTROLS) &&
		allows(caps.proc2, PROC2_ENABLE_EPT);
}

static bool has_unrestricted_guest(void)
{
	return allows(caps.proc, PROC_SECONDARY_CONTROLS) &&
		allows(caps.proc2, PROC2_UNRESTRICTED_GUEST);
}

static bool has_64bit_host(void)
{
	return allows(caps.exit, EXIT_HOST_ADDR_SPACE_64);
}

static bool has_efer_pat_switch(void)
{
	return allows(caps.exit, EXIT_SAVE_PAT | EXIT_LOAD_PAT |
		      EXIT_SAVE_EFER | EXIT_LOAD_EFER) &&
		allows(caps.entry, ENTRY_LOAD_PAT | ENTRY_LOAD_EFER |
		       ENTRY_IA32E_MODE_GUEST);
}

static bool has_ept_4level_wb(void)
{
	return (caps.ept & EPT_CAP_WALK_4) && (caps.ept & EPT_CAP_WB);
}

static bool has_ept_large_pages(void)
{
	return (caps.ept & EPT_CAP_2M) && (caps.ept & EPT_CAP_1G);
}

static bool has_invept_all(void)
{
	return (caps.ept & EPT_CAP_INVEPT) && (caps.ept & EPT_CAP_INVEPT_ALL);
}

static const struct {
	const char *what;
	bool (*present)(void);
} vmx_requirements[] = {
	{ "TRUE capability MSRs", has_true_controls },
	{ "write-back VMCS memory", vmcs_is_write_back },
	{ "VMXON outside SMX (IA32_FEATURE_CONTROL)", vmxon_allowed },
	{ "NMI exiting, virtual NMIs and NMI-window exiting", has_virtual_nmis },
	{ "VMX preemption timer", has_preemption_timer },
	{ "I/O and MSR bitmaps", has_io_msr_bitmaps },
	{ "EPT", has_ept },
	{ "unrestricted guest", has_unrestricted_guest },
	{ "64-bit host", has_64bit_host },
	{ "EFER/PAT load and save", has_efer_pat_switch },
	{ "4-level write-back EPT", has_ept_4level_wb },
	{ "2 MiB and 1 GiB EPT pages", has_ept_large_pages },
	{ "INVEPT all-context", has_invept_all },
};

static void read_caps(void)
{
	caps.basic = rdmsr(MSR_IA32_VMX_BASIC);
	caps.feature_control = rdmsr(MSR_IA32_FEATURE_CONTROL);
	caps.cr0_fixed0 = rdmsr(MSR_IA32_VMX_CR0_FIXED0);
	caps.cr0_fixed1 = rdmsr(MSR_IA32_VMX_CR0_FIXED1);
	caps.cr4_fixed0 = rdmsr(MSR_IA32_VMX_CR4_FIXED0);
	caps.cr4_fixed1 = rdmsr(MSR_IA32_VMX_CR4_FIXED1);
	if (!has_true_controls())
		return;
	caps.pin = rdmsr(MSR_IA32_VMX_TRUE_PINBASED_CTLS);
	caps.proc = rdmsr(MSR_IA32_VMX_TRUE_PROCBASED_CTLS);
	caps.exit = rdmsr(MSR_IA32_VMX_TRUE_EXIT_CTLS);
	caps.entry = rdmsr(MSR_IA32_VMX_TRUE_ENTRY_CTLS);
	if (allows(caps.proc, PROC_SECONDARY_CONTROLS))
		caps.proc2 = rdmsr(MSR_IA32_VMX_PROCBASED_CTLS2);
	if (allows(caps.proc2, PROC2_ENABLE_EPT))
		caps.ept = rdmsr(MSR_IA32_VMX_EPT_VPID_CAP);
}

static int vmx_check_features(void)
{
	bool missing = false;
	unsigned int n;

	read_caps();
	for (n = 0; n < ARRAY_SIZE(vmx_requirements); n++) {
		if (vmx_requirements[n].present())
			continue;
		printk("VMX: %s missing\n", vmx_requirements[n].what);
		missing = true;
	}
	if (missing)
		return trace_error(-ENODEV);
	/* Without these, guests get #UD for instructions CPUID announces. */
	proc2_optional = (caps.proc2 >> 32) &
		(PROC2_ENABLE_RDTSCP | PROC2_ENABLE_INVPCID | PROC2_ENABLE_XSAVES);
	printk("VMX: EPT, unrestricted guest, preemption timer (secondary controls 0x%x)\n",
	       (u32)(PROC2_ENABLE_EPT | PROC2_UNRESTRICTED_GUEST) | proc2_optional);
	return 0;
}

/* @wanted, plus what the CPU requires (allowed-0 half), minus nothing. */
static u32 adjust_controls(u64 cap, u32 wanted)
{
	return (wanted | (u32)cap) & (u32)(cap >> 32);
}

/* --- EPT ----------------------------------------------------------------- */

static u64 ept_leaf(u64 pa, u64 flags, unsigned int level)
{
	u64 type = (flags & XVC_MEM_IO) ? EPT_MEMTYPE_UC : EPT_MEMTYPE_WB;
	u64 e = pa | (type << EPT_MEMTYPE_SHIFT);

	if (flags & XVC_MEM_READ)
		e |= EPT_READ;
	if (flags & XVC_MEM_WRITE)
		e |= EPT_WRITE;
	if (flags & XVC_MEM_EXECUTE)
		e |= EPT_EXECUTE;
	if (level > 1)
		e |= EPT_LARGE;
	return e;
}

static u64 ept_table(u64 pa, unsigned int level)
{
	(void)level;
	return pa | EPT_READ | EPT_WRITE | EPT_EXECUTE;
}

static bool ept_present(u64 e)
{
	return e & (EPT_READ | EPT_WRITE | EPT_EXECUTE);
}

static u64 ept_rights(u64 e)
{
	u64 rights = 0;

	if (e & EPT_READ)
		rights |= XVC_MEM_READ;
	if (e & EPT_WRITE)
		rights |= XVC_MEM_WRITE;
	if (e & EPT_EXECUTE)
		rights |= XVC_MEM_EXECUTE;
	if (((e >> EPT_MEMTYPE_SHIFT) & 7) == EPT_MEMTYPE_UC)
		rights |= XVC_MEM_IO;
	return rights;
}

static const struct pt_format ept_format = {
	.leaf = ept_leaf,
	.table = ept_table,
	.present = ept_present,
	.rights = ept_rights,
	.attr_mask = EPT_READ | EPT_WRITE | EPT_EXECUTE | EPT_IGNORE_PAT |
		(7ULL << EPT_MEMTYPE_SHIFT),
	.leaf_mask = EPT_LARGE,
	.large_leaf = EPT_LARGE,
	.max_leaf_level = 3,
};

static u64 eptp_of(struct cell *cell)
{
	return pt_root_phys(&cell->arch.gpa_map) | EPTP_WALK_4 | EPTP_MEMTYPE_WB;
}

/* --- per-CPU VMX operation ----------------------------------------------- */

static void vmx_host_interrupt_window(void)
{
	asm volatile("sti; nop; nop; cli" ::: "memory");
}

static u64 fixed_cr0(u64 cr0)
{
	return (cr0 | caps.cr0_fixed0) & caps.cr0_fixed1;
}

static u64 fixed_cr4(u64 cr4)
{
	return (cr4 | caps.cr4_fixed0) & caps.cr4_fixed1;
}

/* A segment descriptor in Linux's GDT, read through Linux's page tables. */
static int read_linux_descriptor(const struct xvc_linux_cpu_state *ls,
				 u16 selector, struct segment *seg)
{
	u64 gva = ls->gdtr_base + (selector & ~7), gpa, d;
	unsigned int n;

	if (!(selector & ~3) || (selector | 7) > ls->gdtr_limit)
		return -EINVAL;
	for (n = 0; n < 2; n++) {
		if (guest_virt_to_phys(&root_cell, ls->cr3, ls->cr4, gva + 8 * n, &gpa))
			return -EFAULT;
		seg->desc[n] = *(u64 *)phys_to_virt(gpa);
	}
	d = seg->desc[0];
	seg->limit = (d & 0xffff) | ((d >> 32) & 0xf0000);
	seg->base = ((d >> 16) & 0xffffff) | ((d >> 32) & 0xff000000);
	seg->ar = (d >> 40) & 0xf0ff;
	if (seg->ar & BIT(15))
		seg->limit = (seg->limit << 12) | 0xfff;
	/* System descriptors (TSS, LDT) are 16 bytes in long mode. */
	if (!(seg->ar & BIT(4)))
		seg->base |= seg->desc[1] << 32;
	return 0;
}

static int vmx_cpu_init(struct per_cpu *pc)
{
	u32 revision = caps.basic & VMX_BASIC_REVISION_MASK;
	struct segment *tr = &linux_tr[pc->cpu_id];

	if (read_linux_descriptor(&pc->linux_state, pc->linux_state.tr, tr)) {
		printk("CPU %u: Linux's TR 0x%x unreadable\n", pc->cpu_id,
		       pc->linux_state.tr);
		return trace_error(-EINVAL);
	}
	if (!(caps.feature_control & FEATURE_CONTROL_LOCKED))
		wrmsr(MSR_IA32_FEATURE_CONTROL, FEATURE_CONTROL_LOCKED |
		      FEATURE_CONTROL_VMXON_OUTSIDE_SMX);
	write_cr0(fixed_cr0(read_cr0()));
	write_cr4(fixed_cr4(read_cr4() | X86_CR4_VMXE));

	memset(pc->arch.vendor_page, 0, sizeof(pc->arch.vendor_page));
	*(u32 *)pc->arch.vendor_page[0] = revision;
	*(u32 *)pc->arch.vendor_page[1] = revision;
	if (!vmxon(hv_virt_to_phys(pc->arch.vendor_page[0]))) {
		printk("CPU %u: VMXON failed\n", pc->cpu_id);
		write_cr4(read_cr4() & ~X86_CR4_VMXE);
		return trace_error(-EIO);
	}
	pc->arch.vendor_enabled = true;
	if (!vmclear(hv_virt_to_phys(pc->arch.vendor_page[1])) ||
	    !vmptrld(hv_virt_to_phys(pc->arch.vendor_page[1]))) {
		printk("CPU %u: VMCLEAR/VMPTRLD failed\n", pc->cpu_id);
		return trace_error(-EIO);
	}
	pc->arch.vmcs_launched = false;
	return 0;
}

/*
 * A VM exit left TR with Linux's selector and base but a limit of 0x67:
 * load it again from a copy of Linux's descriptor, made non-busy so that
 * LTR accepts it (Linux's own GDT is read-only and not mapped here).
 */
static void restore_linux_tr(struct per_cpu *pc)
{
	const struct segment *tr = &linux_tr[pc->cpu_id];
	unsigned int index = pc->linux_state.tr >> 3;
	static u64 scratch_gdt[XVC_MAX_CPUS][32] __aligned(16);
	u64 *gdt = scratch_gdt[pc->cpu_id];
	struct desc_ptr saved, tmp = { sizeof(scratch_gdt[0]) - 1, (u64)gdt };

	if (!tr->desc[0] || index + 1 >= ARRAY_SIZE(scratch_gdt[0]))
		return;
	gdt[index] = tr->desc[0] & ~BIT_ULL(41);	/* busy -> available */
	gdt[index + 1] = tr->desc[1];
	asm volatile("sgdt %0" : "=m"(saved));
	load_gdt(&tmp);
	asm volatile("ltr %0" : : "r"(pc->linux_state.tr) : "memory");
	load_gdt(&saved);
}

static void vmx_cpu_exit(struct per_cpu *pc)
{
	if (!pc->arch.vendor_enabled)
		return;
	/* From here on a late NMI must not touch the VMCS (host_nmi). */
	pc->arch.vendor_enabled = false;
	vmclear(hv_virt_to_phys(pc->arch.vendor_page[1]));
	asm volatile("vmxoff" ::: "cc", "memory");
	write_cr4(read_cr4() & ~X86_CR4_VMXE);
	restore_linux_tr(pc);
}

/*
 * End the NMI blocking an NMI exit leaves behind with an IRET to ourselves;
 * an NMI pending meanwhile is taken by the hypervisor (host_nmi).
 */
static void unblock_nmis(void)
{
	asm volatile("mov %%rsp, %%rax\n\t"
		     "pushq %0\n\t"
		     "pushq %%rax\n\t"
		     "pushfq\n\t"
		     "pushq %1\n\t"
		     "leaq 1f(%%rip), %%rax\n\t"
		     "pushq %%rax\n\t"
		     "iretq\n"
		     "1:"
		     : : "i"(HV_DS), "i"(HV_CS) : "rax", "memory");
}

/* Arm the preemption timer at 0: the guest exits right after entry. */
static void vmx_host_nmi(struct per_cpu *pc)
{
	if (!pc->arch.vendor_enabled)
		return;
	vmcs_write(GUEST_PREEMPTION_TIMER, 0);
	vmcs_write(PIN_BASED_CONTROLS,
		   vmcs_read32(PIN_BASED_CONTROLS) | PIN_PREEMPTION_TIMER);
}

/* --- cells: permission bitmaps ------------------------------------------- */

static void msr_bitmap_set(u8 *bitmap, u32 msr, bool read, bool write)
{
	u32 offset, bit = msr & 0x1fff;

	if (msr <= 0x1fff)
		offset = 0;
	else if (msr >= 0xc0000000 && msr <= 0xc0001fff)
		offset = 1024;
	else
		return;	/* outside the bitmap: always intercepted */
	/* read-low, read-high, write-low, write-high: 1 KiB each */
	if (read)
		bitmap[offset + bit / 8] |= 1 << (bit % 8);
	else
		bitmap[offset + bit / 8] &= ~(1 << (bit % 8));
	if (write)
		bitmap[2048 + offset + bit / 8] |= 1 << (bit % 8);
	else
		bitmap[2048 + offset + bit / 8] &= ~(1 << (bit % 8));
}

/* --- VMCS setup ---------------------------------------------------------- */

static void set_cell_fields(struct cell *cell)
{
	u64 io = hv_virt_to_phys(cell->arch.io_bitmap);

	vmcs_write(IO_BITMAP_A, io);
	vmcs_write(IO_BITMAP_B, io + PAGE_SIZE);
	vmcs_write(MSR_BITMAP, hv_virt_to_phys(cell->arch.msr_bitmap));
	vmcs_write(EPT_POINTER, eptp_of(cell));
	/* A new map, or another cell's: no stale guest-physical translations. */
	invept_all();
}

/*
 * NMIs carry management requests; INIT exits in VMX non-root operation
 * anyway, INVD and XSETBV too.  Interrupts and HLT go to the guest
 * directly.
 */
static void set_controls(void)
{
	vmcs_write(PIN_BASED_CONTROLS,
		   adjust_controls(caps.pin, PIN_NMI_EXITING | PIN_VIRTUAL_NMIS));
	vmcs_write(PROC_BASED_CONTROLS,
		   adjust_controls(caps.proc, PROC_USE_IO_BITMAPS |
				   PROC_USE_MSR_BITMAPS | PROC_SECONDARY_CONTROLS));
	vmcs_write(PROC_BASED_CONTROLS2,
		   adjust_controls(caps.proc2, PROC2_ENABLE_EPT |
				   PROC2_UNRESTRICTED_GUEST | proc2_optional));
	vmcs_write(VM_EXIT_CONTROLS,
		   adjust_controls(caps.exit, EXIT_SAVE_DEBUG_CONTROLS |
				   EXIT_HOST_ADDR_SPACE_64 |
				   EXIT_SAVE_PAT | EXIT_LOAD_PAT |
				   EXIT_SAVE_EFER | EXIT_LOAD_EFER));
	vmcs_write(EXCEPTION_BITMAP, 0);
	vmcs_write(CR3_TARGET_COUNT, 0);
	vmcs_write(VM_EXIT_MSR_STORE_COUNT, 0);
	vmcs_write(VM_EXIT_MSR_LOAD_COUNT, 0);
	vmcs_write(VM_ENTRY_MSR_LOAD_COUNT, 0);
	vmcs_write(VM_ENTRY_INTR_INFO, 0);
	vmcs_write(VMCS_LINK_POINTER, ~0ULL);
	if (proc2_optional & PROC2_ENABLE_XSAVES)
		vmcs_write(XSS_EXIT_BITMAP, 0);
	/*
	 * CR0/CR4 bits VMX fixes (NE, VMXE) belong to the hypervisor: the
	 * guest reads its own values from the shadows; PE and PG stay the
	 * guest's under unrestricted guest.
	 */
	vmcs_write(CR0_GUEST_HOST_MASK,
		   (caps.cr0_fixed0 & ~(u64)(X86_CR0_PE | X86_CR0_PG)) |
		   ~caps.cr0_fixed1);
	vmcs_write(CR4_GUEST_HOST_MASK, caps.cr4_fixed0 | ~caps.cr4_fixed1);
}

/* The hypervisor's state after every VM exit. */
static void set_host_state(struct per_cpu *pc)
{
	const struct xvc_linux_cpu_state *ls = &pc->linux_state;
	struct desc_ptr gdt, idt;

	asm volatile("sgdt %0" : "=m"(gdt));
	asm volatile("sidt %0" : "=m"(idt));
	vmcs_write(HOST_CR0, read_cr0());
	vmcs_write(HOST_CR3, read_cr3());
	vmcs_write(HOST_CR4, read_cr4());
	vmcs_write(HOST_CS_SELECTOR, HV_CS);
	vmcs_write(HOST_SS_SELECTOR, HV_DS);
	vmcs_write(HOST_DS_SELECTOR, HV_DS);
	vmcs_write(HOST_ES_SELECTOR, HV_DS);
	vmcs_write(HOST_FS_SELECTOR, 0);
	vmcs_write(HOST_GS_SELECTOR, 0);
	/* The hypervisor has no TSS of its own: Linux's keeps TR valid. */
	vmcs_write(HOST_TR_SELECTOR, ls->tr & ~7);
	vmcs_write(HOST_TR_BASE, linux_tr[pc->cpu_id].base);
	vmcs_write(HOST_FS_BASE, ls->fs_base);
	vmcs_write(HOST_GS_BASE, ls->gs_base);
	vmcs_write(HOST_GDTR_BASE, gdt.base);
	vmcs_write(HOST_IDTR_BASE, idt.base);
	vmcs_write(HOST_SYSENTER_CS, ls->sysenter_cs);
	vmcs_write(HOST_SYSENTER_ESP, ls->sysenter_esp);
	vmcs_write(HOST_SYSENTER_EIP, ls->sysenter_eip);
	vmcs_write(HOST_IA32_PAT, rdmsr(MSR_IA32_PAT));
	vmcs_write(HOST_IA32_EFER, rdmsr(MSR_EFER));
	vmcs_write(HOST_RIP, (u64)vmx_exit_entry);
}

static void set_guest_cr0(u64 cr0)
{
	vmcs_write(CR0_READ_SHADOW, cr0);
	vmcs_write(GUEST_CR0, (cr0 | (caps.cr0_fixed0 & ~(u64)(X86_CR0_PE | X86_CR0_PG))) &
		   caps.cr0_fixed1);
}

static void set_guest_cr4(u64 cr4)
{
	vmcs_write(CR4_READ_SHADOW, cr4);
	vmcs_write(GUEST_CR4, fixed_cr4(cr4));
}

/* EFER.LMA and the "IA-32e mode guest" entry control follow LME and PG. */
static void set_guest_efer(u64 efer, u64 cr0)
{
	u32 entry = adjust_controls(caps.entry, ENTRY_LOAD_DEBUG_CONTROLS |
				    ENTRY_LOAD_PAT | ENTRY_LOAD_EFER);

	if ((efer & EFER_LME) && (cr0 & X86_CR0_PG)) {
		efer |= EFER_LMA;
		entry |= ENTRY_IA32E_MODE_GUEST;
	} else {
		efer &= ~EFER_LMA;
	}
	vmcs_write(GUEST_IA32_EFER, efer);
	vmcs_write(VM_ENTRY_CONTROLS, entry);
}

#define SEG_FIELDS(name) { GUEST_##name##_SELECTOR, GUEST_##name##_BASE, \
			   GUEST_##name##_LIMIT, GUEST_##name##_AR }
enum { SEG_ES, SEG_CS, SEG_SS, SEG_DS, SEG_FS, SEG_GS, SEG_LDTR, SEG_TR };
static const struct {
	u32 selector, base, limit, ar;
} seg_fields[] = {
	SEG_FIELDS(ES), SEG_FIELDS(CS), SEG_FIELDS(SS), SEG_FIELDS(DS),
	SEG_FIELDS(FS), SEG_FIELDS(GS), SEG_FIELDS(LDTR), SEG_FIELDS(TR),
};

static void set_guest_segment(unsigned int seg, u16 selector, u64 base,
			      u32 limit, u32 ar)
{
	vmcs_write(seg_fields[seg].selector, selector);
	vmcs_write(seg_fields[seg].base, base);
	vmcs_write(seg_fields[seg].limit, limit);
	vmcs_write(seg_fields[seg].ar, ar);
}

/* One of Linux's segments as its GDT describes it; null = unusable. */
static void set_linux_segment(const struct xvc_linux_cpu_state *ls,
			      unsigned int seg, u16 selector)
{
	struct segment s;

	if (read_linux_descriptor(ls, selector, &s)) {
		set_guest_segment(seg, selector, 0, 0, VMX_AR_UNUSABLE);
		return;
	}
	set_guest_segment(seg, selector, s.base, s.limit, s.ar);
}

/* Linux's segments and descriptor tables, as its GDT describes them. */
static void set_linux_segments(struct per_cpu *pc)
{
	const struct xvc_linux_cpu_state *ls = &pc->linux_state;
	const struct segment *tr = &linux_tr[pc->cpu_id];

	set_linux_segment(ls, SEG_CS, ls->cs);
	set_linux_segment(ls, SEG_SS, ls->ss);
	set_linux_segment(ls, SEG_DS, ls->ds);
	set_linux_segment(ls, SEG_ES, ls->es);
	set_linux_segment(ls, SEG_FS, ls->fs);
	set_linux_segment(ls, SEG_GS, ls->gs);
	set_linux_segment(ls, SEG_LDTR, ls->ldtr);
	/* In 64-bit mode FS and GS bases come from the MSRs. */
	vmcs_write(GUEST_FS_BASE, ls->fs_base);
	vmcs_write(GUEST_GS_BASE, ls->gs_base);
	set_guest_segment(SEG_TR, ls->tr, tr->base, tr->limit, tr->ar);
	vmcs_write(GUEST_GDTR_BASE, ls->gdtr_base);
	vmcs_write(GUEST_GDTR_LIMIT, ls->gdtr_limit);
	vmcs_write(GUEST_IDTR_BASE, ls->idtr_base);
	vmcs_write(GUEST_IDTR_LIMIT, ls->idtr_limit);
}

static void vmx_vcpu_init_linux(struct per_cpu *pc)
{
	const struct xvc_linux_cpu_state *ls = &pc->linux_state;

	set_controls();
	set_host_state(pc);
	set_cell_fields(pc->cell);
	set_linux_segments(pc);
	set_guest_cr0(ls->cr0);
	vmcs_write(GUEST_CR3, ls->cr3);
	set_guest_cr4(ls->cr4);
	set_guest_efer(ls->efer, ls->cr0);
	vmcs_write(GUEST_IA32_PAT, ls->pat);
	vmcs_write(GUEST_IA32_DEBUGCTL, 0);
	vmcs_write(GUEST_DR7, 0x400);
	vmcs_write(GUEST_SYSENTER_CS, ls->sysenter_cs);
	vmcs_write(GUEST_SYSENTER_ESP, ls->sysenter_esp);
	vmcs_write(GUEST_SYSENTER_EIP, ls->sysenter_eip);
	vmcs_write(GUEST_RFLAGS, ls->rflags);
	vmcs_write(GUEST_RIP, ls->resume_rip);
	vmcs_write(GUEST_RSP, ls->resume_rsp);
	pc->arch.regs = (struct guest_regs){ .rsp = ls->resume_rsp };
	vmcs_write(GUEST_INTERRUPTIBILITY, 0);
	vmcs_write(GUEST_ACTIVITY_STATE, 0);
	vmcs_write(GUEST_PENDING_DBG_EXCEPTIONS, 0);
}

static void set_real_mode_segment(unsigned int seg, u16 selector, u32 ar)
{
	set_guest_segment(seg, selector, (u64)selector << 4, 0xffff, ar);
}

/* The architectural state after INIT, but starting at @address. */
static void vmx_vcpu_reset(struct per_cpu *pc, u64 address)
{
	set_controls();
	set_cell_fields(pc->cell);
	set_real_mode_segment(SEG_CS, (address >> 4) & 0xf000, 0x9b);
	set_real_mode_segment(SEG_SS, 0, 0x93);
	set_real_mode_segment(SEG_DS, 0, 0x93);
	set_real_mode_segment(SEG_ES, 0, 0x93);
	set_real_mode_segment(SEG_FS, 0, 0x93);
	set_real_mode_segment(SEG_GS, 0, 0x93);
	set_real_mode_segment(SEG_LDTR, 0, 0x82);
	set_real_mode_segment(SEG_TR, 0, 0x8b);
	vmcs_write(GUEST_GDTR_BASE, 0);
	vmcs_write(GUEST_GDTR_LIMIT, 0xffff);
	vmcs_write(GUEST_IDTR_BASE, 0);
	vmcs_write(GUEST_IDTR_LIMIT, 0xffff);
	vmcs_write(GUEST_RIP, address & 0xffff);
	vmcs_write(GUEST_RSP, 0);
	vmcs_write(GUEST_RFLAGS, X86_RFLAGS_FIXED);
	set_guest_cr0(X86_CR0_CD | X86_CR0_NW | X86_CR0_ET);
	vmcs_write(GUEST_CR3, 0);
	set_guest_cr4(0);
	set_guest_efer(0, 0);
	vmcs_write(GUEST_IA32_PAT, 0x0007040600070406ULL);
	vmcs_write(GUEST_IA32_DEBUGCTL, 0);
	vmcs_write(GUEST_DR7, 0x400);
	vmcs_write(GUEST_SYSENTER_CS, 0);
	vmcs_write(GUEST_SYSENTER_ESP, 0);
	vmcs_write(GUEST_SYSENTER_EIP, 0);
	vmcs_write(GUEST_INTERRUPTIBILITY, 0);
	vmcs_write(GUEST_ACTIVITY_STATE, 0);
	vmcs_write(GUEST_PENDING_DBG_EXCEPTIONS, 0);
	vmcs_write(VM_ENTRY_INTR_INFO, 0);
	pc->arch.regs = (struct guest_regs){ 0 };
}

static void vmx_vcpu_set_cell(struct per_cpu *pc)
{
	set_cell_fields(pc->cell);
}

/* The guest's view of CR0/CR4: the shadow for the bits the host owns. */
static u64 guest_cr(u64 cr_field, u64 mask_field, u64 shadow_field)
{
	u64 mask = vmcs_read(mask_field);

	return (vmcs_read(cr_field) & ~mask) | (vmcs_read(shadow_field) & mask);
}

static void vmx_get_linux_state(struct per_cpu *pc, struct xvc_linux_cpu_state *ls)
{
	ls->cr0 = guest_cr(GUEST_CR0, CR0_GUEST_HOST_MASK, CR0_READ_SHADOW);
	ls->cr3 = vmcs_read(GUEST_CR3);
	ls->cr4 = guest_cr(GUEST_CR4, CR4_GUEST_HOST_MASK, CR4_READ_SHADOW);
	ls->efer = vmcs_read(GUEST_IA32_EFER);
	ls->pat = vmcs_read(GUEST_IA32_PAT);
	ls->gdtr_base = vmcs_read(GUEST_GDTR_BASE);
	ls->gdtr_limit = vmcs_read(GUEST_GDTR_LIMIT);
	ls->idtr_base = vmcs_read(GUEST_IDTR_BASE);
	ls->idtr_limit = vmcs_read(GUEST_IDTR_LIMIT);
	ls->cs = vmcs_read(GUEST_CS_SELECTOR);
	ls->ss = vmcs_read(GUEST_SS_SELECTOR);
	ls->ds = vmcs_read(GUEST_DS_SELECTOR);
	ls->es = vmcs_read(GUEST_ES_SELECTOR);
	ls->rflags = vmcs_read(GUEST_RFLAGS);
	ls->resume_rip = vmcs_read(GUEST_RIP);
	ls->resume_rsp = pc->arch.regs.rsp;
	/* What the VM exit replaced with host values: back to the guest's. */
	wrmsr(MSR_FS_BASE, vmcs_read(GUEST_FS_BASE));
	wrmsr(MSR_GS_BASE, vmcs_read(GUEST_GS_BASE));
	wrmsr(MSR_IA32_SYSENTER_CS, vmcs_read(GUEST_SYSENTER_CS));
	wrmsr(MSR_IA32_SYSENTER_ESP, vmcs_read(GUEST_SYSENTER_ESP));
	wrmsr(MSR_IA32_SYSENTER_EIP, vmcs_read(GUEST_SYSENTER_EIP));
}

/* --- guest state and events ---------------------------------------------- */

static void vmx_get_guest_state(struct per_cpu *pc, struct guest_state *gs)
{
	u32 cs_ar = vmcs_read32(GUEST_CS_AR);

	gs->cr0 = guest_cr(GUEST_CR0, CR0_GUEST_HOST_MASK, CR0_READ_SHADOW);
	gs->cr3 = vmcs_read(GUEST_CR3);
	gs->cr4 = guest_cr(GUEST_CR4, CR4_GUEST_HOST_MASK, CR4_READ_SHADOW);
	gs->efer = vmcs_read(GUEST_IA32_EFER);
	gs->cs_base = vmcs_read(GUEST_CS_BASE);
	gs->cs_long = cs_ar & VMX_AR_L;
	gs->cs_db = cs_ar & VMX_AR_DB;
	gs->rflags = vmcs_read(GUEST_RFLAGS);
	gs->cpl = (vmcs_read32(GUEST_SS_AR) >> 5) & 3;
}

/* The guest's RIP moves on: an STI or MOV SS shadow ends with it. */
static void vmx_set_rip(struct per_cpu *pc, u64 rip)
{
	vmcs_write(GUEST_RIP, rip);
	vmcs_write(GUEST_INTERRUPTIBILITY, vmcs_read32(GUEST_INTERRUPTIBILITY) &
		   ~(INTERRUPTIBILITY_STI_BLOCKING | INTERRUPTIBILITY_MOV_SS_BLOCKING));
}

static void vmx_inject_exception(struct per_cpu *pc, u8 vector, bool has_error,
				 u32 error)
{
	vmcs_write(VM_ENTRY_INTR_INFO, INTR_INFO_VALID | INTR_TYPE_HARD_EXCEPTION |
		   vector | (has_error ? INTR_INFO_ERROR_VALID : 0));
	vmcs_write(VM_ENTRY_EXCEPTION_ERROR, error);
}

static void set_nmi_window_exiting(bool on)
{
	u32 proc = vmcs_read32(PROC_BASED_CONTROLS);

	vmcs_write(PROC_BASED_CONTROLS, on ? proc | PROC_NMI_WINDOW_EXITING :
		   proc & ~PROC_NMI_WINDOW_EXITING);
}

/*
 * A virtual NMI for the guest: not while it blocks NMIs itself (it runs
 * its NMI handler), sits in an STI or MOV SS shadow, or another event
 * goes in first; the NMI-window exit then says when it can.
 */
static bool vmx_inject_nmi(struct per_cpu *pc)
{
	u32 blocked = INTERRUPTIBILITY_STI_BLOCKING |
		INTERRUPTIBILITY_MOV_SS_BLOCKING | INTERRUPTIBILITY_NMI_BLOCKING;

	if ((vmcs_read32(VM_ENTRY_INTR_INFO) & INTR_INFO_VALID) ||
	    (vmcs_read32(GUEST_INTERRUPTIBILITY) & blocked)) {
		set_nmi_window_exiting(true);
		return false;
	}
	vmcs_write(VM_ENTRY_INTR_INFO, INTR_INFO_VALID | INTR_TYPE_NMI |
		   X86_NMI_VECTOR);
	return true;
}

static void vmx_flush_guest_tlb(struct per_cpu *pc)
{
	invept_all();
}

static void vmx_set_efer(struct per_cpu *pc, u64 efer)
{
	set_guest_efer(efer, guest_cr(GUEST_CR0, CR0_GUEST_HOST_MASK,
				      CR0_READ_SHADOW));
}

/* MOV to CR0/CR4 touching a bit the host owns (NE, VMXE, unsupported). */
static bool vmx_set_cr(struct per_cpu *pc, unsigned int cr, u64 value)
{
	if (cr == 0) {
		set_guest_cr0(value);
		set_guest_efer(vmcs_read(GUEST_IA32_EFER), value);
		return true;
	}
	/* Bits VMX cannot run a guest with are unsupported: #GP. */
	if (cr != 4 || (value & ~caps.cr4_fixed1))
		return false;
	set_guest_cr4(value);
	return true;
}

/* --- exits ----------------------------------------------------------------- */

static void fill_cr_access(struct per_cpu *pc, struct vcpu_exit *ex)
{
	u64 qual = vmcs_read(EXIT_QUALIFICATION);
	unsigned int cr = qual & CR_QUAL_NUMBER_MASK;
	unsigned int gpr = (qual >> CR_QUAL_GPR_SHIFT) & CR_QUAL_GPR_MASK;

	if (((qual >> CR_QUAL_TYPE_SHIFT) & CR_QUAL_TYPE_MASK) != CR_QUAL_TYPE_MOV_TO_CR ||
	    (cr != 0 && cr != 4)) {
		ex->reason = VCPU_EXIT_UNEXPECTED;
		return;
	}
	ex->reason = VCPU_EXIT_CR_WRITE;
	ex->cr.cr = cr;
	ex->cr.value = *guest_gpr(&pc->arch.regs, gpr);
}

static void fill_ept_violation(struct vcpu_exit *ex)
{
	u64 qual = vmcs_read(EXIT_QUALIFICATION);

	ex->reason = VCPU_EXIT_GPA_FAULT;
	ex->fault.gpa = vmcs_read(GUEST_PHYSICAL_ADDRESS);
	ex->fault.write = qual & EPT_QUAL_WRITE;
	ex->fault.fetch = qual & EPT_QUAL_FETCH;
	ex->fault.page_walk = (qual & EPT_QUAL_LINEAR_VALID) &&
		!(qual & EPT_QUAL_TRANSLATION);
}

static void fill_io(struct vcpu_exit *ex)
{
	u64 qual = vmcs_read(EXIT_QUALIFICATION);

	ex->reason = VCPU_EXIT_IO;
	ex->io.port = qual >> IO_QUAL_PORT_SHIFT;
	ex->io.size = (qual & IO_QUAL_SIZE_MASK) + 1;
	ex->io.in = qual & IO_QUAL_IN;
	ex->io.string = qual & IO_QUAL_STRING;
}

/*
 * An NMI exit consumed the NMI (cpu_nmi_arrived tells whose it was).  It
 * leaves NMIs blocked in the hypervisor until an IRET: end that here.
 */
static void fill_exception_or_nmi(struct per_cpu *pc, struct vcpu_exit *ex)
{
	u32 info = vmcs_read32(VM_EXIT_INTR_INFO);

	ex->unexpected.info = info;
	if ((info & INTR_INFO_TYPE_MASK) != INTR_TYPE_NMI) {
		ex->reason = VCPU_EXIT_UNEXPECTED;
		return;
	}
	cpu_nmi_arrived(pc);
	unblock_nmis();
	ex->reason = VCPU_EXIT_NMI;
}

/* The preemption timer was armed by an NMI in the hypervisor (host_nmi). */
static void preemption_timer_exit(struct vcpu_exit *ex)
{
	vmcs_write(PIN_BASED_CONTROLS,
		   vmcs_read32(PIN_BASED_CONTROLS) & ~PIN_PREEMPTION_TIMER);
	ex->reason = VCPU_EXIT_KICK;
}

static bool is_vmx_instruction(u32 reason)
{
	switch (reason) {
	case EXIT_REASON_VMCALL + 1 ... EXIT_REASON_VMXON:
	case EXIT_REASON_INVEPT:
	case EXIT_REASON_INVVPID:
	case EXIT_REASON_VMFUNC:
	case EXIT_REASON_GETSEC:
		return true;
	default:
		return false;
	}
}

/* Exits caused by an instruction, whose length the VMCS reports. */
static enum vcpu_exit_reason instruction_exit(u32 reason)
{
	switch (reason) {
	case EXIT_REASON_CPUID:
		return VCPU_EXIT_CPUID;
	case EXIT_REASON_VMCALL:
		return VCPU_EXIT_HYPERCALL;
	case EXIT_REASON_MSR_READ:
		return VCPU_EXIT_MSR_READ;
	case EXIT_REASON_MSR_WRITE:
		return VCPU_EXIT_MSR_WRITE;
	case EXIT_REASON_XSETBV:
		return VCPU_EXIT_XSETBV;
	case EXIT_REASON_INVD:
		return VCPU_EXIT_INVD;
	default:
		return VCPU_EXIT_NONE;
	}
}

static void fill_exit(struct per_cpu *pc, u32 reason, struct vcpu_exit *ex)
{
	ex->reason = instruction_exit(reason);
	ex->insn_len = vmcs_read32(VM_EXIT_INSTRUCTION_LEN);
	if (ex->reason != VCPU_EXIT_NONE)
		return;
	ex->insn_len = 0;
	switch (reason) {
	case EXIT_REASON_EXCEPTION_NMI:
		fill_exception_or_nmi(pc, ex);
		break;
	case EXIT_REASON_NMI_WINDOW:
		set_nmi_window_exiting(false);
		break;
	case EXIT_REASON_IO_INSTRUCTION:
		fill_io(ex);
		ex->insn_len = vmcs_read32(VM_EXIT_INSTRUCTION_LEN);
		break;
	case EXIT_REASON_CR_ACCESS:
		fill_cr_access(pc, ex);
		ex->insn_len = vmcs_read32(VM_EXIT_INSTRUCTION_LEN);
		break;
	case EXIT_REASON_EPT_VIOLATION:
		fill_ept_violation(ex);
		break;
	case EXIT_REASON_PREEMPTION_TIMER:
		preemption_timer_exit(ex);
		break;
	case EXIT_REASON_INIT_SIGNAL:
		ex->reason = VCPU_EXIT_INIT;
		break;
	case EXIT_REASON_TRIPLE_FAULT:
		ex->reason = VCPU_EXIT_TRIPLE_FAULT;
		break;
	default:
		ex->reason = is_vmx_instruction(reason) ? VCPU_EXIT_VIRT_INSN :
			VCPU_EXIT_UNEXPECTED;
		break;
	}
}

/*
 * An interrupt, NMI or exception whose delivery the exit interrupted is
 * injected again on the next entry.  Software interrupts and exceptions
 * (INTn, INT3, INTO) are not: their instruction runs again.
 */
static bool redeliver_interrupted_event(void)
{
	u32 info = vmcs_read32(IDT_VECTORING_INFO);
	u32 type = info & INTR_INFO_TYPE_MASK;

	if (!(info & INTR_INFO_VALID))
		return false;
	if (type != INTR_TYPE_EXT_INTR && type != INTR_TYPE_NMI &&
	    type != INTR_TYPE_HARD_EXCEPTION)
		return true;
	vmcs_write(VM_ENTRY_INTR_INFO, info & (INTR_INFO_VALID | INTR_INFO_TYPE_MASK |
					       INTR_INFO_ERROR_VALID |
					       INTR_INFO_VECTOR_MASK));
	if (info & INTR_INFO_ERROR_VALID)
		vmcs_write(VM_ENTRY_EXCEPTION_ERROR, vmcs_read32(IDT_VECTORING_ERROR));
	return true;
}

static void entry_refused(struct per_cpu *pc, u64 rflags, struct vcpu_exit *ex)
{
	u32 err = 0;

	ex->reason = VCPU_EXIT_BAD_STATE;
	ex->rip = vmcs_read(GUEST_RIP);
	/* CF: no current VMCS; ZF: the VMCS names the reason. */
	if (!(rflags & BIT(0)))
		err = vmcs_read32(VM_INSTRUCTION_ERROR);
	printk("CPU %u: VM entry failed: %s\n", pc->cpu_id,
	       err ? vm_instruction_error_name() : "no current VMCS");
	ex->unexpected.code = err;
}

static void vmx_enter(struct per_cpu *pc, struct vcpu_exit *ex)
{
	struct guest_regs *regs = &pc->arch.regs;
	u64 failed;
	u32 reason;

	*ex = (struct vcpu_exit){ 0 };
	vmcs_write(GUEST_RSP, regs->rsp);
	failed = vmx_enter_guest(regs, pc->arch.vmcs_launched);
	if (failed) {
		entry_refused(pc, failed, ex);
		return;
	}
	pc->arch.vmcs_launched = true;
	regs->rsp = vmcs_read(GUEST_RSP);
	reason = vmcs_read32(VM_EXIT_REASON);
	ex->rip = vmcs_read(GUEST_RIP);
	ex->unexpected.code = reason;
	ex->unexpected.info = vmcs_read(EXIT_QUALIFICATION);
	if (reason & EXIT_REASON_ENTRY_FAILED) {
		ex->reason = VCPU_EXIT_BAD_STATE;
		return;
	}
	ex->in_event_delivery = redeliver_interrupted_event();
	fill_exit(pc, reason & EXIT_REASON_BASIC_MASK, ex);
}

const struct vcpu_vendor vmx_vendor = {
	.name = "Intel VMX",
	.vendor_id = XVC_VENDOR_ID_VMX,
	.check_features = vmx_check_features,
	.cpu_init = vmx_cpu_init,
	.cpu_exit = vmx_cpu_exit,
	.host_interrupt_window = vmx_host_interrupt_window,
	.host_nmi = vmx_host_nmi,
	.gpa_format = &ept_format,
	/* I/O bitmaps A and B, contiguous: one bit per port like SVM's IOPM. */
	.io_bitmap_pages = VMX_IO_BITMAP_PAGES,
	.msr_bitmap_pages = VMX_MSR_BITMAP_PAGES,
	.msr_bitmap_set = msr_bitmap_set,
	.vcpu_set_cell = vmx_vcpu_set_cell,
	.vcpu_init_linux = vmx_vcpu_init_linux,
	.vcpu_reset = vmx_vcpu_reset,
	.enter_guest = vmx_enter,
	.get_linux_state = vmx_get_linux_state,
	.get_guest_state = vmx_get_guest_state,
	.set_rip = vmx_set_rip,
	.inject_exception = vmx_inject_exception,
	.inject_nmi = vmx_inject_nmi,
	.flush_guest_tlb = vmx_flush_guest_tlb,
	.set_efer = vmx_set_efer,
	.set_cr = vmx_set_cr,
};
