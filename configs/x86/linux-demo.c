// SPDX-License-Identifier: GPL-2.0-only
/*
 * linux-demo: a cell for a stock Debian kernel on the 4-CPU QEMU rig
 * (xvcell cell linux, Documentation/linux-cell.md).
 *
 *   CPUs 2 and 3;
 *   128 MiB of RAM at guest 0, from the rig's Linux cell pool
 *     (memmap=136M$0x33800000, which ends where the hypervisor's
 *     reservation starts);
 *   one page shared with the root right after it (guest 0x8000000): the
 *     rig's scenarios read what the cell's init reports there;
 *   the comm region after that (guest 0x8001000): the tool tells the
 *     kernel where (xvc_comm=), and the rig's init answers shutdown
 *     requests through it;
 *   COM3 (0x3e8), its console, and its interrupt: IOAPIC pin 5, where the
 *     rig puts it (ci/run-guest) and its firmware says so ('xvcell cell
 *     linux' describes the UART with that interrupt in the cell's DSDT);
 *   the ACPI PM timer, the one clock the kernel can calibrate its APIC
 *     timer against (the tool describes it in ACPI tables);
 *   the MSRs a 64-bit kernel keeps per CPU (SYSCALL and SYSENTER entry
 *     points, FS/GS bases, PAT, TSC_AUX).
 *
 * A stock kernel probes the legacy PC (8259, PIT, RTC, keyboard
 * controller, the other UARTs, vendor MSRs): XVC_CELL_ABSENT_UNGRANTED
 * makes all of that read as absent instead of stopping the cell.  The
 * IOAPIC's other pins read masked, as for every cell; the kernel, which
 * finds no legacy PIC, leaves them alone (writing one would still stop the
 * cell).  No PCI device.
 */
#include <xvcell/cell-config.h>

#ifdef LINUX_CELL_NIC		/* linux-nic.c */
#include "qemu-e1000e.h"
#define CELL_NAME	"linux-nic"
#define NIC_REGIONS	3
#define NIC_DEVICES	1
#else
#define CELL_NAME	"linux-demo"
#define NIC_REGIONS	0
#define NIC_DEVICES	0
#endif

#define LINUX_POOL	0x33800000ULL
#define LINUX_RAM_SIZE	0x08000000ULL	/* 128 MiB */
#define SHARED_PAGE	(LINUX_POOL + LINUX_RAM_SIZE)
#define COMM_ADDRESS	(LINUX_RAM_SIZE + 0x1000)	/* guest, after the shared page */
#define CELL_UART	0x3e8	/* COM3 */
#define PM_TIMER_PORT	0x608	/* ICH9 ACPI PM timer */
#define LOADER_ADDRESS	0x1000	/* reset address: the tool puts its loader here */
#define IOAPIC_ADDRESS	0xfec00000
#define CELL_UART_PIN	5	/* COM3's IRQ on the QEMU rig */

#define MSR_RW		(XVC_MSR_READ | XVC_MSR_WRITE)

static struct {
	struct xvc_config_header header;
	struct xvc_cell_desc cell;
	uint64_t cpus[1];
	struct xvc_memory_region memory[3 + NIC_REGIONS];
	struct xvc_pio_range pio[2];
	struct xvc_msr_range msr[4];
	struct xvc_irqchip irqchips[1];
	struct xvc_pci_device pci[NIC_DEVICES];
} config XVC_CONFIG = {
	.header = XVC_CELL_HEADER(config),
	.cell = {
		.name = CELL_NAME,
		.flags = XVC_CELL_ABSENT_UNGRANTED,
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = XVC_ARRAY_SIZE(config.memory),
		.num_pio_ranges = XVC_ARRAY_SIZE(config.pio),
		.num_msr_ranges = XVC_ARRAY_SIZE(config.msr),
		.num_irqchips = XVC_ARRAY_SIZE(config.irqchips),
		.num_pci_devices = NIC_DEVICES,
		.reset_address = LOADER_ADDRESS,
		.console = XVC_UART_PIO(CELL_UART),
	},
	.cpus = { (1ULL << 2) | (1ULL << 3) },
	.memory = {
		XVC_REGION(LINUX_POOL, 0x0, LINUX_RAM_SIZE,
			   XVC_MEM_RAM | XVC_MEM_LOADABLE),
		XVC_REGION(SHARED_PAGE, LINUX_RAM_SIZE, 0x1000,
			   XVC_MEM_READ | XVC_MEM_WRITE | XVC_MEM_ROOTSHARED),
		XVC_COMM_REGION(COMM_ADDRESS),
#ifdef LINUX_CELL_NIC
		/* the NIC's registers, flash, and MSI-X table and PBA */
		XVC_REGION_1TO1(QEMU_E1000E_B_BAR0, 0x20000, XVC_MEM_MMIO),
		XVC_REGION_1TO1(QEMU_E1000E_B_BAR1, 0x20000, XVC_MEM_MMIO),
		XVC_REGION_1TO1(QEMU_E1000E_B_BAR3, 0x4000, XVC_MEM_MMIO),
#endif
	},
	.pio = {
		XVC_PIO(CELL_UART, 8),
		XVC_PIO(PM_TIMER_PORT, 4),	/* read only in use */
	},
	.msr = {
		XVC_MSRS(0x174, 3, MSR_RW),		/* SYSENTER_CS/ESP/EIP */
		XVC_MSRS(0x277, 1, MSR_RW),		/* PAT */
		XVC_MSRS(0xc0000081, 4, MSR_RW),	/* STAR, LSTAR, CSTAR, SFMASK */
		XVC_MSRS(0xc0000100, 4, MSR_RW),	/* FS/GS/KERNEL_GS base, TSC_AUX */
	},
	.irqchips = {
		{ .address = IOAPIC_ADDRESS, .pin_bitmap = { 1U << CELL_UART_PIN } },
	},
#ifdef LINUX_CELL_NIC
	.pci = {
		QEMU_E1000E_DEVICE(QEMU_E1000E_BDF_B),
	},
#endif
};
