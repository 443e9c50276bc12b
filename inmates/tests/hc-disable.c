// SPDX-License-Identifier: GPL-2.0-only
/* XVC_HC_DISABLE from a non-root cell: only the root cell may do that. */
#include "xvc-test.h"

void inmate_main(void)
{
	test_start("hc-disable");
	test_hypercall_verdict("hc-disable", hypercall(XVC_HC_DISABLE, 0, 0));
}
