// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of lib/cellcfg: every defect of defects.c must be reported
 * with its message, the shipped configurations must pass, and the API's
 * corner cases behave as documented.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cfgbuild.h"
#include "defects.h"

#define MAX_ISSUES	256

struct collected {
	unsigned int count;
	struct cellcfg_issue issues[MAX_ISSUES];
	char text[MAX_ISSUES][256];
};

static void collect(const struct cellcfg_issue *issue, void *ctx)
{
	struct collected *c = ctx;

	if (c->count < MAX_ISSUES) {
		c->issues[c->count] = *issue;
		cellcfg_format(issue, c->text[c->count], sizeof(c->text[0]));
	}
	c->count++;
}

static void print_collected(const struct collected *c)
{
	unsigned int i;

	for (i = 0; i < c->count && i < MAX_ISSUES; i++)
		print_message("  reported: [%s] %s\n",
			      cellcfg_error_id(c->issues[i].error),
			      c->text[i]);
}

static int find_issue(const struct collected *c, enum cellcfg_error error,
		      const char *message)
{
	unsigned int i;

	for (i = 0; i < c->count && i < MAX_ISSUES; i++)
		if (c->issues[i].error == error &&
		    strstr(c->text[i], message))
			return (int)i;
	return -1;
}

/* Parse @num files as system + cells and run the system check. */
static uint32_t check_blobs(struct cfg_blob *blobs, int num,
			    struct collected *c)
{
	struct cellcfg_view views[DEFECT_MAX_FILES];
	uint32_t n;
	int i;

	n = cellcfg_parse_system(blobs[0].u.bytes, blobs[0].len, &views[0],
				 collect, c);
	for (i = 1; i < num; i++)
		n += cellcfg_parse_cell(blobs[i].u.bytes, blobs[i].len,
					&views[i], collect, c);
	n += cellcfg_check_system(&views[0], &views[1], num - 1, collect, c);
	return n;
}

static uint32_t check_stems(const char *const *stems, int num,
			    struct collected *c)
{
	static struct cfg_blob blobs[DEFECT_MAX_FILES];
	int i;

	for (i = 0; i < num; i++)
		cfg_load_blob(stems[i], &blobs[i]);
	return check_blobs(blobs, num, c);
}

/* Build @parts and parse it on its own (system or cell blob). */
static uint32_t parse_parts(struct cfg_parts *parts, struct collected *c)
{
	static struct cfg_blob blob;
	struct cellcfg_view view;

	memset(c, 0, sizeof(*c));
	cfg_build(parts, &blob);
	if (parts->system)
		return cellcfg_parse_system(blob.u.bytes, blob.len, &view,
					    collect, c);
	return cellcfg_parse_cell(blob.u.bytes, blob.len, &view, collect, c);
}

/* @parts parses with no violation at all. */
static void expect_parts_clean(struct cfg_parts *parts)
{
	static struct collected c;

	if (parse_parts(parts, &c)) {
		print_collected(&c);
		fail();
	}
}

/* @parts parses with exactly one violation, @error with @message. */
static void expect_parts_one(struct cfg_parts *parts, enum cellcfg_error error,
			     const char *message)
{
	static struct collected c;

	if (parse_parts(parts, &c) != 1 ||
	    find_issue(&c, error, message) < 0) {
		print_message("expected only [%s] \"%s\"\n",
			      cellcfg_error_id(error), message);
		print_collected(&c);
		fail();
	}
}

/* Build both and check the cell against the system. */
static uint32_t check_parts(struct cfg_parts *sys, struct cfg_parts *cell,
			    struct collected *c)
{
	static struct cfg_blob blobs[2];

	memset(c, 0, sizeof(*c));
	cfg_build(sys, &blobs[0]);
	cfg_build(cell, &blobs[1]);
	return check_blobs(blobs, 2, c);
}

static void expect_system_clean(struct cfg_parts *sys, struct cfg_parts *cell)
{
	static struct collected c;

	if (check_parts(sys, cell, &c)) {
		print_collected(&c);
		fail();
	}
}

static void expect_system_one(struct cfg_parts *sys, struct cfg_parts *cell,
			      enum cellcfg_error error, const char *message)
{
	static struct collected c;

	if (check_parts(sys, cell, &c) != 1 ||
	    find_issue(&c, error, message) < 0) {
		print_message("expected only [%s] \"%s\"\n",
			      cellcfg_error_id(error), message);
		print_collected(&c);
		fail();
	}
}

static struct xvc_memory_region *add_region(struct cfg_parts *parts,
					    uint64_t phys, uint64_t size,
					    uint64_t flags)
{
	struct xvc_memory_region *mem = &parts->memory[parts->num_memory++];

	/* above the demo cells' RAM and comm region */
	*mem = (struct xvc_memory_region)XVC_REGION(phys, 0x200000, size,
						    flags);
	return mem;
}

/* --- one test per defect ---------------------------------------------- */

