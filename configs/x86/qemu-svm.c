// SPDX-License-Identifier: GPL-2.0-only
/*
 * System configuration of the QEMU rig (AMD SVM):
 *
 *   qemu-system-x86_64 -machine q35 -cpu EPYC-Rome,+svm,+npt -smp 4 -m 1G
 *   Linux cmdline: memmap=32M$0x3c000000 memmap=136M$0x33800000
 *                  8250.nr_uarts=1
 *
 * The memmap= options keep Linux away from [0x33800000, 0x3e000000):
 *   0x33800000-0x3bffffff  pool of the Linux cell (linux-demo.c)
 *   0x3c000000-0x3c3fffff  hypervisor memory (4 MiB)
 *   0x3c400000-0x3dffffff  pool the demo cells take their RAM from
 *
 * The root's CPU set is CPUs 0-3, for the 4-CPU rig.  When the rig boots
 * with -smp 2, CPUs 2 and 3 are simply not online: the hypervisor treats
 * CPUs of the set that are not online as absent, and cells naming them
 * cannot be created.
 *
 * Memory map as Debian's 6.1 kernel reports it on this rig (QEMU 7.2,
 * SeaBIOS): e820 usable 0-0x9fbff and 0x100000-0x3ffdefff; reserved
 * 0x3ffdf000-0x3fffffff holds the ACPI tables (FACS at 0x3ffe0000);
 * MMCONFIG 0xb0000000-0xbfffffff; host bridge windows 0x40000000-0xafffffff
 * and 0xc0000000-0xfebfffff; IOAPIC 0xfec00000 GSI 0-23; HPET 0xfed00000;
 * ACPI PM timer port 0x608.
 *
 * PCI devices: only those a cell may take from the root are listed (a
 * cell's device must be the root's); the rest of the bus stays Linux's.
 * The edu device is there when the rig runs with --device edu, the second
 * e1000e NIC with --device e1000e (pci-msix-test.c takes it), the second
 * igb NIC with --device igb on QEMU 10 (pci-reset-test.c takes it).
 *
 * qemu-vtd.c builds the variant for the rig whose VT-d unit the hypervisor
 * drives (ci/run-guest --iommu intel-hv): root cell "qemu-vtd", the unit
 * in the platform, every device behind it, its registers not the root's.
 * qemu-amdvi.c does the same for the AMD-Vi unit (--iommu amd-hv).
 */
#include <xvcell/cell-config.h>

#include "qemu-e1000e.h"
#include "qemu-edu.h"
#include "qemu-igb.h"

#define HV_BASE		0x3c000000ULL
#define HV_SIZE		0x00400000ULL
#define POOL_BASE	(HV_BASE + HV_SIZE)
#define POOL_END	0x3e000000ULL
#define RAM_END		0x3ffdf000ULL	/* first byte the BIOS keeps */
#define DEBUG_UART	0x2f8		/* ttyS1, hidden from Linux */
#define LINUX_POOL	0x33800000ULL	/* 136 MiB up to HV_BASE, for linux-demo */

#define MSR_RW		(XVC_MSR_READ | XVC_MSR_WRITE)
#define MEM_RO_EXEC	(XVC_MEM_READ | XVC_MEM_EXECUTE)

/*
 * The IOAPIC's requester ID: QEMU's DMAR names it ff:00.0, its IVRS
 * (special device entry) 00:14.0.
 */
#ifdef QEMU_RIG_VTD
#define IOAPIC_SOURCE_ID	XVC_PCI_BDF(0xff, 0, 0)
#elif defined(QEMU_RIG_AMDVI)
#define IOAPIC_SOURCE_ID	XVC_PCI_BDF(0, 0x14, 0)
#else
#define IOAPIC_SOURCE_ID	XVC_PCI_BDF(0, 0x1f, 0)
#endif

#if defined(QEMU_RIG_VTD)
#define ROOT_NAME	"qemu-vtd"
#define ROOT_REGIONS	14	/* without the VT-d registers */
#elif defined(QEMU_RIG_AMDVI)
#define ROOT_NAME	"qemu-amdvi"
#define ROOT_REGIONS	14	/* without the AMD-Vi registers */
#else
#define ROOT_NAME	"qemu-svm"
#define ROOT_REGIONS	15
#endif

