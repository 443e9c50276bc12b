// SPDX-License-Identifier: GPL-2.0-only
/*
 * cellcfg: checks of one blob on its own.
 *
 * First the structure (header, descriptor, array counts) is checked; only
 * if it is sound are the arrays located and their contents checked.  Every
 * read stays inside the first min(len, total_size) bytes.
 */
#include "cellcfg-internal.h"

enum cellcfg_kind {
	CELLCFG_KIND_SYSTEM,
	CELLCFG_KIND_CELL,
};

static int cellcfg_magic_is(const struct xvc_config_header *header,
			    const char *magic)
{
	uint32_t i;

	for (i = 0; i < XVC_MAGIC_LEN; i++)
		if (header->magic[i] != magic[i])
			return 0;
	return 1;
}

static void cellcfg_view_init(struct cellcfg_view *view)
{
	struct cellcfg_cell *cell = &view->cell;

	view->header = 0;
	view->system = 0;
	view->num_errors = 0;
	view->usable = 0;
	cell->desc = 0;
	cell->name = 0;
	cell->cpu_set = 0;
	cell->cpu_set_words = 0;
	cell->num_memory = 0;
	cell->memory = 0;
	cell->num_pio = 0;
	cell->pio = 0;
	cell->num_msr = 0;
	cell->msr = 0;
	cell->num_irqchips = 0;
	cell->irqchips = 0;
	cell->num_pci = 0;
	cell->pci = 0;
}

/* Header checks; returns the usable length of the blob, 0 to stop. */
static uint64_t cellcfg_check_header(const void *blob, uint64_t len,
				     enum cellcfg_kind kind,
				     struct cellcfg_reporter *rep)
{
	const struct xvc_config_header *header = blob;
	const char *want = kind == CELLCFG_KIND_SYSTEM ?
		XVC_SYSTEM_MAGIC : XVC_CELL_MAGIC;
	const char *other = kind == CELLCFG_KIND_SYSTEM ?
		XVC_CELL_MAGIC : XVC_SYSTEM_MAGIC;

	if (!blob || ((uintptr_t)blob & 7)) {
		cellcfg_report_plain(rep, CELLCFG_E_MISALIGNED,
				     CELLCFG_OBJ_BLOB, 0);
		return 0;
	}
	if (len < sizeof(*header)) {
		cellcfg_report_value(rep, CELLCFG_E_TOO_SHORT, CELLCFG_OBJ_BLOB,
				     0, len, sizeof(*header));
		return 0;
	}
	if (cellcfg_magic_is(header, other)) {
		cellcfg_report_value(rep, CELLCFG_E_WRONG_KIND,
				     CELLCFG_OBJ_BLOB, 0, kind, 0);
		return 0;
	}
	if (!cellcfg_magic_is(header, want)) {
		cellcfg_report_value(rep, CELLCFG_E_BAD_MAGIC, CELLCFG_OBJ_BLOB,
				     0, kind, 0);
		return 0;
	}
	/* Another revision or architecture may have another layout: stop. */
	if (header->revision != XVC_CONFIG_REVISION) {
		cellcfg_report_value(rep, CELLCFG_E_REVISION, CELLCFG_OBJ_BLOB,
				     0, header->revision, XVC_CONFIG_REVISION);
		return 0;
	}
	if (header->arch != XVC_ARCH_X86_64) {
		cellcfg_report_value(rep, CELLCFG_E_ARCH, CELLCFG_OBJ_BLOB, 0,
				     header->arch, XVC_ARCH_X86_64);
		return 0;
	}
	if (header->total_size > len) {
		cellcfg_report_value(rep, CELLCFG_E_TRUNCATED, CELLCFG_OBJ_BLOB,
				     0, len, header->total_size);
		return 0;
	}
	if (header->total_size < len)
		cellcfg_report_value(rep, CELLCFG_E_TRAILING_DATA,
				     CELLCFG_OBJ_BLOB, 0, len,
				     header->total_size);
	return header->total_size;
}

static int cellcfg_is_printable(char c)
{
	return c >= 0x20 && c < 0x7f;
}

/* Sets cell->name only when the name is a usable string. */
static void cellcfg_check_name(struct cellcfg_cell *cell,
			       struct cellcfg_reporter *rep)
{
	const char *name = cell->desc->name;
	uint32_t len = 0;
	uint32_t i;

	while (len < XVC_CELL_NAME_LEN && name[len])
		len++;
	if (len == XVC_CELL_NAME_LEN) {
		cellcfg_report_value(rep, CELLCFG_E_NAME_UNTERMINATED,
				     CELLCFG_OBJ_NAME, 0, len,
				     XVC_CELL_NAME_LEN - 1);
		return;
	}
	if (len == 0) {
		cellcfg_report_plain(rep, CELLCFG_E_NAME_EMPTY,
				     CELLCFG_OBJ_NAME, 0);
		return;
	}
	for (i = 0; i < len; i++) {
		if (!cellcfg_is_printable(name[i])) {
			cellcfg_report_value(rep, CELLCFG_E_NAME_UNPRINTABLE,
					     CELLCFG_OBJ_NAME, i,
					     (uint8_t)name[i], 0);
			return;
		}
	}
	cell->name = name;
	rep->cell = name;
}

