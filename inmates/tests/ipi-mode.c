// SPDX-License-Identifier: GPL-2.0-only
/*
 * An IPI to the cell's own CPU (self shorthand) with a delivery mode a
 * cell may not use: mode=smi (default), extint, lowpri or init.  Fixed
 * and NMI to its own CPUs are a cell's only IPIs (ipi-self proves those
 * work).  The cell must be stopped; surviving prints "NOT CONTAINED".
 */
#include "xvc-test.h"

#define APIC_DM_LOWPRI	(1 << 8)
#define APIC_DM_SMI	(2 << 8)
#define APIC_DM_EXTINT	(7 << 8)

void inmate_main(void)
{
	uint32_t mode = APIC_DM_SMI;
	char name[8] = "smi";

	cmdline_get_str("mode", name, sizeof(name));
	if (!strcmp(name, "extint"))
		mode = APIC_DM_EXTINT;
	else if (!strcmp(name, "lowpri"))
		mode = APIC_DM_LOWPRI | 0x40;
	else if (!strcmp(name, "init"))
		mode = APIC_DM_INIT;
	test_apic_init();
	test_start("ipi-mode");
	printk("xvc-test: ipi-mode: self IPI, delivery %s\n", name);
	apic_send_ipi_raw(0, mode | APIC_LEVEL_ASSERT | APIC_SHORTHAND_SELF);
	test_not_contained("ipi-mode");
}
