// SPDX-License-Identifier: GPL-2.0-only
/*
 * MSI-X tables of the functions cells own (xvc/pci-msix.h).
 *
 * A function's MSI-X table lives in one of its memory BARs, where the
 * device reads each message it sends.  When a cell takes the function,
 * every entry is masked, so that nothing the root programmed can fire on
 * the cell's behalf, and the table's pages in the cell's guest-physical
 * space are claimed from the MMIO table: reads go to the device directly,
 * writes exit here.  The BAR may decode only where it was (pci.c), so the
 * claim stays right for as long as the cell owns the function.
 *
 * An entry may hold anything while it is masked.  An entry that is or
 * becomes unmasked must hold an interrupt the cell may send: fixed or
 * lowest priority, vector 32-255, for the cell's CPUs (arch_msi_refusal).
 * Entries are written in whole, aligned dwords or qwords, as the PCI spec
 * requires of software.  Anything else written into the table is a
 * violation naming the function and the entry; writes to the rest of the
 * claimed pages (the PBA, other registers of the BAR) reach the device as
 * they are: the registers are the cell's own device's.
 *
 * The message the cell wrote into each of the first MSIX_SHADOWED entries
 * is kept here.  Where the function's interrupts are remapped, the device
 * holds, while the entry is unmasked, what names the entry's remapping
 * entries instead (arch_msi_device_message(): the entry's number as the
 * data on AMD-Vi, a remappable-format address on VT-d), and later entries
 * may not be unmasked.  The cell reads the table directly, so it reads
 * that there.
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/errno.h>
#include <xvc/mmio.h>
#include <xvc/pci-msix.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <xvc/spinlock.h>
#include <xvc/string.h>

#define MSIX_ENTRY_DATA		8
#define MSIX_ENTRY_CONTROL	12
#define MSIX_CONTROL_MASKED	BIT(0)

#define MSIX_MAX_TABLES		16
#define MSIX_SHADOWED		128

struct msix_table {
	struct cell *cell;
	u16 bdf;
	char name[16];
	/* First entry, and the claimed pages around the table. */
	u64 phys;
	unsigned int entries;
	u64 page_gpa, page_phys;
	/* The messages the cell wrote into its first entries. */
	u64 address[MSIX_SHADOWED];
	u32 data[MSIX_SHADOWED];
};

static struct msix_table tables[MSIX_MAX_TABLES];
/* Serializes each check with the write it allows, and slot changes. */
static struct spinlock msix_lock;

static u64 table_size(const struct xvc_pci_device *info)
{
	return (u64)info->msix_table_entries * MSIX_ENTRY_SIZE;
}

/* The guest-physical address at which @cell reaches device memory @phys. */
static bool device_memory_gpa(const struct cell *cell, u64 phys, u64 size,
			      u64 *gpa)
{
	const struct xvc_memory_region *mem =
		cell_region_holding(cell, phys, size, XVC_MEM_IO);

	if (mem)
		*gpa = mem->virt_start + (phys - mem->phys_start);
	return mem;
}

static struct msix_table *free_table(void)
{
	unsigned int n;

	for (n = 0; n < MSIX_MAX_TABLES; n++)
		if (!tables[n].cell)
			return &tables[n];
	return NULL;
}

static struct msix_table *table_of(u16 bdf)
{
	unsigned int n;

	for (n = 0; n < MSIX_MAX_TABLES; n++)
		if (tables[n].cell && tables[n].bdf == bdf)
			return &tables[n];
	return NULL;
}

int msix_check_takeable(const struct cell *cell, const char *name,
			const struct xvc_pci_device *info, u64 table_phys)
{
	u64 start = table_phys & PAGE_MASK;
	u64 end = ALIGN_UP(table_phys + table_size(info), PAGE_SIZE), gpa;

	if (!info->msix_table_entries || table_phys + table_size(info) < table_phys ||
	    !device_memory_gpa(cell, start, end - start, &gpa)) {
		printk("cell \"%s\": PCI %s: its MSI-X table at 0x%lx (%u entries, BAR%u) lies outside the cell's device memory\n",
		       cell_name(cell), name, table_phys, info->msix_table_entries,
		       info->msix_table_bar);
		return trace_error(-EINVAL);
	}
	if (!free_table()) {
		printk("cell \"%s\": PCI %s: more than %u MSI-X tables in cells\n",
		       cell_name(cell), name, MSIX_MAX_TABLES);
		return trace_error(-ENOSPC);
	}
	return 0;
}

/* Vector control's other bits are reserved: kept as the device has them. */
static void mask_entries(const struct msix_table *t)
{
	u64 control;
	unsigned int n;

	for (n = 0; n < t->entries; n++) {
		control = t->phys + n * MSIX_ENTRY_SIZE + MSIX_ENTRY_CONTROL;
		mmio_device_write(control, 4, mmio_device_read(control, 4) |
				  MSIX_CONTROL_MASKED);
	}
}

/* The entry as @a would leave it: four dwords, the write merged in. */
static void entry_after_write(const struct msix_table *t, unsigned int entry,
			      u64 offset, const struct mmio_access *a, u32 dw[4])
{
	u64 base = t->phys + entry * MSIX_ENTRY_SIZE;
	unsigned int n, first = (offset % MSIX_ENTRY_SIZE) / 4;

	for (n = 0; n < 4; n++)
		dw[n] = mmio_device_read(base + 4 * n, 4);
	if (entry < MSIX_SHADOWED) {
		dw[0] = t->address[entry];
		dw[1] = t->address[entry] >> 32;
		dw[2] = t->data[entry];
	}
	dw[first] = a->value;
	if (a->size == 8)
		dw[first + 1] = a->value >> 32;
}

