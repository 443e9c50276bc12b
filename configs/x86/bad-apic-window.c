// SPDX-License-Identifier: GPL-2.0-only
/*
 * bad-apic-window: a cell mapping the local APIC page [mem-apic-window].
 *
 * The hypervisor maps the local APIC itself and filters every write to
 * it; a cell owning the page, at whatever guest address (here 2 MiB),
 * could send any interrupt to any CPU.
 */
#define BAD_CELL_NAME	"bad-apic-window"
#define BAD_REGION \
	XVC_REGION(XVC_APIC_WINDOW_BASE, 0x200000, XVC_PAGE_SIZE, XVC_MEM_MMIO)

#include "bad-cell-region.h"
