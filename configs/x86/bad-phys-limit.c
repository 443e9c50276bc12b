// SPDX-License-Identifier: GPL-2.0-only
/*
 * bad-phys-limit: a cell naming memory beyond the hypervisor's direct map
 * [mem-phys-range].
 *
 * The hypervisor reaches physical memory below XVC_PHYS_ADDRESS_LIMIT
 * only; it could not scrub, load or inspect this region's last MiB.
 */
#define BAD_CELL_NAME	"bad-phys-limit"
#define BAD_REGION \
	XVC_REGION(XVC_PHYS_ADDRESS_LIMIT - 0x100000, 0x200000, 0x200000, XVC_MEM_READ | XVC_MEM_WRITE)

#include "bad-cell-region.h"
