// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cell the PCI hostile test inmates (inmates/tests/pci-*.c) run in,
 * on the QEMU SVM rig started with --device edu: hostile-test's shape
 * (CPU 3, its own MiB of the cell pool, a comm region, the console
 * hypercall) plus QEMU's edu device (PCI 00:0a.0, qemu-edu.h), taken from
 * the root, which lists it identically.
 *
 * Like pci-demo, it owns 1 MiB of the root's PCI window at 0x40000000,
 * mapped 1:1 as device memory: the one place where the edu's BAR0 may
 * decode while memory decode is on.  The tests put it there as a control
 * before they try to put it elsewhere.  No DMA buffer: the tests never
 * start the edu's DMA engine.  CPU 3 goes beside apic-demo (CPU 1), the
 * bystander of the hostile scenarios.  IOAPIC pin 22 (the edu's INTA) is
 * the cell's, so that the ioapic-* tests (inmates/tests/ioapic-*.c) have
 * a pin of their own to misprogram and one (23) that is not.
 */
#include <xvcell/cell-config.h>
#include <xvcell/comm-region.h>

#include "qemu-edu.h"

#define CELL_RAM	0x3ca00000ULL	/* seventh MiB of the QEMU cell pool */
#define EDU_BAR_WINDOW	0x40000000ULL	/* start of the root's PCI window */

static struct {
	struct xvc_config_header header;
	struct xvc_cell_desc cell;
	uint64_t cpus[1];
	struct xvc_memory_region memory[3];
	struct xvc_irqchip irqchips[1];
	struct xvc_pci_device pci[1];
} config XVC_CONFIG = {
	.header = XVC_CELL_HEADER(config),
	.cell = {
		.name = "pci-hostile-test",
		.flags = XVC_CELL_CONSOLE_HYPERCALL,
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = XVC_ARRAY_SIZE(config.memory),
		.num_irqchips = XVC_ARRAY_SIZE(config.irqchips),
		.num_pci_devices = XVC_ARRAY_SIZE(config.pci),
		.reset_address = XVC_DEFAULT_RESET_ADDRESS,
		.console = { .type = XVC_CON_NONE },
	},
	.cpus = { 1ULL << 3 },
	.memory = {
		XVC_REGION(CELL_RAM, XVC_INMATE_LOAD_ADDRESS, 0x100000,
			   XVC_MEM_RAM | XVC_MEM_LOADABLE),
		XVC_COMM_REGION(XVC_INMATE_COMM_ADDRESS),
		/* where the tests place the edu's BAR0 as their control */
		XVC_REGION_1TO1(EDU_BAR_WINDOW, 0x100000, XVC_MEM_MMIO),
	},
	.irqchips = {
		/* the edu's INTx pin, for the ioapic-* tests */
		QEMU_EDU_IRQCHIP,
	},
	.pci = {
		QEMU_EDU_DEVICE,
	},
};
