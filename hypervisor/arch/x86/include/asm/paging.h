/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * x86-64 4-level page tables, in the formats the hypervisor needs: its own
 * (host) tables, AMD nested page tables and Intel EPT.  A format only says
 * how an entry looks; walking and splitting are shared.
 */
#ifndef XVC_ASM_PAGING_H
#define XVC_ASM_PAGING_H

#include <xvc/types.h>

#define PT_LEVELS		4
#define PT_ENTRIES		512
#define PT_ADDR_MASK		0x000ffffffffff000ULL

/* Access rights handed to a format: XVC_MEM_READ/WRITE/EXECUTE/IO. */
struct pt_format {
	/* Leaf entry at @level (1 = 4K, 2 = 2M, 3 = 1G). */
	u64 (*leaf)(u64 pa, u64 flags, unsigned int level);
	/* Entry at @level pointing to a table of level @level - 1. */
	u64 (*table)(u64 table_pa, unsigned int level);
	bool (*present)(u64 entry);
	/* The XVC_MEM_READ/WRITE/EXECUTE/IO rights a leaf grants. */
	u64 (*rights)(u64 leaf);
	/*
	 * Bits of a leaf that carry its access rights and memory type: kept
	 * when a large leaf is split, compared when leaves are folded.
	 */
	u64 attr_mask;
	/*
	 * An entry above level 1 is a leaf (a large page) when its bits
	 * under leaf_mask equal large_leaf, else it points to a table: the
	 * size bit on x86, a next level of 0 on AMD-Vi.
	 */
	u64 leaf_mask;
	u64 large_leaf;
	/* Largest level a leaf may sit at (2 or 3). */
	unsigned int max_leaf_level;
};

struct page_table {
	u64 *root;
	const struct pt_format *format;
	/*
	 * A table in use by running CPUs: the pages of tables it no longer
	 * needs are kept until pt_release_freed(), which the owner calls once
	 * every CPU using the table has flushed its TLB.
	 */
	bool live;
	void *freed;
};

int pt_init(struct page_table *pt, const struct pt_format *format);
int pt_map(struct page_table *pt, u64 va, u64 pa, u64 size, u64 flags);
int pt_unmap(struct page_table *pt, u64 va, u64 size);
void pt_destroy(struct page_table *pt);
/* Use large pages again where [va, va + size) allows it after changes. */
void pt_coalesce(struct page_table *pt, u64 va, u64 size);
/* Free the table pages a live table gave up (after the TLB flushes). */
void pt_release_freed(struct page_table *pt);
/* What @va maps to: physical address and XVC_MEM_* rights; -EFAULT if none. */
int pt_lookup(const struct page_table *pt, u64 va, u64 *pa, u64 *rights);
u64 pt_root_phys(const struct page_table *pt);
/* The root of the first 512 GiB as a 3-level tree (created if missing). */
int pt_first_subtable_phys(struct page_table *pt, u64 *phys);

extern const struct pt_format host_pt_format;
extern const struct pt_format npt_format;

/* Translate a guest-virtual address with the guest's own page tables. */
struct cell;
int guest_virt_to_phys(const struct cell *cell, u64 cr3, u64 cr4, u64 gva,
		       u64 *gpa);

#endif /* XVC_ASM_PAGING_H */
