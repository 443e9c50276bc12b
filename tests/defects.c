// SPDX-License-Identifier: GPL-2.0-only
/*
 * One defect per entry, covering every error the library reports.
 *
 * Indexes used below (see configs/x86/):
 *   qemu-svm   memory 4 = RAM below the hypervisor, 5 = cell pool;
 *              pio 0 = ports 0-0x2f7; msr 0 = 0x0-0x39; irqchip 0 = IOAPIC;
 *              pci 0 = edu 00:0a.0 (BAR0 32-bit 1 MiB, MSI at 0x40, 1 vector)
 *   apic-demo  memory 0 = RAM, 1 = comm region; pio 0 = UART 0x3e8,
 *              1 = PM timer
 *   tiny-demo  memory 0 = RAM, 1 = comm region
 *   pci-demo   pci 0 = the root's edu
 */
#include <stddef.h>
#include <string.h>

#include "defects.h"

#define EDIT(name, body)						\
	static void edit_##name(struct cfg_parts *p)			\
	{								\
		struct xvc_cell_desc *c = cfg_desc(p);			\
		(void)c;						\
		body;							\
	}

#define EDIT_BLOB(name, body)						\
	static void blob_##name(struct cfg_blob *b)			\
	{								\
		struct xvc_config_header *h = cfg_blob_header(b);	\
		struct xvc_cell_desc *c = cfg_blob_desc(b);		\
		(void)h;						\
		(void)c;						\
		body;							\
	}

static void add_region(struct cfg_parts *p, uint64_t phys, uint64_t virt,
		       uint64_t size, uint64_t flags)
{
	struct xvc_memory_region *mem = &p->memory[p->num_memory++];

	mem->phys_start = phys;
	mem->virt_start = virt;
	mem->size = size;
	mem->flags = flags;
}

static void add_pio(struct cfg_parts *p, uint32_t start, uint32_t length)
{
	p->pio[p->num_pio].start = start;
	p->pio[p->num_pio++].length = length;
}

/* The root's edu entry (qemu-svm pci 0), as a cell takes it. */
static void add_edu(struct cfg_parts *p)
{
	struct cfg_parts root;

	cfg_load("qemu-svm", &root);
	p->pci[p->num_pci++] = root.pci[0];
}

/* An MSI-X capability at 0x50 with @entries in edu's BAR0. */
static void add_msix(struct xvc_pci_device *dev, uint16_t entries,
		     uint8_t table_bar, uint32_t table_offset,
		     uint32_t pba_offset)
{
	dev->msix_cap = 0x50;
	dev->msix_table_entries = entries;
	dev->msix_table_bar = table_bar;
	dev->msix_table_offset = table_offset;
	dev->msix_pba_bar = 0;
	dev->msix_pba_offset = pba_offset;
}

static void add_irqchip(struct cfg_parts *p, uint64_t address, uint32_t pin)
{
	struct xvc_irqchip *chip = &p->irqchips[p->num_irqchips++];

	memset(chip, 0, sizeof(*chip));
	chip->address = address;
	chip->pin_bitmap[pin / 32] = 1U << (pin % 32);
}

static void add_msr(struct cfg_parts *p, uint32_t first, uint32_t count)
{
	struct xvc_msr_range *msr = &p->msr[p->num_msr++];

	memset(msr, 0, sizeof(*msr));
	msr->first = first;
	msr->count = count;
	msr->flags = XVC_MSR_READ;
}

#define COMM_FLAGS (XVC_MEM_READ | XVC_MEM_WRITE | XVC_MEM_COMM_REGION)

/* structure of the blob */
EDIT_BLOB(too_short, b->len = 10)
EDIT_BLOB(bad_magic, h->magic[0] = 'Y')
/* a blob of the first revision, before PCI devices grew */
EDIT_BLOB(revision, h->revision = 1)
EDIT_BLOB(arch, h->arch = 7)
EDIT_BLOB(truncated, b->len -= 8)
EDIT_BLOB(trailing, memset(b->u.bytes + b->len, 0, 8); b->len += 8)
EDIT_BLOB(desc_truncated, h->total_size = 116; b->len = 116)
EDIT_BLOB(cpu_set_size, c->cpu_set_size = 4)
EDIT_BLOB(cpu_set_size_zero, c->cpu_set_size = 0)
EDIT_BLOB(too_many, c->num_memory_regions = 5000)
EDIT_BLOB(overrun, c->num_pio_ranges += 1)
EDIT_BLOB(huge_counts, c->num_pci_devices = 0xffffffff)
EDIT_BLOB(underrun, memset(b->u.bytes + b->len, 0, 8); b->len += 8;
	  h->total_size += 8)

/* names and flags */
EDIT(name_unterminated, memset(c->name, 'x', XVC_CELL_NAME_LEN))
EDIT(name_empty, c->name[0] = 0)
EDIT(name_unprintable, c->name[1] = '\n')
EDIT(cell_flags, c->flags |= 0x80)
EDIT(mem_flags, p->memory[0].flags |= 0x100)
EDIT(msr_flags, p->msr[0].flags |= 0x4)
EDIT(cell_reserved, c->reserved = 1)
EDIT(msr_reserved, p->msr[0].reserved = 1)
EDIT(ioapic_slot, p->sys.platform.ioapics[2].address = 0xfec01000)
EDIT(iommu_reserved, p->sys.platform.num_iommus = 1;
     p->sys.platform.iommus[0].type = XVC_IOMMU_AMD;
     p->sys.platform.iommus[0].reserved2 = 5)
EDIT(platform_reserved, p->sys.platform.reserved1 = 3)
EDIT(console_reserved, c->console.reserved1 = 1)

/* CPUs and reset */
EDIT(cpus_empty, p->cpus[0] = 0)
EDIT(root_without_cpu0, p->cpus[0] = 0xe)
EDIT(reset_high, c->reset_address = 0x100000)
EDIT(reset_unmapped, p->memory[0].virt_start = 0x200000)

