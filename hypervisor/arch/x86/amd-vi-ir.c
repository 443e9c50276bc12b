// SPDX-License-Identifier: GPL-2.0-only
/*
 * AMD-Vi interrupt remapping, taken over from the root Linux.
 *
 * A Linux that runs its local APICs in x2APIC mode needs interrupt
 * remapping, and on AMD-Vi it has it only with its IOMMU driver on: boot
 * it with iommu=pt, so that it leaves DMA untranslated (the hypervisor's
 * domains translate it).  Linux then keeps a device table, a command
 * buffer and, per device ID, a remapping table in its memory.  At enable
 * the unit gets the hypervisor's device table and command buffer instead,
 * and from then on the root's accesses to the unit's registers are
 * emulated (iommu-takeover.c):
 *
 * - Linux still writes its own device table and remapping tables.  The
 *   hypervisor's device table entry of each device ID the root owns points
 *   to a copy of Linux's remapping table for it, every entry checked
 *   (iommu_root_irq_refusal(): a root CPU, a real interrupt; the source is
 *   the device ID itself); a refused entry is left out and reported.
 *   Where Linux has no table, the root's fixed and arbitrated messages are
 *   aborted and no other kind passes: none goes unremapped.
 * - Linux's commands are read from its buffer and carried out when it
 *   moves the tail: its device-table and interrupt-table invalidations
 *   copy what they name again, its completion waits store into root
 *   memory after the unit finished what came before; its DMA
 *   invalidations have nothing to do (the domains are the hypervisor's).
 * - The other registers read back what Linux wrote.
 *
 * The copies have 512 entries: a fixed or arbitrated message's data
 * (bits 10:8 its type) cannot name a higher one.  At disable Linux gets
 * its tables, its buffer where it stands in it, and its event log back.
 *
 * Cells' IOAPIC pins: an IOAPIC sends its entry's delivery mode and
 * vector as the message's data bits 10:0, which name the entry of the
 * IOAPIC's table (its device ID is platform.ioapics[].source_id).  Linux
 * sends fixed messages only, naming entries below 256; entries 256-511
 * of an IOAPIC's copy are the hypervisor's.  A cell's pin goes to the
 * IOAPIC as an arbitrated entry with the cell's vector, which names entry
 * 256 + vector, and that entry delivers what the cell wrote.  The vector
 * stays the cell's, for the EOI the IOAPIC matches it with.
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
#include "amd-vi.h"

#define ROOT_IR_LEN_LOG2	9
#define ROOT_IR_ENTRIES		(1U << ROOT_IR_LEN_LOG2)
/* The largest table a device table entry can name (IntTabLen 11). */
#define IR_LEN_LOG2_MAX		11

#define IOAPIC_CELL_FIRST	0x100
#define IOAPIC_CELL_ENTRIES	0x100
#define IOAPIC_DLVR_SHIFT	8
#define IOAPIC_DLVR_MASK	(7U << IOAPIC_DLVR_SHIFT)
#define IOAPIC_DLVR_ARBITRATED	(1U << IOAPIC_DLVR_SHIFT)
#define IOAPIC_LOGICAL		BIT(11)

#define OPCODE_COMPLETION_WAIT	0x1
#define OPCODE_INVALIDATE_DTE	0x2
#define OPCODE_INVALIDATE_PAGES	0x3
#define OPCODE_INVALIDATE_IOTLB	0x4
#define OPCODE_INVALIDATE_IRT	0x5
#define OPCODE_PREFETCH		0x6
#define OPCODE_COMPLETE_PPR	0x7
#define OPCODE_INVALIDATE_ALL	0x8

/* Entry IOAPIC_CELL_FIRST + n of an IOAPIC's table: whose pin it delivers. */
struct ioapic_slot {
	bool used;
	u16 devid;
	u8 pin;
};

