/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The layout of the hypervisor's memory, computed in one place for the
 * driver (which loads the image and checks that everything fits), the
 * hypervisor (which finds its per-CPU areas and page pool there) and the
 * tools (which tell how much memory a system config needs):
 *
 *   0                   the image (header, code, data, BSS: core_size)
 *   config_offset       the system config (8-byte aligned)
 *   percpu_offset       one area per entering CPU (aligned to its size)
 *   pool_offset         the page pool, up to
 *   bootstrap_offset    the bootstrap page table, up to mem_size
 */
#ifndef XVCELL_LAYOUT_H
#define XVCELL_LAYOUT_H

#include <xvcell/types.h>

#define XVC_LAYOUT_PAGE_SIZE		4096ULL
/* Pages at the end of the memory for the driver's bootstrap page table. */
#define XVC_LAYOUT_BOOTSTRAP_PAGES	16ULL

struct xvc_layout {
	uint64_t config_offset;
	uint64_t percpu_offset;
	uint64_t pool_offset;
	uint64_t bootstrap_offset;
	/* Pages in the pool; 0 when nothing is left for it. */
	uint64_t pool_pages;
};

static inline uint64_t xvc_layout_align(uint64_t value, uint64_t align)
{
	return (value + align - 1) / align * align;
}

/*
 * Compute the layout for an image of @core_size bytes, a config of
 * @config_size bytes and @cpus areas of @percpu_size bytes in @mem_size
 * bytes.  Returns 0 if it fits with at least one pool page, else -1.
 */
static inline int xvc_layout_compute(uint64_t mem_size, uint64_t core_size,
				     uint64_t config_size, uint32_t percpu_size,
				     uint32_t cpus, struct xvc_layout *l)
{
	uint64_t bootstrap = XVC_LAYOUT_BOOTSTRAP_PAGES * XVC_LAYOUT_PAGE_SIZE;

	l->config_offset = xvc_layout_align(core_size, 8);
	l->percpu_offset = xvc_layout_align(l->config_offset + config_size,
					    percpu_size ? percpu_size : 1);
	l->pool_offset = l->percpu_offset + (uint64_t)cpus * percpu_size;
	l->bootstrap_offset = mem_size >= bootstrap ? mem_size - bootstrap : 0;
	l->pool_pages = 0;
	if (!percpu_size || l->pool_offset >= l->bootstrap_offset)
		return -1;
	l->pool_pages = (l->bootstrap_offset - l->pool_offset) /
		XVC_LAYOUT_PAGE_SIZE;
	return l->pool_pages ? 0 : -1;
}

#endif /* XVCELL_LAYOUT_H */
