// SPDX-License-Identifier: GPL-2.0-only
/*
 * System configuration of the QEMU rig whose AMD-Vi unit the hypervisor
 * drives (ci/run-guest --iommu amd-hv: amd-iommu, Linux booted with
 * amd_iommu=off).  qemu-svm.c with the differences under QEMU_RIG_AMDVI:
 * root cell "qemu-amdvi", the unit at 0xfed80000 in the platform and not
 * in the root's memory, every PCI device behind it.
 */
#define QEMU_RIG_AMDVI
#define QEMU_RIG_IOMMU	0

#include "qemu-svm.c"
