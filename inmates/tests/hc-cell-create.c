// SPDX-License-Identifier: GPL-2.0-only
/*
 * XVC_HC_CELL_CREATE from a non-root cell, with a plausible blob: this
 * cell's own image (addr=, size=).
 */
#include "xvc-test.h"

void inmate_main(void)
{
	uint64_t addr = cmdline_get_u64("addr", 0);
	uint64_t size = cmdline_get_u64("size", PAGE_SIZE);

	test_start("hc-cell-create");
	test_hypercall_verdict("hc-cell-create", hypercall(XVC_HC_CELL_CREATE, addr, size));
}
