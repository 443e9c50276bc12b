// SPDX-License-Identifier: GPL-2.0-only
/*
 * 4-level page tables for the hypervisor (host format) and for cells (AMD
 * nested paging; Intel EPT is in vmx.c).  Mapping uses the largest page the alignment allows and
 * splits large pages when a part of one is unmapped.
 */
#include <xvc/cell.h>
#include <xvc/errno.h>
#include <xvc/memory.h>
#include <xvc/printk.h>
#include <xvc/string.h>
#include <xvcell/cell-config.h>
#include <asm/paging.h>
#include <asm/processor.h>

#define PTE_P		BIT_ULL(0)
#define PTE_RW		BIT_ULL(1)
#define PTE_US		BIT_ULL(2)
#define PTE_PWT		BIT_ULL(3)
#define PTE_PCD		BIT_ULL(4)
#define PTE_PS		BIT_ULL(7)
#define PTE_NX		BIT_ULL(63)

/* Bits that must agree for x86 leaves to fold into one large page. */
#define PTE_ATTR_MASK	(PTE_P | PTE_RW | PTE_US | PTE_PWT | PTE_PCD | PTE_NX)

static unsigned int level_shift(unsigned int level)
{
	return PAGE_SHIFT + 9 * (level - 1);
}

static u64 level_size(unsigned int level)
{
	return 1ULL << level_shift(level);
}

static unsigned int index_at(u64 va, unsigned int level)
{
	return (va >> level_shift(level)) & (PT_ENTRIES - 1);
}

static u64 x86_leaf(u64 pa, u64 flags, unsigned int level, u64 base)
{
	u64 e = pa | PTE_P | base;

	if (flags & XVC_MEM_WRITE)
		e |= PTE_RW;
	if (!(flags & XVC_MEM_EXECUTE))
		e |= PTE_NX;
	if (level > 1)
		e |= PTE_PS;
	return e;
}

static u64 host_leaf(u64 pa, u64 flags, unsigned int level)
{
	return x86_leaf(pa, flags, level, (flags & XVC_MEM_IO) ? PTE_PCD | PTE_PWT : 0);
}

/*
 * Nested page tables treat every guest access as a user access; device
 * memory is uncached whatever the guest's own page tables say.
 */
static u64 npt_leaf(u64 pa, u64 flags, unsigned int level)
{
	return x86_leaf(pa, flags, level,
			PTE_US | ((flags & XVC_MEM_IO) ? PTE_PCD | PTE_PWT : 0));
}

static u64 host_table(u64 pa, unsigned int level)
{
	(void)level;
	return pa | PTE_P | PTE_RW;
}

static u64 npt_table(u64 pa, unsigned int level)
{
	(void)level;
	return pa | PTE_P | PTE_RW | PTE_US;
}

static bool x86_present(u64 e)
{
	return e & PTE_P;
}

static u64 x86_rights(u64 e)
{
	u64 rights = 0;

	if (e & PTE_P)
		rights |= XVC_MEM_READ;
	if (e & PTE_RW)
		rights |= XVC_MEM_WRITE;
	if (!(e & PTE_NX))
		rights |= XVC_MEM_EXECUTE;
	if (e & PTE_PCD)
		rights |= XVC_MEM_IO;
	return rights;
}

const struct pt_format host_pt_format = {
	.leaf = host_leaf,
	.table = host_table,
	.present = x86_present,
	.rights = x86_rights,
	.attr_mask = PTE_ATTR_MASK,
	.leaf_mask = PTE_PS,
	.large_leaf = PTE_PS,
	.max_leaf_level = 3,
};

const struct pt_format npt_format = {
	.leaf = npt_leaf,
	.table = npt_table,
	.present = x86_present,
	.rights = x86_rights,
	.attr_mask = PTE_ATTR_MASK,
	.leaf_mask = PTE_PS,
	.large_leaf = PTE_PS,
	.max_leaf_level = 3,
};

static bool is_leaf(const struct pt_format *fmt, u64 e, unsigned int level)
{
	return level == 1 || (e & fmt->leaf_mask) == fmt->large_leaf;
}

static u64 *table_va(u64 e)
{
	return hv_phys_to_virt(e & PT_ADDR_MASK);
}

int pt_init(struct page_table *pt, const struct pt_format *format)
{
	*pt = (struct page_table){ .format = format };
	pt->root = page_alloc(1);
	return pt->root ? 0 : trace_error(-ENOMEM);
}

u64 pt_root_phys(const struct page_table *pt)
{
	return hv_virt_to_phys(pt->root);
}

/*
 * The table below the root's first entry, created if missing: the root of
 * a 3-level walk of the same tree, for a walker that knows only 39-bit
 * addresses (an IOMMU).  Once there, it stays: unmapping never frees it
 * and no leaf can replace a root entry.
 */
