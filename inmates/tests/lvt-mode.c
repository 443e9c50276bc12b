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

#define APIC_LVT_LINT0	0x350

void inmate_main(void)
{
	unsigned int lvt = cmdline_get_u64("lvt", APIC_LVT_LINT0);
	char name[8];
	uint32_t mode = test_delivery_mode(name, sizeof(name));

	test_apic_init();
	test_start("lvt-mode");
	printk("xvc-test: lvt-mode: LVT 0x%x <- 0x%x (%s)\n", lvt, mode, name);
	apic_write(lvt, mode);
	test_not_contained("lvt-mode");
}
