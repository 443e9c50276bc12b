// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ACPI tables of a Linux cell, at 0xf0000 where the kernel looks for
 * the RSDP, built from the cell's config and what the machine's firmware
 * says (Documentation/linux-cell.md):
 *
 *   RSDP -> RSDT -> FADT  hardware-reduced ACPI: no PM1 blocks, SCI or
 *                         GPEs, which are the machine's; the PM timer, the
 *                         one clock a cell without PIT or HPET can
 *                         calibrate its APIC timer against; no 8042, VGA
 *                         or CMOS RTC
 *                     DSDT  the cell's UART (PNP0501) with its interrupt,
 *                         when the cell owns the UART's IOAPIC pin (without
 *                         it the kernel polls the UART); a PCI host bridge
 *                         when the cell owns PCI functions, its windows the
 *                         cell's device memory
 *                  -> MADT  exactly the cell's CPUs, and the IOAPICs it has
 *                         pins on, with the machine's IDs and GSI bases
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <xvcell/cell-config.h>

#include "linux-boot.h"

/* Offsets in the tables page */
#define TBL_RSDP		0x000
#define TBL_RSDT		0x040
#define TBL_FADT		0x080	/* 276 bytes */
#define TBL_DSDT		0x200	/* up to 1.5 KiB */
#define TBL_MADT		0x800	/* up to 44 + 8 * 32 + 12 * 8 bytes */
#define DSDT_MAX		(TBL_MADT - TBL_DSDT)

#define ACPI_HEADER_SIZE	36
#define RSDP_SIZE		20
#define RSDT_SIZE		(ACPI_HEADER_SIZE + 2 * 4)

/* FADT (ACPI 6) */
#define FADT_SIZE		276
#define FADT_REVISION		6
#define FADT_DSDT		40
#define FADT_PM_TMR_BLK		76
#define FADT_PM_TMR_LEN		91
#define FADT_BOOT_ARCH		109
#define FADT_FLAGS		112
#define FADT_X_DSDT		140
#define FADT_X_PM_TMR_BLK	208
#define BOOT_ARCH_NO_VGA	(1U << 2)
#define BOOT_ARCH_NO_CMOS_RTC	(1U << 5)
#define FADT_HW_REDUCED		(1U << 20)
#define GAS_SYSTEM_IO		1
#define GAS_ACCESS_DWORD	3
#define PM_TIMER_PORTS		4

/* MADT */
#define LAPIC_ADDRESS		0xfee00000U
#define MADT_ENTRIES		44	/* header, APIC address, flags */
#define MADT_TYPE_LAPIC		0
#define MADT_TYPE_IOAPIC	1
#define MADT_TYPE_ISO		2
#define MADT_LAPIC_SIZE		8
#define MADT_IOAPIC_SIZE	12
#define MADT_ISO_SIZE		10
#define MADT_LAPIC_ENABLED	0x1

/* MPS INTI flags (MADT interrupt source overrides) */
#define MPS_POLARITY_MASK	0x3
#define MPS_ACTIVE_LOW		0x3
#define MPS_TRIGGER_MASK	0xc
#define MPS_LEVEL		0xc
#define MPS_ISA_DEFAULT		0x0	/* conforming: edge, active high */

/* AML */
#define AML_NAME_OP		0x08
#define AML_BYTE_PREFIX		0x0a
#define AML_WORD_PREFIX		0x0b
#define AML_DWORD_PREFIX	0x0c
#define AML_BUFFER_OP		0x11
#define AML_EXT_OP		0x5b
#define AML_DEVICE_OP		0x82
#define AML_ROOT_CHAR		'\\'
#define AML_DUAL_NAME		0x2e
#define PNP0501_EISA_ID		0x0105d041U	/* EisaId("PNP0501"): 16550A UART */
#define PNP0A03_EISA_ID		0x030ad041U	/* EisaId("PNP0A03"): PCI host bridge */

