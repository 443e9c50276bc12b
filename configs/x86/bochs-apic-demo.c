// SPDX-License-Identifier: GPL-2.0-only
/*
 * apic-demo cell for the Bochs rig (bochs-vmx.cell): one CPU, 1 MiB of RAM.
 *
 * The cell's RAM is taken from the pool Linux leaves alone (memmap=) and
 * appears at guest address 0, where the inmate is loaded and starts (the
 * default reset address); the comm region follows at 1 MiB, where the
 * inmate library expects it (comm-region.h).
 *
 * The inmate prints through the console hypercall; its own UART, COM3
 * (0x3e8), is where it falls back to, or prints with console=0x3e8.  Not
 * the hypervisor's console (0x2f8 on the rigs): no cell may be granted
 * that.  The rigs provide a third UART at 0x3e8; where there is none,
 * writes go nowhere and do no harm (an absent UART reads 0xff, so the
 * inmate library's LSR poll sees an empty transmitter and never waits).
 * The cell also reads the ACPI PM timer to measure the APIC timer against
 * a known clock.
 *
 * Same cell as apic-demo.c (same name, so scripts need not care which rig
 * they run on), but with RAM from the Bochs pool and the PIIX4 PM timer.
 */
#include <xvcell/cell-config.h>
#include <xvcell/comm-region.h>

#define CELL_RAM	0x1c400000ULL	/* first MiB of the Bochs cell pool */
#define CELL_UART	0x3e8	/* COM3 */
#define PM_TIMER_PORT	0xb008	/* PIIX4 PMBASE 0xb000 + 8 */

static struct {
	struct xvc_config_header header;
	struct xvc_cell_desc cell;
	uint64_t cpus[1];
	struct xvc_memory_region memory[2];
	struct xvc_pio_range pio[2];
} config XVC_CONFIG = {
	.header = XVC_CELL_HEADER(config),
	.cell = {
		.name = "apic-demo",
		.flags = XVC_CELL_CONSOLE_HYPERCALL,
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = XVC_ARRAY_SIZE(config.memory),
		.num_pio_ranges = XVC_ARRAY_SIZE(config.pio),
		.reset_address = XVC_DEFAULT_RESET_ADDRESS,
		.console = XVC_UART_PIO(CELL_UART),
	},
	.cpus = { 1ULL << 1 },
	.memory = {
		XVC_REGION(CELL_RAM, XVC_INMATE_LOAD_ADDRESS, 0x100000,
			   XVC_MEM_RAM | XVC_MEM_LOADABLE),
		XVC_COMM_REGION(XVC_INMATE_COMM_ADDRESS),
	},
	.pio = {
		XVC_PIO(CELL_UART, 8),		/* COM3, the cell's own */
		XVC_PIO(PM_TIMER_PORT, 4),	/* 32-bit PM timer, read only in use */
	},
};
