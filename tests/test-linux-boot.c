// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of what 'xvcell cell linux' builds (tools/linux-boot.c) for
 * the shipped linux-demo cell and a stand-in bzImage: the loader's
 * parameters, the boot parameters (setup header, e820, initrd, command
 * line), the ACPI tables (signatures, checksums, the MADT's CPUs, the
 * FADT's PM timer), and the refusals.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <cellcfg.h>
#include <xvcell/cell-config.h>

#include "../tools/linux-boot.h"

extern const uint8_t xvc_linux_loader_start[];

#define PM_TIMER	0x608
#define KERNEL_SIZE	0x3000

static uint8_t blob[4096] __attribute__((aligned(8)));
static struct cellcfg_view view;
static uint8_t kernel[KERNEL_SIZE];
static uint8_t initrd[0x10000];
static const uint32_t apic_ids[2] = { 2, 3 };
static struct linux_boot boot;

static uint32_t le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p)
{
	return le32(p) | (uint64_t)le32(p + 4) << 32;
}

static uint8_t sum(const uint8_t *p, size_t len)
{
	uint8_t s = 0;

	while (len--)
		s += *p++;
	return s;
}

/* The header of a protocol 2.15 bzImage that needs 48 MiB from 16 MiB. */
static void fake_kernel(void)
{
	memset(kernel, 0, sizeof(kernel));
	kernel[0x1f1] = 1;			/* setup_sects */
	kernel[0x1fe] = 0x55;
	kernel[0x1ff] = 0xaa;
	kernel[0x201] = 0x6a;			/* header length - 2 */
	memcpy(kernel + 0x202, "HdrS", 4);
	kernel[0x206] = 0x0f;
	kernel[0x207] = 0x02;
	kernel[0x211] = 0x01;			/* LOADED_HIGH */
	memcpy(kernel + 0x22c, "\xff\xff\xff\x7f", 4);
	kernel[0x238] = 0xff;			/* cmdline_size 2047 */
	kernel[0x239] = 0x07;
	kernel[0x25b] = 0x01;			/* pref_address 16 MiB */
	kernel[0x263] = 0x03;			/* init_size 48 MiB */
}

static struct linux_boot_input input(const char *cmdline)
{
	return (struct linux_boot_input){
		.cell = &view.cell,
		.kernel = kernel, .kernel_size = sizeof(kernel),
		.initrd = initrd, .initrd_size = sizeof(initrd),
		.cmdline = cmdline,
		.apic_ids = apic_ids, .num_cpus = 2,
		.tsc_khz = 2000000,
		.pm_timer_port = PM_TIMER,
	};
}

static int setup(void **state)
{
	FILE *f = fopen(CONFIG_DIR "/linux-demo.cell", "rb");
	size_t len;

	(void)state;
	if (!f)
		return -1;
	len = fread(blob, 1, sizeof(blob), f);
	fclose(f);
	fake_kernel();
	return cellcfg_parse_cell(blob, len, &view, NULL, NULL) ? -1 : 0;
}

static int build(const char *cmdline)
{
	struct linux_boot_input in = input(cmdline);

	return linux_boot_layout(&in, "bzImage", "initrd", &boot) ||
		linux_boot_tables(&in, &boot);
}

static void loader_and_boot_params(void **state)
{
	const uint8_t *bp = boot.boot_params;

	(void)state;
	assert_int_equal(build("quiet"), 0);
	/* The loader at the reset address, told where to go. */
	assert_int_equal(boot.images[LINUX_IMG_LOADER].target, 0x1000);
	assert_memory_equal(boot.loader, xvc_linux_loader_start, 4);
	assert_int_equal(le32(boot.loader + 4), LINUX_BOOT_PARAMS_ADDR);
	assert_int_equal(le32(boot.loader + 8), LINUX_KERNEL_ADDR);
	/* The kernel's setup header, with the loader's fields set. */
	assert_memory_equal(bp + 0x202, "HdrS", 4);
	assert_int_equal(bp[0x210], 0xff);
	assert_int_equal(le32(bp + 0x214), LINUX_KERNEL_ADDR);
	assert_int_equal(le32(bp + 0x228), LINUX_CMDLINE_ADDR);
	/* The protected-mode part, after the boot sector and one setup sector. */
	assert_ptr_equal(boot.images[LINUX_IMG_KERNEL].data, kernel + 1024);
	assert_int_equal(boot.images[LINUX_IMG_KERNEL].size, KERNEL_SIZE - 1024);
	/* The initrd at the top of the 128 MiB, page aligned. */
	assert_int_equal(le32(bp + 0x218), 0x8000000 - sizeof(initrd));
	assert_int_equal(le32(bp + 0x21c), sizeof(initrd));
	assert_int_equal(boot.kernel_end, 0x4000000);
}

