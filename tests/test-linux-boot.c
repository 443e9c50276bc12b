// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of what 'xvcell cell linux' builds (tools/linux-boot.c) for
 * the shipped linux-demo cell and a stand-in bzImage: the loader's
 * parameters, the boot parameters (setup header, e820, initrd, command
 * line), the ACPI tables (signatures, checksums, the MADT's CPUs and
 * IOAPIC, the hardware-reduced FADT and its PM timer, the DSDT's UART and
 * its interrupt, byte for byte), reading a machine's MADT, and the
 * refusals.
 */
#define _GNU_SOURCE	/* memmem */
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
static struct linux_firmware firmware;

/*
 * The QEMU rig's MADT, as QEMU builds it: two CPUs, the IOAPIC (ID 0,
 * GSI 0), ISA IRQ 0 on GSI 2 and IRQ 5 level-triggered (QEMU's PCI
 * IRQs), and a local APIC NMI entry (type 4) the reader skips.
 */
static const uint8_t qemu_madt[] = {
	'A', 'P', 'I', 'C', 90, 0, 0, 0, 1, 0, 'B', 'O', 'C', 'H', 'S', ' ',
	'B', 'X', 'P', 'C', ' ', ' ', ' ', ' ', 1, 0, 0, 0, 'B', 'X', 'P', 'C',
	1, 0, 0, 0,
	0x00, 0x00, 0xe0, 0xfe, 1, 0, 0, 0,		/* LAPIC address, PCAT_COMPAT */
	0, 8, 0, 0, 1, 0, 0, 0,				/* CPU 0 */
	1, 12, 0, 0, 0x00, 0x00, 0xc0, 0xfe, 0, 0, 0, 0,	/* IOAPIC */
	2, 10, 0, 0, 2, 0, 0, 0, 0x00, 0x00,		/* IRQ 0 -> GSI 2 */
	2, 10, 0, 5, 5, 0, 0, 0, 0x0d, 0x00,		/* IRQ 5 level, high */
	4, 6, 0xff, 0x00, 0x00, 0x01,			/* LAPIC NMI */
};

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
		.firmware = &firmware,
	};
}

