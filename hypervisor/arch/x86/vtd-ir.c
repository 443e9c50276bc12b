// SPDX-License-Identifier: GPL-2.0-only
/*
 * Intel VT-d interrupt remapping, taken over from the root Linux.
 *
 * A Linux that runs its local APICs in x2APIC mode needs interrupt
 * remapping, and sets it up at boot: a remapping table in its memory, and
 * the invalidation queue it tells the unit about table changes with.  At
 * enable the hypervisor puts a table of its own in the unit and a queue of
 * its own, and from then on emulates for the root the registers Linux
 * keeps using (iommu-takeover.c):
 *
 * - Linux still writes its own table.  Each entry it announces by an
 *   interrupt-entry-cache invalidation is checked (iommu_root_irq_refusal():
 *   the source verified and no cell's, a root CPU, a real interrupt) and
 *   copied into the hypervisor's table, or left out and reported.
 * - Its queue is read and carried out by the hypervisor when Linux moves
 *   the tail: invalidations as said, wait descriptors by writing their
 *   status into root memory, after the unit finished what came before.
 * - The other registers read back what Linux wrote; commands that would
 *   take the unit away from the hypervisor are refused and reported.
 *
 * The top of the table is the hypervisor's own, for cells' devices; the
 * root's entries live below it (Linux allocates from index 0 upwards).
 * When the root's CPUs or devices change, all its entries are checked
 * again.  At disable, Linux gets its table and its queue back where its
 * own bookkeeping expects them.
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/errno.h>
#include <xvc/pci.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <xvc/string.h>
#include <asm/apic-route.h>
#include <asm/iommu.h>
#include <asm/processor.h>
#include "vtd.h"

#define ECAP_IR			BIT_ULL(3)
#define ECAP_EIM		BIT_ULL(4)

#define IRTA_EIME		BIT_ULL(11)
#define IRTA_SIZE(irta)		(2U << ((irta) & 0xf))
#define IQA_DW_256		BIT_ULL(11)
#define IQA_QS(iqa)		((iqa) & 7)

/* Remapping table entries (VT-d 9.10). */
#define IRTE_PRESENT		BIT_ULL(0)
#define IRTE_FPD		BIT_ULL(1)
#define IRTE_LOGICAL		BIT_ULL(2)
#define IRTE_LEVEL		BIT_ULL(4)
#define IRTE_DLM(lo)		(((lo) >> 5) & 7)
#define IRTE_POSTED		BIT_ULL(15)
#define IRTE_VECTOR(lo)		(((lo) >> 16) & 0xff)
#define IRTE_LO_RESERVED	(0x7ULL << 12 | 0xffULL << 24)
#define IRTE_XAPIC_DEST_RSVD	(0xffff00ffULL << 32)
#define IRTE_SID(hi)		((hi) & 0xffff)
#define IRTE_SQ(hi)		(((hi) >> 16) & 3)
#define IRTE_SVT(hi)		(((hi) >> 18) & 3)
#define IRTE_HI_RESERVED	(~0xfffffULL)
#define SVT_NONE		0
#define SVT_REQUESTER		1
#define SVT_BUS_RANGE		2

/* Descriptors Linux queues (VT-d 6.5.2). */
#define DESC_TYPE(lo)		((lo) & 0xf)
#define DESC_IEC		0x4
#define DESC_WAIT		0x5
#define IEC_BY_INDEX		BIT_ULL(4)
#define IEC_INDEX(lo)		(((lo) >> 32) & 0xffff)
#define IEC_MASK(lo)		(((lo) >> 27) & 0x1f)
#define WAIT_IF			BIT_ULL(4)
#define WAIT_SW			BIT_ULL(5)

/* Remappable-format messages (VT-d 5.1.5.2). */
#define MSI_ADDRESS_WINDOW	0xfee00000ULL
#define MSI_REMAPPABLE		BIT(4)
#define MSI_SUBHANDLE_VALID	BIT(3)
#define MSI_DATA_LEVEL		BIT(15)
/* An IOAPIC entry's high half in remappable format (5.1.5.1). */
#define IOAPIC_REMAPPABLE	BIT(16)

/* The hypervisor's entries for cells' devices: the top of the table. */
#define CELL_ENTRIES_MAX	1024
/* Linux's queue of 128-bit descriptors fits one page (QS 0). */
#define ROOT_QUEUE_MAX		(PAGE_SIZE / 16)