/* Resource descriptors (_CRS) */
#define RES_IO			0x47	/* small, 7 bytes */
#define RES_IO_DECODE16		0x01
#define RES_EXT_IRQ		0x89	/* large: extended interrupt */
#define RES_EXT_IRQ_LEN		6
#define EXT_IRQ_CONSUMER	0x01
#define EXT_IRQ_EDGE		0x02
#define EXT_IRQ_ACTIVE_LOW	0x04
#define RES_END			0x79
#define RES_WORD_ADDRESS	0x88	/* large: 16-bit address space */
#define RES_WORD_LEN		13
#define RES_QWORD_ADDRESS	0x8a	/* large: 64-bit address space */
#define RES_QWORD_LEN		43
#define RES_SPACE_MEMORY	0
#define RES_SPACE_BUS		2
#define RES_PRODUCER_FIXED	0x0c	/* producer, min and max fixed */
#define RES_MEM_READ_WRITE	0x01
#define UART_PORTS		8
#define AML_BODY_MAX		(DSDT_MAX - ACPI_HEADER_SIZE)

static uint8_t checksum(const uint8_t *p, size_t len)
{
	uint8_t sum = 0;

	while (len--)
		sum += *p++;
	return -sum;
}

static void acpi_header(uint8_t *t, const char *sig, uint32_t len, uint8_t rev)
{
	memcpy(t, sig, 4);
	linux_put_le(t + 4, len, 4);
	t[8] = rev;
	memcpy(t + 10, "XVCELL", 6);
	memcpy(t + 16, "LINUXCEL", 8);
	linux_put_le(t + 24, 1, 4);	/* OEM revision */
	memcpy(t + 28, "XVCL", 4);	/* creator */
	linux_put_le(t + 32, 1, 4);
}

static void acpi_finish(uint8_t *t, uint32_t len)
{
	t[9] = checksum(t, len);
}

int linux_parse_madt(const uint8_t *t, size_t len, struct linux_firmware *fw)
{
	size_t at, table_len;
	const uint8_t *e;
	unsigned int n;

	for (n = 0; n < 16; n++) {
		fw->isa_gsi[n] = n;
		fw->isa_flags[n] = MPS_ISA_DEFAULT;
	}
	fw->num_ioapics = 0;
	table_len = len >= ACPI_HEADER_SIZE ? linux_get_le(t + 4, 4) : 0;
	if (len < MADT_ENTRIES || memcmp(t, "APIC", 4) || table_len > len ||
	    table_len < MADT_ENTRIES) {
		linux_boot_fail("the machine's MADT is malformed (%zu bytes)", len);
		return -1;
	}
	for (at = MADT_ENTRIES; at + 2 <= table_len; at += e[1]) {
		e = t + at;
		if (e[1] < 2 || at + e[1] > table_len) {
			linux_boot_fail("the machine's MADT has a malformed entry at offset %zu", at);
			return -1;
		}
		if (e[0] == MADT_TYPE_IOAPIC && e[1] >= MADT_IOAPIC_SIZE) {
			if (fw->num_ioapics == LINUX_MAX_IOAPICS) {
				linux_boot_fail("the machine has more than %d IOAPICs", LINUX_MAX_IOAPICS);
				return -1;
			}
			n = fw->num_ioapics++;
			fw->ioapics[n].id = e[2];
			fw->ioapics[n].address = linux_get_le(e + 4, 4);
			fw->ioapics[n].gsi_base = linux_get_le(e + 8, 4);
		} else if (e[0] == MADT_TYPE_ISO && e[1] >= MADT_ISO_SIZE &&
			   e[2] == 0 && e[3] < 16) {	/* bus 0: ISA */
			fw->isa_gsi[e[3]] = linux_get_le(e + 4, 4);
			fw->isa_flags[e[3]] = linux_get_le(e + 8, 2);
		}
	}
	return 0;
}

/* The machine's IOAPIC that delivers @gsi: the one with the highest base not above it. */
static int ioapic_of_gsi(const struct linux_firmware *fw, uint32_t gsi)
{
	unsigned int n;
	int best = -1;

	for (n = 0; n < fw->num_ioapics; n++)
		if (fw->ioapics[n].gsi_base <= gsi &&
		    (best < 0 || fw->ioapics[n].gsi_base > fw->ioapics[best].gsi_base))
			best = n;
	return best;
}

