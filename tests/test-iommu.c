// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the DMA remapping policy (hypervisor/arch/x86/iommu.c),
 * built for the host with the real page-table builder (paging.c) and
 * stand-ins for the vendor mechanics (vtd.c, amd-vi.c) that record what
 * they are asked.
 * Checked: which regions a domain maps and with what rights (DMA-flagged
 * only, never a communication page or hypervisor memory), unmapping with
 * the flush before table pages are reused, devices moved into the domain
 * of their owner, the walk depth all units share, one vendor per system,
 * and the fault policy (a cell's device fails the cell, a root's device
 * is stopped, nothing is done without a pending fault).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/errno.h>
#include <xvc/hypercall.h>
#include <xvc/memory.h>
#include <xvc/pci.h>
#include <xvc/percpu.h>
#include <asm/iommu.h>
#include <xvcell/hypercall.h>

#define HV_BASE		0x3c000000ULL
#define HV_SIZE		0x00400000ULL
#define EDU		0x0050	/* 00:0a.0 */
#define NIC		0x0060	/* 00:0c.0 */

struct xvc_hv_header hv_header = { .phys_start = HV_BASE, .mem_size = HV_SIZE };
struct cell root_cell;
struct cellcfg_view system_config;
static struct xvc_system_desc system_desc;
static struct xvc_cell_desc cell_desc = { .name = "dma-test" };
static struct xvc_cell_desc root_desc = { .name = "root" };
static struct cell cell;

#include "fake-pool.h"

/* --- the VT-d stand-in ---------------------------------------------------- */

/* Second-level entries as VT-d has them: bit 0 read, 1 write, 7 large. */
static u64 fake_leaf(u64 pa, u64 flags, unsigned int level)
{
	return pa | 1 | ((flags & XVC_MEM_WRITE) ? 2 : 0) | (level > 1 ? 0x80 : 0);
}

static u64 fake_table(u64 pa, unsigned int level)
{
	(void)level;
	return pa | 3;
}

static bool fake_present(u64 e)
{
	return e & 1;
}

static u64 fake_rights(u64 e)
{
	return ((e & 1) ? XVC_MEM_READ : 0) | ((e & 2) ? XVC_MEM_WRITE : 0);
}

static const struct pt_format fake_format = {
	.leaf = fake_leaf, .table = fake_table, .present = fake_present,
	.rights = fake_rights, .attr_mask = 3, .leaf_mask = 0x80,
	.large_leaf = 0x80, .max_leaf_level = 1,
};

static struct iommu_caps unit_caps[XVC_MAX_IOMMUS];
static unsigned int walk_levels, assigned_domain_id;
/* Domain-selective flushes, and the id of the last one. */
static unsigned int domain_flushes, flushed_domain_id;
static struct page_table *assigned_map;
static bool assigned_remap;
/* Messages handed to the unit to deliver: last one, and how many. */
static unsigned int remapped, remapped_unit;
static u16 remapped_bdf;
static u32 remapped_data;
static int prepared_bdf = -1, assigned_bdf = -1;
static struct dma_fault faults[4];
static unsigned int num_faults, next_fault, lock_takes;

static int fake_probe(unsigned int unit, u64 base, u32 size, struct iommu_caps *caps)
{
	(void)base; (void)size;
	*caps = unit_caps[unit];
	return 0;
}

static void fake_set_walk_levels(unsigned int levels)
{
	walk_levels = levels;
}

static int fake_enable(unsigned int unit, const struct dma_domain *root)
{
	(void)unit; (void)root;
	return 0;
}

static void fake_disable(unsigned int unit)
{
	(void)unit;
}

static int fake_prepare_device(unsigned int unit, u16 bdf)
{
	(void)unit;
	prepared_bdf = bdf;
	return 0;
}

static int fake_assign_device(unsigned int unit, u16 bdf, const struct dma_domain *d)
{
	(void)unit;
	assigned_bdf = bdf;
	assigned_domain_id = d->id;
	assigned_map = d->map;
	assigned_remap = d->remap_interrupts;
	return 0;
}

static void fake_flush_domain(unsigned int unit, u16 id)
{
	(void)unit;
	domain_flushes++;
	flushed_domain_id = id;
}

