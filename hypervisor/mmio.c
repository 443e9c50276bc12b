// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MMIO dispatch table (xvc/mmio.h): which subsystem handles a cell's
 * accesses to which guest-physical range.  Ranges are registered while a
 * cell is built, under the control lock, and never change while its CPUs
 * run, so lookups need no lock.
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/errno.h>
#include <xvc/memory.h>
#include <xvc/mmio.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>

static bool ranges_overlap(u64 a, u64 a_size, u64 b, u64 b_size)
{
	return a < b + b_size && b < a + a_size;
}

static int map_region(struct cell *cell, const struct mmio_region *r)
{
	struct xvc_memory_region mem = {
		.phys_start = r->phys,
		.virt_start = r->start,
		.size = r->size,
		.flags = r->direct | XVC_MEM_IO,
	};

	if (!r->direct)
		return arch_unmap_memory_region(cell, &mem);
	return arch_map_memory_region(cell, &mem);
}

int mmio_register(struct cell *cell, u64 start, u64 size, u64 phys, u64 direct,
		  mmio_handler handler, void *arg)
{
	struct mmio_table *t = &cell->mmio;
	struct mmio_region *r;
	unsigned int n;
	int err;

	if (!size || start + size < start || (direct & ~XVC_MEM_READ))
		return trace_error(-EINVAL);
	for (n = 0; n < t->count; n++) {
		if (ranges_overlap(start, size, t->regions[n].start,
				   t->regions[n].size)) {
			printk("cell \"%s\": MMIO range [0x%lx+0x%lx] claimed twice\n",
			       cell_name(cell), start, size);
			return trace_error(-EBUSY);
		}
	}
	if (t->count == MMIO_MAX_REGIONS) {
		printk("cell \"%s\": more than %u intercepted MMIO ranges\n",
		       cell_name(cell), MMIO_MAX_REGIONS);
		return trace_error(-ENOSPC);
	}
	r = &t->regions[t->count];
	*r = (struct mmio_region){ start, size, phys, direct, handler, arg };
	err = map_region(cell, r);
	if (!err)
		t->count++;
	return err;
}

int mmio_reapply(struct cell *cell, u64 start, u64 size)
{
	const struct mmio_table *t = &cell->mmio;
	unsigned int n;
	int err;

	for (n = 0; n < t->count; n++) {
		if (!ranges_overlap(start, size, t->regions[n].start,
				    t->regions[n].size))
			continue;
		err = map_region(cell, &t->regions[n]);
		if (err)
			return err;
	}
	return 0;
}

const struct mmio_region *mmio_find(const struct cell *cell, u64 gpa)
{
	const struct mmio_table *t = &cell->mmio;
	unsigned int n;

	for (n = 0; n < t->count; n++)
		if (gpa - t->regions[n].start < t->regions[n].size)
			return &t->regions[n];
	return NULL;
}

enum exit_action mmio_dispatch(struct per_cpu *pc, struct mmio_access *access)
{
	const struct mmio_region *r = mmio_find(pc->cell, access->gpa);

	if (!r || access->gpa + access->size - r->start > r->size)
		return violation(pc, "%u-byte %s of guest-physical 0x%lx outside the cell's memory",
				 access->size, access->write ? "write" : "read",
				 access->gpa);
	return r->handler(pc, access, r->arg);
}

u64 mmio_device_read(u64 phys, unsigned int size)
{
	void *va = phys_to_virt(phys);

	switch (size) {
	case 1:
		return *(volatile u8 *)va;
	case 2:
		return *(volatile u16 *)va;
	case 4:
		return *(volatile u32 *)va;
	default:
		return *(volatile u64 *)va;
	}
}

void mmio_device_write(u64 phys, unsigned int size, u64 value)
{
	void *va = phys_to_virt(phys);

	switch (size) {
	case 1:
		*(volatile u8 *)va = value;
		break;
	case 2:
		*(volatile u16 *)va = value;
		break;
	case 4:
		*(volatile u32 *)va = value;
		break;
	default:
		*(volatile u64 *)va = value;
	}
}
