/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * xvcell configuration blobs: the one definition of their binary layout.
 *
 * A configuration is a C file (configs/x86/NAME.c) whose single object, put
 * in section ".xvc_config" by XVC_CONFIG, is extracted with objcopy into a
 * NAME.cell blob.  Two kinds of blob exist:
 *
 *   system blob:  header | xvc_system_desc (ends with the root cell) | arrays
 *   cell blob:    header | xvc_cell_desc | arrays
 *
 * "arrays" are the variable-length parts of the cell that precedes them, in
 * exactly this order, each immediately after the previous one:
 *
 *   uint64_t                 cpu_set[cpu_set_size / 8]
 *   struct xvc_memory_region memory[num_memory_regions]
 *   struct xvc_pio_range     pio[num_pio_ranges]
 *   struct xvc_msr_range     msr[num_msr_ranges]
 *   struct xvc_irqchip       irqchips[num_irqchips]
 *   struct xvc_pci_device    pci[num_pci_devices]
 *
 * Every structure is a multiple of 8 bytes and every member is naturally
 * aligned, so the layout has no compiler-dependent padding; the static
 * asserts below pin the sizes.  All integers are little endian (x86).
 *
 * The driver, the hypervisor and the tools never trust a blob: each runs the
 * shared validator (lib/cellcfg) before using one.
 */
#ifndef XVCELL_CELL_CONFIG_H
#define XVCELL_CELL_CONFIG_H

#include <xvcell/types.h>

/*
 * Layout revision of the blobs; blobs of another revision are refused.
 * 2: PCI devices describe BARs, MSI/MSI-X and their IOMMU (80 bytes).
 */
#define XVC_CONFIG_REVISION	2
/* The largest blob the driver and the hypervisor accept. */
#define XVC_CONFIG_MAX_SIZE	(1U << 20)
#define XVC_ARCH_X86_64		1

#define XVC_MAGIC_LEN		8
#define XVC_SYSTEM_MAGIC	"XVCSYST"	/* 7 chars + NUL */
#define XVC_CELL_MAGIC		"XVCCELL"

struct xvc_config_header {
	char magic[XVC_MAGIC_LEN];
	uint16_t revision;
	uint16_t arch;
	/* Size of the whole blob, this header included. */
	uint32_t total_size;
};

/* --- memory ------------------------------------------------------------ */

#define XVC_MEM_READ		(1ULL << 0)
#define XVC_MEM_WRITE		(1ULL << 1)
#define XVC_MEM_EXECUTE		(1ULL << 2)
/* Devices of the cell may DMA into the region (IOMMU mapping). */
#define XVC_MEM_DMA		(1ULL << 3)
/* Device memory: mapped uncached, never scrubbed or loaded. */
#define XVC_MEM_IO		(1ULL << 4)
/*
 * The cell's communication page: phys_start must be 0 and size one page;
 * the hypervisor supplies the page and maps it at virt_start.
 */
#define XVC_MEM_COMM_REGION	(1ULL << 5)
/* The root may write the region between cell create and start (images). */
#define XVC_MEM_LOADABLE	(1ULL << 6)
/* The root keeps its mapping while the cell owns it (shared memory). */
#define XVC_MEM_ROOTSHARED	(1ULL << 7)
#define XVC_MEM_VALID_FLAGS	0xffULL

#define XVC_PAGE_SIZE		0x1000ULL

/*
 * Highest physical address + 1 that a configuration may name: memory
 * regions, the hypervisor memory, the MMCONFIG window, IOAPICs, IOMMUs and
 * the hypervisor's MMIO console.  The hypervisor reaches physical memory
 * through a direct map (to scrub cell memory, copy console text, walk guest
 * page tables, drive its UART) that must reach this far; an address beyond
 * it would make the hypervisor fault.  64 TiB is the physical address
 * width of many server CPUs.
 */
#define XVC_PHYS_ADDRESS_LIMIT	(1ULL << 46)

/*
 * The local APIC and MSI address window.  The hypervisor maps the local
 * APIC page itself and filters what is written to it, and a store anywhere
 * in the window is an interrupt message to any CPU: a cell must never own
 * any part of it, at whatever guest address.  (The root cell may list the
 * APIC page: the hypervisor decides how it is mapped.)
 */
#define XVC_APIC_WINDOW_BASE	0xfee00000ULL
#define XVC_APIC_WINDOW_SIZE	0x00100000ULL

struct xvc_memory_region {
	uint64_t phys_start;
	/* Guest-physical address of the region inside the cell. */
	uint64_t virt_start;
	uint64_t size;
	uint64_t flags;
};