/*
 * A cell's message and the hypervisor's entry for it: MSI-X entry k of a
 * function is message k, its MSI's vector n message MSI_MESSAGE_BASE + n.
 */
#define MSI_MESSAGE_BASE	0x8000
/* An IOAPIC's pin p is message IOAPIC_MESSAGE_BASE + p of its source ID. */
#define IOAPIC_MESSAGE_BASE	0x4000

struct cell_slot {
	u16 bdf;
	u16 message;
	bool used;
};

struct vtd_ir {
	/* Linux's registers as it wrote them, and as it reads them back. */
	u64 root_irta;
	u64 root_iqa;
	u32 root_gsts;
	u32 root_fault_event[4];
	/* Where the unit stands in Linux's queue, in descriptors. */
	unsigned int root_head;
	unsigned int root_queue_entries;
	/* Linux's queue is off and the hypervisor's runs. */
	bool queue_taken;
	/* The table the unit walks; [reserved_first, entries) is for cells. */
	struct vtd_entry *table;
	unsigned int entries;
	unsigned int reserved_first;
	bool x2apic;
	/* Entry reserved_first + n delivers slots[n]. */
	struct cell_slot slots[CELL_ENTRIES_MAX];
	/*
	 * The root's register accesses are emulated while regs.active;
	 * before enable finishes and once Linux has its remapping back, they
	 * reach the unit (the claim lasts as long as the root cell).
	 */
	struct iommu_root_regs regs;
	/* Serializes the table's changes and the root's register accesses. */
	struct spinlock lock;
};

static struct vtd_ir irs[XVC_MAX_IOMMUS];

static unsigned int table_pages(const struct vtd_ir *ir)
{
	return ir->entries * sizeof(struct vtd_entry) / PAGE_SIZE;
}

int vtd_ir_probe(struct vtd_unit *u, u32 gsts)
{
	struct vtd_ir *ir = &irs[u - vtd_unit(0)];
	unsigned int n;
	u64 iqa;

	if (!(gsts & GCMD_QIE) || !(u->ecap & ECAP_IR)) {
		printk("VT-d unit at 0x%lx: Linux remaps interrupts without the invalidation queue (status 0x%x): not supported\n",
		       u->base, gsts);
		return trace_error(-EBUSY);
	}
	iqa = read64(u, VTD_IQA);
	if ((iqa & IQA_DW_256) || (256U << IQA_QS(iqa)) > ROOT_QUEUE_MAX) {
		printk("VT-d unit at 0x%lx: Linux's invalidation queue (0x%lx) is not one page of 128-bit descriptors: not supported\n",
		       u->base, iqa);
		return trace_error(-EBUSY);
	}
	*ir = (struct vtd_ir){
		.root_irta = read64(u, VTD_IRTA),
		.root_iqa = iqa,
		.root_gsts = gsts,
		.root_queue_entries = 256U << IQA_QS(iqa),
	};
	for (n = 0; n < 4; n++)
		ir->root_fault_event[n] = read32(u, VTD_FECTL + 4 * n);
	ir->entries = IRTA_SIZE(ir->root_irta);
	ir->x2apic = ir->root_irta & IRTA_EIME;
	if (ir->entries < PAGE_SIZE / sizeof(struct vtd_entry)) {
		printk("VT-d unit at 0x%lx: Linux's remapping table has %u entries, fewer than a page\n",
		       u->base, ir->entries);
		return trace_error(-EBUSY);
	}
	ir->reserved_first = ir->entries - MIN(ir->entries / 4, CELL_ENTRIES_MAX);
	u->ir = ir;
	return 0;
}

/* --- the root's entries, checked and copied ------------------------------- */

/* The entry as a vendor-neutral request, or why it cannot be one. */
static const char *describe_entry(const struct vtd_ir *ir, u64 lo, u64 hi,
				  struct remapped_irq *irq)
{
	static const u8 sq_ignored[4] = { 0, 0x4, 0x6, 0x7 };
	unsigned int mask;