struct amdvi_root {
	struct amdvi_unit *unit;
	/* Linux's registers as it wrote them, and as it reads them back. */
	u64 dev_table_base;
	u64 cmd_buf_base;
	u64 event_log_base;
	u64 control;
	u64 excl_base, excl_limit;
	u64 event_head, event_tail;
	/*
	 * Where the unit's own interrupts would go: Linux moves them with
	 * its CPUs, the unit gets them back at disable (the hypervisor's
	 * unit raises none).
	 */
	u64 xt_int[AMDVI_XT_INT_REGS];
	/* Where the unit stands in Linux's command buffer, in entries. */
	unsigned int cmd_head;
	unsigned int cmd_entries;
	/* Linux's rings are off and the hypervisor's run. */
	bool taken;
	/* The root's register accesses, emulated while regs.active. */
	struct iommu_root_regs regs;
	struct ioapic_slot ioapic_slots[IOAPIC_CELL_ENTRIES];
};

static struct amdvi_root roots[XVC_MAX_IOMMUS];

int amdvi_ir_probe(struct amdvi_unit *u, u64 control)
{
	struct amdvi_root *r = &roots[0];
	unsigned int n;

	for (n = 0; n < XVC_MAX_IOMMUS && roots[n].unit && roots[n].unit != u; n++)
		;
	if (n == XVC_MAX_IOMMUS)
		return trace_error(-ENOSPC);
	r = &roots[n];
	if (!(control & CONTROL_CMD_BUF_EN)) {
		printk("AMD-Vi unit at 0x%lx is in use without its command buffer (control 0x%lx): boot Linux with amd_iommu=off, or with iommu=pt for an x2APIC root\n",
		       u->base, control);
		return trace_error(-EBUSY);
	}
	*r = (struct amdvi_root){
		.unit = u,
		.dev_table_base = read64(u, AMDVI_DEV_TABLE_BASE),
		.cmd_buf_base = read64(u, AMDVI_CMD_BUF_BASE),
		.event_log_base = read64(u, AMDVI_EVENT_LOG_BASE),
		.control = control,
		.excl_base = read64(u, AMDVI_EXCL_BASE),
		.excl_limit = read64(u, AMDVI_EXCL_LIMIT),
	};
	r->cmd_entries = 1U << RING_LEN_LOG2(r->cmd_buf_base);
	for (n = 0; n < AMDVI_XT_INT_REGS; n++)
		r->xt_int[n] = read64(u, AMDVI_XT_INT_CONTROL + 8 * n);
	u->irte_128 = control & CONTROL_GA_EN;
	u->x2apic = control & CONTROL_XT_EN;
	u->root = r;
	printk("AMD-Vi unit at 0x%lx is in use by Linux (control 0x%lx): taking it over, %u-bit remapping entries%s\n",
	       u->base, control, u->irte_128 ? 128 : 32,
	       u->x2apic ? ", x2APIC" : "");
	return 0;
}

/* --- Linux's tables, read and checked ------------------------------------- */

/* Linux's device table entry for @devid; false if it has none. */
static bool linux_dte(const struct amdvi_root *r, u16 devid, u64 dte[4])
{
	u64 gpa = (r->dev_table_base & DEV_TABLE_BASE_MASK) + devid * 32ULL;

	if (devid * 32ULL >= DEV_TABLE_SIZE(r->dev_table_base))
		return false;
	return !cell_read_guest(&root_cell, gpa, dte, 32);
}

/* Entry @index of Linux's table at @base; zero where it cannot be read. */
static struct amdvi_irte linux_irte(const struct amdvi_unit *u, u64 base,
				    unsigned int index)
{
	struct amdvi_irte e = { 0, 0 };
	u32 e32;

	if (u->irte_128) {
		if (cell_read_guest(&root_cell, base + index * 16ULL, &e, 16))
			return (struct amdvi_irte){ 0, 0 };
		return e;
	}
	if (cell_read_guest(&root_cell, base + index * 4ULL, &e32, 4))
		return e;
	return (struct amdvi_irte){ e32, 0 };
}

