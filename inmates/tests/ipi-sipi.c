// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sends a startup IPI to a CPU outside the cell (target=), pointing it
 * at this cell's AP trampoline (page=, default 0x02).
 */
#include "xvc-test.h"

void inmate_main(void)
{
	uint32_t target = cmdline_get_u64("target", TEST_DEFAULT_TARGET_APIC_ID);
	uint8_t page = cmdline_get_u64("page", AP_TRAMPOLINE_ADDRESS >> 12);

	test_apic_init();
	test_start("ipi-sipi");
	apic_send_sipi(target, page);
	test_not_contained("ipi-sipi");
}
