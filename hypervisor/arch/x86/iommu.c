// SPDX-License-Identifier: GPL-2.0-only
/*
 * DMA remapping policy, the same for every IOMMU vendor:
 *
 * - Each cell has a DMA domain: its memory regions flagged DMA, at their
 *   guest-physical addresses, read-only where the region is.  The
 *   hypervisor's own memory is in no domain, nor is a cell's
 *   communication page.
 * - The root's domain follows the root's memory map: what a cell takes
 *   from the root leaves the root's domain too, and comes back with it.
 *   Every requester ID no cell owns translates through the root's domain,
 *   whether the root config lists the function or not: such a device can
 *   reach no more than the root's CPUs can.
 * - A device changes domain with its owner (pci.c), quiesced.
 * - A blocked access is reported by the root CPU that finds it: a cell's
 *   device fails its cell; the root's device is stopped (bus mastering
 *   off), since the root must keep running.
 *
 * The units are found in the system config (platform.iommus), all of one
 * vendor: Intel VT-d (vtd.c) or AMD-Vi (amd-vi.c).
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/errno.h>
#include <xvc/hypercall.h>
#include <xvc/memory.h>
#include <xvc/pci.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <xvc/spinlock.h>
#include <xvc/string.h>
#include <asm/apic-route.h>
#include <asm/iommu.h>

static unsigned int num_units;
static const struct iommu_ops *ops;
static struct pt_format dma_format;
/* Serializes fault-record reads of root CPUs polling at once. */
static struct spinlock fault_lock;

/*
 * The requester IDs of cells' functions, as they move (under pci.c's
 * lock).  The root's remapping entries are checked against them while
 * the remapping's own lock is held, which pci.c's lock must not nest in.
 */
static u64 cell_functions[0x10000 / 64];

static const struct xvc_iommu *unit_config(unsigned int n)
{
	return &system_config.system->platform.iommus[n];
}

bool iommu_present(void)
{
	return num_units > 0;
}

/* The deepest walk all units share: 4 levels, or 3 (39-bit addresses). */
static int choose_walk(unsigned int levels_all, unsigned int leaf_all)
{
	if (levels_all & BIT(4))
		ops->set_walk_levels(4);
	else if (levels_all & BIT(3))
		ops->set_walk_levels(3);
	else {
		printk("IOMMUs: no page-table depth all units can walk\n");
		return trace_error(-ENODEV);
	}
	dma_format = *ops->format;
	dma_format.max_leaf_level = leaf_all;
	return 0;
}

static const struct iommu_ops *ops_of_type(u16 type)
{
	switch (type) {
	case XVC_IOMMU_INTEL:
		return &vtd_ops;
	case XVC_IOMMU_AMD:
		return &amdvi_ops;
	default:
		return NULL;
	}
}

/* One vendor drives every unit: the domains' tables have one format. */
static int choose_ops(unsigned int n)
{
	const struct iommu_ops *unit_ops = ops_of_type(unit_config(n)->type);

	if (!unit_ops) {
		printk("IOMMU %u at 0x%lx: type %u is neither VT-d nor AMD-Vi\n",
		       n, unit_config(n)->base, unit_config(n)->type);
		return trace_error(-EINVAL);
	}
	if (n > 0 && unit_ops != ops) {
		printk("IOMMU %u at 0x%lx is %s, unit 0 is %s: units of two vendors in one system are not supported\n",
		       n, unit_config(n)->base, unit_ops->name, ops->name);
		return trace_error(-EINVAL);
	}
	ops = unit_ops;
	return 0;
}

int iommu_probe(void)
{
	const struct xvc_platform *plat = &system_config.system->platform;
	unsigned int n, levels_all = ~0U, leaf_all = 3;
	struct iommu_caps caps;
	int err;

	/* Nothing of an earlier enable's units counts until all are probed. */
	num_units = 0;
	memset(cell_functions, 0, sizeof(cell_functions));
	for (n = 0; n < plat->num_iommus; n++) {
		err = choose_ops(n);
		if (err)
			return err;
		if ((unit_config(n)->base & ~PAGE_MASK) ||
		    unit_config(n)->size < PAGE_SIZE) {
			printk("IOMMU %u at 0x%lx: registers must be page aligned and at least a page (size 0x%x)\n",
			       n, unit_config(n)->base, unit_config(n)->size);
			return trace_error(-EINVAL);
		}
		err = ops->probe(n, unit_config(n)->base, unit_config(n)->size,
				 &caps);
		if (err)
			return err;
		/* A cell's domain id is its id + 1 (domain_of()). */
		if (caps.domain_ids <= MAX_CELLS) {
			printk("IOMMU %u at 0x%lx tells %u domains apart; xvcell needs ids 1 to %u\n",
			       n, unit_config(n)->base, caps.domain_ids, MAX_CELLS);
			return trace_error(-EINVAL);
		}
		levels_all &= caps.walk_levels;
		leaf_all = MIN(leaf_all, caps.max_leaf_level);
	}
	num_units = plat->num_iommus;
	return num_units ? choose_walk(levels_all, leaf_all) : 0;
}

