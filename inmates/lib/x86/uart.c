/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * 8250/16550 UART output, on I/O ports or as 32-bit MMIO registers.
 * Polled, transmit only.
 */
#include <inmate.h>

#define UART_THR	0	/* transmit holding register */
#define UART_DLL	0	/* divisor latch, with LCR_DLAB */
#define UART_IER	1
#define UART_DLM	1
#define UART_LCR	3
#define UART_LSR	5

#define LCR_8N1		0x03
#define LCR_DLAB	0x80
#define LSR_THRE	0x20

/* A missing UART must not hang the inmate: give up waiting eventually. */
#define THRE_POLL_LIMIT	1000000

static uint16_t uart_port;
static uintptr_t uart_mmio;

static uint8_t uart_reg_read(unsigned int reg)
{
	if (uart_mmio)
		return mmio_read32(uart_mmio + reg * 4);
	return inb(uart_port + reg);
}

static void uart_reg_write(unsigned int reg, uint8_t value)
{
	if (uart_mmio)
		mmio_write32(uart_mmio + reg * 4, value);
	else
		outb(uart_port + reg, value);
}

/* A divider of 0 keeps the baud rate the firmware or root cell set. */
static void uart_setup(uint32_t divider)
{
	uart_reg_write(UART_IER, 0);
	if (divider) {
		uart_reg_write(UART_LCR, LCR_DLAB);
		uart_reg_write(UART_DLL, divider & 0xff);
		uart_reg_write(UART_DLM, (divider >> 8) & 0xff);
	}
	uart_reg_write(UART_LCR, LCR_8N1);
}

void uart_init_pio(uint16_t port, uint32_t divider)
{
	uart_mmio = 0;
	uart_port = port;
	uart_setup(divider);
}

void uart_init_mmio(uintptr_t address, uint32_t divider)
{
	uart_mmio = address;
	uart_setup(divider);
}

static void uart_putc(char c)
{
	unsigned int polls = THRE_POLL_LIMIT;

	while (!(uart_reg_read(UART_LSR) & LSR_THRE) && --polls)
		cpu_relax();
	uart_reg_write(UART_THR, c);
}

void uart_write(const char *buf, size_t len)
{
	for (; len; len--, buf++) {
		if (*buf == '\n')
			uart_putc('\r');
		uart_putc(*buf);
	}
}
