// SPDX-License-Identifier: GPL-2.0-only
/*
 * cellcfg: PCI device entries.
 *
 * The hypervisor mediates config space from what an entry says, so each
 * entry must describe a device that can exist:
 *  - BAR slots have a known kind and a size the kind allows; a 64-bit
 *    memory BAR is followed by its upper half; a bridge (type 1 header)
 *    has no BAR slots 2-5.  BAR addresses are not configured: the owner
 *    programs them at run time, and the hypervisor checks them then.
 *  - MSI: capability offset in the device part of config space, 1 to 32
 *    vectors in powers of two (Multiple Message Capable).
 *  - MSI-X: capability offset likewise, 1 to 2048 table entries, table and
 *    PBA 8-byte aligned inside a memory BAR of the device: the hypervisor
 *    traps exactly those bytes to check every message programmed there.
 *  - The IOMMU index names a unit of the platform; "no IOMMU" is allowed
 *    only where the platform has none, so a device cannot slip past the
 *    DMA remapping of a platform that has it.
 *  - INTx is wired to nothing known, or to a GSI that is a pin of one of
 *    the platform's IOAPICs (checked in the system blob, whose entries
 *    every cell's must equal).
 *  - Fields without meaning (capability absent, reserved) are zero, so
 *    that later revisions can give them one.
 * Between blobs: a non-root cell's devices are taken from the root, like
 * its ports and device memory, so the root lists each of them, described
 * the same way; bridges stay with the root (they route other devices'
 * config space and windows); no device is in two non-root cells.
 */
#include "cellcfg-internal.h"

/* MSI-X table entries and PBA words, in bytes. */
#define CELLCFG_MSIX_ENTRY_SIZE	16
#define CELLCFG_MSIX_PBA_BITS	64

static uint32_t cellcfg_pci_address(const struct xvc_pci_device *dev)
{
	return (uint32_t)dev->domain << 16 | dev->bdf;
}

/* Start a record about device @i, naming it by its address too. */
static void cellcfg_pci_issue(struct cellcfg_issue *issue,
			      struct cellcfg_reporter *rep,
			      enum cellcfg_error error, uint32_t i,
			      const struct xvc_pci_device *dev)
{
	cellcfg_issue_init(issue, rep, error, CELLCFG_OBJ_PCI, i);
	issue->has |= CELLCFG_HAS_PCI;
	issue->pci_address = cellcfg_pci_address(dev);
}

/* Emit a PCI record whose message ends with static text @why, if any. */
static void cellcfg_pci_emit(struct cellcfg_issue *issue,
			     struct cellcfg_reporter *rep, const char *why)
{
	if (why) {
		issue->has |= CELLCFG_HAS_DETAIL;
		issue->detail = why;
	}
	cellcfg_emit(rep, issue);
}

static void cellcfg_pci_report(struct cellcfg_reporter *rep,
			       enum cellcfg_error error, uint32_t i,
			       const struct xvc_pci_device *dev,
			       uint64_t value, uint64_t limit)
{
	struct cellcfg_issue issue;

	cellcfg_pci_issue(&issue, rep, error, i, dev);
	issue.has |= CELLCFG_HAS_VALUE | CELLCFG_HAS_LIMIT;
	issue.value = value;
	issue.limit = limit;
	cellcfg_emit(rep, &issue);
}

/*
 * A record about BAR slot @bar of device @i: @value is its size or kind,
 * @why (may be NULL) ends the message.
 */
static void cellcfg_bar_report(struct cellcfg_reporter *rep,
			       enum cellcfg_error error, uint32_t i,
			       const struct xvc_pci_device *dev, uint32_t bar,
			       uint64_t value, const char *why)
{
	struct cellcfg_issue issue;

	cellcfg_pci_issue(&issue, rep, error, i, dev);
	issue.has |= CELLCFG_HAS_SUB | CELLCFG_HAS_VALUE;
	issue.sub_index = bar;
	issue.value = value;
	cellcfg_pci_emit(&issue, rep, why);
}

static int cellcfg_same_pci_device(const struct xvc_pci_device *a,
				   const struct xvc_pci_device *b)
{
	return a->domain == b->domain && a->bdf == b->bdf;
}

static int cellcfg_is_pow2(uint64_t value)
{
	return value && !(value & (value - 1));
}

