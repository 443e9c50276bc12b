// SPDX-License-Identifier: GPL-2.0-only
/*
 * Writes an IOAPIC register that is not a redirection entry: reg= (0x0,
 * the IOAPIC's ID) with value= (default: what it reads with the ID, bits
 * 24-27, inverted).  A cell owns pins, never the IOAPIC itself: an ID
 * another APIC on the bus has, or one firmware tables do not name, is
 * everyone's problem.  Control first (allowed): the register and the
 * version register are read.  If the hypervisor lets the write pass, the
 * old value is put back.
 */
#include "xvc-test.h"

void inmate_main(void)
{
	unsigned int reg = cmdline_get_u64("reg", IOAPIC_REG_ID);
	uint32_t old, value;

	test_start("ioapic-reg");
	old = ioapic_read(reg);
	value = cmdline_get_u64("value", old ^ (0xfU << 24));
	printk("xvc-test: ioapic-reg: control: register 0x%x reads 0x%x, version 0x%x\n",
	       reg, old, ioapic_read(IOAPIC_REG_VERSION));
	printk("xvc-test: ioapic-reg: writing 0x%x to register 0x%x\n", value, reg);
	ioapic_write(reg, value);
	printk("xvc-test: ioapic-reg: register 0x%x reads 0x%x\n", reg,
	       ioapic_read(reg));
	test_not_contained("ioapic-reg");
	ioapic_write(reg, old);
}
