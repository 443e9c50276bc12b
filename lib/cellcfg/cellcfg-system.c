// SPDX-License-Identifier: GPL-2.0-only
/*
 * cellcfg: checks between one system blob and the cell blobs meant to run
 * on it at the same time.
 *
 * The rules, and why:
 *  - Cell names are unique (root included): the tools address cells by name.
 *  - A non-root cell's CPUs come from the root cell, so each must be in the
 *    root's CPU set; CPU 0 never leaves the root, which needs it to keep
 *    Linux (and the hypervisor's management path) alive.
 *  - CPUs, I/O ports, MSR grants, PCI devices and IOAPIC pins of non-root
 *    cells are disjoint: each is given to one cell at a time.  The one
 *    exception is the platform's ACPI PM timer, a read-only counter that
 *    inmates calibrate their clocks against: any cell may read it.  (The root
 *    lists what Linux may use; the hypervisor takes a cell's share away from
 *    the root while the cell exists, so overlap with the root is expected.)
 *  - A non-root cell's RAM comes from the root's RAM, its device memory
 *    (IO regions) from the root's device memory, its I/O ports from the
 *    root's ports, and never from the hypervisor's memory.  Memory of two
 *    non-root cells is disjoint unless both regions are marked ROOTSHARED
 *    (deliberate shared memory).
 *  - What the hypervisor drives itself stays out of every non-root cell:
 *    the IOAPICs (the hypervisor filters what the root writes there), the
 *    MMCONFIG window (config space of every PCI device) and the debug
 *    console, ports or MMIO.  The root may list the first two; the
 *    hypervisor decides how they are mapped.  (The local APIC window and
 *    the machine-wide ports of cellcfg-parse.c need no system view.)
 *  - Interrupt chips named by a cell are IOAPICs of the system.
 *  - PCI devices: see cellcfg-pci.c.
 */
#include "cellcfg-internal.h"

/* Index of cells[] in records: CELLCFG_CONFIG_SYSTEM is the system blob. */
static void cellcfg_rep_for(struct cellcfg_reporter *rep, uint32_t config,
			    const struct cellcfg_cell *cell)
{
	rep->config = config;
	rep->cell = cell->name;
}

static void cellcfg_report_conflict(struct cellcfg_reporter *rep,
				    enum cellcfg_error error,
				    enum cellcfg_object object, uint32_t index,
				    uint64_t start, uint64_t end,
				    uint32_t other_config,
				    const struct cellcfg_cell *other,
				    uint32_t other_index,
				    uint64_t other_start, uint64_t other_end)
{
	struct cellcfg_issue issue;

	cellcfg_issue_init(&issue, rep, error, object, index);
	cellcfg_issue_range(&issue, start, end);
	issue.has |= CELLCFG_HAS_OTHER;
	issue.other_config = other_config;
	issue.other_cell = other->name;
	issue.other_object = object;
	issue.other_index = other_index;
	issue.other_start = other_start;
	issue.other_end = other_end;
	cellcfg_emit(rep, &issue);
}

static void cellcfg_check_names(const struct cellcfg_view *system,
				const struct cellcfg_view *cells,
				uint32_t num_cells,
				struct cellcfg_reporter *rep)
{
	const struct cellcfg_cell *cell, *other;
	uint32_t i, j;

	for (i = 0; i < num_cells; i++) {
		cell = &cells[i].cell;
		if (!cellcfg_is_cell_view(&cells[i]) || !cell->name)
			continue;
		cellcfg_rep_for(rep, i + 1, cell);
		/* j == 0 stands for the root cell, j > 0 for cells[j - 1] */
		for (j = 0; j <= i; j++) {
			if (j && !cellcfg_is_cell_view(&cells[j - 1]))
				continue;
			other = j ? &cells[j - 1].cell : &system->cell;
			if (!other->name || !cellcfg_streq(cell->name,
							   other->name))
				continue;
			cellcfg_report_conflict(rep, CELLCFG_E_NAME_DUPLICATE,
						CELLCFG_OBJ_NAME, 0, 0, 0, j,
						other, 0, 0, 0);
			break;
		}
	}
}

static void cellcfg_check_cpus(const struct cellcfg_cell *root,
			       const struct cellcfg_view *cells, uint32_t i,
			       struct cellcfg_reporter *rep)
{
	const struct cellcfg_cell *cell = &cells[i].cell;
	uint64_t word, cpu;
	uint32_t w, b, j;

