// SPDX-License-Identifier: GPL-2.0-only
/*
 * Console write of a short buffer that starts inside the cell and ends
 * outside it (addr=, default 8 bytes before the end of the comm page;
 * len=16): a hypervisor that checks only the first byte lets it through.
 */
#include "xvc-test.h"

void inmate_main(void)
{
	uint64_t addr = cmdline_get_u64("addr", XVC_INMATE_COMM_ADDRESS + PAGE_SIZE - 8);
	uint64_t len = cmdline_get_u64("len", 16);

	test_start("hc-console-straddle");
	test_hypercall_verdict("hc-console-straddle",
			       hypercall(XVC_HC_CONSOLE_WRITE, addr, len));
}
