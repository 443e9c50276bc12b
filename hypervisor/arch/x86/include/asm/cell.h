/* SPDX-License-Identifier: GPL-2.0-only */
/* The x86 part of a cell: its second-stage page table and permission maps. */
#ifndef XVC_ASM_CELL_H
#define XVC_ASM_CELL_H

#include <asm/paging.h>

struct arch_cell {
	/* Guest-physical -> host-physical (NPT or EPT). */
	struct page_table gpa_map;
	/* I/O and MSR permission maps in the vendor's format. */
	void *io_bitmap;
	void *msr_bitmap;
};

#endif /* XVC_ASM_CELL_H */
