// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cell of the pci-reset scenario, on the QEMU 10 rig of the
 * qemu10-6.1-x2apic group (ci/run-guest --emulator qemu10 --device edu
 * --device igb): the second igb NIC (PCI 00:08.0, qemu-igb.h), which has
 * a function-level reset, taken from the root, which lists it identically.
 * The scenario checks that a function comes back to Linux reset.
 *
 * Its MSI-X table is in BAR3, which decodes only where the root left it
 * while a cell owns the function: the cell maps, 1:1 as device memory,
 * the memory BARs where that rig's firmware puts them (BAR0 and BAR1
 * adjacent, then BAR3).  Otherwise hostile-test's shape: CPU 3, the last
 * MiB of the cell pool as RAM, a comm region, the console hypercall.
 */
#include <xvcell/cell-config.h>
#include <xvcell/comm-region.h>

#include "qemu-igb.h"

#define CELL_RAM	0x3df00000ULL	/* last MiB of the QEMU cell pool */

static struct {
	struct xvc_config_header header;
	struct xvc_cell_desc cell;
	uint64_t cpus[1];
	struct xvc_memory_region memory[4];
	struct xvc_pci_device pci[1];
} config XVC_CONFIG = {
	.header = XVC_CELL_HEADER(config),
	.cell = {
		.name = "pci-reset-test",
		.flags = XVC_CELL_CONSOLE_HYPERCALL,
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = XVC_ARRAY_SIZE(config.memory),
		.num_pci_devices = XVC_ARRAY_SIZE(config.pci),
		.reset_address = XVC_DEFAULT_RESET_ADDRESS,
		.console = { .type = XVC_CON_NONE },
	},
	.cpus = { 1ULL << 3 },
	.memory = {
		XVC_REGION(CELL_RAM, XVC_INMATE_LOAD_ADDRESS, 0x100000,
			   XVC_MEM_RAM | XVC_MEM_LOADABLE),
		XVC_COMM_REGION(XVC_INMATE_COMM_ADDRESS),
		/* the NIC's registers (BAR0) and flash (BAR1), adjacent */
		XVC_REGION_1TO1(QEMU_IGB_B_BAR0, 0x40000, XVC_MEM_MMIO),
		/* its MSI-X table (offset 0) and PBA (0x2000) */
		XVC_REGION_1TO1(QEMU_IGB_B_BAR3, 0x4000, XVC_MEM_MMIO),
	},
	.pci = {
		QEMU_IGB_DEVICE(QEMU_IGB_BDF_B),
	},
};
