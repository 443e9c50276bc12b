// SPDX-License-Identifier: GPL-2.0-only
/* Reads an I/O port not granted to the cell (port=, default COM1). */
#include "xvc-test.h"

void inmate_main(void)
{
	uint16_t port = cmdline_get_u64("port", TEST_DEFAULT_PORT);
	uint8_t value;

	test_start("pio-in");
	value = inb(port);
	printk("xvc-test: pio-in: read 0x%x from port 0x%x\n", value, port);
	test_not_contained("pio-in");
}
