// SPDX-License-Identifier: GPL-2.0-only
/*
 * AMD-Vi DMA remapping units: their registers, device table, command
 * buffer and event log.  What a domain maps is iommu.c's business; this
 * file only points requester IDs (device IDs) at domains.
 *
 * Device table: one per unit, with an entry for every one of the 65536
 * device IDs (2 MiB).  A device ID holds a bus number that the root's
 * software programs into bridges, so a smaller table would leave IDs a
 * device can take uncovered.  Every entry starts out translating through
 * the root's domain; a function's entry names a cell's domain while the
 * cell owns it.
 *
 * Interrupts: a cell's function gets an interrupt remapping table of its
 * own, which the unit indexes by the message's data bits 10:0.  An entry
 * is written only for a message the cell was allowed to program
 * (arch_msi_accepted()), and delivers exactly that message; the others
 * stay off, so a message the device forges, by MSI or by a DMA write into
 * the interrupt window (which carries the function's requester ID), is
 * dropped.  MSI messages are indexed by their own data; MSI-X entries by
 * their number, which the device holds as its data (pci-msix.c): two
 * entries with the same vector for different CPUs, which Linux programs,
 * would otherwise share one remapping entry.  NMI, INIT, SMI and ExtINT
 * messages are never passed.  The root's functions and the IOAPIC are not
 * remapped (IV = 0): their messages pass as without a unit.
 *
 * Commands go through a one-page command buffer; each batch ends with a
 * completion wait that stores to memory, which the CPU polls.  Changes
 * happen when cells are created or destroyed and when a cell programs a
 * function's interrupt message.  Blocked accesses are read from a
 * one-page event log.
 *
 * Domain-table entries (AMD-Vi "host" page tables): bit 0 present, bits
 * 9-11 the level of the table pointed to (0 in a leaf, whatever its
 * size), bits 61 and 62 read and write permission, checked at every level.
 */
#include <xvc/errno.h>
#include <xvc/memory.h>
#include <xvc/printk.h>
#include <xvc/spinlock.h>
#include <xvc/string.h>
#include <asm/iommu.h>
#include <asm/processor.h>
#include "amd-vi.h"

/* A cell's function: a table of 2^11 entries, indexed by data bits 10:0. */
#define CELL_IR_LEN_LOG2	11
#define CELL_IR_ENTRIES		(1U << CELL_IR_LEN_LOG2)

#define PTE_PRESENT		BIT_ULL(0)
#define PTE_NEXT_LEVEL_SHIFT	9
#define PTE_NEXT_LEVEL_MASK	(7ULL << PTE_NEXT_LEVEL_SHIFT)
#define PTE_READ		BIT_ULL(61)
#define PTE_WRITE		BIT_ULL(62)

/* Every address of the domain, page-directory entries included. */
#define PAGES_ALL		(0x7ffffffffffff000ULL | BIT_ULL(1) | BIT_ULL(0))

#define EVENT_CODE(lo)		((lo) >> 60)
#define EVENT_DEVICE_ID(lo)	((lo) & 0xffff)
#define EVENT_FLAG_WRITE	BIT_ULL(53)
#define EVENT_IO_PAGE_FAULT	0x2
#define EVENT_INVALID_REQUEST	0x8

static struct amdvi_unit units[XVC_MAX_IOMMUS];
static unsigned int walk_levels = 4;

static u64 host_leaf(u64 pa, u64 flags, unsigned int level)
{
	u64 e = pa | PTE_PRESENT | PTE_READ;

	(void)level;
	if (flags & XVC_MEM_WRITE)
		e |= PTE_WRITE;
	return e;
}

/* Permissions are ANDed along the walk: a table entry grants both. */
static u64 host_table(u64 pa, unsigned int level)
{
	return pa | PTE_PRESENT | PTE_READ | PTE_WRITE |
		(u64)(level - 1) << PTE_NEXT_LEVEL_SHIFT;
}

static bool host_present(u64 e)
{
	return e & PTE_PRESENT;
}

static u64 host_rights(u64 e)
{
	return ((e & PTE_READ) ? XVC_MEM_READ : 0) |
		((e & PTE_WRITE) ? XVC_MEM_WRITE : 0);
}

