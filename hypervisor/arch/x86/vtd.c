// SPDX-License-Identifier: GPL-2.0-only
/*
 * Intel VT-d DMA remapping units: their registers, root and context tables,
 * invalidation and fault records.  What a domain maps is iommu.c's
 * business; this file only points requester IDs at domains.
 *
 * Tables: one root table per unit, with an entry for every bus.  Buses
 * start out sharing the unit's default context table, where every
 * function translates through the root's domain; a bus gets a context
 * table of its own the first time one of its functions is given to a cell.
 *
 * Invalidation is global (context cache, then IOTLB, draining writes) when
 * a context entry changes, and of one domain's IOTLB entries when only
 * that domain's tables changed.  Both run only when cells are created or
 * destroyed.  It goes through the invalidation queue where the unit has
 * one (then the registers must not be used), else through the registers.
 * Tables are flushed from the CPU caches first when the unit does not
 * snoop them.
 */
#include <xvc/errno.h>
#include <xvc/memory.h>
#include <xvc/printk.h>
#include <xvc/spinlock.h>
#include <xvc/string.h>
#include <asm/iommu.h>
#include <asm/processor.h>
#include "vtd.h"

static struct vtd_unit units[XVC_MAX_IOMMUS];
static unsigned int walk_levels = 4;

struct vtd_unit *vtd_unit(unsigned int unit)
{
	return &units[unit];
}

static u64 sl_leaf(u64 pa, u64 flags, unsigned int level)
{
	u64 e = pa | SL_READ;

	if (flags & XVC_MEM_WRITE)
		e |= SL_WRITE;
	if (level > 1)
		e |= SL_LARGE;
	return e;
}

static u64 sl_table(u64 pa, unsigned int level)
{
	(void)level;
	return pa | SL_READ | SL_WRITE;
}

/* Every mapping the hypervisor makes is readable: R is "present". */
static bool sl_present(u64 e)
{
	return e & SL_READ;
}

static u64 sl_rights(u64 e)
{
	return ((e & SL_READ) ? XVC_MEM_READ : 0) |
		((e & SL_WRITE) ? XVC_MEM_WRITE : 0);
}

static const struct pt_format vtd_sl_format = {
	.leaf = sl_leaf,
	.table = sl_table,
	.present = sl_present,
	.rights = sl_rights,
	.attr_mask = SL_READ | SL_WRITE,
	.leaf_mask = SL_LARGE,
	.large_leaf = SL_LARGE,
	.max_leaf_level = 1,
};

static int wait_status(const struct vtd_unit *u, u32 bit, bool set)
{
	unsigned long n;

	for (n = 0; n < WAIT_LOOPS; n++) {
		if (!!(read32(u, VTD_GSTS) & bit) == set)
			return 0;
		cpu_relax();
	}
	printk("VT-d unit at 0x%lx: status bit 0x%x did not follow the command\n",
	       u->base, bit);
	return trace_error(-EIO);
}

int vtd_command(const struct vtd_unit *u, u32 bit, bool on)
{
	u32 keep = read32(u, VTD_GSTS) & GSTS_PERSISTENT & ~bit;

	write32(u, VTD_GCMD, keep | (on ? bit : 0));
	/*
	 * A function's status follows its command; a one-shot command (the
	 * root table pointer) sets its status bit once carried out.
	 */
	return wait_status(u, bit, on || !(bit & GSTS_PERSISTENT));
}

static int wait_clear64(const struct vtd_unit *u, unsigned int offset, u64 bit)
{
	unsigned long n;

	for (n = 0; n < WAIT_LOOPS; n++) {
		if (!(read64(u, offset) & bit))
			return 0;
		cpu_relax();
	}
	printk("VT-d unit at 0x%lx: invalidation at 0x%x did not complete\n",
	       u->base, offset);
	return trace_error(-EIO);
}