/* --- I/O ports and MSRs ------------------------------------------------ */

#define XVC_PIO_PORTS		0x10000U

/* Ports [start, start + length) may be accessed directly by the cell. */
struct xvc_pio_range {
	uint32_t start;
	uint32_t length;
};

#define XVC_MSR_READ		(1U << 0)
#define XVC_MSR_WRITE		(1U << 1)
#define XVC_MSR_VALID_FLAGS	0x3U

/*
 * MSRs [first, first + count) granted to the cell with the given rights.
 * Everything not granted is intercepted; the hypervisor itself emulates only
 * the MSRs that isolation requires (APIC, EFER...), whatever this list says.
 */
struct xvc_msr_range {
	uint32_t first;
	uint32_t count;
	uint32_t flags;
	uint32_t reserved;
};

/* --- interrupts and PCI -------------------------------------------------- */

#define XVC_IRQCHIP_PINS	128

/* Pins of one IOAPIC (named by its MMIO address) granted to the cell. */
struct xvc_irqchip {
	uint64_t address;
	uint32_t pin_base;
	uint32_t reserved;
	/* Bit n of word w grants pin pin_base + 32 * w + n. */
	uint32_t pin_bitmap[XVC_IRQCHIP_PINS / 32];
};

#define XVC_PCI_TYPE_DEVICE	1
#define XVC_PCI_TYPE_BRIDGE	2

#define XVC_PCI_BDF(bus, dev, fn) \
	((uint16_t)(((bus) << 8) | ((dev) << 3) | (fn)))

/*
 * BAR slots of a device (type 0 header); a bridge (type 1 header) has
 * only slots 0 and 1.  A 64-bit memory BAR takes two slots: MEM64 with the
 * size in the first, MEM64_HIGH with size 0 in the next.  BAR addresses are
 * not configured: the owner programs them at run time and the hypervisor
 * checks where they go.
 */
#define XVC_PCI_NUM_BARS	6
#define XVC_PCI_BAR_NONE	0
#define XVC_PCI_BAR_IO		1
#define XVC_PCI_BAR_MEM32	2
#define XVC_PCI_BAR_MEM64	3
#define XVC_PCI_BAR_MEM64_HIGH	4	/* upper half of the slot before */
#define XVC_PCI_BAR_KIND_MAX	XVC_PCI_BAR_MEM64_HIGH

/* Capabilities live in the standard header's device part, 0x40-0xff. */
#define XVC_PCI_CAP_FIRST	0x40
#define XVC_PCI_CAP_LAST	0xff
/* MSI: 1, 2, 4, ... 32 vectors; MSI-X: 1 to 2048 table entries. */
#define XVC_PCI_MSI_MAX_VECTORS	32
#define XVC_PCI_MSIX_MAX_ENTRIES 2048
/* Where INTx goes (struct xvc_pci_device.intx). */
#define XVC_PCI_INTX_NONE	0
#define XVC_PCI_INTX_GSI	1
#define XVC_PCI_INTX_MAX	XVC_PCI_INTX_GSI
/* The device's DMA is translated by no IOMMU (platforms without one). */
#define XVC_PCI_NO_IOMMU	0xff

/*
 * One PCI function owned by the cell (or, in the root cell, left to
 * Linux).  A non-root cell's devices are taken from the root, which lists
 * them too; bridges stay with the root.  Config-space offsets of 0 mean
 * "no such capability", and then its other fields are 0.
 */
struct xvc_pci_device {
	uint8_t type;			/* XVC_PCI_TYPE_* */
	/* Index into the platform's iommus[], or XVC_PCI_NO_IOMMU. */
	uint8_t iommu;
	uint16_t domain;		/* PCI segment */
	/* bus << 8 | device << 3 | function */
	uint16_t bdf;
	uint8_t msi_cap;		/* config offset of the MSI capability */
	uint8_t msix_cap;		/* config offset of the MSI-X capability */
	uint8_t bar_kind[XVC_PCI_NUM_BARS];	/* XVC_PCI_BAR_* */
	/* MSI vectors the device asks for (Multiple Message Capable). */
	uint16_t num_msi_vectors;
	/* MSI-X table size in entries (16 bytes each). */
	uint16_t msix_table_entries;
	/* BAR slot and offset in the BAR of the MSI-X table and of the PBA */
	uint8_t msix_table_bar;
	uint8_t msix_pba_bar;
	/*
	 * Where the function's INTx line is wired: XVC_PCI_INTX_GSI and the
	 * GSI (an IOAPIC's gsi_base + pin; on PC platforms the firmware's
	 * routing, Linux's irq of the function), or XVC_PCI_INTX_NONE (no
	 * INTx, or not known), with intx_gsi 0.  A cell may turn the INTx of
	 * a function it owns on only if it owns that pin too.
	 */
	uint8_t intx;
	uint8_t reserved0;
	uint16_t intx_gsi;
	uint32_t msix_table_offset;
	uint32_t msix_pba_offset;
	/* Bytes each BAR decodes: a power of two, 0 for NONE and MEM64_HIGH. */
	uint64_t bar_size[XVC_PCI_NUM_BARS];
};

