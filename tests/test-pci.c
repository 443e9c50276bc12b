// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of PCI config-space mediation (hypervisor/pci.c) with the MSI
 * rules (arch_msi_refusal, hypervisor/arch/x86/apic-route.c), over a
 * stand-in config space.  Each test checks the verdict and the config
 * space afterwards: a refused write must change nothing.
 *
 * The board: CPUs 0-1 (APIC IDs 0-1) in the root, CPU 2 (APIC ID 2) in
 * the cell.  Functions: 00:0a.0 (edu-like: BAR0 1 MiB memory, 64-bit MSI
 * at 0x40, INTx wired to GSI 22) and 00:0b.0 (BAR0+1 64-bit memory 16
 * KiB, BAR2 32 ports, INTx not wired), both the cell's; 00:1f.0 the root's, not listed.  The cell owns device
 * memory 0x40000000-0x400fffff and ports 0x1000-0x101f.  A third function
 * of the cell, 00:0d.0, has MSI-X: 4 entries at offset 0 of its BAR0
 * (16 KiB, which the root left at 0x40010000), over a stand-in device
 * memory behind the window.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/errno.h>
#include <xvc/mmio.h>
#include <xvc/pci.h>
#include <xvc/pci-msix.h>
#include <xvc/percpu.h>

#define EDU		XVC_PCI_BDF(0, 0x0a, 0)
#define DEV64		XVC_PCI_BDF(0, 0x0b, 0)
#define LPC		XVC_PCI_BDF(0, 0x1f, 0)
#define NIC		XVC_PCI_BDF(0, 0x0d, 0)
#define WINDOW		0x40000000U
#define NIC_BAR		(WINDOW + 0x10000)
#define MSIX_CAP	0x70

/* --- stand-ins for the rest of the hypervisor ------------------------------ */

struct cell root_cell;
static struct cell cell;
struct cellcfg_view system_config;
static struct xvc_system_desc system_desc;
static struct xvc_cell_desc root_desc = { .name = "root" };
static struct xvc_cell_desc cell_desc = { .name = "pci-cell" };
static struct per_cpu cpus[3];
static char last_violation[256];
static unsigned int violations;

struct per_cpu *per_cpu_of(unsigned int cpu_id)
{
	return cpu_id < 3 ? &cpus[cpu_id] : NULL;
}

enum exit_action violation(struct per_cpu *pc, const char *fmt, ...)
{
	va_list ap;

	(void)pc;
	va_start(ap, fmt);
	vsnprintf(last_violation, sizeof(last_violation), fmt, ap);
	va_end(ap);
	violations++;
	return EXIT_VIOLATION;
}

void printk(const char *fmt, ...)
{
	(void)fmt;
}

const char *errno_name(int err)
{
	(void)err;
	return "error";
}

/* The last claim of guest-physical space, as pci-msix.c made it. */
static struct mmio_region claimed;
static unsigned int claims;

int mmio_register(struct cell *c, u64 start, u64 size, u64 phys, u64 direct,
		  mmio_handler handler, void *arg)
{
	(void)c;
	claimed = (struct mmio_region){ start, size, phys, direct, handler, arg };
	claims++;
	return 0;
}

/* Device memory behind the cell's window. */
static u8 devmem[0x100000];

static u8 *devmem_at(u64 phys, unsigned int size)
{
	if (phys < WINDOW || phys + size > WINDOW + sizeof(devmem))
		fail_msg("device access at 0x%llx outside the window",
			 (unsigned long long)phys);
	return devmem + (phys - WINDOW);
}

u64 mmio_device_read(u64 phys, unsigned int size)
{
	u64 v = 0;

	memcpy(&v, devmem_at(phys, size), size);
	return v;
}

void mmio_device_write(u64 phys, unsigned int size, u64 value)
{
	memcpy(devmem_at(phys, size), &value, size);
}

static u32 table_dword(unsigned int entry, unsigned int dword)
{
	return mmio_device_read(NIC_BAR + 16 * entry + 4 * dword, 4);
}

static void table_dword_set(unsigned int entry, unsigned int dword, u32 value)
{
	mmio_device_write(NIC_BAR + 16 * entry + 4 * dword, 4, value);
}

int mmio_reapply(struct cell *c, u64 start, u64 size)
{
	(void)c; (void)start; (void)size;
	return 0;
}

const struct mmio_region *mmio_find(const struct cell *c, u64 gpa)
{
	(void)c; (void)gpa;
	return NULL;
}

int arch_gpa_lookup(const struct cell *c, u64 gpa, u64 *phys, u64 *flags)
{
	(void)c; (void)gpa; (void)phys; (void)flags;
	return -1;
}

int arch_unmap_memory_region(struct cell *c, const struct xvc_memory_region *mem)
{
	(void)c; (void)mem;
	return 0;
}

/* The one interrupt line the cell owns, unless a test takes it away. */
static u32 cell_line = 22;
static unsigned int line_queries;

bool arch_irq_line_owned(const struct cell *c, u32 gsi)
{
	line_queries++;
	return c == &cell && gsi == cell_line;
}

/* The DMA domain each function was put in last, and whether it was quiet. */
static const struct cell *dma_domain[0x100];
static bool moved_while_mastering;

int arch_iommu_assign_device(struct cell *c, const struct xvc_pci_device *dev)
{
	if (arch_pci_read(dev->bdf, 0x04, 2) & 0x4)
		moved_while_mastering = true;
	dma_domain[dev->bdf & 0xff] = c;
	return 0;
}

bool cell_pio_allowed(const struct cell *c, u16 port, unsigned int size)
{
	const struct xvc_pio_range *r;
	unsigned int n;

	for (n = 0; n < c->config.num_pio; n++) {
		r = &c->config.pio[n];
		if (port >= r->start && port + size <= r->start + r->length)
			return true;
	}
	return false;
}

/* The last message accepted for remapping, and how many were. */
static struct {
	u16 bdf;
	u64 address;
	u32 data;
	unsigned int vectors, count, entry;
} accepted;

