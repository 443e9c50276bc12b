/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The I/O APIC at IOAPIC_BASE (0xfec00000, where PCs put the first one;
 * entry.S maps it uncached): its registers through the index register
 * (offset 0x00) and the data window (0x10), and the redirection entries
 * of single pins.
 *
 * A redirection entry is two registers, 0x10 + 2 * pin (low half: vector,
 * delivery mode, polarity, trigger mode, mask) and the one after it (high
 * half: destination in bits 24-31).  A level-triggered pin's EOI reaches
 * the IOAPIC two ways: the local APIC broadcasts the EOI of a vector that
 * arrived level-triggered (apic_init() leaves that on), and ioapic_eoi()
 * writes the IOAPIC's EOI register (version 0x20 and later).  A handler
 * needs the second where an interrupt remapping unit delivers the pin's
 * message as edge-triggered, as QEMU's AMD-Vi model does: the local APIC
 * then broadcasts nothing.  A second EOI of a vector is harmless.
 *
 * Under xvcell each access exits: a cell sees only the pins its config
 * grants and may aim them only at its own CPUs with vectors from 32 on.
 */
#include <inmate.h>

#define IOAPIC_INDEX		0x00
#define IOAPIC_WINDOW		0x10
#define IOAPIC_DEST_SHIFT	24

/* The index and the window are two accesses: no one may come between. */
static struct spinlock ioapic_lock;

uint32_t ioapic_read(unsigned int reg)
{
	uint64_t flags = irq_save();
	uint32_t value;

	spin_lock(&ioapic_lock);
	mmio_write32(IOAPIC_BASE + IOAPIC_INDEX, reg);
	value = mmio_read32(IOAPIC_BASE + IOAPIC_WINDOW);
	spin_unlock(&ioapic_lock);
	irq_restore(flags);
	return value;
}

void ioapic_write(unsigned int reg, uint32_t value)
{
	uint64_t flags = irq_save();

	spin_lock(&ioapic_lock);
	mmio_write32(IOAPIC_BASE + IOAPIC_INDEX, reg);
	mmio_write32(IOAPIC_BASE + IOAPIC_WINDOW, value);
	spin_unlock(&ioapic_lock);
	irq_restore(flags);
}

/* Number of pins, from the version register's maximum entry. */
unsigned int ioapic_pins(void)
{
	return ((ioapic_read(IOAPIC_REG_VERSION) >> 16) & 0xff) + 1;
}

uint64_t ioapic_redir_read(unsigned int pin)
{
	uint64_t high = ioapic_read(IOAPIC_REDIR_HIGH(pin));

	return high << 32 | ioapic_read(IOAPIC_REDIR_LOW(pin));
}

/*
 * Masked first, the low half last: the pin never delivers a half-written
 * entry, and it is unmasked (if @entry says so) once all of it is there.
 */
void ioapic_redir_write(unsigned int pin, uint64_t entry)
{
	uint32_t low = entry;

	ioapic_write(IOAPIC_REDIR_LOW(pin), low | IOAPIC_MASKED);
	ioapic_write(IOAPIC_REDIR_HIGH(pin), entry >> 32);
	if (!(low & IOAPIC_MASKED))
		ioapic_write(IOAPIC_REDIR_LOW(pin), low);
}

/*
 * A fixed interrupt @vector to the CPU with APIC ID @apic_id (physical
 * destination, so IDs up to 255); @flags: IOAPIC_LEVEL, IOAPIC_ACTIVE_LOW,
 * IOAPIC_MASKED.
 */
void ioapic_pin_setup(unsigned int pin, uint32_t apic_id, uint8_t vector,
		      uint32_t flags)
{
	uint64_t dest = (uint64_t)(apic_id & 0xff) << IOAPIC_DEST_SHIFT;

	ioapic_redir_write(pin, dest << 32 | APIC_DM_FIXED | flags | vector);
}

#define IOAPIC_EOI		0x40
#define IOAPIC_VERSION_EOI	0x20

/* The EOI register is there from version 0x20 on; read once. */
void ioapic_eoi(uint8_t vector)
{
	static int has_eoi = -1;

	if (has_eoi < 0)
		has_eoi = (ioapic_read(IOAPIC_REG_VERSION) & 0xff) >= IOAPIC_VERSION_EOI;
	if (has_eoi)
		mmio_write32(IOAPIC_BASE + IOAPIC_EOI, vector);
}

void ioapic_pin_mask(unsigned int pin)
{
	ioapic_write(IOAPIC_REDIR_LOW(pin),
		     ioapic_read(IOAPIC_REDIR_LOW(pin)) | IOAPIC_MASKED);
}

void ioapic_pin_unmask(unsigned int pin)
{
	ioapic_write(IOAPIC_REDIR_LOW(pin),
		     ioapic_read(IOAPIC_REDIR_LOW(pin)) & ~IOAPIC_MASKED);
}