static const struct pt_format amdvi_host_format = {
	.leaf = host_leaf,
	.table = host_table,
	.present = host_present,
	.rights = host_rights,
	.attr_mask = PTE_PRESENT | PTE_READ | PTE_WRITE,
	.leaf_mask = PTE_NEXT_LEVEL_MASK,
	.large_leaf = 0,
	.max_leaf_level = 1,
};

void amdvi_command_put(struct amdvi_unit *u, u64 lo, u64 hi)
{
	u->commands[u->cmd_tail] = (struct amdvi_entry){ .lo = lo, .hi = hi };
	u->cmd_tail = (u->cmd_tail + 1) % RING_ENTRIES;
}

/*
 * Run what was put since the last call and wait until the unit got past
 * it.  Tables were written before: the unit reads them coherently
 * (CONTROL_COHERENT), so ordering the writes is enough.
 */
int amdvi_commands_run(struct amdvi_unit *u)
{
	unsigned long n;

	u->wait_done = 0;
	amdvi_command_put(u, hv_virt_to_phys((void *)&u->wait_done) |
		    CMD_COMPLETION_WAIT | WAIT_STORE, WAIT_DONE);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	write64(u, AMDVI_CMD_TAIL, (u64)u->cmd_tail * 16);
	for (n = 0; n < WAIT_LOOPS; n++) {
		if (READ_ONCE(u->wait_done) == WAIT_DONE)
			return 0;
		cpu_relax();
	}
	printk("AMD-Vi unit at 0x%lx: commands not completed (status 0x%lx)\n",
	       u->base, read64(u, AMDVI_STATUS));
	return trace_error(-EIO);
}

static void invalidate_domain(struct amdvi_unit *u, u16 id)
{
	amdvi_command_put(u, CMD_INVALIDATE_PAGES | (u64)id << 32, PAGES_ALL);
}

static void amdvi_flush_domain(unsigned int unit, u16 id)
{
	struct amdvi_unit *u = &units[unit];

	if (!u->enabled)
		return;
	spin_lock(&u->cmd_lock);
	invalidate_domain(u, id);
	amdvi_commands_run(u);
	spin_unlock(&u->cmd_lock);
}

/* Nothing a unit cached before the hypervisor may survive. */
int amdvi_invalidate_everything(struct amdvi_unit *u)
{
	unsigned int id;
	int err;

	if (u->features & EFR_INVALIDATE_ALL) {
		amdvi_command_put(u, CMD_INVALIDATE_ALL, 0);
		return amdvi_commands_run(u);
	}
	/* Half a ring per batch, the completion wait included. */
	for (id = 0; id < DEVICE_IDS; id++) {
		amdvi_command_put(u, CMD_INVALIDATE_DTE | id, 0);
		amdvi_command_put(u, CMD_INVALIDATE_IR_TABLE | id, 0);
		if (id % (RING_ENTRIES / 4) == RING_ENTRIES / 4 - 1) {
			err = amdvi_commands_run(u);
			if (err)
				return err;
		}
	}
	invalidate_domain(u, u->root_domain);
	return amdvi_commands_run(u);
}

static void amdvi_set_walk_levels(unsigned int levels)
{
	walk_levels = levels;
}

static int amdvi_probe(unsigned int unit, u64 base, u32 size,
		       struct iommu_caps *caps)
{
	struct amdvi_unit *u = &units[unit];
	u64 control;
	int err;

	*u = (struct amdvi_unit){ .base = base, .size = size };
	if (size < AMDVI_REGS_END) {
		printk("AMD-Vi unit at 0x%lx: its registers reach 0x%x, beyond the config's size 0x%x\n",
		       base, AMDVI_REGS_END, size);
		return trace_error(-EINVAL);
	}
	u->features = read64(u, AMDVI_EXT_FEATURES);
	control = read64(u, AMDVI_CONTROL);
	if (control & CONTROL_IOMMU_EN) {
		err = amdvi_ir_probe(u, control);
		if (err)
			return err;
	}
	/* Every unit walks 4 levels at least (extended features HATS). */
	caps->walk_levels = BIT(3) | BIT(4);
	/* A next level of 0 ends the walk at any level: 2M and 1G pages. */
	caps->max_leaf_level = 3;
	caps->domain_ids = 0x10000;
	printk("AMD-Vi unit at 0x%lx: extended features 0x%lx\n", base,
	       u->features);
	return 0;
}

static unsigned int irte_size(const struct amdvi_unit *u)
{
	return u->irte_128 ? 16 : 4;
}

