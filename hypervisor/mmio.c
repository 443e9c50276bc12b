// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MMIO dispatch table (xvc/mmio.h): which subsystem handles a cell's
 * accesses to which guest-physical range.  Ranges are registered while a
 * cell is built, under the control lock, and never change while its CPUs
 * run, so lookups need no lock.
 */
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

int mmio_register(struct cell *cell, u64 start, u64 size, mmio_handler handler,
		  void *arg)
{
	struct mmio_table *t = &cell->mmio;
	unsigned int n;

	if (!size || start + size < start)
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
	t->regions[t->count++] = (struct mmio_region){ start, size, handler, arg };
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
