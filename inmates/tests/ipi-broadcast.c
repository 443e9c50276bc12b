// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sends an NMI with the "all excluding self" shorthand, which reaches
 * every CPU of the machine unless the hypervisor narrows it to the cell.
 * Counts as contained only if the cell is stopped; a narrowed broadcast
 * would also be acceptable but cannot be seen from inside.
 */
#include "xvc-test.h"

void inmate_main(void)
{
	test_apic_init();
	test_start("ipi-broadcast");
	apic_send_ipi_raw(0, APIC_DM_NMI | APIC_LEVEL_ASSERT | APIC_SHORTHAND_OTHERS);
	test_not_contained("ipi-broadcast");
}