static int cellcfg_bar_is_memory(uint8_t kind)
{
	return kind == XVC_PCI_BAR_MEM32 || kind == XVC_PCI_BAR_MEM64;
}

/*
 * Sizes a BAR of each kind may decode: the smallest the PCI spec allows
 * (I/O 4 bytes, memory 16) up to what the address space holds.  A slot
 * that decodes nothing of its own has size 0.
 */
static const struct cellcfg_bar_rule {
	uint64_t min;
	uint64_t max;
	const char *rule;
} cellcfg_bar_rules[XVC_PCI_BAR_KIND_MAX + 1] = {
	[XVC_PCI_BAR_NONE] = { 0, 0, "0 for an unused slot" },
	[XVC_PCI_BAR_IO] = { 4, 256,
		"a power of two from 4 to 256 bytes for an I/O BAR" },
	[XVC_PCI_BAR_MEM32] = { 16, 1ULL << 31,
		"a power of two from 16 bytes to 2 GiB for a 32-bit memory BAR" },
	[XVC_PCI_BAR_MEM64] = { 16, XVC_PHYS_ADDRESS_LIMIT,
		"a power of two from 16 bytes to the physical address limit for a 64-bit memory BAR" },
	[XVC_PCI_BAR_MEM64_HIGH] = { 0, 0,
		"0 for the upper half of a 64-bit BAR" },
};

static void cellcfg_check_bar_size(const struct xvc_pci_device *dev,
				   uint32_t i, uint32_t bar,
				   struct cellcfg_reporter *rep)
{
	const struct cellcfg_bar_rule *rule =
		&cellcfg_bar_rules[dev->bar_kind[bar]];
	uint64_t size = dev->bar_size[bar];

	if (rule->max == 0 ? size == 0 :
	    cellcfg_is_pow2(size) && size >= rule->min && size <= rule->max)
		return;
	cellcfg_bar_report(rep, CELLCFG_E_PCI_BAR_SIZE, i, dev, bar, size,
			   rule->rule);
}

/* A 64-bit BAR is two slots: MEM64 and then MEM64_HIGH, nothing else. */
static void cellcfg_check_bar_pair(const struct xvc_pci_device *dev,
				   uint32_t i, uint32_t bar,
				   struct cellcfg_reporter *rep)
{
	const uint8_t *kind = dev->bar_kind;
	const char *why = 0;

	if (kind[bar] == XVC_PCI_BAR_MEM64 && bar + 1 == XVC_PCI_NUM_BARS)
		why = "a 64-bit BAR in the last slot has no slot for its upper half";
	else if (kind[bar] == XVC_PCI_BAR_MEM64 &&
		 kind[bar + 1] != XVC_PCI_BAR_MEM64_HIGH)
		why = "the slot after a 64-bit BAR must be its upper half";
	else if (kind[bar] == XVC_PCI_BAR_MEM64_HIGH &&
		 (bar == 0 || kind[bar - 1] != XVC_PCI_BAR_MEM64))
		why = "an upper half must follow a 64-bit BAR";
	if (why)
		cellcfg_bar_report(rep, CELLCFG_E_PCI_BAR_PAIR, i, dev, bar,
				   kind[bar], why);
}

static void cellcfg_check_bars(const struct xvc_pci_device *dev, uint32_t i,
			       struct cellcfg_reporter *rep)
{
	uint32_t bar;

	for (bar = 0; bar < XVC_PCI_NUM_BARS; bar++) {
		/* a type 1 header has bus numbers and windows there */
		if (dev->type == XVC_PCI_TYPE_BRIDGE && bar >= 2 &&
		    (dev->bar_kind[bar] || dev->bar_size[bar])) {
			cellcfg_bar_report(rep, CELLCFG_E_PCI_BRIDGE_BAR, i,
					   dev, bar, dev->bar_kind[bar], 0);
			continue;
		}
		if (dev->bar_kind[bar] > XVC_PCI_BAR_KIND_MAX) {
			cellcfg_bar_report(rep, CELLCFG_E_PCI_BAR_KIND, i, dev,
					   bar, dev->bar_kind[bar], 0);
			continue;
		}
		cellcfg_check_bar_size(dev, i, bar, rep);
		cellcfg_check_bar_pair(dev, i, bar, rep);
	}
}

