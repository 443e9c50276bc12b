// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hypervisor console: every message goes to the debug UART (when the system
 * config names one) and to a ring buffer the driver can read at any time,
 * so the last words of a failed enable survive.
 */
#include <xvc/arch.h>
#include <xvc/printk.h>
#include <xvc/spinlock.h>
#include <xvc/string.h>
#include <xvcell/hypervisor.h>

/* Page aligned: the root cell gets exactly these pages, read-only. */
struct console_area console_area __aligned(PAGE_SIZE) = {
	.ring.size = XVC_CONSOLE_RING_SIZE,
};

static struct spinlock console_lock;
static bool uart_ready;

static void emit(char c)
{
	struct xvc_console_ring *ring = &console_area.ring;

	ring->buf[ring->written % XVC_CONSOLE_RING_SIZE] = c;
	__atomic_store_n(&ring->written, ring->written + 1, __ATOMIC_RELEASE);
	if (uart_ready) {
		if (c == '\n')
			arch_console_putc('\r');
		arch_console_putc(c);
	}
}

int console_init(void)
{
	int err = arch_console_init();

	uart_ready = !err;
	return err;
}

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_number(struct out *o, u64 v, unsigned int base, bool neg,
		       int width, char pad)
{
	char digits[24];
	int n = 0;

	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg)
		digits[n++] = '-';
	while (width-- > n)
		put(o, pad);
	while (n)
		put(o, digits[--n]);
}

static u64 fetch_unsigned(va_list *ap, int longs)
{
	return longs ? va_arg(*ap, u64) : va_arg(*ap, unsigned int);
}

static s64 fetch_signed(va_list *ap, int longs)
{
	return longs ? va_arg(*ap, s64) : va_arg(*ap, int);
}

static void format_one(struct out *o, const char **fmtp, va_list *ap)
{
	const char *fmt = *fmtp;
	char pad = ' ';
	int width = 0, longs = 0;
	const char *s;
	s64 sv;

	if (*fmt == '0')
		pad = '0';
	while (*fmt >= '0' && *fmt <= '9')
		width = width * 10 + (*fmt++ - '0');
	while (*fmt == 'l') {
		longs++;
		fmt++;
	}
	switch (*fmt) {
	case 'd':
		sv = fetch_signed(ap, longs);
		put_number(o, sv < 0 ? -(u64)sv : (u64)sv, 10, sv < 0, width, pad);
		break;
	case 'u':
		put_number(o, fetch_unsigned(ap, longs), 10, false, width, pad);
		break;
	case 'x':
		put_number(o, fetch_unsigned(ap, longs), 16, false, width, pad);
		break;
	case 'p':
		put(o, '0');
		put(o, 'x');
		put_number(o, (u64)va_arg(*ap, void *), 16, false, 16, '0');
		break;
	case 'c':
		put(o, (char)va_arg(*ap, int));
		break;
	case 's':
		s = va_arg(*ap, const char *);
		for (s = s ? s : "(null)"; *s; s++, width--)
			put(o, *s);
		while (width-- > 0)
			put(o, ' ');
		break;
	case '%':
		put(o, '%');
		break;
	default:
		put(o, '?');
		break;
	}
	*fmtp = *fmt ? fmt + 1 : fmt;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { .buf = buf, .size = size };
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt++;
		format_one(&o, &fmt, &args);
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void vprintk(const char *fmt, va_list ap)
{
	char line[256];
	int n, i;

	n = vsnprintf(line, sizeof(line), fmt, ap);
	if (n >= (int)sizeof(line))
		n = sizeof(line) - 1;
	spin_lock(&console_lock);
	for (i = 0; i < n; i++)
		emit(line[i]);
	spin_unlock(&console_lock);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

void console_write_cell(const char *cell, const char *buf, size_t len)
{
	size_t i;

	spin_lock(&console_lock);
	emit('[');
	for (; *cell; cell++)
		emit(*cell);
	emit(']');
	emit(' ');
	for (i = 0; i < len; i++)
		emit(buf[i]);
	spin_unlock(&console_lock);
}
