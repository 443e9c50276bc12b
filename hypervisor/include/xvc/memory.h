/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's memory: its own reserved RAM (image, config, per-CPU
 * areas, page pool) and a direct map of physical memory for guest data.
 */
#ifndef XVC_MEMORY_H
#define XVC_MEMORY_H

#include <xvc/types.h>
#include <xvcell/hypervisor.h>
#include <asm/layout.h>

extern struct xvc_hv_header hv_header;

/* Hypervisor memory: virtual <-> physical. */
static inline u64 hv_virt_to_phys(const void *va)
{
	return (u64)va - XVC_HV_LINK_ADDRESS + hv_header.phys_start;
}

static inline void *hv_phys_to_virt(u64 pa)
{
	return (void *)(pa - hv_header.phys_start + XVC_HV_LINK_ADDRESS);
}

/* Any physical address inside the direct map. */
static inline void *phys_to_virt(u64 pa)
{
	return (void *)(DIRECT_MAP_BASE + pa);
}

int page_pool_init(void *start, unsigned long pages);
/* Zeroed, naturally aligned to align_pages (a power of two). */
void *page_alloc_aligned(unsigned long pages, unsigned long align_pages);
static inline void *page_alloc(unsigned long pages)
{
	return page_alloc_aligned(pages, 1);
}
void page_free(void *va, unsigned long pages);
unsigned long page_pool_used(void);
unsigned long page_pool_total(void);
/* Bytes of hypervisor memory in use outside the page pool. */
u64 hypervisor_fixed_bytes(void);

#endif /* XVC_MEMORY_H */
