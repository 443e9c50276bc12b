// SPDX-License-Identifier: GPL-2.0-only
/*
 * cellcfg: turning a violation record into a one-line message.
 *
 * No vsnprintf exists in the hypervisor, so each error has a template whose
 * directives name members of the record:
 *
 *   %o  object and index          "memory region 2", and a PCI device's
 *       address                   "PCI device 0 (0000:00:0a.0)"
 *   %n  object without index      "memory region"
 *   %i  index, decimal
 *   %r  range                     "[0x3f000000-0x3f0fffff]"
 *   %R  other party's range
 *   %O  other party               "region 1" or "cell \"tiny-demo\" region 1"
 *   %C  other party's cell        "cell \"tiny-demo\"" or "the root cell"
 *   %c  this cell's name
 *   %v  value, hex    %d  value, decimal
 *   %l  limit, hex    %L  limit, decimal
 *   %s  range start, decimal
 *   %b  sub-object index, decimal (a PCI device's BAR slot)
 *   %k  kind of blob named by value (system/cell), %K the other kind
 *   %w  detail text
 */
#include "cellcfg-internal.h"

struct cellcfg_out {
	char *buf;
	uint32_t size;
	uint32_t len;
};

struct cellcfg_object_name {
	const char *name;
	/* used for the other party of a conflict inside the same sentence */
	const char *short_name;
	int indexed;
};

static const struct cellcfg_object_name cellcfg_objects[CELLCFG_OBJ_COUNT] = {
	[CELLCFG_OBJ_BLOB] = { "blob", "blob", 0 },
	[CELLCFG_OBJ_CELL] = { "cell", "cell", 0 },
	[CELLCFG_OBJ_NAME] = { "cell name", "name", 0 },
	[CELLCFG_OBJ_CPU_SET] = { "CPU set", "CPU set", 0 },
	[CELLCFG_OBJ_CPU] = { "CPU", "CPU", 1 },
	[CELLCFG_OBJ_MEMORY] = { "memory region", "region", 1 },
	[CELLCFG_OBJ_PIO] = { "I/O port range", "port range", 1 },
	[CELLCFG_OBJ_MSR] = { "MSR range", "MSR range", 1 },
	[CELLCFG_OBJ_IRQCHIP] = { "irqchip", "irqchip", 1 },
	[CELLCFG_OBJ_IRQ_PIN] = { "IRQ pin", "pin", 1 },
	[CELLCFG_OBJ_PCI] = { "PCI device", "PCI device", 1 },
	[CELLCFG_OBJ_CONSOLE] = { "console", "console", 0 },
	[CELLCFG_OBJ_HV_MEMORY] = { "hypervisor memory", "hypervisor memory",
				    0 },
	[CELLCFG_OBJ_DEBUG_CONSOLE] = { "debug console", "debug console", 0 },
	[CELLCFG_OBJ_PLATFORM] = { "platform", "platform", 0 },
	[CELLCFG_OBJ_IOAPIC] = { "IOAPIC", "IOAPIC", 1 },
	[CELLCFG_OBJ_IOMMU] = { "IOMMU", "IOMMU", 1 },
	[CELLCFG_OBJ_MMCONFIG] = { "MMCONFIG window", "MMCONFIG window", 0 },
};

struct cellcfg_error_text {
	const char *id;
	const char *template;
};