/* The entry as a vendor-neutral request, or why it cannot be one. */
static const char *describe_entry(const struct amdvi_unit *u, u16 devid,
				  struct amdvi_irte e, struct remapped_irq *irq)
{
	u32 dest;
	u8 vector;

	if (u->irte_128) {
		if (e.lo & IRTE_GUEST_MODE)
			return "is a guest-mode (posted) entry";
		if ((e.lo & IRTE128_LO_RESERVED) || (e.hi & IRTE128_HI_RESERVED))
			return "has reserved bits set";
		dest = (e.lo >> IRTE_DEST_SHIFT) & 0xffffff;
		dest |= (u32)(e.hi >> IRTE128_DEST_HI_SHIFT) << 24;
		vector = e.hi & 0xff;
	} else {
		if (e.lo & (IRTE32_RESERVED | IRTE_GUEST_MODE))
			return "has reserved bits set";
		dest = (e.lo >> IRTE_DEST_SHIFT) & 0xff;
		vector = (e.lo >> IRTE32_VECTOR_SHIFT) & 0xff;
	}
	if (e.lo & IRTE_RQ_EOI)
		return "asks for EOI messages";
	if (!u->x2apic && dest > 0xff)
		return "has a destination beyond 8 bits without x2APIC";
	*irq = (struct remapped_irq){
		/* The unit found the table by the requester's device ID. */
		.source_verified = true,
		.source_first = devid,
		.source_last = devid,
		.dest = dest,
		.logical = e.lo & IRTE_DEST_LOGICAL,
		.x2apic = u->x2apic,
		.delivery = IRTE_INT_TYPE(e.lo),
		.vector = vector,
	};
	return NULL;
}

static void report_refusal(const struct amdvi_unit *u, u16 devid,
			   unsigned int index, struct amdvi_irte e,
			   const char *why)
{
	printk("root: AMD-Vi unit at 0x%lx: device ID %02x:%02x.%x remapping entry %u (0x%lx:%lx) %s: left out, its interrupts are not delivered\n",
	       u->base, PCI_BDF_BUS(devid), PCI_BDF_DEV(devid),
	       PCI_BDF_FN(devid), index, e.hi, e.lo, why);
}

/* Linux's entry as the unit may use it; zero (off) if not. */
static struct amdvi_irte checked_entry(const struct amdvi_unit *u, u16 devid,
				       unsigned int index, struct amdvi_irte e)
{
	struct remapped_irq irq;
	const char *why;

	if (!(e.lo & IRTE_REMAP_EN))
		return (struct amdvi_irte){ 0, 0 };
	why = describe_entry(u, devid, e, &irq);
	if (!why)
		why = iommu_root_irq_refusal(&irq);
	if (why) {
		report_refusal(u, devid, index, e, why);
		return (struct amdvi_irte){ 0, 0 };
	}
	/* Blocked messages of the root's are logged too. */
	return (struct amdvi_irte){ e.lo & ~(u64)IRTE_SUPPRESS_FAULT, e.hi };
}

static bool is_ioapic(u16 devid)
{
	const struct xvc_platform *plat = &system_config.system->platform;
	unsigned int n;

	for (n = 0; n < plat->num_ioapics; n++)
		if (plat->ioapics[n].source_id == devid)
			return true;
	return false;
}

/* Linux's table (its device table entry's quadword @q2), into @table. */
static void copy_linux_table(struct amdvi_unit *u, u16 devid, u64 q2,
			     void *table)
{
	unsigned int n, entries = 1U << MIN(DTE_IR_LEN(q2), ROOT_IR_LEN_LOG2);
	u64 base = q2 & DTE_IR_TABLE_MASK;
	bool ioapic = is_ioapic(devid);
	struct amdvi_irte e;

	for (n = 0; n < ROOT_IR_ENTRIES; n++) {
		e = n < entries ? linux_irte(u, base, n) : (struct amdvi_irte){ 0, 0 };
		if (ioapic && n >= IOAPIC_CELL_FIRST) {
			if (e.lo & IRTE_REMAP_EN)
				report_refusal(u, devid, n, e,
					       "is in the range the hypervisor keeps for cells' pins");
			continue;
		}
		amdvi_irte_install(u, table, n, checked_entry(u, devid, n, e));
	}
}

