/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * First C code of the first CPU, called by entry.S in long mode with BSS
 * cleared and a stack set up.
 */
#include <inmate.h>

void inmate_startup(void);

void inmate_startup(void)
{
	cmdline_init();
	console_init();
	idt_init();
	inmate_main();
	inmate_halt();
}

void cpu_stop(void)
{
	for (;;)
		asm volatile("cli; hlt" ::: "memory");
}