static void test_defect(void **state)
{
	const struct defect *d = *state;
	static struct cfg_blob blobs[DEFECT_MAX_FILES];
	static struct collected c;
	int i, num = defect_num_files(d);
	uint32_t n;

	memset(&c, 0, sizeof(c));
	for (i = 0; i < num; i++)
		defect_blob(d, i, &blobs[i]);
	n = check_blobs(blobs, num, &c);
	if (find_issue(&c, d->error, d->message) < 0) {
		print_message("expected [%s] \"%s\"\n",
			      cellcfg_error_id(d->error), d->message);
		print_collected(&c);
		fail();
	}
	assert_int_equal(n, c.count);
}

/* --- shipped configurations ------------------------------------------ */

static void expect_clean(const char *const *stems, int num)
{
	static struct collected c;

	memset(&c, 0, sizeof(c));
	if (check_stems(stems, num, &c)) {
		print_collected(&c);
		fail();
	}
}

static void test_qemu_apic_tiny(void **state)
{
	static const char *const stems[] = {
		"qemu-svm", "apic-demo", "tiny-demo" };

	(void)state;
	expect_clean(stems, 3);
}

static void test_qemu_smp(void **state)
{
	static const char *const stems[] = { "qemu-svm", "smp-demo" };

	(void)state;
	expect_clean(stems, 2);
}

static void test_qemu_apic_smp(void **state)
{
	static const char *const stems[] = {
		"qemu-svm", "apic-demo", "smp-demo" };

	(void)state;
	expect_clean(stems, 3);
}

static void test_bochs_apic(void **state)
{
	static const char *const stems[] = { "bochs-vmx", "bochs-apic-demo" };

	(void)state;
	expect_clean(stems, 2);
}

/* Each demo cell must also be valid on its own against its system. */
static void test_each_cell_alone(void **state)
{
	static const char *const cells[] = { "apic-demo", "tiny-demo",
					     "smp-demo" };
	const char *stems[2] = { "qemu-svm", NULL };
	unsigned int i;

	(void)state;
	for (i = 0; i < 3; i++) {
		stems[1] = cells[i];
		expect_clean(stems, 2);
	}
}

/* pci-demo takes the root's edu, beside the other demo cells. */
static void test_qemu_pci_demo(void **state)
{
	static const char *const alone[] = { "qemu-svm", "pci-demo" };
	static const char *const all[] = {
		"qemu-svm", "apic-demo", "tiny-demo", "pci-demo" };
	struct cfg_parts parts;

	(void)state;
	expect_clean(alone, 2);
	expect_clean(all, 4);
	cfg_load("pci-demo", &parts);
	assert_int_equal(parts.num_pci, 1);
	assert_int_equal(parts.pci[0].bdf, XVC_PCI_BDF(0, 0x0a, 0));
	assert_int_equal(parts.pci[0].bar_size[0], 0x100000);
	assert_int_equal(parts.pci[0].msi_cap, 0x40);
}

/*
 * The variants for the rigs whose IOMMU the hypervisor drives: every
 * device of the root and of pci-demo-iommu behind the one unit, whose
 * registers the root does not map; neither pci-demo beside the other root.
 */
static void check_iommu_variant(const char *root, uint16_t type, uint64_t base)
{
	const char *const all[] = { root, "apic-demo", "tiny-demo",
				    "pci-demo-iommu" };
	const char *const crossed[2][2] = {
		{ root, "pci-demo" }, { "qemu-svm", "pci-demo-iommu" } };
	static struct collected c;
	const struct xvc_platform *plat;
	struct cfg_parts parts;
	unsigned int i;

	expect_clean(all, 4);
	cfg_load(root, &parts);
	plat = &parts.sys.platform;
	assert_string_equal(parts.sys.root_cell.name, root);
	assert_int_equal(plat->num_iommus, 1);
	assert_int_equal(plat->iommus[0].type, type);
	assert_int_equal(plat->iommus[0].base, base);
	for (i = 0; i < parts.num_memory; i++)
		assert_false(parts.memory[i].phys_start <= base &&
			     base - parts.memory[i].phys_start <
			     parts.memory[i].size);
	for (i = 0; i < parts.num_pci; i++)
		assert_int_equal(parts.pci[i].iommu, 0);
	for (i = 0; i < 2; i++) {
		memset(&c, 0, sizeof(c));
		check_stems(crossed[i], 2, &c);
		if (find_issue(&c, CELLCFG_E_PCI_IOMMU, "IOMMU") < 0) {
			print_collected(&c);
			fail();
		}
	}
}

static void test_qemu_vtd_pci_demo(void **state)
{
	(void)state;
	check_iommu_variant("qemu-vtd", XVC_IOMMU_INTEL, 0xfed90000);
}

static void test_qemu_amdvi_pci_demo(void **state)
{
	(void)state;
	check_iommu_variant("qemu-amdvi", XVC_IOMMU_AMD, 0xfed80000);
}

