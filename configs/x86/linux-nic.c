// SPDX-License-Identifier: GPL-2.0-only
/*
 * linux-nic: linux-demo (CPUs 2-3, 128 MiB, COM3 and its pin, the PM
 * timer) owning a NIC, for the QEMU rigs whose IOMMU the hypervisor
 * drives (qemu-vtd.cell, qemu-amdvi.cell): the second e1000e (PCI
 * 00:0d.0, qemu-e1000e.h) behind IOMMU 0, as those roots list it.
 *
 * The kernel's e1000e driver programs the NIC's DMA with the cell's
 * guest-physical addresses, which only the cell's DMA domain turns into
 * the right machine addresses: without the IOMMU the NIC would write
 * where the root's RAM is.  Hence no variant for the plain rigs.
 *
 * The cell maps the NIC's three memory BARs 1:1 where the rig's firmware
 * puts them (a BAR holding an MSI-X table decodes only where the root
 * left it while a cell owns the function), and the kernel finds them
 * there: it scans bus 0 through the 0xcf8 ports and keeps the firmware's
 * BAR assignment.
 */
#define QEMU_RIG_IOMMU	0
#define LINUX_CELL_NIC

#include "linux-demo.c"