/* Does Linux remap @devid's interrupts?  Its quadword 2 in *q2. */
static bool linux_remaps(struct amdvi_unit *u, u16 devid, u64 *q2)
{
	u64 dte[4];

	if (!linux_dte(u->root, devid, dte) || !(dte[0] & DTE_VALID))
		return false;
	*q2 = dte[2];
	if (!(dte[2] & DTE_IR_VALID))
		return false;
	if (DTE_IR_CTL(dte[2]) == IR_CTL_PASS)
		printk("root: AMD-Vi unit at 0x%lx: Linux lets device ID %02x:%02x.%x's interrupts pass unremapped: they are blocked\n",
		       u->base, PCI_BDF_BUS(devid), PCI_BDF_DEV(devid),
		       PCI_BDF_FN(devid));
	return DTE_IR_CTL(dte[2]) == IR_CTL_REMAP &&
		DTE_IR_LEN(dte[2]) <= IR_LEN_LOG2_MAX;
}

/*
 * Linux translating DMA would find its addresses taken as physical: an
 * enable is refused so; a device Linux moves to a translating domain
 * later keeps the root's domain, and is reported.
 */
static int check_linux_dma(const struct amdvi_unit *u, u16 devid)
{
	u64 dte[4];

	if (!linux_dte(u->root, devid, dte) || !(dte[0] & DTE_VALID) ||
	    !(dte[0] & DTE_TRANSLATION_VALID) || DTE_MODE(dte[0]) == 0)
		return 0;
	printk("AMD-Vi unit at 0x%lx: Linux translates the DMA of device ID %02x:%02x.%x (device table entry 0x%lx): boot Linux with iommu=pt\n",
	       u->base, PCI_BDF_BUS(devid), PCI_BDF_DEV(devid),
	       PCI_BDF_FN(devid), dte[0]);
	return trace_error(-EBUSY);
}

#define ROOT_IR_ABORT		DTE_IR_VALID

int amdvi_ir_root_entry(struct amdvi_unit *u, u16 devid, u64 *q2)
{
	void *table;
	u64 linux_q2;
	int err;

	err = check_linux_dma(u, devid);
	if (err && !u->root->taken)
		return err;
	*q2 = ROOT_IR_ABORT;
	if (!linux_remaps(u, devid, &linux_q2))
		return 0;
	table = amdvi_irt_alloc(u, ROOT_IR_LEN_LOG2);
	if (!table)
		return trace_error(-ENOMEM);
	copy_linux_table(u, devid, linux_q2, table);
	*q2 = hv_virt_to_phys(table) | DTE_IR_VALID |
		(u64)ROOT_IR_LEN_LOG2 << DTE_IR_LEN_SHIFT |
		(u64)IR_CTL_REMAP << DTE_IR_CTL_SHIFT;
	return 0;
}

static bool root_owns(const struct amdvi_unit *u, u16 devid)
{
	return (u->dev_table[devid][1] & DTE_DOMAIN_MASK) == u->root_domain;
}

/*
 * Linux changed what it has for @devid: the copy follows, and the unit is
 * told (by the caller's next run of the command buffer).  A table that
 * goes is freed once the unit is past it.
 */
