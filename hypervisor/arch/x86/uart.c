// SPDX-License-Identifier: GPL-2.0-only
/*
 * The debug console: an 8250/16550 UART on I/O ports or in MMIO, as the
 * system config says.  Output only, polled.
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/memory.h>
#include <xvc/spinlock.h>
#include <asm/processor.h>

#define UART_THR	0
#define UART_IER	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_DLL	0
#define UART_DLM	1
#define LCR_8N1		0x03
#define LCR_DLAB	0x80
#define LSR_THRE	0x20

static const struct xvc_console *con;

static u8 uart_read(unsigned int reg)
{
	if (con->type == XVC_CON_UART_8250_MMIO)
		return *(volatile u32 *)phys_to_virt(con->address + reg * 4);
	return inb(con->address + reg);
}

static void uart_write(unsigned int reg, u8 v)
{
	if (con->type == XVC_CON_UART_8250_MMIO)
		*(volatile u32 *)phys_to_virt(con->address + reg * 4) = v;
	else
		outb(con->address + reg, v);
}

void arch_console_init(void)
{
	con = &system_config.system->debug_console;
	if (con->type == XVC_CON_NONE)
		return;
	/* The direct map is not up yet at this point: MMIO waits for it. */
	if (con->type == XVC_CON_UART_8250_MMIO) {
		con = NULL;
		return;
	}
	if (con->divider) {
		uart_write(UART_LCR, LCR_DLAB);
		uart_write(UART_DLL, con->divider & 0xff);
		uart_write(UART_DLM, con->divider >> 8);
	}
	uart_write(UART_LCR, LCR_8N1);
	uart_write(UART_IER, 0);
	uart_write(UART_FCR, 0);
	uart_write(UART_MCR, 0x3);
}

void arch_console_putc(char c)
{
	unsigned int spins = 100000;

	if (!con || con->type == XVC_CON_NONE)
		return;
	while (!(uart_read(UART_LSR) & LSR_THRE) && --spins)
		cpu_relax();
	uart_write(UART_THR, c);
}
