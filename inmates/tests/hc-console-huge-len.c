// SPDX-License-Identifier: GPL-2.0-only
/*
 * Console write with a length far beyond XVC_CONSOLE_WRITE_MAX from a
 * valid buffer (len=): it runs past the end of the cell's memory.
 */
#include "xvc-test.h"

static const char message[] = "xvc-test: hc-console-huge-len: this must not be printed\n";

void inmate_main(void)
{
	uint64_t len = cmdline_get_u64("len", 0x7fffffffffffffffULL);

	test_start("hc-console-huge-len");
	test_hypercall_verdict("hc-console-huge-len",
			       hypercall(XVC_HC_CONSOLE_WRITE, (uintptr_t)message, len));
}