	if (lo & IRTE_POSTED)
		return "is a posted-interrupt entry";
	if ((lo & IRTE_LO_RESERVED) || (hi & IRTE_HI_RESERVED) ||
	    (!ir->x2apic && (lo & IRTE_XAPIC_DEST_RSVD)))
		return "has reserved bits set";
	*irq = (struct remapped_irq){
		.dest = ir->x2apic ? lo >> 32 : (lo >> 40) & 0xff,
		.logical = lo & IRTE_LOGICAL,
		.x2apic = ir->x2apic,
		.delivery = IRTE_DLM(lo),
		.vector = IRTE_VECTOR(lo),
	};
	switch (IRTE_SVT(hi)) {
	case SVT_REQUESTER:
		/* SQ leaves bit 2, bits 2:1 or bits 2:0 of the function out. */
		mask = sq_ignored[IRTE_SQ(hi)];
		irq->source_first = IRTE_SID(hi) & ~mask;
		irq->source_last = IRTE_SID(hi) | mask;
		irq->source_verified = true;
		break;
	case SVT_BUS_RANGE:
		irq->source_first = IRTE_SID(hi) & 0xff00;
		irq->source_last = (IRTE_SID(hi) & 0xff) << 8 | 0xff;
		irq->source_verified = irq->source_first <= irq->source_last;
		break;
	default:
		irq->source_verified = false;
	}
	return NULL;
}

static void report_refusal(const struct vtd_unit *u, unsigned int index,
			   u64 lo, u64 hi, const char *why)
{
	printk("root: VT-d unit at 0x%lx: remapping entry %u (0x%lx:%lx) %s: left out, its interrupts are not delivered\n",
	       u->base, index, hi, lo, why);
}

/* Linux's entry @index as the unit may use it; zero (not present) if not. */
static struct vtd_entry checked_entry(const struct vtd_unit *u, unsigned int index,
				      const struct vtd_entry *root)
{
	const struct vtd_ir *ir = u->ir;
	struct remapped_irq irq;
	const char *why;

	if (!(root->lo & IRTE_PRESENT))
		return (struct vtd_entry){ 0, 0 };
	why = describe_entry(ir, root->lo, root->hi, &irq);
	if (!why)
		why = iommu_root_irq_refusal(&irq);
	if (why) {
		report_refusal(u, index, root->lo, root->hi, why);
		return (struct vtd_entry){ 0, 0 };
	}
	/* Faults on the root's entries are reported too. */
	return (struct vtd_entry){ root->lo & ~IRTE_FPD, root->hi };
}

/*
 * The unit reads an entry as two halves: one whose source changes goes
 * through "not present" first, so that no interrupt meets the new source
 * with the old destination.
 */
static void install_entry(struct vtd_entry *slot, struct vtd_entry e)
{
	if (slot->hi != e.hi) {
		/* Volatile stores, in this order on x86. */
		WRITE_ONCE(slot->lo, 0);
		WRITE_ONCE(slot->hi, e.hi);
	}
	WRITE_ONCE(slot->lo, e.lo);
}

/*
 * Linux's entries at the top of its table stay out: those indices are the
 * hypervisor's.  Linux allocates from the bottom; one that reaches this
 * far is said so.
 */
static void report_reserved_use(const struct vtd_unit *u, unsigned int first,
				unsigned int end)
{
	const struct vtd_ir *ir = u->ir;
	struct vtd_entry root;
	unsigned int n;

	for (n = first; n < end; n++) {
		if (cell_read_guest(&root_cell, (ir->root_irta & PAGE_MASK) +
				    n * sizeof(root), &root, sizeof(root)) ||
		    !(root.lo & IRTE_PRESENT))
			continue;
		report_refusal(u, n, root.lo, root.hi,
			       "is in the range the hypervisor keeps for cells");
	}
}

/* Entries [first, end) of Linux's table, into the unit's. */
static void copy_root_entries(struct vtd_unit *u, unsigned int first,
			      unsigned int end)
{
	struct vtd_ir *ir = u->ir;
	u64 base = ir->root_irta & PAGE_MASK, gpa, phys = 0, page = ~0ULL;
	struct vtd_entry root;
	unsigned int n;
	bool readable = false;

	if (end > ir->reserved_first)
		report_reserved_use(u, MAX(first, ir->reserved_first), end);
	end = MIN(end, ir->reserved_first);
	for (n = first; n < end; n++) {
		gpa = base + n * sizeof(struct vtd_entry);
		if ((gpa & PAGE_MASK) != page) {
			page = gpa & PAGE_MASK;
			readable = !cell_gpa_to_phys(&root_cell, page, &phys);
			if (!readable)
				printk("root: VT-d unit at 0x%lx: remapping table page 0x%lx is not the root's memory: its entries are left out\n",
				       u->base, page);
		}
		if (readable)
			memcpy(&root, (u8 *)phys_to_virt(phys) + (gpa & ~PAGE_MASK),
			       sizeof(root));
		else
			root = (struct vtd_entry){ 0, 0 };
		install_entry(&ir->table[n], checked_entry(u, n, &root));
	}
}