static unsigned int irt_pages(const struct amdvi_unit *u, unsigned int len_log2)
{
	return ((irte_size(u) << len_log2) + PAGE_SIZE - 1) / PAGE_SIZE;
}

void *amdvi_irt_alloc(const struct amdvi_unit *u, unsigned int len_log2)
{
	void *table = page_alloc(irt_pages(u, len_log2));

	if (!table)
		printk("AMD-Vi unit at 0x%lx: no memory for an interrupt remapping table\n",
		       u->base);
	return table;
}

/* The table a device table entry's quadword 2 points to, if any. */
void amdvi_irt_free(const struct amdvi_unit *u, u64 q2)
{
	if ((q2 & DTE_IR_VALID) && DTE_IR_CTL(q2) == IR_CTL_REMAP)
		page_free(hv_phys_to_virt(q2 & DTE_IR_TABLE_MASK),
			  irt_pages(u, DTE_IR_LEN(q2)));
}

struct amdvi_irte amdvi_irte_read(const struct amdvi_unit *u,
				  const void *table, unsigned int index)
{
	const volatile u64 *e128 = (const volatile u64 *)table + 2 * index;
	const volatile u32 *e32 = (const volatile u32 *)table + index;

	if (u->irte_128)
		return (struct amdvi_irte){ e128[0], e128[1] };
	return (struct amdvi_irte){ e32[0], 0 };
}

/*
 * The unit may read an entry at any time: a 128-bit entry that changes
 * goes through "off" first, so that no message meets half of each.
 */
void amdvi_irte_install(const struct amdvi_unit *u, void *table,
			unsigned int index, struct amdvi_irte e)
{
	volatile u64 *e128 = (volatile u64 *)table + 2 * index;
	volatile u32 *e32 = (volatile u32 *)table + index;

	if (!u->irte_128) {
		*e32 = e.lo;
		return;
	}
	if (e128[1] != e.hi) {
		e128[0] = 0;
		e128[1] = e.hi;
	}
	e128[0] = e.lo;
}

/* The entry that delivers a message of @type to @dest with @vector. */
struct amdvi_irte amdvi_irte_for(const struct amdvi_unit *u, unsigned int type,
				 bool logical, u32 dest, u8 vector)
{
	u64 lo = IRTE_REMAP_EN | type << IRTE_INT_TYPE_SHIFT |
		(logical ? IRTE_DEST_LOGICAL : 0);

	if (!u->irte_128)
		return (struct amdvi_irte){
			lo | (dest & 0xff) << IRTE_DEST_SHIFT |
			(u64)vector << IRTE32_VECTOR_SHIFT, 0 };
	return (struct amdvi_irte){
		lo | (u64)(dest & 0xffffff) << IRTE_DEST_SHIFT,
		vector | (u64)(dest >> 24) << IRTE128_DEST_HI_SHIFT };
}

/*
 * Quadword 2 of a device table entry for @bdf in domain @d: for a cell,
 * a fresh remapping table, every entry off; for the root, Linux's checked
 * entries where its remapping was taken over, else no remapping.
 */
static int interrupt_entry(struct amdvi_unit *u, u16 bdf,
			   const struct dma_domain *d, u64 *ir)
{
	void *table;

	*ir = 0;
	if (!d->remap_interrupts)
		return u->root ? amdvi_ir_root_entry(u, bdf, ir) : 0;
	table = amdvi_irt_alloc(u, CELL_IR_LEN_LOG2);
	if (!table)
		return trace_error(-ENOMEM);
	*ir = hv_virt_to_phys(table) | DTE_IR_VALID |
		(u64)CELL_IR_LEN_LOG2 << DTE_IR_LEN_SHIFT |
		(u64)IR_CTL_REMAP << DTE_IR_CTL_SHIFT;
	return 0;
}

static int domain_entry(const struct dma_domain *d, u64 dte[4])
{
	u64 table;
	int err;

	if (walk_levels == 4) {
		table = pt_root_phys(d->map);
	} else {
		err = pt_first_subtable_phys(d->map, &table);
		if (err)
			return err;
	}
	dte[0] = table | DTE_VALID | DTE_TRANSLATION_VALID | DTE_READ |
		DTE_WRITE | (u64)walk_levels << DTE_MODE_SHIFT;
	dte[1] = d->id;
	dte[2] = 0;
	dte[3] = 0;
	return 0;
}