/* Capabilities sit dword-aligned in the device part of config space. */
static void cellcfg_check_cap_offset(const struct xvc_pci_device *dev,
				     uint32_t i, uint8_t offset,
				     const char *what,
				     struct cellcfg_reporter *rep)
{
	struct cellcfg_issue issue;

	if (offset >= XVC_PCI_CAP_FIRST && !(offset & 3))
		return;
	cellcfg_pci_issue(&issue, rep, CELLCFG_E_PCI_CAP_OFFSET, i, dev);
	issue.has |= CELLCFG_HAS_VALUE;
	issue.value = offset;
	cellcfg_pci_emit(&issue, rep, what);
}

static void cellcfg_check_msi(const struct xvc_pci_device *dev, uint32_t i,
			      struct cellcfg_reporter *rep)
{
	uint16_t vectors = dev->num_msi_vectors;
	int ok;

	if (dev->msi_cap) {
		cellcfg_check_cap_offset(dev, i, dev->msi_cap, "MSI", rep);
		ok = cellcfg_is_pow2(vectors) &&
		     vectors <= XVC_PCI_MSI_MAX_VECTORS;
	} else {
		ok = vectors == 0;
	}
	if (!ok)
		cellcfg_pci_report(rep, CELLCFG_E_PCI_MSI_VECTORS, i, dev,
				   vectors, XVC_PCI_MSI_MAX_VECTORS);
}

/* The MSI-X table or PBA: @len bytes at @offset of BAR slot @bar. */
static void cellcfg_check_msix_part(const struct xvc_pci_device *dev,
				    uint32_t i, const char *what, uint8_t bar,
				    uint32_t offset, uint64_t len,
				    struct cellcfg_reporter *rep)
{
	struct cellcfg_issue issue;
	uint64_t size = 0;

	if (bar < XVC_PCI_NUM_BARS && cellcfg_bar_is_memory(dev->bar_kind[bar]))
		size = dev->bar_size[bar];
	/* offset < 2^32 and len <= 2048 * 16: the sum cannot wrap */
	if (!(offset & 7) && offset + len <= size)
		return;
	cellcfg_pci_issue(&issue, rep, CELLCFG_E_PCI_MSIX_LOCATION, i, dev);
	cellcfg_issue_range(&issue, offset, offset + len - 1);
	issue.has |= CELLCFG_HAS_SUB | CELLCFG_HAS_LIMIT;
	issue.sub_index = bar;
	issue.limit = size;
	cellcfg_pci_emit(&issue, rep, what);
}

static void cellcfg_check_msix(const struct xvc_pci_device *dev, uint32_t i,
			       struct cellcfg_reporter *rep)
{
	uint16_t entries = dev->msix_table_entries;
	uint64_t pba_len;

	if (!dev->msix_cap) {
		if (entries)
			cellcfg_pci_report(rep, CELLCFG_E_PCI_MSIX_ENTRIES, i,
					   dev, entries,
					   XVC_PCI_MSIX_MAX_ENTRIES);
		if (dev->msix_table_bar | dev->msix_pba_bar |
		    dev->msix_table_offset | dev->msix_pba_offset)
			cellcfg_pci_report(rep, CELLCFG_E_RESERVED, i, dev,
					   dev->msix_table_bar |
					   dev->msix_pba_bar |
					   dev->msix_table_offset |
					   dev->msix_pba_offset, 0);
		return;
	}
	cellcfg_check_cap_offset(dev, i, dev->msix_cap, "MSI-X", rep);
	if (entries == 0 || entries > XVC_PCI_MSIX_MAX_ENTRIES) {
		cellcfg_pci_report(rep, CELLCFG_E_PCI_MSIX_ENTRIES, i, dev,
				   entries, XVC_PCI_MSIX_MAX_ENTRIES);
		return;
	}
	pba_len = (entries + CELLCFG_MSIX_PBA_BITS - 1) /
		  CELLCFG_MSIX_PBA_BITS * 8;
	cellcfg_check_msix_part(dev, i, "table", dev->msix_table_bar,
				dev->msix_table_offset,
				(uint64_t)entries * CELLCFG_MSIX_ENTRY_SIZE, rep);
	cellcfg_check_msix_part(dev, i, "PBA", dev->msix_pba_bar,
				dev->msix_pba_offset, pba_len, rep);
}

