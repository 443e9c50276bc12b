// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sends an IPI to everybody: how=others (default) the "all excluding self"
 * shorthand, how=all "all including self", how=dest the physical broadcast
 * destination (0xff in xAPIC mode, 0xffffffff in x2APIC mode) without
 * shorthand.  An NMI, or with fixed=1 a fixed interrupt (vector=).
 *
 * From a cell, everybody is the cell: the hypervisor delivers the IPI to
 * the cell's own CPUs and to no other.  This one-CPU cell counts what it
 * receives itself (1 for all and dest, 0 for others) and reports ALLOWED
 * with the count; the scenario checks that the root and the bystander
 * received nothing.
 */
#include "xvc-test.h"

#define NMI_VECTOR	2

static volatile unsigned int received;

static void count_nmi(struct irq_frame *frame)
{
	(void)frame;
	received++;
}

static void count_fixed(struct irq_frame *frame)
{
	(void)frame;
	received++;
	apic_eoi();
}

void inmate_main(void)
{
	uint32_t icr = APIC_LEVEL_ASSERT, dest = 0;
	uint8_t vector = cmdline_get_u64("vector", 0x30);
	char how[8] = "others";

	cmdline_get_str("how", how, sizeof(how));
	test_apic_init();
	if (cmdline_get_bool("fixed", false)) {
		icr |= APIC_DM_FIXED | vector;
		irq_register(vector, count_fixed);
	} else {
		icr |= APIC_DM_NMI;
		irq_register(NMI_VECTOR, count_nmi);
	}
	if (!strcmp(how, "all"))
		icr |= APIC_SHORTHAND_ALL;
	else if (!strcmp(how, "dest"))
		dest = test_apic_broadcast();
	else
		icr |= APIC_SHORTHAND_OTHERS;
	test_start("ipi-broadcast");
	printk("xvc-test: ipi-broadcast: %s, ICR 0x%x, destination 0x%x\n", how, icr, dest);
	asm volatile("sti");
	apic_send_ipi_raw(dest, icr);
	/* A while for what was sent to arrive (no clock of its own to wait by). */
	for (unsigned long spin = 0; spin < 1000000; spin++)
		asm volatile("pause");
	asm volatile("cli");
	printk("xvc-test: ipi-broadcast: ALLOWED (this CPU received %u)\n", received);
}