static int build_tables(struct amdvi_unit *u, const struct dma_domain *root)
{
	unsigned int id;
	u64 dte[4];
	int err;

	u->dev_table = page_alloc(DEV_TABLE_PAGES);
	u->commands = page_alloc(1);
	u->events = page_alloc(1);
	if (!u->dev_table || !u->commands || !u->events) {
		printk("AMD-Vi unit at 0x%lx: no memory for its device table (%lu pages)\n",
		       u->base, DEV_TABLE_PAGES);
		return trace_error(-ENOMEM);
	}
	err = domain_entry(root, dte);
	if (err)
		return err;
	for (id = 0; id < DEVICE_IDS; id++) {
		memcpy(u->dev_table[id], dte, sizeof(dte));
		err = interrupt_entry(u, id, root, &u->dev_table[id][2]);
		if (err)
			return err;
	}
	return 0;
}

/* The hypervisor's tables and rings, in a unit nobody else uses now. */
static void point_unit_at_tables(struct amdvi_unit *u)
{
	write64(u, AMDVI_DEV_TABLE_BASE,
		hv_virt_to_phys(u->dev_table) | (DEV_TABLE_PAGES - 1));
	write64(u, AMDVI_CMD_BUF_BASE,
		hv_virt_to_phys(u->commands) | RING_SIZE_LOG2);
	write64(u, AMDVI_EVENT_LOG_BASE,
		hv_virt_to_phys(u->events) | RING_SIZE_LOG2);
	u->cmd_tail = 0;
	write64(u, AMDVI_CMD_HEAD, 0);
	write64(u, AMDVI_CMD_TAIL, 0);
	write64(u, AMDVI_EVENT_HEAD, 0);
	write64(u, AMDVI_EVENT_TAIL, 0);
	write64(u, AMDVI_STATUS, STATUS_EVENT_OVERFLOW);
}

static int amdvi_enable(unsigned int unit, const struct dma_domain *root)
{
	struct amdvi_unit *u = &units[unit];
	u64 control;
	int err;

	u->root_domain = root->id;
	err = build_tables(u, root);
	if (err)
		return err;
	/* No exclusion range: every access is translated. */
	write64(u, AMDVI_EXCL_BASE, 0);
	write64(u, AMDVI_EXCL_LIMIT, 0);
	if (u->root) {
		/*
		 * The unit stays on: switched off, it would pass the root's
		 * messages unremapped meanwhile.  Its rings are switched
		 * with the rings off, the device table while it runs; what
		 * it cached of Linux's goes below.
		 */
		err = amdvi_ir_take(u);
		if (err)
			return err;
		write64(u, AMDVI_CONTROL, CONTROL_IOMMU_EN | CONTROL_COHERENT |
			(u->irte_128 ? CONTROL_GA_EN : 0) |
			(u->x2apic ? CONTROL_XT_EN : 0));
	}
	point_unit_at_tables(u);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	/* Reports are polled (iommu.c): no event or completion interrupt. */
	control = CONTROL_IOMMU_EN | CONTROL_CMD_BUF_EN | CONTROL_EVENT_LOG_EN |
		CONTROL_COHERENT;
	if (u->irte_128)
		control |= CONTROL_GA_EN;
	if (u->x2apic)
		control |= CONTROL_XT_EN;
	write64(u, AMDVI_CONTROL, control);
	u->enabled = true;
	err = amdvi_invalidate_everything(u);
	if (!err && u->root)
		err = amdvi_ir_enable(u);
	if (err)
		return err;
	printk("AMD-Vi unit at 0x%lx: DMA remapping on, %u-level tables\n",
	       u->base, walk_levels);
	return 0;
}

/* Linux gets its devices' DMA untranslated again, as before enable. */
static void amdvi_disable(unsigned int unit)
{
	struct amdvi_unit *u = &units[unit];

	if (u->root) {
		amdvi_ir_disable(u);
		u->enabled = false;
		return;
	}
	if (!u->enabled)
		return;
	write64(u, AMDVI_CONTROL, 0);
	u->enabled = false;
}

/*
 * The device is quiesced by its owner change (pci.c).  Whatever the unit
 * cached for it under either domain, or mixed from the two halves of the
 * entry while they were written, is invalidated afterwards.
 */
