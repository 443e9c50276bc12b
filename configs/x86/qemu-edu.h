/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * QEMU's "edu" teaching device as the QEMU rigs place it (ci/run-guest
 * --device edu, Documentation/rig.md): PCI 1234:11e8 at 00:0a.0.
 *
 * From QEMU's hw/misc/edu.c: BAR0 is 1 MiB of 32-bit, non-prefetchable
 * memory (the only BAR); msi_init(pdev, 0, 1, true, false) gives an MSI
 * capability with 1 vector, 64-bit addresses and no per-vector masking,
 * placed by QEMU at the first free config offset, 0x40, since edu has no
 * other capability; no MSI-X.  The rigs have no IOMMU in qemu-svm.cell,
 * so the edu's DMA addresses are host-physical; QEMU masks them to 28 bits
 * unless told otherwise, and the rigs create the edu with a 32-bit
 * dma_mask so that it reaches cell RAM (above 256 MiB).
 *
 * The root (qemu-svm.c) lists it and pci-demo.c takes it: a cell's device
 * must be described exactly as the root describes it, hence one macro.
 */
#ifndef XVCELL_CONFIGS_QEMU_EDU_H
#define XVCELL_CONFIGS_QEMU_EDU_H

#include <xvcell/cell-config.h>

#include "qemu-rig.h"

#define QEMU_EDU_BDF	XVC_PCI_BDF(0, 0x0a, 0)

/*
 * Its INTA, for a cell that takes the edu's INTx: q35 wires slot 10's
 * INTA to PIRQG, which QEMU's ICH9 drives into IOAPIC pin 22 (GSI 22;
 * Linux's pci_enable_device() gives the edu irq 22), level-triggered and
 * active low like every PCI interrupt line.  The rigs' one IOAPIC has
 * GSI base 0, so the pin is the GSI too.
 */
#define QEMU_EDU_IOAPIC_PIN	22

#define QEMU_EDU_DEVICE						\
	{							\
		.type = XVC_PCI_TYPE_DEVICE,			\
		.iommu = QEMU_RIG_IOMMU,			\
		.domain = 0,					\
		.bdf = QEMU_EDU_BDF,				\
		.bar_kind = { XVC_PCI_BAR_MEM32 },		\
		.bar_size = { 0x100000 },			\
		.msi_cap = 0x40,				\
		.num_msi_vectors = 1,				\
		.intx = XVC_PCI_INTX_GSI,			\
		.intx_gsi = QEMU_EDU_IOAPIC_PIN,		\
	}

#define QEMU_EDU_IRQCHIP					\
	{							\
		.address = 0xfec00000,				\
		.pin_base = 0,					\
		.pin_bitmap = { 1U << QEMU_EDU_IOAPIC_PIN },	\
	}

#endif /* XVCELL_CONFIGS_QEMU_EDU_H */