static const struct cellcfg_error_text cellcfg_errors[CELLCFG_E_COUNT] = {
	[CELLCFG_OK] = { "ok", "no error" },
	[CELLCFG_E_MISALIGNED] = { "misaligned",
		"blob is not 8-byte aligned in memory" },
	[CELLCFG_E_TOO_SHORT] = { "too-short",
		"blob has %d bytes, fewer than the %L-byte header" },
	[CELLCFG_E_BAD_MAGIC] = { "bad-magic",
		"bad magic: not an xvcell %k configuration" },
	[CELLCFG_E_WRONG_KIND] = { "wrong-kind",
		"is a %K configuration, expected a %k configuration" },
	[CELLCFG_E_REVISION] = { "revision",
		"configuration revision %d, expected %L (written for another release of xvcell: rebuild it from its .c file)" },
	[CELLCFG_E_ARCH] = { "arch", "architecture %d, expected %L" },
	[CELLCFG_E_TRUNCATED] = { "truncated",
		"truncated: %d bytes, but total_size is %L" },
	[CELLCFG_E_DESC_TRUNCATED] = { "desc-truncated",
		"total_size %d cannot hold the %L bytes of header and descriptor" },
	[CELLCFG_E_CPU_SET_SIZE] = { "cpu-set-size",
		"cpu_set_size %d is not a non-zero multiple of 8" },
	[CELLCFG_E_TOO_MANY] = { "too-many",
		"%n count %d exceeds the limit of %L" },
	[CELLCFG_E_ARRAYS_OVERRUN] = { "arrays-overrun",
		"arrays end at byte %d, past total_size %L" },
	[CELLCFG_E_TRAILING_DATA] = { "trailing-data",
		"trailing data: %d bytes, but total_size is %L" },
	[CELLCFG_E_ARRAYS_UNDERRUN] = { "arrays-underrun",
		"arrays end at byte %d, but total_size is %L" },
	[CELLCFG_E_NAME_UNTERMINATED] = { "name-unterminated",
		"cell name is not NUL-terminated (at most %L characters)" },
	[CELLCFG_E_NAME_EMPTY] = { "name-empty", "cell name is empty" },
	[CELLCFG_E_NAME_UNPRINTABLE] = { "name-unprintable",
		"cell name has unprintable character %v at position %i" },
	[CELLCFG_E_FLAGS] = { "flags", "%o has unknown flag bits %v" },
	[CELLCFG_E_RESERVED] = { "reserved",
		"%o: reserved field or unused slot is not zero (%v)" },
	[CELLCFG_E_CPU_SET_EMPTY] = { "cpu-set-empty", "CPU set is empty" },
	[CELLCFG_E_ROOT_WITHOUT_CPU0] = { "root-without-cpu0",
		"CPU set of the root cell lacks CPU 0" },
	[CELLCFG_E_RESET_ADDRESS] = { "reset-address",
		"reset address %v is not below 1 MiB" },
	[CELLCFG_E_RESET_UNMAPPED] = { "reset-unmapped",
		"reset address %v is not inside a memory region of the cell" },
	[CELLCFG_E_MEM_EMPTY] = { "mem-empty", "%o has size 0" },
	[CELLCFG_E_MEM_UNALIGNED] = { "mem-unaligned",
		"%o %r is not page-aligned (phys, virt and size must be)" },
	[CELLCFG_E_MEM_PHYS_RANGE] = { "mem-phys-range",
		"%o: physical range from %v wraps or passes the physical address limit %l" },
	[CELLCFG_E_MEM_VIRT_RANGE] = { "mem-virt-range",
		"%o: guest range from %v wraps or passes the guest address limit %l" },
	[CELLCFG_E_MEM_OVERLAP_GUEST] = { "mem-overlap-guest",
		"%o guest range %r overlaps %O %R" },
	[CELLCFG_E_MEM_OVERLAP_HOST] = { "mem-overlap-host",
		"%o physical range %r overlaps %O %R" },
	[CELLCFG_E_COMM_PHYS] = { "comm-phys",
		"%o: comm region phys_start must be 0, not %v" },
	[CELLCFG_E_COMM_SIZE] = { "comm-size",
		"%o: comm region size must be one page, not %v" },
	[CELLCFG_E_COMM_FLAGS] = { "comm-flags",
		"%o: comm region may only be READ|WRITE|COMM_REGION, has extra flags %v" },
	[CELLCFG_E_COMM_DUPLICATE] = { "comm-duplicate",
		"%o is a second comm region" },
	[CELLCFG_E_COMM_IN_ROOT] = { "comm-in-root",
		"%o: the root cell cannot have a comm region" },
	[CELLCFG_E_PIO_EMPTY] = { "pio-empty", "%o at port %v has length 0" },
	[CELLCFG_E_PIO_RANGE] = { "pio-range", "%o %r passes port 0xffff" },
	[CELLCFG_E_MSR_EMPTY] = { "msr-empty", "%o at MSR %v has count 0" },
	[CELLCFG_E_MSR_WRAP] = { "msr-wrap", "%o %r passes MSR 0xffffffff" },
	[CELLCFG_E_MSR_NO_ACCESS] = { "msr-no-access",
		"%o grants neither read nor write" },
	[CELLCFG_E_CONSOLE_TYPE] = { "console-type",
		"%o type %d is unknown (highest is %L)" },
	[CELLCFG_E_CONSOLE_SIZE] = { "console-size", "%o size is 0" },
	[CELLCFG_E_CONSOLE_RANGE] = { "console-range",
		"%o at %v with size %L is out of range" },
	[CELLCFG_E_CONSOLE_NOT_GRANTED] = { "console-not-granted",
		"%o %r is not accessible to the cell" },
	[CELLCFG_E_PCI_TYPE] = { "pci-type", "%o type %d is unknown" },
	[CELLCFG_E_PCI_DUPLICATE] = { "pci-duplicate",
		"%o repeats PCI device %L of the cell" },
	[CELLCFG_E_PCI_BAR_KIND] = { "pci-bar-kind",
		"%o BAR %b kind %d is unknown" },
	[CELLCFG_E_PCI_BAR_SIZE] = { "pci-bar-size",
		"%o BAR %b size %v: must be %w" },
	[CELLCFG_E_PCI_BAR_PAIR] = { "pci-bar-pair", "%o BAR %b: %w" },
	[CELLCFG_E_PCI_BRIDGE_BAR] = { "pci-bridge-bar",
		"%o is a bridge: BAR %b does not exist in its header (only BARs 0 and 1)" },
	[CELLCFG_E_PCI_CAP_OFFSET] = { "pci-cap-offset",
		"%o %w capability offset %v is not a multiple of 4 in 0x40-0xff" },
	[CELLCFG_E_PCI_MSI_VECTORS] = { "pci-msi-vectors",
		"%o MSI vector count %d: must be a power of two from 1 to %L with an MSI capability, 0 without" },
	[CELLCFG_E_PCI_MSIX_ENTRIES] = { "pci-msix-entries",
		"%o MSI-X table size %d: must be 1 to %L entries with an MSI-X capability, 0 without" },
	[CELLCFG_E_PCI_MSIX_LOCATION] = { "pci-msix-location",
		"%o MSI-X %w %r must lie 8-byte aligned inside memory BAR %b (size %l)" },
	[CELLCFG_E_PCI_IOMMU] = { "pci-iommu",
		"%o IOMMU %d: the platform has %L IOMMUs (255 = none, allowed only on a platform without IOMMUs)" },
	[CELLCFG_E_PCI_INTX] = { "pci-intx",
		"%o INTx wiring %d is unknown (0 none, %L a GSI)" },
	[CELLCFG_E_PCI_INTX_GSI] = { "pci-intx-gsi",
		"%o INTx GSI %d is on no IOAPIC of the platform" },
	[CELLCFG_E_PCI_IOMMU_FUNCTION] = { "pci-iommu-function",
		"%o is the PCI function of IOMMU %d, which the hypervisor drives: no cell may list it" },
	[CELLCFG_E_PCI_BRIDGE_IN_CELL] = { "pci-bridge-in-cell",
		"%o is a bridge: bridges stay with the root cell" },
	[CELLCFG_E_HV_MEM_EMPTY] = { "hv-mem-empty",
		"hypervisor memory has size 0" },
	[CELLCFG_E_NUM_IOAPICS] = { "num-ioapics",
		"num_ioapics %d exceeds %L" },
	[CELLCFG_E_NUM_IOMMUS] = { "num-iommus", "num_iommus %d exceeds %L" },
	[CELLCFG_E_IOAPIC_ADDRESS] = { "ioapic-address",
		"%o address %v is not a page-aligned MMIO address" },
	[CELLCFG_E_IOAPIC_DUPLICATE] = { "ioapic-duplicate",
		"%o address %v repeats IOAPIC %L" },
	[CELLCFG_E_IOMMU_TYPE] = { "iommu-type", "%o type %d is invalid" },
	[CELLCFG_E_MMCONFIG_ALIGN] = { "mmconfig-align",
		"MMCONFIG base %v is not 1 MiB aligned" },
	[CELLCFG_E_IRQCHIP_UNKNOWN] = { "irqchip-unknown",
		"%o address %v is not an IOAPIC of the system" },
	[CELLCFG_E_DEBUG_CONSOLE_GRANTED] = { "debug-console-granted",
		"%o %r gives the root cell the hypervisor's debug console" },
	[CELLCFG_E_PHYS_LIMIT] = { "phys-limit",
		"%o %r passes the physical address limit %l" },
	[CELLCFG_E_MEM_APIC_WINDOW] = { "mem-apic-window",
		"%o %r covers the local APIC window %R, which no cell may map" },
	[CELLCFG_E_PIO_RESERVED] = { "pio-reserved",
		"%o %r includes ports %R, which no cell may own: %w" },
	[CELLCFG_E_MEM_IN_HYPERVISOR] = { "mem-in-hypervisor",
		"%o %r overlaps the hypervisor memory" },
	[CELLCFG_E_MEM_OUTSIDE_ROOT] = { "mem-outside-root",
		"%o %r is not RAM of the root cell" },
	[CELLCFG_E_MEM_CONFLICT] = { "mem-conflict", "%o %r overlaps %O" },
	[CELLCFG_E_CPU0_IN_CELL] = { "cpu0-in-cell",
		"CPU 0 stays with the root cell and cannot be given to a cell" },
	[CELLCFG_E_CPU_NOT_IN_ROOT] = { "cpu-not-in-root",
		"%o is not in the root cell's CPU set" },
	[CELLCFG_E_CPU_CONFLICT] = { "cpu-conflict", "%o is also in %C" },
	[CELLCFG_E_PIO_CONFLICT] = { "pio-conflict", "%o %r overlaps %O %R" },
	[CELLCFG_E_MSR_CONFLICT] = { "msr-conflict", "%o %r overlaps %O %R" },
	[CELLCFG_E_PCI_CONFLICT] = { "pci-conflict",
		"%o is also assigned to %O" },
	[CELLCFG_E_IRQ_PIN_CONFLICT] = { "irq-pin-conflict",
		"%o: pin %s is also granted to %O" },
	[CELLCFG_E_NAME_DUPLICATE] = { "name-duplicate",
		"cell name \"%c\" is already taken by %C" },
	[CELLCFG_E_MEM_IOAPIC] = { "mem-ioapic",
		"%o %r covers the IOAPIC at %R, which no cell may map" },
	[CELLCFG_E_MEM_MMCONFIG] = { "mem-mmconfig",
		"%o %r covers the PCI MMCONFIG window %R, which no cell may map" },
	[CELLCFG_E_DEBUG_CONSOLE_IN_CELL] = { "debug-console-in-cell",
		"%o %r gives the cell the hypervisor's debug console %R" },
	[CELLCFG_E_PIO_OUTSIDE_ROOT] = { "pio-outside-root",
		"%o %r: port %v is not granted to the root cell" },
	[CELLCFG_E_MMIO_OUTSIDE_ROOT] = { "mmio-outside-root",
		"%o %r is not device memory (IO) of the root cell" },
	[CELLCFG_E_PCI_NOT_IN_ROOT] = { "pci-not-in-root",
		"%o is not a PCI device of the root cell, which a cell's devices come from" },
	[CELLCFG_E_PCI_MISMATCH] = { "pci-mismatch",
		"%o is described differently by %O: a cell takes the root's device as it is" },
};

