// SPDX-License-Identifier: GPL-2.0-only
/*
 * tiny-demo cell for the QEMU rig: the smallest useful cell.  One CPU, 1 MiB
 * of RAM at guest address 0, the comm region, and no device at all: it
 * prints only through the console hypercall.  Fits beside apic-demo on the
 * 4-CPU rig (CPU 2, the next MiB of the pool).
 */
#include <xvcell/cell-config.h>
#include <xvcell/comm-region.h>

#define CELL_RAM	0x3c500000ULL	/* second MiB of the QEMU cell pool */

static struct {
	struct xvc_config_header header;
	struct xvc_cell_desc cell;
	uint64_t cpus[1];
	struct xvc_memory_region memory[2];
} config XVC_CONFIG = {
	.header = XVC_CELL_HEADER(config),
	.cell = {
		.name = "tiny-demo",
		.flags = XVC_CELL_CONSOLE_HYPERCALL,
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = XVC_ARRAY_SIZE(config.memory),
		.reset_address = XVC_DEFAULT_RESET_ADDRESS,
		.console = { .type = XVC_CON_NONE },
	},
	.cpus = { 1ULL << 2 },
	.memory = {
		XVC_REGION(CELL_RAM, XVC_INMATE_LOAD_ADDRESS, 0x100000,
			   XVC_MEM_RAM | XVC_MEM_LOADABLE),
		XVC_COMM_REGION(XVC_INMATE_COMM_ADDRESS),
	},
};
