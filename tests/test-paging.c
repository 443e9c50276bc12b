// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the hypervisor's page-table builder
 * (hypervisor/arch/x86/paging.c), built for the host with a small page
 * pool standing in for the hypervisor's.  Checked: the largest page the
 * alignment allows, splitting on partial unmaps, coalescing back, the
 * exact number of table pages in use at each step, device memory mapped
 * uncached, a failed split that changes nothing, table pages of a live
 * table kept until released, and a format whose leaves are told apart by
 * a next-level field rather than a size bit (AMD-Vi's).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <xvc/cell.h>
#include <xvc/errno.h>
#include <xvc/memory.h>
#include <asm/paging.h>

#define GIB		(1ULL << 30)
#define MIB		(1ULL << 20)

/* Virtual and "physical" addresses of hypervisor memory are the same here. */
struct xvc_hv_header hv_header = { .phys_start = XVC_HV_LINK_ADDRESS };

#include "fake-pool.h"

static struct page_table pt;

static int setup(void **state)
{
	(void)state;
	pool_reset();
	assert_int_equal(pt_init(&pt, &npt_format), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	pt_destroy(&pt);
	assert_int_equal(pages_in_use(), 0);
	return 0;
}

static void expect_mapping(u64 va, u64 pa, u64 rights)
{
	u64 got_pa, got_rights;

	assert_int_equal(pt_lookup(&pt, va, &got_pa, &got_rights), 0);
	assert_int_equal(got_pa, pa);
	assert_int_equal(got_rights, rights);
}

static void expect_hole(u64 va)
{
	u64 pa, rights;

	assert_int_equal(pt_lookup(&pt, va, &pa, &rights), -EFAULT);
}

#define RWX	(XVC_MEM_READ | XVC_MEM_WRITE | XVC_MEM_EXECUTE)

/* 1 GiB aligned: one leaf in a PDPT; root + PDPT in use. */
static void map_gib_uses_one_leaf(void **state)
{
	(void)state;
	assert_int_equal(pt_map(&pt, GIB, 3 * GIB, GIB, RWX), 0);
	assert_int_equal(pages_in_use(), 2);
	expect_mapping(GIB + 0x12345, 3 * GIB + 0x12345, RWX);
	expect_hole(0);
	expect_hole(2 * GIB);
}

/* 2 MiB aligned, 4 MiB long: two leaves in one PD. */
static void map_2m_pages(void **state)
{
	(void)state;
	assert_int_equal(pt_map(&pt, 2 * MIB, 8 * MIB, 4 * MIB, XVC_MEM_READ), 0);
	assert_int_equal(pages_in_use(), 3);
	expect_mapping(2 * MIB, 8 * MIB, XVC_MEM_READ);
	expect_mapping(6 * MIB - 1, 12 * MIB - 1, XVC_MEM_READ);
	expect_hole(6 * MIB);
}

/* An unaligned range takes 4 KiB leaves: root, PDPT, PD, PT. */
static void map_4k_pages(void **state)
{
	(void)state;
	assert_int_equal(pt_map(&pt, 0x5000, 0x7000, 0x3000, RWX), 0);
	assert_int_equal(pages_in_use(), 4);
	expect_mapping(0x5000, 0x7000, RWX);
	expect_mapping(0x7fff, 0x9fff, RWX);
	expect_hole(0x4000);
	expect_hole(0x8000);
}

/* Device memory is uncached in the nested page table. */
static void io_is_uncached(void **state)
{
	(void)state;
	assert_int_equal(pt_map(&pt, 0xfee00000, 0xfee00000, PAGE_SIZE,
				XVC_MEM_READ | XVC_MEM_IO), 0);
	expect_mapping(0xfee00000, 0xfee00000, XVC_MEM_READ | XVC_MEM_IO);
}

/* One page out of a 1 GiB leaf: split to 2 MiB, then to 4 KiB. */
static void unmap_splits(void **state)
{
	(void)state;
	assert_int_equal(pt_map(&pt, 0, 0, GIB, RWX), 0);
	assert_int_equal(pages_in_use(), 2);
	assert_int_equal(pt_unmap(&pt, 0x3c400000, PAGE_SIZE), 0);
	assert_int_equal(pages_in_use(), 4);
	expect_hole(0x3c400000);
	expect_mapping(0x3c3ff000, 0x3c3ff000, RWX);
	expect_mapping(0x3c401000, 0x3c401000, RWX);
	expect_mapping(0x3c600000, 0x3c600000, RWX);
	expect_mapping(0, 0, RWX);
}

/* Mapped back and coalesced: one 1 GiB leaf again, the tables freed. */
static void coalesce_restores_large_page(void **state)
{
	(void)state;
	assert_int_equal(pt_map(&pt, 0, 0, GIB, RWX), 0);
	assert_int_equal(pt_unmap(&pt, 0x3c400000, 2 * MIB + PAGE_SIZE), 0);
	assert_int_equal(pages_in_use(), 4);
	assert_int_equal(pt_map(&pt, 0x3c400000, 0x3c400000, 2 * MIB + PAGE_SIZE,
				RWX), 0);
	pt_coalesce(&pt, 0, GIB);
	assert_int_equal(pages_in_use(), 2);
	expect_mapping(0x3c400000, 0x3c400000, RWX);
}

/* Leaves of different rights do not fold into one. */
static void coalesce_keeps_different_rights(void **state)
{
	(void)state;
	assert_int_equal(pt_map(&pt, 0, 0, GIB, RWX), 0);
	assert_int_equal(pt_map(&pt, 0x200000, 0x200000, 2 * MIB, XVC_MEM_READ), 0);
	pt_coalesce(&pt, 0, GIB);
	assert_int_equal(pages_in_use(), 3);
	expect_mapping(0x200000, 0x200000, XVC_MEM_READ);
	expect_mapping(0x400000, 0x400000, RWX);
}

/* No page for the split: -ENOMEM, and the mapping is as it was. */
static void failed_split_changes_nothing(void **state)
{
	(void)state;
	assert_int_equal(pt_map(&pt, 0, 0, GIB, RWX), 0);
	pool_limit = pages_in_use();
	assert_int_equal(pt_unmap(&pt, 0x3c400000, PAGE_SIZE), -ENOMEM);
	expect_mapping(0x3c400000, 0x3c400000, RWX);
	assert_int_equal(pages_in_use(), 2);
	pool_limit = POOL_PAGES;
}

/* A live table keeps the pages it gave up until they are released. */
static void live_table_defers_frees(void **state)
{
	(void)state;
	pt.live = true;
	assert_int_equal(pt_map(&pt, 0, 0, GIB, RWX), 0);
	assert_int_equal(pt_unmap(&pt, 0x1000, PAGE_SIZE), 0);
	assert_int_equal(pages_in_use(), 4);
	assert_int_equal(pt_map(&pt, 0x1000, 0x1000, PAGE_SIZE, RWX), 0);
	pt_coalesce(&pt, 0, GIB);
	expect_mapping(0x1000, 0x1000, RWX);
	/* The PD and PT left the tree but are not free yet. */
	assert_int_equal(pages_in_use(), 4);
	pt_release_freed(&pt);
	assert_int_equal(pages_in_use(), 2);
}

/* A large page over a range of small ones frees their table. */
static void large_page_replaces_table(void **state)
{
	(void)state;
	assert_int_equal(pt_map(&pt, 0x200000, 0x200000, PAGE_SIZE, RWX), 0);
	assert_int_equal(pages_in_use(), 4);
	assert_int_equal(pt_map(&pt, 0x200000, 0x600000, 2 * MIB, XVC_MEM_READ), 0);
	assert_int_equal(pages_in_use(), 3);
	expect_mapping(0x200000, 0x600000, XVC_MEM_READ);
}

static void unaligned_arguments_refused(void **state)
{
	(void)state;
	assert_int_equal(pt_map(&pt, 0x1001, 0, PAGE_SIZE, RWX), -EINVAL);
	assert_int_equal(pt_unmap(&pt, 0, 0x800), -EINVAL);
	assert_int_equal(pages_in_use(), 1);
}

/*
 * Entries told apart as AMD-Vi's are: bits 9-11 hold the level of the
 * table an entry points to, 0 in a leaf of any size; bit 7 means nothing.
 */
#define NEXT_LEVEL(e)	(((e) >> 9) & 7)

static u64 nl_leaf(u64 pa, u64 flags, unsigned int level)
{
	(void)level;
	return pa | 1 | ((flags & XVC_MEM_WRITE) ? 2 : 0);
}

static u64 nl_table(u64 pa, unsigned int level)
{
	return pa | 3 | (u64)(level - 1) << 9;
}

static bool nl_present(u64 e)
{
	return e & 1;
}

static u64 nl_rights(u64 e)
{
	return XVC_MEM_READ | ((e & 2) ? XVC_MEM_WRITE : 0);
}

static const struct pt_format next_level_format = {
	.leaf = nl_leaf, .table = nl_table, .present = nl_present,
	.rights = nl_rights, .attr_mask = 3, .leaf_mask = 7 << 9,
	.large_leaf = 0, .max_leaf_level = 3,
};

static u64 *table_below(u64 e)
{
	return (u64 *)(uintptr_t)(e & 0x000ffffffffff000ULL);
}

#define RW	(XVC_MEM_READ | XVC_MEM_WRITE)

/*
 * A 1 GiB leaf, split by an unmap into 2 MiB leaves and one table of 4K
 * leaves, then folded back: every entry's next level says what it is.
 */
static void next_level_leaves(void **state)
{
	u64 *pdpt, *pd, *pt4k;

	(void)state;
	pt_destroy(&pt);
	assert_int_equal(pt_init(&pt, &next_level_format), 0);
	assert_int_equal(pt_map(&pt, GIB, GIB, GIB, RW), 0);
	assert_int_equal(NEXT_LEVEL(pt.root[0]), 3);
	pdpt = table_below(pt.root[0]);
	assert_int_equal(NEXT_LEVEL(pdpt[1]), 0);
	expect_mapping(GIB + 0x1234, GIB + 0x1234, RW);

	assert_int_equal(pt_unmap(&pt, GIB + 0x3000, 0x1000), 0);
	assert_int_equal(pages_in_use(), 4);
	assert_int_equal(NEXT_LEVEL(pdpt[1]), 2);
	pd = table_below(pdpt[1]);
	assert_int_equal(NEXT_LEVEL(pd[0]), 1);
	assert_int_equal(NEXT_LEVEL(pd[1]), 0);
	pt4k = table_below(pd[0]);
	assert_int_equal(NEXT_LEVEL(pt4k[2]), 0);
	expect_hole(GIB + 0x3000);
	expect_mapping(GIB + 0x2000, GIB + 0x2000, RW);
	expect_mapping(GIB + 3 * MIB, GIB + 3 * MIB, RW);

	assert_int_equal(pt_map(&pt, GIB + 0x3000, GIB + 0x3000, 0x1000, RW), 0);
	pt_coalesce(&pt, GIB, GIB);
	assert_int_equal(pages_in_use(), 2);
	assert_int_equal(NEXT_LEVEL(pdpt[1]), 0);
	assert_int_equal(pdpt[1] & 3, 3);
	expect_mapping(GIB + 0x3000, GIB + 0x3000, RW);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(map_gib_uses_one_leaf, setup, teardown),
		cmocka_unit_test_setup_teardown(map_2m_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(map_4k_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(io_is_uncached, setup, teardown),
		cmocka_unit_test_setup_teardown(unmap_splits, setup, teardown),
		cmocka_unit_test_setup_teardown(coalesce_restores_large_page, setup, teardown),
		cmocka_unit_test_setup_teardown(coalesce_keeps_different_rights, setup, teardown),
		cmocka_unit_test_setup_teardown(failed_split_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(live_table_defers_frees, setup, teardown),
		cmocka_unit_test_setup_teardown(large_page_replaces_table, setup, teardown),
		cmocka_unit_test_setup_teardown(unaligned_arguments_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(next_level_leaves, setup, teardown),
	};
	int failed = cmocka_run_group_tests_name("paging", tests, NULL, NULL);

	printf("COUNT %zu %d\n", sizeof(tests) / sizeof(tests[0]) - failed, failed);
	return failed ? 1 : 0;
}