/* The cell's XVC_CELL_ABSENT_UNGRANTED, as each test sets it. */
static bool absent_ungranted;

bool cell_has_absent_ungranted(const struct cell *c)
{
	return c != &root_cell && absent_ungranted;
}

/*
 * Does the stand-in unit remap the cell's messages: MSI-X entry by entry
 * in the data (AMD-Vi), or by a remappable address (VT-d: the MSI's
 * handle 0x80, an MSI-X entry's its number)?
 */
static bool remap_by_entry, remap_address;

bool arch_msi_remapped(const struct cell *c, u16 bdf)
{
	assert_ptr_equal(c, &cell);
	return remap_by_entry || remap_address;
}

void arch_msi_device_message(const struct cell *c, u16 bdf, int msix_entry,
			     u64 *address, u32 *data)
{
	assert_ptr_equal(c, &cell);
	if (remap_by_entry && msix_entry >= 0)
		*data = msix_entry;
	if (remap_address) {
		*address = 0xfee00018 | (msix_entry < 0 ? 0x80 : msix_entry) << 5;
		*data = 0;
	}
}

void arch_msi_accepted(const struct cell *c, u16 bdf, int msix_entry,
		       u64 address, u32 data, unsigned int vectors)
{
	assert_ptr_equal(c, &cell);
	accepted.bdf = bdf;
	accepted.address = address;
	accepted.data = data;
	accepted.vectors = vectors;
	accepted.count++;
	if (msix_entry >= 0)
		accepted.entry = msix_entry;
}

/* Functions the hypervisor drives (an AMD-Vi unit's), as the arch says. */
static u16 reserved_fns[2];
static unsigned int num_reserved_fns;

unsigned int arch_pci_reserved_functions(u16 *bdfs, unsigned int max)
{
	unsigned int n;

	for (n = 0; n < num_reserved_fns && n < max; n++)
		bdfs[n] = reserved_fns[n % ARRAY_SIZE(reserved_fns)];
	return num_reserved_fns;
}

/* --- the stand-in config space ---------------------------------------------- */

static u8 space[4][PCI_CONFIG_SIZE];
static unsigned int raw_writes;

static u8 *config_of(u16 bdf)
{
	return bdf == EDU ? space[0] : bdf == DEV64 ? space[1] :
		bdf == LPC ? space[2] : bdf == NIC ? space[3] : NULL;
}

u32 arch_pci_read(u16 bdf, unsigned int reg, unsigned int size)
{
	u8 *c = config_of(bdf);
	u32 v = 0;

	if (!c)
		return ~0U;
	memcpy(&v, c + reg, size);
	return v;
}

void arch_pci_write(u16 bdf, unsigned int reg, unsigned int size, u32 value)
{
	u8 *c = config_of(bdf);

	raw_writes++;
	if (c)
		memcpy(c + reg, &value, size);
}

static u32 cfg(u16 bdf, unsigned int reg, unsigned int size)
{
	return arch_pci_read(bdf, reg, size);
}

/* --- the configs ---------------------------------------------------------------- */

static const struct xvc_pci_device devices[] = {
	{
		.type = XVC_PCI_TYPE_DEVICE, .iommu = XVC_PCI_NO_IOMMU, .bdf = EDU,
		.bar_kind = { XVC_PCI_BAR_MEM32 }, .bar_size = { 0x100000 },
		.msi_cap = 0x40, .num_msi_vectors = 1,
		.intx = XVC_PCI_INTX_GSI, .intx_gsi = 22,
	},
	{
		.type = XVC_PCI_TYPE_DEVICE, .iommu = XVC_PCI_NO_IOMMU, .bdf = DEV64,
		.bar_kind = { XVC_PCI_BAR_MEM64, XVC_PCI_BAR_MEM64_HIGH, XVC_PCI_BAR_IO },
		.bar_size = { 0x4000, 0, 0x20 },
	},
	{
		.type = XVC_PCI_TYPE_DEVICE, .iommu = XVC_PCI_NO_IOMMU, .bdf = NIC,
		.bar_kind = { XVC_PCI_BAR_MEM32 }, .bar_size = { 0x4000 },
		.msix_cap = MSIX_CAP, .msix_table_entries = 4,
		.msix_table_bar = 0, .msix_table_offset = 0,
		.msix_pba_bar = 0, .msix_pba_offset = 0x2000,
	},
};

static const struct xvc_memory_region cell_memory[] = {
	XVC_REGION_1TO1(0x3c900000, 0x100000, XVC_MEM_RAM),
	XVC_REGION_1TO1(WINDOW, 0x100000, XVC_MEM_MMIO),
};

static const struct xvc_pio_range cell_pio[] = { XVC_PIO(0x1000, 0x20) };

static void reset_space(void)
{
	memset(space, 0, sizeof(space));
	/* edu: IDs, MSI capability, 64-bit, one vector */
	memcpy(space[0], "\x34\x12\xe8\x11", 4);
	space[0][0x34] = 0x40;
	space[0][0x40] = 0x05;
	space[0][0x42] = 0x80;
	memcpy(space[0] + 0x30, "\x01\x00\xbc\xfe", 4);	/* ROM on at 0xfebc0000 */
	memcpy(space[1], "\x86\x80\xd3\x10", 4);
	space[1][0x10] = 0x04;	/* 64-bit memory BAR */
	space[1][0x18] = 0x01;	/* I/O BAR */
	/* and a PCI Express capability at 0x60 */
	space[1][0x06] = 0x10;
	space[1][0x34] = 0x60;
	space[1][0x60] = 0x10;
	memcpy(space[2], "\x86\x80\x18\x29", 4);
	/* The NIC as the root's driver left it: decoding, MSI-X enabled. */
	memcpy(space[3], "\x86\x80\xd3\x10", 4);
	space[3][0x04] = 0x06;
	memcpy(space[3] + 0x10, "\x00\x00\x01\x40", 4);
	space[3][0x34] = MSIX_CAP;
	space[3][MSIX_CAP] = 0x11;
	space[3][MSIX_CAP + 2] = 3;	/* 4 entries */
	space[3][MSIX_CAP + 3] = 0x80;	/* enabled */
	space[3][MSIX_CAP + 8] = 0x00;	/* PBA at 0x2000 of BAR0 */
	space[3][MSIX_CAP + 9] = 0x20;
	memset(devmem, 0, sizeof(devmem));
	/* Entry 0: the root's message for its CPU 0, unmasked. */
	mmio_device_write(NIC_BAR, 4, 0xfee00000);
	mmio_device_write(NIC_BAR + 8, 4, 0x41);
	claims = 0;
}