/* The Bochs apic-demo takes Bochs pool memory, absent from QEMU's pool. */
static void test_shipped_layout(void **state)
{
	struct cfg_parts qemu, bochs;

	(void)state;
	cfg_load("apic-demo", &qemu);
	cfg_load("bochs-apic-demo", &bochs);
	assert_string_equal(qemu.cell.name, bochs.cell.name);
	assert_int_equal(qemu.memory[0].phys_start, 0x3c400000);
	assert_int_equal(bochs.memory[0].phys_start, 0x1c400000);
	cfg_load("qemu-svm", &qemu);
	assert_int_equal(qemu.sys.hypervisor_memory.phys_start, 0x3c000000);
	assert_int_equal(qemu.sys.hypervisor_memory.size, 4 << 20);
	assert_int_equal(qemu.sys.platform.pm_timer_port, 0x608);
	cfg_load("bochs-vmx", &bochs);
	assert_int_equal(bochs.sys.hypervisor_memory.phys_start, 0x1c000000);
	assert_int_equal(bochs.sys.platform.mmconfig_base, 0);
}

/* A device behind no IOMMU with a 64-bit BAR of @size in slots 0-1. */
static struct xvc_pci_device *add_pci_mem64(struct cfg_parts *parts,
					    uint8_t type, uint16_t bdf,
					    uint64_t size)
{
	struct xvc_pci_device *dev = &parts->pci[parts->num_pci++];

	memset(dev, 0, sizeof(*dev));
	dev->type = type;
	dev->iommu = XVC_PCI_NO_IOMMU;
	dev->bdf = bdf;
	dev->bar_kind[0] = XVC_PCI_BAR_MEM64;
	dev->bar_size[0] = size;
	dev->bar_kind[1] = XVC_PCI_BAR_MEM64_HIGH;
	return dev;
}

/*
 * Every PCI rule's edge that must still pass: a 64-bit BAR pair, the
 * largest sizes, MSI-X table and PBA ending exactly at their BAR's end,
 * 2048 entries, 32 MSI vectors, the last capability offset, a bridge with
 * its two BARs in the root, a device behind the platform's IOMMU.
 */
static void test_pci_edges_valid(void **state)
{
	struct xvc_pci_device *dev;
	struct cfg_parts parts;
	uint32_t n;

	(void)state;
	cfg_load("qemu-svm", &parts);
	dev = add_pci_mem64(&parts, XVC_PCI_TYPE_DEVICE, XVC_PCI_BDF(0, 0x0c, 0),
			    XVC_PHYS_ADDRESS_LIMIT);
	dev->bar_kind[2] = XVC_PCI_BAR_IO;
	dev->bar_size[2] = 256;
	dev->bar_kind[3] = XVC_PCI_BAR_MEM32;
	dev->bar_size[3] = 1ULL << 31;
	dev->bar_kind[4] = XVC_PCI_BAR_MEM64;
	dev->bar_size[4] = 0x10000;
	dev->bar_kind[5] = XVC_PCI_BAR_MEM64_HIGH;
	dev->msi_cap = 0xfc;
	dev->num_msi_vectors = XVC_PCI_MSI_MAX_VECTORS;
	dev->msix_cap = 0x40;
	dev->msix_table_entries = XVC_PCI_MSIX_MAX_ENTRIES;
	/* 32 KiB of table, then 256 bytes of PBA at the BAR's end */
	dev->msix_table_bar = 4;
	dev->msix_table_offset = 0x10000 - 0x8000 - 0x100;
	dev->msix_pba_bar = 4;
	dev->msix_pba_offset = 0x10000 - 0x100;
	expect_parts_clean(&parts);
	dev->msix_pba_offset += 8;
	/* after the root's own three (edu, e1000e, igb) */
	expect_parts_one(&parts, CELLCFG_E_PCI_MSIX_LOCATION,
			 "PCI device 3 (0000:00:0c.0) MSI-X PBA [0xff08-0x10007]");
	dev->msix_pba_offset -= 8;

	add_pci_mem64(&parts, XVC_PCI_TYPE_BRIDGE, XVC_PCI_BDF(0, 0x1e, 0), 16);
	expect_parts_clean(&parts);

	parts.sys.platform.num_iommus = 1;
	parts.sys.platform.iommus[0].type = XVC_IOMMU_AMD;
	parts.sys.platform.iommus[0].base = 0xfed80000;
	parts.sys.platform.iommus[0].size = 0x4000;
	for (n = 0; n < parts.num_pci; n++)
		parts.pci[n].iommu = 0;
	expect_parts_clean(&parts);
}

/* --- API corners -------------------------------------------------------- */

static void test_misaligned(void **state)
{
	static struct cfg_blob blob;
	struct cellcfg_view view;
	struct collected c = { 0 };

	(void)state;
	cfg_load_blob("qemu-svm", &blob);
	memmove(blob.u.bytes + 4, blob.u.bytes, blob.len);
	assert_int_equal(cellcfg_parse_system(blob.u.bytes + 4, blob.len,
					      &view, collect, &c), 1);
	assert_int_equal(c.issues[0].error, CELLCFG_E_MISALIGNED);
	assert_int_equal(view.usable, 0);
	assert_int_equal(cellcfg_parse_cell(NULL, 0, &view, NULL, NULL), 1);
}

