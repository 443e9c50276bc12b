// SPDX-License-Identifier: GPL-2.0-only
/* Writes memory outside the cell (addr=, value=). */
#include "xvc-test.h"

void inmate_main(void)
{
	uint64_t addr = cmdline_get_u64("addr", TEST_DEFAULT_FOREIGN_ADDRESS);
	uint64_t value = cmdline_get_u64("value", 0xdeadbeefcafef00dULL);

	test_start("mem-write");
	*(volatile uint64_t *)(uintptr_t)addr = value;
	test_not_contained("mem-write");
}
