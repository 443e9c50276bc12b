// SPDX-License-Identifier: GPL-2.0-only
/*
 * pci-demo for the QEMU rigs whose IOMMU the hypervisor drives
 * (qemu-vtd.cell, qemu-amdvi.cell): pci-demo.c with the edu behind
 * IOMMU 0, as those roots list it.  Same cell name, "pci-demo".
 */
#define QEMU_RIG_IOMMU	0

#include "pci-demo.c"