static int setup(void **state)
{
	unsigned int n;

	(void)state;
	msix_release(NIC);	/* what the previous test's cell left */
	reset_space();
	num_reserved_fns = 0;
	memset(&accepted, 0, sizeof(accepted));
	memset(&cell, 0, sizeof(cell));
	memset(&root_cell, 0, sizeof(root_cell));
	root_cell.config.desc = &root_desc;
	root_cell.config.num_pci = 3;
	root_cell.config.pci = devices;
	cell.config.desc = &cell_desc;
	cell.config.num_pci = 3;
	cell.config.pci = devices;
	cell.config.num_memory = 2;
	cell.config.memory = cell_memory;
	cell.config.num_pio = 1;
	cell.config.pio = cell_pio;
	system_config.system = &system_desc;
	for (n = 0; n < 3; n++) {
		memset(&cpus[n], 0, sizeof(cpus[n].bottom));
		cpus[n].cpu_id = n;
		cpus[n].apic_id = n;
		cpus[n].cell = n < 2 ? &root_cell : &cell;
		cpus[n].arch.guest_dfr = 0xffffffff;
		cpus[n].arch.guest_ldr = (1U << n) << 24;
	}
	assert_int_equal(pci_init(&root_cell), 0);
	assert_int_equal(pci_cell_take_devices(&cell), 0);
	violations = 0;
	raw_writes = 0;
	last_violation[0] = 0;
	cell_line = 22;
	line_queries = 0;
	absent_ungranted = false;
	remap_by_entry = remap_address = false;
	return 0;
}

static enum exit_action cell_write(u16 bdf, unsigned int reg, unsigned int size,
				   u32 value)
{
	return pci_config_access(&cpus[2], bdf, reg, size, true, &value);
}

static u32 read_as(unsigned int cpu, u16 bdf, unsigned int reg, unsigned int size)
{
	u32 value = 0x5a5a5a5a;

	assert_int_equal(pci_config_access(&cpus[cpu], bdf, reg, size, false, &value),
			 EXIT_RESUME);
	return value;
}

static void expect_refused(enum exit_action action, const char *text)
{
	assert_int_equal(action, EXIT_VIOLATION);
	if (!strstr(last_violation, text))
		fail_msg("violation '%s' does not say '%s'", last_violation, text);
}

/* --- tests ------------------------------------------------------------------------ */

static void reads_see_only_own_functions(void **state)
{
	(void)state;
	assert_int_equal(read_as(2, EDU, 0, 4), 0x11e81234);
	assert_int_equal(read_as(2, LPC, 0, 4), 0xffffffff);
	assert_int_equal(read_as(2, LPC, 0, 2), 0xffff);
	/* The root: its own (unlisted) function, not the cell's. */
	assert_int_equal(read_as(0, LPC, 0, 4), 0x29188086);
	assert_int_equal(read_as(0, EDU, 0, 4), 0xffffffff);
	assert_int_equal(violations, 0);
}

static void foreign_write_is_a_violation(void **state)
{
	(void)state;
	expect_refused(cell_write(LPC, 0x04, 2, 0x7), "of PCI 00:1f.0, which the cell does not own");
	assert_int_equal(cfg(LPC, 0x04, 2), 0);
	assert_int_equal(raw_writes, 0);
}

static void root_write_to_cell_function_is_dropped(void **state)
{
	u32 value = 0x6;

	(void)state;
	assert_int_equal(pci_config_access(&cpus[0], EDU, 0x04, 2, true, &value),
			 EXIT_RESUME);
	/* As the take left it: quiesced, INTx off. */
	assert_int_equal(cfg(EDU, 0x04, 2), 0x400);
	assert_int_equal(raw_writes, 0);
	/* Its own function: carried out. */
	assert_int_equal(pci_config_access(&cpus[0], LPC, 0x04, 2, true, &value),
			 EXIT_RESUME);
	assert_int_equal(cfg(LPC, 0x04, 2), 6);
}

static void bar_inside_window_then_decode(void **state)
{
	(void)state;
	assert_int_equal(cell_write(EDU, 0x10, 4, WINDOW), EXIT_RESUME);
	assert_int_equal(cell_write(EDU, 0x04, 2, 0x6), EXIT_RESUME);
	assert_int_equal(cfg(EDU, 0x10, 4), WINDOW);
	assert_int_equal(cfg(EDU, 0x04, 2), 0x6);
	/* Command and status in one dword write. */
	assert_int_equal(cell_write(EDU, 0x04, 4, 0xffff0006), EXIT_RESUME);
	assert_int_equal(violations, 0);
}

static void bar_moved_out_while_decoding(void **state)
{
	(void)state;
	assert_int_equal(cell_write(EDU, 0x10, 4, WINDOW), EXIT_RESUME);
	assert_int_equal(cell_write(EDU, 0x04, 2, 0x2), EXIT_RESUME);
	expect_refused(cell_write(EDU, 0x10, 4, 0x100000),
		       "BAR0 would decode memory 0x100000+0x100000");
	assert_int_equal(cfg(EDU, 0x10, 4), WINDOW);
	/* Sizing while decoding would decode at 0xfff00000. */
	expect_refused(cell_write(EDU, 0x10, 4, 0xffffffff), "BAR0 would decode");
	/* Half inside, half outside. */
	expect_refused(cell_write(EDU, 0x10, 4, WINDOW + 0x80000), "BAR0");
	assert_int_equal(cfg(EDU, 0x10, 4), WINDOW);
}

