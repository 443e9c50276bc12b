/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypervisor messages: to the debug UART of the system config and to a
 * ring buffer that the driver reads (xvcell console).
 */
#ifndef XVC_PRINTK_H
#define XVC_PRINTK_H

#include <stdarg.h>
#include <xvc/types.h>
#include <xvcell/hypervisor.h>

void printk(const char *fmt, ...) __printf(1, 2);
void vprintk(const char *fmt, va_list ap);
/* Messages of a cell, prefixed with "[name] ". */
void console_write_cell(const char *cell, const char *buf, size_t len);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* The debug UART of the system config; the ring buffer works regardless. */
int console_init(void);

/* The ring buffer the driver reads; hv_header.console_offset points here. */
struct console_area {
	struct xvc_console_ring ring;
	char space[XVC_CONSOLE_RING_SIZE];
};
extern struct console_area console_area;

#endif /* XVC_PRINTK_H */