	for (w = 0; w < cell->cpu_set_words; w++) {
		word = cell->cpu_set[w];
		for (b = 0; b < 64; b++) {
			if (!((word >> b) & 1))
				continue;
			cpu = (uint64_t)w * 64 + b;
			if (cpu == 0)
				cellcfg_report_plain(rep, CELLCFG_E_CPU0_IN_CELL,
						     CELLCFG_OBJ_CPU, 0);
			else if (!cellcfg_cell_has_cpu(root, cpu))
				cellcfg_report_plain(rep,
						     CELLCFG_E_CPU_NOT_IN_ROOT,
						     CELLCFG_OBJ_CPU,
						     (uint32_t)cpu);
			for (j = 0; j < i; j++) {
				if (!cellcfg_is_cell_view(&cells[j]) ||
				    !cellcfg_cell_has_cpu(&cells[j].cell, cpu))
					continue;
				cellcfg_report_conflict(rep,
					CELLCFG_E_CPU_CONFLICT, CELLCFG_OBJ_CPU,
					(uint32_t)cpu, cpu, cpu, j + 1,
					&cells[j].cell, (uint32_t)cpu, cpu,
					cpu);
			}
		}
	}
}

/* Does a root region count as memory of this kind (RAM, or device memory)? */
static int cellcfg_is_kind(const struct xvc_memory_region *mem, int io)
{
	if (cellcfg_is_comm_region(mem))
		return 0;
	return io ? (mem->flags & XVC_MEM_IO) != 0 : cellcfg_is_ram(mem);
}

/*
 * Is [start, start + size) covered by the root's regions of one kind
 * together (RAM, or IO for device memory)?  Adjacent regions may share it.
 */
static int cellcfg_root_has_memory(const struct cellcfg_cell *root,
				   uint64_t start, uint64_t size, int io)
{
	const struct xvc_memory_region *mem;
	uint64_t pos = start, end = start + size;
	uint32_t i;
	int advanced = 1;

	/* Each pass moves pos to the end of a region containing it. */
	while (pos < end && advanced) {
		advanced = 0;
		for (i = 0; i < root->num_memory; i++) {
			mem = &root->memory[i];
			if (cellcfg_is_kind(mem, io) && cellcfg_region_sane(mem) &&
			    pos >= mem->phys_start &&
			    pos - mem->phys_start < mem->size) {
				pos = mem->phys_start + mem->size;
				advanced = 1;
				break;
			}
		}
	}
	return pos >= end;
}

/* The first of ports [start, end) that the root is not granted, or end. */
static uint64_t cellcfg_first_port_not_root(const struct cellcfg_cell *root,
					    uint64_t start, uint64_t end)
{
	const struct xvc_pio_range *pio;
	uint64_t pos = start;
	uint32_t i;
	int advanced = 1;

	/* As cellcfg_root_has_memory(): adjacent ranges may share the span. */
	while (pos < end && advanced) {
		advanced = 0;
		for (i = 0; i < root->num_pio; i++) {
			pio = &root->pio[i];
			if (cellcfg_pio_sane(pio) && pos >= pio->start &&
			    pos - pio->start < pio->length) {
				pos = (uint64_t)pio->start + pio->length;
				advanced = 1;
				break;
			}
		}
	}
	return pos < end ? pos : end;
}

/*
 * Report @error if region @r's host range covers part of [start, start +
 * size), a range of the machine; returns non-zero if it did.
 */
static int cellcfg_check_kept_range(struct cellcfg_reporter *rep,
				    enum cellcfg_error error,
				    const struct xvc_memory_region *mem,
				    uint32_t r, uint64_t start, uint64_t size)
{
	struct cellcfg_issue issue;

	if (!size || !cellcfg_range_fits(start, size, XVC_PHYS_ADDRESS_LIMIT) ||
	    !cellcfg_ranges_overlap(mem->phys_start, mem->size, start, size))
		return 0;
	cellcfg_issue_init(&issue, rep, error, CELLCFG_OBJ_MEMORY, r);
	cellcfg_issue_range(&issue, mem->phys_start,
			    mem->phys_start + mem->size - 1);
	cellcfg_issue_other_range(&issue, start, start + size - 1);
	cellcfg_emit(rep, &issue);
	return 1;
}

/*
 * Devices the hypervisor drives itself, in a cell region: IOAPIC pages,
 * the MMCONFIG window, an MMIO debug console.  Returns non-zero if any.
 */