static void decode_turned_on_over_foreign_memory(void **state)
{
	(void)state;
	/* Decode off: a BAR may hold anything, sizing included. */
	assert_int_equal(cell_write(EDU, 0x10, 4, 0xffffffff), EXIT_RESUME);
	assert_int_equal(cell_write(EDU, 0x10, 4, 0x3c000000), EXIT_RESUME);
	expect_refused(cell_write(EDU, 0x04, 2, 0x2), "BAR0 would decode memory 0x3c000000");
	assert_int_equal(cfg(EDU, 0x04, 2), 0x400);
	/* I/O decode alone leaves a memory BAR dark. */
	assert_int_equal(cell_write(EDU, 0x04, 2, 0x1), EXIT_RESUME);
}

static void bar_64bit_high_half(void **state)
{
	(void)state;
	assert_int_equal(cell_write(DEV64, 0x10, 4, WINDOW | 4), EXIT_RESUME);
	assert_int_equal(cell_write(DEV64, 0x14, 4, 0), EXIT_RESUME);
	assert_int_equal(cell_write(DEV64, 0x18, 4, 0x1001), EXIT_RESUME);
	assert_int_equal(cell_write(DEV64, 0x04, 2, 0x403), EXIT_RESUME);
	expect_refused(cell_write(DEV64, 0x14, 4, 1), "BAR0 would decode memory 0x140000000");
	assert_int_equal(cfg(DEV64, 0x14, 4), 0);
	/* I/O BAR beyond the cell's 32 ports. */
	expect_refused(cell_write(DEV64, 0x18, 4, 0x1011), "BAR2 would decode ports 0x1010+0x20");
	expect_refused(cell_write(DEV64, 0x10, 2, 0), "2-byte write to BAR0");
}

static void intx_only_on_the_cells_pin(void **state)
{
	(void)state;
	/* Not wired in the config: INTx stays off, whatever else is written. */
	expect_refused(cell_write(DEV64, 0x04, 2, 0x0),
		       "PCI 00:0b.0: command 0x0 turns INTx on, and the root's config does not say which pin it drives");
	expect_refused(cell_write(DEV64, 0x05, 1, 0x0), "command 0x0 turns INTx on");
	assert_int_equal(cfg(DEV64, 0x04, 2), 0x400);
	/* Wired to GSI 22, which is the cell's: allowed, and asked. */
	assert_int_equal(cell_write(EDU, 0x04, 2, 0x0), EXIT_RESUME);
	assert_int_equal(cfg(EDU, 0x04, 2), 0);
	assert_int_equal(line_queries, 1);
	assert_int_equal(cell_write(EDU, 0x04, 2, 0x400), EXIT_RESUME);
	/* The same, once the pin is not the cell's. */
	cell_line = 23;
	expect_refused(cell_write(EDU, 0x04, 4, 0xffff0000),
		       "PCI 00:0a.0: command 0x0 turns INTx on, and its pin (GSI 22) is not the cell's");
	assert_int_equal(cfg(EDU, 0x04, 2), 0x400);
	assert_int_equal(raw_writes, 2);
}

static void registers_outside_the_list(void **state)
{
	(void)state;
	expect_refused(cell_write(EDU, 0x30, 4, 0x40000001),
		       "write 0x40000001 at 0x30 turns its expansion ROM on, which cells may not");
	/* Cache line and latency pass; BIST in the same dword does not. */
	assert_int_equal(cell_write(EDU, 0x0c, 2, 0x4010), EXIT_RESUME);
	expect_refused(cell_write(EDU, 0x0c, 4, 0x40004010),
		       "write 0x40004010 to config register 0xf, which cells may not write (4-byte write at 0xc)");
	assert_int_equal(cfg(EDU, 0x0c, 2), 0x4010);
	/* Identification written back as read is a no-op; changed, refused. */
	space[0][0x3d] = 1;
	assert_int_equal(cell_write(EDU, 0x3c, 4, 0x0000010a), EXIT_RESUME);
	assert_int_equal(cfg(EDU, 0x3c, 1), 0xa);
	expect_refused(cell_write(EDU, 0x3c, 2, 0x020b), "changes read-only register 0x3d");
	assert_int_equal(cfg(EDU, 0x3c, 2), 0x010a);
	expect_refused(cell_write(EDU, 0x00, 4, 0x11e81235), "changes read-only register 0x0");
	expect_refused(cell_write(EDU, 0x04, 2, 0x8), "command 0x8 changes bits");
	expect_refused(cell_write(EDU, 0x05, 2, 0x0), "misaligned 2-byte");
	assert_int_equal(cell_write(EDU, 0x3c, 1, 0xb), EXIT_RESUME);
}

/* The expansion ROM: sized and placed while off, never turned on. */
static void expansion_rom_stays_off(void **state)
{
	(void)state;
	/* The root left it on: the take turned it off, its address kept. */
	assert_int_equal(cfg(EDU, 0x30, 4), 0xfebc0000);
	assert_int_equal(cell_write(EDU, 0x30, 4, 0xfffff800), EXIT_RESUME);
	assert_int_equal(cfg(EDU, 0x30, 4), 0xfffff800);
	assert_int_equal(cell_write(EDU, 0x30, 4, 0x40000000), EXIT_RESUME);
	expect_refused(cell_write(EDU, 0x30, 1, 0x01), "turns its expansion ROM on");
	assert_int_equal(cfg(EDU, 0x30, 4), 0x40000000);
	/* Were it on, only turning it off would be allowed. */
	space[0][0x30] = 0x01;
	expect_refused(cell_write(EDU, 0x31, 1, 0x10), "turns its expansion ROM on");
	assert_int_equal(cell_write(EDU, 0x30, 4, 0x40000000), EXIT_RESUME);
	assert_int_equal(violations, 2);
}

