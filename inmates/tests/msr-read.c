// SPDX-License-Identifier: GPL-2.0-only
/* Reads an MSR not granted to the cell (msr=, default IA32_MTRR_DEF_TYPE). */
#include "xvc-test.h"

void inmate_main(void)
{
	uint32_t msr = cmdline_get_u64("msr", 0x2ff);
	uint64_t value;

	test_start("msr-read");
	value = rdmsr(msr);
	printk("xvc-test: msr-read: MSR 0x%x = 0x%lx\n", msr, value);
	test_not_contained("msr-read");
}