static int amdvi_assign_device(unsigned int unit, u16 bdf,
			       const struct dma_domain *d)
{
	struct amdvi_unit *u = &units[unit];
	u16 old_id;
	u64 old_ir, dte[4];
	int err;

	if (!u->enabled)
		return trace_error(-EINVAL);
	err = domain_entry(d, dte);
	if (err)
		return err;
	spin_lock(&u->cmd_lock);
	old_id = u->dev_table[bdf][1] & DTE_DOMAIN_MASK;
	old_ir = u->dev_table[bdf][2];
	err = interrupt_entry(u, bdf, d, &dte[2]);
	if (err) {
		spin_unlock(&u->cmd_lock);
		return err;
	}
	u->dev_table[bdf][2] = dte[2];
	u->dev_table[bdf][1] = dte[1];
	u->dev_table[bdf][0] = dte[0];
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	amdvi_command_put(u, CMD_INVALIDATE_DTE | bdf, 0);
	amdvi_command_put(u, CMD_INVALIDATE_IR_TABLE | bdf, 0);
	invalidate_domain(u, old_id);
	invalidate_domain(u, d->id);
	err = amdvi_commands_run(u);
	/* A unit that did not finish may still read the old table. */
	if (!err)
		amdvi_irt_free(u, old_ir);
	spin_unlock(&u->cmd_lock);
	return err;
}

/* The entry that delivers message @address/@data as it is. */
static struct amdvi_irte remapping_entry(const struct amdvi_unit *u,
					 u64 address, u32 data)
{
	return amdvi_irte_for(u, (data >> 8) & 7, address & BIT(2),
			(address >> 12) & 0xff, data & 0xff);
}

/* The cell function's remapping table, or NULL; under the command lock. */
static void *remapping_table(struct amdvi_unit *u, u16 bdf)
{
	u64 ir = u->dev_table[bdf][2];

	if (!u->enabled || !(ir & DTE_IR_VALID) ||
	    (u->dev_table[bdf][1] & DTE_DOMAIN_MASK) == u->root_domain)
		return NULL;
	return hv_phys_to_virt(ir & DTE_IR_TABLE_MASK);
}

static void remapping_table_changed(struct amdvi_unit *u, u16 bdf)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	amdvi_command_put(u, CMD_INVALIDATE_IR_TABLE | bdf, 0);
	amdvi_commands_run(u);
}

static bool amdvi_remaps(unsigned int unit, u16 bdf)
{
	struct amdvi_unit *u = &units[unit];
	bool remaps;

	spin_lock(&u->cmd_lock);
	remaps = remapping_table(u, bdf) != NULL;
	spin_unlock(&u->cmd_lock);
	return remaps;
}

/*
 * The unit finds an entry by the data's bits 10:0.  A multi-vector MSI
 * function replaces the low bits of the data with the vector's number:
 * one entry per vector.  An MSI-X entry sends its own number instead
 * (amdvi_device_message()), so that two entries with the same vector for
 * different CPUs cannot share a remapping entry.
 */
static void amdvi_remap_msi(unsigned int unit, const struct cell *cell, u16 bdf,
			    int msix_entry, u64 address, u32 data,
			    unsigned int vectors)
{
	struct amdvi_unit *u = &units[unit];
	unsigned int n;
	void *table;
	u32 sent;

	spin_lock(&u->cmd_lock);
	table = remapping_table(u, bdf);
	if (table && msix_entry >= 0 && msix_entry < (int)CELL_IR_ENTRIES) {
		amdvi_irte_install(u, table, msix_entry,
				   remapping_entry(u, address, data));
	} else {
		for (n = 0; table && n < vectors; n++) {
			sent = (data & ~(vectors - 1)) | n;
			amdvi_irte_install(u, table, sent % CELL_IR_ENTRIES,
					   remapping_entry(u, address, sent));
		}
	}
	if (table)
		remapping_table_changed(u, bdf);
	spin_unlock(&u->cmd_lock);
}

static void amdvi_device_message(unsigned int unit, u16 bdf, int msix_entry,
				 u64 *address, u32 *data)
{
	if (msix_entry >= 0)
		*data = msix_entry;
}

/*
 * Called on every root exit: two register reads.  An overflowed log is
 * full, so it is not empty either; amdvi_next_fault() restarts it.
 */