/* PCI Express device control (found at take): not phantom functions or FLR. */
static void pcie_device_control(void **state)
{
	(void)state;
	assert_int_equal(cell_write(DEV64, 0x68, 2, 0x0100), EXIT_RESUME);	/* ext tags */
	assert_int_equal(cell_write(DEV64, 0x68, 2, 0x5130), EXIT_RESUME);	/* MRRS, MPS, RO */
	assert_int_equal(cfg(DEV64, 0x68, 2), 0x5130);
	expect_refused(cell_write(DEV64, 0x68, 2, 0xd130), "sets phantom functions or a function level reset");
	expect_refused(cell_write(DEV64, 0x69, 1, 0x53), "sets phantom functions or a function level reset");
	assert_int_equal(cfg(DEV64, 0x68, 2), 0x5130);
	/* The edu has no such capability: the same offset is not on the list. */
	expect_refused(cell_write(EDU, 0x68, 2, 0x0100), "which cells may not write (2-byte write at 0x68)");
	assert_int_equal(violations, 3);
}

/* A register off the list written with the value it has: nothing happens. */
static void unchanged_write_is_not_carried_out(void **state)
{
	(void)state;
	space[0][0x80] = 0x5a;
	assert_int_equal(cell_write(EDU, 0x80, 1, 0x5a), EXIT_RESUME);
	assert_int_equal(cell_write(EDU, 0x0f, 1, 0x00), EXIT_RESUME);	/* BIST as it is */
	assert_int_equal(raw_writes, 0);
	expect_refused(cell_write(EDU, 0x80, 1, 0x5b), "config register 0x80, which cells may not write");
	assert_int_equal(cfg(EDU, 0x80, 1), 0x5a);
}

/*
 * A cell with XVC_CELL_ABSENT_UNGRANTED: a function it does not own is
 * absent (writes dropped), and an INTx whose pin it does not own stays
 * off when the cell turns it on.
 */
static void absent_ungranted_functions_and_intx(void **state)
{
	(void)state;
	absent_ungranted = true;
	assert_int_equal(cell_write(LPC, 0x04, 2, 0x7), EXIT_RESUME);
	assert_int_equal(cfg(LPC, 0x04, 2), 0);
	assert_int_equal(read_as(2, LPC, 0, 4), 0xffffffff);
	/* Not wired: carried out with INTx disable kept, 2 bytes or 1. */
	assert_int_equal(cell_write(DEV64, 0x04, 2, 0x0100), EXIT_RESUME);	/* SERR */
	assert_int_equal(cfg(DEV64, 0x04, 2), 0x0500);
	assert_int_equal(cell_write(DEV64, 0x05, 1, 0x00), EXIT_RESUME);
	assert_int_equal(cfg(DEV64, 0x04, 2), 0x0400);
	assert_int_equal(cell_write(DEV64, 0x04, 1, 0x40), EXIT_RESUME);	/* parity */
	assert_int_equal(cfg(DEV64, 0x04, 2), 0x0440);
	/* Wired to the cell's pin: INTx really goes on. */
	assert_int_equal(cell_write(EDU, 0x04, 2, 0x0), EXIT_RESUME);
	assert_int_equal(cfg(EDU, 0x04, 2), 0);
	/* Wired to a pin that is not the cell's: kept off. */
	cell_line = 23;
	assert_int_equal(cell_write(EDU, 0x04, 2, 0x0), EXIT_RESUME);
	assert_int_equal(cfg(EDU, 0x04, 2), 0x400);
	assert_int_equal(violations, 0);
}

static void program_msi(u32 address, u16 data)
{
	assert_int_equal(cell_write(EDU, 0x44, 4, address), EXIT_RESUME);
	assert_int_equal(cell_write(EDU, 0x48, 4, 0), EXIT_RESUME);
	assert_int_equal(cell_write(EDU, 0x4c, 2, data), EXIT_RESUME);
}

static void msi_to_own_cpu(void **state)
{
	(void)state;
	program_msi(0xfee02000, 0x41);
	/* Disabled, nothing is accepted for remapping yet. */
	assert_int_equal(accepted.count, 0);
	assert_int_equal(cell_write(EDU, 0x42, 2, 0x81), EXIT_RESUME);
	assert_int_equal(cfg(EDU, 0x42, 2), 0x81);
	assert_int_equal(accepted.count, 1);
	assert_int_equal(accepted.bdf, EDU);
	assert_int_equal(accepted.address, 0xfee02000);
	assert_int_equal(accepted.data, 0x41);
	assert_int_equal(accepted.vectors, 1);
	/* While enabled, the message may change within the rules. */
	assert_int_equal(cell_write(EDU, 0x4c, 2, 0x142), EXIT_RESUME);
	assert_int_equal(accepted.count, 2);
	assert_int_equal(accepted.data, 0x142);
	expect_refused(cell_write(EDU, 0x44, 4, 0xfee00000), "destination outside the cell");
	assert_int_equal(cfg(EDU, 0x44, 4), 0xfee02000);
	/* A refused message is never accepted. */
	assert_int_equal(accepted.count, 2);
}

static void msi_refusals(void **state)
{
	static const struct {
		u32 address;
		u16 data;
		const char *why;
	} bad[] = {
		{ 0xfee00000, 0x41, "destination outside the cell" },
		{ 0xfee0f00c, 0x41, "destination outside the cell" },	/* logical, all */
		{ 0xfee02000, 0x441, "delivery mode" },	/* NMI */
		{ 0xfee02000, 0x241, "delivery mode" },	/* SMI */
		{ 0xfee02000, 0x541, "delivery mode" },	/* INIT */
		{ 0xfee02000, 0x02, "vector below 32" },
		{ 0xfee02018, 0x41, "remappable format" },
		{ 0x3c900000, 0x41, "not an interrupt message" },
	};
	unsigned int n;

	(void)state;
	for (n = 0; n < sizeof(bad) / sizeof(bad[0]); n++) {
		program_msi(bad[n].address, bad[n].data);
		expect_refused(cell_write(EDU, 0x42, 2, 0x81), bad[n].why);
		assert_int_equal(cfg(EDU, 0x42, 2) & 1, 0);
	}
	/* A message address above 4 GiB is not an interrupt either. */
	program_msi(0xfee02000, 0x41);
	assert_int_equal(cell_write(EDU, 0x48, 4, 1), EXIT_RESUME);
	expect_refused(cell_write(EDU, 0x42, 2, 0x81), "not an interrupt message");
	/* The control register's read-only bits stay as they are. */
	assert_int_equal(cell_write(EDU, 0x48, 4, 0), EXIT_RESUME);
	expect_refused(cell_write(EDU, 0x42, 2, 0x01), "changes read-only bits");
}