int iommu_map_host_registers(int (*map)(u64 phys, u64 size))
{
	const struct xvc_platform *plat = &system_config.system->platform;
	unsigned int n;
	int err;

	for (n = 0; n < plat->num_iommus; n++) {
		err = map(unit_config(n)->base, unit_config(n)->size);
		if (err)
			return err;
	}
	return 0;
}

/*
 * An AMD-Vi unit is a PCI function of its own (amd_bdf): whoever writes
 * its config space could move or turn off its registers.  While the
 * hypervisor drives the unit, the function is no guest's.
 */
unsigned int arch_pci_reserved_functions(u16 *bdfs, unsigned int max)
{
	unsigned int n, found = 0;

	for (n = 0; n < num_units; n++) {
		if (unit_config(n)->type != XVC_IOMMU_AMD)
			continue;
		if (found < max)
			bdfs[found] = unit_config(n)->amd_bdf;
		found++;
	}
	return found;
}

static void note_owner(u16 bdf, const struct cell *cell)
{
	if (cell != &root_cell)
		cell_functions[bdf / 64] |= BIT_ULL(bdf % 64);
	else
		cell_functions[bdf / 64] &= ~BIT_ULL(bdf % 64);
}

static struct dma_domain domain_of(struct cell *cell)
{
	/*
	 * Domain 0 is reserved where a unit caches "not present" entries.
	 * The root's functions keep sending what Linux programs them with.
	 */
	return (struct dma_domain){
		.id = cell->id + 1,
		.map = &cell->arch.dma_map,
		.remap_interrupts = cell != &root_cell,
	};
}

static const struct xvc_pci_device *cell_function(const struct cell *cell,
						  u16 bdf)
{
	unsigned int n;

	for (n = 0; n < cell->config.num_pci; n++)
		if (cell->config.pci[n].bdf == bdf)
			return &cell->config.pci[n];
	return NULL;
}

/* The function's unit, where it remaps the function's interrupts; else NULL. */
static const struct xvc_pci_device *remapped_function(const struct cell *cell, u16 bdf)
{
	const struct xvc_pci_device *dev = cell_function(cell, bdf);

	if (!iommu_present() || !ops->remaps || !dev || dev->iommu >= num_units ||
	    !ops->remaps(dev->iommu, bdf))
		return NULL;
	return dev;
}

bool arch_msi_remapped(const struct cell *cell, u16 bdf)
{
	return remapped_function(cell, bdf);
}

/*
 * The message's entries deliver it from now on.  No other entry does:
 * whatever else the device writes into the interrupt window, by MSI or by
 * DMA, is dropped.
 */
void arch_msi_accepted(const struct cell *cell, u16 bdf, int msix_entry,
		       u64 address, u32 data, unsigned int vectors)
{
	const struct xvc_pci_device *dev = remapped_function(cell, bdf);

	if (dev)
		ops->remap_msi(dev->iommu, cell, bdf, msix_entry, address, data,
			       vectors);
}

void arch_msi_device_message(const struct cell *cell, u16 bdf, int msix_entry,
			     u64 *address, u32 *data)
{
	const struct xvc_pci_device *dev = remapped_function(cell, bdf);

	if (dev)
		ops->device_message(dev->iommu, bdf, msix_entry, address, data);
}

int iommu_domain_create(struct cell *cell)
{
	int err;

	if (!iommu_present())
		return 0;
	err = pt_init(&cell->arch.dma_map, &dma_format);
	if (err)
		return err;
	/* Devices may use it at any time: freed tables wait for a flush. */
	cell->arch.dma_map.live = true;
	return 0;
}

void iommu_domain_destroy(struct cell *cell)
{
	if (cell->arch.dma_map.root)
		pt_destroy(&cell->arch.dma_map);
}