static void invalidate_entry_cache(struct vtd_unit *u)
{
	static const u64 global = DESC_IEC;

	vtd_tables_written(u);
	vtd_queue_run(u, &global, 1);
}

void vtd_ir_recheck_root(struct vtd_unit *u)
{
	if (!u->ir || !u->ir->table)
		return;
	spin_lock(&u->ir->lock);
	copy_root_entries(u, 0, u->ir->reserved_first);
	invalidate_entry_cache(u);
	spin_unlock(&u->ir->lock);
}

/* The remapping entry a remappable-format IOAPIC entry names (5.1.5.1). */
static unsigned int ioapic_remap_index(u32 low, u32 high)
{
	return high >> 17 | ((low >> 11) & 1) << 15;
}

const char *vtd_ir_root_ioapic_refusal(const struct vtd_unit *u, u32 low,
				       u32 high)
{
	if (!u->ir || !(high & IOAPIC_REMAPPABLE) ||
	    ioapic_remap_index(low, high) < u->ir->reserved_first)
		return NULL;
	return "names a remapping entry of the hypervisor's";
}

/* --- cells' messages, through the hypervisor's entries -------------------- */

static int slot_of(const struct vtd_ir *ir, u16 bdf, unsigned int message)
{
	unsigned int n;

	for (n = 0; n < ir->entries - ir->reserved_first; n++)
		if (ir->slots[n].used && ir->slots[n].bdf == bdf &&
		    ir->slots[n].message == message)
			return n;
	return -1;
}

static void free_slot(struct vtd_ir *ir, unsigned int n)
{
	ir->slots[n].used = false;
	install_entry(&ir->table[ir->reserved_first + n], (struct vtd_entry){ 0, 0 });
}

/*
 * @count consecutive slots for messages @first.., the ones they had if
 * any (*fresh false).
 */
static int slot_block(struct vtd_ir *ir, u16 bdf, unsigned int first,
		      unsigned int count, bool *fresh)
{
	unsigned int n, k, slots = ir->entries - ir->reserved_first;
	int at = slot_of(ir, bdf, first);

	for (k = 1; at >= 0 && k < count; k++)
		if (at + k >= slots || !ir->slots[at + k].used ||
		    ir->slots[at + k].bdf != bdf || ir->slots[at + k].message != first + k)
			break;
	*fresh = false;
	if (at >= 0 && k == count)
		return at;
	*fresh = true;
	for (k = 0; k < count; k++) {
		at = slot_of(ir, bdf, first + k);
		if (at >= 0)
			free_slot(ir, at);
	}
	for (n = 0; n + count <= slots; n++) {
		for (k = 0; k < count && !ir->slots[n + k].used; k++)
			;
		if (k < count)
			continue;
		for (k = 0; k < count; k++)
			ir->slots[n + k] = (struct cell_slot){ bdf, first + k, true };
		return n;
	}
	return -1;
}

/*
 * The entry delivering a message arch_msi_refusal() passed for the cell:
 * its destination, mode and vector, from function @bdf only.  In x2APIC
 * mode the unit takes 32-bit destinations: a physical one is the APIC ID,
 * a logical one becomes the first of the cell's CPUs it names.
 */
static struct vtd_entry cell_entry(const struct vtd_ir *ir, const struct cell *cell,
				   u16 bdf, u64 address, u32 data)
{
	u32 dest = (address >> 12) & 0xff;
	bool logical = address & BIT(2);
	struct per_cpu *target;
	u64 lo = IRTE_PRESENT | (u64)((data >> 8) & 7) << 5 | (u64)(data & 0xff) << 16;

	if (data & MSI_DATA_LEVEL)
		lo |= IRTE_LEVEL;

	if (!ir->x2apic) {
		lo |= (logical ? IRTE_LOGICAL : 0) | (u64)dest << 40;
	} else {
		target = logical ? irq_first_target(dest, true, cell) : NULL;
		lo |= (u64)(target ? target->apic_id : dest) << 32;
	}
	return (struct vtd_entry){ lo, bdf | (u64)SVT_REQUESTER << 18 };
}

