// SPDX-License-Identifier: GPL-2.0-only
/*
 * Programs an IOAPIC redirection entry the cell may not have: pin= (22,
 * the edu's INTA, which pci-hostile-test owns) as an unmasked,
 * level-triggered, active-low entry with vector= (0x40), delivery mode=
 * (fixed, the default, lowpri, smi, nmi, init or extint) and physical
 * destination dest= (APIC ID, default the cell's own).  The high half
 * (destination) goes first, while the pin is masked: for a pin of the
 * cell's that is allowed, and the low half, which unmasks the entry, is
 * the write to refuse; a pin that is not the cell's must not take even
 * the high half.
 *
 * Control first (allowed): the cell's own pin 22 programmed masked with
 * vector 0x40 for its own CPU must read back as written, and a pin the
 * root uses, peek= (9, the ACPI SCI on q35), must read masked and empty:
 * "pin 9 (the root's) reads 0x0:10000".  If the hypervisor lets the
 * entry pass, it is masked again at once.
 */
#include "pci-test.h"

#define CONTROL_PIN	22
#define CONTROL_VECTOR	0x40
#define PIN_FLAGS	(IOAPIC_LEVEL | IOAPIC_ACTIVE_LOW)

static void print_entry(unsigned int pin, const char *whose)
{
	uint64_t entry = ioapic_redir_read(pin);

	printk("xvc-test: ioapic-pin: pin %u (%s) reads 0x%x:%x\n", pin, whose,
	       (uint32_t)(entry >> 32), (uint32_t)entry);
}

/* The own pin, masked, for the own CPU: must be taken as it is. */
static void control(uint32_t own)
{
	uint64_t want = (uint64_t)own << 56 | IOAPIC_MASKED | PIN_FLAGS |
			CONTROL_VECTOR;

	ioapic_pin_setup(CONTROL_PIN, own, CONTROL_VECTOR,
			 PIN_FLAGS | IOAPIC_MASKED);
	if ((ioapic_redir_read(CONTROL_PIN) & ~(uint64_t)IOAPIC_REMOTE_IRR) != want)
		test_broken("ioapic-pin", "the cell's own pin 22 does not take a masked entry");
	printk("xvc-test: ioapic-pin: control: IOAPIC version 0x%x, %u pins\n",
	       ioapic_read(IOAPIC_REG_VERSION), ioapic_pins());
	print_entry(CONTROL_PIN, "the cell's, masked, allowed");
}

void inmate_main(void)
{
	uint32_t own = cpuid_apic_id();
	unsigned int pin = cmdline_get_u64("pin", CONTROL_PIN);
	unsigned int peek = cmdline_get_u64("peek", 9);
	uint32_t dest = cmdline_get_u64("dest", own) & 0xff;
	uint32_t low = PIN_FLAGS | test_message_delivery_mode("ioapic-pin") << 8 |
		       (cmdline_get_u64("vector", CONTROL_VECTOR) & 0xff);

	test_start("ioapic-pin");
	control(own);
	print_entry(peek, "the root's");
	printk("xvc-test: ioapic-pin: writing pin %u entry 0x%x:%x\n", pin,
	       dest << 24, low);
	ioapic_write(IOAPIC_REDIR_HIGH(pin), dest << 24);
	ioapic_write(IOAPIC_REDIR_LOW(pin), low);
	/* Not stopped: the pin may now deliver that entry. */
	print_entry(pin, "after the write");
	test_not_contained("ioapic-pin");
	ioapic_pin_mask(pin);
}
