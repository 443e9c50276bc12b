// SPDX-License-Identifier: GPL-2.0-only
/*
 * smp-demo cell for the 4-CPU QEMU rig: CPUs 2 and 3, 1 MiB of RAM at guest
 * address 0 and the comm region.  It prints through the console hypercall
 * only, so its CPUs need no lock around a shared UART.  Its only port is
 * the ACPI PM timer, which the inmate library calibrates the TSC against
 * (IPI timeouts, SIPI delays); being read-only it may be shared, so the
 * cell can run beside apic-demo (but not tiny-demo, which wants CPU 2).
 */
#include <xvcell/cell-config.h>
#include <xvcell/comm-region.h>

#define CELL_RAM	0x3c600000ULL	/* third MiB of the QEMU cell pool */
#define PM_TIMER_PORT	0x608

static struct {
	struct xvc_config_header header;
	struct xvc_cell_desc cell;
	uint64_t cpus[1];
	struct xvc_memory_region memory[2];
	struct xvc_pio_range pio[1];
} config XVC_CONFIG = {
	.header = XVC_CELL_HEADER(config),
	.cell = {
		.name = "smp-demo",
		.flags = XVC_CELL_CONSOLE_HYPERCALL,
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = XVC_ARRAY_SIZE(config.memory),
		.num_pio_ranges = XVC_ARRAY_SIZE(config.pio),
		.reset_address = XVC_DEFAULT_RESET_ADDRESS,
		.console = { .type = XVC_CON_NONE },
	},
	.cpus = { (1ULL << 2) | (1ULL << 3) },
	.memory = {
		XVC_REGION(CELL_RAM, XVC_INMATE_LOAD_ADDRESS, 0x100000,
			   XVC_MEM_RAM | XVC_MEM_LOADABLE),
		XVC_COMM_REGION(XVC_INMATE_COMM_ADDRESS),
	},
	.pio = {
		XVC_PIO(PM_TIMER_PORT, 4),	/* 32-bit PM timer, read only */
	},
};
