// SPDX-License-Identifier: GPL-2.0-only
/*
 * Console write whose buffer is outside the cell (addr=, len=): the
 * hypervisor would print another cell's memory.
 */
#include "xvc-test.h"

void inmate_main(void)
{
	uint64_t addr = cmdline_get_u64("addr", TEST_DEFAULT_FOREIGN_ADDRESS);
	uint64_t len = cmdline_get_u64("len", 64);

	test_start("hc-console-bad-addr");
	test_hypercall_verdict("hc-console-bad-addr",
			       hypercall(XVC_HC_CONSOLE_WRITE, addr, len));
}
