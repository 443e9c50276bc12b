/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's virtual address space on x86:
 *   XVC_HV_LINK_ADDRESS  its own memory (image, config, per-CPU, pool)
 *   DIRECT_MAP_BASE      all physical memory the system config names
 *   the driver's stub    at the same address as in Linux
 */
#ifndef XVC_ASM_LAYOUT_H
#define XVC_ASM_LAYOUT_H

#define DIRECT_MAP_BASE		0xffff800000000000ULL
/* At most this much physical address space is direct-mapped. */
#define DIRECT_MAP_SIZE		(1ULL << 39)

#endif /* XVC_ASM_LAYOUT_H */
