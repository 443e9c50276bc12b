// SPDX-License-Identifier: GPL-2.0-only
/*
 * bad-io-on-ram: device memory (IO) taken from the root's RAM
 * [mmio-outside-root].
 *
 * A cell's IO regions come from the root's device memory: IO regions
 * are never scrubbed, so RAM taken as IO would hand the cell whatever
 * the root left there.  Here the MiB below this cell's RAM.
 *
 * A purpose-built bad cell for the QEMU rig (qemu-svm.cell): apart from
 * that, a valid cell (CPU 3, the last MiB of the cell pool, the comm
 * region).  "xvcell config check" and "xvcell cell create" must refuse it
 * with the same message (tests/test-cli, ci/scenarios/cells-bad-input.sh).
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
		.name = "bad-io-on-ram",
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
		XVC_REGION(CELL_RAM - 0x100000, 0x200000, 0x100000,
			   XVC_MEM_MMIO),
	},
};
