/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * QEMU 10's igb NICs (Intel 82576, 8086:10c9) as the QEMU 10 rig places
 * them (ci/run-guest --emulator qemu10 --device igb, Documentation/rig.md):
 * a pair at 00:06.0 and 00:08.0.  QEMU 7.2 has no igb.
 *
 * From QEMU 10's hw/net/igb.c: BAR0 the registers (128 KiB), BAR1 the
 * flash (128 KiB), both 32-bit memory; BAR2 I/O (32 bytes); BAR3+4 the
 * MSI-X structures, 64-bit memory (16 KiB), with the table (10 entries)
 * at offset 0 and the PBA at 0x2000.  Capabilities: PM at 0x40, MSI at
 * 0x50 (1 vector, 64-bit, per-vector masking), MSI-X at 0x70, PCI Express
 * at 0xa0 with function-level reset (which resets the whole device model,
 * its registers included); SR-IOV in extended config space, its virtual
 * functions disabled.  Read back in the guest (sysfs resource and
 * reset_method "flr pm").  Its INTx wiring is not stated: a cell uses
 * MSI or MSI-X.
 *
 * The root lists 00:08.0 so that a cell may take it (pci-reset-test.c).
 */
#ifndef XVCELL_CONFIGS_QEMU_IGB_H
#define XVCELL_CONFIGS_QEMU_IGB_H

#include <xvcell/cell-config.h>

#include "qemu-rig.h"

#define QEMU_IGB_BDF_B		XVC_PCI_BDF(0, 0x08, 0)

/*
 * Where the rig's firmware (SeaBIOS) puts 00:08.0's memory BARs when the
 * guest boots with the qemu10-6.1-x2apic group's devices (edu, igb).
 */
#define QEMU_IGB_B_BAR0		0xfeb40000ULL
#define QEMU_IGB_B_BAR3		0xfeb94000ULL

#define QEMU_IGB_DEVICE(b)						\
	{								\
		.type = XVC_PCI_TYPE_DEVICE,				\
		.iommu = QEMU_RIG_IOMMU,				\
		.domain = 0,						\
		.bdf = (b),						\
		.bar_kind = { XVC_PCI_BAR_MEM32, XVC_PCI_BAR_MEM32,	\
			      XVC_PCI_BAR_IO, XVC_PCI_BAR_MEM64,	\
			      XVC_PCI_BAR_MEM64_HIGH },			\
		.bar_size = { 0x20000, 0x20000, 0x20, 0x4000, 0 },	\
		.msi_cap = 0x50,					\
		.num_msi_vectors = 1,					\
		.msix_cap = 0x70,					\
		.msix_table_entries = 10,				\
		.msix_table_bar = 3,					\
		.msix_table_offset = 0,					\
		.msix_pba_bar = 3,					\
		.msix_pba_offset = 0x2000,				\
	}

#endif /* XVCELL_CONFIGS_QEMU_IGB_H */
