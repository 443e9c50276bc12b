// SPDX-License-Identifier: GPL-2.0-only
/*
 * The x86 part of a cell: its guest-physical memory map (NPT or EPT), its
 * I/O and MSR permission maps, the pages the hypervisor maps for it (the
 * local APIC, the IOAPICs whose pins it owns), and its CPUs' guest state.
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
#include <asm/ioapic.h>
#include <asm/processor.h>
#include <asm/vcpu.h>

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
	/* Only the root's map changes while its CPUs run guest code. */
	cell->arch.gpa_map.live = cell == &root_cell;
	cell->arch.io_bitmap = page_alloc(vendor->io_bitmap_pages);
	cell->arch.msr_bitmap = page_alloc(vendor->msr_bitmap_pages);
	if (!cell->arch.io_bitmap || !cell->arch.msr_bitmap) {
		free_permission_maps(cell);
		pt_destroy(&cell->arch.gpa_map);
		return trace_error(-ENOMEM);
	}
	err = iommu_domain_create(cell);
	if (err) {
		free_permission_maps(cell);
		pt_destroy(&cell->arch.gpa_map);
		return err;
	}
	memset(cell->arch.io_bitmap, 0xff, vendor->io_bitmap_pages * PAGE_SIZE);
	arch_cell_update_permissions(cell);
	vcpu_build_msr_bitmap(cell, cell->arch.msr_bitmap);
	return 0;
}

void arch_cell_destroy(struct cell *cell)
{
	ioapic_release_pins(cell);
	free_permission_maps(cell);
	iommu_domain_destroy(cell);
	pt_destroy(&cell->arch.gpa_map);
}

int arch_map_memory_region(struct cell *cell, const struct xvc_memory_region *mem)
{
	int err;

	if (!(mem->flags & XVC_MEM_READ))
		return 0;
	err = pt_map(&cell->arch.gpa_map, mem->virt_start, mem->phys_start,
		     mem->size, mem->flags);
	return err ? err : iommu_map_region(cell, mem);
}

int arch_unmap_memory_region(struct cell *cell, const struct xvc_memory_region *mem)
{
	int err = pt_unmap(&cell->arch.gpa_map, mem->virt_start, mem->size);

	return err ? err : iommu_unmap_region(cell, mem);
}

void arch_compact_memory_map(struct cell *cell, u64 gpa, u64 size)
{
	pt_coalesce(&cell->arch.gpa_map, gpa, size);
	iommu_compact(cell, gpa, size);
}

void arch_release_freed_tables(struct cell *cell)
{
	pt_release_freed(&cell->arch.gpa_map);
	iommu_domain_changed(cell);
}

int arch_gpa_lookup(const struct cell *cell, u64 gpa, u64 *phys, u64 *flags)
{
	return pt_lookup(&cell->arch.gpa_map, gpa, phys, flags);
}

int arch_map_platform_pages(struct cell *cell)
{
	int err = apic_map_for_cell(cell);

	if (err)
		return err;
	if (cell == &root_cell)
		return ioapic_protect_root(cell);
	return ioapic_take_pins(cell);
}

void arch_cell_update_permissions(struct cell *cell)
{
	vcpu_build_io_bitmap(cell, cell->arch.io_bitmap);
	/* Interrupts the root remaps itself may reach only what it kept. */
	if (cell == &root_cell)
		iommu_root_changed();
}

void arch_vcpu_reset(struct per_cpu *pc, u64 address)
{
	vendor->vcpu_reset(pc, address);
}

/*
 * What the CPU itself holds for its guest, outside the VMCB or VMCS: the
 * FPU and vector registers, the debug address registers, and MSRs neither
 * vendor switches (VMX keeps the syscall MSRs in the CPU).  The next owner
 * finds none of the previous one's values: the guest's RESET state.
 */
static void clear_guest_cpu_state(void)
{
	static const u32 zero_msrs[] = {
		MSR_STAR, MSR_LSTAR, MSR_CSTAR, MSR_SFMASK, MSR_KERNEL_GS_BASE,
	};
	unsigned int n;

	fpu_reset_state();
	write_dr(0, 0);
	write_dr(1, 0);
	write_dr(2, 0);
	write_dr(3, 0);
	for (n = 0; n < ARRAY_SIZE(zero_msrs); n++)
		wrmsr(zero_msrs[n], 0);
	if (cpuid_edx(0x80000001) & CPUID_EXT1_EDX_RDTSCP)
		wrmsr(MSR_TSC_AUX, 0);
}

bool arch_vcpu_set_cell(struct per_cpu *pc)
{
	if (!apic_reset())
		return false;
	clear_guest_cpu_state();
	vendor->vcpu_set_cell(pc);
	return true;
}
