// SPDX-License-Identifier: GPL-2.0-only
/*
 * System configuration of the Bochs rig (Intel VMX):
 *
 *   bochsrc: cpu: model=corei7_skylake_x, count=2; megs: 512 (i440FX/PIIX4)
 *   Linux cmdline: memmap=32M$0x1c000000 8250.nr_uarts=1
 *
 * The memmap= option keeps Linux away from [0x1c000000, 0x1e000000):
 *   0x1c000000-0x1c3fffff  hypervisor memory (4 MiB)
 *   0x1c400000-0x1dffffff  pool the demo cells take their RAM from
 *
 * RAM follows the e820 map of the Bochs BIOS (rombios32): usable
 * 0-0x9efff and 0x100000 up to 64 KiB below the top, where the BIOS keeps
 * the ACPI tables.  No MMCONFIG on i440FX: PCI config space is reached
 * through ports 0xcf8/0xcfc.
 *
 * Checked by booting Debian's 6.1 kernel on the rig: e820 usable
 * 0-0x9efff and 0x100000-0x1ffeffff, ACPI data 0x1fff0000-0x1fffffff;
 * ACPI PM timer port 0xb008 (PIIX4 PMBASE 0xb000); IOAPIC 0xfec00000 with
 * APIC ID 2, GSI 0-23; HPET 0xfed00000; PCI window 0xc0000000-0xfebfffff.
 */
#include <xvcell/cell-config.h>

#define HV_BASE		0x1c000000ULL
#define HV_SIZE		0x00400000ULL
#define POOL_BASE	(HV_BASE + HV_SIZE)
#define POOL_END	0x1e000000ULL
#define MEM_TOP		0x20000000ULL	/* 512 MiB */
#define ACPI_BASE	(MEM_TOP - 0x10000)
#define DEBUG_UART	0x2f8		/* ttyS1, hidden from Linux */

#define MSR_RW		(XVC_MSR_READ | XVC_MSR_WRITE)
#define MEM_RO_EXEC	(XVC_MEM_READ | XVC_MEM_EXECUTE)

static struct {
	struct xvc_config_header header;
	struct xvc_system_desc system;
	uint64_t cpus[1];
	struct xvc_memory_region memory[12];
	struct xvc_pio_range pio[2];
	struct xvc_msr_range msr[5];
	struct xvc_irqchip irqchips[1];
} config XVC_CONFIG = {
	.header = XVC_SYSTEM_HEADER(config),
	.system = {
		.hypervisor_memory = { .phys_start = HV_BASE, .size = HV_SIZE },
		/*
		 * ttyS1 belongs to the hypervisor; Linux runs with
		 * 8250.nr_uarts=1 and never probes it.  Divider 1 = 115200.
		 */
		.debug_console = {
			.address = DEBUG_UART,
			.size = 8,
			.type = XVC_CON_UART_8250_PIO,
			.divider = 1,
		},
		.platform = {
			.mmconfig_base = 0,
			.num_ioapics = 1,
			.pm_timer_port = 0xb008,
			.ioapics = {
				/* requester ID of the PIIX4 at 00:01.0 */
				{ .address = 0xfec00000, .gsi_base = 0,
				  .source_id = XVC_PCI_BDF(0, 1, 0), .id = 2 },
			},
		},
		.root_cell = {
			.name = "bochs-vmx",
			.cpu_set_size = sizeof(config.cpus),
			.num_memory_regions = XVC_ARRAY_SIZE(config.memory),
			.num_pio_ranges = XVC_ARRAY_SIZE(config.pio),
			.num_msr_ranges = XVC_ARRAY_SIZE(config.msr),
			.num_irqchips = XVC_ARRAY_SIZE(config.irqchips),
			/* Linux has its own consoles (ttyS0) */
			.console = { .type = XVC_CON_NONE },
		},
	},
	.cpus = { 0x3 },
	.memory = {
		/* low RAM */
		XVC_REGION_1TO1(0x0, 0x9f000, XVC_MEM_RAM),
		/* EBDA and MP table: firmware data Linux reads */
		XVC_REGION_1TO1(0x9f000, 0x1000,
				XVC_MEM_READ | XVC_MEM_WRITE),
		/* legacy VGA window */
		XVC_REGION_1TO1(0xa0000, 0x20000, XVC_MEM_MMIO),
		/* option ROMs and the BIOS */
		XVC_REGION_1TO1(0xc0000, 0x40000, MEM_RO_EXEC),
		/* RAM up to the hypervisor */
		XVC_REGION_1TO1(0x100000, HV_BASE - 0x100000, XVC_MEM_RAM),
		/* the cell pool: Linux does not use it (memmap=) */
		XVC_REGION_1TO1(POOL_BASE, POOL_END - POOL_BASE, XVC_MEM_RAM),
		/* RAM after the pool */
		XVC_REGION_1TO1(POOL_END, ACPI_BASE - POOL_END, XVC_MEM_RAM),
		/* ACPI tables (the FACS holds the global lock: writable) */
		XVC_REGION_1TO1(ACPI_BASE, MEM_TOP - ACPI_BASE,
				XVC_MEM_READ | XVC_MEM_WRITE),
		/* PCI: the host bridge window is 0xc0000000-0xfebfffff */
		XVC_REGION_1TO1(0x80000000, 0xfec00000 - 0x80000000,
				XVC_MEM_MMIO),
		/* IOAPIC */
		XVC_REGION_1TO1(0xfec00000, 0x1000, XVC_MEM_MMIO),
		/* HPET */
		XVC_REGION_1TO1(0xfed00000, 0x1000, XVC_MEM_MMIO),
		/* local APIC: listed for Linux; the hypervisor decides how */
		XVC_REGION_1TO1(0xfee00000, 0x1000, XVC_MEM_MMIO),
	},
	.pio = {
		/* every port but the hypervisor's UART at 0x2f8-0x2ff */
		XVC_PIO(0x0, DEBUG_UART),
		XVC_PIO(DEBUG_UART + 8, XVC_PIO_PORTS - (DEBUG_UART + 8)),
	},
	.msr = {
		/* architectural MSRs minus IA32_FEATURE_CONTROL (0x3a) */
		XVC_MSRS(0x0, 0x3a, MSR_RW),
		/* ... and minus the VMX capability MSRs 0x480-0x491 */
		XVC_MSRS(0x3b, 0x480 - 0x3b, MSR_RW),
		XVC_MSRS(0x492, 0x2000 - 0x492, MSR_RW),
		/*
		 * AMD64 MSRs Intel implements too (STAR, LSTAR, FS/GS base,
		 * TSC_AUX) minus EFER, which the hypervisor owns
		 */
		XVC_MSRS(0xc0000000, 0x80, MSR_RW),
		XVC_MSRS(0xc0000081, 0x2000 - 0x81, MSR_RW),
	},
	.irqchips = {
		/* all 24 pins of the IOAPIC */
		{ .address = 0xfec00000, .pin_base = 0,
		  .pin_bitmap = { 0x00ffffff } },
	},
};
