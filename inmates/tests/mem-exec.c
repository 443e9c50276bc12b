// SPDX-License-Identifier: GPL-2.0-only
/*
 * Executes code outside the cell (addr=).  If the fetch is not stopped,
 * whatever is there runs: booted bare the outcome is undefined, under
 * xvcell the cell must be stopped at the first fetch.
 */
#include "xvc-test.h"

void inmate_main(void)
{
	uint64_t addr = cmdline_get_u64("addr", TEST_DEFAULT_FOREIGN_ADDRESS);
	void (*foreign_code)(void) = (void (*)(void))(uintptr_t)addr;

	test_start("mem-exec");
	foreign_code();
	test_not_contained("mem-exec");
}