static void e820_of_the_cell(void **state)
{
	static const uint64_t want[][3] = {
		{ 0x0, 0x9f000, 1 },
		{ 0x9f000, 0x61000, 2 },
		{ 0x100000, 0x7f00000, 1 },
		{ 0x8000000, 0x1000, 2 },	/* shared page */
		{ 0x8001000, 0x1000, 2 },	/* comm region */
	};
	const uint8_t *e = boot.boot_params + 0x2d0;
	unsigned int n;

	(void)state;
	assert_int_equal(build(""), 0);
	assert_int_equal(boot.boot_params[0x1e8], 5);
	for (n = 0; n < 5; n++, e += 20) {
		assert_int_equal(le64(e), want[n][0]);
		assert_int_equal(le64(e + 8), want[n][1]);
		assert_int_equal(le32(e + 16), want[n][2]);
	}
}

static void acpi_tables(void **state)
{
	const uint8_t *t = boot.tables, *rsdt, *fadt, *madt;

	(void)state;
	assert_int_equal(build(""), 0);
	assert_int_equal(boot.images[LINUX_IMG_TABLES].target, LINUX_TABLES_ADDR);
	assert_memory_equal(t, "RSD PTR ", 8);
	assert_int_equal(sum(t, 20), 0);
	rsdt = t + (le32(t + 16) - LINUX_TABLES_ADDR);
	assert_memory_equal(rsdt, "RSDT", 4);
	assert_int_equal(sum(rsdt, le32(rsdt + 4)), 0);
	assert_int_equal(le32(rsdt + 4), 36 + 8);
	fadt = t + (le32(rsdt + 36) - LINUX_TABLES_ADDR);
	madt = t + (le32(rsdt + 40) - LINUX_TABLES_ADDR);
	assert_memory_equal(fadt, "FACP", 4);
	assert_int_equal(sum(fadt, le32(fadt + 4)), 0);
	assert_int_equal(le32(fadt + 76), PM_TIMER);
	assert_int_equal(fadt[91], 4);
	assert_memory_equal(t + (le32(fadt + 40) - LINUX_TABLES_ADDR), "DSDT", 4);
	assert_memory_equal(t + (le32(fadt + 36) - LINUX_TABLES_ADDR), "FACS", 4);
	/* The MADT: the two CPUs, enabled, no PC-AT 8259. */
	assert_memory_equal(madt, "APIC", 4);
	assert_int_equal(le32(madt + 4), 44 + 2 * 8);
	assert_int_equal(sum(madt, le32(madt + 4)), 0);
	assert_int_equal(le32(madt + 36), 0xfee00000);
	assert_int_equal(le32(madt + 40), 0);
	assert_int_equal(madt[44 + 3], 2);
	assert_int_equal(madt[52 + 3], 3);
	assert_int_equal(le32(madt + 44 + 4), 1);
}

static void command_line(void **state)
{
	(void)state;
	assert_int_equal(build("quiet"), 0);
	assert_string_equal(boot.cmdline,
			    "console=uart8250,io,0x3e8,115200n8 tsc_early_khz=2000000 "
			    "possible_cpus=9 xvc_comm=0x8001000 panic=-1 reboot=t quiet");
	/* What the user sets, the tool leaves alone. */
	assert_int_equal(build("console=ttyS2 panic=10 tsc_early_khz=1"), 0);
	assert_string_equal(boot.cmdline,
			    "possible_cpus=9 xvc_comm=0x8001000 console=ttyS2 panic=10 tsc_early_khz=1");
}

static void refusals(void **state)
{
	static char longline[3000];
	struct linux_boot_input in = input("");

	(void)state;
	memset(longline, 'x', sizeof(longline) - 1);
	assert_int_not_equal(build(longline), 0);
	in.pm_timer_port = 0;
	assert_int_equal(linux_boot_layout(&in, "k", "i", &boot), 0);
	assert_int_not_equal(linux_boot_tables(&in, &boot), 0);
	in.pm_timer_port = 0x408;	/* not granted to linux-demo */
	assert_int_not_equal(linux_boot_tables(&in, &boot), 0);
	in = input("");
	in.initrd_size = 0x5000000;	/* above the kernel's 64 MiB */
	assert_int_not_equal(linux_boot_layout(&in, "k", "i", &boot), 0);
	in = input("");
	kernel[0x206] = 0x09;		/* protocol 2.09 */
	assert_int_not_equal(linux_boot_layout(&in, "k", "i", &boot), 0);
	fake_kernel();
	kernel[0x263] = 0x08;		/* init_size 128 MiB: too big */
	assert_int_not_equal(linux_boot_layout(&in, "k", "i", &boot), 0);
	fake_kernel();
	assert_int_equal(build(""), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loader_and_boot_params),
		cmocka_unit_test(e820_of_the_cell),
		cmocka_unit_test(acpi_tables),
		cmocka_unit_test(command_line),
		cmocka_unit_test(refusals),
	};
	int failed = cmocka_run_group_tests_name("linux-boot", tests, setup, NULL);

	printf("COUNT %zu %d\n", sizeof(tests) / sizeof(tests[0]) - failed, failed);
	return failed ? 1 : 0;
}
