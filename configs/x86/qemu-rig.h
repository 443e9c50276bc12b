/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the QEMU rigs' device macros (qemu-edu.h, qemu-e1000e.h,
 * qemu-igb.h) share.
 *
 * QEMU_RIG_IOMMU: the platform IOMMU index of every listed device.  The
 * plain rigs give the hypervisor no IOMMU (qemu-svm.cell), so no IOMMU;
 * a config for a rig whose IOMMU the hypervisor drives (qemu-vtd.c,
 * qemu-amdvi.c, pci-demo-iommu.c) defines it to the unit's index before its includes,
 * since the root and its cells must describe a device alike.
 */
#ifndef XVCELL_CONFIGS_QEMU_RIG_H
#define XVCELL_CONFIGS_QEMU_RIG_H

#include <xvcell/cell-config.h>

#ifndef QEMU_RIG_IOMMU
#define QEMU_RIG_IOMMU		XVC_PCI_NO_IOMMU
#endif

#endif /* XVCELL_CONFIGS_QEMU_RIG_H */
