// SPDX-License-Identifier: GPL-2.0-only
/*
 * Makes the cell's own edu (bdf=) decode memory the cell does not own:
 * its BAR0 at addr= (default 0x100000, the root's RAM) with memory decode
 * on.  First, as a control, BAR0 goes to the cell's own device-memory
 * window (window=, default 0x40000000) with decode on, where the edu's
 * identification register must answer.  Then
 *   how=bar-last (default)  with decode still on, BAR0 is rewritten;
 *   how=decode-last         decode off, BAR0 written (allowed: it decodes
 *                           nothing), then decode turned on.
 * If the hypervisor lets the last write pass, decode is turned off at once
 * so that the root's memory shows through again.
 */
#include "pci-test.h"

static void command_write(uint32_t bdf, uint32_t command)
{
	test_pci_write(bdf, TEST_PCI_COMMAND, 2, command);
}

void inmate_main(void)
{
	uint32_t bdf = cmdline_get_u64("bdf", TEST_BDF_EDU);
	uint32_t addr = cmdline_get_u64("addr", 0x100000);
	uint32_t window = cmdline_get_u64("window", 0x40000000);
	uint32_t command, ident;
	char how[16];

	if (!cmdline_get_str("how", how, sizeof(how)))
		memcpy(how, "bar-last", sizeof("bar-last"));
	test_start("pci-bar");
	test_pci_expect_edu("pci-bar", bdf);
	command = test_pci_read(bdf, TEST_PCI_COMMAND, 2) & ~TEST_PCI_CMD_MEMORY;
	command_write(bdf, command);
	test_pci_write(bdf, TEST_PCI_BAR0, 4, window);
	command_write(bdf, command | TEST_PCI_CMD_MEMORY);
	ident = mmio_read32(window);
	printk("xvc-test: pci-bar: BAR0 0x%x with decode on: edu identification 0x%08x\n",
	       test_pci_read(bdf, TEST_PCI_BAR0, 4), ident);
	if (ident != TEST_EDU_IDENT)
		test_broken("pci-bar", "the edu does not answer in the cell's window");

	if (!strcmp(how, "decode-last")) {
		command_write(bdf, command);
		test_pci_write(bdf, TEST_PCI_BAR0, 4, addr);
		printk("xvc-test: pci-bar: BAR0 0x%x written with decode off (allowed); turning decode on\n",
		       test_pci_read(bdf, TEST_PCI_BAR0, 4));
		command_write(bdf, command | TEST_PCI_CMD_MEMORY);
	} else if (!strcmp(how, "bar-last")) {
		printk("xvc-test: pci-bar: writing BAR0 0x%x with decode on\n", addr);
		test_pci_write(bdf, TEST_PCI_BAR0, 4, addr);
	} else {
		test_broken("pci-bar", "how= is bar-last or decode-last");
	}
	/* Not stopped: the edu now hides memory the cell does not own. */
	printk("xvc-test: pci-bar: BAR0 reads 0x%x, command 0x%x\n",
	       test_pci_read(bdf, TEST_PCI_BAR0, 4),
	       test_pci_read(bdf, TEST_PCI_COMMAND, 2));
	command_write(bdf, command);
	test_not_contained("pci-bar");
}
