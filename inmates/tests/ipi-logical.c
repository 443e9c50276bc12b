// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sends a fixed interrupt in logical destination mode to every logical
 * ID bit (dest=, default 0xff: all CPUs in xAPIC flat mode).
 */
#include "xvc-test.h"

void inmate_main(void)
{
	uint32_t dest = cmdline_get_u64("dest", 0xff);
	uint8_t vector = cmdline_get_u64("vector", 0x30);

	test_apic_init();
	test_start("ipi-logical");
	apic_send_ipi_raw(dest, APIC_DM_FIXED | APIC_LEVEL_ASSERT | APIC_DEST_LOGICAL | vector);
	test_not_contained("ipi-logical");
}
