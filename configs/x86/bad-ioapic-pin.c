// SPDX-License-Identifier: GPL-2.0-only
/*
 * A cell of the QEMU rig (qemu-svm.cell) asking for IOAPIC pins 22 and
 * 24.  The config is valid ("xvcell config check" finds nothing wrong),
 * but the root grants only pins 0-23 of the rig's 24-pin IOAPIC, so the
 * hypervisor refuses the cell at create (-EINVAL), naming pin 24, and
 * leaves pin 22, which it could have taken, as the root programmed it
 * (ci/scenarios/ioapic-pin-refused.sh).
 *
 * Otherwise the bad cells' shape: CPU 3, the last MiB of the cell pool as
 * RAM, the comm region.
 */
#include <xvcell/cell-config.h>
#include <xvcell/comm-region.h>

#define CELL_RAM	0x3df00000ULL	/* last MiB of the QEMU cell pool */

static struct {
	struct xvc_config_header header;
	struct xvc_cell_desc cell;
	uint64_t cpus[1];
	struct xvc_memory_region memory[2];
	struct xvc_irqchip irqchips[1];
} config XVC_CONFIG = {
	.header = XVC_CELL_HEADER(config),
	.cell = {
		.name = "bad-ioapic-pin",
		.flags = XVC_CELL_CONSOLE_HYPERCALL,
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = XVC_ARRAY_SIZE(config.memory),
		.num_irqchips = XVC_ARRAY_SIZE(config.irqchips),
		.reset_address = XVC_DEFAULT_RESET_ADDRESS,
	},
	.cpus = { 1ULL << 3 },
	.memory = {
		XVC_REGION(CELL_RAM, XVC_INMATE_LOAD_ADDRESS, 0x100000,
			   XVC_MEM_RAM | XVC_MEM_LOADABLE),
		XVC_COMM_REGION(XVC_INMATE_COMM_ADDRESS),
	},
	.irqchips = {
		{ .address = 0xfec00000, .pin_base = 0,
		  .pin_bitmap = { (1U << 22) | (1U << 24) } },
	},
};