static bool overlaps_hypervisor(u64 phys, u64 size)
{
	return phys < hv_header.phys_start + hv_header.mem_size &&
		hv_header.phys_start < phys + size;
}

int iommu_map_region(struct cell *cell, const struct xvc_memory_region *mem)
{
	if (!cell->arch.dma_map.root || !(mem->flags & XVC_MEM_DMA) ||
	    (mem->flags & XVC_MEM_COMM_REGION))
		return 0;
	if (overlaps_hypervisor(mem->phys_start, mem->size)) {
		printk("cell \"%s\": DMA region [0x%lx-0x%lx] overlaps hypervisor memory\n",
		       cell_name(cell), mem->phys_start,
		       mem->phys_start + mem->size - 1);
		return trace_error(-EINVAL);
	}
	return pt_map(&cell->arch.dma_map, mem->virt_start, mem->phys_start,
		      mem->size, mem->flags & (XVC_MEM_READ | XVC_MEM_WRITE));
}

int iommu_unmap_region(struct cell *cell, const struct xvc_memory_region *mem)
{
	if (!cell->arch.dma_map.root)
		return 0;
	return pt_unmap(&cell->arch.dma_map, mem->virt_start, mem->size);
}

void iommu_compact(struct cell *cell, u64 gpa, u64 size)
{
	if (cell->arch.dma_map.root)
		pt_coalesce(&cell->arch.dma_map, gpa, size);
}

void iommu_domain_changed(struct cell *cell)
{
	unsigned int n;

	if (!cell->arch.dma_map.root)
		return;
	for (n = 0; n < num_units; n++)
		ops->flush_domain(n, domain_of(cell).id);
	pt_release_freed(&cell->arch.dma_map);
}

int arch_iommu_enable(void)
{
	struct dma_domain root = domain_of(&root_cell);
	unsigned int n;
	int err;

	for (n = 0; n < num_units; n++) {
		err = ops->enable(n, &root);
		if (err) {
			arch_iommu_shutdown();
			return err;
		}
	}
	return 0;
}

void arch_iommu_shutdown(void)
{
	unsigned int n;

	for (n = 0; n < num_units; n++)
		ops->disable(n);
}

int arch_iommu_assign_device(struct cell *cell, const struct xvc_pci_device *dev)
{
	struct dma_domain d = domain_of(cell);
	int err;

	note_owner(dev->bdf, cell);
	if (!iommu_present() || dev->iommu >= num_units)
		return 0;
	err = ops->prepare_device ? ops->prepare_device(dev->iommu, dev->bdf) : 0;
	if (!err)
		err = ops->assign_device(dev->iommu, dev->bdf, &d);
	if (err)
		printk("PCI %02x:%02x.%x: cannot move it to the DMA domain of cell \"%s\": %s\n",
		       PCI_BDF_BUS(dev->bdf), PCI_BDF_DEV(dev->bdf),
		       PCI_BDF_FN(dev->bdf), cell_name(cell), errno_name(err));
	return err;
}

static bool source_has_cell_function(u16 first, u16 last)
{
	u32 bdf;

	for (bdf = first; bdf <= last; bdf++)
		if (cell_functions[bdf / 64] & BIT_ULL(bdf % 64))
			return true;
	return false;
}

const char *iommu_root_irq_refusal(const struct remapped_irq *irq)
{
	struct ipi target = {
		.icr_low = irq->logical ? APIC_ICR_LOGICAL : 0,
		.dest = irq->dest,
		.x2apic = irq->x2apic,
	};
	bool no_target;

	if (!irq->source_verified)
		return "does not verify its source: any device could use it";
	if (source_has_cell_function(irq->source_first, irq->source_last))
		return "names a cell's function as its source";
	if (irq->delivery != APIC_DLVR_FIXED && irq->delivery != APIC_DLVR_LOWPRI)
		return "is not a fixed or lowest-priority interrupt";
	if (irq->vector < 16)
		return "has a vector below 16";
	if (ipi_foreign_target(&target, NULL, &root_cell, &no_target))
		return "would reach a CPU of another cell";
	return NULL;
}

void iommu_root_changed(void)
{
	unsigned int n;

	if (!iommu_present() || !ops->root_changed)
		return;
	for (n = 0; n < num_units; n++)
		ops->root_changed(n);
}