static const char *message_kind(unsigned int message)
{
	if (message >= MSI_MESSAGE_BASE)
		return "MSI vector";
	return message >= IOAPIC_MESSAGE_BASE ? "IOAPIC pin" : "MSI-X entry";
}

static unsigned int message_number(unsigned int message)
{
	if (message >= MSI_MESSAGE_BASE)
		return message - MSI_MESSAGE_BASE;
	return message >= IOAPIC_MESSAGE_BASE ? message - IOAPIC_MESSAGE_BASE : message;
}

static void remap_cell_messages(struct vtd_unit *u, const struct cell *cell, u16 bdf,
				unsigned int first, unsigned int count,
				u64 address, u32 data)
{
	struct vtd_ir *ir = u->ir;
	unsigned int n;
	bool fresh;
	int at;

	spin_lock(&ir->lock);
	at = slot_block(ir, bdf, first, count, &fresh);
	for (n = 0; at >= 0 && n < count; n++)
		install_entry(&ir->table[ir->reserved_first + at + n],
			      cell_entry(ir, cell, bdf, address,
					 (data & ~(count - 1)) | n));
	if (at >= 0)
		invalidate_entry_cache(u);
	spin_unlock(&ir->lock);
	if (at < 0)
		printk("VT-d unit at 0x%lx: no %u free remapping entries for requester %02x:%02x.%x of cell \"%s\": its message stays undelivered\n",
		       u->base, count, PCI_BDF_BUS(bdf), PCI_BDF_DEV(bdf),
		       PCI_BDF_FN(bdf), cell_name(cell));
	else if (fresh)
		printk("VT-d unit at 0x%lx: cell \"%s\": requester %02x:%02x.%x %s %u through remapping entries %u-%u\n",
		       u->base, cell_name(cell), PCI_BDF_BUS(bdf), PCI_BDF_DEV(bdf),
		       PCI_BDF_FN(bdf), message_kind(first), message_number(first),
		       ir->reserved_first + at, ir->reserved_first + at + count - 1);
}

void vtd_ir_remap_msi(struct vtd_unit *u, const struct cell *cell, u16 bdf,
		      int msix_entry, u64 address, u32 data, unsigned int vectors)
{
	if (!u->ir || !u->ir->table)
		return;
	if (msix_entry >= 0)
		remap_cell_messages(u, cell, bdf, msix_entry, 1, address, data);
	else
		remap_cell_messages(u, cell, bdf, MSI_MESSAGE_BASE, vectors,
				    address, data);
}

/*
 * Remappable format (VT-d 5.1.5.2): the entry's index in the address, a
 * sub-handle in the data that a multi-vector MSI function fills with the
 * vector's number.
 */
void vtd_ir_device_message(struct vtd_unit *u, u16 bdf, int msix_entry,
			   u64 *address, u32 *data)
{
	unsigned int handle;
	int at;

	if (!u->ir || !u->ir->table)
		return;
	spin_lock(&u->ir->lock);
	at = slot_of(u->ir, bdf, msix_entry >= 0 ? (unsigned int)msix_entry :
		     MSI_MESSAGE_BASE);
	handle = u->ir->reserved_first + at;
	spin_unlock(&u->ir->lock);
	if (at < 0)
		return;
	*address = MSI_ADDRESS_WINDOW | (handle & 0x7fff) << 5 | MSI_REMAPPABLE |
		MSI_SUBHANDLE_VALID | ((handle >> 15) & 1) << 2;
	*data = 0;
}

/*
 * An IOAPIC entry in remappable format (VT-d 5.1.5.1): the index in bits
 * 63:49 and 11, the cell's vector kept for the EOI the IOAPIC matches.
 * Left as it is (compatibility format, which the unit blocks) if no
 * entry is free.
 */
