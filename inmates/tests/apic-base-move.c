// SPDX-License-Identifier: GPL-2.0-only
/*
 * Moves this CPU's xAPIC window (IA32_APIC_BASE) onto memory outside the
 * cell (addr=) and writes a register there: with real hardware behind it
 * the write would land wherever the hypervisor put the APIC page.
 */
#include "xvc-test.h"

#define MSR_APIC_BASE		0x1b
#define APIC_BASE_ADDR_MASK	0xffffff000ULL
#define APIC_TPR		0x80

void inmate_main(void)
{
	uint64_t addr = cmdline_get_u64("addr", TEST_DEFAULT_FOREIGN_ADDRESS);
	uint64_t base;

	apic_init(false);
	test_start("apic-base-move");
	base = rdmsr(MSR_APIC_BASE);
	wrmsr(MSR_APIC_BASE, (base & ~APIC_BASE_ADDR_MASK) | (addr & APIC_BASE_ADDR_MASK));
	mmio_write32(addr + APIC_TPR, 0xf0);
	test_not_contained("apic-base-move");
}