static int cellcfg_count_ok(uint32_t count, enum cellcfg_object object,
			    struct cellcfg_reporter *rep)
{
	if (count <= CELLCFG_MAX_ELEMENTS)
		return 1;
	cellcfg_report_value(rep, CELLCFG_E_TOO_MANY, object, 0, count,
			     CELLCFG_MAX_ELEMENTS);
	return 0;
}

/*
 * Locate the arrays that follow the descriptor at @offset in a blob of
 * @size bytes.  Counts are at most CELLCFG_MAX_ELEMENTS and elements at
 * most 80 bytes, so the 64-bit sums below cannot overflow.  Returns 0 if they do not fit.
 */
static int cellcfg_locate_arrays(const uint8_t *base, uint64_t offset,
				 uint64_t size, struct cellcfg_cell *cell,
				 struct cellcfg_reporter *rep)
{
	const struct xvc_cell_desc *desc = cell->desc;
	int counts_ok = 1;
	uint64_t end;

	if (desc->cpu_set_size == 0 || desc->cpu_set_size % 8) {
		cellcfg_report_value(rep, CELLCFG_E_CPU_SET_SIZE,
				     CELLCFG_OBJ_CPU_SET, 0,
				     desc->cpu_set_size, 8);
		return 0;
	}
	counts_ok &= cellcfg_count_ok(desc->cpu_set_size / 8,
				      CELLCFG_OBJ_CPU_SET, rep);
	counts_ok &= cellcfg_count_ok(desc->num_memory_regions,
				      CELLCFG_OBJ_MEMORY, rep);
	counts_ok &= cellcfg_count_ok(desc->num_pio_ranges, CELLCFG_OBJ_PIO,
				      rep);
	counts_ok &= cellcfg_count_ok(desc->num_msr_ranges, CELLCFG_OBJ_MSR,
				      rep);
	counts_ok &= cellcfg_count_ok(desc->num_irqchips, CELLCFG_OBJ_IRQCHIP,
				      rep);
	counts_ok &= cellcfg_count_ok(desc->num_pci_devices, CELLCFG_OBJ_PCI,
				      rep);
	if (!counts_ok)
		return 0;

	end = offset + desc->cpu_set_size +
		(uint64_t)desc->num_memory_regions *
			sizeof(struct xvc_memory_region) +
		(uint64_t)desc->num_pio_ranges * sizeof(struct xvc_pio_range) +
		(uint64_t)desc->num_msr_ranges * sizeof(struct xvc_msr_range) +
		(uint64_t)desc->num_irqchips * sizeof(struct xvc_irqchip) +
		(uint64_t)desc->num_pci_devices * sizeof(struct xvc_pci_device);
	if (end > size) {
		cellcfg_report_value(rep, CELLCFG_E_ARRAYS_OVERRUN,
				     CELLCFG_OBJ_BLOB, 0, end, size);
		return 0;
	}
	if (end < size)
		cellcfg_report_value(rep, CELLCFG_E_ARRAYS_UNDERRUN,
				     CELLCFG_OBJ_BLOB, 0, end, size);

	cell->cpu_set = (const uint64_t *)(base + offset);
	cell->cpu_set_words = desc->cpu_set_size / 8;
	offset += desc->cpu_set_size;

	cell->num_memory = desc->num_memory_regions;
	cell->memory = (const struct xvc_memory_region *)(base + offset);
	offset += (uint64_t)cell->num_memory * sizeof(*cell->memory);

	cell->num_pio = desc->num_pio_ranges;
	cell->pio = (const struct xvc_pio_range *)(base + offset);
	offset += (uint64_t)cell->num_pio * sizeof(*cell->pio);

	cell->num_msr = desc->num_msr_ranges;
	cell->msr = (const struct xvc_msr_range *)(base + offset);
	offset += (uint64_t)cell->num_msr * sizeof(*cell->msr);

	cell->num_irqchips = desc->num_irqchips;
	cell->irqchips = (const struct xvc_irqchip *)(base + offset);
	offset += (uint64_t)cell->num_irqchips * sizeof(*cell->irqchips);

	cell->num_pci = desc->num_pci_devices;
	cell->pci = (const struct xvc_pci_device *)(base + offset);
	return 1;
}

static void cellcfg_check_reserved(uint64_t value, enum cellcfg_object object,
				   uint32_t index, struct cellcfg_reporter *rep)
{
	if (value)
		cellcfg_report_value(rep, CELLCFG_E_RESERVED, object, index,
				     value, 0);
}

static void cellcfg_check_flags(uint64_t flags, uint64_t valid,
				enum cellcfg_object object, uint32_t index,
				struct cellcfg_reporter *rep)
{
	if (flags & ~valid)
		cellcfg_report_value(rep, CELLCFG_E_FLAGS, object, index,
				     flags & ~valid, valid);
}

static int cellcfg_cell_has_any_cpu(const struct cellcfg_cell *cell)
{
	uint32_t w;

	for (w = 0; w < cell->cpu_set_words; w++)
		if (cell->cpu_set[w])
			return 1;
	return 0;
}

int cellcfg_cell_has_cpu(const struct cellcfg_cell *cell, uint64_t cpu)
{
	if (cpu / 64 >= cell->cpu_set_words)
		return 0;
	return (cell->cpu_set[cpu / 64] >> (cpu % 64)) & 1;
}