static bool fake_fault_pending(unsigned int unit)
{
	(void)unit;
	return next_fault < num_faults;
}

static bool fake_next_fault(unsigned int unit, struct dma_fault *f)
{
	(void)unit;
	if (next_fault >= num_faults)
		return false;
	*f = faults[next_fault++];
	return true;
}

static bool fake_remaps(unsigned int unit, u16 bdf)
{
	(void)unit; (void)bdf;
	return true;
}

static void fake_remap_msi(unsigned int unit, const struct cell *c, u16 bdf,
			   int msix_entry, u64 address, u32 data, unsigned int vectors)
{
	(void)c; (void)msix_entry; (void)address; (void)vectors;
	remapped++;
	remapped_unit = unit;
	remapped_bdf = bdf;
	remapped_data = data;
}

/* Both vendors record alike; only the name tells them apart. */
#define FAKE_OPS(vendor) {						\
	.name = vendor, .format = &fake_format, .probe = fake_probe,	\
	.set_walk_levels = fake_set_walk_levels, .enable = fake_enable,	\
	.disable = fake_disable, .prepare_device = fake_prepare_device,	\
	.assign_device = fake_assign_device,				\
	.flush_domain = fake_flush_domain,				\
	.remaps = fake_remaps, .remap_msi = fake_remap_msi,		\
	.fault_pending = fake_fault_pending,				\
	.next_fault = fake_next_fault,					\
}
const struct iommu_ops vtd_ops = FAKE_OPS("VT-d");
const struct iommu_ops amdvi_ops = FAKE_OPS("AMD-Vi");

/* --- the rest of the hypervisor ------------------------------------------- */

static struct cell *owner_of_edu;
static int stopped_bdf;
static unsigned int cells_failed;

struct cell *pci_owner_of(u16 bdf)
{
	return bdf == EDU ? owner_of_edu : &root_cell;
}

void pci_stop_dma(u16 bdf)
{
	stopped_bdf = bdf;
}

void cell_failed(struct cell *c)
{
	c->state = XVC_CELL_FAILED;
	cells_failed++;
}

void control_lock_take(struct per_cpu *pc)
{
	(void)pc;
	lock_takes++;
}

void control_lock_release(void)
{
}

/* Four CPUs, x2APIC IDs 0, 1, 0x10, 0x11: the root has 0 and 0x10. */
#define NCPUS		4
static struct per_cpu cpus[NCPUS];
static const u32 apic_ids[NCPUS] = { 0, 1, 0x10, 0x11 };

struct per_cpu *per_cpu_of(unsigned int cpu_id)
{
	return cpu_id < NCPUS ? &cpus[cpu_id] : NULL;
}

static void place_cpus(void)
{
	unsigned int n;

	for (n = 0; n < NCPUS; n++) {
		memset(&cpus[n], 0, sizeof(cpus[n].bottom));
		cpus[n].cpu_id = n;
		cpus[n].apic_id = apic_ids[n];
		cpus[n].cell = (n % 2) ? &cell : &root_cell;
	}
}

/* --- the tests ---------------------------------------------------------------- */

static void use_units(unsigned int count, struct iommu_caps caps)
{
	unsigned int n;

	system_desc.platform.num_iommus = count;
	for (n = 0; n < count; n++) {
		system_desc.platform.iommus[n] = (struct xvc_iommu){
			.base = 0xfed90000 + n * 0x1000, .size = 0x1000,
			.type = XVC_IOMMU_INTEL,
		};
		unit_caps[n] = caps;
	}
}

static int setup(void **state)
{
	(void)state;
	pool_reset();
	memset(&system_desc, 0, sizeof(system_desc));
	memset(&cell, 0, sizeof(cell));
	memset(&root_cell, 0, sizeof(root_cell));
	system_config.system = &system_desc;
	root_cell.config.desc = &root_desc;
	cell.config.desc = &cell_desc;
	cell.id = 2;
	use_units(1, (struct iommu_caps){ .walk_levels = BIT(3) | BIT(4),
					  .max_leaf_level = 3, .domain_ids = 256 });
	assert_int_equal(iommu_probe(), 0);
	assert_int_equal(iommu_domain_create(&cell), 0);
	domain_flushes = flushed_domain_id = num_faults = next_fault = lock_takes = cells_failed = 0;
	prepared_bdf = assigned_bdf = stopped_bdf = -1;
	owner_of_edu = &cell;
	place_cpus();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	iommu_domain_destroy(&cell);
	assert_int_equal(pages_in_use(), 0);
	return 0;
}