/* A unit that does not snoop reads what the CPU wrote from memory. */
static void writes_visible(const struct vtd_unit *u)
{
	if (!(u->ecap & ECAP_COHERENT))
		asm volatile("wbinvd" ::: "memory");
	else
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/* Tables changed: the unit must see them before it is told to reload. */
void vtd_tables_written(const struct vtd_unit *u)
{
	writes_visible(u);
	if (u->cap & CAP_RWBF) {
		/* The status bit is set while the write buffer drains. */
		write32(u, VTD_GCMD, (read32(u, VTD_GSTS) & GSTS_PERSISTENT) | GCMD_WBF);
		wait_status(u, GCMD_WBF, false);
	}
}

static void queue_put(struct vtd_unit *u, u64 lo, u64 hi)
{
	u->queue[u->queue_tail] = (struct vtd_entry){ .lo = lo, .hi = hi };
	u->queue_tail = (u->queue_tail + 1) % QUEUE_ENTRIES;
}

/* @count descriptors, a status write, and the wait for that write. */
void vtd_queue_run(struct vtd_unit *u, const u64 *descriptors, unsigned int count)
{
	unsigned long n;

	spin_lock(&u->queue_lock);
	u->wait_status = 0;
	for (n = 0; n < count; n++)
		queue_put(u, descriptors[n], 0);
	queue_put(u, INV_WAIT_STATUS | (u64)INV_WAIT_DONE << 32,
		  hv_virt_to_phys((void *)&u->wait_status));
	writes_visible(u);
	write64(u, VTD_IQT, (u64)u->queue_tail << 4);
	for (n = 0; n < WAIT_LOOPS; n++) {
		if (READ_ONCE(u->wait_status) == INV_WAIT_DONE)
			break;
		if (read32(u, VTD_FSTS) & FSTS_IQE)
			break;
		cpu_relax();
	}
	if (READ_ONCE(u->wait_status) != INV_WAIT_DONE)
		printk("VT-d unit at 0x%lx: invalidation queue stalled (status 0x%x)\n",
		       u->base, read32(u, VTD_FSTS));
	spin_unlock(&u->queue_lock);
}

/* The context cache if @context, then the IOTLB as @iotlb_scope says. */
static void flush_by_registers(const struct vtd_unit *u, bool context,
			       u64 iotlb_scope)
{
	unsigned int iotlb = ECAP_IRO(u->ecap) + 8;

	if (context) {
		write64(u, VTD_CCMD, CCMD_ICC | CCMD_GLOBAL);
		wait_clear64(u, VTD_CCMD, CCMD_ICC);
	}
	write64(u, iotlb, IOTLB_IVT | iotlb_scope | IOTLB_DRAIN);
	wait_clear64(u, iotlb, IOTLB_IVT);
}

/* Context entries changed: everything cached goes. */
static void vtd_flush_all(unsigned int unit)
{
	static const u64 descriptors[] = { INV_CONTEXT_GLOBAL, INV_IOTLB_GLOBAL };
	struct vtd_unit *u = &units[unit];

	if (!u->root_table)
		return;
	vtd_tables_written(u);
	if (u->queue)
		vtd_queue_run(u, descriptors, ARRAY_SIZE(descriptors));
	else
		flush_by_registers(u, true, IOTLB_GLOBAL);
}

/*
 * Only domain @id's tables changed: its translations and cached table
 * entries go, the other domains' devices keep theirs (no IOTLB misses in
 * the other cells because this one changed).
 */
static void vtd_flush_domain(unsigned int unit, u16 id)
{
	const u64 descriptor = INV_IOTLB_DOMAIN(id);
	struct vtd_unit *u = &units[unit];

	if (!u->root_table)
		return;
	vtd_tables_written(u);
	if (u->queue)
		vtd_queue_run(u, &descriptor, 1);
	else
		flush_by_registers(u, false, IOTLB_DOMAIN(id));
}

/*
 * An empty queue of one page (size field 0: 256 descriptors of 16 bytes),
 * in place of Linux's where Linux remapped interrupts.
 */
static int enable_queue(struct vtd_unit *u)
{
	int err;

	if (!(u->ecap & ECAP_QI))
		return 0;
	if (u->ir) {
		err = vtd_ir_take_queue(u);
		if (err)
			return err;
	}
	u->queue = page_alloc(1);
	if (!u->queue)
		return trace_error(-ENOMEM);
	u->queue_tail = 0;
	write64(u, VTD_IQT, 0);
	write64(u, VTD_IQA, hv_virt_to_phys(u->queue));
	return vtd_command(u, GCMD_QIE, true);
}

static void vtd_set_walk_levels(unsigned int levels)
{
	walk_levels = levels;
}

/* The IOTLB and fault-record registers sit where CAP and ECAP say. */
static bool registers_inside(const struct vtd_unit *u, u32 size)
{
	u64 iotlb_end = ECAP_IRO(u->ecap) + 16;
	u64 records_end = CAP_FRO(u->cap) + 16 * CAP_NFR(u->cap);

	return MAX(iotlb_end, records_end) <= size;
}

static int vtd_probe(unsigned int unit, u64 base, u32 size, struct iommu_caps *caps)
{
	struct vtd_unit *u = &units[unit];
	u32 gsts;
	int err;

	*u = (struct vtd_unit){ .base = base, .size = size };
	u->cap = read64(u, VTD_CAP);
	u->ecap = read64(u, VTD_ECAP);
	if (!registers_inside(u, size)) {
		printk("VT-d unit at 0x%lx: its registers (cap 0x%lx ecap 0x%lx) reach beyond the config's size 0x%x\n",
		       base, u->cap, u->ecap, size);
		return trace_error(-EINVAL);
	}
	gsts = read32(u, VTD_GSTS);
	if ((gsts & GCMD_TE) || (gsts & (GCMD_IRE | GCMD_QIE)) == GCMD_QIE) {
		printk("VT-d unit at 0x%lx is in use (status 0x%x): boot Linux with intel_iommu=off\n",
		       base, gsts);
		return trace_error(-EBUSY);
	}
	if (gsts & GCMD_IRE) {
		err = vtd_ir_probe(u, gsts);
		if (err)
			return err;
	}
	caps->walk_levels = 0;
	if (CAP_SAGAW(u->cap) & SAGAW_39BIT)
		caps->walk_levels |= BIT(3);
	if (CAP_SAGAW(u->cap) & SAGAW_48BIT)
		caps->walk_levels |= BIT(4);
	caps->domain_ids = 1U << (4 + 2 * CAP_ND(u->cap));
	caps->max_leaf_level = (CAP_SLLPS(u->cap) & 2) ? 3 :
		(CAP_SLLPS(u->cap) & 1) ? 2 : 1;
	printk("VT-d unit at 0x%lx: cap 0x%lx ecap 0x%lx\n", base, u->cap, u->ecap);
	return 0;
}

static int context_entry(const struct dma_domain *d, struct vtd_entry *e)
{
	u64 table;
	int err;

	if (walk_levels == 4) {
		table = pt_root_phys(d->map);
		e->hi = CONTEXT_AW_48BIT;
	} else {
		err = pt_first_subtable_phys(d->map, &table);
		if (err)
			return err;
		e->hi = CONTEXT_AW_39BIT;
	}
	e->hi |= (u64)d->id << CONTEXT_DID_SHIFT;
	e->lo = table | ENTRY_PRESENT;
	return 0;
}

static void point_bus_at(struct vtd_unit *u, unsigned int bus,
			 const struct vtd_entry *context_table)
{
	u->root_table[bus].hi = 0;
	u->root_table[bus].lo = hv_virt_to_phys(context_table) | ENTRY_PRESENT;
}

static int build_tables(struct vtd_unit *u, const struct dma_domain *root)
{
	struct vtd_entry entry;
	unsigned int n;
	int err;

	u->root_table = page_alloc(1);
	u->default_context = page_alloc(1);
	if (!u->root_table || !u->default_context)
		return trace_error(-ENOMEM);
	err = context_entry(root, &entry);
	if (err)
		return err;
	for (n = 0; n < 256; n++) {
		u->default_context[n] = entry;
		point_bus_at(u, n, u->default_context);
	}
	return 0;
}

/* Faults from before the hypervisor are not the cells' doing: cleared. */
static void clear_faults(const struct vtd_unit *u)
{
	unsigned int n;

	for (n = 0; n < CAP_NFR(u->cap); n++)
		write64(u, CAP_FRO(u->cap) + 16 * n + 8, FRCD_F);
	write32(u, VTD_FSTS, FSTS_PFO);
}

static int vtd_enable(unsigned int unit, const struct dma_domain *root)
{
	struct vtd_unit *u = &units[unit];
	int err = build_tables(u, root);

	if (err)
		return err;
	/* Reports are polled (iommu.c): the fault event stays masked. */
	write32(u, VTD_FECTL, FECTL_IM);
	clear_faults(u);
	vtd_tables_written(u);
	write64(u, VTD_RTADDR, hv_virt_to_phys(u->root_table));
	err = vtd_command(u, GCMD_SRTP, true);
	if (!err)
		err = enable_queue(u);
	if (err)
		return err;
	vtd_flush_all(unit);
	err = vtd_command(u, GCMD_TE, true);
	if (err)
		return err;
	u->enabled = true;
	if (u->ir) {
		err = vtd_ir_enable(u);
		if (err)
			return err;
	}
	printk("VT-d unit at 0x%lx: DMA remapping on, %u-level tables, %s invalidation\n",
	       u->base, walk_levels, u->queue ? "queued" : "register");
	return 0;
}

/* Linux gets its devices' DMA untranslated again, as before enable. */
static void vtd_disable(unsigned int unit)
{
	struct vtd_unit *u = &units[unit];

	if (u->enabled && !vtd_command(u, GCMD_TE, false))
		u->enabled = false;
	if (u->ir) {
		vtd_ir_disable(u);
		return;
	}
	/* The queue is empty: every flush waited for its last descriptor. */
	if (!u->enabled && u->queue && !vtd_command(u, GCMD_QIE, false))
		u->queue = NULL;
}

/* The bus gets its own context table, so that one function can change. */
static int vtd_prepare_device(unsigned int unit, u16 bdf)
{
	struct vtd_unit *u = &units[unit];
	unsigned int bus = bdf >> 8;
	struct vtd_entry *table;

	if (u->bus_context[bus])
		return 0;
	table = page_alloc(1);
	if (!table)
		return trace_error(-ENOMEM);
	memcpy(table, u->default_context, PAGE_SIZE);
	u->bus_context[bus] = table;
	point_bus_at(u, bus, table);
	vtd_flush_all(unit);
	return 0;
}

/*
 * The entry goes through "not present", with the caches flushed, before
 * it names the new domain: no cached copy may mix the two.
 */
static int vtd_assign_device(unsigned int unit, u16 bdf, const struct dma_domain *d)
{
	struct vtd_unit *u = &units[unit];
	struct vtd_entry *table = u->bus_context[bdf >> 8], entry;
	int err;

	if (!table)
		return trace_error(-EINVAL);
	err = context_entry(d, &entry);
	if (err)
		return err;
	table[bdf & 0xff].lo = 0;
	vtd_flush_all(unit);
	/* Its messages' entries were its former owner's. */
	vtd_ir_release_function(u, bdf);
	table[bdf & 0xff].hi = entry.hi;
	table[bdf & 0xff].lo = entry.lo;
	vtd_flush_all(unit);
	return 0;
}

/* Where Linux's remapping was taken over, cells' functions go through it too. */
static bool vtd_remaps(unsigned int unit, u16 bdf)
{
	return units[unit].ir;
}

static void vtd_remap_msi(unsigned int unit, const struct cell *cell, u16 bdf,
			  int msix_entry, u64 address, u32 data, unsigned int vectors)
{
	vtd_ir_remap_msi(&units[unit], cell, bdf, msix_entry, address, data, vectors);
}

static void vtd_device_message(unsigned int unit, u16 bdf, int msix_entry,
			       u64 *address, u32 *data)
{
	vtd_ir_device_message(&units[unit], bdf, msix_entry, address, data);
}

static void vtd_remap_ioapic(unsigned int unit, const struct cell *cell,
			     u16 source_id, unsigned int pin, u32 *low, u32 *high)
{
	vtd_ir_remap_ioapic(&units[unit], cell, source_id, pin, low, high);
}

static void vtd_release_ioapic(unsigned int unit, u16 source_id, unsigned int pin)
{
	vtd_ir_release_ioapic(&units[unit], source_id, pin);
}

static bool vtd_remaps_root(unsigned int unit)
{
	return units[unit].ir;
}

static void vtd_root_changed(unsigned int unit)
{
	vtd_ir_recheck_root(&units[unit]);
}

static const char *vtd_root_ioapic_refusal(unsigned int unit, u32 low, u32 high)
{
	return vtd_ir_root_ioapic_refusal(&units[unit], low, high);
}

static bool vtd_fault_pending(unsigned int unit)
{
	const struct vtd_unit *u = &units[unit];

	return u->enabled && (read32(u, VTD_FSTS) & (FSTS_PPF | FSTS_PFO));
}

/* The next recorded fault, taken out of its record; false if none. */
static bool vtd_next_fault(unsigned int unit, struct dma_fault *fault)
{
	const struct vtd_unit *u = &units[unit];
	unsigned int n, first, record;
	u64 hi;

	if (!u->enabled)
		return false;
	first = FSTS_FRI(read32(u, VTD_FSTS));
	for (n = 0; n < CAP_NFR(u->cap); n++) {
		record = CAP_FRO(u->cap) + 16 * ((first + n) % CAP_NFR(u->cap));
		hi = read64(u, record + 8);
		if (!(hi & FRCD_F))
			continue;
		*fault = (struct dma_fault){
			.unit = unit,
			.bdf = FRCD_SID(hi),
			.write = !(hi & FRCD_READ),
			.address = read64(u, record) & PAGE_MASK,
			.reason = FRCD_REASON(hi),
			.interrupt = FRCD_REASON(hi) >= FR_INTERRUPT_FIRST,
		};
		/* An interrupt's record holds the entry index it asked for. */
		if (fault->interrupt)
			fault->address = read64(u, record) >> 48;
		write64(u, record + 8, FRCD_F);
		return true;
	}
	if (read32(u, VTD_FSTS) & FSTS_PFO) {
		printk("VT-d unit at 0x%lx: fault records overflowed, faults were lost\n",
		       u->base);
		write32(u, VTD_FSTS, FSTS_PFO);
	}
	return false;
}

const struct iommu_ops vtd_ops = {
	.name = "VT-d",
	.format = &vtd_sl_format,
	.probe = vtd_probe,
	.set_walk_levels = vtd_set_walk_levels,
	.enable = vtd_enable,
	.disable = vtd_disable,
	.prepare_device = vtd_prepare_device,
	.assign_device = vtd_assign_device,
	.flush_domain = vtd_flush_domain,
	.remaps = vtd_remaps,
	.remap_msi = vtd_remap_msi,
	.device_message = vtd_device_message,
	.remap_ioapic = vtd_remap_ioapic,
	.release_ioapic = vtd_release_ioapic,
	.remaps_root = vtd_remaps_root,
	.root_changed = vtd_root_changed,
	.root_ioapic_refusal = vtd_root_ioapic_refusal,
	.fault_pending = vtd_fault_pending,
	.next_fault = vtd_next_fault,
};