static bool cell_has_pin(const struct cellcfg_cell *cell, uint64_t ioapic, unsigned int pin)
{
	uint32_t n;

	for (n = 0; n < cell->num_irqchips; n++)
		if (cell->irqchips[n].address == ioapic &&
		    cellcfg_irqchip_has_pin(&cell->irqchips[n], pin))
			return true;
	return false;
}

static bool cell_has_any_pin(const struct cellcfg_cell *cell, uint64_t ioapic)
{
	unsigned int n, w;

	for (n = 0; n < cell->num_irqchips; n++)
		for (w = 0; w < XVC_IRQCHIP_PINS / 32; w++)
			if (cell->irqchips[n].address == ioapic &&
			    cell->irqchips[n].pin_bitmap[w])
				return true;
	return false;
}

static bool firmware_lists_ioapic(const struct linux_firmware *fw, uint64_t address)
{
	unsigned int n;

	for (n = 0; fw && n < fw->num_ioapics; n++)
		if (fw->ioapics[n].address == address)
			return true;
	return false;
}

/* Every IOAPIC the cell has pins on must be the firmware's: its ID and GSI base are. */
static int check_irqchips(const struct linux_boot_input *in)
{
	const struct cellcfg_cell *cell = in->cell;
	uint32_t n;

	for (n = 0; n < cell->num_irqchips; n++) {
		if (firmware_lists_ioapic(in->firmware, cell->irqchips[n].address))
			continue;
		linux_boot_fail("cell \"%s\" has pins of the IOAPIC at 0x%llx, which the machine's ACPI tables (MADT) do not list",
				cell->desc->name,
				(unsigned long long)cell->irqchips[n].address);
		return -1;
	}
	return 0;
}

/* The one host bridge the tables describe is segment 0's. */
static int check_pci_segments(const struct cellcfg_cell *cell)
{
	uint32_t n;

	for (n = 0; n < cell->num_pci; n++) {
		if (!cell->pci[n].domain)
			continue;
		linux_boot_fail("cell \"%s\": PCI function %04x:%02x:%02x.%x is not in segment 0, the one a Linux cell's tables describe",
				cell->desc->name, cell->pci[n].domain,
				cell->pci[n].bdf >> 8, (cell->pci[n].bdf >> 3) & 0x1f,
				cell->pci[n].bdf & 7);
		return -1;
	}
	return 0;
}