static bool amdvi_fault_pending(unsigned int unit)
{
	const struct amdvi_unit *u = &units[unit];

	return u->enabled &&
		read64(u, AMDVI_EVENT_HEAD) != read64(u, AMDVI_EVENT_TAIL);
}

/* Events lost to a full log: logging restarts on an empty log. */
static void restart_event_log(const struct amdvi_unit *u)
{
	u64 control = read64(u, AMDVI_CONTROL);

	printk("AMD-Vi unit at 0x%lx: event log overflowed, faults were lost\n",
	       u->base);
	write64(u, AMDVI_CONTROL, control & ~CONTROL_EVENT_LOG_EN);
	write64(u, AMDVI_STATUS, STATUS_EVENT_OVERFLOW);
	write64(u, AMDVI_EVENT_HEAD, 0);
	write64(u, AMDVI_EVENT_TAIL, 0);
	write64(u, AMDVI_CONTROL, control);
}

/*
 * The next blocked access in the event log, taken out of it.  Events that
 * are not a device's doing (table or command errors) are printed and
 * skipped: they are the hypervisor's problem, not a cell's.
 */
static bool amdvi_next_fault(unsigned int unit, struct dma_fault *fault)
{
	const struct amdvi_unit *u = &units[unit];
	struct amdvi_entry e;
	u64 head;

	if (!u->enabled)
		return false;
	while ((head = read64(u, AMDVI_EVENT_HEAD)) !=
	       read64(u, AMDVI_EVENT_TAIL)) {
		/* The entry was written before the tail moved past it. */
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		e = u->events[(head / 16) % RING_ENTRIES];
		write64(u, AMDVI_EVENT_HEAD, (head + 16) % PAGE_SIZE);
		if (EVENT_CODE(e.lo) == EVENT_IO_PAGE_FAULT ||
		    EVENT_CODE(e.lo) == EVENT_INVALID_REQUEST) {
			*fault = (struct dma_fault){
				.unit = unit,
				.bdf = EVENT_DEVICE_ID(e.lo),
				.write = e.lo & EVENT_FLAG_WRITE,
				.address = e.hi & PAGE_MASK,
				.reason = EVENT_CODE(e.lo),
			};
			return true;
		}
		printk("AMD-Vi unit at 0x%lx: event 0x%lx 0x%lx\n", u->base,
		       e.lo, e.hi);
	}
	if (read64(u, AMDVI_STATUS) & STATUS_EVENT_OVERFLOW)
		restart_event_log(u);
	return false;
}

static void amdvi_remap_ioapic(unsigned int unit, const struct cell *cell,
			       u16 source_id, unsigned int pin, u32 *low, u32 *high)
{
	if (units[unit].root)
		amdvi_ir_remap_ioapic(&units[unit], source_id, pin, low, high);
}

static void amdvi_release_ioapic(unsigned int unit, u16 source_id,
				 unsigned int pin)
{
	if (units[unit].root)
		amdvi_ir_release_ioapic(&units[unit], source_id, pin);
}

static const char *amdvi_root_ioapic_refusal(unsigned int unit, u32 low,
					     u32 high)
{
	return units[unit].root ?
		amdvi_ir_root_ioapic_refusal(&units[unit], low) : NULL;
}

static bool amdvi_remaps_root(unsigned int unit)
{
	return units[unit].root != NULL;
}

static void amdvi_root_changed(unsigned int unit)
{
	if (units[unit].root)
		amdvi_ir_recheck_root(&units[unit]);
}

const struct iommu_ops amdvi_ops = {
	.name = "AMD-Vi",
	.format = &amdvi_host_format,
	.probe = amdvi_probe,
	.set_walk_levels = amdvi_set_walk_levels,
	.enable = amdvi_enable,
	.disable = amdvi_disable,
	.assign_device = amdvi_assign_device,
	.flush_domain = amdvi_flush_domain,
	.remaps = amdvi_remaps,
	.remap_msi = amdvi_remap_msi,
	.device_message = amdvi_device_message,
	.remap_ioapic = amdvi_remap_ioapic,
	.release_ioapic = amdvi_release_ioapic,
	.remaps_root = amdvi_remaps_root,
	.root_changed = amdvi_root_changed,
	.root_ioapic_refusal = amdvi_root_ioapic_refusal,
	.fault_pending = amdvi_fault_pending,
	.next_fault = amdvi_next_fault,
};