static void cellcfg_put_char(struct cellcfg_out *out, char c)
{
	if (out->len + 1 < out->size)
		out->buf[out->len] = c;
	out->len++;
}

static void cellcfg_put_str(struct cellcfg_out *out, const char *s)
{
	while (*s)
		cellcfg_put_char(out, *s++);
}

static void cellcfg_put_dec(struct cellcfg_out *out, uint64_t value)
{
	char digits[20];
	uint32_t n = 0;

	do {
		digits[n++] = (char)('0' + value % 10);
		value /= 10;
	} while (value);
	while (n)
		cellcfg_put_char(out, digits[--n]);
}

static void cellcfg_put_hex_digits(struct cellcfg_out *out, uint64_t value,
				   uint32_t min_digits)
{
	static const char hex[] = "0123456789abcdef";
	uint32_t shift = 64;

	/* skip leading zeros, but keep at least min_digits */
	while (shift > 4 * min_digits && !((value >> (shift - 4)) & 0xf))
		shift -= 4;
	while (shift) {
		shift -= 4;
		cellcfg_put_char(out, hex[(value >> shift) & 0xf]);
	}
}

static void cellcfg_put_hex(struct cellcfg_out *out, uint64_t value)
{
	cellcfg_put_str(out, "0x");
	cellcfg_put_hex_digits(out, value, 1);
}

