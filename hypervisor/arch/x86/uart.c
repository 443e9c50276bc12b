// SPDX-License-Identifier: GPL-2.0-only
/*
 * The debug console: an 8250/16550 UART on I/O ports, as the system
 * config says.  Output only, polled.
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/errno.h>
#include <xvc/printk.h>
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
	return inb(con->address + reg);
}

static void uart_write(unsigned int reg, u8 v)
{
	outb(con->address + reg, v);
}

/*
 * Only UARTs on I/O ports: the hypervisor prints from its first instant,
 * before it has a mapping for device memory.  An MMIO debug UART is
 * refused (the driver refuses it first, with a message).
 */
int arch_console_init(void)
{
	con = &system_config.system->debug_console;
	if (con->type == XVC_CON_NONE)
		return 0;
	if (con->type != XVC_CON_UART_8250_PIO) {
		printk("debug console of type %u: only I/O-port UARTs are supported\n",
		       con->type);
		con = NULL;
		return trace_error(-EINVAL);
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
	return 0;
}

void arch_console_putc(char c)
{
	unsigned int spins = 100000;

	if (!con || con->type != XVC_CON_UART_8250_PIO)
		return;
	while (!(uart_read(UART_LSR) & LSR_THRE) && --spins)
		cpu_relax();
	uart_write(UART_THR, c);
}