/* memory regions */
EDIT(mem_empty, p->memory[0].size = 0)
EDIT(mem_unaligned, p->memory[0].phys_start += 0x800)
EDIT(mem_phys_range, p->memory[0].phys_start = 0xfffffffffff00000ULL)
EDIT(mem_virt_range, p->memory[0].virt_start = 1ULL << 52)
/* four-level nested paging stops at 2^48 */
EDIT(comm_past_guest_limit, p->memory[1].virt_start = 1ULL << 48)
EDIT(mem_overlap_guest, p->memory[1].virt_start = 0)
EDIT(mem_overlap_host, add_region(p, 0x3c4ff000, 0x200000, 0x1000,
				  XVC_MEM_RAM))
EDIT(comm_phys, p->memory[1].phys_start = 0x1000)
EDIT(comm_size, p->memory[1].size = 0x2000)
EDIT(comm_flags, p->memory[1].flags |= XVC_MEM_EXECUTE)
EDIT(comm_twice, add_region(p, 0, 0x101000, 0x1000, COMM_FLAGS))
EDIT(comm_in_root, add_region(p, 0, 0x40000000, 0x1000, COMM_FLAGS))
EDIT(root_in_hv, p->memory[4].size += 0x1000)
EDIT(hv_empty, p->sys.hypervisor_memory.size = 0)
EDIT(hv_unaligned, p->sys.hypervisor_memory.phys_start += 0x10)
EDIT(hv_flags, p->sys.hypervisor_memory.flags = XVC_MEM_READ)

/* beyond the hypervisor's direct map (XVC_PHYS_ADDRESS_LIMIT) */
#define PHYS_LIMIT	XVC_PHYS_ADDRESS_LIMIT
EDIT(cell_past_limit, p->memory[0].phys_start = PHYS_LIMIT - 0x80000)
/* the last GiB below the limit, and one page more */
EDIT(root_past_limit, add_region(p, PHYS_LIMIT - 0x40000000,
				 PHYS_LIMIT - 0x40000000, 0x40001000,
				 XVC_MEM_RAM))
EDIT(hv_past_limit, p->sys.hypervisor_memory.phys_start = PHYS_LIMIT)
EDIT(mmconfig_past_limit,
     p->sys.platform.mmconfig_base = PHYS_LIMIT - 0x8000000)
EDIT(ioapic_past_limit, p->sys.platform.ioapics[0].address = PHYS_LIMIT;
     p->irqchips[0].address = PHYS_LIMIT)
EDIT(iommu_past_limit, p->sys.platform.num_iommus = 1;
     p->sys.platform.iommus[0].type = XVC_IOMMU_AMD;
     p->sys.platform.iommus[0].base = PHYS_LIMIT - 0x1000;
     p->sys.platform.iommus[0].size = 0x4000)
EDIT(debug_console_past_limit,
     p->sys.debug_console.type = XVC_CON_UART_8250_MMIO;
     p->sys.debug_console.address = PHYS_LIMIT;
     p->sys.debug_console.size = 0x20)

/* what the hypervisor keeps from non-root cells */
EDIT(apic_page, add_region(p, 0xfee00000, 0x200000, 0x1000, XVC_MEM_MMIO))
/* RAM straddling the end of the window, at an ordinary guest address */
EDIT(apic_window_end, add_region(p, 0xfeeff000, 0x200000, 0x2000,
				 XVC_MEM_RAM))
EDIT(pci_conf_ports, add_pio(p, 0xcf8, 8))
EDIT(reset_control, add_pio(p, 0xcf9, 1))
EDIT(kbd_reset, add_pio(p, 0x60, 5))
EDIT(fast_reset, add_pio(p, 0x92, 1))
EDIT(ioapic_page, add_region(p, 0xfec00000, 0x200000, 0x1000, XVC_MEM_MMIO))
/* bus 3's config space */
EDIT(mmconfig_bus3, add_region(p, 0xb0300000, 0x200000, 0x100000,
			       XVC_MEM_MMIO))
/* apic-demo as it was: the rigs' hypervisor console 0x2f8 as its UART */
EDIT(debug_uart, p->pio[0].start = 0x2f8; c->console.address = 0x2f8)
/* the root keeps [0x3ec-0x3ef] of apic-demo's UART 0x3e8-0x3ef */
EDIT(root_without_com3, p->pio[1].length = 0x3ec - 0x300;
     add_pio(p, 0x3f0, XVC_PIO_PORTS - 0x3f0))
/* device memory on the root's firmware data (EBDA), which is not IO */
EDIT(io_on_ebda, add_region(p, 0x9f000, 0x200000, 0x1000, XVC_MEM_MMIO))
/* device memory on the root's RAM: would escape scrubbing */
EDIT(io_on_ram, add_region(p, 0x3c800000, 0x200000, 0x1000,
			   XVC_MEM_MMIO))

/* ports, MSRs, consoles, PCI */
EDIT(pio_empty, p->pio[1].length = 0)
EDIT(pio_range, p->pio[1].start = 0xfff8; p->pio[1].length = 0x10)
EDIT(msr_empty, p->msr[0].count = 0)
EDIT(msr_wrap, p->msr[0].first = 0xfffffff0; p->msr[0].count = 0x20)
EDIT(msr_no_access, p->msr[0].flags = 0)
EDIT(console_type, c->console.type = 9)
EDIT(console_size, c->console.size = 0)
EDIT(console_range, c->console.address = 0xfffc)
EDIT(console_not_granted, p->pio[0].start = 0x3f8)
EDIT(debug_console_type, p->sys.debug_console.type = 3)
EDIT(debug_console_granted, p->pio[0].length = 0x300)

/* PCI devices: the root's edu (per blob), pci-demo's (against the root) */
#define EDU	(&p->pci[0])
EDIT(pci_type, EDU->type = 3)
EDIT(pci_twice, add_edu(p))
EDIT(pci_reserved, EDU->reserved0 = 1)
EDIT(pci_msix_unused, EDU->msix_table_offset = 0x800)
EDIT(pci_bar_kind, EDU->bar_kind[1] = 9)
EDIT(pci_bar_size, EDU->bar_size[0] = 0x180000)
EDIT(pci_io_bar_size, EDU->bar_kind[1] = XVC_PCI_BAR_IO;
     EDU->bar_size[1] = 0x200)
