// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sends itself an NMI (allowed: NMI to its own CPU) and never returns
 * from the handler: NMIs stay blocked for the guest forever.  The
 * hypervisor reaches its CPUs with NMIs too, so destroying this cell,
 * which the runner does next, must still complete (the verdict is the
 * runner's).  ALLOWED from inside the handler.
 */
#include "xvc-test.h"

#define NMI_VECTOR	2

static void __attribute__((noreturn)) nmi_handler(struct irq_frame *frame)
{
	(void)frame;
	test_allowed("nmi-no-iret", "in the NMI handler, no IRET from here on");
	for (;;)
		cpu_relax();
}

void inmate_main(void)
{
	test_apic_init();
	irq_register(NMI_VECTOR, nmi_handler);
	test_start("nmi-no-iret");
	apic_send_ipi_raw(0, APIC_DM_NMI | APIC_LEVEL_ASSERT | APIC_SHORTHAND_SELF);
	for (;;)
		cpu_relax();
}
