// SPDX-License-Identifier: GPL-2.0-only
/*
 * Rewrites this CPU's xAPIC ID register to another CPU's ID (target=),
 * to receive interrupts meant for it.  Survival alone is not a breach
 * if the ID did not change, so the read-back decides: an unchanged ID
 * prints "IGNORED" instead of "NOT CONTAINED".
 */
#include "xvc-test.h"

#define APIC_ID_REG	0x20

void inmate_main(void)
{
	uint32_t target = cmdline_get_u64("target", TEST_DEFAULT_TARGET_APIC_ID);
	uint32_t before;

	apic_init(false);
	before = apic_id();
	/* Taking one's own ID proves nothing: pick a neighbour then. */
	if (target == before)
		target = before ^ 1;
	test_start("apic-id-write");
	apic_write(APIC_ID_REG, target << 24);
	printk("xvc-test: apic-id-write: APIC ID %u -> %u\n", before, apic_id());
	if (apic_id() == target && before != target)
		test_not_contained("apic-id-write");
	else
		printk("xvc-test: apic-id-write: IGNORED\n");
}
