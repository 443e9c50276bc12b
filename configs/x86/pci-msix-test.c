// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cell the MSI-X hostile tests (inmates/tests/pci-msix.c) run in, on
 * the QEMU rig of the qemu-6.1-pci group (ci/run-guest --device edu
 * --device e1000e --device pci-bridge): the second e1000e NIC (PCI
 * 00:0d.0, qemu-e1000e.h), taken from the root, which lists it
 * identically.
 *
 * Its MSI-X table is in BAR3, and a BAR holding an MSI-X table decodes
 * only where the root left it while a cell owns the function: the cell
 * maps, 1:1 as device memory, the three memory BARs where that rig's
 * firmware puts them (QEMU_E1000E_B_BAR0/1/3; read back in the guest on
 * QEMU 7.2 and 10), since memory decode turns them all on: BAR0 the
 * registers (through which the tests make the NIC raise an interrupt),
 * BAR1 the flash, BAR3 the MSI-X table and PBA.  BAR2 (ports) stays
 * dark: the cell has no ports and never turns I/O decode on.
 *
 * It owns the edu (00:0a.0, qemu-edu.h) too, but not the IOAPIC pin the
 * edu's INTx drives (22), and the e1000e's INTx wiring is not in the
 * configs: the INTx tests turn INTx on for each, which the hypervisor
 * must refuse.  The edu's BAR stays dark (no region for it).
 *
 * Otherwise hostile-test's shape: CPU 3 (beside apic-demo on CPU 1), the
 * last MiB of the cell pool as RAM, a comm region, the console hypercall.
 */
#include <xvcell/cell-config.h>
#include <xvcell/comm-region.h>

#include "qemu-e1000e.h"
#include "qemu-edu.h"

#define CELL_RAM	0x3df00000ULL	/* last MiB of the QEMU cell pool */

static struct {
	struct xvc_config_header header;
	struct xvc_cell_desc cell;
	uint64_t cpus[1];
	struct xvc_memory_region memory[4];
	struct xvc_pci_device pci[2];
} config XVC_CONFIG = {
	.header = XVC_CELL_HEADER(config),
	.cell = {
		.name = "pci-msix-test",
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
		XVC_REGION_1TO1(QEMU_E1000E_B_BAR0, 0x40000, XVC_MEM_MMIO),
		/* its MSI-X table (offset 0) and PBA (0x2000) */
		XVC_REGION_1TO1(QEMU_E1000E_B_BAR3, 0x4000, XVC_MEM_MMIO),
	},
	.pci = {
		QEMU_E1000E_DEVICE(QEMU_E1000E_BDF_B),
		QEMU_EDU_DEVICE,
	},
};
