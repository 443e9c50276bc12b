// SPDX-License-Identifier: GPL-2.0-only
/* Sends a fixed interrupt (vector=) to a CPU outside the cell (target=). */
#include "xvc-test.h"

void inmate_main(void)
{
	uint32_t target = cmdline_get_u64("target", TEST_DEFAULT_TARGET_APIC_ID);
	uint8_t vector = cmdline_get_u64("vector", 0x30);

	test_apic_init();
	test_start("ipi-fixed");
	apic_send_ipi(target, vector);
	test_not_contained("ipi-fixed");
}