static void hand_over_quiesces_and_restores(void **state)
{
	(void)state;
	pci_cell_return_devices(&cell);
	/* The root programs the function, then a cell takes it. */
	memcpy(space[0] + 0x10, "\x00\x00\xa0\xfe", 4);
	space[0][0x04] = 0x07;
	space[0][0x42] = 0x81;
	moved_while_mastering = false;
	assert_int_equal(pci_cell_take_devices(&cell), 0);
	assert_ptr_equal(dma_domain[EDU & 0xff], &cell);
	assert_int_equal(cfg(EDU, 0x04, 2), 0x400);
	assert_int_equal(cfg(EDU, 0x42, 2) & 1, 0);
	/* The cell moves it and decodes... */
	assert_int_equal(cell_write(EDU, 0x10, 4, WINDOW), EXIT_RESUME);
	assert_int_equal(cell_write(EDU, 0x04, 2, 0x6), EXIT_RESUME);
	program_msi(0xfee02000, 0x41);
	assert_int_equal(cell_write(EDU, 0x42, 2, 0x81), EXIT_RESUME);
	/* ... and gives it back: the root's BAR, decode on, no bus master,
	 * no MSI, INTx off. */
	pci_cell_return_devices(&cell);
	assert_ptr_equal(dma_domain[EDU & 0xff], &root_cell);
	assert_false(moved_while_mastering);
	assert_int_equal(cfg(EDU, 0x10, 4), 0xfea00000);
	assert_int_equal(cfg(EDU, 0x04, 2), 0x403);
	assert_int_equal(cfg(EDU, 0x42, 2) & 1, 0);
	assert_int_equal(read_as(0, EDU, 0, 4), 0x11e81234);
	assert_int_equal(read_as(2, EDU, 0, 4), 0xffffffff);
}

static void take_refuses_absent_or_owned(void **state)
{
	static struct cell other;
	static struct xvc_cell_desc other_desc = { .name = "other" };

	(void)state;
	other.config.desc = &other_desc;
	other.config.num_pci = 1;
	other.config.pci = devices;
	assert_int_equal(pci_cell_take_devices(&other), -EBUSY);
	pci_cell_return_devices(&cell);
	space[0][0] = space[0][1] = 0xff;
	assert_int_equal(pci_cell_take_devices(&other), -ENODEV);
	/* Nothing of it stays with the cell that was refused. */
	space[0][0] = 0x34;
	space[0][1] = 0x12;
	assert_int_equal(read_as(0, EDU, 0, 2), 0x1234);
	/*
	 * A cell whose second function is absent: the first, which it could
	 * have taken, keeps what the root programmed (no quiesce).
	 */
	pci_cell_return_devices(&cell);
	space[0][0x04] = 0x07;
	space[0][0x05] = 0;
	space[1][0] = space[1][1] = 0xff;
	assert_int_equal(pci_cell_take_devices(&cell), -ENODEV);
	assert_int_equal(cfg(EDU, 0x04, 2), 0x07);
	assert_int_equal(read_as(0, EDU, 0, 2), 0x1234);
}

/*
 * A function the hypervisor drives (an IOMMU's) is no guest's: the root
 * reads it as absent and its writes are dropped, a cell's write is a
 * violation, and no cell may take it even where the root lists it.
 */
static void reserved_function_is_nobodys(void **state)
{
	u32 value = 0x6;

	(void)state;
	pci_cell_return_devices(&cell);
	reserved_fns[0] = LPC;
	reserved_fns[1] = DEV64;
	num_reserved_fns = 2;
	assert_int_equal(pci_init(&root_cell), 0);
	raw_writes = 0;
	assert_int_equal(read_as(0, LPC, 0, 4), 0xffffffff);
	assert_int_equal(pci_config_access(&cpus[0], LPC, 0x04, 2, true, &value),
			 EXIT_RESUME);
	assert_int_equal(raw_writes, 0);
	expect_refused(cell_write(LPC, 0x04, 2, 0x7), "of PCI 00:1f.0, which the cell does not own");
	assert_int_equal(cfg(LPC, 0x04, 2), 0);
	assert_int_equal(pci_cell_take_devices(&cell), -EBUSY);
	assert_int_equal(read_as(0, EDU, 0, 2), 0x1234);
	num_reserved_fns = XVC_MAX_IOMMUS + 1;
	assert_int_equal(pci_init(&root_cell), -E2BIG);
}

/* A write by the cell's CPU into its NIC's MSI-X table pages. */
static enum exit_action table_write(unsigned int offset, unsigned int size, u64 value)
{
	struct mmio_access a = {
		.gpa = claimed.start + (NIC_BAR - claimed.phys) + offset,
		.size = size, .write = true, .value = value,
	};

	return claimed.handler(&cpus[2], &a, claimed.arg);
}

static void msix_take_masks_and_claims(void **state)
{
	(void)state;
	/* The root's entry is masked, MSI-X off with the function masked. */
	assert_int_equal(table_dword(0, 3), 1);
	assert_int_equal(table_dword(0, 0), 0xfee00000);
	assert_int_equal(cfg(NIC, MSIX_CAP + 2, 2), 0x4003);
	/* Its page is claimed, read directly, written through the checks. */
	assert_int_equal(claims, 1);
	assert_int_equal(claimed.start, NIC_BAR);
	assert_int_equal(claimed.phys, NIC_BAR);
	assert_int_equal(claimed.size, 0x1000);
	assert_int_equal(claimed.direct, XVC_MEM_READ);
}

