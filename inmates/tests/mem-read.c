// SPDX-License-Identifier: GPL-2.0-only
/* Reads memory outside the cell (addr=, default: root cell RAM). */
#include "xvc-test.h"

void inmate_main(void)
{
	uint64_t addr = cmdline_get_u64("addr", TEST_DEFAULT_FOREIGN_ADDRESS);
	uint64_t value;

	test_start("mem-read");
	value = *(volatile uint64_t *)(uintptr_t)addr;
	printk("xvc-test: mem-read: read 0x%lx from 0x%lx\n", value, addr);
	test_not_contained("mem-read");
}
