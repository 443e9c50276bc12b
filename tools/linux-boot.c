// SPDX-License-Identifier: GPL-2.0-only
/*
 * Everything a stock x86 Linux kernel needs to boot in a cell, built from
 * the cell's config (Documentation/linux-cell.md):
 *
 *   reset address   the loader (inmates/lib/x86/linux-loader.S): real
 *                   mode to the 32-bit boot protocol
 *   0x7000          boot_params: the kernel's setup header, an e820 map of
 *                   the cell's memory, the initrd and command line
 *   0x8000          the command line
 *   0xf0000         ACPI tables (linux-acpi.c): a stock x86 kernel has no
 *                   device tree support
 *   0x100000        the protected-mode kernel (bzImage minus its setup)
 *   top of RAM      the initrd
 *
 * The cell's RAM at guest address 0 holds all of it.  Every check is made
 * here, before the tool creates or loads anything.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <xvcell/cell-config.h>

#include "linux-boot.h"

/* inmates/lib/x86/linux-loader.S */
extern const uint8_t xvc_linux_loader_start[], xvc_linux_loader_end[];
extern const uint8_t xvc_linux_loader_boot_params[], xvc_linux_loader_entry[];

/* boot_params and setup header offsets (Documentation/arch/x86/boot.rst) */
#define BP_E820_ENTRIES		0x1e8
#define BP_SETUP_HEADER		0x1f1
#define BP_E820_TABLE		0x2d0
#define BP_E820_MAX		128
#define HDR_SETUP_SECTS		0x1f1
#define HDR_BOOT_FLAG		0x1fe
#define HDR_JUMP		0x200
#define HDR_MAGIC		0x202
#define HDR_VERSION		0x206
#define HDR_TYPE_OF_LOADER	0x210
#define HDR_LOADFLAGS		0x211
#define HDR_CODE32_START	0x214
#define HDR_RAMDISK_IMAGE	0x218
#define HDR_RAMDISK_SIZE	0x21c
#define HDR_CMD_LINE_PTR	0x228
#define HDR_INITRD_ADDR_MAX	0x22c
#define HDR_CMDLINE_SIZE	0x238
#define HDR_PREF_ADDRESS	0x258
#define HDR_INIT_SIZE		0x260

#define BOOT_FLAG		0xaa55
#define HDRS_MAGIC		0x53726448	/* "HdrS" */
#define MIN_PROTOCOL		0x020a		/* pref_address, init_size */
#define LOADED_HIGH		0x01
#define LOADER_UNDEFINED	0xff
#define E820_RAM		1
#define E820_RESERVED		2
#define BIOS_AREA_START		0x9f000ULL	/* EBDA and up: not RAM to Linux */
/* Regions that are never the kernel's RAM, whatever their access rights. */
#define NOT_RAM			(XVC_MEM_IO | XVC_MEM_COMM_REGION | XVC_MEM_ROOTSHARED)
#define PAGE_SIZE		0x1000ULL