static void msix_entry_rules(void **state)
{
	(void)state;
	/* Masked, an entry may hold anything; unmasking it is checked. */
	assert_int_equal(table_write(0, 8, 0xfee00000), EXIT_RESUME);
	assert_int_equal(table_write(8, 4, 0x441), EXIT_RESUME);
	expect_refused(table_write(12, 4, 0), "MSI-X entry 0 address 0xfee00000 data 0x441 refused: delivery mode");
	assert_int_equal(table_dword(0, 3), 1);
	assert_int_equal(accepted.count, 0);
	/* A message for the cell's own CPU: unmasked. */
	assert_int_equal(table_write(0, 4, 0xfee02000), EXIT_RESUME);
	assert_int_equal(table_write(8, 8, 0x41), EXIT_RESUME);
	assert_int_equal(table_dword(0, 3), 0);
	assert_int_equal(table_dword(0, 2), 0x41);
	assert_int_equal(accepted.count, 1);
	assert_int_equal(accepted.bdf, NIC);
	assert_int_equal(accepted.address, 0xfee02000);
	assert_int_equal(accepted.data, 0x41);
	/* Rewritten while unmasked: each dword is checked with the rest. */
	expect_refused(table_write(8, 4, 0x241), "delivery mode");
	expect_refused(table_write(4, 4, 1), "not an interrupt message");
	expect_refused(table_write(0, 8, 0xfee00000), "destination outside the cell");
	assert_int_equal(table_dword(0, 0), 0xfee02000);
	assert_int_equal(table_dword(0, 1), 0);
	assert_int_equal(table_dword(0, 2), 0x41);
	/* Entry 3, the last: its vector is checked too. */
	assert_int_equal(table_write(48, 8, 0xfee02000), EXIT_RESUME);
	expect_refused(table_write(56, 8, 0x02), "MSI-X entry 3 address 0xfee02000 data 0x2 refused: vector below 32");
	/* Only whole, aligned dwords and qwords. */
	expect_refused(table_write(8, 2, 0x41), "2-byte write at MSI-X table offset 0x8");
	expect_refused(table_write(4, 8, 0), "8-byte write at MSI-X table offset 0x4");
	expect_refused(table_write(13, 1, 0), "1-byte write at MSI-X table offset 0xd");
	/* The rest of the page is the device's own: written as is. */
	assert_int_equal(table_write(0x40, 2, 0xbeef), EXIT_RESUME);
	assert_int_equal(mmio_device_read(NIC_BAR + 0x40, 2), 0xbeef);
	assert_int_equal(violations, 8);
}

/*
 * Remapped entry by entry (AMD-Vi): the device holds each entry's number
 * as its data, the checks and the remapping see the cell's data, and an
 * entry unmasked after its data was written gets the number then too.
 */
static void msix_remapped_by_entry(void **state)
{
	(void)state;
	remap_by_entry = true;
	assert_int_equal(table_write(16, 8, 0xfee02000), EXIT_RESUME);
	assert_int_equal(table_write(24, 8, 0x22), EXIT_RESUME);	/* data, unmasked */
	assert_int_equal(table_dword(1, 2), 1);
	assert_int_equal(table_dword(1, 3), 0);
	assert_int_equal(accepted.entry, 1);
	assert_int_equal(accepted.data, 0x22);
	/* Entry 2: the same vector; data written masked, then unmasked. */
	assert_int_equal(table_write(32, 8, 0xfee02000), EXIT_RESUME);
	assert_int_equal(table_write(40, 4, 0x22), EXIT_RESUME);
	/* Masked, it may hold the cell's data: it sends nothing. */
	assert_int_equal(table_dword(2, 2), 0x22);
	assert_int_equal(accepted.count, 1);
	table_dword_set(2, 2, 0x99);		/* the device lost it */
	assert_int_equal(table_write(44, 4, 0), EXIT_RESUME);
	assert_int_equal(table_dword(2, 2), 2);
	assert_int_equal(accepted.entry, 2);
	assert_int_equal(accepted.data, 0x22);
	/* A rewrite is checked against the cell's data, not the number. */
	expect_refused(table_write(40, 4, 0x02), "data 0x2 refused: vector below 32");
	assert_int_equal(table_write(36, 4, 0), EXIT_RESUME);
	assert_int_equal(accepted.data, 0x22);
	assert_int_equal(table_dword(2, 2), 2);
}

/*
 * VT-d: an unmasked entry holds the remappable address that names its
 * entry, and the cell's message stays what rewrites are checked against.
 */
static void msix_remapped_by_address(void **state)
{
	(void)state;
	remap_address = true;
	assert_int_equal(table_write(16, 8, 0xfee02000), EXIT_RESUME);
	assert_int_equal(table_dword(1, 0), 0xfee02000);	/* masked */
	assert_int_equal(table_write(24, 8, 0x22), EXIT_RESUME);	/* data, unmasked */
	assert_int_equal(table_dword(1, 0), 0xfee00018 | 1 << 5);
	assert_int_equal(table_dword(1, 1), 0);
	assert_int_equal(table_dword(1, 2), 0);
	assert_int_equal(accepted.address, 0xfee02000);
	/* A new vector only: checked with the cell's address, not the device's. */
	assert_int_equal(table_write(24, 4, 0x23), EXIT_RESUME);
	assert_int_equal(accepted.address, 0xfee02000);
	assert_int_equal(accepted.data, 0x23);
	assert_int_equal(table_dword(1, 0), 0xfee00018 | 1 << 5);
	expect_refused(table_write(16, 4, 0xfee00000), "destination outside the cell");
}

/* The same for MSI: the device holds the remapped message only while on. */
static void msi_remapped_by_address(void **state)
{
	(void)state;
	remap_address = true;
	program_msi(0xfee02000, 0x41);
	assert_int_equal(cfg(EDU, 0x44, 4), 0xfee02000);
	assert_int_equal(cell_write(EDU, 0x42, 2, 0x81), EXIT_RESUME);
	assert_int_equal(cfg(EDU, 0x44, 4), 0xfee00018 | 0x80 << 5);
	assert_int_equal(cfg(EDU, 0x4c, 2), 0);
	assert_int_equal(cell_write(EDU, 0x4c, 2, 0x142), EXIT_RESUME);
	assert_int_equal(accepted.address, 0xfee02000);
	assert_int_equal(accepted.data, 0x142);
	assert_int_equal(cfg(EDU, 0x44, 4), 0xfee00018 | 0x80 << 5);
	assert_int_equal(cell_write(EDU, 0x42, 2, 0x80), EXIT_RESUME);
	assert_int_equal(cfg(EDU, 0x44, 4), 0xfee02000);
	assert_int_equal(cfg(EDU, 0x4c, 2), 0x142);
}

