// SPDX-License-Identifier: GPL-2.0-only
/* A hypercall number the ABI does not define (nr=). */
#include "xvc-test.h"

void inmate_main(void)
{
	uint64_t number = cmdline_get_u64("nr", 0xdead);

	test_start("hc-unknown");
	test_hypercall_verdict("hc-unknown", hypercall(number, 0, 0));
}
