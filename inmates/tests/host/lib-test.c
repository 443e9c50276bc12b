// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host-side unit test of the inmate library's pure parts: printk
 * formatting (through snprintk), command-line parsing and number parsing.
 * Built with the host compiler against the library sources; the
 * hardware-facing pieces they refer to (console, lock) are stubbed here.
 */
#include <stdio.h>

#include <inmate.h>

char cmdline_page[CMDLINE_SIZE];
static int failures;

void console_write(const char *buf, size_t len)
{
	fwrite(buf, 1, len, stdout);
}

void spin_lock(struct spinlock *lock)
{
	(void)lock;
}

void spin_unlock(struct spinlock *lock)
{
	(void)lock;
}

static void expect_str(const char *what, const char *got, const char *want)
{
	if (strcmp(got, want)) {
		printf("FAIL %s: got '%s', want '%s'\n", what, got, want);
		failures++;
	}
}

static void expect_u64(const char *what, uint64_t got, uint64_t want)
{
	if (got != want) {
		printf("FAIL %s: got %lu, want %lu\n", what, got, want);
		failures++;
	}
}

#define EXPECT_FORMAT(want, ...)					\
	do {								\
		char buf[128];						\
		snprintk(buf, sizeof(buf), __VA_ARGS__);		\
		expect_str(#__VA_ARGS__, buf, want);			\
	} while (0)

static void test_printk(void)
{
	/* volatile: the compiler must not see (and warn about) the NULL. */
	const char *volatile null_string = NULL;
	char small[4];

	EXPECT_FORMAT("a -5 7 ff", "a %d %u %x", -5, 7u, 255u);
	EXPECT_FORMAT("  -42|-42  |-0042", "%5d|%-5d|%05d", -42, -42, -42);
	EXPECT_FORMAT("0000beef deadbeefcafe", "%08x %lx", 0xbeefu, 0xdeadbeefcafeUL);
	EXPECT_FORMAT("0x0000000000001234", "%p", (void *)0x1234);
	EXPECT_FORMAT("18446744073709551615", "%llu", 18446744073709551615ULL);
	EXPECT_FORMAT("-9223372036854775808", "%lld", (long long)(-9223372036854775807LL - 1));
	EXPECT_FORMAT("ffffffffffffffff", "%llx", ~0ULL);
	EXPECT_FORMAT("x|abc  |  abc|%", "%c|%-5s|%5s|%%", 'x', "abc", "abc");
	EXPECT_FORMAT("(null)", "%s", null_string);
	EXPECT_FORMAT("   12", "%5zu", (size_t)12);

	expect_u64("snprintk length", snprintk(small, sizeof(small), "%s", "hello"), 5);
	expect_str("snprintk truncation", small, "hel");
}

static void set_cmdline(const char *line)
{
	memcpy(cmdline_page, line, strlen(line) + 1);
}

static void test_cmdline(void)
{
	char value[8];

	set_cmdline("console=0x2f8 hz=250 x2apic=0 flag hzz=9 hz=500 name=abcdefghij bad=12x");
	expect_u64("last hz= wins", cmdline_get_u64("hz", 1), 500);
	expect_u64("hzz is not hz", cmdline_get_u64("hzz", 1), 9);
	expect_u64("missing", cmdline_get_u64("nope", 77), 77);
	expect_u64("not a number", cmdline_get_u64("bad", 3), 3);
	expect_u64("hex", cmdline_get_u64("console", 0), 0x2f8);
	expect_u64("bool 0", cmdline_get_bool("x2apic", true), false);
	expect_u64("bare flag", cmdline_get_bool("flag", false), true);
	expect_u64("bool default", cmdline_get_bool("other", true), true);
	expect_u64("str present", cmdline_get_str("name", value, sizeof(value)), true);
	expect_str("str truncated", value, "abcdefg");
	expect_u64("str absent", cmdline_get_str("absent", value, sizeof(value)), false);

	set_cmdline("");
	expect_u64("empty command line", cmdline_get_u64("hz", 42), 42);
}

static void test_strtou64(void)
{
	const char *end;

	expect_u64("decimal", strtou64("1234 rest", &end), 1234);
	expect_str("decimal end", end, " rest");
	expect_u64("hex", strtou64("0xFeC00000", NULL), 0xfec00000);
	expect_u64("bare 0x", strtou64("0x", &end), 0);
	expect_str("bare 0x end", end, "x");
}

int main(void)
{
	test_printk();
	test_cmdline();
	test_strtou64();
	/* Not printk: it disables interrupts, which user space may not do. */
	printf("%s inmate library host test\n", failures ? "FAIL" : "PASS");
	return failures ? 1 : 0;
}
