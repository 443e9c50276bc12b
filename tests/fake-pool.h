/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What hypervisor code built for the host needs around it: a small page
 * pool standing in for the hypervisor's (its use counted exactly, and
 * limited with pool_limit), a silent printk, and no guest memory.
 * Included by one test file each, after cmocka and the hypervisor headers.
 */
#ifndef XVC_TESTS_FAKE_POOL_H
#define XVC_TESTS_FAKE_POOL_H

#define POOL_PAGES	64

static u8 pool[POOL_PAGES][PAGE_SIZE] __attribute__((aligned(4096)));
static bool pool_used[POOL_PAGES];
static unsigned int pool_limit = POOL_PAGES;

static void pool_reset(void)
{
	memset(pool_used, 0, sizeof(pool_used));
	pool_limit = POOL_PAGES;
}

static unsigned int pages_in_use(void)
{
	unsigned int n, used = 0;

	for (n = 0; n < POOL_PAGES; n++)
		used += pool_used[n];
	return used;
}

void *page_alloc_aligned(unsigned long pages, unsigned long align)
{
	unsigned int n;

	(void)align;
	assert_int_equal(pages, 1);
	if (pages_in_use() >= pool_limit)
		return NULL;
	for (n = 0; n < POOL_PAGES; n++) {
		if (!pool_used[n]) {
			pool_used[n] = true;
			memset(pool[n], 0, PAGE_SIZE);
			return pool[n];
		}
	}
	return NULL;
}

void page_free(void *va, unsigned long pages)
{
	unsigned int n = ((u8 (*)[PAGE_SIZE])va - pool);

	assert_int_equal(pages, 1);
	assert_true(n < POOL_PAGES && pool_used[n]);
	pool_used[n] = false;
}

void printk(const char *fmt, ...)
{
	(void)fmt;
}

const char *errno_name(int err)
{
	(void)err;
	return "error";
}

int cell_gpa_to_phys(const struct cell *cell, u64 gpa, u64 *phys)
{
	(void)cell; (void)gpa; (void)phys;
	return -EFAULT;
}

#endif /* XVC_TESTS_FAKE_POOL_H */
