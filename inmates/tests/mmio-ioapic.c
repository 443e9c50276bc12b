// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reprograms the I/O APIC (addr=, default 0xfec00000), which belongs to
 * the hypervisor / root cell: selects redirection entry 2 and masks it.
 */
#include "xvc-test.h"

#define IOAPIC_SELECT	0x00
#define IOAPIC_WINDOW	0x10
#define IOAPIC_REDIR(n)	(0x10 + 2 * (n))
#define REDIR_MASKED	(1 << 16)

void inmate_main(void)
{
	uint64_t base = cmdline_get_u64("addr", 0xfec00000);

	test_start("mmio-ioapic");
	mmio_write32(base + IOAPIC_SELECT, IOAPIC_REDIR(2));
	mmio_write32(base + IOAPIC_WINDOW, REDIR_MASKED);
	test_not_contained("mmio-ioapic");
}
