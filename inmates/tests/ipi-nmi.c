// SPDX-License-Identifier: GPL-2.0-only
/* Sends an NMI to a CPU outside the cell (target=). */
#include "xvc-test.h"

void inmate_main(void)
{
	uint32_t target = cmdline_get_u64("target", TEST_DEFAULT_TARGET_APIC_ID);

	test_apic_init();
	test_start("ipi-nmi");
	apic_send_nmi(target);
	test_not_contained("ipi-nmi");
}