static int cellcfg_check_kept_devices(const struct xvc_system_desc *system,
				      const struct xvc_memory_region *mem,
				      uint32_t r, struct cellcfg_reporter *rep)
{
	const struct xvc_platform *plat = &system->platform;
	const struct xvc_console *con = &system->debug_console;
	int found = 0;
	uint32_t k;

	for (k = 0; k < plat->num_ioapics && k < XVC_MAX_IOAPICS; k++)
		found |= cellcfg_check_kept_range(rep, CELLCFG_E_MEM_IOAPIC,
						  mem, r,
						  plat->ioapics[k].address,
						  XVC_PAGE_SIZE);
	if (plat->mmconfig_base)
		found |= cellcfg_check_kept_range(rep, CELLCFG_E_MEM_MMCONFIG,
						  mem, r, plat->mmconfig_base,
						  cellcfg_mmconfig_size(plat));
	if (con->type == XVC_CON_UART_8250_MMIO)
		found |= cellcfg_check_kept_range(rep,
						  CELLCFG_E_DEBUG_CONSOLE_IN_CELL,
						  mem, r, con->address,
						  con->size);
	return found;
}

/* RAM comes from the root's RAM, device memory from its device memory. */
static void cellcfg_check_region_in_root(const struct cellcfg_cell *root,
					 const struct xvc_memory_region *mem,
					 uint32_t r, struct cellcfg_reporter *rep)
{
	int io = !cellcfg_is_ram(mem);

	if (cellcfg_root_has_memory(root, mem->phys_start, mem->size, io))
		return;
	cellcfg_report_range(rep, io ? CELLCFG_E_MMIO_OUTSIDE_ROOT :
			     CELLCFG_E_MEM_OUTSIDE_ROOT, CELLCFG_OBJ_MEMORY, r,
			     mem->phys_start, mem->phys_start + mem->size - 1);
}

static int cellcfg_regions_conflict(const struct xvc_memory_region *a,
				    const struct xvc_memory_region *b)
{
	if ((a->flags & XVC_MEM_ROOTSHARED) && (b->flags & XVC_MEM_ROOTSHARED))
		return 0;
	return cellcfg_ranges_overlap(a->phys_start, a->size, b->phys_start,
				      b->size);
}

static void cellcfg_check_memory_between(const struct cellcfg_view *cells,
					 uint32_t i, uint32_t r,
					 struct cellcfg_reporter *rep)
{
	const struct xvc_memory_region *mem = &cells[i].cell.memory[r];
	const struct xvc_memory_region *other;
	const struct cellcfg_cell *cell;
	uint32_t j, k;

	for (j = 0; j < i; j++) {
		if (!cellcfg_is_cell_view(&cells[j]))
			continue;
		cell = &cells[j].cell;
		for (k = 0; k < cell->num_memory; k++) {
			other = &cell->memory[k];
			if (cellcfg_is_comm_region(other) ||
			    !cellcfg_region_sane(other) ||
			    !cellcfg_regions_conflict(mem, other))
				continue;
			cellcfg_report_conflict(rep, CELLCFG_E_MEM_CONFLICT,
				CELLCFG_OBJ_MEMORY, r, mem->phys_start,
				mem->phys_start + mem->size - 1, j + 1, cell,
				k, other->phys_start,
				other->phys_start + other->size - 1);
		}
	}
}

static void cellcfg_check_memory(const struct cellcfg_view *system,
				 const struct cellcfg_view *cells, uint32_t i,
				 struct cellcfg_reporter *rep)
{
	const struct xvc_memory_region *hv = &system->system->hypervisor_memory;
	const struct cellcfg_cell *cell = &cells[i].cell;
	const struct xvc_memory_region *mem;
	int hv_sane = cellcfg_range_fits(hv->phys_start, hv->size,
					 XVC_PHYS_ADDRESS_LIMIT);
	uint32_t r;
	int kept;

	for (r = 0; r < cell->num_memory; r++) {
		mem = &cell->memory[r];
		if (cellcfg_is_comm_region(mem) || !cellcfg_region_sane(mem))
			continue;
		kept = cellcfg_check_kept_devices(system->system, mem, r, rep);
		if (hv_sane && cellcfg_ranges_overlap(mem->phys_start,
						      mem->size,
						      hv->phys_start, hv->size)) {
			cellcfg_report_range(rep, CELLCFG_E_MEM_IN_HYPERVISOR,
					     CELLCFG_OBJ_MEMORY, r,
					     mem->phys_start,
					     mem->phys_start + mem->size - 1);
			kept = 1;
		}
		/*
		 * Once for one cause: what the hypervisor keeps is not the
		 * root's either, and the APIC window was reported by parsing.
		 */
		if (!kept && !cellcfg_in_apic_window(mem))
			cellcfg_check_region_in_root(&system->cell, mem, r,
						     rep);
		cellcfg_check_memory_between(cells, i, r, rep);
	}
}