static void cellcfg_check_intx(const struct xvc_pci_device *dev, uint32_t i,
			       struct cellcfg_reporter *rep)
{
	if (dev->intx > XVC_PCI_INTX_MAX)
		cellcfg_pci_report(rep, CELLCFG_E_PCI_INTX, i, dev, dev->intx,
				   XVC_PCI_INTX_GSI);
	else if (dev->intx == XVC_PCI_INTX_NONE && dev->intx_gsi)
		cellcfg_pci_report(rep, CELLCFG_E_RESERVED, i, dev,
				   dev->intx_gsi, 0);
}

void cellcfg_check_pci(const struct cellcfg_cell *cell,
		       struct cellcfg_reporter *rep)
{
	const struct xvc_pci_device *dev;
	uint32_t i, j;

	for (i = 0; i < cell->num_pci; i++) {
		dev = &cell->pci[i];
		if (dev->type != XVC_PCI_TYPE_DEVICE &&
		    dev->type != XVC_PCI_TYPE_BRIDGE)
			cellcfg_pci_report(rep, CELLCFG_E_PCI_TYPE, i, dev,
					   dev->type, 0);
		if (dev->reserved0)
			cellcfg_pci_report(rep, CELLCFG_E_RESERVED, i, dev,
					   dev->reserved0, 0);
		cellcfg_check_intx(dev, i, rep);
		cellcfg_check_bars(dev, i, rep);
		cellcfg_check_msi(dev, i, rep);
		cellcfg_check_msix(dev, i, rep);
		for (j = 0; j < i; j++)
			if (cellcfg_same_pci_device(dev, &cell->pci[j]))
				cellcfg_pci_report(rep,
						   CELLCFG_E_PCI_DUPLICATE, i,
						   dev, dev->bdf, j);
	}
}

void cellcfg_check_pci_bridges(const struct cellcfg_cell *cell,
			       struct cellcfg_reporter *rep)
{
	uint32_t i;

	for (i = 0; i < cell->num_pci; i++)
		if (cell->pci[i].type == XVC_PCI_TYPE_BRIDGE)
			cellcfg_pci_report(rep, CELLCFG_E_PCI_BRIDGE_IN_CELL,
					   i, &cell->pci[i], 0, 0);
}

/* The unit whose own PCI function @dev is (AMD-Vi), or -1. */
static int cellcfg_iommu_function_of(const struct xvc_platform *platform,
				     uint32_t units,
				     const struct xvc_pci_device *dev)
{
	uint32_t n;

	for (n = 0; n < units; n++)
		if (platform->iommus[n].type == XVC_IOMMU_AMD &&
		    platform->iommus[n].amd_bdf == dev->bdf && dev->domain == 0)
			return (int)n;
	return -1;
}

void cellcfg_check_pci_iommus(const struct xvc_platform *platform,
			      const struct cellcfg_cell *cell,
			      struct cellcfg_reporter *rep)
{
	uint32_t units = platform->num_iommus < XVC_MAX_IOMMUS ?
		platform->num_iommus : XVC_MAX_IOMMUS;
	const struct xvc_pci_device *dev;
	uint32_t i;
	int unit;

	for (i = 0; i < cell->num_pci; i++) {
		dev = &cell->pci[i];
		unit = cellcfg_iommu_function_of(platform, units, dev);
		if (unit >= 0)
			cellcfg_pci_report(rep, CELLCFG_E_PCI_IOMMU_FUNCTION, i,
					   dev, (uint64_t)unit, 0);
		if (units ? dev->iommu < units : dev->iommu == XVC_PCI_NO_IOMMU)
			continue;
		cellcfg_pci_report(rep, CELLCFG_E_PCI_IOMMU, i, dev,
				   dev->iommu, units);
	}
}

static int cellcfg_gsi_on_ioapic(const struct xvc_platform *platform,
				 uint32_t gsi)
{
	const struct xvc_ioapic *io;
	uint32_t n;

	for (n = 0; n < platform->num_ioapics && n < XVC_MAX_IOAPICS; n++) {
		io = &platform->ioapics[n];
		if (gsi >= io->gsi_base && gsi - io->gsi_base < XVC_IRQCHIP_PINS)
			return 1;
	}
	return 0;
}