/* Rules for the communication page; @seen counts the ones met so far. */
static void cellcfg_check_comm_region(const struct xvc_memory_region *mem,
				      uint32_t index, uint32_t *seen,
				      struct cellcfg_reporter *rep)
{
	const uint64_t allowed = XVC_MEM_READ | XVC_MEM_WRITE |
		XVC_MEM_COMM_REGION;

	if (mem->phys_start != 0)
		cellcfg_report_value(rep, CELLCFG_E_COMM_PHYS,
				     CELLCFG_OBJ_MEMORY, index,
				     mem->phys_start, 0);
	if (mem->size != XVC_PAGE_SIZE)
		cellcfg_report_value(rep, CELLCFG_E_COMM_SIZE,
				     CELLCFG_OBJ_MEMORY, index, mem->size,
				     XVC_PAGE_SIZE);
	/* unknown bits are reported as such by the flags check */
	if (mem->flags & ~allowed & XVC_MEM_VALID_FLAGS)
		cellcfg_report_value(rep, CELLCFG_E_COMM_FLAGS,
				     CELLCFG_OBJ_MEMORY, index,
				     mem->flags & ~allowed & XVC_MEM_VALID_FLAGS,
				     allowed);
	if ((*seen)++)
		cellcfg_report_plain(rep, CELLCFG_E_COMM_DUPLICATE,
				     CELLCFG_OBJ_MEMORY, index);
}

/*
 * Host-physical addresses a configuration names must be inside the
 * hypervisor's direct map (XVC_PHYS_ADDRESS_LIMIT).  Size 0 stands for
 * "at least the first byte".
 */
static void cellcfg_check_phys_limit(uint64_t start, uint64_t size,
				     enum cellcfg_object object,
				     uint32_t index,
				     struct cellcfg_reporter *rep)
{
	struct cellcfg_issue issue;

	if (!size)
		size = 1;
	if (cellcfg_range_fits(start, size, XVC_PHYS_ADDRESS_LIMIT))
		return;
	cellcfg_issue_init(&issue, rep, CELLCFG_E_PHYS_LIMIT, object, index);
	cellcfg_issue_range(&issue, start, cellcfg_last(start, size));
	issue.has |= CELLCFG_HAS_LIMIT;
	issue.limit = XVC_PHYS_ADDRESS_LIMIT;
	cellcfg_emit(rep, &issue);
}

static void cellcfg_check_region_addresses(const struct xvc_memory_region *mem,
					   enum cellcfg_object object,
					   uint32_t index,
					   struct cellcfg_reporter *rep)
{
	if (mem->size == 0) {
		cellcfg_report_range(rep, CELLCFG_E_MEM_EMPTY, object, index,
				     mem->phys_start, mem->phys_start);
		return;
	}
	if ((mem->phys_start | mem->virt_start | mem->size) &
	    (XVC_PAGE_SIZE - 1))
		cellcfg_report_range(rep, CELLCFG_E_MEM_UNALIGNED, object,
				     index, mem->phys_start,
				     mem->phys_start + mem->size - 1);
	if (!cellcfg_range_fits(mem->phys_start, mem->size,
				XVC_PHYS_ADDRESS_LIMIT))
		cellcfg_report_value(rep, CELLCFG_E_MEM_PHYS_RANGE, object,
				     index, mem->phys_start,
				     XVC_PHYS_ADDRESS_LIMIT);
	if (!cellcfg_range_fits(mem->virt_start, mem->size,
				CELLCFG_GUEST_ADDRESS_LIMIT))
		cellcfg_report_value(rep, CELLCFG_E_MEM_VIRT_RANGE, object,
				     index, mem->virt_start,
				     CELLCFG_GUEST_ADDRESS_LIMIT);
}

static void cellcfg_report_region_pair(struct cellcfg_reporter *rep,
				       enum cellcfg_error error,
				       const struct cellcfg_cell *cell,
				       uint32_t i, uint32_t j, int guest)
{
	const struct xvc_memory_region *a = &cell->memory[i];
	const struct xvc_memory_region *b = &cell->memory[j];
	uint64_t a_start = guest ? a->virt_start : a->phys_start;
	uint64_t b_start = guest ? b->virt_start : b->phys_start;
	struct cellcfg_issue issue;

	cellcfg_issue_init(&issue, rep, error, CELLCFG_OBJ_MEMORY, i);
	cellcfg_issue_range(&issue, a_start, a_start + a->size - 1);
	issue.has |= CELLCFG_HAS_OTHER;
	issue.other_config = rep->config;
	issue.other_cell = rep->cell;
	issue.other_object = CELLCFG_OBJ_MEMORY;
	issue.other_index = j;
	issue.other_start = b_start;
	issue.other_end = b_start + b->size - 1;
	cellcfg_emit(rep, &issue);
}

/*
 * Regions of one cell must not overlap in the guest (one address, one
 * meaning) nor in the host (one page mapped twice with different rights).
 * The comm region has no host address of its own and is skipped there.
 */
static void cellcfg_check_region_overlaps(const struct cellcfg_cell *cell,
					  struct cellcfg_reporter *rep)
{
	const struct xvc_memory_region *a, *b;
	uint32_t i, j;

