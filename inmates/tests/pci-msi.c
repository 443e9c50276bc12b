// SPDX-License-Identifier: GPL-2.0-only
/*
 * Points the MSI of the cell's own edu (bdf=) at something a cell may not
 * interrupt or write, and enables it.  First, as a control, a fixed
 * interrupt with vector 0x40 for the cell's own CPU is enabled (allowed)
 * and disabled again.  The message: address 0xfee00000 | dest= << 12
 * (APIC ID, default the cell's own), or addr= as a whole; data vector=
 * (default 0x40) | mode= << 8, the delivery mode: fixed (default),
 * lowpri, smi, nmi, init or extint.
 *   how=enable-last (default)  the message written with MSI off, then
 *                              MSI enabled;
 *   how=rewrite                the control message left enabled and the
 *                              new address and data written over it.
 * If the hypervisor lets it pass, MSI is turned off again at once.
 */
#include "pci-test.h"

#define CONTROL_VECTOR	0x40

struct msi {
	uint32_t bdf;
	unsigned int cap;
	bool is_64bit;
	uint16_t control;
};

static void msi_set_message(const struct msi *msi, uint32_t address, uint16_t data)
{
	test_pci_write(msi->bdf, msi->cap + TEST_MSI_ADDRESS_LO, 4, address);
	if (msi->is_64bit)
		test_pci_write(msi->bdf, msi->cap + TEST_MSI_ADDRESS_HI, 4, 0);
	test_pci_write(msi->bdf, msi->cap + (msi->is_64bit ? 0x0c : 0x08), 2, data);
}

static void msi_enable(const struct msi *msi, bool on)
{
	test_pci_write(msi->bdf, msi->cap + TEST_MSI_CONTROL, 2,
		       on ? msi->control | TEST_MSI_CTRL_ENABLE : msi->control);
}

void inmate_main(void)
{
	uint32_t own = cpuid_apic_id(), dest = cmdline_get_u64("dest", own);
	uint32_t address = cmdline_get_u64("addr", 0xfee00000 | (dest & 0xff) << 12);
	uint16_t data = (cmdline_get_u64("vector", CONTROL_VECTOR) & 0xff) |
			test_message_delivery_mode("pci-msi") << 8;
	struct msi msi = { .bdf = cmdline_get_u64("bdf", TEST_BDF_EDU) };
	bool rewrite;
	char how[16];

	if (!cmdline_get_str("how", how, sizeof(how)))
		memcpy(how, "enable-last", sizeof("enable-last"));
	rewrite = !strcmp(how, "rewrite");
	test_start("pci-msi");
	test_pci_expect_edu("pci-msi", msi.bdf);
	if (!rewrite && strcmp(how, "enable-last"))
		test_broken("pci-msi", "how= is enable-last or rewrite");
	msi.cap = test_pci_find_cap(msi.bdf, TEST_PCI_CAP_MSI);
	if (!msi.cap)
		test_broken("pci-msi", "no MSI capability");
	msi.control = test_pci_read(msi.bdf, msi.cap + TEST_MSI_CONTROL, 2) &
		      ~TEST_MSI_CTRL_ENABLE;
	msi.is_64bit = msi.control & TEST_MSI_CTRL_64BIT;

	msi_set_message(&msi, 0xfee00000 | own << 12, CONTROL_VECTOR);
	msi_enable(&msi, true);
	printk("xvc-test: pci-msi: control: MSI at 0x%x, address 0xfee%05x data 0x%x to APIC ID %u, control 0x%x (allowed)\n",
	       msi.cap, own << 12, CONTROL_VECTOR, own,
	       test_pci_read(msi.bdf, msi.cap + TEST_MSI_CONTROL, 2));
	if (!rewrite)
		msi_enable(&msi, false);

	printk("xvc-test: pci-msi: %s: address 0x%x data 0x%x\n",
	       rewrite ? "rewriting the enabled message" : "enabling", address, data);
	msi_set_message(&msi, address, data);
	if (!rewrite)
		msi_enable(&msi, true);
	/* Not stopped: the edu may now send that message. */
	printk("xvc-test: pci-msi: MSI control reads 0x%x\n",
	       test_pci_read(msi.bdf, msi.cap + TEST_MSI_CONTROL, 2));
	msi_enable(&msi, false);
	test_not_contained("pci-msi");
}