static void expect_dma(u64 gpa, u64 phys, u64 rights)
{
	u64 got_phys, got_rights;

	assert_int_equal(pt_lookup(&cell.arch.dma_map, gpa, &got_phys, &got_rights), 0);
	assert_int_equal(got_phys, phys);
	assert_int_equal(got_rights, rights);
}

static void expect_no_dma(u64 gpa)
{
	u64 phys, rights;

	assert_int_equal(pt_lookup(&cell.arch.dma_map, gpa, &phys, &rights), -EFAULT);
}

#define RW	(XVC_MEM_READ | XVC_MEM_WRITE)

static void only_dma_regions_are_mapped(void **state)
{
	struct xvc_memory_region ram = { 0x3c800000, 0x0, 0x100000, XVC_MEM_RAM };
	struct xvc_memory_region ro = { 0x3c900000, 0x200000, 0x1000,
					XVC_MEM_READ | XVC_MEM_DMA };
	struct xvc_memory_region no_dma = { 0x3ca00000, 0x300000, 0x1000, RW };
	struct xvc_memory_region comm = { 0x3c001000, 0x400000, 0x1000,
					  RW | XVC_MEM_DMA | XVC_MEM_COMM_REGION };

	(void)state;
	assert_int_equal(iommu_map_region(&cell, &ram), 0);
	assert_int_equal(iommu_map_region(&cell, &ro), 0);
	assert_int_equal(iommu_map_region(&cell, &no_dma), 0);
	assert_int_equal(iommu_map_region(&cell, &comm), 0);
	/* At the guest-physical address; execute means nothing to a device. */
	expect_dma(0x1234, 0x3c801234, RW);
	expect_dma(0x200000, 0x3c900000, XVC_MEM_READ);
	expect_no_dma(0x300000);
	expect_no_dma(0x400000);
	expect_no_dma(0x100000);
}

static void hypervisor_memory_never_mapped(void **state)
{
	struct xvc_memory_region over = { HV_BASE + HV_SIZE - 0x1000, 0x0,
					  0x2000, XVC_MEM_RAM };
	struct xvc_memory_region inside = { HV_BASE, HV_BASE, 0x1000, XVC_MEM_RAM };

	(void)state;
	assert_int_equal(iommu_map_region(&cell, &over), -EINVAL);
	assert_int_equal(iommu_map_region(&cell, &inside), -EINVAL);
	expect_no_dma(0x0);
	expect_no_dma(HV_BASE);
}

/* What is unmapped is flushed from the units before its tables are reused. */
static void unmap_then_flush_then_release(void **state)
{
	struct xvc_memory_region big = { 0x40000000, 0x40000000, 0x40000000, XVC_MEM_RAM };
	struct xvc_memory_region page = { 0x40000000, 0x40000000, 0x1000, 0 };
	unsigned int used;

	(void)state;
	assert_int_equal(iommu_map_region(&cell, &big), 0);
	used = pages_in_use();
	/* Splitting the 1 GiB page takes two table pages... */
	assert_int_equal(iommu_unmap_region(&cell, &page), 0);
	expect_no_dma(0x40000000);
	expect_dma(0x40001000, 0x40001000, RW);
	assert_int_equal(pages_in_use(), used + 2);
	/* ... which folding back gives up, kept until the flush. */
	assert_int_equal(iommu_map_region(&cell, &(struct xvc_memory_region){
		0x40000000, 0x40000000, 0x1000, XVC_MEM_RAM }), 0);
	iommu_compact(&cell, 0x40000000, 0x40000000);
	assert_int_equal(pages_in_use(), used + 2);
	assert_int_equal(domain_flushes, 0);
	iommu_domain_changed(&cell);
	assert_int_equal(domain_flushes, 1);
	assert_int_equal(pages_in_use(), used);
}