/*
 * Carry out a checked write to @entry, now @dw: the dwords it covers, and
 * the whole message while the entry is unmasked, as the device must hold
 * it; the vector control last.
 */
static void write_entry(const struct cell *cell, struct msix_table *t,
			unsigned int entry, u64 offset, unsigned int size, u32 dw[4])
{
	u64 base = t->phys + entry * MSIX_ENTRY_SIZE, address;
	unsigned int first = (offset % MSIX_ENTRY_SIZE) / 4, n;
	unsigned int covered = (size == 8 ? 3U : 1U) << first;
	u32 data;

	if (entry < MSIX_SHADOWED) {
		t->address[entry] = address = (u64)dw[1] << 32 | dw[0];
		t->data[entry] = data = dw[2];
		if (!(dw[3] & MSIX_CONTROL_MASKED)) {
			arch_msi_device_message(cell, t->bdf, entry, &address, &data);
			covered |= 7;
		}
		dw[0] = address;
		dw[1] = address >> 32;
		dw[2] = data;
	}
	for (n = 0; n < 4; n++)
		if (covered & BIT(n))
			mmio_device_write(base + 4 * n, 4, dw[n]);
}

static enum exit_action table_write(struct per_cpu *pc, struct msix_table *t,
				    const struct mmio_access *a, u64 phys)
{
	u64 offset = phys - t->phys, address;
	unsigned int entry = offset / MSIX_ENTRY_SIZE;
	const char *why;
	u32 dw[4];

	if ((a->size != 4 && a->size != 8) || (offset & (a->size - 1)))
		return violation(pc, "PCI %s: %u-byte write at MSI-X table offset 0x%lx: entries take whole dwords or qwords",
				 t->name, a->size, offset);
	entry_after_write(t, entry, offset, a, dw);
	if (!(dw[3] & MSIX_CONTROL_MASKED)) {
		address = ((u64)dw[1] << 32) | dw[0];
		if (entry >= MSIX_SHADOWED && arch_msi_remapped(pc->cell, t->bdf))
			return violation(pc, "PCI %s: MSI-X entry %u unmasked: only the first %u entries of a function can be remapped",
					 t->name, entry, MSIX_SHADOWED);
		why = arch_msi_refusal(pc->cell, address, dw[2], 1);
		if (why)
			return violation(pc, "PCI %s: MSI-X entry %u address 0x%lx data 0x%x refused: %s",
					 t->name, entry, address, dw[2], why);
		arch_msi_accepted(pc->cell, t->bdf, entry, address, dw[2], 1);
	}
	write_entry(pc->cell, t, entry, offset, a->size, dw);
	return EXIT_RESUME;
}

static enum exit_action table_access(struct per_cpu *pc, struct mmio_access *a,
				     void *arg)
{
	struct msix_table *t = arg;
	u64 phys = t->page_phys + (a->gpa - t->page_gpa);
	enum exit_action action = EXIT_RESUME;

	count_exit(pc, XVC_STAT_MMIO);
	spin_lock(&msix_lock);
	if (!a->write)
		a->value = mmio_device_read(phys, a->size);
	else if (phys + a->size <= t->phys ||
		 phys >= t->phys + (u64)t->entries * MSIX_ENTRY_SIZE)
		mmio_device_write(phys, a->size, a->value);
	else
		action = table_write(pc, t, a, phys);
	spin_unlock(&msix_lock);
	return action;
}

int msix_take(struct cell *cell, const char *name,
	      const struct xvc_pci_device *info, u64 table_phys)
{
	struct msix_table *t;
	u64 end = ALIGN_UP(table_phys + table_size(info), PAGE_SIZE);
	unsigned int n;
	int err;

	spin_lock(&msix_lock);
	t = free_table();
	if (!t) {
		spin_unlock(&msix_lock);
		return trace_error(-ENOSPC);
	}
	*t = (struct msix_table){
		.cell = cell, .bdf = info->bdf, .phys = table_phys,
		.entries = info->msix_table_entries,
		.page_phys = table_phys & PAGE_MASK,
	};
	snprintf(t->name, sizeof(t->name), "%s", name);
	device_memory_gpa(cell, t->page_phys, end - t->page_phys, &t->page_gpa);
	mask_entries(t);
	for (n = 0; n < t->entries && n < MSIX_SHADOWED; n++) {
		t->address[n] = mmio_device_read(table_phys + n * MSIX_ENTRY_SIZE, 4) |
			(u64)mmio_device_read(table_phys + n * MSIX_ENTRY_SIZE + 4, 4) << 32;
		t->data[n] = mmio_device_read(table_phys + n * MSIX_ENTRY_SIZE +
					      MSIX_ENTRY_DATA, 4);
	}
	spin_unlock(&msix_lock);
	err = mmio_register(cell, t->page_gpa, end - t->page_phys, t->page_phys,
			    XVC_MEM_READ, table_access, t);
	if (err)
		msix_release(info->bdf);
	return err;
}

void msix_mask_all(u16 bdf)
{
	struct msix_table *t;

	spin_lock(&msix_lock);
	t = table_of(bdf);
	if (t)
		mask_entries(t);
	spin_unlock(&msix_lock);
}

void msix_release(u16 bdf)
{
	struct msix_table *t;

	spin_lock(&msix_lock);
	t = table_of(bdf);
	if (t)
		memset(t, 0, sizeof(*t));
	spin_unlock(&msix_lock);
}