static void cellcfg_put_range(struct cellcfg_out *out, uint64_t start,
			      uint64_t end)
{
	cellcfg_put_char(out, '[');
	cellcfg_put_hex(out, start);
	cellcfg_put_char(out, '-');
	cellcfg_put_hex(out, end);
	cellcfg_put_char(out, ']');
}

/* domain:bus:device.function, as lspci -D prints it */
static void cellcfg_put_pci_address(struct cellcfg_out *out, uint32_t address)
{
	cellcfg_put_hex_digits(out, address >> 16, 4);
	cellcfg_put_char(out, ':');
	cellcfg_put_hex_digits(out, (address >> 8) & 0xff, 2);
	cellcfg_put_char(out, ':');
	cellcfg_put_hex_digits(out, (address >> 3) & 0x1f, 2);
	cellcfg_put_char(out, '.');
	cellcfg_put_hex_digits(out, address & 0x7, 1);
}

static const struct cellcfg_object_name *
cellcfg_object_name(enum cellcfg_object object)
{
	if ((uint32_t)object >= CELLCFG_OBJ_COUNT)
		object = CELLCFG_OBJ_BLOB;
	return &cellcfg_objects[object];
}

static void cellcfg_put_object(struct cellcfg_out *out,
			       enum cellcfg_object object, uint32_t index,
			       int short_name)
{
	const struct cellcfg_object_name *name = cellcfg_object_name(object);

	cellcfg_put_str(out, short_name ? name->short_name : name->name);
	if (name->indexed) {
		cellcfg_put_char(out, ' ');
		cellcfg_put_dec(out, index);
	}
}

