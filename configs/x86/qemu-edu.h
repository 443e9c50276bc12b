/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * QEMU's "edu" teaching device as the QEMU rigs place it (ci/run-guest
 * --device edu, Documentation/rig.md): PCI 1234:11e8 at 00:0a.0.
 *
 * From QEMU's hw/misc/edu.c: BAR0 is 1 MiB of 32-bit, non-prefetchable
 * memory (the only BAR); msi_init(pdev, 0, 1, true, false) gives an MSI
 * capability with 1 vector, 64-bit addresses and no per-vector masking,
 * placed by QEMU at the first free config offset, 0x40, since edu has no
 * other capability; no MSI-X.  The rigs have no IOMMU in qemu-svm.cell.
 *
 * The root (qemu-svm.c) lists it and pci-demo.c takes it: a cell's device
 * must be described exactly as the root describes it, hence one macro.
 */
#ifndef XVCELL_CONFIGS_QEMU_EDU_H
#define XVCELL_CONFIGS_QEMU_EDU_H

#include <xvcell/cell-config.h>

#define QEMU_EDU_BDF	XVC_PCI_BDF(0, 0x0a, 0)

#define QEMU_EDU_DEVICE						\
	{							\
		.type = XVC_PCI_TYPE_DEVICE,			\
		.iommu = XVC_PCI_NO_IOMMU,			\
		.domain = 0,					\
		.bdf = QEMU_EDU_BDF,				\
		.bar_kind = { XVC_PCI_BAR_MEM32 },		\
		.bar_size = { 0x100000 },			\
		.msi_cap = 0x40,				\
		.num_msi_vectors = 1,				\
	}

#endif /* XVCELL_CONFIGS_QEMU_EDU_H */