static void refresh_root_device(struct amdvi_unit *u, u16 devid)
{
	u64 old = u->dev_table[devid][2], linux_q2, q2;

	if (!root_owns(u, devid))
		return;
	if (DTE_IR_CTL(old) == IR_CTL_REMAP && linux_remaps(u, devid, &linux_q2)) {
		copy_linux_table(u, devid, linux_q2,
				 hv_phys_to_virt(old & DTE_IR_TABLE_MASK));
		amdvi_command_put(u, CMD_INVALIDATE_IR_TABLE | devid, 0);
		return;
	}
	if (amdvi_ir_root_entry(u, devid, &q2)) {
		printk("root: AMD-Vi unit at 0x%lx: device ID %02x:%02x.%x: its interrupts are blocked\n",
		       u->base, PCI_BDF_BUS(devid), PCI_BDF_DEV(devid),
		       PCI_BDF_FN(devid));
		q2 = ROOT_IR_ABORT;
	}
	if (q2 == old)
		return;
	u->dev_table[devid][2] = q2;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	amdvi_command_put(u, CMD_INVALIDATE_DTE | devid, 0);
	amdvi_command_put(u, CMD_INVALIDATE_IR_TABLE | devid, 0);
	if (DTE_IR_CTL(old) == IR_CTL_REMAP && !amdvi_commands_run(u))
		amdvi_irt_free(u, old);
}

static void refresh_all(struct amdvi_unit *u)
{
	unsigned int devid;

	for (devid = 0; devid < DEVICE_IDS; devid++)
		refresh_root_device(u, devid);
	amdvi_commands_run(u);
}

/*
 * The root's CPUs or functions changed: its tables are copied (checked)
 * again.  A function back from a cell got its copy when it moved.
 */
void amdvi_ir_recheck_root(struct amdvi_unit *u)
{
	unsigned int devid;

	if (!u->root || !u->root->regs.active)
		return;
	spin_lock(&u->cmd_lock);
	for (devid = 0; devid < DEVICE_IDS; devid++)
		if (DTE_IR_CTL(u->dev_table[devid][2]) == IR_CTL_REMAP)
			refresh_root_device(u, devid);
	amdvi_commands_run(u);
	spin_unlock(&u->cmd_lock);
}

/* --- cells' IOAPIC pins --------------------------------------------------- */

/* The root's copy of IOAPIC @devid's table, or NULL; under cmd_lock. */
static void *ioapic_table(const struct amdvi_unit *u, u16 devid)
{
	u64 q2 = u->dev_table[devid][2];

	if (!root_owns(u, devid) || DTE_IR_CTL(q2) != IR_CTL_REMAP)
		return NULL;
	return hv_phys_to_virt(q2 & DTE_IR_TABLE_MASK);
}

/* Pin @pin's entries go off; under cmd_lock, the unit told by the caller. */
static void clear_pin_slots(struct amdvi_unit *u, void *table, u16 devid,
			    unsigned int pin)
{
	struct ioapic_slot *slot;
	unsigned int n;

	for (n = 0; n < IOAPIC_CELL_ENTRIES; n++) {
		slot = &u->root->ioapic_slots[n];
		if (!slot->used || slot->devid != devid || slot->pin != pin)
			continue;
		slot->used = false;
		if (table)
			amdvi_irte_install(u, table, IOAPIC_CELL_FIRST + n,
					   (struct amdvi_irte){ 0, 0 });
	}
}

static void ioapic_table_changed(struct amdvi_unit *u, u16 devid)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	amdvi_command_put(u, CMD_INVALIDATE_IR_TABLE | devid, 0);
	amdvi_commands_run(u);
}

/*
 * Left as it is (a fixed entry, naming an entry that is off) where the
 * vector names another pin's entry already.
 */
