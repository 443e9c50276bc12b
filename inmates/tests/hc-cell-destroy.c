// SPDX-License-Identifier: GPL-2.0-only
/* XVC_HC_CELL_DESTROY of another cell (cell=, default 0: the root cell). */
#include "xvc-test.h"

void inmate_main(void)
{
	uint64_t cell = cmdline_get_u64("cell", 0);

	test_start("hc-cell-destroy");
	test_hypercall_verdict("hc-cell-destroy", hypercall(XVC_HC_CELL_DESTROY, cell, 0));
}