static void polled(struct linux_uart_irq *u, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void polled(struct linux_uart_irq *u, const char *fmt, ...)
{
	va_list ap;

	u->ioapic = 0;
	va_start(ap, fmt);
	vsnprintf(u->why_polled, sizeof(u->why_polled), fmt, ap);
	va_end(ap);
}

/*
 * The UART's interrupt: the IRQ the firmware names for it, through the
 * ISA overrides to a GSI, to a pin of one of the machine's IOAPICs.  The
 * cell gets it only if it owns that pin; otherwise its kernel polls.
 */
static void resolve_uart_irq(const struct linux_boot_input *in, struct linux_uart_irq *u)
{
	const struct linux_firmware *fw = in->firmware;
	uint16_t flags = MPS_ISA_DEFAULT;
	uint32_t gsi;
	int io;

	if (!fw || fw->uart_irq == LINUX_NO_IRQ) {
		polled(u, "the machine's firmware names no IRQ for it");
		return;
	}
	gsi = fw->uart_irq;
	if (fw->uart_irq < 16) {
		gsi = fw->isa_gsi[fw->uart_irq];
		flags = fw->isa_flags[fw->uart_irq];
	}
	io = ioapic_of_gsi(fw, gsi);
	if (io < 0) {
		polled(u, "its IRQ %d (GSI %u) is on no IOAPIC of the machine", fw->uart_irq, gsi);
		return;
	}
	u->gsi = gsi;
	u->pin = gsi - fw->ioapics[io].gsi_base;
	u->mps_flags = flags;
	if (!cell_has_pin(in->cell, fw->ioapics[io].address, u->pin)) {
		polled(u, "its IRQ %d is IOAPIC 0x%llx pin %u, which cell \"%s\" does not own",
		       fw->uart_irq, (unsigned long long)fw->ioapics[io].address, u->pin,
		       in->cell->desc->name);
		return;
	}
	u->ioapic = fw->ioapics[io].address;
}

/* AML package length of @len bytes of contents (the encoding counts itself). */
static size_t aml_pkglen(uint8_t *p, size_t len)
{
	if (len + 1 < 0x40) {
		p[0] = len + 1;
		return 1;
	}
	len += 2;	/* up to 4095 */
	p[0] = 0x40 | (len & 0xf);
	p[1] = len >> 4;
	return 2;
}

static size_t aml_name(uint8_t *p, const char *seg)
{
	p[0] = AML_NAME_OP;
	memcpy(p + 1, seg, 4);
	return 5;
}

/* _CRS: the UART's ports and, if the cell owns it, its interrupt. */
static size_t uart_resources(uint8_t *r, uint16_t port, const struct linux_uart_irq *u)
{
	size_t n = 0;

	r[n++] = RES_IO;
	r[n++] = RES_IO_DECODE16;
	linux_put_le(r + n, port, 2);		/* minimum */
	linux_put_le(r + n + 2, port, 2);	/* maximum */
	n += 4;
	r[n++] = 1;				/* alignment */
	r[n++] = UART_PORTS;
	if (u->ioapic) {
		r[n++] = RES_EXT_IRQ;
		linux_put_le(r + n, RES_EXT_IRQ_LEN, 2);
		n += 2;
		r[n++] = EXT_IRQ_CONSUMER |
			((u->mps_flags & MPS_TRIGGER_MASK) == MPS_LEVEL ? 0 : EXT_IRQ_EDGE) |
			((u->mps_flags & MPS_POLARITY_MASK) == MPS_ACTIVE_LOW ?
			 EXT_IRQ_ACTIVE_LOW : 0);
		r[n++] = 1;			/* one interrupt */
		linux_put_le(r + n, u->gsi, 4);
		n += 4;
	}
	r[n++] = RES_END;
	r[n++] = 0;				/* checksum: none */
	return n;
}

/* Name (SEG, Buffer () { @res }): returns its size. */
static size_t aml_name_buffer(uint8_t *p, const char *seg, const uint8_t *res, size_t len)
{
	size_t n = aml_name(p, seg);

	p[n++] = AML_BUFFER_OP;
	if (len < 0x100) {
		n += aml_pkglen(p + n, 2 + len);
		p[n++] = AML_BYTE_PREFIX;
		p[n++] = len;
	} else {
		n += aml_pkglen(p + n, 3 + len);
		p[n++] = AML_WORD_PREFIX;
		linux_put_le(p + n, len, 2);
		n += 2;
	}
	memcpy(p + n, res, len);
	return n + len;
}

/* Name (_HID, EisaId) and Name (_UID, 0): returns their size. */
static size_t aml_ids(uint8_t *p, uint32_t eisa_id)
{
	size_t n = aml_name(p, "_HID");

	p[n++] = AML_DWORD_PREFIX;
	linux_put_le(p + n, eisa_id, 4);
	n += 4;
	n += aml_name(p + n, "_UID");
	p[n++] = AML_BYTE_PREFIX;
	p[n++] = 0;
	return n;
}

/* Device (\_SB.NAME) { @body }: returns its size. */
static size_t aml_device(uint8_t *out, const char *name, const uint8_t *body, size_t len)
{
	uint8_t path[10] = { AML_ROOT_CHAR, AML_DUAL_NAME, '_', 'S', 'B', '_' };
	size_t n;

	memcpy(path + 6, name, 4);
	out[0] = AML_EXT_OP;
	out[1] = AML_DEVICE_OP;
	n = 2 + aml_pkglen(out + 2, sizeof(path) + len);
	memcpy(out + n, path, sizeof(path));
	memcpy(out + n + sizeof(path), body, len);
	return n + sizeof(path) + len;
}

/* Device (\_SB.UAR0) { _HID PNP0501, _UID 0, _CRS }: returns its size. */
static size_t aml_uart(uint8_t *out, uint16_t port, const struct linux_uart_irq *u)
{
	uint8_t body[128], crs[32];
	size_t n = aml_ids(body, PNP0501_EISA_ID);

	n += aml_name_buffer(body + n, "_CRS", crs, uart_resources(crs, port, u));
	return aml_device(out, "UAR0", body, n);
}

/* A 64-bit address space the bridge decodes: [min, max]. */
static size_t res_qword(uint8_t *r, uint8_t space, uint64_t min, uint64_t max)
{
	r[0] = RES_QWORD_ADDRESS;
	linux_put_le(r + 1, RES_QWORD_LEN, 2);
	r[3] = space;
	r[4] = RES_PRODUCER_FIXED;
	r[5] = space == RES_SPACE_MEMORY ? RES_MEM_READ_WRITE : 0;
	linux_put_le(r + 6, 0, 8);		/* granularity */
	linux_put_le(r + 14, min, 8);
	linux_put_le(r + 22, max, 8);
	linux_put_le(r + 30, 0, 8);		/* translation */
	linux_put_le(r + 38, max - min + 1, 8);
	return 3 + RES_QWORD_LEN;
}

static size_t res_bus_range(uint8_t *r, unsigned int last_bus)
{
	r[0] = RES_WORD_ADDRESS;
	linux_put_le(r + 1, RES_WORD_LEN, 2);
	r[3] = RES_SPACE_BUS;
	r[4] = RES_PRODUCER_FIXED;
	r[5] = 0;
	linux_put_le(r + 6, 0, 2);		/* granularity */
	linux_put_le(r + 8, 0, 2);		/* first bus */
	linux_put_le(r + 10, last_bus, 2);
	linux_put_le(r + 12, 0, 2);		/* translation */
	linux_put_le(r + 14, last_bus + 1, 2);
	return 3 + RES_WORD_LEN;
}

static unsigned int last_bus(const struct cellcfg_cell *cell)
{
	unsigned int n, bus = 0;

	for (n = 0; n < cell->num_pci; n++)
		if ((cell->pci[n].bdf >> 8) > bus)
			bus = cell->pci[n].bdf >> 8;
	return bus;
}

/*
 * _CRS of the host bridge: the buses up to the cell's last one, and a
 * memory window for each device memory region of the cell, where its
 * functions' BARs lie (the hypervisor lets them decode nowhere else).
 * Returns its size, or 0 if it does not fit in @room bytes.
 */
static size_t bridge_resources(const struct cellcfg_cell *cell, uint8_t *r, size_t room)
{
	const struct xvc_memory_region *mem;
	size_t n = res_bus_range(r, last_bus(cell));
	uint32_t k;

	for (k = 0; k < cell->num_memory; k++) {
		mem = &cell->memory[k];
		if (!(mem->flags & XVC_MEM_IO))
			continue;
		if (n + 3 + RES_QWORD_LEN + 2 > room)
			return 0;
		n += res_qword(r + n, RES_SPACE_MEMORY, mem->virt_start,
			       mem->virt_start + mem->size - 1);
	}
	r[n++] = RES_END;
	r[n++] = 0;
	return n;
}

/*
 * Device (\_SB.PCI0) { _HID PNP0A03, _UID 0, _BBN 0, _CRS }: the kernel
 * scans its buses through the configuration ports (0xcf8), where it sees
 * the cell's functions only, and keeps the BARs it finds inside the
 * windows.  No _PRT: the functions' INTx are not described, MSI and
 * MSI-X are the cell's interrupts.  Returns its size, 0 if it does not
 * fit in @room bytes.
 */
static size_t aml_pci_bridge(const struct cellcfg_cell *cell, uint8_t *out, size_t room)
{
	static uint8_t body[DSDT_MAX], crs[DSDT_MAX];
	size_t n = aml_ids(body, PNP0A03_EISA_ID);
	size_t c = bridge_resources(cell, crs, sizeof(crs) - 64);

	if (!c)
		return 0;
	n += aml_name(body + n, "_BBN");
	body[n++] = AML_BYTE_PREFIX;
	body[n++] = 0;
	n += aml_name_buffer(body + n, "_CRS", crs, c);
	if (n + 16 > room)
		return 0;
	return aml_device(out, "PCI0", body, n);
}

static bool cell_has_ports(const struct cellcfg_cell *cell, uint32_t port, uint32_t count)
{
	const struct xvc_pio_range *r;
	uint32_t n;

	for (n = 0; n < cell->num_pio; n++) {
		r = &cell->pio[n];
		if (port >= r->start && port + count <= r->start + r->length)
			return true;
	}
	return false;
}

/* The cell's console UART, if it is one on ports the cell owns; else 0. */
static uint16_t console_uart(const struct cellcfg_cell *cell)
{
	const struct xvc_console *con = &cell->desc->console;

	if (con->type != XVC_CON_UART_8250_PIO ||
	    !cell_has_ports(cell, con->address, UART_PORTS))
		return 0;
	return con->address;
}

static int build_dsdt(const struct linux_boot_input *in, struct linux_boot *out,
		      uint8_t *t)
{
	uint16_t port = console_uart(in->cell);
	size_t len = ACPI_HEADER_SIZE, bridge;

	if (port)
		len += aml_uart(t + len, port, &out->uart);
	if (in->cell->num_pci) {
		bridge = aml_pci_bridge(in->cell, t + len, DSDT_MAX - len);
		if (!bridge) {
			linux_boot_fail("cell \"%s\" has too many device memory regions to describe as PCI windows in %d bytes of DSDT",
					in->cell->desc->name, DSDT_MAX);
			return -1;
		}
		len += bridge;
	}
	acpi_header(t, "DSDT", len, 2);
	acpi_finish(t, len);
	return 0;
}

static void put_gas_io(uint8_t *g, uint16_t port, uint8_t bits)
{
	g[0] = GAS_SYSTEM_IO;
	g[1] = bits;
	g[2] = 0;			/* bit offset */
	g[3] = GAS_ACCESS_DWORD;
	linux_put_le(g + 4, port, 8);
}

/*
 * Hardware-reduced: the kernel then looks for no PM1 event or control
 * block, SCI or GPE, so the interpreter runs and enumerates the DSDT's
 * devices; and it sets up no legacy PIC or PIT.
 */
static void build_fadt(const struct linux_boot_input *in, uint8_t *t)
{
	acpi_header(t, "FACP", FADT_SIZE, FADT_REVISION);
	linux_put_le(t + FADT_DSDT, LINUX_TABLES_ADDR + TBL_DSDT, 4);
	linux_put_le(t + FADT_X_DSDT, LINUX_TABLES_ADDR + TBL_DSDT, 8);
	linux_put_le(t + FADT_PM_TMR_BLK, in->pm_timer_port, 4);
	t[FADT_PM_TMR_LEN] = PM_TIMER_PORTS;
	put_gas_io(t + FADT_X_PM_TMR_BLK, in->pm_timer_port, 8 * PM_TIMER_PORTS);
	linux_put_le(t + FADT_BOOT_ARCH, BOOT_ARCH_NO_VGA | BOOT_ARCH_NO_CMOS_RTC, 2);
	linux_put_le(t + FADT_FLAGS, FADT_HW_REDUCED, 4);
	acpi_finish(t, FADT_SIZE);
}

/*
 * The MADT: exactly the cell's CPUs, the first the boot CPU, no 8259
 * (PCAT_COMPAT clear), and the machine's IOAPICs the cell has pins on.
 * The other pins read masked to the cell; a kernel without legacy IRQs
 * (no 8259, as here) programs only the pins its devices use.
 */
static void build_madt(const struct linux_boot_input *in, uint8_t *t)
{
	const struct linux_firmware *fw = in->firmware;
	size_t len = MADT_ENTRIES;
	uint8_t *e;
	unsigned int n;

	linux_put_le(t + ACPI_HEADER_SIZE, LAPIC_ADDRESS, 4);
	for (n = 0; n < in->num_cpus; n++, len += MADT_LAPIC_SIZE) {
		e = t + len;
		e[0] = MADT_TYPE_LAPIC;
		e[1] = MADT_LAPIC_SIZE;
		e[2] = n;		/* ACPI processor UID */
		e[3] = in->apic_ids[n];
		linux_put_le(e + 4, MADT_LAPIC_ENABLED, 4);
	}
	for (n = 0; fw && n < fw->num_ioapics; n++) {
		if (!cell_has_any_pin(in->cell, fw->ioapics[n].address))
			continue;
		e = t + len;
		e[0] = MADT_TYPE_IOAPIC;
		e[1] = MADT_IOAPIC_SIZE;
		e[2] = fw->ioapics[n].id;
		e[3] = 0;
		linux_put_le(e + 4, fw->ioapics[n].address, 4);
		linux_put_le(e + 8, fw->ioapics[n].gsi_base, 4);
		len += MADT_IOAPIC_SIZE;
	}
	acpi_header(t, "APIC", len, 1);
	acpi_finish(t, len);
}

static int build_acpi_tables(const struct linux_boot_input *in, struct linux_boot *out)
{
	uint8_t *tables = out->tables;
	uint8_t *rsdp = tables + TBL_RSDP, *rsdt = tables + TBL_RSDT;

	if (build_dsdt(in, out, tables + TBL_DSDT))
		return -1;
	build_fadt(in, tables + TBL_FADT);
	build_madt(in, tables + TBL_MADT);

	acpi_header(rsdt, "RSDT", RSDT_SIZE, 1);
	linux_put_le(rsdt + ACPI_HEADER_SIZE, LINUX_TABLES_ADDR + TBL_FADT, 4);
	linux_put_le(rsdt + ACPI_HEADER_SIZE + 4, LINUX_TABLES_ADDR + TBL_MADT, 4);
	acpi_finish(rsdt, RSDT_SIZE);

	memcpy(rsdp, "RSD PTR ", 8);
	memcpy(rsdp + 9, "XVCELL", 6);
	linux_put_le(rsdp + 16, LINUX_TABLES_ADDR + TBL_RSDT, 4);
	rsdp[8] = checksum(rsdp, RSDP_SIZE);
	return 0;
}

/*
 * The kernel calibrates its APIC timer against the ACPI PM timer, the one
 * clock left to a cell without PIT or HPET: the machine must have one, and
 * the cell must be granted its ports (reading a free-running counter
 * changes nothing for anybody else).
 */
int linux_boot_tables(const struct linux_boot_input *in, struct linux_boot *out)
{
	const struct xvc_cell_desc *desc = in->cell->desc;

	if (in->num_cpus > LINUX_MAX_CPUS) {
		linux_boot_fail("cell \"%s\" has %u CPUs; a Linux cell may have at most %d",
				desc->name, in->num_cpus, LINUX_MAX_CPUS);
		return -1;
	}
	if (!in->pm_timer_port) {
		linux_boot_fail("this machine's ACPI tables name no PM timer: a kernel in cell \"%s\" could not calibrate its APIC timer",
				desc->name);
		return -1;
	}
	if (!cell_has_ports(in->cell, in->pm_timer_port, PM_TIMER_PORTS)) {
		linux_boot_fail("cell \"%s\" is not granted the ACPI PM timer (ports 0x%x-0x%x), which its kernel needs to calibrate its APIC timer",
				desc->name, in->pm_timer_port,
				in->pm_timer_port + PM_TIMER_PORTS - 1);
		return -1;
	}
	if (check_irqchips(in))
		return -1;
	if (console_uart(in->cell))
		resolve_uart_irq(in, &out->uart);
	if (check_pci_segments(in->cell) || build_acpi_tables(in, out))
		return -1;
	linux_boot_add_image(out, LINUX_IMG_TABLES, "ACPI tables", out->tables,
			     sizeof(out->tables), LINUX_TABLES_ADDR);
	return 0;
}