static void test_null_callback_counts(void **state)
{
	static struct cfg_blob blob;
	struct cfg_parts parts;
	struct cellcfg_view view;

	(void)state;
	cfg_load("apic-demo", &parts);
	parts.cell.flags = 0x10;
	parts.memory[0].size = 0;
	cfg_build(&parts, &blob);
	assert_int_equal(cellcfg_parse_cell(blob.u.bytes, blob.len, &view,
					    NULL, NULL), 3);
	/* size 0 leaves the reset address unmapped: flags, size, reset */
	assert_int_equal(view.num_errors, 3);
	assert_int_equal(view.usable, 1);
}

static void test_all_errors_reported_not_first(void **state)
{
	static struct cfg_blob blob;
	static struct collected c;
	struct cfg_parts parts;
	struct cellcfg_view view;

	(void)state;
	cfg_load("qemu-svm", &parts);
	parts.memory[0].flags |= 0x200;
	parts.pio[1].length = 0;
	parts.msr[2].count = 0;
	cfg_build(&parts, &blob);
	memset(&c, 0, sizeof(c));
	cellcfg_parse_system(blob.u.bytes, blob.len, &view, collect, &c);
	assert_int_equal(c.count, 3);
	assert_true(find_issue(&c, CELLCFG_E_FLAGS, "memory region 0") >= 0);
	assert_true(find_issue(&c, CELLCFG_E_PIO_EMPTY, "range 1") >= 0);
	assert_true(find_issue(&c, CELLCFG_E_MSR_EMPTY, "range 2") >= 0);
}

static void test_rootshared_may_overlap(void **state)
{
	static struct cfg_blob blobs[3];
	static struct collected c;
	struct cfg_parts apic, tiny;

	(void)state;
	cfg_load("qemu-svm", &apic);
	cfg_build(&apic, &blobs[0]);
	cfg_load("apic-demo", &apic);
	cfg_load("tiny-demo", &tiny);
	/* one shared page, mapped above each cell's RAM */
	apic.memory[2] = (struct xvc_memory_region)XVC_REGION(0x3c700000,
		0x200000, 0x1000, XVC_MEM_READ | XVC_MEM_WRITE |
		XVC_MEM_ROOTSHARED);
	apic.num_memory = 3;
	tiny.memory[2] = apic.memory[2];
	tiny.num_memory = 3;
	cfg_build(&apic, &blobs[1]);
	cfg_build(&tiny, &blobs[2]);
	memset(&c, 0, sizeof(c));
	if (check_blobs(blobs, 3, &c)) {
		print_collected(&c);
		fail();
	}
	/* only one side shared: a conflict */
	tiny.memory[2].flags &= ~XVC_MEM_ROOTSHARED;
	cfg_build(&tiny, &blobs[2]);
	memset(&c, 0, sizeof(c));
	assert_int_equal(check_blobs(blobs, 3, &c), 1);
	assert_int_equal(c.issues[0].error, CELLCFG_E_MEM_CONFLICT);
	assert_int_equal(c.issues[0].config, 2);
	assert_int_equal(c.issues[0].other_config, 1);
	assert_int_equal(c.issues[0].other_index, 2);
}

/* The PM timer may be granted to several cells; its neighbours may not. */
static void test_pm_timer_shared(void **state)
{
	static struct cfg_blob blobs[3];
	static struct collected c;
	struct cfg_parts parts;

	(void)state;
	cfg_load_blob("qemu-svm", &blobs[0]);
	cfg_load_blob("apic-demo", &blobs[1]);
	cfg_load("tiny-demo", &parts);
	parts.pio[0] = (struct xvc_pio_range)XVC_PIO(0x608, 4);
	parts.num_pio = 1;
	cfg_build(&parts, &blobs[2]);
	memset(&c, 0, sizeof(c));
	if (check_blobs(blobs, 3, &c)) {
		print_collected(&c);
		fail();
	}
	/* overlapping at 0x608 only is fine: that is the PM timer */
	parts.pio[0] = (struct xvc_pio_range)XVC_PIO(0x604, 6);
	cfg_build(&parts, &blobs[2]);
	memset(&c, 0, sizeof(c));
	assert_int_equal(check_blobs(blobs, 3, &c), 0);
	/* sharing 0x604-0x607 as well is not */
	cfg_load("apic-demo", &parts);
	parts.pio[1] = (struct xvc_pio_range)XVC_PIO(0x604, 8);
	cfg_build(&parts, &blobs[1]);
	memset(&c, 0, sizeof(c));
	assert_int_equal(check_blobs(blobs, 3, &c), 1);
	assert_int_equal(c.issues[0].error, CELLCFG_E_PIO_CONFLICT);
	assert_non_null(strstr(c.text[0], "I/O port range 0 [0x604-0x609] "
			       "overlaps cell \"apic-demo\" port range 1"));
}

