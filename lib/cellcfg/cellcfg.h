/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cellcfg: the one parser and validator of xvcell configuration blobs.
 *
 * The same sources are built into the xvcell tool, the Linux driver and the
 * freestanding hypervisor, so this library uses no libc at all: no malloc,
 * no global state, no floating point and no recursion.  Every function is
 * reentrant; all state lives in the caller's view and in the callback's
 * context.
 *
 * Use:
 *   1. cellcfg_parse_system() or cellcfg_parse_cell() checks one blob and
 *      fills a view that points into the blob (nothing is copied, so the blob
 *      must outlive the view and must not change underneath it).
 *   2. cellcfg_check_system() checks one system view against any number of
 *      cell views: what no single blob can tell (overlaps between cells, CPUs
 *      outside the root, duplicate names...).
 *
 * Each violation is passed to the caller's callback as a structured record,
 * and checking goes on so that all violations are listed.  Only when the
 * header or the array counts are broken does parsing stop, because the rest
 * of the blob cannot then be located safely.  cellcfg_format() turns a
 * record into a one-line message.
 */
#ifndef XVCELL_CELLCFG_H
#define XVCELL_CELLCFG_H

#include <xvcell/cell-config.h>

/*
 * Highest guest-physical address + 1 a cell may use.  The hypervisor's
 * nested page tables (NPT, EPT) have four levels, which translate 48 bits:
 * a higher guest address would alias a lower one.  Host addresses have the
 * ABI's XVC_PHYS_ADDRESS_LIMIT.
 */
#define CELLCFG_GUEST_ADDRESS_LIMIT	(1ULL << 48)

/*
 * More elements than this in one array is refused: the overlap checks are
 * quadratic and a hypervisor must not be kept busy by a hostile blob.
 */
#define CELLCFG_MAX_ELEMENTS	4096U

/* Sources of blobs inside a cellcfg_check_system() call. */
#define CELLCFG_CONFIG_SYSTEM	0U	/* cells[i] is config i + 1 */

