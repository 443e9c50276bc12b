// SPDX-License-Identifier: GPL-2.0-only
/*
 * bad-ioapic: a cell mapping the rig's IOAPIC [mem-ioapic].
 *
 * The hypervisor filters the root's IOAPIC writes to keep each cell's
 * interrupts its own; a cell owning the page would bypass that.
 */
#define BAD_CELL_NAME	"bad-ioapic"
#define BAD_REGION \
	XVC_REGION(0xfec00000, 0x200000, XVC_PAGE_SIZE, XVC_MEM_MMIO)

#include "bad-cell-region.h"
