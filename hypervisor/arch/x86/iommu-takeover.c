// SPDX-License-Identifier: GPL-2.0-only
/*
 * What taking a unit's interrupt remapping over from the root Linux needs
 * whichever the vendor (vtd-ir.c, amd-vi-ir.c): the unit's register page
 * emulated for the root, and stores into root memory on Linux's behalf.
 *
 * The root's accesses to the page arrive through its MMIO table.  While
 * the take-over is active, each aligned 4- or 8-byte access goes to the
 * vendor as an access to a 64-bit register: a read gets the half it asked
 * for, a 4-byte write arrives as the whole register with that half
 * replaced (what the root reads of the other half stays).  Before the
 * take-over is complete and once Linux has its unit back, the accesses
 * reach the unit itself.
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/memory.h>
#include <xvc/mmio.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <xvc/spinlock.h>
#include <asm/iommu.h>

static void pass_through(struct mmio_access *access)
{
	if (access->write)
		mmio_device_write(access->gpa, access->size, access->value);
	else
		access->value = mmio_device_read(access->gpa, access->size);
}

/* A 4-byte write into one half of a 64-bit register, as a whole write. */
static u64 merged_write(const struct iommu_root_regs *regs, unsigned int offset,
			unsigned int size, u64 value)
{
	unsigned int shift = 8 * (offset & 4);
	u64 old;

	if (size == 8)
		return value;
	old = regs->read(regs->unit, offset & ~7U);
	return (old & ~(0xffffffffULL << shift)) | (value & 0xffffffff) << shift;
}

static enum exit_action root_regs_access(struct per_cpu *pc,
					 struct mmio_access *access, void *arg)
{
	struct iommu_root_regs *regs = arg;
	unsigned int offset = access->gpa - regs->base;

	count_exit(pc, XVC_STAT_MMIO);
	if ((access->size != 4 && access->size != 8) ||
	    (offset & (access->size - 1))) {
		printk("root CPU %u: %s unit at 0x%lx: %u-byte access at 0x%x is not a register access: ignored\n",
		       pc->cpu_id, regs->name, regs->base, access->size, offset);
		if (!access->write)
			access->value = 0;
		return EXIT_RESUME;
	}
	spin_lock(regs->lock);
	if (!regs->active)
		pass_through(access);
	else if (access->write)
		regs->write(pc, regs->unit, offset & ~7U,
			    merged_write(regs, offset, access->size, access->value));
	else
		access->value = regs->read(regs->unit, offset & ~7U) >> (8 * (offset & 4));
	spin_unlock(regs->lock);
	if (!access->write && access->size == 4)
		access->value &= 0xffffffff;
	return EXIT_RESUME;
}

int iommu_root_regs_claim(struct iommu_root_regs *regs, u32 size)
{
	return mmio_register(&root_cell, regs->base, size, regs->base, 0,
			     root_regs_access, regs);
}

bool iommu_store_to_root(u64 gpa, u64 value, unsigned int size)
{
	u64 phys, flags;

	if ((size != 4 && size != 8) || (gpa & (size - 1)) ||
	    arch_gpa_lookup(&root_cell, gpa, &phys, &flags) ||
	    (flags & (XVC_MEM_WRITE | XVC_MEM_IO)) != XVC_MEM_WRITE)
		return false;
	if (size == 8)
		WRITE_ONCE(*(volatile u64 *)phys_to_virt(phys), value);
	else
		WRITE_ONCE(*(volatile u32 *)phys_to_virt(phys), value);
	return true;
}
