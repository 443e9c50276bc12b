/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What 'xvcell cell linux' writes into a cell for a stock Linux kernel:
 * the images and where they go (linux-boot.c builds them, cmd-cell-linux.c
 * loads them).
 */
#ifndef XVCELL_LINUX_BOOT_H
#define XVCELL_LINUX_BOOT_H

#include <stddef.h>
#include <stdint.h>

#include <cellcfg.h>

/* Guest-physical layout of the low MiB (the loader goes to the reset address). */
#define LINUX_BOOT_PARAMS_ADDR	0x7000ULL
#define LINUX_CMDLINE_ADDR	0x8000ULL
#define LINUX_CMDLINE_MAX	0x7000ULL	/* up to the loader's stack */
#define LINUX_LOADER_STACK	0xfffcULL	/* the CALL's return address */
#define LINUX_TABLES_ADDR	0xf0000ULL	/* ACPI tables: where Linux scans */
#define LINUX_TABLES_SIZE	0x1000ULL
#define LINUX_KERNEL_ADDR	0x100000ULL	/* code32_start */
#define LINUX_MAX_CPUS		32	/* what the MADT's room holds */
#define LINUX_MAX_IOAPICS	8
#define LINUX_NO_IRQ		(-1)

enum linux_image {
	LINUX_IMG_LOADER,
	LINUX_IMG_BOOT_PARAMS,
	LINUX_IMG_CMDLINE,
	LINUX_IMG_TABLES,
	LINUX_IMG_KERNEL,
	LINUX_IMG_INITRD,
	LINUX_NUM_IMAGES
};

struct linux_boot_image {
	const char *what;
	const void *data;
	size_t size;
	uint64_t target;	/* guest-physical */
};

/*
 * What the machine's firmware says about its interrupts: its MADT's
 * IOAPICs and ISA IRQ overrides, and the IRQ it names for the UART that
 * is the cell's console (its ACPI description, as the root's PNP layer
 * lists it).
 */
struct linux_firmware {
	struct {
		uint64_t address;
		uint32_t gsi_base;
		uint8_t id;
	} ioapics[LINUX_MAX_IOAPICS];
	unsigned int num_ioapics;
	/* ISA IRQ n is GSI isa_gsi[n] with MPS INTI flags isa_flags[n]. */
	uint32_t isa_gsi[16];
	uint16_t isa_flags[16];
	/* Below 16 an ISA IRQ, else a GSI; LINUX_NO_IRQ: none named. */
	int uart_irq;
};

/* Where the cell's UART interrupt goes, when the cell owns its pin. */
struct linux_uart_irq {
	uint64_t ioapic;	/* 0: polled */
	uint32_t gsi;
	unsigned int pin;
	uint16_t mps_flags;	/* polarity and trigger, MPS INTI format */
	char why_polled[160];
};

struct linux_boot_input {
	const struct cellcfg_cell *cell;
	const void *kernel;
	size_t kernel_size;
	const void *initrd;	/* NULL: none */
	size_t initrd_size;
	/* The user's part of the command line; the tool adds the console. */
	const char *cmdline;
	/* APIC IDs of the cell's CPUs, in CPU order; the first boots. */
	const uint32_t *apic_ids;
	unsigned int num_cpus;
	/* tsc_early_khz=, unless the user's command line sets it. */
	uint32_t tsc_khz;
	/* The machine's ACPI PM timer port (its FADT); 0: it has none. */
	uint16_t pm_timer_port;
	/* The machine's interrupts; NULL: it has no MADT. */
	const struct linux_firmware *firmware;
};

struct linux_boot {
	struct linux_boot_image images[LINUX_NUM_IMAGES];
	unsigned int num_images;
	/* Built here; the images point into them. */
	uint8_t loader[256];
	uint8_t boot_params[4096];
	char cmdline[LINUX_CMDLINE_MAX];
	uint8_t tables[LINUX_TABLES_SIZE];
	uint64_t ram_end;	/* end of the RAM at guest 0 */
	uint64_t kernel_end;	/* end of what the kernel may use while booting */
	struct linux_uart_irq uart;
};

/*
 * Check @in against the cell and the kernel's boot protocol and lay out
 * the loader, boot parameters, command line, kernel and initrd in @out
 * (@in's CPUs and PM timer are not needed yet).  On failure prints what is
 * wrong to stderr (naming the file or the cell) and returns -1.
 */
int linux_boot_layout(const struct linux_boot_input *in, const char *kernel_path,
		      const char *initrd_path, struct linux_boot *out);

/*
 * Then the ACPI tables (linux-acpi.c): @in's CPUs, PM timer and firmware.
 * The same on failure.
 */
int linux_boot_tables(const struct linux_boot_input *in, struct linux_boot *out);

/*
 * Read the machine's MADT (@len bytes) into @fw (uart_irq untouched).
 * Returns -1, with a message, when it is malformed.
 */
int linux_parse_madt(const uint8_t *madt, size_t len, struct linux_firmware *fw);

/* Shared by linux-boot.c and linux-acpi.c. */
void linux_boot_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
uint32_t linux_get_le(const uint8_t *p, unsigned int bytes);
void linux_put_le(uint8_t *p, uint64_t v, unsigned int bytes);
void linux_boot_add_image(struct linux_boot *out, enum linux_image i, const char *what,
			  const void *data, size_t size, uint64_t target);

#endif /* XVCELL_LINUX_BOOT_H */