void vtd_ir_remap_ioapic(struct vtd_unit *u, const struct cell *cell, u16 source_id,
			 unsigned int pin, u32 *low, u32 *high)
{
	u64 address = MSI_ADDRESS_WINDOW | (u64)(*high >> 24) << 12 |
		((*low & BIT(11)) ? BIT(2) : 0);
	u32 data = (*low & 0x7ff) | ((*low & BIT(15)) ? MSI_DATA_LEVEL : 0);
	unsigned int handle;
	int at;

	if (!u->ir || !u->ir->table)
		return;
	remap_cell_messages(u, cell, source_id, IOAPIC_MESSAGE_BASE + pin, 1,
			    address, data);
	spin_lock(&u->ir->lock);
	at = slot_of(u->ir, source_id, IOAPIC_MESSAGE_BASE + pin);
	handle = u->ir->reserved_first + at;
	spin_unlock(&u->ir->lock);
	if (at < 0)
		return;
	*low = (*low & (0xff | BIT(13) | BIT(15) | BIT(16))) | ((handle >> 15) & 1) << 11;
	*high = (handle & 0x7fff) << 17 | BIT(16);
}

void vtd_ir_release_ioapic(struct vtd_unit *u, u16 source_id, unsigned int pin)
{
	int at;

	if (!u->ir || !u->ir->table)
		return;
	spin_lock(&u->ir->lock);
	at = slot_of(u->ir, source_id, IOAPIC_MESSAGE_BASE + pin);
	if (at >= 0) {
		free_slot(u->ir, at);
		invalidate_entry_cache(u);
	}
	spin_unlock(&u->ir->lock);
}

void vtd_ir_release_function(struct vtd_unit *u, u16 bdf)
{
	struct vtd_ir *ir = u->ir;
	bool freed = false;
	unsigned int n;

	if (!ir || !ir->table)
		return;
	spin_lock(&ir->lock);
	for (n = 0; n < ir->entries - ir->reserved_first; n++) {
		if (ir->slots[n].used && ir->slots[n].bdf == bdf) {
			free_slot(ir, n);
			freed = true;
		}
	}
	if (freed)
		invalidate_entry_cache(u);
	spin_unlock(&ir->lock);
}

/* --- Linux's queue, carried out ------------------------------------------- */

static void run_iec(struct vtd_unit *u, u64 lo)
{
	unsigned int count, first;

	if (!(lo & IEC_BY_INDEX)) {
		copy_root_entries(u, 0, u->ir->entries);
		return;
	}
	count = 1U << IEC_MASK(lo);
	first = IEC_INDEX(lo) & ~(count - 1);
	copy_root_entries(u, first, first + count);
}

/* One descriptor; *pending_iec says whether the unit still must reload. */
static void run_descriptor(struct per_cpu *pc, struct vtd_unit *u,
			   const struct vtd_entry *d, bool *pending_iec)
{
	switch (DESC_TYPE(d->lo)) {
	case DESC_IEC:
		run_iec(u, d->lo);
		*pending_iec = true;
		break;
	case DESC_WAIT:
		/* What came before is done when Linux learns it is. */
		if (*pending_iec)
			invalidate_entry_cache(u);
		*pending_iec = false;
		if ((d->lo & WAIT_SW) && !iommu_store_to_root(d->hi, d->lo >> 32, 4))
			printk("root CPU %u: VT-d unit at 0x%lx: wait status address 0x%lx is not writable root memory: not written\n",
			       pc->cpu_id, u->base, d->hi);
		if (d->lo & WAIT_IF)
			printk("root CPU %u: VT-d unit at 0x%lx: wait descriptor asks for an interrupt: not given, completion is by status only\n",
			       pc->cpu_id, u->base);
		break;
	case 0x1: case 0x2: case 0x3: case 0x6: case 0x7:
		/* Context, IOTLB, device-TLB, PASID: the hypervisor's tables. */
		break;
	default:
		printk("root CPU %u: VT-d unit at 0x%lx: descriptor 0x%lx:%lx of unknown type: skipped\n",
		       pc->cpu_id, u->base, d->hi, d->lo);
	}
}

