/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The purpose-built bad cells of the QEMU rig (qemu-svm.cell) that differ
 * from a valid cell by one memory region: CPU 3, the last MiB of the cell
 * pool as RAM, the comm region, and BAD_REGION.  "xvcell config check"
 * and "xvcell cell create" must refuse each with the same message
 * (tests/test-cli, ci/scenarios/cells-bad-input.sh).
 *
 * A config defines BAD_CELL_NAME and BAD_REGION, then includes this.
 */
#include <xvcell/cell-config.h>
#include <xvcell/comm-region.h>

#define CELL_RAM	0x3df00000ULL	/* last MiB of the QEMU cell pool */

static struct {
	struct xvc_config_header header;
	struct xvc_cell_desc cell;
	uint64_t cpus[1];
	struct xvc_memory_region memory[3];
} config XVC_CONFIG = {
	.header = XVC_CELL_HEADER(config),
	.cell = {
		.name = BAD_CELL_NAME,
		.flags = XVC_CELL_CONSOLE_HYPERCALL,
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = XVC_ARRAY_SIZE(config.memory),
		.reset_address = XVC_DEFAULT_RESET_ADDRESS,
	},
	.cpus = { 1ULL << 3 },
	.memory = {
		XVC_REGION(CELL_RAM, XVC_INMATE_LOAD_ADDRESS, 0x100000,
			   XVC_MEM_RAM | XVC_MEM_LOADABLE),
		XVC_COMM_REGION(XVC_INMATE_COMM_ADDRESS),
		BAD_REGION,
	},
};
