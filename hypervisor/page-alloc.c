// SPDX-License-Identifier: GPL-2.0-only
/*
 * The page pool: all hypervisor memory not taken by the image, the config
 * and the per-CPU areas, handed out in pages.  A bitmap, first fit: the
 * pool is a few MiB and allocations happen only at enable and cell changes.
 */
#include <xvc/errno.h>
#include <xvc/memory.h>
#include <xvc/printk.h>
#include <xvc/spinlock.h>
#include <xvc/string.h>

#define MAX_POOL_PAGES	(64UL * 1024)	/* 256 MiB */
#define BITS_PER_WORD	64

static struct {
	struct spinlock lock;
	u8 *base;
	unsigned long pages;
	unsigned long used;
	u64 bitmap[MAX_POOL_PAGES / BITS_PER_WORD];
} pool;

static bool page_is_used(unsigned long n)
{
	return pool.bitmap[n / BITS_PER_WORD] & (1ULL << (n % BITS_PER_WORD));
}

static void mark_pages(unsigned long first, unsigned long count, bool used)
{
	unsigned long n;

	for (n = first; n < first + count; n++) {
		if (used)
			pool.bitmap[n / BITS_PER_WORD] |= 1ULL << (n % BITS_PER_WORD);
		else
			pool.bitmap[n / BITS_PER_WORD] &= ~(1ULL << (n % BITS_PER_WORD));
	}
}

int page_pool_init(void *start, unsigned long pages)
{
	if (pages > MAX_POOL_PAGES)
		pages = MAX_POOL_PAGES;
	pool.base = start;
	pool.pages = pages;
	pool.used = 0;
	return 0;
}

static bool range_is_free(unsigned long first, unsigned long count)
{
	unsigned long n;

	for (n = first; n < first + count; n++)
		if (page_is_used(n))
			return false;
	return true;
}

void *page_alloc_aligned(unsigned long pages, unsigned long align_pages)
{
	unsigned long first;
	void *va = NULL;

	spin_lock(&pool.lock);
	/* The pool base is page aligned; align by physical address. */
	for (first = 0; first + pages <= pool.pages; first++) {
		if ((hv_virt_to_phys(pool.base + first * PAGE_SIZE) >> PAGE_SHIFT) &
		    (align_pages - 1))
			continue;
		if (range_is_free(first, pages)) {
			mark_pages(first, pages, true);
			pool.used += pages;
			va = pool.base + first * PAGE_SIZE;
			break;
		}
	}
	spin_unlock(&pool.lock);

	if (va)
		memset(va, 0, pages * PAGE_SIZE);
	else
		printk("page pool exhausted: %lu pages requested, %lu of %lu in use\n",
		       pages, pool.used, pool.pages);
	return va;
}

void page_free(void *va, unsigned long pages)
{
	unsigned long first = ((u8 *)va - pool.base) / PAGE_SIZE;

	if (!va)
		return;
	spin_lock(&pool.lock);
	mark_pages(first, pages, false);
	pool.used -= pages;
	spin_unlock(&pool.lock);
}

unsigned long page_pool_used(void)
{
	return pool.used;
}

unsigned long page_pool_total(void)
{
	return pool.pages;
}