void amdvi_ir_remap_ioapic(struct amdvi_unit *u, u16 devid, unsigned int pin,
			   u32 *low, u32 *high)
{
	unsigned int vector = *low & 0xff;
	struct ioapic_slot *slot;
	void *table;

	spin_lock(&u->cmd_lock);
	table = ioapic_table(u, devid);
	clear_pin_slots(u, table, devid, pin);
	slot = &u->root->ioapic_slots[vector];
	if (!table || slot->used) {
		printk("AMD-Vi unit at 0x%lx: IOAPIC %02x:%02x.%x pin %u: %s: its interrupts are not delivered\n",
		       u->base, PCI_BDF_BUS(devid), PCI_BDF_DEV(devid),
		       PCI_BDF_FN(devid), pin,
		       table ? "its vector is another pin's already" :
		       "Linux gave the IOAPIC no remapping table");
		if (table)
			ioapic_table_changed(u, devid);
		spin_unlock(&u->cmd_lock);
		return;
	}
	*slot = (struct ioapic_slot){ .used = true, .devid = devid, .pin = pin };
	amdvi_irte_install(u, table, IOAPIC_CELL_FIRST + vector,
			   amdvi_irte_for(u, (*low & IOAPIC_DLVR_MASK) >> IOAPIC_DLVR_SHIFT,
					  *low & IOAPIC_LOGICAL, *high >> 24, vector));
	ioapic_table_changed(u, devid);
	spin_unlock(&u->cmd_lock);
	*low = (*low & ~IOAPIC_DLVR_MASK) | IOAPIC_DLVR_ARBITRATED;
}

void amdvi_ir_release_ioapic(struct amdvi_unit *u, u16 devid, unsigned int pin)
{
	void *table;

	spin_lock(&u->cmd_lock);
	table = ioapic_table(u, devid);
	clear_pin_slots(u, table, devid, pin);
	if (table)
		ioapic_table_changed(u, devid);
	spin_unlock(&u->cmd_lock);
}

/* The entry a root IOAPIC entry names: its delivery mode and vector. */
const char *amdvi_ir_root_ioapic_refusal(const struct amdvi_unit *u, u32 low)
{
	if (((low & IOAPIC_DLVR_MASK) | (low & 0xff)) < IOAPIC_CELL_FIRST)
		return NULL;
	return "names a remapping entry of the hypervisor's (an arbitrated or other non-fixed one)";
}

/* --- Linux's command buffer, carried out ---------------------------------- */

/*
 * One command; *refresh_pending says whether an INVALIDATE_ALL waits to be
 * carried out: once before the next completion wait, however many came.
 */
static void run_command(struct per_cpu *pc, struct amdvi_unit *u,
			const struct amdvi_entry *c, bool *refresh_pending)
{
	switch (CMD_OPCODE(c->lo)) {
	case OPCODE_COMPLETION_WAIT:
		/* What came before is done when Linux learns it is. */
		if (*refresh_pending)
			refresh_all(u);
		*refresh_pending = false;
		amdvi_commands_run(u);
		if ((c->lo & WAIT_STORE) &&
		    !iommu_store_to_root(c->lo & WAIT_ADDRESS_MASK, c->hi, 8))
			printk("root CPU %u: AMD-Vi unit at 0x%lx: completion store address 0x%lx is not writable root memory: not written\n",
			       pc->cpu_id, u->base, (u64)(c->lo & WAIT_ADDRESS_MASK));
		if (c->lo & WAIT_INTERRUPT)
			printk("root CPU %u: AMD-Vi unit at 0x%lx: completion wait asks for an interrupt: not given, completion is by store only\n",
			       pc->cpu_id, u->base);
		break;
	case OPCODE_INVALIDATE_DTE:
	case OPCODE_INVALIDATE_IRT:
		refresh_root_device(u, CMD_DEVICE_ID(c->lo));
		break;
	case OPCODE_INVALIDATE_ALL:
		*refresh_pending = true;
		break;
	case OPCODE_INVALIDATE_PAGES:
	case OPCODE_INVALIDATE_IOTLB:
	case OPCODE_PREFETCH:
		/* DMA translations: the hypervisor's domains, not Linux's. */
		break;
	default:
		printk("root CPU %u: AMD-Vi unit at 0x%lx: command 0x%lx:%lx not supported: skipped\n",
		       pc->cpu_id, u->base, c->hi, c->lo);
	}
}