static void cellcfg_put_cell_name(struct cellcfg_out *out, const char *name,
				  uint32_t config)
{
	if (config == CELLCFG_CONFIG_SYSTEM) {
		cellcfg_put_str(out, "the root cell");
		if (!name)
			return;
		cellcfg_put_str(out, " \"");
		cellcfg_put_str(out, name);
		cellcfg_put_char(out, '"');
		return;
	}
	cellcfg_put_str(out, "cell ");
	if (!name) {
		cellcfg_put_char(out, '#');
		cellcfg_put_dec(out, config);
		return;
	}
	cellcfg_put_char(out, '"');
	cellcfg_put_str(out, name);
	cellcfg_put_char(out, '"');
}

/* The other party: just its object when it belongs to the same blob. */
static void cellcfg_put_other(struct cellcfg_out *out,
			      const struct cellcfg_issue *issue)
{
	if (issue->other_config != issue->config) {
		cellcfg_put_cell_name(out, issue->other_cell,
				      issue->other_config);
		cellcfg_put_char(out, ' ');
	}
	cellcfg_put_object(out, issue->other_object, issue->other_index, 1);
}

static const char *cellcfg_kind_name(uint64_t kind, int other)
{
	/* 0 is a system blob, 1 a cell blob, as in cellcfg-parse.c */
	return (kind == 0) != (other != 0) ? "system" : "cell";
}