/* --- consoles ------------------------------------------------------------ */

#define XVC_CON_NONE		0
#define XVC_CON_UART_8250_PIO	1	/* 8250/16550 UART on I/O ports */
#define XVC_CON_UART_8250_MMIO	2	/* same, 32-bit registers in MMIO */
#define XVC_CON_TYPE_MAX	XVC_CON_UART_8250_MMIO

struct xvc_console {
	/* I/O port base or MMIO physical address. */
	uint64_t address;
	/* Number of ports, or bytes of MMIO. */
	uint32_t size;
	uint16_t type;
	uint16_t reserved0;
	/* Baud rate divisor to program; 0 leaves the firmware's setting. */
	uint32_t divider;
	uint32_t reserved1;
};

/* --- cells ----------------------------------------------------------------- */

#define XVC_CELL_NAME_LEN	32	/* including the terminating NUL */

/* The cell may print through the console hypercall. */
#define XVC_CELL_CONSOLE_HYPERCALL	(1U << 0)
/*
 * I/O ports and MSRs the cell is not granted behave as hardware that is not
 * there, instead of stopping the cell: a port reads all-ones and ignores
 * writes, an MSR raises #GP.  Nothing reaches the hardware either way.  For
 * guests that probe what they do not own, such as a stock Linux kernel
 * (legacy PIC, PIT, RTC, keyboard controller, vendor MSRs).  Non-root cells
 * only; string I/O and what the hypervisor emulates (the APIC, PCI config
 * space) keep their rules.
 */
#define XVC_CELL_ABSENT_UNGRANTED	(1U << 1)
#define XVC_CELL_VALID_FLAGS		0x3U

/*
 * Where a non-root cell's first CPU starts, in real mode: inmates built with
 * the xvcell inmate library are linked at guest-physical 0 and start at
 * their first byte (see comm-region.h).
 */
#define XVC_DEFAULT_RESET_ADDRESS	0x0ULL
#define XVC_REAL_MODE_LIMIT		0x100000ULL

struct xvc_cell_desc {
	char name[XVC_CELL_NAME_LEN];
	uint32_t flags;
	/* Bytes of the CPU bitmap that follows; a non-zero multiple of 8. */
	uint32_t cpu_set_size;
	uint32_t num_memory_regions;
	uint32_t num_pio_ranges;
	uint32_t num_msr_ranges;
	uint32_t num_irqchips;
	uint32_t num_pci_devices;
	uint32_t reserved;
	/*
	 * Guest-physical address where a non-root cell's first CPU starts in
	 * real mode (below 1 MiB); ignored for the root cell.
	 */
	uint64_t reset_address;
	/* The cell's own console, told to its inmate via the comm region. */
	struct xvc_console console;
};

/* --- the system ------------------------------------------------------------ */

#define XVC_MAX_IOAPICS		4
#define XVC_MAX_IOMMUS		8

struct xvc_ioapic {
	uint64_t address;
	uint32_t gsi_base;
	/* Requester ID used for interrupt remapping. */
	uint16_t source_id;
	uint8_t id;
	uint8_t reserved;
};

#define XVC_IOMMU_NONE		0
#define XVC_IOMMU_INTEL		1
#define XVC_IOMMU_AMD		2
#define XVC_IOMMU_TYPE_MAX	XVC_IOMMU_AMD

struct xvc_iommu {
	uint64_t base;
	uint32_t size;
	uint16_t type;
	/* AMD only: PCI function of the IOMMU and its capability offset. */
	uint16_t amd_bdf;
	uint8_t amd_cap_offset;
	uint8_t reserved0;
	uint16_t reserved1;
	uint32_t reserved2;
};