static void run_linux_commands(struct per_cpu *pc, struct amdvi_unit *u,
			       u64 tail_reg)
{
	struct amdvi_root *r = u->root;
	unsigned int tail = tail_reg >> 4;
	bool refresh_pending = false;
	struct amdvi_entry c;
	u64 gpa;

	if ((tail_reg & 0xf) || tail >= r->cmd_entries) {
		printk("root CPU %u: AMD-Vi unit at 0x%lx: command tail 0x%lx outside the buffer: ignored\n",
		       pc->cpu_id, u->base, tail_reg);
		return;
	}
	while (r->cmd_head != tail) {
		gpa = (r->cmd_buf_base & RING_BASE_MASK) + r->cmd_head * 16ULL;
		if (cell_read_guest(&root_cell, gpa, &c, sizeof(c))) {
			printk("root CPU %u: AMD-Vi unit at 0x%lx: command buffer at 0x%lx is not the root's memory: stopped there\n",
			       pc->cpu_id, u->base, gpa);
			break;
		}
		run_command(pc, u, &c, &refresh_pending);
		r->cmd_head = (r->cmd_head + 1) % r->cmd_entries;
	}
	/* Invalidations after the last completion wait. */
	if (refresh_pending)
		refresh_all(u);
	amdvi_commands_run(u);
}

/* --- the root's view of the registers ------------------------------------- */

/* The 64-bit register at @offset (8-byte aligned), as the root sees it. */
static u64 root_register(void *unit, unsigned int offset)
{
	const struct amdvi_unit *u = unit;
	const struct amdvi_root *r = u->root;

	if (offset >= AMDVI_XT_INT_CONTROL &&
	    offset < AMDVI_XT_INT_CONTROL + 8 * AMDVI_XT_INT_REGS)
		return r->xt_int[(offset - AMDVI_XT_INT_CONTROL) / 8];
	switch (offset) {
	case AMDVI_DEV_TABLE_BASE:
		return r->dev_table_base;
	case AMDVI_CMD_BUF_BASE:
		return r->cmd_buf_base;
	case AMDVI_EVENT_LOG_BASE:
		return r->event_log_base;
	case AMDVI_CONTROL:
		return r->control;
	case AMDVI_EXCL_BASE:
		return r->excl_base;
	case AMDVI_EXCL_LIMIT:
		return r->excl_limit;
	case AMDVI_EXT_FEATURES:
		return read64(u, offset);
	case AMDVI_CMD_HEAD:
	case AMDVI_CMD_TAIL:
		/* Commands run when the tail moves: the head is there. */
		return (u64)r->cmd_head << 4;
	case AMDVI_EVENT_HEAD:
		return r->event_head;
	case AMDVI_EVENT_TAIL:
		return r->event_tail;
	case AMDVI_STATUS:
		return ((r->control & CONTROL_CMD_BUF_EN) ? STATUS_CMD_BUF_RUN : 0) |
			((r->control & CONTROL_EVENT_LOG_EN) ? STATUS_EVENT_LOG_RUN : 0);
	default:
		return 0;
	}
}

static void write_root_register(struct per_cpu *pc, void *unit,
				unsigned int offset, u64 value)
{
	struct amdvi_unit *u = unit;
	struct amdvi_root *r = u->root;

	if (offset >= AMDVI_XT_INT_CONTROL &&
	    offset < AMDVI_XT_INT_CONTROL + 8 * AMDVI_XT_INT_REGS) {
		r->xt_int[(offset - AMDVI_XT_INT_CONTROL) / 8] = value;
		return;
	}
	switch (offset) {
	case AMDVI_CMD_TAIL:
		run_linux_commands(pc, u, value);
		return;
	case AMDVI_EVENT_HEAD:
		/* Linux's log stays empty: its head is where its tail is. */
		r->event_head = value;
		return;
	case AMDVI_STATUS:
		/* Nothing to clear: the root's view has no event pending. */
		return;
	case AMDVI_CONTROL:
		if (value == r->control)
			return;
		break;
	}
	printk("root CPU %u: AMD-Vi unit at 0x%lx: write of 0x%lx to register 0x%x ignored: the hypervisor drives the unit\n",
	       pc->cpu_id, u->base, value, offset);
}

