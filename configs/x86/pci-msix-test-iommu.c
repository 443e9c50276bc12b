// SPDX-License-Identifier: GPL-2.0-only
/*
 * pci-msix-test for the QEMU rigs whose IOMMU the hypervisor drives
 * (qemu-vtd.cell, qemu-amdvi.cell): pci-msix-test.c with its devices behind
 * IOMMU 0, as those roots list them.  Same cell name.
 */
#define QEMU_RIG_IOMMU	0

#include "pci-msix-test.c"