	for (i = 0; i < cell->num_memory; i++) {
		a = &cell->memory[i];
		if (!cellcfg_region_sane(a))
			continue;
		for (j = 0; j < i; j++) {
			b = &cell->memory[j];
			if (!cellcfg_region_sane(b))
				continue;
			if (cellcfg_ranges_overlap(a->virt_start, a->size,
						   b->virt_start, b->size))
				cellcfg_report_region_pair(rep,
					CELLCFG_E_MEM_OVERLAP_GUEST, cell,
					i, j, 1);
			if (!cellcfg_is_comm_region(a) &&
			    !cellcfg_is_comm_region(b) &&
			    cellcfg_ranges_overlap(a->phys_start, a->size,
						   b->phys_start, b->size))
				cellcfg_report_region_pair(rep,
					CELLCFG_E_MEM_OVERLAP_HOST, cell,
					i, j, 0);
		}
	}
}

static void cellcfg_check_memory(const struct cellcfg_cell *cell,
				 struct cellcfg_reporter *rep)
{
	const struct xvc_memory_region *mem;
	uint32_t comm_regions = 0;
	uint32_t i;

	for (i = 0; i < cell->num_memory; i++) {
		mem = &cell->memory[i];
		cellcfg_check_flags(mem->flags, XVC_MEM_VALID_FLAGS,
				    CELLCFG_OBJ_MEMORY, i, rep);
		if (cellcfg_is_comm_region(mem))
			cellcfg_check_comm_region(mem, i, &comm_regions, rep);
		cellcfg_check_region_addresses(mem, CELLCFG_OBJ_MEMORY, i, rep);
	}
	cellcfg_check_region_overlaps(cell, rep);
}

static void cellcfg_check_pio(const struct cellcfg_cell *cell,
			      struct cellcfg_reporter *rep)
{
	const struct xvc_pio_range *pio;
	uint32_t i;

	for (i = 0; i < cell->num_pio; i++) {
		pio = &cell->pio[i];
		if (pio->length == 0)
			cellcfg_report_value(rep, CELLCFG_E_PIO_EMPTY,
					     CELLCFG_OBJ_PIO, i, pio->start, 0);
		else if (!cellcfg_range_fits(pio->start, pio->length,
					     XVC_PIO_PORTS))
			cellcfg_report_range(rep, CELLCFG_E_PIO_RANGE,
					     CELLCFG_OBJ_PIO, i, pio->start,
					     (uint64_t)pio->start +
						pio->length - 1);
	}
}

static void cellcfg_check_msrs(const struct cellcfg_cell *cell,
			       struct cellcfg_reporter *rep)
{
	const struct xvc_msr_range *msr;
	uint32_t i;

	for (i = 0; i < cell->num_msr; i++) {
		msr = &cell->msr[i];
		if (msr->count == 0)
			cellcfg_report_value(rep, CELLCFG_E_MSR_EMPTY,
					     CELLCFG_OBJ_MSR, i, msr->first, 0);
		else if (!cellcfg_msr_sane(msr))
			cellcfg_report_range(rep, CELLCFG_E_MSR_WRAP,
					     CELLCFG_OBJ_MSR, i, msr->first,
					     (uint64_t)msr->first +
						msr->count - 1);
		if ((msr->flags & XVC_MSR_VALID_FLAGS) == 0)
			cellcfg_report_plain(rep, CELLCFG_E_MSR_NO_ACCESS,
					     CELLCFG_OBJ_MSR, i);
		cellcfg_check_flags(msr->flags, XVC_MSR_VALID_FLAGS,
				    CELLCFG_OBJ_MSR, i, rep);
		cellcfg_check_reserved(msr->reserved, CELLCFG_OBJ_MSR, i, rep);
	}
}

static void cellcfg_check_irqchips(const struct cellcfg_cell *cell,
				   struct cellcfg_reporter *rep)
{
	uint32_t i;

	for (i = 0; i < cell->num_irqchips; i++)
		cellcfg_check_reserved(cell->irqchips[i].reserved,
				       CELLCFG_OBJ_IRQCHIP, i, rep);
}

/*
 * Type, size and address checks shared by cell and debug consoles.  The
 * hypervisor drives its debug console through its direct map, so an MMIO
 * debug console has a host-physical address; a cell's console address is
 * the one its inmate uses, a guest-physical one.
 */
static void cellcfg_check_console(const struct xvc_console *con,
				  enum cellcfg_object object,
				  struct cellcfg_reporter *rep)
{
	cellcfg_check_reserved(con->reserved0 | (uint64_t)con->reserved1,
			       object, 0, rep);
	if (con->type > XVC_CON_TYPE_MAX) {
		cellcfg_report_value(rep, CELLCFG_E_CONSOLE_TYPE, object, 0,
				     con->type, XVC_CON_TYPE_MAX);
		return;
	}
	if (con->type == XVC_CON_NONE)
		return;
	if (con->size == 0) {
		cellcfg_report_value(rep, CELLCFG_E_CONSOLE_SIZE, object, 0, 0,
				     0);
		return;
	}
	if (con->type == XVC_CON_UART_8250_MMIO &&
	    object == CELLCFG_OBJ_DEBUG_CONSOLE) {
		cellcfg_check_phys_limit(con->address, con->size, object, 0,
					 rep);
		return;
	}
	if (!cellcfg_range_fits(con->address, con->size,
				con->type == XVC_CON_UART_8250_PIO ?
				XVC_PIO_PORTS : CELLCFG_GUEST_ADDRESS_LIMIT))
		cellcfg_report_value(rep, CELLCFG_E_CONSOLE_RANGE, object, 0,
				     con->address, con->size);
}