/* Does the debug console sit on ports, inside the port space? */
static int cellcfg_console_on_ports(const struct xvc_console *con)
{
	return con->type == XVC_CON_UART_8250_PIO && con->size &&
	       cellcfg_range_fits(con->address, con->size, XVC_PIO_PORTS);
}

/* Start a record about the cell's port range @r. */
static void cellcfg_pio_issue(struct cellcfg_reporter *rep,
			      enum cellcfg_error error, uint32_t r,
			      const struct xvc_pio_range *pio,
			      struct cellcfg_issue *issue)
{
	cellcfg_issue_init(issue, rep, error, CELLCFG_OBJ_PIO, r);
	cellcfg_issue_range(issue, pio->start,
			    (uint64_t)pio->start + pio->length - 1);
}

/* A cell's ports: never the debug console's, and all of them the root's. */
static void cellcfg_check_pio_owner(const struct cellcfg_view *system,
				    const struct cellcfg_cell *cell,
				    struct cellcfg_reporter *rep)
{
	const struct xvc_console *con = &system->system->debug_console;
	int con_on_ports = cellcfg_console_on_ports(con);
	const struct xvc_pio_range *pio;
	struct cellcfg_issue issue;
	uint64_t end, first;
	uint32_t r;

	for (r = 0; r < cell->num_pio; r++) {
		pio = &cell->pio[r];
		if (!cellcfg_pio_sane(pio))
			continue;
		/* Once for one cause: the root lacks the console too. */
		if (con_on_ports &&
		    cellcfg_ranges_overlap(pio->start, pio->length,
					   con->address, con->size)) {
			cellcfg_pio_issue(rep, CELLCFG_E_DEBUG_CONSOLE_IN_CELL,
					  r, pio, &issue);
			cellcfg_issue_other_range(&issue, con->address,
						  con->address + con->size - 1);
			cellcfg_emit(rep, &issue);
			continue;
		}
		end = (uint64_t)pio->start + pio->length;
		first = cellcfg_first_port_not_root(&system->cell, pio->start,
						    end);
		if (first == end)
			continue;
		cellcfg_pio_issue(rep, CELLCFG_E_PIO_OUTSIDE_ROOT, r, pio,
				  &issue);
		issue.has |= CELLCFG_HAS_VALUE;
		issue.value = first;
		cellcfg_emit(rep, &issue);
	}
}

/* Width of the ACPI PM timer register, in ports. */
#define CELLCFG_PM_TIMER_PORTS	4

/* Do the two (sane) port ranges share a port other than the PM timer's? */
static int cellcfg_pio_conflict(const struct xvc_pio_range *a,
				const struct xvc_pio_range *b,
				uint32_t pm_timer_port)
{
	uint64_t start = a->start > b->start ? a->start : b->start;
	uint64_t a_end = (uint64_t)a->start + a->length;
	uint64_t b_end = (uint64_t)b->start + b->length;
	uint64_t end = a_end < b_end ? a_end : b_end;

	if (start >= end)
		return 0;
	return !(pm_timer_port && start >= pm_timer_port &&
		 end <= (uint64_t)pm_timer_port + CELLCFG_PM_TIMER_PORTS);
}

static void cellcfg_check_pio_between(const struct cellcfg_view *cells,
				      uint32_t i, uint32_t pm_timer_port,
				      struct cellcfg_reporter *rep)
{
	const struct cellcfg_cell *cell = &cells[i].cell, *other;
	const struct xvc_pio_range *a, *b;
	uint32_t r, j, k;

	for (r = 0; r < cell->num_pio; r++) {
		a = &cell->pio[r];
		if (!cellcfg_pio_sane(a))
			continue;
		for (j = 0; j < i; j++) {
			if (!cellcfg_is_cell_view(&cells[j]))
				continue;
			other = &cells[j].cell;
			for (k = 0; k < other->num_pio; k++) {
				b = &other->pio[k];
				if (!cellcfg_pio_sane(b) ||
				    !cellcfg_pio_conflict(a, b, pm_timer_port))
					continue;
				cellcfg_report_conflict(rep,
					CELLCFG_E_PIO_CONFLICT, CELLCFG_OBJ_PIO,
					r, a->start, a->start + a->length - 1,
					j + 1, other, k, b->start,
					b->start + b->length - 1);
			}
		}
	}
}

