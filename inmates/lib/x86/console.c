/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Console selection.
 *
 *   console=0x3e8      8250 on I/O ports (values below 0x10000)
 *   console=0xfe001000 8250 with 32-bit MMIO registers
 *   console=hc         the hypervisor's console (XVC_HC_CONSOLE_WRITE)
 *   console=none       silence
 *
 * Without console=, under xvcell the console hypercall is tried first and
 * the comm region's UART (else COM3, 0x3e8) is the fallback if the hypervisor
 * refuses it.  Booted bare (no comm region), the default is COM1, 0x3f8,
 * which is where QEMU's -serial goes.
 */
#include <inmate.h>

#define DEFAULT_CELL_UART	0x3e8
#define DEFAULT_BARE_UART	0x3f8

static enum console_kind kind;

enum console_kind console_kind(void)
{
	return kind;
}

static void console_use_uart(uint64_t address, uint32_t divider)
{
	if (address < 0x10000) {
		uart_init_pio(address, divider);
		kind = CONSOLE_UART_PIO;
	} else {
		uart_init_mmio(address, divider);
		kind = CONSOLE_UART_MMIO;
	}
}

/* The UART the comm region names, else the cell or bare default. */
static void console_use_cell_uart(void)
{
	const struct xvc_comm_region *comm = comm_region();
	const struct xvc_console *con;

	if (!comm) {
		console_use_uart(DEFAULT_BARE_UART, 0);
		return;
	}
	con = &comm->console;
	if (con->type == XVC_CON_UART_8250_PIO || con->type == XVC_CON_UART_8250_MMIO)
		console_use_uart(con->address, con->divider);
	else
		console_use_uart(DEFAULT_CELL_UART, 0);
}

static bool console_from_cmdline(void)
{
	char value[24];

	if (!cmdline_get_str("console", value, sizeof(value)))
		return false;
	if (!strcmp(value, "hc") && running_under_xvcell())
		kind = CONSOLE_HYPERCALL;
	else if (!strcmp(value, "hc"))
		console_use_cell_uart();
	else if (!strcmp(value, "none"))
		kind = CONSOLE_NONE;
	else
		console_use_uart(strtou64(value, NULL), 0);
	return true;
}

void console_init(void)
{
	if (console_from_cmdline())
		return;
	if (running_under_xvcell())
		kind = CONSOLE_HYPERCALL;
	else
		console_use_uart(DEFAULT_BARE_UART, 0);
}

void console_write(const char *buf, size_t len)
{
	switch (kind) {
	case CONSOLE_HYPERCALL:
		if (hypercall_console_write(buf, len) >= 0)
			return;
		/* Refused: this cell has no console hypercall. */
		console_use_cell_uart();
		uart_write(buf, len);
		return;
	case CONSOLE_UART_PIO:
	case CONSOLE_UART_MMIO:
		uart_write(buf, len);
		return;
	case CONSOLE_NONE:
		return;
	}
}
