// SPDX-License-Identifier: GPL-2.0-only
/*
 * IPIs to the cell's own CPU must be delivered, not stopped: a fixed
 * interrupt through the "self" shorthand, to the CPU's own APIC ID
 * (physical), and in x2APIC mode through the SELF IPI register (MSR
 * 0x83f, which a hypervisor may pass in hardware).  ALLOWED once every
 * one has arrived; a missing one is reported and the test ends without
 * a verdict.
 */
#include "xvc-test.h"

#define SELF_VECTOR		0x50
#define X2APIC_SELF_IPI_MSR	0x83f
/*
 * A bound in loop turns, not in time: the TSC's rate is calibrated with
 * the PM timer, whose port the test cell is not granted.  A self IPI
 * arrives within a few instructions; this is seconds under emulation.
 */
#define ARRIVAL_SPINS		100000000ULL

static volatile unsigned int received;

static void self_handler(struct irq_frame *frame)
{
	(void)frame;
	received++;
	apic_eoi();
}

static bool wait_for(unsigned int count)
{
	uint64_t spins;

	for (spins = 0; spins < ARRIVAL_SPINS; spins++) {
		if (received >= count)
			return true;
		cpu_relax();
	}
	return false;
}

static bool send_and_check(const char *how, uint32_t dest, uint32_t icr)
{
	unsigned int expected = received + 1;

	if (icr)
		apic_send_ipi_raw(dest, icr);
	else
		wrmsr(X2APIC_SELF_IPI_MSR, SELF_VECTOR);
	if (wait_for(expected))
		return true;
	printk("xvc-test: ipi-self: the IPI through %s did not arrive\n", how);
	return false;
}

void inmate_main(void)
{
	uint32_t fixed = APIC_DM_FIXED | APIC_LEVEL_ASSERT | SELF_VECTOR;
	bool ok;

	test_apic_init();
	irq_register(SELF_VECTOR, self_handler);
	irq_enable();
	test_start("ipi-self");
	ok = send_and_check("the self shorthand", 0, fixed | APIC_SHORTHAND_SELF) &&
	     send_and_check("its own APIC ID", apic_id(), fixed);
	if (ok && apic_is_x2apic())
		ok = send_and_check("the x2APIC SELF IPI register", 0, 0);
	if (ok)
		test_allowed("ipi-self", apic_is_x2apic() ?
			     "shorthand, own APIC ID, SELF IPI register" :
			     "shorthand, own APIC ID");
}