static void cellcfg_check_msr_between(const struct cellcfg_view *cells,
				      uint32_t i, struct cellcfg_reporter *rep)
{
	const struct cellcfg_cell *cell = &cells[i].cell, *other;
	const struct xvc_msr_range *a, *b;
	uint32_t r, j, k;

	for (r = 0; r < cell->num_msr; r++) {
		a = &cell->msr[r];
		if (!cellcfg_msr_sane(a))
			continue;
		for (j = 0; j < i; j++) {
			if (!cellcfg_is_cell_view(&cells[j]))
				continue;
			other = &cells[j].cell;
			for (k = 0; k < other->num_msr; k++) {
				b = &other->msr[k];
				if (!cellcfg_msr_sane(b) ||
				    !cellcfg_ranges_overlap(a->first, a->count,
							    b->first, b->count))
					continue;
				cellcfg_report_conflict(rep,
					CELLCFG_E_MSR_CONFLICT, CELLCFG_OBJ_MSR,
					r, a->first,
					(uint64_t)a->first + a->count - 1,
					j + 1, other, k, b->first,
					(uint64_t)b->first + b->count - 1);
			}
		}
	}
}

/* The first pin of @a that @b grants too, or -1. */
static int64_t cellcfg_first_shared_pin(const struct xvc_irqchip *a,
					const struct xvc_irqchip *b)
{
	uint64_t pin;
	uint32_t k;

	if (a->address != b->address)
		return -1;
	for (k = 0; k < XVC_IRQCHIP_PINS; k++) {
		pin = (uint64_t)a->pin_base + k;
		if (cellcfg_irqchip_has_pin(a, pin) &&
		    cellcfg_irqchip_has_pin(b, pin))
			return (int64_t)pin;
	}
	return -1;
}

static void cellcfg_check_pins_between(const struct cellcfg_view *cells,
				       uint32_t i,
				       struct cellcfg_reporter *rep)
{
	const struct cellcfg_cell *cell = &cells[i].cell, *other;
	int64_t pin;
	uint32_t r, j, k;

	for (r = 0; r < cell->num_irqchips; r++) {
		for (j = 0; j < i; j++) {
			if (!cellcfg_is_cell_view(&cells[j]))
				continue;
			other = &cells[j].cell;
			for (k = 0; k < other->num_irqchips; k++) {
				pin = cellcfg_first_shared_pin(
					&cell->irqchips[r], &other->irqchips[k]);
				if (pin < 0)
					continue;
				cellcfg_report_conflict(rep,
					CELLCFG_E_IRQ_PIN_CONFLICT,
					CELLCFG_OBJ_IRQCHIP, r,
					(uint64_t)pin, (uint64_t)pin, j + 1,
					other, k, (uint64_t)pin,
					(uint64_t)pin);
			}
		}
	}
}

uint32_t cellcfg_check_system(const struct cellcfg_view *system,
			      const struct cellcfg_view *cells,
			      uint32_t num_cells,
			      cellcfg_report_fn report, void *ctx)
{
	struct cellcfg_reporter rep = {
		.report = report,
		.ctx = ctx,
		.count = 0,
		.config = CELLCFG_CONFIG_SYSTEM,
		.cell = 0,
	};
	const struct cellcfg_cell *cell;
	uint32_t i;

	if (!system || !system->usable || !system->system)
		return 0;
	cellcfg_check_names(system, cells, num_cells, &rep);
	for (i = 0; i < num_cells; i++) {
		if (!cellcfg_is_cell_view(&cells[i]))
			continue;
		cell = &cells[i].cell;
		cellcfg_rep_for(&rep, i + 1, cell);
		cellcfg_check_cpus(&system->cell, cells, i, &rep);
		cellcfg_check_memory(system, cells, i, &rep);
		cellcfg_check_pio_owner(system, cell, &rep);
		cellcfg_check_pio_between(cells, i,
					  system->system->platform.pm_timer_port,
					  &rep);
		cellcfg_check_msr_between(cells, i, &rep);
		cellcfg_check_pci_between(system, cells, i, &rep);
		cellcfg_check_irqchips_known(system->system, cell, &rep);
		cellcfg_check_pins_between(cells, i, &rep);
	}
	return rep.count;
}
