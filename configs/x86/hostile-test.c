// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cell the hostile test inmates (inmates/tests) run in, on the QEMU
 * SVM rig: CPU 3 and its own MiB of the cell pool, a comm region, the
 * console hypercall, nothing else.  It may run beside apic-demo (CPU 1)
 * and tiny-demo (CPU 2), which is how the tests show that other cells
 * keep running while this one is stopped.
 */
#include <xvcell/cell-config.h>
#include <xvcell/comm-region.h>

#define CELL_RAM	0x3c700000ULL	/* fourth MiB of the QEMU cell pool */

static struct {
	struct xvc_config_header header;
	struct xvc_cell_desc cell;
	uint64_t cpus[1];
	struct xvc_memory_region memory[2];
	struct xvc_msr_range msr[3];
} config XVC_CONFIG = {
	.header = XVC_CELL_HEADER(config),
	.cell = {
		.name = "hostile-test",
		.flags = XVC_CELL_CONSOLE_HYPERCALL,
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = XVC_ARRAY_SIZE(config.memory),
		.num_msr_ranges = XVC_ARRAY_SIZE(config.msr),
		.reset_address = XVC_DEFAULT_RESET_ADDRESS,
		.console = { .type = XVC_CON_NONE },
	},
	.cpus = { 1ULL << 3 },
	.memory = {
		XVC_REGION(CELL_RAM, XVC_INMATE_LOAD_ADDRESS, 0x100000,
			   XVC_MEM_RAM | XVC_MEM_LOADABLE),
		XVC_COMM_REGION(XVC_INMATE_COMM_ADDRESS),
	},
	/*
	 * Read access for state-leak (the SYSCALL MSRs, KERNEL_GS_BASE), and HWCR
	 * granted in full for msr-protected: the hypervisor's deny list must
	 * win over a config.
	 */
	.msr = {
		XVC_MSRS(0xc0000081, 4, XVC_MSR_READ),
		XVC_MSRS(0xc0000102, 1, XVC_MSR_READ),
		XVC_MSRS(0xc0010015, 1, XVC_MSR_READ | XVC_MSR_WRITE),
	},
};
