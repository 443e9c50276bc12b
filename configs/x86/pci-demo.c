// SPDX-License-Identifier: GPL-2.0-only
/*
 * pci-demo cell for the QEMU rig (qemu-svm.cell) started with --device
 * edu: one CPU, 1 MiB of RAM, and QEMU's edu device (PCI 00:0a.0), taken
 * from the root, which lists it identically (qemu-edu.h).
 *
 * RAM comes from the cell pool after apic-demo's, tiny-demo's, smp-demo's
 * and hostile-test's; CPU 3 goes with apic-demo and tiny-demo (not with
 * smp-demo, which wants CPUs 2-3).  The inmate calibrates the TSC it
 * measures MSI latency with against the PM timer and prints through the
 * console hypercall.
 *
 * The inmate programs the edu's BAR0 into a window of its own: 1 MiB of
 * the root's PCI window at 0x40000000 (below where SeaBIOS and Linux put
 * BARs on this rig), mapped 1:1 as device memory.  The edu's DMA engine
 * sees host-physical addresses (no IOMMU on the rig), so the buffers it
 * reads and writes lie in 64 KiB of cell RAM mapped 1:1, where
 * guest-physical and host-physical addresses agree: 0x3c900000, the MiB
 * after the cell's RAM.  The rig raises the edu's 28-bit DMA mask to 32
 * bits (ci/run-guest) so that it reaches there.
 *
 * No config-space ports are granted: the hypervisor mediates every cell's
 * 0xcf8-0xcff accesses (hypervisor/pci.c) and lets pci-demo see and
 * program only the edu.  IOAPIC pin 22, where the edu's INTA goes, is
 * the cell's while it exists: it changes owner masked and empty
 * (hypervisor/arch/x86/ioapic.c).
 */
#include <xvcell/cell-config.h>
#include <xvcell/comm-region.h>

#include "qemu-edu.h"

#define CELL_RAM	0x3c800000ULL	/* fifth MiB of the QEMU cell pool */
#define EDU_BAR_WINDOW	0x40000000ULL	/* start of the root's PCI window */
#define DMA_RAM		0x3c900000ULL	/* sixth MiB of the QEMU cell pool */
#define PM_TIMER_PORT	0x608

static struct {
	struct xvc_config_header header;
	struct xvc_cell_desc cell;
	uint64_t cpus[1];
	struct xvc_memory_region memory[4];
	struct xvc_pio_range pio[1];
	struct xvc_irqchip irqchips[1];
	struct xvc_pci_device pci[1];
} config XVC_CONFIG = {
	.header = XVC_CELL_HEADER(config),
	.cell = {
		.name = "pci-demo",
		.flags = XVC_CELL_CONSOLE_HYPERCALL,
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = XVC_ARRAY_SIZE(config.memory),
		.num_pio_ranges = XVC_ARRAY_SIZE(config.pio),
		.num_irqchips = XVC_ARRAY_SIZE(config.irqchips),
		.num_pci_devices = XVC_ARRAY_SIZE(config.pci),
		.reset_address = XVC_DEFAULT_RESET_ADDRESS,
		.console = { .type = XVC_CON_NONE },
	},
	.cpus = { 1ULL << 3 },
	.memory = {
		XVC_REGION(CELL_RAM, XVC_INMATE_LOAD_ADDRESS, 0x100000,
			   XVC_MEM_RAM | XVC_MEM_LOADABLE),
		XVC_COMM_REGION(XVC_INMATE_COMM_ADDRESS),
		/* the edu's BAR0, placed here by the inmate */
		XVC_REGION_1TO1(EDU_BAR_WINDOW, 0x100000, XVC_MEM_MMIO),
		/* DMA buffers: the edu's engine uses host-physical addresses */
		XVC_REGION_1TO1(DMA_RAM, 0x10000, XVC_MEM_RAM),
	},
	.pio = {
		XVC_PIO(PM_TIMER_PORT, 4),	/* 32-bit PM timer, read only in use */
	},
	.irqchips = {
		/* the edu's INTx: IOAPIC pin 22 */
		QEMU_EDU_IRQCHIP,
	},
	.pci = {
		QEMU_EDU_DEVICE,
	},
};