static void msix_capability_and_bar(void **state)
{
	(void)state;
	/* Enable and function mask are the cell's; the table size is not. */
	assert_int_equal(cell_write(NIC, MSIX_CAP + 2, 2, 0x8003), EXIT_RESUME);
	assert_int_equal(cfg(NIC, MSIX_CAP + 2, 2), 0x8003);
	expect_refused(cell_write(NIC, MSIX_CAP + 2, 2, 0x8007), "MSI-X control write 0x8007 at 0x72 changes read-only bits");
	/* Table and PBA locations: written back unchanged, or refused. */
	assert_int_equal(cell_write(NIC, MSIX_CAP + 8, 4, 0x2000), EXIT_RESUME);
	expect_refused(cell_write(NIC, MSIX_CAP + 4, 4, 0x1000), "changes read-only register 0x75");
	/* The table's BAR decodes where the root left it, and only there. */
	assert_int_equal(cell_write(NIC, 0x04, 2, 0x402), EXIT_RESUME);
	expect_refused(cell_write(NIC, 0x10, 4, WINDOW + 0x20000),
		       "BAR0 would decode memory at 0x40020000: it holds the MSI-X table, which stays at 0x40010000");
	assert_int_equal(cfg(NIC, 0x10, 4), NIC_BAR);
	/* Moved while dark, then turned on: refused as well. */
	assert_int_equal(cell_write(NIC, 0x04, 2, 0x400), EXIT_RESUME);
	assert_int_equal(cell_write(NIC, 0x10, 4, WINDOW + 0x20000), EXIT_RESUME);
	expect_refused(cell_write(NIC, 0x04, 2, 0x402), "holds the MSI-X table");
}

static void msix_give_back_and_refusal(void **state)
{
	static struct cell other;
	static struct xvc_cell_desc other_desc = { .name = "other" };
	static const struct xvc_memory_region ram_only[] = {
		XVC_REGION_1TO1(0x3c900000, 0x100000, XVC_MEM_RAM),
	};

	(void)state;
	assert_int_equal(table_write(0, 8, 0xfee02000), EXIT_RESUME);
	assert_int_equal(table_write(8, 8, 0x41), EXIT_RESUME);
	pci_cell_return_devices(&cell);
	/* Back with the root: masked, MSI-X off, the BAR where it was. */
	assert_int_equal(table_dword(0, 3), 1);
	assert_int_equal(cfg(NIC, MSIX_CAP + 2, 2) & 0x8000, 0);
	assert_int_equal(cfg(NIC, 0x10, 4), NIC_BAR);
	/* A cell without the table in its device memory is refused. */
	other.config.desc = &other_desc;
	other.config.num_pci = 1;
	other.config.pci = &devices[2];
	other.config.num_memory = 1;
	other.config.memory = ram_only;
	space[3][0x04] = 0x06;
	mmio_device_write(NIC_BAR + 12, 4, 0);
	raw_writes = 0;
	assert_int_equal(pci_cell_take_devices(&other), -EINVAL);
	assert_int_equal(raw_writes, 0);
	assert_int_equal(table_dword(0, 3), 0);
	assert_int_equal(read_as(0, NIC, 0, 4), 0x10d38086);
	/* The slot came free: the cell takes it again. */
	assert_int_equal(pci_cell_take_devices(&cell), 0);
	assert_int_equal(table_dword(0, 3), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(reads_see_only_own_functions, setup),
		cmocka_unit_test_setup(foreign_write_is_a_violation, setup),
		cmocka_unit_test_setup(root_write_to_cell_function_is_dropped, setup),
		cmocka_unit_test_setup(bar_inside_window_then_decode, setup),
		cmocka_unit_test_setup(bar_moved_out_while_decoding, setup),
		cmocka_unit_test_setup(decode_turned_on_over_foreign_memory, setup),
		cmocka_unit_test_setup(bar_64bit_high_half, setup),
		cmocka_unit_test_setup(intx_only_on_the_cells_pin, setup),
		cmocka_unit_test_setup(registers_outside_the_list, setup),
		cmocka_unit_test_setup(msi_to_own_cpu, setup),
		cmocka_unit_test_setup(msi_refusals, setup),
		cmocka_unit_test_setup(hand_over_quiesces_and_restores, setup),
		cmocka_unit_test_setup(take_refuses_absent_or_owned, setup),
		cmocka_unit_test_setup(reserved_function_is_nobodys, setup),
		cmocka_unit_test_setup(msix_take_masks_and_claims, setup),
		cmocka_unit_test_setup(msix_entry_rules, setup),
		cmocka_unit_test_setup(msix_capability_and_bar, setup),
		cmocka_unit_test_setup(msix_remapped_by_entry, setup),
		cmocka_unit_test_setup(msix_remapped_by_address, setup),
		cmocka_unit_test_setup(msi_remapped_by_address, setup),
		cmocka_unit_test_setup(expansion_rom_stays_off, setup),
		cmocka_unit_test_setup(pcie_device_control, setup),
		cmocka_unit_test_setup(unchanged_write_is_not_carried_out, setup),
		cmocka_unit_test_setup(absent_ungranted_functions_and_intx, setup),
		cmocka_unit_test_setup(msix_give_back_and_refusal, setup),
	};
	int failed = cmocka_run_group_tests_name("pci", tests, NULL, NULL);

	printf("COUNT %zu %d\n", sizeof(tests) / sizeof(tests[0]) - failed, failed);
	return failed != 0;
}
