// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sends a fixed interrupt in logical destination mode (dest=, default
 * 0xff).  In xAPIC flat mode the destination is a bit mask of logical
 * IDs, so 0xff means every CPU; in x2APIC mode it is cluster << 16 |
 * mask, so 0xff means APIC IDs 0-7 of cluster 0.  dest=1 aims at CPU 0
 * alone in either mode.
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