int pt_first_subtable_phys(struct page_table *pt, u64 *phys)
{
	u64 *table;

	if (!pt->format->present(pt->root[0])) {
		table = page_alloc(1);
		if (!table)
			return trace_error(-ENOMEM);
		pt->root[0] = pt->format->table(hv_virt_to_phys(table),
						     PT_LEVELS);
	}
	*phys = pt->root[0] & PT_ADDR_MASK;
	return 0;
}

/* Replace a large leaf by a table of leaves of the next smaller size. */
static int split_leaf(struct page_table *pt, u64 *entry, unsigned int level)
{
	u64 *table = page_alloc(1);
	u64 old = *entry, pa = old & PT_ADDR_MASK & ~(level_size(level) - 1);
	u64 keep = old & pt->format->attr_mask;
	unsigned int n;

	if (!table)
		return trace_error(-ENOMEM);
	for (n = 0; n < PT_ENTRIES; n++)
		table[n] = (pa + n * level_size(level - 1)) | keep |
			(level - 1 > 1 ? pt->format->large_leaf : 0);
	*entry = pt->format->table(hv_virt_to_phys(table), level);
	return 0;
}

static int next_table(struct page_table *pt, u64 *entry, unsigned int level,
		      u64 **next)
{
	u64 *table;
	int err;

	if (!pt->format->present(*entry)) {
		table = page_alloc(1);
		if (!table)
			return trace_error(-ENOMEM);
		*entry = pt->format->table(hv_virt_to_phys(table), level);
	} else if (is_leaf(pt->format, *entry, level)) {
		err = split_leaf(pt, entry, level);
		if (err)
			return err;
	}
	*next = table_va(*entry);
	return 0;
}

static bool fits_leaf(u64 va, u64 pa, u64 size, unsigned int level)
{
	u64 s = level_size(level);

	return !(va & (s - 1)) && !(pa & (s - 1)) && size >= s;
}

/*
 * A table page no longer in the tree: CPUs using a live table may still
 * hold it in their paging-structure caches until they flush, so it is
 * reused only after pt_release_freed().
 */
static void free_table_page(struct page_table *pt, u64 *table)
{
	if (!pt->live) {
		page_free(table, 1);
		return;
	}
	*(void **)table = pt->freed;
	pt->freed = table;
}

void pt_release_freed(struct page_table *pt)
{
	void *page;

	while (pt->freed) {
		page = pt->freed;
		pt->freed = *(void **)page;
		page_free(page, 1);
	}
}

static void free_tables(struct page_table *pt, u64 *table, unsigned int level)
{
	unsigned int n;

	for (n = 0; n < PT_ENTRIES && level > 1; n++)
		if (pt->format->present(table[n]) && !is_leaf(pt->format, table[n], level))
			free_tables(pt, table_va(table[n]), level - 1);
	free_table_page(pt, table);
}

static int map_one(struct page_table *pt, u64 va, u64 pa, u64 size,
		   u64 flags, u64 *mapped)
{
	u64 *table = pt->root;
	unsigned int level;
	int err;

	for (level = PT_LEVELS; level > 1; level--) {
		if (level <= pt->format->max_leaf_level &&
		    fits_leaf(va, pa, size, level))
			break;
		err = next_table(pt, &table[index_at(va, level)], level, &table);
		if (err)
			return err;
	}
	/* A large page replacing a table of smaller ones frees that table. */
	if (level > 1 && pt->format->present(table[index_at(va, level)]) &&
	    !is_leaf(pt->format, table[index_at(va, level)], level))
		free_tables(pt, table_va(table[index_at(va, level)]), level - 1);
	table[index_at(va, level)] = pt->format->leaf(pa, flags, level);
	*mapped = level_size(level);
	return 0;
}

int pt_map(struct page_table *pt, u64 va, u64 pa, u64 size, u64 flags)
{
	u64 mapped;
	int err;

	if ((va | pa | size) & ~PAGE_MASK)
		return trace_error(-EINVAL);
	while (size) {
		err = map_one(pt, va, pa, size, flags, &mapped);
		if (err)
			return err;
		va += mapped;
		pa += mapped;
		size -= mapped;
	}
	return 0;
}

/* Is @table a full run of same-attribute leaves, physically contiguous? */
static bool foldable(const struct pt_format *fmt, const u64 *table,
		     unsigned int level)
{
	u64 first = table[0], base = first & PT_ADDR_MASK;
	unsigned int n;

	if (!fmt->present(first) || !is_leaf(fmt, first, level) ||
	    (base & (level_size(level + 1) - 1)))
		return false;
	for (n = 1; n < PT_ENTRIES; n++)
		if ((table[n] & fmt->attr_mask) != (first & fmt->attr_mask) ||
		    !is_leaf(fmt, table[n], level) ||
		    (table[n] & PT_ADDR_MASK) != base + n * level_size(level))
			return false;
	return true;
}

