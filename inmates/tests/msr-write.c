// SPDX-License-Identifier: GPL-2.0-only
/*
 * Writes an MSR not granted to the cell (msr=, value=).  The default,
 * 0 to IA32_MTRR_DEF_TYPE, would turn caching off machine-wide if it got
 * through to the hardware.
 */
#include "xvc-test.h"

void inmate_main(void)
{
	uint32_t msr = cmdline_get_u64("msr", 0x2ff);
	uint64_t value = cmdline_get_u64("value", 0);

	test_start("msr-write");
	wrmsr(msr, value);
	test_not_contained("msr-write");
}
