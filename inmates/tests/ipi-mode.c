// SPDX-License-Identifier: GPL-2.0-only
/*
 * An IPI to the cell's own CPU (self shorthand) with a delivery mode a
 * cell may not use: mode=smi (default), extint, lowpri or init.  Fixed
 * and NMI to its own CPUs are a cell's only IPIs (ipi-self proves those
 * work).  The cell must be stopped; surviving prints "NOT CONTAINED".
 */
#include "xvc-test.h"

void inmate_main(void)
{
	char name[8];
	uint32_t mode = test_delivery_mode(name, sizeof(name));

	/* Lowest priority needs a vector; the others ignore it. */
	if (mode == TEST_DM_LOWPRI)
		mode |= 0x40;
	test_apic_init();
	test_start("ipi-mode");
	printk("xvc-test: ipi-mode: self IPI, delivery %s\n", name);
	apic_send_ipi_raw(0, mode | APIC_LEVEL_ASSERT | APIC_SHORTHAND_SELF);
	test_not_contained("ipi-mode");
}
