/* SPDX-License-Identifier: GPL-2.0-only */
/* The x86 part of a cell: its second-stage page table and permission maps. */
#ifndef XVC_ASM_CELL_H
#define XVC_ASM_CELL_H

#include <xvcell/cell-config.h>
#include <asm/paging.h>

struct arch_cell {
	/* Guest-physical -> host-physical (NPT or EPT). */
	struct page_table gpa_map;
	/* What the cell's devices may reach (iommu.c); no root without IOMMUs. */
	struct page_table dma_map;
	/* I/O and MSR permission maps in the vendor's format. */
	void *io_bitmap;
	void *msr_bitmap;
	/* The cell's own IOAPIC index registers (ioapic.c). */
	u32 ioapic_regsel[XVC_MAX_IOAPICS];
};

#endif /* XVC_ASM_CELL_H */