/*
 * A domain's change flushes that domain only (cell 2 is domain 3): the
 * other domains' devices keep their translations.
 */
static void change_flushes_only_its_domain(void **state)
{
	(void)state;
	assert_int_equal(iommu_unmap_region(&cell, &(struct xvc_memory_region){
		0x40000000, 0x40000000, 0x1000, 0 }), 0);
	iommu_domain_changed(&cell);
	assert_int_equal(domain_flushes, 1);
	assert_int_equal(flushed_domain_id, 3);
}

/*
 * A message the cell may send goes to the unit of the function that sends
 * it; a function behind no unit, or not the cell's, changes nothing.
 */
static void accepted_message_goes_to_its_unit(void **state)
{
	const struct xvc_pci_device pci[] = {
		{ .bdf = EDU, .iommu = 0 },
		{ .bdf = NIC, .iommu = XVC_PCI_NO_IOMMU },
	};

	(void)state;
	cell.config.pci = pci;
	cell.config.num_pci = 2;
	remapped = 0;
	arch_msi_accepted(&cell, EDU, -1, 0xfee02000, 0x41, 1);
	assert_int_equal(remapped, 1);
	assert_int_equal(remapped_unit, 0);
	assert_int_equal(remapped_bdf, EDU);
	assert_int_equal(remapped_data, 0x41);
	arch_msi_accepted(&cell, NIC, -1, 0xfee02000, 0x42, 1);
	arch_msi_accepted(&cell, 0x0070, -1, 0xfee02000, 0x43, 1);
	assert_int_equal(remapped, 1);
	cell.config.num_pci = 0;
}

/* Every cell needs an id of its own, and id 0 stays unused. */
static void domain_ids_enough_for_every_cell(void **state)
{
	(void)state;
	unit_caps[0].domain_ids = MAX_CELLS;
	assert_int_equal(iommu_probe(), -EINVAL);
	unit_caps[0].domain_ids = MAX_CELLS + 1;
	assert_int_equal(iommu_probe(), 0);
}

static void device_goes_to_its_owners_domain(void **state)
{
	struct xvc_pci_device edu = { .bdf = EDU, .iommu = 0 };
	struct xvc_pci_device none = { .bdf = NIC, .iommu = XVC_PCI_NO_IOMMU };

	(void)state;
	assert_int_equal(arch_iommu_assign_device(&cell, &edu), 0);
	assert_int_equal(prepared_bdf, EDU);
	assert_int_equal(assigned_bdf, EDU);
	assert_int_equal(assigned_domain_id, 3);
	assert_ptr_equal(assigned_map, &cell.arch.dma_map);
	assert_true(assigned_remap);
	/* Back to the root: its functions' interrupts are not remapped. */
	assert_int_equal(arch_iommu_assign_device(&root_cell, &edu), 0);
	assert_int_equal(assigned_domain_id, 1);
	assert_false(assigned_remap);
	assigned_bdf = -1;
	assert_int_equal(arch_iommu_assign_device(&cell, &none), 0);
	assert_int_equal(assigned_bdf, -1);
}

static void walk_depth_all_units_share(void **state)
{
	(void)state;
	use_units(2, (struct iommu_caps){ .walk_levels = BIT(3) | BIT(4),
					  .max_leaf_level = 3, .domain_ids = 256 });
	unit_caps[1] = (struct iommu_caps){ .walk_levels = BIT(3), .max_leaf_level = 2,
					    .domain_ids = 256 };
	assert_int_equal(iommu_probe(), 0);
	assert_int_equal(walk_levels, 3);
	unit_caps[1].walk_levels = 0;
	assert_int_equal(iommu_probe(), -ENODEV);
}

/* The hypervisor maps the registers by page: nothing smaller or between. */
static void register_window_checked(void **state)
{
	(void)state;
	system_desc.platform.iommus[0].size = 0;
	assert_int_equal(iommu_probe(), -EINVAL);
	system_desc.platform.iommus[0].size = 0x1000;
	system_desc.platform.iommus[0].base += 0x800;
	assert_int_equal(iommu_probe(), -EINVAL);
}