void linux_boot_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("xvcell: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

uint32_t linux_get_le(const uint8_t *p, unsigned int bytes)
{
	uint32_t v = 0;

	while (bytes--)
		v = (v << 8) | p[bytes];
	return v;
}

void linux_put_le(uint8_t *p, uint64_t v, unsigned int bytes)
{
	while (bytes--) {
		*p++ = v & 0xff;
		v >>= 8;
	}
}

/* The region holding guest address 0: loadable RAM, not shared or device memory. */
static const struct xvc_memory_region *low_ram(const struct cellcfg_cell *cell)
{
	const struct xvc_memory_region *mem;
	uint32_t n;

	for (n = 0; n < cell->num_memory; n++) {
		mem = &cell->memory[n];
		if (mem->virt_start == 0 && (mem->flags & XVC_MEM_RAM) == XVC_MEM_RAM &&
		    (mem->flags & XVC_MEM_LOADABLE) && !(mem->flags & NOT_RAM))
			return mem;
	}
	return NULL;
}

static const struct xvc_memory_region *comm_region(const struct cellcfg_cell *cell)
{
	uint32_t n;

	for (n = 0; n < cell->num_memory; n++)
		if (cell->memory[n].flags & XVC_MEM_COMM_REGION)
			return &cell->memory[n];
	return NULL;
}

struct kernel_header {
	uint32_t setup_size;	/* bytes of the real-mode part, boot sector included */
	uint32_t version;
	uint32_t initrd_addr_max;
	uint32_t cmdline_size;
	uint64_t pref_address;
	uint32_t init_size;
};

static int read_kernel_header(const uint8_t *k, size_t size, const char *path,
			      struct kernel_header *h)
{
	unsigned int sects;

	if (size < 0x1000 || linux_get_le(k + HDR_BOOT_FLAG, 2) != BOOT_FLAG ||
	    linux_get_le(k + HDR_MAGIC, 4) != HDRS_MAGIC) {
		linux_boot_fail("%s: not an x86 bzImage (no boot sector flag 0xaa55 and \"HdrS\" header)", path);
		return -1;
	}
	h->version = linux_get_le(k + HDR_VERSION, 2);
	if (h->version < MIN_PROTOCOL) {
		linux_boot_fail("%s: boot protocol %u.%02u is too old; 2.10 or later is needed",
		     path, h->version >> 8, h->version & 0xff);
		return -1;
	}
	if (!(k[HDR_LOADFLAGS] & LOADED_HIGH)) {
		linux_boot_fail("%s: a zImage (loaded below 1 MiB) cannot be booted; use a bzImage", path);
		return -1;
	}
	sects = k[HDR_SETUP_SECTS] ? k[HDR_SETUP_SECTS] : 4;
	h->setup_size = (sects + 1) * 512;
	if (h->setup_size >= size) {
		linux_boot_fail("%s: the setup part (%u bytes) is the whole file: truncated kernel?",
		     path, h->setup_size);
		return -1;
	}
	h->initrd_addr_max = linux_get_le(k + HDR_INITRD_ADDR_MAX, 4);
	h->cmdline_size = linux_get_le(k + HDR_CMDLINE_SIZE, 4);
	h->pref_address = linux_get_le(k + HDR_PREF_ADDRESS, 4) |
		(uint64_t)linux_get_le(k + HDR_PREF_ADDRESS + 4, 4) << 32;
	h->init_size = linux_get_le(k + HDR_INIT_SIZE, 4);
	return 0;
}

static unsigned int cell_cpu_count(const struct cellcfg_cell *cell)
{
	unsigned int count = 0;
	uint32_t w;

	for (w = 0; w < cell->cpu_set_words; w++)
		count += __builtin_popcountll(cell->cpu_set[w]);
	return count;
}

static bool cmdline_has(const char *cmdline, const char *param)
{
	size_t len = strlen(param);
	const char *p = cmdline;

	while ((p = strstr(p, param))) {
		if (p == cmdline || p[-1] == ' ')
			return true;
		p += len;
	}
	return false;
}

/*
 * Up to this many CPUs, a 64-bit kernel before 6.9 picks the logical flat
 * APIC mode and writes its CPUs' logical IDs (LDR), which a cell may not:
 * the root's logical interrupts would reach them.  With more possible
 * CPUs it picks physical mode, which leaves LDR alone.
 */
#define FLAT_APIC_MAX_CPUS	8

/*
 * The user's command line plus what the cell's hardware implies: its UART
 * as the console (polled early, the 8250 driver later), the TSC frequency,
 * which the kernel cannot measure without a PIT or HPET, physical APIC
 * mode, where the comm region is (xvc_comm=, for an agent in the cell
 * that answers shutdown requests), and a panic or reboot that ends at once
 * in a triple fault, which stops the cell with a report (the cell has no
 * reset to reboot with).
 */
/* Append to the command line; *len counts what did not fit too. */
static void __attribute__((format(printf, 3, 4)))
append(struct linux_boot *out, size_t *len, const char *fmt, ...)
{
	size_t room = sizeof(out->cmdline);
	va_list ap;
	int n;

	if (*len >= room) {
		*len += 1;	/* already too long: stays too long */
		return;
	}
	va_start(ap, fmt);
	n = vsnprintf(out->cmdline + *len, room - *len, fmt, ap);
	va_end(ap);
	*len += n > 0 ? (size_t)n : 0;
}

static int build_cmdline(const struct linux_boot_input *in, uint32_t limit,
			 struct linux_boot *out)
{
	const struct xvc_console *con = &in->cell->desc->console;
	const struct xvc_memory_region *comm = comm_region(in->cell);
	const char *user = in->cmdline;
	size_t len = 0, room = sizeof(out->cmdline);

	if (con->type == XVC_CON_UART_8250_PIO && !cmdline_has(user, "console="))
		append(out, &len, "console=uart8250,io,0x%llx,115200n8 ",
		       (unsigned long long)con->address);
	if (in->tsc_khz && !cmdline_has(user, "tsc_early_khz="))
		append(out, &len, "tsc_early_khz=%u ", in->tsc_khz);
	if (cell_cpu_count(in->cell) <= FLAT_APIC_MAX_CPUS &&
	    !cmdline_has(user, "possible_cpus="))
		append(out, &len, "possible_cpus=%d ", FLAT_APIC_MAX_CPUS + 1);
	if (comm)
		append(out, &len, "xvc_comm=0x%llx ",
		       (unsigned long long)comm->virt_start);
	if (!cmdline_has(user, "panic=") && !cmdline_has(user, "reboot="))
		append(out, &len, "panic=-1 reboot=t ");
	append(out, &len, "%s", user);
	if (len >= room || len > limit) {
		linux_boot_fail("the command line is %zu bytes with what the tool adds; the kernel takes at most %u",
		     len, limit);
		return -1;
	}
	return 0;
}

static int add_e820(uint8_t *bp, uint64_t addr, uint64_t size, uint32_t type)
{
	unsigned int n = bp[BP_E820_ENTRIES];
	uint8_t *e = bp + BP_E820_TABLE + 20 * n;

	if (!size)
		return 0;
	if (n == BP_E820_MAX) {
		linux_boot_fail("the cell has more than %d memory ranges for the e820 map", BP_E820_MAX);
		return -1;
	}
	linux_put_le(e, addr, 8);
	linux_put_le(e + 8, size, 8);
	linux_put_le(e + 16, type, 4);
	bp[BP_E820_ENTRIES] = n + 1;
	return 0;
}

/*
 * The cell's memory as the kernel sees it: its RAM, the low MiB's BIOS
 * area reserved like on a PC, and shared memory and the comm page
 * reserved so that the kernel leaves them to drivers.  Device memory is
 * not in the map, as on a PC: it is the PCI host bridge's windows (the
 * DSDT), which a kernel clips where the map reserves.
 */
static int build_e820(const struct cellcfg_cell *cell, uint8_t *bp)
{
	const struct xvc_memory_region *mem;
	uint64_t start, size;
	uint32_t n;
	int err = 0;

	for (n = 0; n < cell->num_memory && !err; n++) {
		mem = &cell->memory[n];
		start = mem->virt_start;
		size = mem->size;
		if (mem->flags & XVC_MEM_IO)
			continue;
		if ((mem->flags & XVC_MEM_RAM) != XVC_MEM_RAM || (mem->flags & NOT_RAM)) {
			err = add_e820(bp, start, size, E820_RESERVED);
		} else if (mem == low_ram(cell)) {
			err = add_e820(bp, start, BIOS_AREA_START - start, E820_RAM) ||
				add_e820(bp, BIOS_AREA_START,
					 LINUX_KERNEL_ADDR - BIOS_AREA_START, E820_RESERVED) ||
				add_e820(bp, LINUX_KERNEL_ADDR,
					 start + size - LINUX_KERNEL_ADDR, E820_RAM);
		} else {
			err = add_e820(bp, start, size, E820_RAM);
		}
	}
	return err ? -1 : 0;
}

void linux_boot_add_image(struct linux_boot *out, enum linux_image i, const char *what,
		      const void *data, size_t size, uint64_t target)
{
	out->images[i] = (struct linux_boot_image){ what, data, size, target };
	if (out->num_images <= i)
		out->num_images = i + 1;
}

static int place_loader(const struct xvc_cell_desc *desc, struct linux_boot *out)
{
	size_t size = xvc_linux_loader_end - xvc_linux_loader_start;
	uint64_t at = desc->reset_address;

	if (at < PAGE_SIZE || at + size > LINUX_BOOT_PARAMS_ADDR) {
		linux_boot_fail("cell \"%s\": reset address 0x%llx cannot hold the %zu-byte loader: it must lie in [0x%llx, 0x%llx]",
		     desc->name, (unsigned long long)at, size, PAGE_SIZE,
		     (unsigned long long)(LINUX_BOOT_PARAMS_ADDR - size));
		return -1;
	}
	memcpy(out->loader, xvc_linux_loader_start, size);
	linux_put_le(out->loader + (xvc_linux_loader_boot_params - xvc_linux_loader_start),
	       LINUX_BOOT_PARAMS_ADDR, 4);
	linux_put_le(out->loader + (xvc_linux_loader_entry - xvc_linux_loader_start),
	       LINUX_KERNEL_ADDR, 4);
	linux_boot_add_image(out, LINUX_IMG_LOADER, "loader", out->loader, size, at);
	return 0;
}

/* Where the kernel ends while it decompresses and runs its early code. */
static uint64_t kernel_extent(const struct kernel_header *h, size_t pm_size)
{
	uint64_t end = LINUX_KERNEL_ADDR + pm_size;
	uint64_t run = (h->pref_address > LINUX_KERNEL_ADDR ? h->pref_address :
			LINUX_KERNEL_ADDR) + h->init_size;

	return run > end ? run : end;
}

static int place_initrd(const struct linux_boot_input *in, const char *path,
			const struct kernel_header *h, struct linux_boot *out)
{
	uint64_t top = out->ram_end, at;
	uint8_t *bp = out->boot_params;

	if (!in->initrd)
		return 0;
	if (h->initrd_addr_max && top > (uint64_t)h->initrd_addr_max + 1)
		top = (uint64_t)h->initrd_addr_max + 1;
	at = (top - in->initrd_size) & ~(PAGE_SIZE - 1);
	if (in->initrd_size > top || at < out->kernel_end) {
		linux_boot_fail("%s: the initrd (%zu bytes) does not fit between the kernel's end 0x%llx and 0x%llx, the end of the cell's RAM at guest 0",
		     path, in->initrd_size, (unsigned long long)out->kernel_end,
		     (unsigned long long)top);
		return -1;
	}
	linux_put_le(bp + HDR_RAMDISK_IMAGE, at, 4);
	linux_put_le(bp + HDR_RAMDISK_SIZE, in->initrd_size, 4);
	linux_boot_add_image(out, LINUX_IMG_INITRD, "initrd", in->initrd, in->initrd_size, at);
	return 0;
}

int linux_boot_layout(const struct linux_boot_input *in, const char *kernel_path,
		      const char *initrd_path, struct linux_boot *out)
{
	const struct xvc_cell_desc *desc = in->cell->desc;
	const struct xvc_memory_region *ram = low_ram(in->cell);
	const uint8_t *k = in->kernel;
	struct kernel_header h;
	uint8_t *bp = out->boot_params;
	size_t pm_size, hdr_end;

	memset(out, 0, sizeof(*out));
	if (!ram) {
		linux_boot_fail("cell \"%s\" has no loadable RAM at guest address 0: a Linux cell needs its low memory there",
		     desc->name);
		return -1;
	}
	out->ram_end = ram->size;
	if (read_kernel_header(k, in->kernel_size, kernel_path, &h))
		return -1;
	pm_size = in->kernel_size - h.setup_size;
	out->kernel_end = kernel_extent(&h, pm_size);
	if (out->kernel_end > out->ram_end) {
		linux_boot_fail("%s: the kernel needs guest memory up to 0x%llx to boot; cell \"%s\" has RAM up to 0x%llx",
		     kernel_path, (unsigned long long)out->kernel_end, desc->name,
		     (unsigned long long)out->ram_end);
		return -1;
	}
	if (place_loader(desc, out))
		return -1;

	/* The setup header as the kernel has it, then what this loader sets. */
	hdr_end = HDR_JUMP + 2 + k[HDR_JUMP + 1];
	if (hdr_end > h.setup_size || hdr_end > sizeof(out->boot_params)) {
		linux_boot_fail("%s: malformed setup header (ends at 0x%zx)", kernel_path, hdr_end);
		return -1;
	}
	memcpy(bp + BP_SETUP_HEADER, k + BP_SETUP_HEADER, hdr_end - BP_SETUP_HEADER);
	bp[HDR_TYPE_OF_LOADER] = LOADER_UNDEFINED;
	linux_put_le(bp + HDR_CODE32_START, LINUX_KERNEL_ADDR, 4);
	linux_put_le(bp + HDR_CMD_LINE_PTR, LINUX_CMDLINE_ADDR, 4);
	if (build_cmdline(in, h.cmdline_size ? h.cmdline_size : 255, out) ||
	    build_e820(in->cell, bp) || place_initrd(in, initrd_path, &h, out))
		return -1;
	linux_boot_add_image(out, LINUX_IMG_BOOT_PARAMS, "boot parameters", bp,
		  sizeof(out->boot_params), LINUX_BOOT_PARAMS_ADDR);
	linux_boot_add_image(out, LINUX_IMG_CMDLINE, "command line", out->cmdline,
		  strlen(out->cmdline) + 1, LINUX_CMDLINE_ADDR);
	linux_boot_add_image(out, LINUX_IMG_KERNEL, "kernel", k + h.setup_size, pm_size,
		  LINUX_KERNEL_ADDR);
	return 0;
}
