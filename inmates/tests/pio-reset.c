// SPDX-License-Identifier: GPL-2.0-only
/*
 * Resets the whole machine: 0xfe to the keyboard controller (port=0x64,
 * value=0xfe) or, with port=0xcf9 value=0x06, through the chipset.
 * Booted bare this really resets (QEMU -no-reboot then exits).
 */
#include "xvc-test.h"

void inmate_main(void)
{
	uint16_t port = cmdline_get_u64("port", 0x64);
	uint8_t value = cmdline_get_u64("value", 0xfe);

	test_start("pio-reset");
	outb(port, value);
	/* A reset takes a moment to act. */
	delay_us(100000);
	test_not_contained("pio-reset");
}