/* Units of one vendor, either; the domains' tables have one format. */
static void one_vendor_per_system(void **state)
{
	(void)state;
	use_units(2, unit_caps[0]);
	system_desc.platform.iommus[0].type = XVC_IOMMU_AMD;
	system_desc.platform.iommus[1].type = XVC_IOMMU_AMD;
	assert_int_equal(iommu_probe(), 0);
	system_desc.platform.iommus[1].type = XVC_IOMMU_INTEL;
	assert_int_equal(iommu_probe(), -EINVAL);
	system_desc.platform.iommus[1].type = 7;
	assert_int_equal(iommu_probe(), -EINVAL);
}

static void queue_faults(const struct dma_fault *f, unsigned int count)
{
	memcpy(faults, f, count * sizeof(*f));
	num_faults = count;
	next_fault = 0;
}

static void cell_device_fault_fails_the_cell(void **state)
{
	const struct dma_fault f[] = {
		{ .bdf = EDU, .write = true, .address = 0x1000 },
		{ .bdf = EDU, .write = true, .address = 0x2000 },
	};

	(void)state;
	queue_faults(f, 2);
	iommu_poll_faults(NULL);
	assert_int_equal(next_fault, 2);
	assert_int_equal(cells_failed, 1);
	assert_int_equal(cell.state, XVC_CELL_FAILED);
	assert_int_equal(stopped_bdf, -1);
}

static void root_device_fault_stops_the_device(void **state)
{
	const struct dma_fault f = { .bdf = NIC, .address = 0x3c000000 };

	(void)state;
	queue_faults(&f, 1);
	iommu_poll_faults(NULL);
	assert_int_equal(stopped_bdf, NIC);
	assert_int_equal(cells_failed, 0);
	assert_int_equal(root_cell.state, 0);
}

/* A blocked message is not a DMA: the root's device keeps its bus mastering. */
static void root_interrupt_fault_leaves_the_device(void **state)
{
	const struct dma_fault f = { .bdf = NIC, .interrupt = true, .address = 7,
				     .reason = 0x22 };

	(void)state;
	queue_faults(&f, 1);
	iommu_poll_faults(NULL);
	assert_int_equal(next_fault, 1);
	assert_int_equal(stopped_bdf, -1);
	assert_int_equal(cells_failed, 0);
}

static void cell_interrupt_fault_fails_the_cell(void **state)
{
	const struct dma_fault f = { .bdf = EDU, .interrupt = true, .address = 3,
				     .reason = 0x26 };

	(void)state;
	queue_faults(&f, 1);
	iommu_poll_faults(NULL);
	assert_int_equal(cells_failed, 1);
	assert_int_equal(cell.state, XVC_CELL_FAILED);
	assert_int_equal(stopped_bdf, -1);
}

static void nothing_pending_takes_no_lock(void **state)
{
	(void)state;
	iommu_poll_faults(NULL);
	assert_int_equal(lock_takes, 0);
}

/* What Linux writes for the NIC's MSI-X vector: fixed, to x2APIC ID 0x10. */
static struct remapped_irq root_nic_irq(void)
{
	return (struct remapped_irq){
		.source_verified = true, .source_first = NIC, .source_last = NIC,
		.dest = 0x10, .x2apic = true, .delivery = 0, .vector = 0x41,
	};
}

static void root_irq_to_its_cpu_allowed(void **state)
{
	struct remapped_irq irq = root_nic_irq();

	(void)state;
	assert_null(iommu_root_irq_refusal(&irq));
	irq.delivery = 1;	/* lowest priority, Linux's other choice */
	assert_null(iommu_root_irq_refusal(&irq));
	/* Cluster 0, CPU bit 0: APIC ID 0 only. */
	irq.logical = true;
	irq.dest = 0x00000001;
	assert_null(iommu_root_irq_refusal(&irq));
}

static void root_irq_unverified_source_refused(void **state)
{
	struct remapped_irq irq = root_nic_irq();

	(void)state;
	irq.source_verified = false;
	assert_non_null(iommu_root_irq_refusal(&irq));
}

