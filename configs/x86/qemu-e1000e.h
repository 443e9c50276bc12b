/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * QEMU's e1000e NICs (Intel 82574L, 8086:10d3) as the QEMU rigs place
 * them (ci/run-guest --device e1000e, Documentation/rig.md): a pair at
 * 00:0c.0 and 00:0d.0.
 *
 * From QEMU's hw/net/e1000e.c (the same in QEMU 7.2 and 10): four BARs,
 * registered as 32-bit memory or I/O: BAR0 the registers (128 KiB), BAR1
 * the flash (128 KiB), BAR2 I/O (32 bytes), BAR3 the MSI-X structures
 * (16 KiB), with the table (E1000E_MSIX_VEC_NUM = 5 entries) at offset 0
 * and the PBA at 0x2000.  Capabilities: MSI-X at 0xa0, PM at 0xc8, MSI at
 * 0xd0 (msi_init(dev, 0xd0, 1, true, false): 1 vector, 64-bit, no
 * per-vector masking), PCI Express at 0xe0.  No IOMMU in qemu-svm.cell.
 * Read back in the guest on QEMU 7.2 and 10 (sysfs resource and config):
 * the same BARs, capabilities, table size and BIR/offsets.
 *
 * The root lists 00:0d.0 so that a cell may take it (pci-msix-test.c).
 * A cell's device must be described exactly as the root describes it,
 * hence one macro.
 */
#ifndef XVCELL_CONFIGS_QEMU_E1000E_H
#define XVCELL_CONFIGS_QEMU_E1000E_H

#include <xvcell/cell-config.h>

#include "qemu-rig.h"

#define QEMU_E1000E_BDF_A	XVC_PCI_BDF(0, 0x0c, 0)
#define QEMU_E1000E_BDF_B	XVC_PCI_BDF(0, 0x0d, 0)

/*
 * Where the rig's firmware (SeaBIOS) puts 00:0d.0's memory BARs when the
 * guest boots with the qemu-6.1-pci group's devices (edu, e1000e,
 * pci-bridge), read back from sysfs on QEMU 7.2 and 10.  Other devices
 * may move them; a cell config naming them is then refused at create,
 * its MSI-X table being outside the cell's device memory.
 */
#define QEMU_E1000E_B_BAR0	0xfeb40000ULL
#define QEMU_E1000E_B_BAR1	0xfeb60000ULL
#define QEMU_E1000E_B_BAR3	0xfeb94000ULL

#define QEMU_E1000E_DEVICE(b)						\
	{								\
		.type = XVC_PCI_TYPE_DEVICE,				\
		.iommu = QEMU_RIG_IOMMU,				\
		.domain = 0,						\
		.bdf = (b),						\
		.bar_kind = { XVC_PCI_BAR_MEM32, XVC_PCI_BAR_MEM32,	\
			      XVC_PCI_BAR_IO, XVC_PCI_BAR_MEM32 },	\
		.bar_size = { 0x20000, 0x20000, 0x20, 0x4000 },		\
		.msi_cap = 0xd0,					\
		.num_msi_vectors = 1,					\
		.msix_cap = 0xa0,					\
		.msix_table_entries = 5,				\
		.msix_table_bar = 3,					\
		.msix_table_offset = 0,					\
		.msix_pba_bar = 3,					\
		.msix_pba_offset = 0x2000,				\
	}

#endif /* XVCELL_CONFIGS_QEMU_E1000E_H */