struct xvc_platform {
	/* PCI MMCONFIG (ECAM) base and last bus; base 0 = none. */
	uint64_t mmconfig_base;
	uint8_t mmconfig_end_bus;
	uint8_t num_ioapics;
	uint8_t num_iommus;
	uint8_t reserved0;
	/* ACPI PM timer port; 0 = none. */
	uint16_t pm_timer_port;
	uint16_t reserved1;
	/* Known TSC and local APIC timer frequencies; 0 = calibrate. */
	uint32_t tsc_khz;
	uint32_t apic_khz;
	struct xvc_ioapic ioapics[XVC_MAX_IOAPICS];
	struct xvc_iommu iommus[XVC_MAX_IOMMUS];
};

struct xvc_system_desc {
	/* RAM reserved for the hypervisor (virt_start and flags must be 0). */
	struct xvc_memory_region hypervisor_memory;
	/* Where the hypervisor prints; cells print there only via hypercall. */
	struct xvc_console debug_console;
	struct xvc_platform platform;
	/* The running Linux; its arrays follow this structure. */
	struct xvc_cell_desc root_cell;
};

XVC_STATIC_ASSERT(sizeof(struct xvc_config_header) == 16, "header size");
XVC_STATIC_ASSERT(sizeof(struct xvc_memory_region) == 32, "memory size");
XVC_STATIC_ASSERT(sizeof(struct xvc_pio_range) == 8, "pio size");
XVC_STATIC_ASSERT(sizeof(struct xvc_msr_range) == 16, "msr size");
XVC_STATIC_ASSERT(sizeof(struct xvc_irqchip) == 32, "irqchip size");
XVC_STATIC_ASSERT(sizeof(struct xvc_pci_device) == 80, "pci size");
XVC_STATIC_ASSERT(__builtin_offsetof(struct xvc_pci_device, bar_size) == 32,
		  "pci BAR sizes 8-byte aligned");
XVC_STATIC_ASSERT(sizeof(struct xvc_console) == 24, "console size");
XVC_STATIC_ASSERT(sizeof(struct xvc_cell_desc) == 96, "cell size");
XVC_STATIC_ASSERT(sizeof(struct xvc_ioapic) == 16, "ioapic size");
XVC_STATIC_ASSERT(sizeof(struct xvc_iommu) == 24, "iommu size");
XVC_STATIC_ASSERT(sizeof(struct xvc_platform) == 24 + 4 * 16 + 8 * 24,
		  "platform size");
XVC_STATIC_ASSERT(sizeof(struct xvc_system_desc) == 32 + 24 + 280 + 96,
		  "system size");

/* --- helpers for configuration C files ------------------------------------ */

#define XVC_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * Marks the object that becomes the .cell blob.  Put it after the object's
 * name ("} config XVC_CONFIG = {"): after a struct's closing brace GCC
 * applies it to the type and -Werror=attributes rejects "used" there.
 */
#define XVC_CONFIG		__attribute__((section(".xvc_config"), used))

#define XVC_HEADER(magic_str, blob)			\
	{						\
		.magic = magic_str,			\
		.revision = XVC_CONFIG_REVISION,	\
		.arch = XVC_ARCH_X86_64,		\
		.total_size = sizeof(blob),		\
	}
#define XVC_SYSTEM_HEADER(blob)	XVC_HEADER(XVC_SYSTEM_MAGIC, blob)
#define XVC_CELL_HEADER(blob)	XVC_HEADER(XVC_CELL_MAGIC, blob)

/* RAM of the cell at the same address in the cell as in the machine. */
#define XVC_MEM_RAM	(XVC_MEM_READ | XVC_MEM_WRITE | XVC_MEM_EXECUTE | \
			 XVC_MEM_DMA)
#define XVC_MEM_MMIO	(XVC_MEM_READ | XVC_MEM_WRITE | XVC_MEM_IO)

#define XVC_REGION_1TO1(start, len, fl)				\
	{ .phys_start = (start), .virt_start = (start),		\
	  .size = (len), .flags = (fl) }
#define XVC_REGION(phys, virt, len, fl)				\
	{ .phys_start = (phys), .virt_start = (virt),		\
	  .size = (len), .flags = (fl) }
#define XVC_COMM_REGION(virt)					\
	{ .phys_start = 0, .virt_start = (virt),		\
	  .size = XVC_PAGE_SIZE,				\
	  .flags = XVC_MEM_READ | XVC_MEM_WRITE | XVC_MEM_COMM_REGION }

#define XVC_PIO(first, len)	{ .start = (first), .length = (len) }
#define XVC_MSRS(msr, n, fl)	{ .first = (msr), .count = (n), .flags = (fl) }

#define XVC_UART_PIO(port)					\
	{ .address = (port), .size = 8, .type = XVC_CON_UART_8250_PIO }

#endif /* XVCELL_CELL_CONFIG_H */
