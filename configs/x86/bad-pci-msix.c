// SPDX-License-Identifier: GPL-2.0-only
/*
 * A cell of the QEMU rig (qemu-svm.cell) that wants the second e1000e NIC
 * (PCI 00:0d.0, ci/run-guest --device e1000e), described exactly as the
 * root describes it (qemu-e1000e.h).  The config is valid: "xvcell config
 * check" finds nothing wrong.  But the NIC has MSI-X, whose table lives in
 * a BAR where the hypervisor does not yet check the messages written, so
 * the hypervisor refuses the cell at create (-EOPNOTSUPP), naming the
 * function (ci/scenarios/pci-msix-refused.sh).
 *
 * Otherwise the purpose-built bad cells' shape (bad-cell-region.h): CPU 3,
 * the last MiB of the cell pool as RAM, the comm region.
 */
#include <xvcell/cell-config.h>
#include <xvcell/comm-region.h>

#include "qemu-e1000e.h"

#define CELL_RAM	0x3df00000ULL	/* last MiB of the QEMU cell pool */

static struct {
	struct xvc_config_header header;
	struct xvc_cell_desc cell;
	uint64_t cpus[1];
	struct xvc_memory_region memory[2];
	struct xvc_pci_device pci[1];
} config XVC_CONFIG = {
	.header = XVC_CELL_HEADER(config),
	.cell = {
		.name = "bad-pci-msix",
		.flags = XVC_CELL_CONSOLE_HYPERCALL,
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = XVC_ARRAY_SIZE(config.memory),
		.num_pci_devices = XVC_ARRAY_SIZE(config.pci),
		.reset_address = XVC_DEFAULT_RESET_ADDRESS,
	},
	.cpus = { 1ULL << 3 },
	.memory = {
		XVC_REGION(CELL_RAM, XVC_INMATE_LOAD_ADDRESS, 0x100000,
			   XVC_MEM_RAM | XVC_MEM_LOADABLE),
		XVC_COMM_REGION(XVC_INMATE_COMM_ADDRESS),
	},
	.pci = {
		QEMU_E1000E_DEVICE(QEMU_E1000E_BDF_B),
	},
};