/* Fold the tables below @entry (at @level) where possible; bottom up. */
static void fold_entry(struct page_table *pt, u64 *entry, unsigned int level,
		       u64 va, u64 end)
{
	u64 *table, first;
	unsigned int n;

	if (level == 1 || !pt->format->present(*entry) ||
	    is_leaf(pt->format, *entry, level))
		return;
	table = table_va(*entry);
	for (n = 0; n < PT_ENTRIES; n++) {
		u64 sub = ALIGN_DOWN(va, level_size(level)) + n * level_size(level - 1);

		if (sub < end && sub + level_size(level - 1) > va)
			fold_entry(pt, &table[n], level - 1, va, end);
	}
	if (level > pt->format->max_leaf_level ||
	    !foldable(pt->format, table, level - 1))
		return;
	first = table[0];
	*entry = pt->format->leaf(first & PT_ADDR_MASK & ~(level_size(level) - 1),
				  0, level) & ~pt->format->attr_mask;
	*entry |= (first & pt->format->attr_mask) | pt->format->large_leaf;
	free_table_page(pt, table);
}

void pt_coalesce(struct page_table *pt, u64 va, u64 size)
{
	unsigned int n;

	for (n = 0; n < PT_ENTRIES; n++) {
		u64 start = (u64)n << level_shift(PT_LEVELS);

		/* Sign-extended addresses (upper half) never need folding here. */
		if (start < va + size && start + level_size(PT_LEVELS) > va)
			fold_entry(pt, &pt->root[n], PT_LEVELS, va, va + size);
	}
}

int pt_unmap(struct page_table *pt, u64 va, u64 size)
{
	u64 *table, *entry;
	unsigned int level;
	int err;

	if ((va | size) & ~PAGE_MASK)
		return trace_error(-EINVAL);
	while (size) {
		table = pt->root;
		for (level = PT_LEVELS; ; level--) {
			entry = &table[index_at(va, level)];
			if (!pt->format->present(*entry)) {
				/* Nothing mapped here: skip to the next entry. */
				break;
			}
			if (is_leaf(pt->format, *entry, level)) {
				if (fits_leaf(va, 0, size, level))
					break;
				err = split_leaf(pt, entry, level);
				if (err)
					return err;
			}
			table = table_va(*entry);
		}
		*entry = 0;
		if (size <= level_size(level) - (va & (level_size(level) - 1)))
			break;
		size -= level_size(level) - (va & (level_size(level) - 1));
		va = ALIGN_DOWN(va, level_size(level)) + level_size(level);
	}
	return 0;
}

int pt_lookup(const struct page_table *pt, u64 va, u64 *pa, u64 *rights)
{
	const u64 *table = pt->root;
	unsigned int level;
	u64 e, mask;

	if (!table)
		return -EFAULT;
	for (level = PT_LEVELS; level >= 1; level--) {
		e = table[index_at(va, level)];
		if (!pt->format->present(e))
			return -EFAULT;
		if (is_leaf(pt->format, e, level)) {
			mask = level_size(level) - 1;
			*pa = ((e & PT_ADDR_MASK) & ~mask) | (va & mask);
			*rights = pt->format->rights(e);
			return 0;
		}
		table = table_va(e);
	}
	return -EFAULT;
}

void pt_destroy(struct page_table *pt)
{
	pt->live = false;
	pt_release_freed(pt);
	if (pt->root)
		free_tables(pt, pt->root, PT_LEVELS);
	pt->root = NULL;
}

#define X86_CR4_LA57	BIT(12)

/*
 * Walk the guest's own page tables (4 or 5 levels); each table is found
 * through the cell's guest-physical to host-physical map.
 */
int guest_virt_to_phys(const struct cell *cell, u64 cr3, u64 cr4, u64 gva,
		       u64 *gpa)
{
	unsigned int level = (cr4 & X86_CR4_LA57) ? 5 : 4;
	u64 table = cr3 & PT_ADDR_MASK, e, phys;

	for (; level >= 1; level--) {
		if (cell_gpa_to_phys(cell, table + index_at(gva, level) * 8, &phys))
			return -EFAULT;
		e = *(u64 *)phys_to_virt(phys);
		if (!(e & PTE_P))
			return -EFAULT;
		if ((level == 1 || (e & PTE_PS)) && level <= 3) {
			u64 mask = level_size(level) - 1;

			*gpa = ((e & PT_ADDR_MASK) & ~mask) | (gva & mask);
			return 0;
		}
		table = e & PT_ADDR_MASK;
	}
	return -EFAULT;
}
