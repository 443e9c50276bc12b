// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86 bring-up: vendor choice, the hypervisor's page tables, GDT and IDT,
 * and the way back to Linux.
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
#include <asm/header-offsets.h>
#include <asm/paging.h>
#include <asm/processor.h>
#include <asm/vcpu.h>

_Static_assert(__builtin_offsetof(struct xvc_hv_header, config_offset) ==
	       HDR_CONFIG_OFFSET, "header offsets for entry.S");
_Static_assert(__builtin_offsetof(struct xvc_hv_header, config_size) ==
	       HDR_CONFIG_SIZE, "header offsets for entry.S");

#define HV_CS		0x08
#define HV_DS		0x10

const struct vcpu_vendor *vendor;
static struct page_table host_pt;

/* Flat 64-bit code and data segments; the hypervisor needs nothing else. */
static const u64 hv_gdt[] __aligned(16) = {
	0,
	0x00af9b000000ffffULL,	/* code: long mode, DPL 0 */
	0x00cf93000000ffffULL,	/* data */
};

struct idt_gate {
	u16 offset_low, selector;
	u8 ist, type;
	u16 offset_mid;
	u32 offset_high, reserved;
};

static struct idt_gate hv_idt[256] __aligned(16);
extern u8 exception_entries[], interrupt_entry[];

static int choose_vendor(void)
{
	if (cpuid_ecx(0x80000001) & CPUID_EXT1_ECX_SVM)
		vendor = &svm_vendor;
	else if (cpuid_ecx(1) & CPUID1_ECX_VMX)
		vendor = &vmx_vendor;
	else {
		printk("CPU has neither AMD SVM nor Intel VMX\n");
		return trace_error(-ENODEV);
	}
	printk("vendor: %s\n", vendor->name);
	return vendor->check_features();
}

/* Highest physical address the root's config names: the direct map's size. */
static u64 direct_map_size(void)
{
	const struct cellcfg_cell *root = &system_config.cell;
	u64 end = 4ULL << 30;
	unsigned int n;

	for (n = 0; n < root->num_memory; n++)
		end = MAX(end, root->memory[n].phys_start + root->memory[n].size);
	return MIN(ALIGN_UP(end, 1ULL << 30), DIRECT_MAP_SIZE);
}

static int build_host_page_table(void)
{
	const struct pt_format *fmt = &host_pt_format;
	static struct pt_format small_pages;
	int err;

	if (!(cpuid_edx(0x80000001) & CPUID_EXT1_EDX_1GB_PAGES)) {
		small_pages = host_pt_format;
		small_pages.max_leaf_level = 2;
		fmt = &small_pages;
	}
	err = pt_init(&host_pt, fmt);
	if (err)
		return err;
	err = pt_map(&host_pt, XVC_HV_LINK_ADDRESS, hv_header.phys_start,
		     hv_header.mem_size,
		     XVC_MEM_READ | XVC_MEM_WRITE | XVC_MEM_EXECUTE);
	if (!err)
		err = pt_map(&host_pt, DIRECT_MAP_BASE, 0, direct_map_size(),
			     XVC_MEM_READ | XVC_MEM_WRITE);
	/* The local APIC is device memory: uncached. */
	if (!err)
		err = pt_map(&host_pt, (u64)phys_to_virt(apic_base_phys()),
			     apic_base_phys(), PAGE_SIZE,
			     XVC_MEM_READ | XVC_MEM_WRITE | XVC_MEM_IO);
	/* The driver's stub, through which the CPU gets back to Linux. */
	if (!err)
		err = pt_map(&host_pt, hv_header.stub_va, hv_header.stub_pa,
			     (u64)hv_header.stub_pages * PAGE_SIZE,
			     XVC_MEM_READ | XVC_MEM_EXECUTE);
	return err;
}

int arch_global_init(void)
{
	unsigned int n;
	u64 handler;
	int err;

	err = choose_vendor();
	if (!err)
		err = apic_init();
	if (err)
		return err;

	for (n = 0; n < ARRAY_SIZE(hv_idt); n++) {
		handler = n < 32 ? (u64)exception_entries + 16 * n :
			(u64)interrupt_entry;
		hv_idt[n] = (struct idt_gate){
			.offset_low = handler & 0xffff,
			.selector = HV_CS,
			.type = 0x8e,	/* present, DPL 0, interrupt gate */
			.offset_mid = (handler >> 16) & 0xffff,
			.offset_high = handler >> 32,
		};
	}
	return build_host_page_table();
}