enum cellcfg_error {
	CELLCFG_OK = 0,
	/* structure: parsing stops at these */
	CELLCFG_E_MISALIGNED,		/* blob not 8-byte aligned */
	CELLCFG_E_TOO_SHORT,		/* shorter than the header */
	CELLCFG_E_BAD_MAGIC,
	CELLCFG_E_WRONG_KIND,		/* cell blob where a system was expected, ... */
	CELLCFG_E_REVISION,
	CELLCFG_E_ARCH,
	CELLCFG_E_TRUNCATED,		/* total_size > bytes available */
	CELLCFG_E_DESC_TRUNCATED,	/* total_size cannot hold the descriptor */
	CELLCFG_E_CPU_SET_SIZE,
	CELLCFG_E_TOO_MANY,		/* count > CELLCFG_MAX_ELEMENTS */
	CELLCFG_E_ARRAYS_OVERRUN,	/* arrays end past total_size */
	/* structure: parsing goes on */
	CELLCFG_E_TRAILING_DATA,	/* bytes after total_size */
	CELLCFG_E_ARRAYS_UNDERRUN,	/* total_size larger than the arrays */
	/* one blob */
	CELLCFG_E_NAME_UNTERMINATED,
	CELLCFG_E_NAME_EMPTY,
	CELLCFG_E_NAME_UNPRINTABLE,
	CELLCFG_E_FLAGS,		/* unknown flag bits */
	CELLCFG_E_RESERVED,		/* reserved field or unused slot not zero */
	CELLCFG_E_CPU_SET_EMPTY,
	CELLCFG_E_ROOT_WITHOUT_CPU0,
	CELLCFG_E_RESET_ADDRESS,	/* at or above 1 MiB */
	CELLCFG_E_RESET_UNMAPPED,	/* not inside a guest memory region */
	CELLCFG_E_MEM_EMPTY,
	CELLCFG_E_MEM_UNALIGNED,
	CELLCFG_E_MEM_PHYS_RANGE,	/* wraps or exceeds XVC_PHYS_ADDRESS_LIMIT */
	CELLCFG_E_MEM_VIRT_RANGE,
	CELLCFG_E_MEM_OVERLAP_GUEST,	/* two regions of the cell, guest side */
	CELLCFG_E_MEM_OVERLAP_HOST,	/* two regions of the cell, host side */
	CELLCFG_E_COMM_PHYS,
	CELLCFG_E_COMM_SIZE,
	CELLCFG_E_COMM_FLAGS,
	CELLCFG_E_COMM_DUPLICATE,
	CELLCFG_E_COMM_IN_ROOT,
	CELLCFG_E_PIO_EMPTY,
	CELLCFG_E_PIO_RANGE,
	CELLCFG_E_MSR_EMPTY,
	CELLCFG_E_MSR_WRAP,
	CELLCFG_E_MSR_NO_ACCESS,
	CELLCFG_E_CONSOLE_TYPE,
	CELLCFG_E_CONSOLE_SIZE,
	CELLCFG_E_CONSOLE_RANGE,
	CELLCFG_E_CONSOLE_NOT_GRANTED,	/* cell console outside the cell's grants */
	CELLCFG_E_PCI_TYPE,
	CELLCFG_E_PCI_DUPLICATE,	/* same device twice in one cell */
	CELLCFG_E_PCI_BAR_KIND,		/* unknown BAR kind */
	CELLCFG_E_PCI_BAR_SIZE,		/* size not valid for the BAR's kind */
	CELLCFG_E_PCI_BAR_PAIR,		/* 64-bit BAR without its upper half */
	CELLCFG_E_PCI_BRIDGE_BAR,	/* bridge BAR slot 2-5 used */
	CELLCFG_E_PCI_CAP_OFFSET,	/* capability outside 0x40-0xff */
	CELLCFG_E_PCI_MSI_VECTORS,
	CELLCFG_E_PCI_MSIX_ENTRIES,
	CELLCFG_E_PCI_MSIX_LOCATION,	/* table or PBA outside its BAR */
	CELLCFG_E_PCI_IOMMU,		/* IOMMU index not of the platform */
	CELLCFG_E_PCI_INTX,		/* unknown INTx wiring kind */
	CELLCFG_E_PCI_INTX_GSI,		/* INTx GSI on no IOAPIC */
	CELLCFG_E_PCI_BRIDGE_IN_CELL,	/* bridges stay with the root */
	CELLCFG_E_PCI_IOMMU_FUNCTION,	/* an AMD-Vi unit's own function */
	CELLCFG_E_HV_MEM_EMPTY,
	CELLCFG_E_NUM_IOAPICS,
	CELLCFG_E_NUM_IOMMUS,
	CELLCFG_E_IOAPIC_ADDRESS,
	CELLCFG_E_IOAPIC_DUPLICATE,
	CELLCFG_E_IOMMU_TYPE,
	CELLCFG_E_MMCONFIG_ALIGN,
	CELLCFG_E_IRQCHIP_UNKNOWN,	/* address is not one of the system's IOAPICs */
	CELLCFG_E_DEBUG_CONSOLE_GRANTED, /* root cell given the hypervisor's console */
	CELLCFG_E_PHYS_LIMIT,		/* device beyond XVC_PHYS_ADDRESS_LIMIT */
	CELLCFG_E_MEM_APIC_WINDOW,	/* cell region in the local APIC window */
	CELLCFG_E_PIO_RESERVED,		/* cell granted a port no cell may own */
	/* between blobs (cellcfg_check_system) */
	CELLCFG_E_MEM_IN_HYPERVISOR,
	CELLCFG_E_MEM_OUTSIDE_ROOT,
	CELLCFG_E_MEM_CONFLICT,
	CELLCFG_E_CPU0_IN_CELL,
	CELLCFG_E_CPU_NOT_IN_ROOT,
	CELLCFG_E_CPU_CONFLICT,
	CELLCFG_E_PIO_CONFLICT,
	CELLCFG_E_MSR_CONFLICT,
	CELLCFG_E_PCI_CONFLICT,
	CELLCFG_E_IRQ_PIN_CONFLICT,
	CELLCFG_E_NAME_DUPLICATE,
	CELLCFG_E_MEM_IOAPIC,		/* cell region over an IOAPIC page */
	CELLCFG_E_MEM_MMCONFIG,		/* cell region over the MMCONFIG window */
	CELLCFG_E_DEBUG_CONSOLE_IN_CELL, /* cell given the hypervisor's console */
	CELLCFG_E_PIO_OUTSIDE_ROOT,	/* cell port the root is not granted */
	CELLCFG_E_MMIO_OUTSIDE_ROOT,	/* cell IO region not the root's IO */
	CELLCFG_E_PCI_NOT_IN_ROOT,	/* cell device the root does not list */
	CELLCFG_E_PCI_MISMATCH,		/* root describes the device otherwise */
	CELLCFG_E_COUNT
};