EDIT(pci_none_bar_size, EDU->bar_size[2] = 0x1000)
EDIT(pci_bar_no_high, EDU->bar_kind[0] = XVC_PCI_BAR_MEM64)
EDIT(pci_bar_last, EDU->bar_kind[5] = XVC_PCI_BAR_MEM64;
     EDU->bar_size[5] = 0x1000)
EDIT(pci_bar_high_alone, EDU->bar_kind[2] = XVC_PCI_BAR_MEM64_HIGH)
EDIT(pci_bridge_bar, EDU->type = XVC_PCI_TYPE_BRIDGE;
     EDU->bar_kind[2] = XVC_PCI_BAR_MEM32; EDU->bar_size[2] = 0x1000)
EDIT(pci_cap_low, EDU->msi_cap = 0x3c)
EDIT(pci_cap_unaligned, EDU->msi_cap = 0x42)
EDIT(pci_msix_cap, add_msix(EDU, 1, 0, 0x1000, 0x2000); EDU->msix_cap = 0x52)
EDIT(pci_msi_3, EDU->num_msi_vectors = 3)
EDIT(pci_msi_64, EDU->num_msi_vectors = 64)
EDIT(pci_msi_without_cap, EDU->msi_cap = 0)
EDIT(pci_msix_none, add_msix(EDU, 0, 0, 0x1000, 0x2000))
EDIT(pci_msix_2049, add_msix(EDU, 2049, 0, 0x1000, 0x2000))
/* 64 entries (1 KiB) end exactly at the BAR's end; the PBA starts there */
EDIT(pci_msix_pba_out, add_msix(EDU, 64, 0, 0xffc00, 0x100000))
EDIT(pci_msix_no_bar, add_msix(EDU, 64, 1, 0, 0x2000))
/* an I/O BAR is large enough but no memory BAR */
EDIT(pci_msix_io_bar, EDU->bar_kind[1] = XVC_PCI_BAR_IO;
     EDU->bar_size[1] = 256; add_msix(EDU, 8, 1, 0, 0x2000))
EDIT(pci_msix_bar_6, add_msix(EDU, 64, 6, 0, 0x2000))
EDIT(pci_msix_unaligned, add_msix(EDU, 64, 0, 0x1004, 0x2000))
EDIT(pci_intx_kind, EDU->intx = 2)
EDIT(pci_intx_none_gsi, EDU->intx = XVC_PCI_INTX_NONE)
/* the rigs' one IOAPIC has GSIs 0-127 at most */
EDIT(pci_intx_gsi, EDU->intx_gsi = 128)
EDIT(pci_iommu_absent, EDU->iommu = 0)
EDIT(pci_no_iommu, p->sys.platform.num_iommus = 1;
     p->sys.platform.iommus[0].type = XVC_IOMMU_AMD;
     p->sys.platform.iommus[0].base = 0xfed80000;
     p->sys.platform.iommus[0].size = 0x4000)
EDIT(pci_iommu_past, edit_pci_no_iommu(p); EDU->iommu = 1)
/* the edu placed where the AMD-Vi unit's own function is */
EDIT(pci_iommu_function, edit_pci_no_iommu(p); EDU->iommu = 0;
     p->sys.platform.iommus[0].amd_bdf = EDU->bdf)
EDIT(pci_bridge_in_cell, EDU->type = XVC_PCI_TYPE_BRIDGE)
EDIT(pci_not_in_root, EDU->bdf = XVC_PCI_BDF(0, 0x0b, 0))
EDIT(pci_mismatch, EDU->num_msi_vectors = 2)

/* platform */
EDIT(num_ioapics, p->sys.platform.num_ioapics = 5)
EDIT(num_iommus, p->sys.platform.num_iommus = 9)
EDIT(ioapic_address, p->sys.platform.ioapics[0].address = 0xfec00010)
EDIT(ioapic_twice, p->sys.platform.num_ioapics = 2;
     p->sys.platform.ioapics[1] = p->sys.platform.ioapics[0])
EDIT(iommu_type, p->sys.platform.num_iommus = 1)
EDIT(mmconfig_align, p->sys.platform.mmconfig_base = 0xb0001000)
EDIT(root_irqchip, p->irqchips[0].address = 0xfec01000)
EDIT(cell_irqchip, add_irqchip(p, 0xfed00000, 3))

/* between cells */
EDIT(cell_in_hv, p->memory[0].phys_start = 0x3c000000)
EDIT(cell_outside_root, p->memory[0].phys_start = 0x40000000)
EDIT(cell_on_tiny, p->memory[0].phys_start = 0x3c500000)
EDIT(cpu0, p->cpus[0] = 0x3)
EDIT(cpu5, p->cpus[0] = 1ULL << 5)
EDIT(cpu1, p->cpus[0] = 1ULL << 1)
EDIT(tiny_uart, add_pio(p, 0x3ec, 2))
EDIT(msr_10, add_msr(p, 0x10, 1))
EDIT(pci_edu, add_edu(p))
EDIT(pin_5, add_irqchip(p, 0xfec00000, 5))
EDIT(name_apic, strcpy(c->name, "apic-demo"))
EDIT(name_root, strcpy(c->name, "qemu-svm"))

