// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reads the config space of functions the cell does not own: the whole
 * 256-byte header of 00:00.0 (the host bridge) and of 00:1f.0 (the LPC
 * bridge), as dwords, words and bytes.  Each must read as absent (all
 * ones) while the cell's own function (the edu, bdf=) shows its ID: the
 * cell sees its own device and nothing else.  Reading is allowed, so the
 * verdict is ALLOWED, or NOT CONTAINED when a foreign register showed
 * anything else.
 *
 * watch=1: then, until a shutdown request, read the own function's ID and
 * cache line size register again every 10^8 TSC ticks (some 50 ms: the
 * cell has no timer to calibrate against) and print both every 10th time
 * and at once when they change, so that a scenario can see the cell run
 * and its device unchanged while the root tries to touch it.
 */
#include "pci-test.h"

#define TEST_PCI_CACHE_LINE	0x0c
#define WATCH_TICKS		100000000ULL

static const uint32_t foreign[] = { TEST_BDF_HOST_BRIDGE, TEST_BDF_LPC };

/* Registers of @bdf that do not read as all ones, in @size-byte reads. */
static unsigned int visible_registers(uint32_t bdf, unsigned int size)
{
	uint32_t ones = size == 4 ? ~0U : (1U << (8 * size)) - 1, value;
	unsigned int reg, seen = 0;

	for (reg = 0; reg < 0x100; reg += size) {
		value = test_pci_read(bdf, reg, size);
		if (value == ones)
			continue;
		if (!seen)
			printk("xvc-test: pci-foreign-read: %02x:%02x.%x register 0x%x (%u bytes) reads 0x%x\n",
			       bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7, reg, size, value);
		seen++;
	}
	return seen;
}

static void watch(uint32_t bdf)
{
	uint32_t id = 0, line = 0, new_id, new_line;
	unsigned long round;
	uint64_t start;

	for (round = 0; !comm_shutdown_requested(); round++) {
		new_id = test_pci_read(bdf, TEST_PCI_ID, 4);
		new_line = test_pci_read(bdf, TEST_PCI_CACHE_LINE, 1);
		if (round % 10 == 0 || new_id != id || new_line != line)
			printk("xvc-test: pci-foreign-read: watch %lu: ID 0x%08x cache line 0x%02x\n",
			       round, new_id, new_line);
		id = new_id;
		line = new_line;
		start = tsc_read();
		while (tsc_read() - start < WATCH_TICKS && !comm_shutdown_requested())
			cpu_relax();
	}
	inmate_shutdown();
}

void inmate_main(void)
{
	uint32_t own = cmdline_get_u64("bdf", TEST_BDF_EDU);
	unsigned int n, size, visible = 0;

	test_start("pci-foreign-read");
	for (n = 0; n < sizeof(foreign) / sizeof(foreign[0]); n++)
		for (size = 4; size >= 1; size /= 2)
			visible += visible_registers(foreign[n], size);
	test_pci_expect_edu("pci-foreign-read", own);
	if (visible) {
		printk("xvc-test: pci-foreign-read: %u reads of functions the cell does not own were not all ones\n",
		       visible);
		test_not_contained("pci-foreign-read");
	} else {
		test_allowed("pci-foreign-read",
			     "00:00.0 and 00:1f.0 read as all ones, the own edu as 0x11e81234");
	}
	if (cmdline_get_bool("watch", false))
		watch(own);
}
