/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Config space for the PCI hostile tests, through configuration mechanism
 * #1 (address port 0xcf8, data ports 0xcfc-0xcff), written out here
 * rather than taken from the inmate library so that each test makes
 * exactly the port accesses it says it makes.  The tests run in
 * pci-hostile-test (configs/x86/pci-hostile-test.c), which owns the edu
 * device of the QEMU rig (ci/run-guest --device edu).
 */
#ifndef XVC_PCI_TEST_H
#define XVC_PCI_TEST_H

#include "xvc-test.h"

#define TEST_PCI_ADDRESS	0xcf8
#define TEST_PCI_DATA		0xcfc
#define TEST_PCI_ENABLE		(1U << 31)

#define TEST_BDF(bus, dev, fn)	((uint32_t)((bus) << 8 | (dev) << 3 | (fn)))
/* Functions of the QEMU q35 rig (Documentation/rig.md). */
#define TEST_BDF_HOST_BRIDGE	TEST_BDF(0, 0x00, 0)
#define TEST_BDF_EDU		TEST_BDF(0, 0x0a, 0)
#define TEST_BDF_BRIDGE		TEST_BDF(0, 0x0e, 0)
#define TEST_BDF_LPC		TEST_BDF(0, 0x1f, 0)
/* Device and vendor ID of the edu, as one dword at offset 0. */
#define TEST_EDU_ID		0x11e81234U
/* The edu's identification register at BAR0 + 0: version 1.0, "ed". */
#define TEST_EDU_IDENT		0x010000edU

#define TEST_PCI_ID		0x00
#define TEST_PCI_COMMAND	0x04
#define TEST_PCI_STATUS		0x06
#define TEST_PCI_BAR0		0x10
#define TEST_PCI_CAP_PTR	0x34
#define TEST_PCI_CMD_MEMORY	(1U << 1)
#define TEST_PCI_STS_CAP_LIST	(1U << 4)
#define TEST_PCI_CAP_MSI	0x05

/* MSI capability registers, from the capability's offset. */
#define TEST_MSI_CONTROL	0x02
#define TEST_MSI_ADDRESS_LO	0x04
#define TEST_MSI_ADDRESS_HI	0x08
#define TEST_MSI_CTRL_ENABLE	(1U << 0)
#define TEST_MSI_CTRL_64BIT	(1U << 7)

static inline void test_pci_select(uint32_t bdf, unsigned int reg)
{
	outl(TEST_PCI_ADDRESS, TEST_PCI_ENABLE | bdf << 8 | (reg & 0xfc));
}

/* @size bytes (1, 2 or 4) at @reg, through the data port they sit at. */
static inline uint32_t test_pci_read(uint32_t bdf, unsigned int reg,
				     unsigned int size)
{
	uint16_t port = TEST_PCI_DATA + (reg & 3);

	test_pci_select(bdf, reg);
	if (size == 1)
		return inb(port);
	if (size == 2)
		return inw(port);
	return inl(port);
}

static inline void test_pci_write(uint32_t bdf, unsigned int reg,
				  unsigned int size, uint32_t value)
{
	uint16_t port = TEST_PCI_DATA + (reg & 3);

	test_pci_select(bdf, reg);
	if (size == 1)
		outb(port, value);
	else if (size == 2)
		outw(port, value);
	else
		outl(port, value);
}

/* Offset of capability @id in the list of function @bdf, 0 if absent. */
static inline unsigned int test_pci_find_cap(uint32_t bdf, uint8_t id)
{
	unsigned int cap, hops;

	if (!(test_pci_read(bdf, TEST_PCI_STATUS, 2) & TEST_PCI_STS_CAP_LIST))
		return 0;
	cap = test_pci_read(bdf, TEST_PCI_CAP_PTR, 1) & 0xfc;
	/* 48 capabilities fill the device part of config space. */
	for (hops = 0; cap >= 0x40 && hops < 48; hops++) {
		if (test_pci_read(bdf, cap, 1) == id)
			return cap;
		cap = test_pci_read(bdf, cap + 1, 1) & 0xfc;
	}
	return 0;
}

/* The test cannot go on (not an attack outcome): say why and stop. */
static inline void __attribute__((noreturn))
test_broken(const char *name, const char *why)
{
	printk("xvc-test: %s: TEST BROKEN (%s)\n", name, why);
	inmate_halt();
}

/*
 * The delivery mode field (0-7) a message or an IOAPIC entry gets from
 * mode=: fixed (the default), lowpri, smi, nmi, init or extint.
 */
static inline unsigned int test_message_delivery_mode(const char *name)
{
	static const struct {
		const char *name;
		unsigned int mode;
	} modes[] = {
		{ "fixed", 0 }, { "lowpri", 1 }, { "smi", 2 }, { "nmi", 4 },
		{ "init", 5 }, { "extint", 7 },
	};
	char mode[16];
	unsigned int n;

	if (!cmdline_get_str("mode", mode, sizeof(mode)))
		return 0;
	for (n = 0; n < sizeof(modes) / sizeof(modes[0]); n++)
		if (!strcmp(mode, modes[n].name))
			return modes[n].mode;
	test_broken(name, "mode= is fixed, lowpri, smi, nmi, init or extint");
}

/* The cell's own edu at @bdf, or the test is broken. */
static inline void test_pci_expect_edu(const char *name, uint32_t bdf)
{
	uint32_t id = test_pci_read(bdf, TEST_PCI_ID, 4);

	printk("xvc-test: %s: own function %02x:%02x.%x reads ID 0x%08x\n",
	       name, bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7, id);
	if (id != TEST_EDU_ID)
		test_broken(name, "the cell's own edu does not answer");
}

#endif /* XVC_PCI_TEST_H */