static void test_ram_across_adjacent_root_regions(void **state)
{
	static struct cfg_blob blobs[2];
	static struct collected c;
	struct cfg_parts parts;

	(void)state;
	cfg_load("qemu-svm", &parts);
	cfg_build(&parts, &blobs[0]);
	cfg_load("tiny-demo", &parts);
	/* the pool (root region 5) and the RAM after it (region 6) */
	parts.memory[0].phys_start = 0x3df00000;
	parts.memory[0].size = 0x200000;
	parts.memory[1].virt_start = 0x200000;
	cfg_build(&parts, &blobs[1]);
	memset(&c, 0, sizeof(c));
	if (check_blobs(blobs, 2, &c)) {
		print_collected(&c);
		fail();
	}
}

/* Up to the physical address limit is fine, one page past it is not. */
static void test_phys_limit_memory(void **state)
{
	const uint64_t limit = XVC_PHYS_ADDRESS_LIMIT;
	struct cfg_parts parts;
	struct xvc_memory_region *top;

	(void)state;
	cfg_load("qemu-svm", &parts);
	top = &parts.memory[parts.num_memory++];
	*top = (struct xvc_memory_region)XVC_REGION_1TO1(limit - 0x40000000,
		0x40000000, XVC_MEM_RAM);
	expect_parts_clean(&parts);
	top->size += XVC_PAGE_SIZE;
	expect_parts_one(&parts, CELLCFG_E_MEM_PHYS_RANGE,
			 "memory region 15: physical range from "
			 "0x3fffc0000000");

	cfg_load("qemu-svm", &parts);
	parts.sys.hypervisor_memory.phys_start = limit - 0x400000;
	expect_parts_clean(&parts);
	parts.sys.hypervisor_memory.size += XVC_PAGE_SIZE;
	expect_parts_one(&parts, CELLCFG_E_MEM_PHYS_RANGE,
			 "hypervisor memory: physical range from "
			 "0x3fffffc00000");
}

static void test_phys_limit_platform(void **state)
{
	const uint64_t limit = XVC_PHYS_ADDRESS_LIMIT;
	struct xvc_platform *plat;
	struct cfg_parts parts;
	uint32_t n;

	(void)state;
	cfg_load("qemu-svm", &parts);
	plat = &parts.sys.platform;
	/* 256 buses of 1 MiB end exactly at the limit */
	plat->mmconfig_base = limit - 0x10000000;
	expect_parts_clean(&parts);
	plat->mmconfig_base += 0x100000;
	expect_parts_one(&parts, CELLCFG_E_PHYS_LIMIT,
			 "MMCONFIG window [0x3ffff0100000-0x4000000fffff]");
	/* one bus fewer fits again */
	plat->mmconfig_end_bus = 0xfe;
	expect_parts_clean(&parts);

	cfg_load("qemu-svm", &parts);
	plat = &parts.sys.platform;
	plat->ioapics[0].address = limit - XVC_PAGE_SIZE;
	parts.irqchips[0].address = plat->ioapics[0].address;
	expect_parts_clean(&parts);
	plat->num_iommus = 1;
	/* the root's devices are behind the IOMMU now */
	for (n = 0; n < parts.num_pci; n++)
		parts.pci[n].iommu = 0;
	plat->iommus[0].type = XVC_IOMMU_INTEL;
	plat->iommus[0].base = limit - 0x2000;
	plat->iommus[0].size = 0x2000;
	expect_parts_clean(&parts);
	plat->iommus[0].size = 0x2001;
	expect_parts_one(&parts, CELLCFG_E_PHYS_LIMIT,
			 "IOMMU 0 [0x3fffffffe000-0x400000000000] passes");
}

/*
 * The hypervisor's MMIO console is reached through the direct map; a
 * cell's console address is guest-physical and only bound by paging.
 */
static void test_phys_limit_consoles(void **state)
{
	const uint64_t limit = XVC_PHYS_ADDRESS_LIMIT;
	struct xvc_console *con;
	struct cfg_parts parts;

	(void)state;
	cfg_load("qemu-svm", &parts);
	con = &parts.sys.debug_console;
	con->type = XVC_CON_UART_8250_MMIO;
	con->address = limit - 0x20;
	con->size = 0x20;
	expect_parts_clean(&parts);
	con->size = 0x21;
	expect_parts_one(&parts, CELLCFG_E_PHYS_LIMIT,
			 "debug console [0x3fffffffffe0-0x400000000000]");

	cfg_load("apic-demo", &parts);
	con = &parts.cell.console;
	*con = (struct xvc_console){ .type = XVC_CON_UART_8250_MMIO,
				     .address = 2 * limit, .size = 0x20 };
	parts.memory[parts.num_memory++] = (struct xvc_memory_region)
		XVC_REGION(0xfe000000, 2 * limit, XVC_PAGE_SIZE, XVC_MEM_MMIO);
	expect_parts_clean(&parts);
}