static int cellcfg_pio_granted(const struct cellcfg_cell *cell,
			       uint64_t start, uint64_t size)
{
	uint32_t i;

	for (i = 0; i < cell->num_pio; i++)
		if (cellcfg_pio_sane(&cell->pio[i]) &&
		    start >= cell->pio[i].start &&
		    start + size <= (uint64_t)cell->pio[i].start +
				    cell->pio[i].length)
			return 1;
	return 0;
}

static int cellcfg_mmio_granted(const struct cellcfg_cell *cell,
				uint64_t start, uint64_t size)
{
	const struct xvc_memory_region *mem;
	uint32_t i;

	for (i = 0; i < cell->num_memory; i++) {
		mem = &cell->memory[i];
		if (cellcfg_region_sane(mem) && (mem->flags & XVC_MEM_IO) &&
		    start >= mem->virt_start &&
		    start + size <= mem->virt_start + mem->size)
			return 1;
	}
	return 0;
}

/* A non-root cell's inmate drives its console directly: it needs access. */
static void cellcfg_check_console_granted(const struct cellcfg_cell *cell,
					  struct cellcfg_reporter *rep)
{
	const struct xvc_console *con = &cell->desc->console;
	int granted;

	if (con->size == 0)
		return;
	if (con->type == XVC_CON_UART_8250_PIO &&
	    cellcfg_range_fits(con->address, con->size, XVC_PIO_PORTS))
		granted = cellcfg_pio_granted(cell, con->address, con->size);
	else if (con->type == XVC_CON_UART_8250_MMIO &&
		 cellcfg_range_fits(con->address, con->size,
				    CELLCFG_GUEST_ADDRESS_LIMIT))
		granted = cellcfg_mmio_granted(cell, con->address, con->size);
	else
		return;
	if (!granted)
		cellcfg_report_range(rep, CELLCFG_E_CONSOLE_NOT_GRANTED,
				     CELLCFG_OBJ_CONSOLE, 0, con->address,
				     con->address + con->size - 1);
}

/* Only the guest side matters: a bad host range is reported on its own. */
static int cellcfg_guest_mapped(const struct cellcfg_cell *cell,
				uint64_t address)
{
	const struct xvc_memory_region *mem;
	uint32_t i;

	for (i = 0; i < cell->num_memory; i++) {
		mem = &cell->memory[i];
		if (address >= mem->virt_start &&
		    address - mem->virt_start < mem->size)
			return 1;
	}
	return 0;
}

/* Checks that make sense for every cell, root or not. */
static void cellcfg_check_cell_common(const struct cellcfg_cell *cell,
				      struct cellcfg_reporter *rep)
{
	const struct xvc_cell_desc *desc = cell->desc;

	cellcfg_check_flags(desc->flags, XVC_CELL_VALID_FLAGS,
			    CELLCFG_OBJ_CELL, 0, rep);
	cellcfg_check_reserved(desc->reserved, CELLCFG_OBJ_CELL, 0, rep);
	if (!cellcfg_cell_has_any_cpu(cell))
		cellcfg_report_plain(rep, CELLCFG_E_CPU_SET_EMPTY,
				     CELLCFG_OBJ_CPU_SET, 0);
	cellcfg_check_memory(cell, rep);
	cellcfg_check_pio(cell, rep);
	cellcfg_check_msrs(cell, rep);
	cellcfg_check_irqchips(cell, rep);
	cellcfg_check_pci(cell, rep);
	cellcfg_check_console(&desc->console, CELLCFG_OBJ_CONSOLE, rep);
}

/*
 * Ports no non-root cell may be granted, whatever the root has: each one
 * acts on the whole machine, not on a device a cell could own.  (The root
 * keeps them: Linux enumerates PCI and reboots the machine.)
 */
static const struct cellcfg_reserved_ports {
	uint32_t start;
	uint32_t count;
	/* ends the message: why a cell must not have them */
	const char *why;
} cellcfg_reserved_ports[] = {
	/* i8042 command port: command 0xfe pulses the CPUs' reset line */
	{ 0x64, 1, "keyboard controller reset" },
	/* bit 0 resets the CPUs, bit 1 masks address line 20 for everyone */
	{ 0x92, 1, "fast reset and A20 gate" },
	/*
	 * PCI config mechanism #1 (address 0xcf8, data 0xcfc) reaches the
	 * config space of every device, other cells' included; the
	 * chipset's reset control register sits at 0xcf9.
	 */
	{ 0xcf8, 8, "PCI config space of all devices, reset control at 0xcf9" },
};

#define CELLCFG_NUM_RESERVED_PORTS \
	(sizeof(cellcfg_reserved_ports) / sizeof(cellcfg_reserved_ports[0]))

