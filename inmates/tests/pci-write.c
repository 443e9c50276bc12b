// SPDX-License-Identifier: GPL-2.0-only
/*
 * One config-space write a cell may not make: size= bytes (1, 2 or 4) of
 * value= at register reg= of function bdf= (bus << 8 | device << 3 |
 * function).  The default turns on I/O and memory decode and bus mastering
 * in the command register of 00:1f.0, the root's LPC bridge.  The line
 * before the write shows what the function's ID reads as: all ones for
 * one the cell does not own, the real ID for its own.
 */
#include "pci-test.h"

void inmate_main(void)
{
	uint32_t bdf = cmdline_get_u64("bdf", TEST_BDF_LPC);
	unsigned int reg = cmdline_get_u64("reg", TEST_PCI_COMMAND);
	unsigned int size = cmdline_get_u64("size", 2);
	uint32_t value = cmdline_get_u64("value", 0x7);

	test_start("pci-write");
	if ((size != 1 && size != 2 && size != 4) || (reg & (size - 1)) || reg > 0xff)
		test_broken("pci-write", "reg= and size= must name an aligned register");
	printk("xvc-test: pci-write: %02x:%02x.%x reads ID 0x%08x; writing 0x%x (%u bytes) to register 0x%x\n",
	       bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7, test_pci_read(bdf, TEST_PCI_ID, 4),
	       value, size, reg);
	test_pci_write(bdf, reg, size, value);
	printk("xvc-test: pci-write: register 0x%x now reads 0x%x\n", reg,
	       test_pci_read(bdf, reg, size));
	test_not_contained("pci-write");
}