static void load_hv_segments(void)
{
	struct desc_ptr gdt = { sizeof(hv_gdt) - 1, (u64)hv_gdt };
	struct desc_ptr idt = { sizeof(hv_idt) - 1, (u64)hv_idt };

	load_gdt(&gdt);
	load_idt(&idt);
	/* Reload CS with a far return; SS with our data segment. */
	asm volatile("pushq %0\n\t"
		     "leaq 1f(%%rip), %%rax\n\t"
		     "pushq %%rax\n\t"
		     "lretq\n"
		     "1:\n\t"
		     "mov %1, %%ss"
		     : : "i"(HV_CS), "r"((u64)HV_DS) : "rax", "memory");
}

int arch_cpu_init(struct per_cpu *pc)
{
	load_hv_segments();
	/* PCIDs and global pages are Linux's business, not ours. */
	write_cr4(read_cr4() & ~(X86_CR4_PGE | X86_CR4_PCIDE));
	write_cr3(pt_root_phys(&host_pt));
	pc->apic_id = this_apic_id();
	apic_cpu_init(pc);
	return vendor->cpu_init(pc);
}

void arch_cpu_exit(struct per_cpu *pc)
{
	vendor->cpu_exit(pc);
}

int arch_vendor_id(void)
{
	return vendor->vendor_id;
}

static void free_permission_maps(struct cell *cell)
{
	page_free(cell->arch.io_bitmap, vendor->io_bitmap_pages);
	page_free(cell->arch.msr_bitmap, vendor->msr_bitmap_pages);
	cell->arch.io_bitmap = cell->arch.msr_bitmap = NULL;
}

int arch_cell_create(struct cell *cell)
{
	int err = pt_init(&cell->arch.gpa_map, vendor->gpa_format);

	if (err)
		return err;
	cell->arch.io_bitmap = page_alloc(vendor->io_bitmap_pages);
	cell->arch.msr_bitmap = page_alloc(vendor->msr_bitmap_pages);
	if (!cell->arch.io_bitmap || !cell->arch.msr_bitmap) {
		free_permission_maps(cell);
		pt_destroy(&cell->arch.gpa_map);
		return trace_error(-ENOMEM);
	}
	memset(cell->arch.io_bitmap, 0xff, vendor->io_bitmap_pages * PAGE_SIZE);
	arch_cell_update_permissions(cell);
	vendor->build_msr_bitmap(cell, cell->arch.msr_bitmap);
	return 0;
}

void arch_cell_destroy(struct cell *cell)
{
	free_permission_maps(cell);
	pt_destroy(&cell->arch.gpa_map);
}

int arch_map_memory_region(struct cell *cell, const struct xvc_memory_region *mem)
{
	if (!(mem->flags & XVC_MEM_READ))
		return 0;
	return pt_map(&cell->arch.gpa_map, mem->virt_start, mem->phys_start,
		      mem->size, mem->flags);
}

void arch_compact_memory_map(struct cell *cell, u64 gpa, u64 size)
{
	pt_coalesce(&cell->arch.gpa_map, gpa, size);
}

int arch_unmap_memory_region(struct cell *cell, const struct xvc_memory_region *mem)
{
	return pt_unmap(&cell->arch.gpa_map, mem->virt_start, mem->size);
}

int arch_map_platform_pages(struct cell *cell)
{
	return apic_map_for_cell(cell);
}

void arch_vcpu_reset(struct per_cpu *pc, u64 address)
{
	vendor->vcpu_reset(pc, address);
}

void arch_vcpu_run(struct per_cpu *pc)
{
	vendor->vcpu_run(pc);
}

bool arch_vcpu_set_cell(struct per_cpu *pc)
{
	if (!apic_reset())
		return false;
	vendor->vcpu_set_cell(pc);
	return true;
}

void arch_cell_update_permissions(struct cell *cell)
{
	vcpu_build_io_bitmap(cell, cell->arch.io_bitmap);
}

void arch_send_management_ipi(struct per_cpu *target)
{
	apic_send_nmi(target->apic_id);
}

void arch_cpu_activate_root(struct per_cpu *pc)
{
	vendor->vcpu_init_linux(pc);
	vendor->vcpu_run(pc);
}

void arch_park_cpu(struct per_cpu *pc)
{
	pc->state = pc->state == XVC_CPU_RUNNING ? XVC_CPU_PARKED : pc->state;
	halt_forever();
}

extern void __noreturn jump_to_linux(u64 resume, u64 cr3, u64 cr4, u64 rsp);
extern struct xvc_linux_cpu_state linux_cpu_state[];

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

void vcpu_disable(struct per_cpu *pc, struct guest_regs *regs)
{
	struct xvc_linux_cpu_state ls = pc->linux_state;

	vendor->vcpu_get_linux(pc, &ls, regs);
	vendor->cpu_exit(pc);
	resume_linux(pc, &ls, regs);
}