static void cellcfg_check_reserved_ports(const struct cellcfg_cell *cell,
					 struct cellcfg_reporter *rep)
{
	const struct cellcfg_reserved_ports *res;
	const struct xvc_pio_range *pio;
	struct cellcfg_issue issue;
	uint32_t i, k;

	for (i = 0; i < cell->num_pio; i++) {
		pio = &cell->pio[i];
		if (!cellcfg_pio_sane(pio))
			continue;
		for (k = 0; k < CELLCFG_NUM_RESERVED_PORTS; k++) {
			res = &cellcfg_reserved_ports[k];
			if (!cellcfg_ranges_overlap(pio->start, pio->length,
						    res->start, res->count))
				continue;
			cellcfg_issue_init(&issue, rep, CELLCFG_E_PIO_RESERVED,
					   CELLCFG_OBJ_PIO, i);
			cellcfg_issue_range(&issue, pio->start,
					    pio->start + pio->length - 1);
			cellcfg_issue_other_range(&issue, res->start,
						  res->start + res->count - 1);
			issue.has |= CELLCFG_HAS_DETAIL;
			issue.detail = res->why;
			cellcfg_emit(rep, &issue);
		}
	}
}

/* The hypervisor maps the local APIC itself, wherever a cell looks for it. */
static void cellcfg_check_apic_window(const struct cellcfg_cell *cell,
				      struct cellcfg_reporter *rep)
{
	const struct xvc_memory_region *mem;
	struct cellcfg_issue issue;
	uint32_t i;

	for (i = 0; i < cell->num_memory; i++) {
		mem = &cell->memory[i];
		if (cellcfg_is_comm_region(mem) || !cellcfg_region_sane(mem) ||
		    !cellcfg_in_apic_window(mem))
			continue;
		cellcfg_issue_init(&issue, rep, CELLCFG_E_MEM_APIC_WINDOW,
				   CELLCFG_OBJ_MEMORY, i);
		cellcfg_issue_range(&issue, mem->phys_start,
				    mem->phys_start + mem->size - 1);
		cellcfg_issue_other_range(&issue, XVC_APIC_WINDOW_BASE,
					  XVC_APIC_WINDOW_BASE +
					  XVC_APIC_WINDOW_SIZE - 1);
		cellcfg_emit(rep, &issue);
	}
}

static void cellcfg_check_non_root(const struct cellcfg_cell *cell,
				   struct cellcfg_reporter *rep)
{
	uint64_t reset = cell->desc->reset_address;

	if (reset >= XVC_REAL_MODE_LIMIT)
		cellcfg_report_value(rep, CELLCFG_E_RESET_ADDRESS,
				     CELLCFG_OBJ_CELL, 0, reset,
				     XVC_REAL_MODE_LIMIT);
	else if (!cellcfg_guest_mapped(cell, reset))
		cellcfg_report_value(rep, CELLCFG_E_RESET_UNMAPPED,
				     CELLCFG_OBJ_CELL, 0, reset, 0);
	cellcfg_check_console_granted(cell, rep);
	cellcfg_check_apic_window(cell, rep);
	cellcfg_check_reserved_ports(cell, rep);
	cellcfg_check_pci_bridges(cell, rep);
}

static void cellcfg_check_ioapics(const struct xvc_platform *platform,
				  struct cellcfg_reporter *rep)
{
	const struct xvc_ioapic *ioapic;
	uint32_t i, j;

	if (platform->num_ioapics > XVC_MAX_IOAPICS)
		cellcfg_report_value(rep, CELLCFG_E_NUM_IOAPICS,
				     CELLCFG_OBJ_PLATFORM, 0,
				     platform->num_ioapics, XVC_MAX_IOAPICS);
	for (i = 0; i < XVC_MAX_IOAPICS; i++) {
		ioapic = &platform->ioapics[i];
		if (i >= platform->num_ioapics) {
			/* unused slots must stay zero for later revisions */
			cellcfg_check_reserved(ioapic->address |
					       ioapic->gsi_base |
					       ioapic->source_id | ioapic->id |
					       ioapic->reserved,
					       CELLCFG_OBJ_IOAPIC, i, rep);
			continue;
		}
		cellcfg_check_reserved(ioapic->reserved, CELLCFG_OBJ_IOAPIC, i,
				       rep);
		if (ioapic->address == 0 ||
		    (ioapic->address & (XVC_PAGE_SIZE - 1)))
			cellcfg_report_value(rep, CELLCFG_E_IOAPIC_ADDRESS,
					     CELLCFG_OBJ_IOAPIC, i,
					     ioapic->address, 0);
		cellcfg_check_phys_limit(ioapic->address, XVC_PAGE_SIZE,
					 CELLCFG_OBJ_IOAPIC, i, rep);
		for (j = 0; j < i; j++)
			if (platform->ioapics[j].address == ioapic->address)
				cellcfg_report_value(rep,
						     CELLCFG_E_IOAPIC_DUPLICATE,
						     CELLCFG_OBJ_IOAPIC, i,
						     ioapic->address, j);
	}
}

static void cellcfg_check_iommus(const struct xvc_platform *platform,
				 struct cellcfg_reporter *rep)
{
	const struct xvc_iommu *iommu;
	uint64_t reserved;
	uint32_t i;

