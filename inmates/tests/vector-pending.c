// SPDX-License-Identifier: GPL-2.0-only
/*
 * Leaves interrupts pending in its local APIC for whoever owns the CPU
 * next: self IPIs with every vector from 16 to 31 (legal APIC vectors
 * that are exception numbers in any IDT) and one above, sent with
 * interrupts off and never accepted.  ALLOWED once they are pending
 * (the IRR says so); the runner then destroys the cell, and the CPU must
 * come back to Linux and serve the next cell.
 */
#include "xvc-test.h"

#define APIC_IRR		0x200
#define FIRST_VECTOR		16
#define LAST_VECTOR		31
#define HIGH_VECTOR		0x60

static bool pending(unsigned int vector)
{
	return apic_read(APIC_IRR + (vector / 32) * 0x10) & (1U << (vector % 32));
}

void inmate_main(void)
{
	uint32_t fixed = APIC_DM_FIXED | APIC_LEVEL_ASSERT | APIC_SHORTHAND_SELF;
	unsigned int vector, count = 0;

	irq_disable();
	test_apic_init();
	test_start("vector-pending");
	for (vector = FIRST_VECTOR; vector <= LAST_VECTOR; vector++)
		apic_send_ipi_raw(0, fixed | vector);
	apic_send_ipi_raw(0, fixed | HIGH_VECTOR);
	for (vector = FIRST_VECTOR; vector <= LAST_VECTOR; vector++)
		count += pending(vector);
	printk("xvc-test: vector-pending: %u of vectors 16-31 pending, 0x%x %s\n",
	       count, HIGH_VECTOR, pending(HIGH_VECTOR) ? "pending" : "not pending");
	if (count && pending(HIGH_VECTOR))
		test_allowed("vector-pending", "interrupts left pending");
	for (;;)
		asm volatile("cli; hlt");
}
