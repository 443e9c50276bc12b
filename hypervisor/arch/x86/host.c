// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor's own x86 environment: the vendor chosen at run time, its
 * page tables (its memory, a direct map of physical memory, the local
 * APIC, the driver's stub), its GDT and IDT, and per-CPU VMX/SVM on/off.
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/errno.h>
#include <xvc/memory.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <xvc/string.h>
#include <asm/apic.h>
#include <asm/iommu.h>
#include <asm/paging.h>
#include <asm/processor.h>
#include <asm/vcpu.h>

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

static u64 mmconfig_end(void)
{
	const struct xvc_platform *plat = &system_config.system->platform;

	return plat->mmconfig_base + (((u64)plat->mmconfig_end_bus + 1) << 20);
}

/*
 * The direct map reaches every physical address the hypervisor touches
 * through it: the root's memory (every cell's lies inside), the
 * hypervisor's own, the IOAPICs; at least the first 4 GiB.  Sized from the
 * config, not the ABI limit: without 1 GiB pages a map of the whole limit
 * would take hundreds of MiB of tables.
 */
static u64 direct_map_size(void)
{
	const struct xvc_system_desc *sys = system_config.system;
	const struct cellcfg_cell *root = &system_config.cell;
	u64 end = MAX(4ULL << 30, hv_header.phys_start + hv_header.mem_size);
	unsigned int n;

	for (n = 0; n < root->num_memory; n++)
		end = MAX(end, root->memory[n].phys_start + root->memory[n].size);
	for (n = 0; n < sys->platform.num_ioapics; n++)
		end = MAX(end, sys->platform.ioapics[n].address + PAGE_SIZE);
	if (sys->platform.mmconfig_base)
		end = MAX(end, mmconfig_end());
	return MIN(ALIGN_UP(end, 1ULL << 30), DIRECT_MAP_SIZE);
}

/* Device registers the hypervisor uses, uncached over the direct map. */
static int map_device_range(u64 phys, u64 size)
{
	return pt_map(&host_pt, (u64)phys_to_virt(phys & PAGE_MASK),
		      phys & PAGE_MASK, size,
		      XVC_MEM_READ | XVC_MEM_WRITE | XVC_MEM_IO);
}

static int map_device_page(u64 phys)
{
	return map_device_range(phys, PAGE_SIZE);
}

/*
 * The root's device memory, uncached: the hypervisor writes registers
 * there (a cell's MSI-X tables, pci-msix.c), and a cacheable alias of
 * device memory must not exist anyway.
 */
static int map_root_device_memory(void)
{
	const struct cellcfg_cell *root = &system_config.cell;
	const struct xvc_memory_region *mem;
	unsigned int n;
	int err = 0;

	for (n = 0; n < root->num_memory && !err; n++) {
		mem = &root->memory[n];
		if (mem->flags & XVC_MEM_IO)
			err = map_device_range(mem->phys_start, mem->size);
	}
	return err;
}

/* PCI config space (pci.c) is reached through the MMCONFIG window. */
static int map_mmconfig(void)
{
	const struct xvc_platform *plat = &system_config.system->platform;

	if (!plat->mmconfig_base)
		return 0;
	return map_device_range(plat->mmconfig_base,
				mmconfig_end() - plat->mmconfig_base);
}

static int build_host_page_table(void)
{
	const struct pt_format *fmt = &host_pt_format;
	static struct pt_format small_pages;
	unsigned int n;
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
	if (!err)
		err = map_root_device_memory();
	if (!err)
		err = map_device_page(apic_base_phys());
	for (n = 0; !err && n < system_config.system->platform.num_ioapics; n++)
		err = map_device_page(system_config.system->platform.ioapics[n].address);
	if (!err)
		err = map_mmconfig();
	if (!err)
		err = iommu_map_host_registers(map_device_range);
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
	err = build_host_page_table();
	if (err)
		return err;
	/*
	 * The rest of the global set-up reads device registers that only the
	 * hypervisor's page table maps (the IOMMUs'): this CPU switches now,
	 * as arch_cpu_init() does for every CPU.  Going back to Linux
	 * restores its CR3 and CR4.
	 */
	write_cr4(read_cr4() & ~(X86_CR4_PGE | X86_CR4_PCIDE));
	write_cr3(pt_root_phys(&host_pt));
	return iommu_probe();
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
	int err;

	load_hv_segments();
	/* PCIDs and global pages are Linux's business, not ours. */
	write_cr4(read_cr4() & ~(X86_CR4_PGE | X86_CR4_PCIDE));
	write_cr3(pt_root_phys(&host_pt));
	pc->apic_id = this_apic_id();
	err = apic_cpu_init(pc);
	if (err)
		return err;
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

void arch_send_management_ipi(struct per_cpu *target)
{
	apic_send_nmi(target->apic_id);
}