/* The rig's firmware: its MADT, and COM3 (the cell's UART) on IRQ @uart_irq. */
static void rig_firmware(int uart_irq)
{
	assert_int_equal(linux_parse_madt(qemu_madt, sizeof(qemu_madt), &firmware), 0);
	firmware.uart_irq = uart_irq;
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
	rig_firmware(5);
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

/* The DSDT's Device (\\_SB.UAR0): a PNP0501 on COM3's ports, and its interrupt. */
static const uint8_t uart_with_gsi5_level[] = {
	0x5b, 0x82, 0x38,					/* Device, 55 bytes */
	'\\', 0x2e, '_', 'S', 'B', '_', 'U', 'A', 'R', '0',
	0x08, '_', 'H', 'I', 'D', 0x0c, 0x41, 0xd0, 0x05, 0x01,	/* EisaId PNP0501 */
	0x08, '_', 'U', 'I', 'D', 0x0a, 0x00,
	0x08, '_', 'C', 'R', 'S', 0x11, 0x16, 0x0a, 0x13,	/* Buffer (19) */
	0x47, 0x01, 0xe8, 0x03, 0xe8, 0x03, 0x01, 0x08,		/* IO 0x3e8, 8 ports */
	0x89, 0x06, 0x00, 0x01, 0x01, 0x05, 0x00, 0x00, 0x00,	/* GSI 5, level, high */
	0x79, 0x00,
};

static const uint8_t uart_polled[] = {
	0x5b, 0x82, 0x2f,					/* Device, 46 bytes */
	'\\', 0x2e, '_', 'S', 'B', '_', 'U', 'A', 'R', '0',
	0x08, '_', 'H', 'I', 'D', 0x0c, 0x41, 0xd0, 0x05, 0x01,
	0x08, '_', 'U', 'I', 'D', 0x0a, 0x00,
	0x08, '_', 'C', 'R', 'S', 0x11, 0x0d, 0x0a, 0x0a,	/* Buffer (10) */
	0x47, 0x01, 0xe8, 0x03, 0xe8, 0x03, 0x01, 0x08,
	0x79, 0x00,
};

static const uint8_t *table(const uint8_t *t, uint32_t address)
{
	return t + (address - LINUX_TABLES_ADDR);
}

static const uint8_t *dsdt_of(const uint8_t *t)
{
	const uint8_t *rsdt = table(t, le32(t + 16));

	return table(t, le32(table(t, le32(rsdt + 36)) + 40));
}

static void acpi_tables(void **state)
{
	const uint8_t *t = boot.tables, *rsdt, *fadt, *madt, *dsdt;

	(void)state;
	assert_int_equal(build(""), 0);
	assert_int_equal(boot.images[LINUX_IMG_TABLES].target, LINUX_TABLES_ADDR);
	assert_memory_equal(t, "RSD PTR ", 8);
	assert_int_equal(sum(t, 20), 0);
	rsdt = table(t, le32(t + 16));
	assert_memory_equal(rsdt, "RSDT", 4);
	assert_int_equal(sum(rsdt, le32(rsdt + 4)), 0);
	assert_int_equal(le32(rsdt + 4), 36 + 8);
	fadt = table(t, le32(rsdt + 36));
	madt = table(t, le32(rsdt + 40));
	/* FADT 6, hardware-reduced (bit 20), no VGA or CMOS RTC, no FACS. */
	assert_memory_equal(fadt, "FACP", 4);
	assert_int_equal(le32(fadt + 4), 276);
	assert_int_equal(fadt[8], 6);
	assert_int_equal(sum(fadt, le32(fadt + 4)), 0);
	assert_int_equal(le32(fadt + 112), 1U << 20);
	assert_int_equal(fadt[109] | fadt[110] << 8, 0x24);
	assert_int_equal(le32(fadt + 36), 0);
	assert_int_equal(le32(fadt + 76), PM_TIMER);
	assert_int_equal(fadt[91], 4);
	/* X_PM_TMR_BLK: system I/O, 32 bits, dword access; X_DSDT = DSDT */
	assert_int_equal(fadt[208], 1);
	assert_int_equal(fadt[209], 32);
	assert_int_equal(fadt[211], 3);
	assert_int_equal(le64(fadt + 212), PM_TIMER);
	assert_int_equal(le64(fadt + 140), le32(fadt + 40));
	/* The DSDT: the UART, with GSI 5 level-triggered as the firmware says. */
	dsdt = dsdt_of(t);
	assert_memory_equal(dsdt, "DSDT", 4);
	assert_int_equal(le32(dsdt + 4), 36 + sizeof(uart_with_gsi5_level));
	assert_int_equal(sum(dsdt, le32(dsdt + 4)), 0);
	assert_memory_equal(dsdt + 36, uart_with_gsi5_level, sizeof(uart_with_gsi5_level));
	assert_int_equal(boot.uart.ioapic, 0xfec00000);
	assert_int_equal(boot.uart.pin, 5);
	/* The MADT: the two CPUs, enabled, no PC-AT 8259, the IOAPIC. */
	assert_memory_equal(madt, "APIC", 4);
	assert_int_equal(le32(madt + 4), 44 + 2 * 8 + 12);
	assert_int_equal(sum(madt, le32(madt + 4)), 0);
	assert_int_equal(le32(madt + 36), 0xfee00000);
	assert_int_equal(le32(madt + 40), 0);
	assert_int_equal(madt[44 + 3], 2);
	assert_int_equal(madt[52 + 3], 3);
	assert_int_equal(le32(madt + 44 + 4), 1);
	assert_memory_equal(madt + 60, "\x01\x0c\x00\x00\x00\x00\xc0\xfe\x00\x00\x00\x00", 12);
}

/* A UART whose IRQ the cell does not own, or that has none: polled, no interrupt. */
static void uart_polled_when_pin_not_owned(void **state)
{
	(void)state;
	rig_firmware(4);			/* COM3 on COM1's IRQ */
	assert_int_equal(build(""), 0);
	assert_int_equal(boot.uart.ioapic, 0);
	assert_non_null(strstr(boot.uart.why_polled, "IOAPIC 0xfec00000 pin 4"));
	assert_memory_equal(dsdt_of(boot.tables) + 36, uart_polled, sizeof(uart_polled));
	rig_firmware(LINUX_NO_IRQ);
	assert_int_equal(build(""), 0);
	assert_int_equal(boot.uart.ioapic, 0);
	assert_non_null(strstr(boot.uart.why_polled, "names no IRQ"));
	rig_firmware(5);
}

/* Is @what (@len bytes) in the DSDT? */
static int dsdt_has(const uint8_t *dsdt, const void *what, size_t len)
{
	return memmem(dsdt, le32(dsdt + 4), what, len) != NULL;
}

/*
 * linux-nic (linux-demo with an e1000e): a PCI host bridge in the DSDT,
 * its buses and a window for each of the cell's device memory regions
 * (the NIC's three memory BARs), which the e820 map leaves out.
 */
static void pci_host_bridge(void **state)
{
	static uint8_t nic_blob[4096] __attribute__((aligned(8)));
	static const uint8_t bridge_ids[] = {
		'\\', 0x2e, '_', 'S', 'B', '_', 'P', 'C', 'I', '0',
		0x08, '_', 'H', 'I', 'D', 0x0c, 0x41, 0xd0, 0x0a, 0x03,	/* PNP0A03 */
		0x08, '_', 'U', 'I', 'D', 0x0a, 0x00,
		0x08, '_', 'B', 'B', 'N', 0x0a, 0x00,
	};
	/* WordBusNumber: producer, fixed, buses 0-0 */
	static const uint8_t buses[] = {
		0x88, 0x0d, 0x00, 0x02, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
	};
	/* QWordMemory, producer, fixed, read-write: 0xfeb40000-0xfeb5ffff */
	static const uint8_t bar0_window[] = {
		0x8a, 0x2b, 0x00, 0x00, 0x0c, 0x01,
		0, 0, 0, 0, 0, 0, 0, 0,
		0x00, 0x00, 0xb4, 0xfe, 0, 0, 0, 0,
		0xff, 0xff, 0xb5, 0xfe, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0,
		0x00, 0x00, 0x02, 0x00, 0, 0, 0, 0,
	};
	struct cellcfg_view nic;
	struct linux_boot_input in = input("");
	const uint8_t *dsdt, *e;
	FILE *f = fopen(CONFIG_DIR "/linux-nic.cell", "rb");
	size_t len;
	unsigned int n;

	(void)state;
	assert_non_null(f);
	len = fread(nic_blob, 1, sizeof(nic_blob), f);
	fclose(f);
	assert_int_equal(cellcfg_parse_cell(nic_blob, len, &nic, NULL, NULL), 0);
	in.cell = &nic.cell;
	assert_int_equal(linux_boot_layout(&in, "k", "i", &boot), 0);
	assert_int_equal(linux_boot_tables(&in, &boot), 0);
	dsdt = dsdt_of(boot.tables);
	assert_int_equal(sum(dsdt, le32(dsdt + 4)), 0);
	assert_true(dsdt_has(dsdt, uart_with_gsi5_level, sizeof(uart_with_gsi5_level)));
	assert_true(dsdt_has(dsdt, bridge_ids, sizeof(bridge_ids)));
	assert_true(dsdt_has(dsdt, buses, sizeof(buses)));
	assert_true(dsdt_has(dsdt, bar0_window, sizeof(bar0_window)));
	/* The e820 map: no entry reaches the device memory. */
	for (n = 0; n < boot.boot_params[0x1e8]; n++) {
		e = boot.boot_params + 0x2d0 + 20 * n;
		assert_true(le64(e) + le64(e + 8) <= 0xfeb40000 || le64(e) >= 0xfeb98000);
	}
}

static void machine_madt(void **state)
{
	uint8_t bad[sizeof(qemu_madt)];

	(void)state;
	rig_firmware(5);
	assert_int_equal(firmware.num_ioapics, 1);
	assert_int_equal(firmware.ioapics[0].address, 0xfec00000);
	assert_int_equal(firmware.ioapics[0].gsi_base, 0);
	assert_int_equal(firmware.isa_gsi[0], 2);
	assert_int_equal(firmware.isa_gsi[4], 4);
	assert_int_equal(firmware.isa_flags[5], 0x0d);
	/* An entry of length 0, one running past the table, a wrong signature. */
	memcpy(bad, qemu_madt, sizeof(bad));
	bad[44 + 1] = 0;
	assert_int_not_equal(linux_parse_madt(bad, sizeof(bad), &firmware), 0);
	memcpy(bad, qemu_madt, sizeof(bad));
	bad[4] = sizeof(bad) + 1;
	assert_int_not_equal(linux_parse_madt(bad, sizeof(bad), &firmware), 0);
	memcpy(bad, qemu_madt, sizeof(bad));
	bad[84 + 1] = 7;			/* the NMI entry runs past the end */
	assert_int_not_equal(linux_parse_madt(bad, sizeof(bad), &firmware), 0);
	memcpy(bad, "FACP", 4);
	assert_int_not_equal(linux_parse_madt(bad, sizeof(bad), &firmware), 0);
	rig_firmware(5);
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
	/* Pins of an IOAPIC the machine's tables do not list (or no tables). */
	in = input("");
	in.firmware = NULL;
	assert_int_equal(linux_boot_layout(&in, "k", "i", &boot), 0);
	assert_int_not_equal(linux_boot_tables(&in, &boot), 0);
	assert_int_equal(build(""), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loader_and_boot_params),
		cmocka_unit_test(e820_of_the_cell),
		cmocka_unit_test(acpi_tables),
		cmocka_unit_test(uart_polled_when_pin_not_owned),
		cmocka_unit_test(machine_madt),
		cmocka_unit_test(pci_host_bridge),
		cmocka_unit_test(command_line),
		cmocka_unit_test(refusals),
	};
	int failed = cmocka_run_group_tests_name("linux-boot", tests, setup, NULL);

	printf("COUNT %zu %d\n", sizeof(tests) / sizeof(tests[0]) - failed, failed);
	return failed ? 1 : 0;
}
