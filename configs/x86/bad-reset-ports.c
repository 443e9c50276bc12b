// SPDX-License-Identifier: GPL-2.0-only
/*
 * bad-reset-ports: a cell granted the ports that reset the machine
 * [pio-reserved, three times].
 *
 * 0x64 (keyboard controller, command 0xfe), 0x92 (fast reset) and
 * 0xcf8-0xcff (PCI config mechanism #1 with reset control at 0xcf9) act
 * on the whole machine; the root is granted them, no other cell may be.
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
	struct xvc_memory_region memory[2];
	struct xvc_pio_range pio[3];
} config XVC_CONFIG = {
	.header = XVC_CELL_HEADER(config),
	.cell = {
		.name = "bad-reset-ports",
		.flags = XVC_CELL_CONSOLE_HYPERCALL,
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = XVC_ARRAY_SIZE(config.memory),
		.num_pio_ranges = XVC_ARRAY_SIZE(config.pio),
		.reset_address = XVC_DEFAULT_RESET_ADDRESS,
	},
	.cpus = { 1ULL << 3 },
	.memory = {
		XVC_REGION(CELL_RAM, XVC_INMATE_LOAD_ADDRESS, 0x100000,
			   XVC_MEM_RAM | XVC_MEM_LOADABLE),
		XVC_COMM_REGION(XVC_INMATE_COMM_ADDRESS),
	},
	.pio = {
		XVC_PIO(0x64, 1),
		XVC_PIO(0x92, 1),
		XVC_PIO(0xcf8, 8),
	},
};
