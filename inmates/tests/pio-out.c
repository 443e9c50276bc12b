// SPDX-License-Identifier: GPL-2.0-only
/* Writes an I/O port not granted to the cell (port=, value=). */
#include "xvc-test.h"

void inmate_main(void)
{
	uint16_t port = cmdline_get_u64("port", TEST_DEFAULT_PORT);
	uint8_t value = cmdline_get_u64("value", '!');

	test_start("pio-out");
	outb(port, value);
	test_not_contained("pio-out");
}
