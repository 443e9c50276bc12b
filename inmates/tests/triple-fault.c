// SPDX-License-Identifier: GPL-2.0-only
/*
 * Triple fault: an empty IDT, then an exception.  On bare hardware this
 * resets the machine; the hypervisor must stop only this cell.
 */
#include "xvc-test.h"

void inmate_main(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) empty_idt = { 0, 0 };

	test_start("triple-fault");
	asm volatile("lidt %0; int3" : : "m"(empty_idt));
	test_not_contained("triple-fault");
}
