// SPDX-License-Identifier: GPL-2.0-only
/*
 * INVD drops the cache without writing it back: dirty lines of memory
 * the cell does not own (the hypervisor's, the root's) would be lost.
 * It is a legal instruction for ring 0, so the cell goes on; the runner
 * checks that the hypervisor saw it (an exit, carried out as WBINVD).
 * ALLOWED after the instruction; a store before it must still read back.
 */
#include "xvc-test.h"

static volatile uint64_t witness;

void inmate_main(void)
{
	test_start("invd");
	witness = 0x1234abcd;
	asm volatile("invd" ::: "memory");
	if (witness == 0x1234abcd)
		test_allowed("invd", "carried out, the store before it kept");
	else
		printk("xvc-test: invd: a store before INVD was lost\n");
}
