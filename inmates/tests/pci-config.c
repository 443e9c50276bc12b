// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reads PCI configuration space of a device not assigned to the cell
 * through the 0xcf8/0xcfc mechanism (bdf=, default 00:00.0, the host
 * bridge) and writes its command register back (write=0 skips that).
 */
#include "xvc-test.h"

#define PCI_CONFIG_ADDRESS	0xcf8
#define PCI_CONFIG_DATA		0xcfc
#define PCI_ENABLE		(1U << 31)

void inmate_main(void)
{
	uint32_t bdf = cmdline_get_u64("bdf", 0);
	bool write = cmdline_get_bool("write", true);
	uint32_t id, command;

	test_start("pci-config");
	outl(PCI_CONFIG_ADDRESS, PCI_ENABLE | bdf << 8);
	id = inl(PCI_CONFIG_DATA);
	outl(PCI_CONFIG_ADDRESS, PCI_ENABLE | bdf << 8 | 0x04);
	command = inl(PCI_CONFIG_DATA);
	if (write)
		outl(PCI_CONFIG_DATA, command);
	printk("xvc-test: pci-config: bdf 0x%x id 0x%x command 0x%x\n", bdf, id, command);
	test_not_contained("pci-config");
}
