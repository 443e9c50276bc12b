// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sends an IPI that reaches every CPU of the machine unless the hypervisor
 * narrows it to the cell: how=others (default) the "all excluding self"
 * shorthand, how=all "all including self", how=dest the physical
 * broadcast destination (0xff in xAPIC mode, 0xffffffff in x2APIC mode)
 * without shorthand.  An NMI, or with fixed=1 a fixed interrupt (vector=).
 * Counts as contained only if the cell is stopped; a narrowed broadcast
 * would also be acceptable but cannot be seen from inside.
 */
#include "xvc-test.h"

void inmate_main(void)
{
	uint32_t icr = APIC_LEVEL_ASSERT, dest = 0;
	char how[8] = "others";

	cmdline_get_str("how", how, sizeof(how));
	test_apic_init();
	if (cmdline_get_bool("fixed", false))
		icr |= APIC_DM_FIXED | (uint8_t)cmdline_get_u64("vector", 0x30);
	else
		icr |= APIC_DM_NMI;
	if (!strcmp(how, "all"))
		icr |= APIC_SHORTHAND_ALL;
	else if (!strcmp(how, "dest"))
		dest = test_apic_broadcast();
	else
		icr |= APIC_SHORTHAND_OTHERS;
	test_start("ipi-broadcast");
	printk("xvc-test: ipi-broadcast: %s, ICR 0x%x, destination 0x%x\n", how, icr, dest);
	apic_send_ipi_raw(dest, icr);
	test_not_contained("ipi-broadcast");
}
