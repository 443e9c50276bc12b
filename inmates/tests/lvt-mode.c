// SPDX-License-Identifier: GPL-2.0-only
/*
 * Programs a local vector table entry with a delivery mode a cell may not
 * use (mode=smi (default), init or extint) in the entry lvt= (offset,
 * default LINT0 0x350), unmasked, in the APIC mode the runner chose.
 * SMIs would enter the firmware's SMM handler, INIT would reset the CPU
 * behind the hypervisor's back, ExtINT would take the 8259's vectors.
 * The cell must be stopped; surviving prints "NOT CONTAINED".
 */
#include "xvc-test.h"

#define APIC_DM_SMI	(2 << 8)
#define APIC_DM_EXTINT	(7 << 8)
#define APIC_LVT_LINT0	0x350

void inmate_main(void)
{
	unsigned int lvt = cmdline_get_u64("lvt", APIC_LVT_LINT0);
	uint32_t mode = APIC_DM_SMI;
	char name[8] = "smi";

	cmdline_get_str("mode", name, sizeof(name));
	if (!strcmp(name, "init"))
		mode = APIC_DM_INIT;
	else if (!strcmp(name, "extint"))
		mode = APIC_DM_EXTINT;
	test_apic_init();
	test_start("lvt-mode");
	printk("xvc-test: lvt-mode: LVT 0x%x <- 0x%x (%s)\n", lvt, mode, name);
	apic_write(lvt, mode);
	test_not_contained("lvt-mode");
}