/* What a record is about; the index counts within that kind. */
enum cellcfg_object {
	CELLCFG_OBJ_BLOB,
	CELLCFG_OBJ_CELL,
	CELLCFG_OBJ_NAME,
	CELLCFG_OBJ_CPU_SET,
	CELLCFG_OBJ_CPU,		/* index is the CPU number */
	CELLCFG_OBJ_MEMORY,
	CELLCFG_OBJ_PIO,
	CELLCFG_OBJ_MSR,
	CELLCFG_OBJ_IRQCHIP,
	CELLCFG_OBJ_IRQ_PIN,		/* index is the pin number */
	CELLCFG_OBJ_PCI,
	CELLCFG_OBJ_CONSOLE,
	CELLCFG_OBJ_HV_MEMORY,
	CELLCFG_OBJ_DEBUG_CONSOLE,
	CELLCFG_OBJ_PLATFORM,
	CELLCFG_OBJ_IOAPIC,
	CELLCFG_OBJ_IOMMU,
	CELLCFG_OBJ_MMCONFIG,
	CELLCFG_OBJ_COUNT
};

/* cellcfg_issue.has: which optional members are meaningful */
#define CELLCFG_HAS_RANGE	(1U << 0)	/* start..end */
#define CELLCFG_HAS_VALUE	(1U << 1)	/* value */
#define CELLCFG_HAS_LIMIT	(1U << 2)	/* limit */
#define CELLCFG_HAS_OTHER	(1U << 3)	/* other_* */
#define CELLCFG_HAS_DETAIL	(1U << 4)	/* detail */
/* other_start..other_end only: a range of the machine, not of a config */
#define CELLCFG_HAS_OTHER_RANGE	(1U << 5)
#define CELLCFG_HAS_SUB		(1U << 6)	/* sub_index */
#define CELLCFG_HAS_PCI		(1U << 7)	/* pci_address */

/* One violation. */
struct cellcfg_issue {
	enum cellcfg_error error;
	enum cellcfg_object object;
	uint32_t index;
	uint32_t has;
	/*
	 * Which blob: always CELLCFG_CONFIG_SYSTEM (0) from the parse
	 * functions, i + 1 for cells[i] from cellcfg_check_system().
	 */
	uint32_t config;
	/* Name of that blob's cell; NULL while it is not a valid string. */
	const char *cell;
	/* Inclusive range the record is about (addresses, ports, MSRs). */
	uint64_t start;
	uint64_t end;
	/* The offending value (flag bits, size, count...) and its limit. */
	uint64_t value;
	uint64_t limit;
	/* The other party of a conflict. */
	uint32_t other_config;
	enum cellcfg_object other_object;
	uint32_t other_index;
	const char *other_cell;
	uint64_t other_start;
	uint64_t other_end;
	/* Why the other range matters, when no code says it (static text). */
	const char *detail;
	/* A part of the object: the BAR slot of a PCI device. */
	uint32_t sub_index;
	/* A PCI device's address: domain << 16 | bus << 8 | dev << 3 | fn. */
	uint32_t pci_address;
};