static struct {
	struct xvc_config_header header;
	struct xvc_system_desc system;
	uint64_t cpus[1];
	struct xvc_memory_region memory[ROOT_REGIONS];
	struct xvc_pio_range pio[2];
	struct xvc_msr_range msr[7];
	struct xvc_irqchip irqchips[1];
	struct xvc_pci_device pci[3];
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
			/* q35 MMCONFIG: 256 buses of 1 MiB */
			.mmconfig_base = 0xb0000000,
			.mmconfig_end_bus = 0xff,
			.num_ioapics = 1,
			/* ICH9 ACPI PM timer: PMBASE 0x600 + 8 */
			.pm_timer_port = 0x608,
			.ioapics = {
				/*
				 * Its requester ID as the firmware names it:
				 * QEMU's DMAR places the IOAPIC at ff:00.0
				 * (remapping entries verify it); elsewhere the
				 * LPC bridge's, 00:1f.0.
				 */
				{ .address = 0xfec00000, .gsi_base = 0,
				  .source_id = IOAPIC_SOURCE_ID, .id = 0 },
			},
#ifdef QEMU_RIG_VTD
			/* QEMU's intel-iommu; the devices name it (index 0) */
			.num_iommus = 1,
			.iommus = {
				{ .base = 0xfed90000, .size = 0x1000,
				  .type = XVC_IOMMU_INTEL },
			},
#endif
#ifdef QEMU_RIG_AMDVI
			/*
			 * QEMU's amd-iommu: PCI 00:02.0, capability at 0x40,
			 * 16 KiB of registers; the devices name it (index 0)
			 */
			.num_iommus = 1,
			.iommus = {
				{ .base = 0xfed80000, .size = 0x4000,
				  .type = XVC_IOMMU_AMD,
				  .amd_bdf = XVC_PCI_BDF(0, 2, 0),
				  .amd_cap_offset = 0x40 },
			},
#endif
		},
		.root_cell = {
			.name = ROOT_NAME,
			.cpu_set_size = sizeof(config.cpus),
			.num_memory_regions = XVC_ARRAY_SIZE(config.memory),
			.num_pio_ranges = XVC_ARRAY_SIZE(config.pio),
			.num_msr_ranges = XVC_ARRAY_SIZE(config.msr),
			.num_irqchips = XVC_ARRAY_SIZE(config.irqchips),
			.num_pci_devices = XVC_ARRAY_SIZE(config.pci),
			/* Linux has its own consoles (ttyS0) */
			.console = { .type = XVC_CON_NONE },
		},
	},
	.cpus = { 0xf },
	.memory = {
		/* low RAM */
		XVC_REGION_1TO1(0x0, 0x9f000, XVC_MEM_RAM),
		/* EBDA and MP table: firmware data Linux reads */
		XVC_REGION_1TO1(0x9f000, 0x1000,
				XVC_MEM_READ | XVC_MEM_WRITE),
		/* legacy VGA window */
		XVC_REGION_1TO1(0xa0000, 0x20000, XVC_MEM_MMIO),
		/* option ROMs and the BIOS: Linux reads SMBIOS there */
		XVC_REGION_1TO1(0xc0000, 0x40000, MEM_RO_EXEC),
		/*
		 * RAM up to the hypervisor; its last 136 MiB, from
		 * LINUX_POOL, are the Linux cell's pool, which Linux does not
		 * use (memmap=)
		 */
		XVC_REGION_1TO1(0x100000, HV_BASE - 0x100000, XVC_MEM_RAM),
		/* the cell pool: Linux does not use it (memmap=) */
		XVC_REGION_1TO1(POOL_BASE, POOL_END - POOL_BASE, XVC_MEM_RAM),
		/* RAM after the pool */
		XVC_REGION_1TO1(POOL_END, RAM_END - POOL_END, XVC_MEM_RAM),
		/* ACPI tables (the FACS holds the global lock: writable) */
		XVC_REGION_1TO1(RAM_END, 0x40000000 - RAM_END,
				XVC_MEM_READ | XVC_MEM_WRITE),
		/*
		 * Both PCI windows and MMCONFIG between them: all that lies
		 * between the end of RAM and the IOAPIC (Linux may place BARs
		 * anywhere in the windows)
		 */
		XVC_REGION_1TO1(0x40000000, 0xfec00000 - 0x40000000,
				XVC_MEM_MMIO),
		/* IOAPIC */
		XVC_REGION_1TO1(0xfec00000, 0x1000, XVC_MEM_MMIO),
		/* HPET */
		XVC_REGION_1TO1(0xfed00000, 0x1000, XVC_MEM_MMIO),
		/*
		 * The IOMMU's registers where a rig has one (AMD-Vi, VT-d):
		 * until the hypervisor takes IOMMUs over, Linux keeps
		 * driving its own, with its interrupt remapping, which an
		 * x2APIC root needs.  In qemu-vtd and qemu-amdvi the
		 * hypervisor drives the unit: its registers are not the root's.
		 */
#ifndef QEMU_RIG_AMDVI
		XVC_REGION_1TO1(0xfed80000, 0x4000, XVC_MEM_MMIO),
#endif
#ifndef QEMU_RIG_VTD
		XVC_REGION_1TO1(0xfed90000, 0x1000, XVC_MEM_MMIO),
#endif
		/* ICH9 LPC root complex register block */
		XVC_REGION_1TO1(0xfed1c000, 0x4000, XVC_MEM_MMIO),
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
		/* AMD64 MSRs minus EFER (the hypervisor owns it) */
		XVC_MSRS(0xc0000000, 0x80, MSR_RW),
		XVC_MSRS(0xc0000081, 0x2000 - 0x81, MSR_RW),
		/* AMD family MSRs minus VM_CR, IGNNE, SMM_CTL, VM_HSAVE_PA */
		XVC_MSRS(0xc0010000, 0x114, MSR_RW),
		XVC_MSRS(0xc0010118, 0x2000 - 0x118, MSR_RW),
	},
	.irqchips = {
		/* all 24 pins of the IOAPIC */
		{ .address = 0xfec00000, .pin_base = 0,
		  .pin_bitmap = { 0x00ffffff } },
	},
	.pci = {
		/* Linux drives it until pci-demo takes it */
		QEMU_EDU_DEVICE,
		QEMU_E1000E_DEVICE(QEMU_E1000E_BDF_B),
		QEMU_IGB_DEVICE(QEMU_IGB_BDF_B),
	},
};