bool iommu_remaps_root_interrupts(void)
{
	unsigned int n;

	if (!iommu_present() || !ops->remaps_root)
		return false;
	for (n = 0; n < num_units; n++)
		if (ops->remaps_root(n))
			return true;
	return false;
}

/* The unit that remaps the IOAPICs' interrupts, or -1. */
static int ioapic_unit(void)
{
	unsigned int n;

	if (!iommu_present() || !ops->remaps_root || !ops->remap_ioapic)
		return -1;
	for (n = 0; n < num_units; n++)
		if (ops->remaps_root(n))
			return n;
	return -1;
}

void iommu_ioapic_entry(const struct cell *cell, unsigned int ioapic,
			unsigned int pin, u32 *low, u32 *high)
{
	int unit = ioapic_unit();

	if (unit >= 0)
		ops->remap_ioapic(unit, cell,
				  system_config.system->platform.ioapics[ioapic].source_id,
				  pin, low, high);
}

void iommu_ioapic_pin_released(unsigned int ioapic, unsigned int pin)
{
	int unit = ioapic_unit();

	if (unit >= 0)
		ops->release_ioapic(unit,
				    system_config.system->platform.ioapics[ioapic].source_id,
				    pin);
}

const char *iommu_root_ioapic_refusal(u32 low, u32 high)
{
	const char *why;
	unsigned int n;

	if (!iommu_present() || !ops->root_ioapic_refusal)
		return NULL;
	for (n = 0; n < num_units; n++) {
		why = ops->root_ioapic_refusal(n, low, high);
		if (why)
			return why;
	}
	return NULL;
}

/*
 * A blocked interrupt message delivers nothing: the root's device goes on
 * (its entry was refused, or Linux raced with itself); a cell's device
 * sent what the cell was not given, and the cell fails.
 */
static void report_interrupt_fault(const struct dma_fault *f, struct cell *owner)
{
	bool root = owner == &root_cell;

	printk("VIOLATION: cell \"%s\" PCI %02x:%02x.%x: interrupt message (remapping entry %lu) blocked (%s fault reason 0x%x); %s\n",
	       cell_name(owner), PCI_BDF_BUS(f->bdf), PCI_BDF_DEV(f->bdf),
	       PCI_BDF_FN(f->bdf), f->address, ops->name, f->reason,
	       root ? "not delivered" : "cell stopped");
	if (!root && owner->state != XVC_CELL_FAILED)
		cell_failed(owner);
}

static void report_fault(const struct dma_fault *f)
{
	struct cell *owner = pci_owner_of(f->bdf);
	const char *what = f->write ? "write to" : "read from";

	if (f->interrupt) {
		report_interrupt_fault(f, owner);
		return;
	}

	if (owner == &root_cell) {
		printk("VIOLATION: cell \"%s\" PCI %02x:%02x.%x: DMA %s 0x%lx blocked (%s fault reason 0x%x); device stopped (bus mastering off)\n",
		       cell_name(owner), PCI_BDF_BUS(f->bdf), PCI_BDF_DEV(f->bdf),
		       PCI_BDF_FN(f->bdf), what, f->address, ops->name, f->reason);
		pci_stop_dma(f->bdf);
		return;
	}
	printk("VIOLATION: cell \"%s\" PCI %02x:%02x.%x: DMA %s 0x%lx blocked (%s fault reason 0x%x); cell stopped\n",
	       cell_name(owner), PCI_BDF_BUS(f->bdf), PCI_BDF_DEV(f->bdf),
	       PCI_BDF_FN(f->bdf), what, f->address, ops->name, f->reason);
	if (owner->state != XVC_CELL_FAILED)
		cell_failed(owner);
}

void arch_iommu_report_faults(void)
{
	struct dma_fault f;
	unsigned int n;

	for (n = 0; n < num_units; n++)
		while (ops->next_fault(n, &f))
			report_fault(&f);
}

/*
 * Faults are looked for on the root's exits, a cheap register read per
 * unit; they are handled under the control lock, so that the owner of a
 * device cannot change or vanish meanwhile.
 */
void iommu_poll_faults(struct per_cpu *pc)
{
	bool pending = false;
	unsigned int n;

	for (n = 0; n < num_units && !pending; n++)
		pending = ops->fault_pending(n);
	if (!pending || !spin_trylock(&fault_lock))
		return;
	control_lock_take(pc);
	arch_iommu_report_faults();
	control_lock_release();
	spin_unlock(&fault_lock);
}