/* The window [0xfee00000, 0xfef00000) and nothing around it. */
static void test_apic_window_boundaries(void **state)
{
	struct xvc_memory_region *mem;
	struct cfg_parts parts;

	(void)state;
	cfg_load("apic-demo", &parts);
	mem = add_region(&parts, 0xfedff000, 0x1000, XVC_MEM_MMIO);
	expect_parts_clean(&parts);
	mem->phys_start = 0xfef00000;
	expect_parts_clean(&parts);
	mem->phys_start = 0xfedff000;
	mem->size = 0x2000;
	expect_parts_one(&parts, CELLCFG_E_MEM_APIC_WINDOW,
			 "memory region 2 [0xfedff000-0xfee00fff] covers");
	/* the hypervisor maps the comm page: its phys_start 0 is no address */
	parts.num_memory = 2;
	parts.memory[1].virt_start = 0xfee00000;
	expect_parts_clean(&parts);
}

/* Ports next to the reserved ones are fine; a wide range hits them all. */
static void test_reserved_port_boundaries(void **state)
{
	static const struct xvc_pio_range fine[] = {
		XVC_PIO(0xcf0, 8), XVC_PIO(0xd00, 0x100), XVC_PIO(0x60, 4),
		XVC_PIO(0x65, 0x92 - 0x65), XVC_PIO(0x93, 0x10),
	};
	struct cfg_parts parts;
	struct xvc_pio_range *pio;
	static struct collected c;
	unsigned int i;

	(void)state;
	cfg_load("apic-demo", &parts);
	pio = &parts.pio[parts.num_pio++];
	for (i = 0; i < sizeof(fine) / sizeof(fine[0]); i++) {
		*pio = fine[i];
		expect_parts_clean(&parts);
	}
	*pio = (struct xvc_pio_range)XVC_PIO(0xcf0, 9);
	expect_parts_one(&parts, CELLCFG_E_PIO_RESERVED,
			 "I/O port range 2 [0xcf0-0xcf8] includes ports "
			 "[0xcf8-0xcff]");
	*pio = (struct xvc_pio_range)XVC_PIO(0x0, 0x1000);
	assert_int_equal(parse_parts(&parts, &c), 3);
	for (i = 0; i < 3; i++)
		assert_int_equal(c.issues[i].error, CELLCFG_E_PIO_RESERVED);
	/* the root keeps them all: Linux needs PCI config and reboots */
	cfg_load("qemu-svm", &parts);
	assert_int_equal(parts.pio[1].start, 0x300);
	expect_parts_clean(&parts);
}

/* IOAPIC pages and the MMCONFIG window, exactly. */
static void test_kept_device_boundaries(void **state)
{
	struct xvc_memory_region *mem;
	struct cfg_parts sys, cell;

	(void)state;
	cfg_load("qemu-svm", &sys);
	cfg_load("apic-demo", &cell);
	mem = add_region(&cell, 0xfebff000, 0x1000, XVC_MEM_MMIO);
	expect_system_clean(&sys, &cell);
	mem->size = 0x2000;
	expect_system_one(&sys, &cell, CELLCFG_E_MEM_IOAPIC,
			  "memory region 2 [0xfebff000-0xfec00fff] covers the "
			  "IOAPIC at [0xfec00000-0xfec00fff]");
	/* the 256 buses of MMCONFIG end at 0xbfffffff */
	mem->phys_start = 0xaff00000;
	mem->size = 0x100000;
	expect_system_clean(&sys, &cell);
	mem->phys_start = 0xc0000000;
	expect_system_clean(&sys, &cell);
	mem->phys_start = 0xbff00000;
	expect_system_one(&sys, &cell, CELLCFG_E_MEM_MMCONFIG,
			  "[0xbff00000-0xbfffffff] covers the PCI MMCONFIG "
			  "window [0xb0000000-0xbfffffff]");
	/* with 16 buses, the window ends at 0xb0ffffff */
	sys.sys.platform.mmconfig_end_bus = 15;
	expect_system_clean(&sys, &cell);
	mem->phys_start = 0xb0f00000;
	expect_system_one(&sys, &cell, CELLCFG_E_MEM_MMCONFIG,
			  "window [0xb0000000-0xb0ffffff]");
	/* no MMCONFIG at all (the Bochs rig): config space is ports only */
	sys.sys.platform.mmconfig_base = 0;
	expect_system_clean(&sys, &cell);
}

/*
 * A debug console on MMIO, cut out of the root's PCI window: a cell may
 * have what lies next to it, and the console itself is reported once (not
 * also as outside the root, which is a consequence).
 */
