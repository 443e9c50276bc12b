// SPDX-License-Identifier: GPL-2.0-only
/*
 * bad-io-on-ram: device memory (IO) taken from the root's RAM
 * [mmio-outside-root].
 *
 * A cell's IO regions come from the root's device memory: IO regions
 * are never scrubbed, so RAM taken as IO would hand the cell whatever
 * the root left there.  Here the MiB below this cell's RAM.
 */
#define BAD_CELL_NAME	"bad-io-on-ram"
#define BAD_REGION \
	XVC_REGION(CELL_RAM - 0x100000, 0x200000, 0x100000, XVC_MEM_MMIO)

#include "bad-cell-region.h"
