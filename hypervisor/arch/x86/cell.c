// SPDX-License-Identifier: GPL-2.0-only
/*
 * The x86 part of a cell: its guest-physical memory map (NPT or EPT), its
 * I/O and MSR permission maps, the pages the hypervisor maps for it (the
 * local APIC, the root's IOAPICs), and its CPUs' guest state.
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/errno.h>
#include <xvc/memory.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <xvc/string.h>
#include <asm/apic.h>
#include <asm/ioapic.h>
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
	cell->arch.io_bitmap = page_alloc(vendor->io_bitmap_pages);
	cell->arch.msr_bitmap = page_alloc(vendor->msr_bitmap_pages);
	if (!cell->arch.io_bitmap || !cell->arch.msr_bitmap) {
		free_permission_maps(cell);
		pt_destroy(&cell->arch.gpa_map);
		return trace_error(-ENOMEM);
	}
	memset(cell->arch.io_bitmap, 0xff, vendor->io_bitmap_pages * PAGE_SIZE);
	arch_cell_update_permissions(cell);
	vcpu_build_msr_bitmap(cell, cell->arch.msr_bitmap);
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

int arch_unmap_memory_region(struct cell *cell, const struct xvc_memory_region *mem)
{
	return pt_unmap(&cell->arch.gpa_map, mem->virt_start, mem->size);
}

void arch_compact_memory_map(struct cell *cell, u64 gpa, u64 size)
{
	pt_coalesce(&cell->arch.gpa_map, gpa, size);
}

int arch_gpa_lookup(const struct cell *cell, u64 gpa, u64 *phys, u64 *flags)
{
	return pt_lookup(&cell->arch.gpa_map, gpa, phys, flags);
}

int arch_map_platform_pages(struct cell *cell)
{
	int err = apic_map_for_cell(cell);

	if (!err && cell == &root_cell)
		err = ioapic_protect_root(cell);
	return err;
}

void arch_cell_update_permissions(struct cell *cell)
{
	vcpu_build_io_bitmap(cell, cell->arch.io_bitmap);
}

void arch_vcpu_reset(struct per_cpu *pc, u64 address)
{
	vendor->vcpu_reset(pc, address);
}

bool arch_vcpu_set_cell(struct per_cpu *pc)
{
	if (!apic_reset())
		return false;
	vendor->vcpu_set_cell(pc);
	return true;
}