static void run_root_queue(struct per_cpu *pc, struct vtd_unit *u, u64 tail_reg)
{
	struct vtd_ir *ir = u->ir;
	unsigned int tail = tail_reg >> 4;
	bool pending_iec = false;
	struct vtd_entry d;
	u64 gpa;

	if ((tail_reg & 0xf) || tail >= ir->root_queue_entries) {
		printk("root CPU %u: VT-d unit at 0x%lx: queue tail 0x%lx outside the queue: ignored\n",
		       pc->cpu_id, u->base, tail_reg);
		return;
	}
	while (ir->root_head != tail) {
		gpa = (ir->root_iqa & PAGE_MASK) + ir->root_head * sizeof(d);
		if (cell_read_guest(&root_cell, gpa, &d, sizeof(d))) {
			printk("root CPU %u: VT-d unit at 0x%lx: queue at 0x%lx is not the root's memory: stopped there\n",
			       pc->cpu_id, u->base, gpa);
			break;
		}
		run_descriptor(pc, u, &d, &pending_iec);
		ir->root_head = (ir->root_head + 1) % ir->root_queue_entries;
	}
	if (pending_iec)
		invalidate_entry_cache(u);
}

/* --- the root's view of the registers ------------------------------------- */

/* The 64-bit register word at @offset (8-byte aligned), as the root sees it. */
static u64 root_register(void *unit, unsigned int offset)
{
	const struct vtd_unit *u = unit;
	const struct vtd_ir *ir = u->ir;

	switch (offset) {
	case 0x00:
	case VTD_CAP:
	case VTD_ECAP:
		return read64(u, offset);
	case VTD_GCMD:
		return (u64)ir->root_gsts << 32;
	case VTD_FECTL:
		return ir->root_fault_event[0] | (u64)ir->root_fault_event[1] << 32;
	case VTD_FEADDR:
		return ir->root_fault_event[2] | (u64)ir->root_fault_event[3] << 32;
	case VTD_IQH:
	case VTD_IQT:
		/* The queue runs when its tail moves: the head is there. */
		return (u64)ir->root_head << 4;
	case VTD_IQA:
		return ir->root_iqa;
	case VTD_IRTA:
		return ir->root_irta;
	default:
		/* Fault status and records: the hypervisor's (iommu.c). */
		return 0;
	}
}

/*
 * A write to the 64-bit register word at @offset, as a whole (iommu.h):
 * the fault-event registers are two pairs of 32-bit ones, the fault
 * status the upper half of its word, the command register the lower
 * half of its word (the status, read-only, the upper).
 */
static void write_root_register(struct per_cpu *pc, void *unit,
				unsigned int offset, u64 value)
{
	struct vtd_unit *u = unit;
	struct vtd_ir *ir = u->ir;
	u32 command = value;

	switch (offset) {
	case VTD_IQT:
		run_root_queue(pc, u, value);
		return;
	case VTD_FECTL:
	case VTD_FEADDR:
		ir->root_fault_event[(offset - VTD_FECTL) / 4] = value;
		ir->root_fault_event[(offset - VTD_FECTL) / 4 + 1] = value >> 32;
		return;
	case VTD_FSTS & ~7U:
		/* Nothing to clear: the root's view has no fault pending. */
		return;
	case VTD_GCMD:
		if ((command & GSTS_PERSISTENT) == (ir->root_gsts & GSTS_PERSISTENT) &&
		    !(command & ~GSTS_PERSISTENT))
			return;
		break;
	}
	printk("root CPU %u: VT-d unit at 0x%lx: write of 0x%lx to register 0x%x ignored: the hypervisor drives the unit\n",
	       pc->cpu_id, u->base, value, offset);
}

/* --- taking over and giving back ------------------------------------------ */

/* Linux's queue, drained: the unit's head is where Linux goes on. */
int vtd_ir_take_queue(struct vtd_unit *u)
{
	unsigned long n;

	for (n = 0; n < WAIT_LOOPS; n++) {
		if (read64(u, VTD_IQH) == read64(u, VTD_IQT))
			break;
		cpu_relax();
	}
	if (n == WAIT_LOOPS) {
		printk("VT-d unit at 0x%lx: Linux's invalidation queue does not drain\n",
		       u->base);
		return trace_error(-EIO);
	}
	u->ir->root_head = (read64(u, VTD_IQH) >> 4) % u->ir->root_queue_entries;
	if (vtd_command(u, GCMD_QIE, false))
		return trace_error(-EIO);
	u->ir->queue_taken = true;
	return 0;
}

