// SPDX-License-Identifier: GPL-2.0-only
/*
 * pci-demo for the QEMU rig whose VT-d unit the hypervisor drives
 * (qemu-vtd.cell): pci-demo.c with the edu behind IOMMU 0, as qemu-vtd
 * lists it.  Same cell name, "pci-demo".
 */
#define QEMU_RIG_IOMMU	0

#include "pci-demo.c"
