/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's virtual address space on x86:
 *   XVC_HV_LINK_ADDRESS  its own memory (image, config, per-CPU, pool)
 *   DIRECT_MAP_BASE      all physical memory the system config names
 *   the driver's stub    at the same address as in Linux
 */
#ifndef XVC_ASM_LAYOUT_H
#define XVC_ASM_LAYOUT_H

#include <xvcell/cell-config.h>

#define DIRECT_MAP_BASE		0xffff800000000000ULL
/*
 * At most this much physical address space is direct-mapped: every
 * address a valid config may name (the validator refuses more).
 */
#define DIRECT_MAP_SIZE		XVC_PHYS_ADDRESS_LIMIT

#endif /* XVC_ASM_LAYOUT_H */
