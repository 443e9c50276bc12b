// SPDX-License-Identifier: GPL-2.0-only
/*
 * pci-demo cell for the QEMU rig (qemu-svm.cell) started with --device
 * edu: one CPU, 1 MiB of RAM, and QEMU's edu device (PCI 00:0a.0), taken
 * from the root, which lists it identically (qemu-edu.h).
 *
 * RAM comes from the cell pool after apic-demo's, tiny-demo's, smp-demo's
 * and hostile-test's; CPU 3 goes with apic-demo and tiny-demo (not with
 * smp-demo, which wants CPUs 2-3).  The inmate reads the PM timer to
 * measure interrupt latency and prints through the console hypercall.
 *
 * The edu's BAR0 is programmed at run time (the BIOS or Linux places it in
 * the PCI window); no memory region names it yet: mapping it for the cell
 * follows config-space mediation (issue 12, item 2).
 */
#include <xvcell/cell-config.h>
#include <xvcell/comm-region.h>

#include "qemu-edu.h"

#define CELL_RAM	0x3c800000ULL	/* fifth MiB of the QEMU cell pool */
#define PM_TIMER_PORT	0x608

static struct {
	struct xvc_config_header header;
	struct xvc_cell_desc cell;
	uint64_t cpus[1];
	struct xvc_memory_region memory[2];
	struct xvc_pio_range pio[1];
	struct xvc_pci_device pci[1];
} config XVC_CONFIG = {
	.header = XVC_CELL_HEADER(config),
	.cell = {
		.name = "pci-demo",
		.flags = XVC_CELL_CONSOLE_HYPERCALL,
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = XVC_ARRAY_SIZE(config.memory),
		.num_pio_ranges = XVC_ARRAY_SIZE(config.pio),
		.num_pci_devices = XVC_ARRAY_SIZE(config.pci),
		.reset_address = XVC_DEFAULT_RESET_ADDRESS,
		.console = { .type = XVC_CON_NONE },
	},
	.cpus = { 1ULL << 3 },
	.memory = {
		/* DMA: the edu's engine writes here (no IOMMU on the rig) */
		XVC_REGION(CELL_RAM, XVC_INMATE_LOAD_ADDRESS, 0x100000,
			   XVC_MEM_RAM | XVC_MEM_LOADABLE),
		XVC_COMM_REGION(XVC_INMATE_COMM_ADDRESS),
	},
	.pio = {
		XVC_PIO(PM_TIMER_PORT, 4),	/* 32-bit PM timer, read only in use */
	},
	.pci = {
		QEMU_EDU_DEVICE,
	},
};
