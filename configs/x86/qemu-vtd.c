// SPDX-License-Identifier: GPL-2.0-only
/*
 * System configuration of the QEMU rig whose VT-d unit the hypervisor
 * drives (ci/run-guest --iommu intel-hv: intel-iommu, Linux booted with
 * intel_iommu=off intremap=off).  qemu-svm.c with the differences under
 * QEMU_RIG_VTD: root cell "qemu-vtd", the unit at 0xfed90000 in the
 * platform and not in the root's memory, every PCI device behind it.
 */
#define QEMU_RIG_VTD
#define QEMU_RIG_IOMMU	0

#include "qemu-svm.c"