typedef void (*cellcfg_report_fn)(const struct cellcfg_issue *issue, void *ctx);

/* One cell's descriptor and arrays, pointing into the blob. */
struct cellcfg_cell {
	const struct xvc_cell_desc *desc;
	/* desc->name when it is a valid name, else NULL */
	const char *name;
	const uint64_t *cpu_set;
	uint32_t cpu_set_words;
	uint32_t num_memory;
	const struct xvc_memory_region *memory;
	uint32_t num_pio;
	const struct xvc_pio_range *pio;
	uint32_t num_msr;
	const struct xvc_msr_range *msr;
	uint32_t num_irqchips;
	const struct xvc_irqchip *irqchips;
	uint32_t num_pci;
	const struct xvc_pci_device *pci;
};

struct cellcfg_view {
	const struct xvc_config_header *header;
	/* NULL for a cell blob */
	const struct xvc_system_desc *system;
	/* The cell of a cell blob, the root cell of a system blob. */
	struct cellcfg_cell cell;
	/* Violations found by the parse function. */
	uint32_t num_errors;
	/*
	 * Non-zero when the header, descriptor and arrays all lie inside the
	 * blob, i.e. every pointer above may be dereferenced, even if other
	 * violations were found.
	 */
	uint32_t usable;
};

/*
 * Check a system blob of @len bytes at @blob (8-byte aligned) and describe
 * it in @view (must not be NULL).  Each violation is passed to @report (may
 * be NULL) with @ctx.  Returns the number of violations; 0 means the blob is
 * valid on its own.  Never reads outside [blob, blob + len).
 */
uint32_t cellcfg_parse_system(const void *blob, uint64_t len,
			      struct cellcfg_view *view,
			      cellcfg_report_fn report, void *ctx);

/* The same for a (non-root) cell blob. */
uint32_t cellcfg_parse_cell(const void *blob, uint64_t len,
			    struct cellcfg_view *view,
			    cellcfg_report_fn report, void *ctx);

/*
 * Check that @system and the @num_cells cell views in @cells (all produced
 * by the parse functions) can run together.  Views that are not usable are
 * skipped.  A conflict is reported on the later of the two cells, naming
 * the earlier one: to vet a cell about to be created, pass the existing
 * cells first and the new one last.  Returns the number of violations.
 */
uint32_t cellcfg_check_system(const struct cellcfg_view *system,
			      const struct cellcfg_view *cells,
			      uint32_t num_cells,
			      cellcfg_report_fn report, void *ctx);

/* Non-zero if @cpu is in the cell's CPU set. */
int cellcfg_cell_has_cpu(const struct cellcfg_cell *cell, uint64_t cpu);

/* Is IOAPIC pin @pin granted by @chip? */
static inline int cellcfg_irqchip_has_pin(const struct xvc_irqchip *chip,
					  uint64_t pin)
{
	uint64_t bit;

	if (pin < chip->pin_base || pin - chip->pin_base >= XVC_IRQCHIP_PINS)
		return 0;
	bit = pin - chip->pin_base;
	return (chip->pin_bitmap[bit / 32] >> (bit % 32)) & 1;
}

/*
 * Write a one-line description of @issue (without file name or newline) to
 * @buf of @size bytes, always NUL-terminated when @size > 0, truncated if
 * needed.  Returns the length of the full message, like snprintf.
 */
uint32_t cellcfg_format(const struct cellcfg_issue *issue, char *buf,
			uint32_t size);

/* Stable identifier of an error code, e.g. "mem-conflict"; for tests, JSON. */
const char *cellcfg_error_id(enum cellcfg_error error);

#endif /* XVCELL_CELLCFG_H */
