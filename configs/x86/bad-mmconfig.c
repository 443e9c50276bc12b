// SPDX-License-Identifier: GPL-2.0-only
/*
 * bad-mmconfig: a cell mapping part of the PCI MMCONFIG window
 * [mem-mmconfig].
 *
 * The rig's MMCONFIG window (0xb0000000, 256 buses) holds the config
 * space of every PCI device; here bus 0, the host bridge's.
 */
#define BAD_CELL_NAME	"bad-mmconfig"
#define BAD_REGION \
	XVC_REGION(0xb0000000, 0x200000, 0x100000, XVC_MEM_MMIO)

#include "bad-cell-region.h"
