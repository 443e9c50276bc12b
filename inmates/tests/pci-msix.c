// SPDX-License-Identifier: GPL-2.0-only
/*
 * MSI-X of the cell's own e1000e (configs/x86/pci-msix-test.c: PCI
 * 00:0d.0, BAR0 registers and BAR3 MSI-X structures where the root left
 * them).  Entry 0's message is address 0xfee00000 | dest= << 12 (APIC ID,
 * default the cell's own) and data vector= (default 0x41) | mode= << 8
 * (fixed, lowpri, smi, nmi, init or extint).  how=:
 *   deliver (default)  the message for the cell's own CPU, MSI-X on, and
 *                      the NIC made to raise entry 0 count= times (the
 *                      receive-queue-0 cause, mapped to entry 0 and set
 *                      through the cause-set register): ALLOWED once
 *                      every raise was answered by an interrupt;
 *   unmask             the message written into the masked entry (always
 *                      allowed), then the entry unmasked;
 *   rewrite            entry 0 unmasked for the cell's own CPU, then the
 *                      message's address rewritten while unmasked;
 *   byte               one byte written into entry 0's vector control;
 *   move-bar           BAR3 moved onto BAR0 (the cell's own device
 *                      memory) with memory decode on.
 * First the entry as the take left it is printed (masked).
 */
#include "pci-test.h"

#define TEST_BDF_NIC		TEST_BDF(0, 0x0d, 0)
#define TEST_NIC_ID		0x10d38086U
#define TEST_PCI_CAP_MSIX	0x11
#define TEST_PCI_CMD_MASTER	(1U << 2)
#define MSIX_CONTROL		0x02
#define MSIX_TABLE		0x04
#define MSIX_CTRL_ENABLE	(1U << 15)
#define MSIX_CTRL_FUNCTION_MASK	(1U << 14)

/* e1000e registers (82574), offsets in BAR0. */
#define NIC_ICR			0x00c0
#define NIC_ICS			0x00c8
#define NIC_IMS			0x00d0
#define NIC_IVAR		0x00e4
#define NIC_CAUSE_RXQ0		(1U << 20)
/* Receive queue 0's cause to MSI-X entry 0, valid. */
#define NIC_IVAR_RXQ0_ENTRY0	0x8

#define DEFAULT_VECTOR		0x41
/*
 * How long to wait for each interrupt, in pauses: no clock to measure
 * time with (the cell owns no timer port, and the PM timer is the root's).
 */
#define IRQ_TIMEOUT_SPINS	1000000ULL

static volatile uint64_t irqs;

static void msix_irq(struct irq_frame *frame)
{
	(void)frame;
	irqs++;
	apic_eoi();
}

/* The BAR's address as the root left it (32-bit memory BARs). */
static uint32_t bar(unsigned int n)
{
	return test_pci_read(TEST_BDF_NIC, TEST_PCI_BAR0 + 4 * n, 4) & ~0xfU;
}

/* One byte, as MOV r/m8, r8: a form the hypervisor decodes. */
static void mmio_write8(uintptr_t address, uint8_t value)
{
	asm volatile("movb %0, (%1)" : : "q"(value), "r"(address) : "memory");
}

static void set_entry(uintptr_t entry, uint32_t address, uint32_t data)
{
	mmio_write32(entry, address);
	mmio_write32(entry + 4, 0);
	mmio_write32(entry + 8, data);
}

static void deliver(uintptr_t regs, unsigned int cap, uint16_t control)
{
	uint64_t count = cmdline_get_u64("count", 100), n, seen, spins;

	irq_register(DEFAULT_VECTOR, msix_irq);
	test_pci_write(TEST_BDF_NIC, cap + MSIX_CONTROL, 2,
		       (control & ~MSIX_CTRL_FUNCTION_MASK) | MSIX_CTRL_ENABLE);
	mmio_write32(regs + NIC_IVAR, NIC_IVAR_RXQ0_ENTRY0);
	mmio_write32(regs + NIC_IMS, NIC_CAUSE_RXQ0);
	irq_enable();
	for (n = 0; n < count; n++) {
		seen = irqs;
		mmio_write32(regs + NIC_ICS, NIC_CAUSE_RXQ0);
		for (spins = 0; irqs == seen && spins < IRQ_TIMEOUT_SPINS; spins++)
			cpu_relax();
		/* The cause stays set until cleared: the next raise is new. */
		mmio_write32(regs + NIC_ICR, NIC_CAUSE_RXQ0);
		if (irqs == seen)
			break;
	}
	irq_disable();
	/*
	 * Every raise must be answered.  QEMU's model may send a pending
	 * cause again on its own (its throttling timer), so there can be
	 * more interrupts than raises, never fewer.
	 */
	printk("xvc-test: pci-msix: %lu of %lu raises answered, %lu MSI-X interrupts in all\n",
	       n, count, irqs);
	if (n == count && irqs >= count)
		test_allowed("pci-msix", "MSI-X entry 0 to the cell's own CPU delivers");
	test_pci_write(TEST_BDF_NIC, cap + MSIX_CONTROL, 2, control);
}