static void root_irq_naming_a_cells_function_refused(void **state)
{
	struct xvc_pci_device edu = { .bdf = EDU, .iommu = 0 };
	struct remapped_irq irq = root_nic_irq();

	(void)state;
	irq.source_first = irq.source_last = EDU;
	assert_null(iommu_root_irq_refusal(&irq));
	assert_int_equal(arch_iommu_assign_device(&cell, &edu), 0);
	assert_non_null(iommu_root_irq_refusal(&irq));
	/* A bus range (VT-d SVT 2) that holds the cell's function. */
	irq.source_first = 0x0000;
	irq.source_last = 0x00ff;
	assert_non_null(iommu_root_irq_refusal(&irq));
	assert_int_equal(arch_iommu_assign_device(&root_cell, &edu), 0);
	assert_null(iommu_root_irq_refusal(&irq));
}

static void root_irq_to_a_cells_cpu_refused(void **state)
{
	struct remapped_irq irq = root_nic_irq();

	(void)state;
	irq.dest = 0x11;
	assert_non_null(iommu_root_irq_refusal(&irq));
	/* Cluster 1, bits 0 and 1: APIC IDs 0x10 (root) and 0x11 (cell). */
	irq.logical = true;
	irq.dest = 0x00010003;
	assert_non_null(iommu_root_irq_refusal(&irq));
	irq.dest = 0xffffffff;
	irq.logical = false;
	assert_non_null(iommu_root_irq_refusal(&irq));
	/* xAPIC mode: 8-bit IDs, 0xff is everybody. */
	irq.x2apic = false;
	irq.dest = 0x01;
	assert_non_null(iommu_root_irq_refusal(&irq));
	irq.dest = 0xff;
	assert_non_null(iommu_root_irq_refusal(&irq));
	irq.dest = 0x00;
	assert_null(iommu_root_irq_refusal(&irq));
}

static void root_irq_must_be_an_interrupt(void **state)
{
	static const unsigned int modes[] = { 2, 4, 5, 6, 7 };	/* SMI NMI INIT SIPI ExtINT */
	struct remapped_irq irq = root_nic_irq();
	unsigned int n;

	(void)state;
	for (n = 0; n < sizeof(modes) / sizeof(modes[0]); n++) {
		irq.delivery = modes[n];
		assert_non_null(iommu_root_irq_refusal(&irq));
	}
	irq = root_nic_irq();
	irq.vector = 15;
	assert_non_null(iommu_root_irq_refusal(&irq));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(only_dma_regions_are_mapped, setup, teardown),
		cmocka_unit_test_setup_teardown(hypervisor_memory_never_mapped, setup, teardown),
		cmocka_unit_test_setup_teardown(unmap_then_flush_then_release, setup, teardown),
		cmocka_unit_test_setup_teardown(change_flushes_only_its_domain, setup, teardown),
		cmocka_unit_test_setup_teardown(domain_ids_enough_for_every_cell, setup, teardown),
		cmocka_unit_test_setup_teardown(device_goes_to_its_owners_domain, setup, teardown),
		cmocka_unit_test_setup_teardown(accepted_message_goes_to_its_unit, setup, teardown),
		cmocka_unit_test_setup_teardown(walk_depth_all_units_share, setup, teardown),
		cmocka_unit_test_setup_teardown(register_window_checked, setup, teardown),
		cmocka_unit_test_setup_teardown(one_vendor_per_system, setup, teardown),
		cmocka_unit_test_setup_teardown(cell_device_fault_fails_the_cell, setup, teardown),
		cmocka_unit_test_setup_teardown(root_device_fault_stops_the_device, setup, teardown),
		cmocka_unit_test_setup_teardown(nothing_pending_takes_no_lock, setup, teardown),
		cmocka_unit_test_setup_teardown(root_interrupt_fault_leaves_the_device, setup, teardown),
		cmocka_unit_test_setup_teardown(cell_interrupt_fault_fails_the_cell, setup, teardown),
		cmocka_unit_test_setup_teardown(root_irq_to_its_cpu_allowed, setup, teardown),
		cmocka_unit_test_setup_teardown(root_irq_unverified_source_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(root_irq_naming_a_cells_function_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(root_irq_to_a_cells_cpu_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(root_irq_must_be_an_interrupt, setup, teardown),
	};

	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	printf("COUNT %zu %d\n", sizeof(tests) / sizeof(tests[0]) - failed, failed);
	return failed ? 1 : 0;
}