static void test_debug_console_mmio(void **state)
{
	struct xvc_memory_region *mem;
	struct cfg_parts sys, cell;

	(void)state;
	cfg_load("qemu-svm", &sys);
	sys.sys.debug_console = (struct xvc_console){
		.type = XVC_CON_UART_8250_MMIO, .address = 0xfe000000,
		.size = 0x20 };
	assert_int_equal(sys.memory[8].phys_start, 0x40000000);
	sys.memory[8].size = 0xfe000000 - 0x40000000;
	sys.memory[sys.num_memory++] = (struct xvc_memory_region)
		XVC_REGION_1TO1(0xfe001000, 0xfec00000 - 0xfe001000,
				XVC_MEM_MMIO);
	cfg_load("apic-demo", &cell);
	mem = add_region(&cell, 0xfdfff000, 0x1000, XVC_MEM_MMIO);
	expect_system_clean(&sys, &cell);
	mem->phys_start = 0xfe001000;
	expect_system_clean(&sys, &cell);
	mem->phys_start = 0xfdfff000;
	mem->size = 0x2000;
	expect_system_one(&sys, &cell, CELLCFG_E_DEBUG_CONSOLE_IN_CELL,
			  "memory region 2 [0xfdfff000-0xfe000fff] gives the "
			  "cell the hypervisor's debug console "
			  "[0xfe000000-0xfe00001f]");
}

/* Ports: the root's ranges may be adjacent; the console is reported once. */
static void test_ports_from_root(void **state)
{
	struct cfg_parts sys, cell;

	(void)state;
	cfg_load("qemu-svm", &sys);
	cfg_load("apic-demo", &cell);
	/* split the root's ports in the middle of apic-demo's UART */
	sys.pio[1].length = 0x3ec - 0x300;
	sys.pio[sys.num_pio++] = (struct xvc_pio_range)
		XVC_PIO(0x3ec, XVC_PIO_PORTS - 0x3ec);
	expect_system_clean(&sys, &cell);
	/* the root lacks the first half */
	sys.pio[1].length = 0x3e8 - 0x300;
	expect_system_one(&sys, &cell, CELLCFG_E_PIO_OUTSIDE_ROOT,
			  "I/O port range 0 [0x3e8-0x3ef]: port 0x3e8 is not "
			  "granted to the root cell");
	/* partly the debug console, which the root lacks too: said once */
	cfg_load("qemu-svm", &sys);
	cell.pio[0] = (struct xvc_pio_range)XVC_PIO(0x2f0, 0x10);
	cell.cell.console = (struct xvc_console){ .type = XVC_CON_NONE };
	expect_system_one(&sys, &cell, CELLCFG_E_DEBUG_CONSOLE_IN_CELL,
			  "I/O port range 0 [0x2f0-0x2ff] gives the cell the "
			  "hypervisor's debug console [0x2f8-0x2ff]");
}

/* Guest addresses: up to 2^48, where four-level nested paging ends. */
static void test_guest_limit(void **state)
{
	struct cfg_parts parts;

	(void)state;
	cfg_load("apic-demo", &parts);
	parts.memory[1].virt_start = (1ULL << 48) - XVC_PAGE_SIZE;
	expect_parts_clean(&parts);
	parts.memory[1].virt_start += XVC_PAGE_SIZE;
	expect_parts_one(&parts, CELLCFG_E_MEM_VIRT_RANGE,
			 "memory region 1: guest range from 0x1000000000000");
}

static void test_wide_cpu_set(void **state)
{
	static struct cfg_blob blob;
	struct cfg_parts parts;
	struct cellcfg_view view;

	(void)state;
	cfg_load("qemu-svm", &parts);
	parts.cpu_words = 2;
	parts.cpus[1] = 1ULL << 3;
	cfg_build(&parts, &blob);
	assert_int_equal(cellcfg_parse_system(blob.u.bytes, blob.len, &view,
					      NULL, NULL), 0);
	assert_true(cellcfg_cell_has_cpu(&view.cell, 67));
	assert_true(cellcfg_cell_has_cpu(&view.cell, 3));
	assert_false(cellcfg_cell_has_cpu(&view.cell, 4));
	assert_false(cellcfg_cell_has_cpu(&view.cell, 1000));
}

static void test_unusable_system_skips_check(void **state)
{
	struct cellcfg_view view;

	(void)state;
	cellcfg_parse_system(NULL, 0, &view, NULL, NULL);
	assert_int_equal(cellcfg_check_system(&view, NULL, 0, NULL, NULL), 0);
	assert_int_equal(cellcfg_check_system(NULL, NULL, 0, NULL, NULL), 0);
}

static void test_format_truncates(void **state)
{
	struct cellcfg_issue issue = {
		.error = CELLCFG_E_MEM_CONFLICT,
		.object = CELLCFG_OBJ_MEMORY,
		.index = 2,
		.config = 1,
		.cell = "apic-demo",
		.start = 0x3f000000,
		.end = 0x3f0fffff,
		.has = CELLCFG_HAS_RANGE | CELLCFG_HAS_OTHER,
		.other_config = 2,
		.other_cell = "tiny-demo",
		.other_object = CELLCFG_OBJ_MEMORY,
		.other_index = 1,
	};
	const char *want = "memory region 2 [0x3f000000-0x3f0fffff] overlaps "
		"cell \"tiny-demo\" region 1";
	char buf[128], small[8];

	(void)state;
	assert_int_equal(cellcfg_format(&issue, buf, sizeof(buf)),
			 strlen(want));
	assert_string_equal(buf, want);
	assert_int_equal(cellcfg_format(&issue, small, sizeof(small)),
			 strlen(want));
	assert_string_equal(small, "memory ");
	assert_int_equal(cellcfg_format(&issue, NULL, 0), strlen(want));
	issue.error = CELLCFG_E_COUNT;
	cellcfg_format(&issue, buf, sizeof(buf));
	snprintf(small, sizeof(small), "%d", CELLCFG_E_COUNT);
	assert_non_null(strstr(buf, small));
	assert_non_null(strstr(buf, "unknown error"));
	assert_string_equal(cellcfg_error_id(CELLCFG_E_COUNT), "unknown");
}