void inmate_main(void)
{
	uint32_t own, dest, data, address, table_bar, command;
	unsigned int cap, table_bir;
	uintptr_t table, regs;
	uint16_t control;
	char how[16];

	test_apic_init();
	own = apic_id();
	dest = cmdline_get_u64("dest", own);
	address = 0xfee00000 | (dest & 0xff) << 12;
	data = (cmdline_get_u64("vector", DEFAULT_VECTOR) & 0xff) |
	       test_message_delivery_mode("pci-msix") << 8;
	if (!cmdline_get_str("how", how, sizeof(how)))
		memcpy(how, "deliver", sizeof("deliver"));
	test_start("pci-msix");
	if (test_pci_read(TEST_BDF_NIC, TEST_PCI_ID, 4) != TEST_NIC_ID)
		test_broken("pci-msix", "the cell's own e1000e does not answer");
	cap = test_pci_find_cap(TEST_BDF_NIC, TEST_PCI_CAP_MSIX);
	if (!cap)
		test_broken("pci-msix", "no MSI-X capability");
	control = test_pci_read(TEST_BDF_NIC, cap + MSIX_CONTROL, 2);
	table_bir = test_pci_read(TEST_BDF_NIC, cap + MSIX_TABLE, 4);
	table_bar = bar(table_bir & 7);
	table = table_bar + (table_bir & ~7U);
	regs = bar(0);
	command = test_pci_read(TEST_BDF_NIC, TEST_PCI_COMMAND, 2);
	test_pci_write(TEST_BDF_NIC, TEST_PCI_COMMAND, 2,
		       command | TEST_PCI_CMD_MEMORY | TEST_PCI_CMD_MASTER);
	printk("xvc-test: pci-msix: MSI-X at 0x%x, control 0x%x, %u entries in BAR%u at 0x%x; entry 0 control 0x%x\n",
	       cap, control, (control & 0x7ff) + 1, table_bir & 7, table_bar,
	       mmio_read32(table + 12));

	if (!strcmp(how, "deliver")) {
		set_entry(table, 0xfee00000 | own << 12, DEFAULT_VECTOR);
		mmio_write32(table + 12, 0);
		printk("xvc-test: pci-msix: entry 0 address 0x%x data 0x%x control 0x%x\n",
		       mmio_read32(table), mmio_read32(table + 8), mmio_read32(table + 12));
		deliver(regs, cap, control);
		return;
	}
	if (!strcmp(how, "unmask")) {
		set_entry(table, address, data);
		printk("xvc-test: pci-msix: masked entry 0 holds address 0x%x data 0x%x; unmasking\n",
		       mmio_read32(table), mmio_read32(table + 8));
		mmio_write32(table + 12, 0);
	} else if (!strcmp(how, "rewrite")) {
		set_entry(table, 0xfee00000 | own << 12, DEFAULT_VECTOR);
		mmio_write32(table + 12, 0);
		printk("xvc-test: pci-msix: entry 0 unmasked for APIC ID %u (allowed); rewriting its address to 0x%x\n",
		       own, address);
		mmio_write32(table, address);
	} else if (!strcmp(how, "byte")) {
		printk("xvc-test: pci-msix: one byte into entry 0's control\n");
		mmio_write8(table + 12, 0);
	} else if (!strcmp(how, "move-bar")) {
		printk("xvc-test: pci-msix: BAR%u from 0x%x onto BAR0 at 0x%x, decoding\n",
		       table_bir & 7, table_bar, (uint32_t)regs);
		test_pci_write(TEST_BDF_NIC, TEST_PCI_BAR0 + 4 * (table_bir & 7), 4, regs);
	} else {
		test_broken("pci-msix", "how= is deliver, unmask, rewrite, byte or move-bar");
	}
	printk("xvc-test: pci-msix: entry 0 reads address 0x%x data 0x%x control 0x%x\n",
	       mmio_read32(table), mmio_read32(table + 8), mmio_read32(table + 12));
	test_not_contained("pci-msix");
}