/* --- taking over and giving back ------------------------------------------ */

/* Linux's command buffer, drained: the unit's head is where Linux goes on. */
int amdvi_ir_take(struct amdvi_unit *u)
{
	struct amdvi_root *r = u->root;
	unsigned long n;

	for (n = 0; n < WAIT_LOOPS; n++) {
		if (read64(u, AMDVI_CMD_HEAD) == read64(u, AMDVI_CMD_TAIL))
			break;
		cpu_relax();
	}
	if (n == WAIT_LOOPS) {
		printk("AMD-Vi unit at 0x%lx: Linux's command buffer does not drain\n",
		       u->base);
		return trace_error(-EIO);
	}
	r->cmd_head = (read64(u, AMDVI_CMD_HEAD) >> 4) % r->cmd_entries;
	r->event_head = read64(u, AMDVI_EVENT_HEAD);
	r->event_tail = read64(u, AMDVI_EVENT_TAIL);
	r->taken = true;
	return 0;
}

int amdvi_ir_enable(struct amdvi_unit *u)
{
	struct amdvi_root *r = u->root;
	int err;

	r->regs = (struct iommu_root_regs){
		.name = "AMD-Vi",
		.base = u->base,
		.lock = &u->cmd_lock,
		.active = true,
		.unit = u,
		.read = root_register,
		.write = write_root_register,
	};
	err = iommu_root_regs_claim(&r->regs, u->size);
	if (err)
		return err;
	printk("AMD-Vi unit at 0x%lx: Linux's interrupt remapping taken over\n",
	       u->base);
	return 0;
}

static void free_tables(struct amdvi_unit *u)
{
	unsigned int devid;

	for (devid = 0; devid < DEVICE_IDS; devid++) {
		amdvi_irt_free(u, u->dev_table[devid][2]);
		u->dev_table[devid][2] = 0;
	}
}

/*
 * Other root CPUs run Linux until they disable too: their accesses wait,
 * and then reach the unit as Linux left it.
 */
void amdvi_ir_disable(struct amdvi_unit *u)
{
	struct amdvi_root *r = u->root;
	unsigned int n;
	u64 control;
	int err;

	spin_lock(&u->cmd_lock);
	r->regs.active = false;
	if (!r->taken)
		goto out;
	write64(u, AMDVI_DEV_TABLE_BASE, r->dev_table_base);
	err = amdvi_invalidate_everything(u);
	if (err)
		printk("AMD-Vi unit at 0x%lx: Linux's tables may not be seen yet: %s\n",
		       u->base, errno_name(err));
	control = read64(u, AMDVI_CONTROL) &
		~(CONTROL_CMD_BUF_EN | CONTROL_EVENT_LOG_EN);
	write64(u, AMDVI_CONTROL, control);
	write64(u, AMDVI_CMD_BUF_BASE, r->cmd_buf_base);
	write64(u, AMDVI_CMD_HEAD, (u64)r->cmd_head << 4);
	write64(u, AMDVI_CMD_TAIL, (u64)r->cmd_head << 4);
	write64(u, AMDVI_EVENT_LOG_BASE, r->event_log_base);
	write64(u, AMDVI_EVENT_HEAD, r->event_head);
	write64(u, AMDVI_EVENT_TAIL, r->event_tail);
	write64(u, AMDVI_EXCL_BASE, r->excl_base);
	write64(u, AMDVI_EXCL_LIMIT, r->excl_limit);
	for (n = 0; n < AMDVI_XT_INT_REGS; n++)
		write64(u, AMDVI_XT_INT_CONTROL + 8 * n, r->xt_int[n]);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	write64(u, AMDVI_CONTROL, r->control);
	if (!err)
		free_tables(u);
	r->taken = false;
out:
	u->root = NULL;
	spin_unlock(&u->cmd_lock);
}