/*
 * An INTx wired to a GSI names a pin of one of the platform's IOAPICs
 * (how many pins it has, the hypervisor reads from the IOAPIC).
 */
void cellcfg_check_pci_intx_gsis(const struct xvc_platform *platform,
				 const struct cellcfg_cell *cell,
				 struct cellcfg_reporter *rep)
{
	const struct xvc_pci_device *dev;
	uint32_t i;

	for (i = 0; i < cell->num_pci; i++) {
		dev = &cell->pci[i];
		if (dev->intx == XVC_PCI_INTX_GSI &&
		    !cellcfg_gsi_on_ioapic(platform, dev->intx_gsi))
			cellcfg_pci_report(rep, CELLCFG_E_PCI_INTX_GSI, i, dev,
					   dev->intx_gsi, 0);
	}
}

/* Do two entries of one device say the same about it? */
static int cellcfg_pci_same_description(const struct xvc_pci_device *a,
					const struct xvc_pci_device *b)
{
	const uint8_t *pa = (const uint8_t *)a, *pb = (const uint8_t *)b;
	uint32_t k;

	/* no padding anywhere in the structure: bytes are fields */
	for (k = 0; k < sizeof(*a); k++)
		if (pa[k] != pb[k])
			return 0;
	return 1;
}

/* Device @r of cells[i] comes from the root, as the root describes it. */
static void cellcfg_check_pci_from_root(const struct cellcfg_cell *root,
					const struct cellcfg_cell *cell,
					uint32_t r, struct cellcfg_reporter *rep)
{
	const struct xvc_pci_device *dev = &cell->pci[r];
	struct cellcfg_issue issue;
	uint32_t k;

	for (k = 0; k < root->num_pci; k++)
		if (cellcfg_same_pci_device(dev, &root->pci[k]))
			break;
	if (k == root->num_pci) {
		cellcfg_pci_report(rep, CELLCFG_E_PCI_NOT_IN_ROOT, r, dev, 0,
				   0);
		return;
	}
	if (cellcfg_pci_same_description(dev, &root->pci[k]))
		return;
	cellcfg_pci_issue(&issue, rep, CELLCFG_E_PCI_MISMATCH, r, dev);
	issue.has |= CELLCFG_HAS_OTHER;
	issue.other_config = CELLCFG_CONFIG_SYSTEM;
	issue.other_cell = root->name;
	issue.other_object = CELLCFG_OBJ_PCI;
	issue.other_index = k;
	cellcfg_emit(rep, &issue);
}

/* Device @r of cells[i] against the devices of the cells before it. */
static void cellcfg_check_pci_taken(const struct cellcfg_view *cells,
				    uint32_t i, uint32_t r,
				    struct cellcfg_reporter *rep)
{
	const struct xvc_pci_device *dev = &cells[i].cell.pci[r];
	const struct cellcfg_cell *other;
	struct cellcfg_issue issue;
	uint32_t j, k;

	for (j = 0; j < i; j++) {
		if (!cellcfg_is_cell_view(&cells[j]))
			continue;
		other = &cells[j].cell;
		for (k = 0; k < other->num_pci; k++) {
			if (!cellcfg_same_pci_device(dev, &other->pci[k]))
				continue;
			cellcfg_pci_issue(&issue, rep, CELLCFG_E_PCI_CONFLICT,
					  r, dev);
			issue.has |= CELLCFG_HAS_OTHER;
			issue.other_config = j + 1;
			issue.other_cell = other->name;
			issue.other_object = CELLCFG_OBJ_PCI;
			issue.other_index = k;
			cellcfg_emit(rep, &issue);
		}
	}
}

void cellcfg_check_pci_between(const struct cellcfg_view *system,
			       const struct cellcfg_view *cells, uint32_t i,
			       struct cellcfg_reporter *rep)
{
	const struct cellcfg_cell *cell = &cells[i].cell;
	uint32_t r;

	cellcfg_check_pci_iommus(&system->system->platform, cell, rep);
	for (r = 0; r < cell->num_pci; r++) {
		cellcfg_check_pci_from_root(&system->cell, cell, r, rep);
		cellcfg_check_pci_taken(cells, i, r, rep);
	}
}