#define SYS(stem)		{ stem }
#define CELLS(...)		{ "qemu-svm", __VA_ARGS__ }
#define ON_SYSTEM(n, fn, err, msg) \
	{ n, SYS("qemu-svm"), 0, edit_##fn, NULL, err, msg }
#define ON_SYSTEM_BLOB(n, fn, err, msg) \
	{ n, SYS("qemu-svm"), 0, NULL, blob_##fn, err, msg }
#define ON_APIC(n, fn, err, msg) \
	{ n, CELLS("apic-demo"), 1, edit_##fn, NULL, err, msg }
#define ON_APIC_BLOB(n, fn, err, msg) \
	{ n, CELLS("apic-demo"), 1, NULL, blob_##fn, err, msg }
/* the second of two cells gets the defect: it names the first one */
#define ON_TINY(n, fn, err, msg) \
	{ n, CELLS("apic-demo", "tiny-demo"), 2, edit_##fn, NULL, err, msg }
/* both cells get the same grant: the second one conflicts */
#define ON_BOTH(n, fn, err, msg) \
	{ n, CELLS("apic-demo", "tiny-demo"), DEFECT_ALL_CELLS, edit_##fn, \
	  NULL, err, msg }
/* the system is edited, apic-demo is reported */
#define ON_SYSTEM_FOR_APIC(n, fn, err, msg) \
	{ n, CELLS("apic-demo"), 0, edit_##fn, NULL, err, msg }
#define ON_APIC_AFTER_TINY(n, fn, err, msg) \
	{ n, CELLS("tiny-demo", "apic-demo"), 2, edit_##fn, NULL, err, msg }
#define ON_PCI_DEMO(n, fn, err, msg) \
	{ n, CELLS("pci-demo"), 1, edit_##fn, NULL, err, msg }
/* what the root's edu is reported as */
#define ROOT_EDU	"PCI device 0 (0000:00:0a.0) "

const struct defect defects[] = {
	ON_SYSTEM_BLOB("too-short", too_short, CELLCFG_E_TOO_SHORT,
		       "blob has 10 bytes, fewer than the 16-byte header"),
	ON_SYSTEM_BLOB("bad-magic", bad_magic, CELLCFG_E_BAD_MAGIC,
		       "bad magic: not an xvcell system configuration"),
	{ "wrong-kind", SYS("apic-demo"), DEFECT_NONE, NULL, NULL,
	  CELLCFG_E_WRONG_KIND,
	  "is a cell configuration, expected a system configuration" },
	{ "system-as-cell", CELLS("qemu-svm"), DEFECT_NONE, NULL, NULL,
	  CELLCFG_E_WRONG_KIND,
	  "is a system configuration, expected a cell configuration" },
	ON_SYSTEM_BLOB("revision", revision, CELLCFG_E_REVISION,
		       "configuration revision 1, expected 2 (written for "
		       "another release of xvcell: rebuild it from its .c file)"),
	ON_SYSTEM_BLOB("arch", arch, CELLCFG_E_ARCH,
		       "architecture 7, expected 1"),
	ON_APIC_BLOB("truncated", truncated, CELLCFG_E_TRUNCATED,
		     "truncated: "),
	ON_APIC_BLOB("trailing-data", trailing, CELLCFG_E_TRAILING_DATA,
		     "trailing data: "),
	ON_SYSTEM_BLOB("desc-truncated", desc_truncated,
		       CELLCFG_E_DESC_TRUNCATED,
		       "total_size 116 cannot hold the 448 bytes"),
	ON_APIC_BLOB("cpu-set-size", cpu_set_size, CELLCFG_E_CPU_SET_SIZE,
		     "cpu_set_size 4 is not a non-zero multiple of 8"),
	ON_SYSTEM_BLOB("cpu-set-size-zero", cpu_set_size_zero,
		       CELLCFG_E_CPU_SET_SIZE, "cpu_set_size 0 is not"),
	ON_SYSTEM_BLOB("too-many", too_many, CELLCFG_E_TOO_MANY,
		       "memory region count 5000 exceeds the limit of 4096"),
	ON_APIC_BLOB("arrays-overrun", overrun, CELLCFG_E_ARRAYS_OVERRUN,
		     "past total_size"),
	ON_APIC_BLOB("huge-counts", huge_counts, CELLCFG_E_TOO_MANY,
		     "PCI device count 4294967295 exceeds"),
	ON_APIC_BLOB("arrays-underrun", underrun, CELLCFG_E_ARRAYS_UNDERRUN,
		     "arrays end at byte"),
	ON_APIC("name-unterminated", name_unterminated,
		CELLCFG_E_NAME_UNTERMINATED,
		"cell name is not NUL-terminated (at most 31 characters)"),
	ON_SYSTEM("name-empty", name_empty, CELLCFG_E_NAME_EMPTY,
		  "cell name is empty"),
	ON_APIC("name-unprintable", name_unprintable,
		CELLCFG_E_NAME_UNPRINTABLE,
		"unprintable character 0xa at position 1"),
	ON_APIC("cell-flags", cell_flags, CELLCFG_E_FLAGS,
		"cell has unknown flag bits 0x80"),
	ON_APIC("mem-flags", mem_flags, CELLCFG_E_FLAGS,
		"memory region 0 has unknown flag bits 0x100"),
	ON_SYSTEM("msr-flags", msr_flags, CELLCFG_E_FLAGS,
		  "MSR range 0 has unknown flag bits 0x4"),
	ON_APIC("cell-reserved", cell_reserved, CELLCFG_E_RESERVED,
		"cell: reserved field or unused slot is not zero (0x1)"),
	ON_SYSTEM("msr-reserved", msr_reserved, CELLCFG_E_RESERVED,
		  "MSR range 0: reserved field"),
	ON_SYSTEM("ioapic-unused-slot", ioapic_slot, CELLCFG_E_RESERVED,
		  "IOAPIC 2: reserved field or unused slot is not zero"),
	ON_SYSTEM("iommu-reserved", iommu_reserved, CELLCFG_E_RESERVED,
		  "IOMMU 0: reserved field"),
	ON_SYSTEM("platform-reserved", platform_reserved, CELLCFG_E_RESERVED,
		  "platform: reserved field"),
	ON_APIC("console-reserved", console_reserved, CELLCFG_E_RESERVED,
		"console: reserved field"),
	ON_APIC("cpu-set-empty", cpus_empty, CELLCFG_E_CPU_SET_EMPTY,
		"CPU set is empty"),
	ON_SYSTEM("root-without-cpu0", root_without_cpu0,
		  CELLCFG_E_ROOT_WITHOUT_CPU0,
		  "CPU set of the root cell lacks CPU 0"),
	ON_APIC("reset-address", reset_high, CELLCFG_E_RESET_ADDRESS,
		"reset address 0x100000 is not below 1 MiB"),
	ON_APIC("reset-unmapped", reset_unmapped, CELLCFG_E_RESET_UNMAPPED,
		"reset address 0x0 is not inside a memory region"),
	ON_APIC("mem-empty", mem_empty, CELLCFG_E_MEM_EMPTY,
		"memory region 0 has size 0"),
	ON_APIC("mem-unaligned", mem_unaligned, CELLCFG_E_MEM_UNALIGNED,
		"memory region 0 [0x3c400800-0x3c5007ff] is not page-aligned"),
	ON_APIC("mem-phys-range", mem_phys_range, CELLCFG_E_MEM_PHYS_RANGE,
		"memory region 0: physical range from 0xfffffffffff00000 wraps"),
	ON_APIC("mem-virt-range", mem_virt_range, CELLCFG_E_MEM_VIRT_RANGE,
		"memory region 0: guest range from 0x10000000000000 wraps"),
	ON_APIC("guest-past-limit", comm_past_guest_limit,
		CELLCFG_E_MEM_VIRT_RANGE,
		"memory region 1: guest range from 0x1000000000000 wraps or "
		"passes the guest address limit 0x1000000000000"),
	ON_APIC("mem-overlap-guest", mem_overlap_guest,
		CELLCFG_E_MEM_OVERLAP_GUEST,
		"memory region 1 guest range [0x0-0xfff] overlaps region 0 "
		"[0x0-0xfffff]"),
	ON_APIC("mem-overlap-host", mem_overlap_host,
		CELLCFG_E_MEM_OVERLAP_HOST,
		"memory region 2 physical range [0x3c4ff000-0x3c4fffff] "
		"overlaps region 0"),
	ON_APIC("cell-past-phys-limit", cell_past_limit,
		CELLCFG_E_MEM_PHYS_RANGE,
		"memory region 0: physical range from 0x3ffffff80000 wraps or "
		"passes the physical address limit 0x400000000000"),
	ON_SYSTEM("root-past-phys-limit", root_past_limit,
		  CELLCFG_E_MEM_PHYS_RANGE,
		  "memory region 15: physical range from 0x3fffc0000000 wraps "
		  "or passes the physical address limit 0x400000000000"),
	ON_SYSTEM("hv-mem-past-phys-limit", hv_past_limit,
		  CELLCFG_E_MEM_PHYS_RANGE,
		  "hypervisor memory: physical range from 0x400000000000 wraps "
		  "or passes the physical address limit"),
	ON_SYSTEM("mmconfig-past-phys-limit", mmconfig_past_limit,
		  CELLCFG_E_PHYS_LIMIT,
		  "MMCONFIG window [0x3ffff8000000-0x400007ffffff] passes the "
		  "physical address limit 0x400000000000"),
	ON_SYSTEM("ioapic-past-phys-limit", ioapic_past_limit,
		  CELLCFG_E_PHYS_LIMIT,
		  "IOAPIC 0 [0x400000000000-0x400000000fff] passes the "
		  "physical address limit 0x400000000000"),
	ON_SYSTEM("iommu-past-phys-limit", iommu_past_limit,
		  CELLCFG_E_PHYS_LIMIT,
		  "IOMMU 0 [0x3ffffffff000-0x400000002fff] passes the "
		  "physical address limit 0x400000000000"),
	ON_SYSTEM("debug-console-past-phys-limit", debug_console_past_limit,
		  CELLCFG_E_PHYS_LIMIT,
		  "debug console [0x400000000000-0x40000000001f] passes the "
		  "physical address limit 0x400000000000"),
	ON_APIC("comm-phys", comm_phys, CELLCFG_E_COMM_PHYS,
		"memory region 1: comm region phys_start must be 0, not 0x1000"),
	ON_APIC("comm-size", comm_size, CELLCFG_E_COMM_SIZE,
		"comm region size must be one page, not 0x2000"),
	ON_APIC("comm-flags", comm_flags, CELLCFG_E_COMM_FLAGS,
		"has extra flags 0x4"),
	ON_APIC("comm-duplicate", comm_twice, CELLCFG_E_COMM_DUPLICATE,
		"memory region 2 is a second comm region"),
	ON_SYSTEM("comm-in-root", comm_in_root, CELLCFG_E_COMM_IN_ROOT,
		  "memory region 15: the root cell cannot have a comm region"),
	ON_SYSTEM("root-in-hypervisor", root_in_hv,
		  CELLCFG_E_MEM_IN_HYPERVISOR,
		  "memory region 4 [0x100000-0x3c000fff] overlaps the "
		  "hypervisor memory"),
	ON_SYSTEM("hv-mem-empty", hv_empty, CELLCFG_E_HV_MEM_EMPTY,
		  "hypervisor memory has size 0"),
	ON_SYSTEM("hv-mem-unaligned", hv_unaligned, CELLCFG_E_MEM_UNALIGNED,
		  "hypervisor memory [0x3c000010-0x3c40000f] is not page-aligned"),
	ON_SYSTEM("hv-mem-flags", hv_flags, CELLCFG_E_RESERVED,
		  "hypervisor memory: reserved field"),
	ON_APIC("pio-empty", pio_empty, CELLCFG_E_PIO_EMPTY,
		"I/O port range 1 at port 0x608 has length 0"),
	ON_APIC("pio-range", pio_range, CELLCFG_E_PIO_RANGE,
		"I/O port range 1 [0xfff8-0x10007] passes port 0xffff"),
	ON_SYSTEM("msr-empty", msr_empty, CELLCFG_E_MSR_EMPTY,
		  "MSR range 0 at MSR 0x0 has count 0"),
	ON_SYSTEM("msr-wrap", msr_wrap, CELLCFG_E_MSR_WRAP,
		  "MSR range 0 [0xfffffff0-0x10000000f] passes MSR 0xffffffff"),
	ON_SYSTEM("msr-no-access", msr_no_access, CELLCFG_E_MSR_NO_ACCESS,
		  "MSR range 0 grants neither read nor write"),
	ON_APIC("console-type", console_type, CELLCFG_E_CONSOLE_TYPE,
		"console type 9 is unknown"),
	ON_APIC("console-size", console_size, CELLCFG_E_CONSOLE_SIZE,
		"console size is 0"),
	ON_APIC("console-range", console_range, CELLCFG_E_CONSOLE_RANGE,
		"console at 0xfffc with size 8 is out of range"),
	ON_APIC("console-not-granted", console_not_granted,
		CELLCFG_E_CONSOLE_NOT_GRANTED,
		"console [0x3e8-0x3ef] is not accessible to the cell"),
	ON_SYSTEM("debug-console-type", debug_console_type,
		  CELLCFG_E_CONSOLE_TYPE, "debug console type 3 is unknown"),
	ON_SYSTEM("debug-console-granted", debug_console_granted,
		  CELLCFG_E_DEBUG_CONSOLE_GRANTED,
		  "I/O port range 0 [0x0-0x2ff] gives the root cell the "
		  "hypervisor's debug console"),
	ON_APIC("apic-page", apic_page, CELLCFG_E_MEM_APIC_WINDOW,
		"memory region 2 [0xfee00000-0xfee00fff] covers the local "
		"APIC window [0xfee00000-0xfeefffff], which no cell may map"),
	ON_APIC("apic-window-end", apic_window_end, CELLCFG_E_MEM_APIC_WINDOW,
		"memory region 2 [0xfeeff000-0xfef00fff] covers the local "
		"APIC window"),
	ON_APIC("pci-config-ports", pci_conf_ports, CELLCFG_E_PIO_RESERVED,
		"I/O port range 2 [0xcf8-0xcff] includes ports [0xcf8-0xcff], "
		"which no cell may own: PCI config space of all devices, "
		"reset control at 0xcf9"),
	ON_APIC("reset-control-port", reset_control, CELLCFG_E_PIO_RESERVED,
		"I/O port range 2 [0xcf9-0xcf9] includes ports [0xcf8-0xcff]"),
	ON_APIC("keyboard-reset-port", kbd_reset, CELLCFG_E_PIO_RESERVED,
		"I/O port range 2 [0x60-0x64] includes ports [0x64-0x64], "
		"which no cell may own: keyboard controller reset"),
	ON_APIC("fast-reset-port", fast_reset, CELLCFG_E_PIO_RESERVED,
		"I/O port range 2 [0x92-0x92] includes ports [0x92-0x92], "
		"which no cell may own: fast reset and A20 gate"),
	ON_APIC("ioapic-page", ioapic_page, CELLCFG_E_MEM_IOAPIC,
		"memory region 2 [0xfec00000-0xfec00fff] covers the IOAPIC at "
		"[0xfec00000-0xfec00fff], which no cell may map"),
	ON_APIC("mmconfig-window", mmconfig_bus3, CELLCFG_E_MEM_MMCONFIG,
		"memory region 2 [0xb0300000-0xb03fffff] covers the PCI "
		"MMCONFIG window [0xb0000000-0xbfffffff], which no cell may map"),
	ON_APIC("debug-console-in-cell", debug_uart,
		CELLCFG_E_DEBUG_CONSOLE_IN_CELL,
		"I/O port range 0 [0x2f8-0x2ff] gives the cell the "
		"hypervisor's debug console [0x2f8-0x2ff]"),
	ON_SYSTEM_FOR_APIC("pio-outside-root", root_without_com3,
			   CELLCFG_E_PIO_OUTSIDE_ROOT,
			   "I/O port range 0 [0x3e8-0x3ef]: port 0x3ec is not "
			   "granted to the root cell"),
	ON_APIC("io-on-root-firmware-data", io_on_ebda,
		CELLCFG_E_MMIO_OUTSIDE_ROOT,
		"memory region 2 [0x9f000-0x9ffff] is not device memory (IO) "
		"of the root cell"),
	ON_APIC("io-on-root-ram", io_on_ram, CELLCFG_E_MMIO_OUTSIDE_ROOT,
		"memory region 2 [0x3c800000-0x3c800fff] is not device memory"),
	ON_SYSTEM("pci-type", pci_type, CELLCFG_E_PCI_TYPE,
		  ROOT_EDU "type 3 is unknown"),
	/* appended after the root's edu (0), e1000e (1) and igb (2) */
	ON_SYSTEM("pci-duplicate", pci_twice, CELLCFG_E_PCI_DUPLICATE,
		  "PCI device 3 (0000:00:0a.0) repeats PCI device 0 of the "
		  "cell"),
	ON_SYSTEM("pci-reserved", pci_reserved, CELLCFG_E_RESERVED,
		  "PCI device 0 (0000:00:0a.0): reserved field or unused slot is "
		  "not zero (0x1)"),
	ON_SYSTEM("pci-msix-fields-unused", pci_msix_unused,
		  CELLCFG_E_RESERVED,
		  "PCI device 0 (0000:00:0a.0): reserved field or unused slot is "
		  "not zero (0x800)"),
	ON_SYSTEM("pci-bar-kind", pci_bar_kind, CELLCFG_E_PCI_BAR_KIND,
		  ROOT_EDU "BAR 1 kind 9 is unknown"),
	ON_SYSTEM("pci-bar-size", pci_bar_size, CELLCFG_E_PCI_BAR_SIZE,
		  ROOT_EDU "BAR 0 size 0x180000: must be a power of two from "
		  "16 bytes to 2 GiB for a 32-bit memory BAR"),
	ON_SYSTEM("pci-io-bar-size", pci_io_bar_size, CELLCFG_E_PCI_BAR_SIZE,
		  ROOT_EDU "BAR 1 size 0x200: must be a power of two from 4 "
		  "to 256 bytes for an I/O BAR"),
	ON_SYSTEM("pci-unused-bar-size", pci_none_bar_size,
		  CELLCFG_E_PCI_BAR_SIZE,
		  ROOT_EDU "BAR 2 size 0x1000: must be 0 for an unused slot"),
	ON_SYSTEM("pci-bar-pair", pci_bar_no_high, CELLCFG_E_PCI_BAR_PAIR,
		  ROOT_EDU "BAR 0: the slot after a 64-bit BAR must be its "
		  "upper half"),
	ON_SYSTEM("pci-bar-pair-last-slot", pci_bar_last,
		  CELLCFG_E_PCI_BAR_PAIR,
		  ROOT_EDU "BAR 5: a 64-bit BAR in the last slot has no slot "
		  "for its upper half"),
	ON_SYSTEM("pci-bar-pair-high-alone", pci_bar_high_alone,
		  CELLCFG_E_PCI_BAR_PAIR,
		  ROOT_EDU "BAR 2: an upper half must follow a 64-bit BAR"),
	ON_SYSTEM("pci-bridge-bar", pci_bridge_bar, CELLCFG_E_PCI_BRIDGE_BAR,
		  ROOT_EDU "is a bridge: BAR 2 does not exist in its header "
		  "(only BARs 0 and 1)"),
	ON_SYSTEM("pci-cap-offset", pci_cap_low, CELLCFG_E_PCI_CAP_OFFSET,
		  ROOT_EDU "MSI capability offset 0x3c is not a multiple of 4 "
		  "in 0x40-0xff"),
	ON_SYSTEM("pci-cap-offset-unaligned", pci_cap_unaligned,
		  CELLCFG_E_PCI_CAP_OFFSET,
		  ROOT_EDU "MSI capability offset 0x42 is not"),
	ON_SYSTEM("pci-msix-cap-offset", pci_msix_cap,
		  CELLCFG_E_PCI_CAP_OFFSET,
		  ROOT_EDU "MSI-X capability offset 0x52 is not"),
	ON_SYSTEM("pci-msi-vectors", pci_msi_3, CELLCFG_E_PCI_MSI_VECTORS,
		  ROOT_EDU "MSI vector count 3: must be a power of two from 1 "
		  "to 32 with an MSI capability, 0 without"),
	ON_SYSTEM("pci-msi-vectors-64", pci_msi_64, CELLCFG_E_PCI_MSI_VECTORS,
		  ROOT_EDU "MSI vector count 64: must be"),
	ON_SYSTEM("pci-msi-without-cap", pci_msi_without_cap,
		  CELLCFG_E_PCI_MSI_VECTORS,
		  ROOT_EDU "MSI vector count 1: must be"),
	ON_SYSTEM("pci-msix-entries", pci_msix_none,
		  CELLCFG_E_PCI_MSIX_ENTRIES,
		  ROOT_EDU "MSI-X table size 0: must be 1 to 2048 entries with "
		  "an MSI-X capability, 0 without"),
	ON_SYSTEM("pci-msix-entries-2049", pci_msix_2049,
		  CELLCFG_E_PCI_MSIX_ENTRIES,
		  ROOT_EDU "MSI-X table size 2049: must be"),
	ON_SYSTEM("pci-msix-location", pci_msix_pba_out,
		  CELLCFG_E_PCI_MSIX_LOCATION,
		  ROOT_EDU "MSI-X PBA [0x100000-0x100007] must lie 8-byte "
		  "aligned inside memory BAR 0 (size 0x100000)"),
	ON_SYSTEM("pci-msix-in-unused-bar", pci_msix_no_bar,
		  CELLCFG_E_PCI_MSIX_LOCATION,
		  ROOT_EDU "MSI-X table [0x0-0x3ff] must lie 8-byte aligned "
		  "inside memory BAR 1 (size 0x0)"),
	ON_SYSTEM("pci-msix-in-io-bar", pci_msix_io_bar,
		  CELLCFG_E_PCI_MSIX_LOCATION,
		  ROOT_EDU "MSI-X table [0x0-0x7f] must lie 8-byte aligned "
		  "inside memory BAR 1 (size 0x0)"),
	ON_SYSTEM("pci-msix-bar-6", pci_msix_bar_6,
		  CELLCFG_E_PCI_MSIX_LOCATION,
		  ROOT_EDU "MSI-X table [0x0-0x3ff] must lie 8-byte aligned "
		  "inside memory BAR 6 (size 0x0)"),
	ON_SYSTEM("pci-msix-unaligned", pci_msix_unaligned,
		  CELLCFG_E_PCI_MSIX_LOCATION,
		  ROOT_EDU "MSI-X table [0x1004-0x1403] must lie 8-byte"),
	ON_SYSTEM("pci-intx", pci_intx_kind, CELLCFG_E_PCI_INTX,
		  ROOT_EDU "INTx wiring 2 is unknown (0 none, 1 a GSI)"),
	/* the edu's INTx GSI (22) left without saying it is one */
	ON_SYSTEM("pci-intx-none-gsi", pci_intx_none_gsi, CELLCFG_E_RESERVED,
		  "PCI device 0 (0000:00:0a.0): reserved field or unused slot "
		  "is not zero (0x16)"),
	ON_SYSTEM("pci-intx-gsi", pci_intx_gsi, CELLCFG_E_PCI_INTX_GSI,
		  ROOT_EDU "INTx GSI 128 is on no IOAPIC of the platform"),
	ON_SYSTEM("pci-iommu", pci_iommu_absent, CELLCFG_E_PCI_IOMMU,
		  ROOT_EDU "IOMMU 0: the platform has 0 IOMMUs (255 = none, "
		  "allowed only on a platform without IOMMUs)"),
	ON_SYSTEM("pci-no-iommu", pci_no_iommu, CELLCFG_E_PCI_IOMMU,
		  ROOT_EDU "IOMMU 255: the platform has 1 IOMMUs"),
	ON_SYSTEM("pci-iommu-past-count", pci_iommu_past, CELLCFG_E_PCI_IOMMU,
		  ROOT_EDU "IOMMU 1: the platform has 1 IOMMUs"),
	ON_SYSTEM("pci-iommu-function", pci_iommu_function,
		  CELLCFG_E_PCI_IOMMU_FUNCTION,
		  ROOT_EDU "is the PCI function of IOMMU 0, which the "
		  "hypervisor drives: no cell may list it"),
	ON_PCI_DEMO("pci-iommu-in-cell", pci_iommu_absent, CELLCFG_E_PCI_IOMMU,
		    ROOT_EDU "IOMMU 0: the platform has 0 IOMMUs"),
	ON_PCI_DEMO("pci-bridge-in-cell", pci_bridge_in_cell,
		    CELLCFG_E_PCI_BRIDGE_IN_CELL,
		    ROOT_EDU "is a bridge: bridges stay with the root cell"),
	ON_PCI_DEMO("pci-not-in-root", pci_not_in_root,
		    CELLCFG_E_PCI_NOT_IN_ROOT,
		    "PCI device 0 (0000:00:0b.0) is not a PCI device of the "
		    "root cell, which a cell's devices come from"),
	ON_PCI_DEMO("pci-mismatch", pci_mismatch, CELLCFG_E_PCI_MISMATCH,
		    ROOT_EDU "is described differently by the root cell "
		    "\"qemu-svm\" PCI device 0: a cell takes the root's "
		    "device as it is"),
	ON_SYSTEM("num-ioapics", num_ioapics, CELLCFG_E_NUM_IOAPICS,
		  "num_ioapics 5 exceeds 4"),
	ON_SYSTEM("num-iommus", num_iommus, CELLCFG_E_NUM_IOMMUS,
		  "num_iommus 9 exceeds 8"),
	ON_SYSTEM("ioapic-address", ioapic_address, CELLCFG_E_IOAPIC_ADDRESS,
		  "IOAPIC 0 address 0xfec00010 is not a page-aligned"),
	ON_SYSTEM("ioapic-duplicate", ioapic_twice,
		  CELLCFG_E_IOAPIC_DUPLICATE,
		  "IOAPIC 1 address 0xfec00000 repeats IOAPIC 0"),
	ON_SYSTEM("iommu-type", iommu_type, CELLCFG_E_IOMMU_TYPE,
		  "IOMMU 0 type 0 is invalid"),
	ON_SYSTEM("mmconfig-align", mmconfig_align, CELLCFG_E_MMCONFIG_ALIGN,
		  "MMCONFIG base 0xb0001000 is not 1 MiB aligned"),
	ON_SYSTEM("root-irqchip-unknown", root_irqchip,
		  CELLCFG_E_IRQCHIP_UNKNOWN,
		  "irqchip 0 address 0xfec01000 is not an IOAPIC of the system"),
	ON_APIC("cell-irqchip-unknown", cell_irqchip,
		CELLCFG_E_IRQCHIP_UNKNOWN,
		"irqchip 0 address 0xfed00000 is not an IOAPIC of the system"),
	ON_APIC("cell-in-hypervisor", cell_in_hv, CELLCFG_E_MEM_IN_HYPERVISOR,
		"memory region 0 [0x3c000000-0x3c0fffff] overlaps the "
		"hypervisor memory"),
	ON_APIC("cell-outside-root", cell_outside_root,
		CELLCFG_E_MEM_OUTSIDE_ROOT,
		"memory region 0 [0x40000000-0x400fffff] is not RAM of the "
		"root cell"),
	ON_APIC_AFTER_TINY("mem-conflict", cell_on_tiny,
			   CELLCFG_E_MEM_CONFLICT,
			   "memory region 0 [0x3c500000-0x3c5fffff] overlaps "
			   "cell \"tiny-demo\" region 0"),
	ON_APIC("cpu0-in-cell", cpu0, CELLCFG_E_CPU0_IN_CELL,
		"CPU 0 stays with the root cell"),
	ON_APIC("cpu-not-in-root", cpu5, CELLCFG_E_CPU_NOT_IN_ROOT,
		"CPU 5 is not in the root cell's CPU set"),
	ON_TINY("cpu-conflict", cpu1, CELLCFG_E_CPU_CONFLICT,
		"CPU 1 is also in cell \"apic-demo\""),
	{ "cpu-conflict-smp", CELLS("tiny-demo", "smp-demo"), DEFECT_NONE,
	  NULL, NULL, CELLCFG_E_CPU_CONFLICT, "CPU 2 is also in cell \"tiny-demo\"" },
	ON_TINY("pio-conflict", tiny_uart, CELLCFG_E_PIO_CONFLICT,
		"I/O port range 0 [0x3ec-0x3ed] overlaps cell \"apic-demo\" "
		"port range 0 [0x3e8-0x3ef]"),
	ON_BOTH("msr-conflict", msr_10, CELLCFG_E_MSR_CONFLICT,
		"MSR range 0 [0x10-0x10] overlaps cell \"apic-demo\" "
		"MSR range 0 [0x10-0x10]"),
	ON_BOTH("pci-conflict", pci_edu, CELLCFG_E_PCI_CONFLICT,
		ROOT_EDU "is also assigned to cell \"apic-demo\" PCI device 0"),
	ON_BOTH("irq-pin-conflict", pin_5, CELLCFG_E_IRQ_PIN_CONFLICT,
		"irqchip 0: pin 5 is also granted to cell \"apic-demo\" "
		"irqchip 0"),
	ON_TINY("name-duplicate", name_apic, CELLCFG_E_NAME_DUPLICATE,
		"cell name \"apic-demo\" is already taken by cell "
		"\"apic-demo\""),
	ON_APIC("name-of-root", name_root, CELLCFG_E_NAME_DUPLICATE,
		"cell name \"qemu-svm\" is already taken by the root cell"),
};

const unsigned int num_defects = sizeof(defects) / sizeof(defects[0]);

int defect_num_files(const struct defect *d)
{
	int n = 0;

	while (n < DEFECT_MAX_FILES && d->files[n])
		n++;
	return n;
}

int defect_edits(const struct defect *d, int index)
{
	return index == d->target ||
	       (d->target == DEFECT_ALL_CELLS && index > 0);
}

void defect_blob(const struct defect *d, int index, struct cfg_blob *blob)
{
	struct cfg_parts parts;

	if (!defect_edits(d, index)) {
		cfg_load_blob(d->files[index], blob);
		return;
	}
	cfg_load(d->files[index], &parts);
	if (d->edit)
		d->edit(&parts);
	cfg_build(&parts, blob);
	if (d->edit_blob)
		d->edit_blob(blob);
}
