// SPDX-License-Identifier: GPL-2.0-only
/*
 * Rewrites this CPU's xAPIC logical destination (reg=0xd0, the default)
 * or destination format register (reg=0xe0) so that logical IPIs and
 * IOAPIC entries meant for other CPUs would reach it, or its own logical
 * IPIs would be resolved to other CPUs.  The hypervisor resolves logical
 * destinations with these registers, so a cell may not change them: the
 * cell must be stopped; surviving prints "NOT CONTAINED".
 */
#include "xvc-test.h"

#define APIC_LDR	0x0d0

void inmate_main(void)
{
	unsigned int reg = cmdline_get_u64("reg", APIC_LDR);
	uint32_t value = reg == APIC_LDR ? 0xffU << 24 : 0x0fffffffU;

	apic_init(false);
	test_start("ldr-write");
	printk("xvc-test: ldr-write: 0x%x <- 0x%x (now 0x%x)\n", reg, value,
	       apic_read(reg));
	apic_write(reg, value);
	printk("xvc-test: ldr-write: reads 0x%x\n", apic_read(reg));
	test_not_contained("ldr-write");
}