/* Every code has an id and a template whose directives all exist. */
static void test_every_error_has_text(void **state)
{
	struct cellcfg_issue issue = { .cell = "x", .other_cell = "y" };
	char buf[256];
	int e, f;

	(void)state;
	for (e = 1; e < CELLCFG_E_COUNT; e++) {
		issue.error = e;
		assert_string_not_equal(cellcfg_error_id(e), "unknown");
		cellcfg_format(&issue, buf, sizeof(buf));
		if (strchr(buf, '%') || !strncmp(buf, "unknown", 7))
			fail_msg("error %d: \"%s\"", e, buf);
		for (f = 1; f < e; f++)
			if (!strcmp(cellcfg_error_id(e), cellcfg_error_id(f)))
				fail_msg("id %s repeated", cellcfg_error_id(e));
	}
}

/* Every error code is exercised by some defect (or a test above). */
static void test_defects_cover_all_errors(void **state)
{
	int e;
	unsigned int i, found;

	(void)state;
	for (e = 1; e < CELLCFG_E_COUNT; e++) {
		if (e == CELLCFG_E_MISALIGNED)
			continue;	/* test_misaligned */
		for (i = 0, found = 0; i < num_defects; i++)
			found |= defects[i].error == (enum cellcfg_error)e;
		if (!found)
			fail_msg("no defect for %s", cellcfg_error_id(e));
	}
}

/* --- main ------------------------------------------------------------- */

static const struct CMUnitTest fixed_tests[] = {
	cmocka_unit_test(test_qemu_apic_tiny),
	cmocka_unit_test(test_qemu_smp),
	cmocka_unit_test(test_qemu_apic_smp),
	cmocka_unit_test(test_bochs_apic),
	cmocka_unit_test(test_qemu_pci_demo),
	cmocka_unit_test(test_qemu_vtd_pci_demo),
	cmocka_unit_test(test_qemu_amdvi_pci_demo),
	cmocka_unit_test(test_pci_edges_valid),
	cmocka_unit_test(test_each_cell_alone),
	cmocka_unit_test(test_shipped_layout),
	cmocka_unit_test(test_misaligned),
	cmocka_unit_test(test_null_callback_counts),
	cmocka_unit_test(test_all_errors_reported_not_first),
	cmocka_unit_test(test_rootshared_may_overlap),
	cmocka_unit_test(test_pm_timer_shared),
	cmocka_unit_test(test_ram_across_adjacent_root_regions),
	cmocka_unit_test(test_phys_limit_memory),
	cmocka_unit_test(test_phys_limit_platform),
	cmocka_unit_test(test_phys_limit_consoles),
	cmocka_unit_test(test_apic_window_boundaries),
	cmocka_unit_test(test_reserved_port_boundaries),
	cmocka_unit_test(test_kept_device_boundaries),
	cmocka_unit_test(test_debug_console_mmio),
	cmocka_unit_test(test_ports_from_root),
	cmocka_unit_test(test_guest_limit),
	cmocka_unit_test(test_wide_cpu_set),
	cmocka_unit_test(test_unusable_system_skips_check),
	cmocka_unit_test(test_format_truncates),
	cmocka_unit_test(test_every_error_has_text),
	cmocka_unit_test(test_defects_cover_all_errors),
};

int main(void)
{
	size_t num_fixed = sizeof(fixed_tests) / sizeof(fixed_tests[0]);
	size_t total = num_fixed + num_defects, i;
	struct CMUnitTest *tests = calloc(total, sizeof(*tests));
	char (*names)[64] = calloc(num_defects, sizeof(*names));
	int failed;

	if (!tests || !names)
		return 2;
	memcpy(tests, fixed_tests, sizeof(fixed_tests));
	for (i = 0; i < num_defects; i++) {
		snprintf(names[i], sizeof(names[i]), "defect_%s",
			 defects[i].name);
		tests[num_fixed + i].name = names[i];
		tests[num_fixed + i].test_func = test_defect;
		tests[num_fixed + i].initial_state = (void *)&defects[i];
	}
	failed = _cmocka_run_group_tests("cellcfg", tests, total, NULL, NULL);
	/* read by tests/Makefile for the summary line */
	printf("COUNT %zu %d\n", total - failed, failed);
	free(tests);
	free(names);
	return failed ? 1 : 0;
}