	if (platform->num_iommus > XVC_MAX_IOMMUS)
		cellcfg_report_value(rep, CELLCFG_E_NUM_IOMMUS,
				     CELLCFG_OBJ_PLATFORM, 0,
				     platform->num_iommus, XVC_MAX_IOMMUS);
	for (i = 0; i < XVC_MAX_IOMMUS; i++) {
		iommu = &platform->iommus[i];
		reserved = iommu->reserved0 | iommu->reserved1 |
			(uint64_t)iommu->reserved2;
		if (i >= platform->num_iommus) {
			cellcfg_check_reserved(reserved | iommu->base |
					       iommu->size | iommu->type |
					       iommu->amd_bdf |
					       iommu->amd_cap_offset,
					       CELLCFG_OBJ_IOMMU, i, rep);
			continue;
		}
		cellcfg_check_reserved(reserved, CELLCFG_OBJ_IOMMU, i, rep);
		if (iommu->type == XVC_IOMMU_NONE ||
		    iommu->type > XVC_IOMMU_TYPE_MAX)
			cellcfg_report_value(rep, CELLCFG_E_IOMMU_TYPE,
					     CELLCFG_OBJ_IOMMU, i, iommu->type,
					     XVC_IOMMU_TYPE_MAX);
		cellcfg_check_phys_limit(iommu->base, iommu->size,
					 CELLCFG_OBJ_IOMMU, i, rep);
	}
}

static void cellcfg_check_platform(const struct xvc_platform *platform,
				   struct cellcfg_reporter *rep)
{
	cellcfg_check_reserved(platform->reserved0 | platform->reserved1,
			       CELLCFG_OBJ_PLATFORM, 0, rep);
	/* every bus takes 1 MiB of ECAM space */
	if (platform->mmconfig_base & (CELLCFG_MMCONFIG_BUS_SIZE - 1))
		cellcfg_report_value(rep, CELLCFG_E_MMCONFIG_ALIGN,
				     CELLCFG_OBJ_PLATFORM, 0,
				     platform->mmconfig_base,
				     CELLCFG_MMCONFIG_BUS_SIZE);
	if (platform->mmconfig_base)
		cellcfg_check_phys_limit(platform->mmconfig_base,
					 cellcfg_mmconfig_size(platform),
					 CELLCFG_OBJ_MMCONFIG, 0, rep);
	cellcfg_check_ioapics(platform, rep);
	cellcfg_check_iommus(platform, rep);
}

static void cellcfg_check_hypervisor_memory(const struct xvc_memory_region *hv,
					    struct cellcfg_reporter *rep)
{
	cellcfg_check_reserved(hv->virt_start | hv->flags,
			       CELLCFG_OBJ_HV_MEMORY, 0, rep);
	if (hv->size == 0) {
		cellcfg_report_plain(rep, CELLCFG_E_HV_MEM_EMPTY,
				     CELLCFG_OBJ_HV_MEMORY, 0);
		return;
	}
	cellcfg_check_region_addresses(hv, CELLCFG_OBJ_HV_MEMORY, 0, rep);
}

int cellcfg_system_has_ioapic(const struct xvc_system_desc *system,
			      uint64_t address)
{
	uint32_t i;

	for (i = 0; i < system->platform.num_ioapics && i < XVC_MAX_IOAPICS;
	     i++)
		if (system->platform.ioapics[i].address == address)
			return 1;
	return 0;
}

void cellcfg_check_irqchips_known(const struct xvc_system_desc *system,
				  const struct cellcfg_cell *cell,
				  struct cellcfg_reporter *rep)
{
	uint32_t i;

	for (i = 0; i < cell->num_irqchips; i++)
		if (!cellcfg_system_has_ioapic(system,
					       cell->irqchips[i].address))
			cellcfg_report_value(rep, CELLCFG_E_IRQCHIP_UNKNOWN,
					     CELLCFG_OBJ_IRQCHIP, i,
					     cell->irqchips[i].address, 0);
}

/* The hypervisor owns its debug console: Linux must not be given it. */
static void cellcfg_check_root_console(const struct xvc_system_desc *system,
				       const struct cellcfg_cell *root,
				       struct cellcfg_reporter *rep)
{
	const struct xvc_console *con = &system->debug_console;
	const struct xvc_memory_region *mem;
	const struct xvc_pio_range *pio;
	uint32_t i;

	if (con->type == XVC_CON_UART_8250_PIO &&
	    cellcfg_range_fits(con->address, con->size, XVC_PIO_PORTS)) {
		for (i = 0; i < root->num_pio; i++) {
			pio = &root->pio[i];
			if (cellcfg_pio_sane(pio) &&
			    cellcfg_ranges_overlap(pio->start, pio->length,
						   con->address, con->size))
				cellcfg_report_range(rep,
					CELLCFG_E_DEBUG_CONSOLE_GRANTED,
					CELLCFG_OBJ_PIO, i, pio->start,
					pio->start + pio->length - 1);
		}
	}
	if (con->type == XVC_CON_UART_8250_MMIO &&
	    cellcfg_range_fits(con->address, con->size,
			       XVC_PHYS_ADDRESS_LIMIT)) {
		for (i = 0; i < root->num_memory; i++) {
			mem = &root->memory[i];
			if (cellcfg_region_sane(mem) &&
			    cellcfg_ranges_overlap(mem->phys_start, mem->size,
						   con->address, con->size))
				cellcfg_report_range(rep,
					CELLCFG_E_DEBUG_CONSOLE_GRANTED,
					CELLCFG_OBJ_MEMORY, i, mem->phys_start,
					mem->phys_start + mem->size - 1);
		}
	}
}

