// SPDX-License-Identifier: GPL-2.0-only
/*
 * Changes an MSR the hypervisor protects whatever a config grants (AMD's
 * HWCR by default, msr=), with the config granting the write: the
 * hypervisor's deny list must win.  Reading it is fine.  The cell must
 * be stopped; surviving prints "NOT CONTAINED".
 */
#include "xvc-test.h"

#define MSR_AMD_HWCR		0xc0010015
#define HWCR_TLB_CACHE_DIS	(1ULL << 3)

void inmate_main(void)
{
	uint32_t msr = cmdline_get_u64("msr", MSR_AMD_HWCR);
	uint64_t value;

	test_start("msr-protected");
	value = rdmsr(msr);
	printk("xvc-test: msr-protected: MSR 0x%x reads 0x%lx\n", msr, value);
	wrmsr(msr, value ^ HWCR_TLB_CACHE_DIS);
	printk("xvc-test: msr-protected: MSR 0x%x now 0x%lx\n", msr, rdmsr(msr));
	test_not_contained("msr-protected");
}