static void cellcfg_put_directive(struct cellcfg_out *out, char directive,
				  const struct cellcfg_issue *issue)
{
	switch (directive) {
	case 'o':
		cellcfg_put_object(out, issue->object, issue->index, 0);
		if (issue->has & CELLCFG_HAS_PCI) {
			cellcfg_put_str(out, " (");
			cellcfg_put_pci_address(out, issue->pci_address);
			cellcfg_put_char(out, ')');
		}
		break;
	case 'n':
		cellcfg_put_str(out, cellcfg_object_name(issue->object)->name);
		break;
	case 'i':
		cellcfg_put_dec(out, issue->index);
		break;
	case 'r':
		cellcfg_put_range(out, issue->start, issue->end);
		break;
	case 'R':
		cellcfg_put_range(out, issue->other_start, issue->other_end);
		break;
	case 'O':
		cellcfg_put_other(out, issue);
		break;
	case 'C':
		cellcfg_put_cell_name(out, issue->other_cell,
				      issue->other_config);
		break;
	case 'c':
		cellcfg_put_str(out, issue->cell ? issue->cell : "?");
		break;
	case 'v':
		cellcfg_put_hex(out, issue->value);
		break;
	case 'd':
		cellcfg_put_dec(out, issue->value);
		break;
	case 'l':
		cellcfg_put_hex(out, issue->limit);
		break;
	case 'L':
		cellcfg_put_dec(out, issue->limit);
		break;
	case 's':
		cellcfg_put_dec(out, issue->start);
		break;
	case 'b':
		cellcfg_put_dec(out, issue->sub_index);
		break;
	case 'k':
		cellcfg_put_str(out, cellcfg_kind_name(issue->value, 0));
		break;
	case 'K':
		cellcfg_put_str(out, cellcfg_kind_name(issue->value, 1));
		break;
	case 'w':
		cellcfg_put_str(out, issue->detail ? issue->detail : "?");
		break;
	default:
		cellcfg_put_char(out, '%');
		cellcfg_put_char(out, directive);
		break;
	}
}

static const struct cellcfg_error_text *
cellcfg_error_text(enum cellcfg_error error)
{
	if ((uint32_t)error >= CELLCFG_E_COUNT || !cellcfg_errors[error].id)
		return 0;
	return &cellcfg_errors[error];
}

uint32_t cellcfg_format(const struct cellcfg_issue *issue, char *buf,
			uint32_t size)
{
	const struct cellcfg_error_text *text = cellcfg_error_text(issue->error);
	struct cellcfg_out out = { .buf = buf, .size = size, .len = 0 };
	const char *t;

	if (!text) {
		cellcfg_put_str(&out, "unknown error ");
		cellcfg_put_dec(&out, (uint32_t)issue->error);
	} else {
		for (t = text->template; *t; t++) {
			if (*t == '%' && t[1])
				cellcfg_put_directive(&out, *++t, issue);
			else
				cellcfg_put_char(&out, *t);
		}
	}
	if (size)
		buf[out.len < size ? out.len : size - 1] = '\0';
	return out.len;
}

const char *cellcfg_error_id(enum cellcfg_error error)
{
	const struct cellcfg_error_text *text = cellcfg_error_text(error);

	return text ? text->id : "unknown";
}