static void cellcfg_check_root_memory(const struct xvc_system_desc *system,
				      const struct cellcfg_cell *root,
				      struct cellcfg_reporter *rep)
{
	const struct xvc_memory_region *hv = &system->hypervisor_memory;
	const struct xvc_memory_region *mem;
	int hv_sane = cellcfg_range_fits(hv->phys_start, hv->size,
					 XVC_PHYS_ADDRESS_LIMIT);
	uint32_t i;

	for (i = 0; i < root->num_memory; i++) {
		mem = &root->memory[i];
		if (cellcfg_is_comm_region(mem))
			cellcfg_report_plain(rep, CELLCFG_E_COMM_IN_ROOT,
					     CELLCFG_OBJ_MEMORY, i);
		else if (hv_sane && cellcfg_region_sane(mem) &&
			 cellcfg_ranges_overlap(mem->phys_start, mem->size,
						hv->phys_start, hv->size))
			cellcfg_report_range(rep, CELLCFG_E_MEM_IN_HYPERVISOR,
					     CELLCFG_OBJ_MEMORY, i,
					     mem->phys_start,
					     mem->phys_start + mem->size - 1);
	}
}

static void cellcfg_check_system_blob(const struct xvc_system_desc *system,
				      const struct cellcfg_cell *root,
				      struct cellcfg_reporter *rep)
{
	cellcfg_check_hypervisor_memory(&system->hypervisor_memory, rep);
	cellcfg_check_console(&system->debug_console,
			      CELLCFG_OBJ_DEBUG_CONSOLE, rep);
	cellcfg_check_platform(&system->platform, rep);
	cellcfg_check_cell_common(root, rep);
	if (!cellcfg_cell_has_cpu(root, 0))
		cellcfg_report_plain(rep, CELLCFG_E_ROOT_WITHOUT_CPU0,
				     CELLCFG_OBJ_CPU_SET, 0);
	cellcfg_check_root_memory(system, root, rep);
	cellcfg_check_root_console(system, root, rep);
	cellcfg_check_irqchips_known(system, root, rep);
	cellcfg_check_pci_iommus(&system->platform, root, rep);
	cellcfg_check_pci_intx_gsis(&system->platform, root, rep);
}

static uint32_t cellcfg_parse(const void *blob, uint64_t len,
			      enum cellcfg_kind kind,
			      struct cellcfg_view *view,
			      cellcfg_report_fn report, void *ctx)
{
	struct cellcfg_reporter rep = {
		.report = report,
		.ctx = ctx,
		.count = 0,
		.config = CELLCFG_CONFIG_SYSTEM,
		.cell = 0,
	};
	const uint8_t *base = blob;
	uint64_t desc_offset = sizeof(struct xvc_config_header);
	uint64_t desc_size = kind == CELLCFG_KIND_SYSTEM ?
		sizeof(struct xvc_system_desc) : sizeof(struct xvc_cell_desc);
	uint64_t size;

	cellcfg_view_init(view);
	size = cellcfg_check_header(blob, len, kind, &rep);
	if (!size)
		goto out;
	view->header = blob;
	if (size < desc_offset + desc_size) {
		cellcfg_report_value(&rep, CELLCFG_E_DESC_TRUNCATED,
				     CELLCFG_OBJ_BLOB, 0, size,
				     desc_offset + desc_size);
		goto out;
	}
	if (kind == CELLCFG_KIND_SYSTEM) {
		view->system = (const struct xvc_system_desc *)
			(base + desc_offset);
		view->cell.desc = &view->system->root_cell;
	} else {
		view->cell.desc = (const struct xvc_cell_desc *)
			(base + desc_offset);
	}
	cellcfg_check_name(&view->cell, &rep);
	if (!cellcfg_locate_arrays(base, desc_offset + desc_size, size,
				   &view->cell, &rep))
		goto out;
	view->usable = 1;

	if (kind == CELLCFG_KIND_SYSTEM) {
		cellcfg_check_system_blob(view->system, &view->cell, &rep);
	} else {
		cellcfg_check_cell_common(&view->cell, &rep);
		cellcfg_check_non_root(&view->cell, &rep);
	}
out:
	view->num_errors = rep.count;
	return rep.count;
}

uint32_t cellcfg_parse_system(const void *blob, uint64_t len,
			      struct cellcfg_view *view,
			      cellcfg_report_fn report, void *ctx)
{
	return cellcfg_parse(blob, len, CELLCFG_KIND_SYSTEM, view, report,
			     ctx);
}

uint32_t cellcfg_parse_cell(const void *blob, uint64_t len,
			    struct cellcfg_view *view,
			    cellcfg_report_fn report, void *ctx)
{
	return cellcfg_parse(blob, len, CELLCFG_KIND_CELL, view, report, ctx);
}
