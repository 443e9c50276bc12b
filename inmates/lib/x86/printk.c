/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * printk and snprintk: %s %c %d %i %u %x %X %p %% with the l/ll/z length
 * modifiers, field width, '0' padding and '-' left alignment.
 */
#include <inmate.h>

struct fmt_sink {
	char *buf;
	size_t size;
	size_t pos;
	size_t total;
	/* Empties buf when full; NULL truncates instead (snprintk). */
	void (*flush)(struct fmt_sink *sink);
};

struct fmt_spec {
	unsigned int width;
	bool zero_pad;
	bool left;
	int length;	/* number of 'l', 'z' counts as 2 */
};

static void sink_put(struct fmt_sink *sink, char c)
{
	sink->total++;
	if (sink->pos == sink->size) {
		if (!sink->flush)
			return;
		sink->flush(sink);
	}
	sink->buf[sink->pos++] = c;
}

static void sink_pad(struct fmt_sink *sink, char c, unsigned int count)
{
	while (count--)
		sink_put(sink, c);
}

static void put_string(struct fmt_sink *sink, const char *s, const struct fmt_spec *spec)
{
	size_t len;

	if (!s)
		s = "(null)";
	len = strlen(s);
	if (!spec->left && spec->width > len)
		sink_pad(sink, ' ', spec->width - len);
	while (*s)
		sink_put(sink, *s++);
	if (spec->left && spec->width > len)
		sink_pad(sink, ' ', spec->width - len);
}

static void put_number(struct fmt_sink *sink, uint64_t value, unsigned int base,
		       bool negative, const struct fmt_spec *spec)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[24];
	unsigned int len = 0, shown;

	do {
		tmp[len++] = digits[value % base];
		value /= base;
	} while (value);
	shown = len + negative;
	if (negative && spec->zero_pad)
		sink_put(sink, '-');
	if (!spec->left && spec->width > shown)
		sink_pad(sink, spec->zero_pad ? '0' : ' ', spec->width - shown);
	if (negative && !spec->zero_pad)
		sink_put(sink, '-');
	while (len)
		sink_put(sink, tmp[--len]);
	if (spec->left && spec->width > shown)
		sink_pad(sink, ' ', spec->width - shown);
}

static uint64_t fetch_unsigned(va_list *ap, int length)
{
	if (length >= 2)
		return va_arg(*ap, unsigned long long);
	if (length == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static int64_t fetch_signed(va_list *ap, int length)
{
	if (length >= 2)
		return va_arg(*ap, long long);
	if (length == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

static const char *parse_spec(const char *fmt, struct fmt_spec *spec)
{
	memset(spec, 0, sizeof(*spec));
	for (;; fmt++) {
		if (*fmt == '0')
			spec->zero_pad = true;
		else if (*fmt == '-')
			spec->left = true;
		else
			break;
	}
	while (*fmt >= '0' && *fmt <= '9')
		spec->width = spec->width * 10 + (*fmt++ - '0');
	for (;; fmt++) {
		if (*fmt == 'l')
			spec->length++;
		else if (*fmt == 'z')
			spec->length = 2;
		else
			break;
	}
	if (spec->left)
		spec->zero_pad = false;
	return fmt;
}

static void put_signed(struct fmt_sink *sink, int64_t value, const struct fmt_spec *spec)
{
	uint64_t magnitude = value < 0 ? -(uint64_t)value : (uint64_t)value;

	put_number(sink, magnitude, 10, value < 0, spec);
}

static void put_pointer(struct fmt_sink *sink, void *pointer)
{
	struct fmt_spec spec = { .width = 16, .zero_pad = true };

	sink_put(sink, '0');
	sink_put(sink, 'x');
	put_number(sink, (uintptr_t)pointer, 16, false, &spec);
}

static void format(struct fmt_sink *sink, const char *fmt, va_list caller_ap)
{
	struct fmt_spec spec;
	va_list ap;
	char c;

	/* A copy, so that its address can be passed to the fetch helpers. */
	va_copy(ap, caller_ap);

	while ((c = *fmt++)) {
		if (c != '%') {
			sink_put(sink, c);
			continue;
		}
		fmt = parse_spec(fmt, &spec);
		switch ((c = *fmt++)) {
		case 's':
			put_string(sink, va_arg(ap, const char *), &spec);
			break;
		case 'c':
			sink_put(sink, (char)va_arg(ap, int));
			break;
		case 'd':
		case 'i':
			put_signed(sink, fetch_signed(&ap, spec.length), &spec);
			break;
		case 'u':
			put_number(sink, fetch_unsigned(&ap, spec.length), 10, false, &spec);
			break;
		case 'x':
		case 'X':
			put_number(sink, fetch_unsigned(&ap, spec.length), 16, false, &spec);
			break;
		case 'p':
			put_pointer(sink, va_arg(ap, void *));
			break;
		case '%':
			sink_put(sink, '%');
			break;
		case 0:
			fmt--;
			break;
		default:
			sink_put(sink, '%');
			sink_put(sink, c);
		}
	}
	va_end(ap);
}

int vsnprintk(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fmt_sink sink = { .buf = buf, .size = size ? size - 1 : 0 };

	format(&sink, fmt, ap);
	if (size)
		buf[sink.pos] = 0;
	return sink.total;
}

int snprintk(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintk(buf, size, fmt, ap);
	va_end(ap);
	return len;
}

/* One lock for all CPUs: lines of different CPUs must not interleave. */
static struct spinlock printk_lock;
static volatile bool printk_lock_broken;

void printk_break_lock(void)
{
	printk_lock_broken = true;
}

static void console_flush(struct fmt_sink *sink)
{
	console_write(sink->buf, sink->pos);
	sink->pos = 0;
}

int vprintk(const char *fmt, va_list ap)
{
	/* Up to one console hypercall's worth is written at once. */
	char buf[XVC_CONSOLE_WRITE_MAX];
	struct fmt_sink sink = {
		.buf = buf, .size = sizeof(buf), .flush = console_flush,
	};
	bool locked = !printk_lock_broken;
	/* An interrupt handler's printk must not wait for its own CPU. */
	uint64_t flags = irq_save();

	if (locked)
		spin_lock(&printk_lock);
	format(&sink, fmt, ap);
	console_flush(&sink);
	if (locked)
		spin_unlock(&printk_lock);
	irq_restore(flags);
	return sink.total;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vprintk(fmt, ap);
	va_end(ap);
	return len;
}