int vtd_ir_enable(struct vtd_unit *u)
{
	struct vtd_ir *ir = u->ir;
	int err;

	ir->table = page_alloc(table_pages(ir));
	if (!ir->table)
		return trace_error(-ENOMEM);
	copy_root_entries(u, 0, ir->reserved_first);
	vtd_tables_written(u);
	write64(u, VTD_IRTA, hv_virt_to_phys(ir->table) |
		(ir->root_irta & (IRTA_EIME | 0xf)));
	err = vtd_command(u, GCMD_SIRTP, true);
	if (err)
		return err;
	/* Every message goes through the table: none passes unremapped. */
	if (read32(u, VTD_GSTS) & GCMD_CFI) {
		err = vtd_command(u, GCMD_CFI, false);
		if (err)
			return err;
	}
	invalidate_entry_cache(u);
	ir->regs = (struct iommu_root_regs){
		.name = "VT-d",
		.base = u->base,
		.lock = &ir->lock,
		.active = true,
		.unit = u,
		.read = root_register,
		.write = write_root_register,
	};
	err = iommu_root_regs_claim(&ir->regs, u->size);
	if (err)
		return err;
	printk("VT-d unit at 0x%lx: Linux's interrupt remapping taken over (%u entries, %s mode, %u for cells)\n",
	       u->base, ir->entries, ir->x2apic ? "x2APIC" : "xAPIC",
	       ir->entries - ir->reserved_first);
	return 0;
}

/*
 * The unit starts a re-enabled queue at its first descriptor, Linux expects
 * it at root_head: the descriptors before are run again, as invalidations
 * of nothing and a wait, and then put back as Linux left them.
 */
static int give_back_queue(struct vtd_unit *u)
{
	static struct vtd_entry saved[ROOT_QUEUE_MAX];
	struct vtd_ir *ir = u->ir;
	struct vtd_entry *queue = phys_to_virt(ir->root_iqa & PAGE_MASK);
	unsigned int n, head = ir->root_head;
	unsigned long loops;
	int err;

	memcpy(saved, queue, head * sizeof(*queue));
	for (n = 0; n < head; n++)
		queue[n] = (struct vtd_entry){ DESC_IEC, 0 };
	/*
	 * A wait last, as Linux's own submissions end: a unit may refuse to
	 * turn the queue off after anything else (QEMU does).
	 */
	if (head)
		queue[head - 1] = (struct vtd_entry){
			DESC_WAIT | WAIT_SW | (u64)INV_WAIT_DONE << 32,
			hv_virt_to_phys((void *)&u->wait_status),
		};
	vtd_tables_written(u);
	write64(u, VTD_IQT, 0);
	write64(u, VTD_IQA, ir->root_iqa);
	err = vtd_command(u, GCMD_QIE, true);
	if (!err && head) {
		write64(u, VTD_IQT, (u64)head << 4);
		for (loops = 0; loops < WAIT_LOOPS; loops++)
			if (read64(u, VTD_IQH) == (u64)head << 4)
				break;
		if (loops == WAIT_LOOPS)
			err = trace_error(-EIO);
	}
	memcpy(queue, saved, head * sizeof(*queue));
	return err;
}

void vtd_ir_disable(struct vtd_unit *u)
{
	struct vtd_ir *ir = u->ir;
	unsigned int n;
	int err = 0;

	/* Until its queue was taken, Linux's remapping ran on untouched. */
	if (!ir->queue_taken) {
		u->ir = NULL;
		return;
	}
	/*
	 * Other root CPUs run Linux until they disable too: their accesses
	 * wait, and then reach the unit as Linux left it.
	 */
	spin_lock(&ir->lock);
	ir->regs.active = false;
	if (ir->table) {
		write64(u, VTD_IRTA, ir->root_irta);
		err = vtd_command(u, GCMD_SIRTP, true);
		if (u->queue)
			invalidate_entry_cache(u);
	}
	if (!err && (ir->root_gsts & GCMD_CFI))
		err = vtd_command(u, GCMD_CFI, true);
	if (!err && u->queue)
		err = vtd_command(u, GCMD_QIE, false);
	if (!err)
		err = give_back_queue(u);
	for (n = 0; n < 4; n++)
		write32(u, VTD_FECTL + 4 * n, ir->root_fault_event[n]);
	if (err)
		printk("VT-d unit at 0x%lx: Linux's interrupt remapping could not be given back: %s\n",
		       u->base, errno_name(err));
	if (ir->table)
		page_free(ir->table, table_pages(ir));
	ir->table = NULL;
	ir->queue_taken = false;
	u->queue = NULL;
	u->ir = NULL;
	spin_unlock(&ir->lock);
}
