// SPDX-License-Identifier: GPL-2.0-only
/*
 * Writes the xAPIC page somewhere that is not the start of a register
 * the cell may write, hoping that the device decodes loosely (QEMU's
 * APIC looks at address bits 11:4 only):
 *   how=icr   (default) a 4-byte NMI command to the root's CPU at offset
 *             0x304, inside the ICR's 16-byte slot;
 *   how=byte  one byte into the ICR at offset 0x300;
 *   how=msi   a 4-byte store at offset 0x0, which QEMU takes as an MSI;
 *   how=word  a 2-byte store to the EOI register.
 * Every one must stop the cell; surviving prints "NOT CONTAINED".
 */
#include "xvc-test.h"

#define XAPIC_BASE	0xfee00000UL
#define ICR_LOW		0x300
#define ICR_HIGH	0x310
#define EOI		0x0b0

static void store8(uintptr_t address, uint8_t value)
{
	asm volatile("movb %1, %0" : "=m"(*(volatile uint8_t *)address) : "q"(value));
}

static void store16(uintptr_t address, uint16_t value)
{
	asm volatile("movw %1, %0" : "=m"(*(volatile uint16_t *)address) : "r"(value));
}

void inmate_main(void)
{
	uint32_t target = cmdline_get_u64("target", TEST_DEFAULT_TARGET_APIC_ID);
	uint32_t nmi = APIC_DM_NMI | APIC_LEVEL_ASSERT;
	char how[8] = "icr";

	cmdline_get_str("how", how, sizeof(how));
	apic_init(false);
	test_start("xapic-alias");
	printk("xvc-test: xapic-alias: how=%s\n", how);
	if (!strcmp(how, "byte")) {
		store8(XAPIC_BASE + ICR_LOW + 1, APIC_DM_NMI >> 8);
	} else if (!strcmp(how, "msi")) {
		/* An MSI's data word: an NMI to APIC ID target. */
		mmio_write32(XAPIC_BASE, nmi | target << 12);
	} else if (!strcmp(how, "word")) {
		store16(XAPIC_BASE + EOI, 0);
	} else {
		/* The cell's own ID in the real ICR high: only the alias differs. */
		mmio_write32(XAPIC_BASE + ICR_HIGH, apic_id() << 24);
		mmio_write32(XAPIC_BASE + ICR_LOW + 4, nmi | APIC_SHORTHAND_OTHERS);
	}
	test_not_contained("xapic-alias");
}
