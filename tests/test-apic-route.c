// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the interrupt destination logic
 * (hypervisor/arch/x86/apic-route.c) over a table of stand-in CPUs: which
 * CPUs an IPI reaches (physical, flat and cluster logical, x2APIC cluster,
 * shorthands, broadcast), which delivery modes a cell may use, and which
 * CPU outside a cell an IPI or an IOAPIC/MSI destination would reach.
 *
 * The board: CPUs 0-3 with APIC IDs 0-3 in the root, CPUs 4 and 5 with
 * APIC IDs 0x10 and 0x11 in a cell; Linux's flat logical IDs (1 << cpu).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <xvc/cell.h>
#include <xvc/percpu.h>
#include <asm/apic-route.h>

#define NCPUS		6

struct cell root_cell;
static struct cell cell;
static struct per_cpu cpus[NCPUS];

struct per_cpu *per_cpu_of(unsigned int cpu_id)
{
	return cpu_id < NCPUS ? &cpus[cpu_id] : NULL;
}

static const u32 apic_ids[NCPUS] = { 0, 1, 2, 3, 0x10, 0x11 };

static int setup(void **state)
{
	unsigned int n;

	(void)state;
	for (n = 0; n < NCPUS; n++) {
		memset(&cpus[n], 0, sizeof(cpus[n].bottom));
		cpus[n].cpu_id = n;
		cpus[n].apic_id = apic_ids[n];
		cpus[n].cell = n < 4 ? &root_cell : &cell;
		cpus[n].arch.guest_ldr = (1U << n) << 24;
		cpus[n].arch.guest_dfr = 0xffffffff;
	}
	return 0;
}

static struct ipi ipi(u32 mode, u32 shorthand, bool logical, u32 dest, bool x2apic)
{
	return (struct ipi){
		.icr_low = (mode << APIC_ICR_DLVR_SHIFT) | APIC_ICR_ASSERT |
			(shorthand << APIC_ICR_SHORTHAND_SHIFT) |
			(logical ? APIC_ICR_LOGICAL : 0) | 0x40,
		.dest = dest,
		.x2apic = x2apic,
	};
}

static void physical_destination(void **state)
{
	struct ipi i = ipi(APIC_DLVR_FIXED, APIC_SHORTHAND_NONE, false, 2, false);

	(void)state;
	assert_true(ipi_reaches(&i, &cpus[0], &cpus[2]));
	assert_false(ipi_reaches(&i, &cpus[0], &cpus[3]));
	i.dest = XAPIC_BROADCAST;
	assert_true(ipi_reaches(&i, &cpus[0], &cpus[5]));
	/* 0xff is an ordinary ID in x2APIC mode; all ones is broadcast. */
	i.x2apic = true;
	assert_false(ipi_reaches(&i, &cpus[0], &cpus[5]));
	i.dest = X2APIC_BROADCAST;
	assert_true(ipi_reaches(&i, &cpus[0], &cpus[5]));
}

static void flat_logical_destination(void **state)
{
	struct ipi i = ipi(APIC_DLVR_FIXED, APIC_SHORTHAND_NONE, true, 0x0a, false);

	(void)state;
	assert_false(ipi_reaches(&i, &cpus[0], &cpus[0]));
	assert_true(ipi_reaches(&i, &cpus[0], &cpus[1]));
	assert_true(ipi_reaches(&i, &cpus[0], &cpus[3]));
	assert_false(ipi_reaches(&i, &cpus[0], &cpus[4]));
}

static void cluster_logical_destination(void **state)
{
	struct ipi i = ipi(APIC_DLVR_FIXED, APIC_SHORTHAND_NONE, true, 0x12, false);

	(void)state;
	/* CPU 2 in cluster 1, member 2; CPU 3 in cluster 2. */
	cpus[2].arch.guest_dfr = 0x0fffffff;
	cpus[2].arch.guest_ldr = 0x12 << 24;
	cpus[3].arch.guest_dfr = 0x0fffffff;
	cpus[3].arch.guest_ldr = 0x22 << 24;
	assert_true(ipi_reaches(&i, &cpus[0], &cpus[2]));
	assert_false(ipi_reaches(&i, &cpus[0], &cpus[3]));
}

static void x2apic_cluster_destination(void **state)
{
	/* Cluster 1, member bit 1: APIC ID 0x11, not 0x10 nor 1. */
	struct ipi i = ipi(APIC_DLVR_FIXED, APIC_SHORTHAND_NONE, true,
			   0x00010002, true);

	(void)state;
	assert_true(ipi_reaches(&i, &cpus[4], &cpus[5]));
	assert_false(ipi_reaches(&i, &cpus[4], &cpus[4]));
	assert_false(ipi_reaches(&i, &cpus[4], &cpus[1]));
}

static void shorthands(void **state)
{
	struct ipi self = ipi(APIC_DLVR_FIXED, APIC_SHORTHAND_SELF, false, 0, false);
	struct ipi all = ipi(APIC_DLVR_FIXED, APIC_SHORTHAND_ALL, false, 0, false);
	struct ipi others = ipi(APIC_DLVR_FIXED, APIC_SHORTHAND_OTHERS, false, 0, false);

	(void)state;
	assert_true(ipi_reaches(&self, &cpus[4], &cpus[4]));
	assert_false(ipi_reaches(&self, &cpus[4], &cpus[5]));
	assert_true(ipi_reaches(&all, &cpus[4], &cpus[4]));
	assert_true(ipi_reaches(&all, &cpus[4], &cpus[0]));
	assert_false(ipi_reaches(&others, &cpus[4], &cpus[4]));
	assert_true(ipi_reaches(&others, &cpus[4], &cpus[0]));
}

static void broadcasts(void **state)
{
	struct ipi all = ipi(APIC_DLVR_NMI, APIC_SHORTHAND_ALL, false, 0, false);
	struct ipi others = ipi(APIC_DLVR_FIXED, APIC_SHORTHAND_OTHERS, false, 0, false);
	struct ipi self = ipi(APIC_DLVR_FIXED, APIC_SHORTHAND_SELF, false, 0, false);
	struct ipi dest = ipi(APIC_DLVR_FIXED, APIC_SHORTHAND_NONE, false, 0xff, false);
	struct ipi dest_x2 = ipi(APIC_DLVR_FIXED, APIC_SHORTHAND_NONE, false,
				 0xffffffff, true);
	struct ipi one = ipi(APIC_DLVR_FIXED, APIC_SHORTHAND_NONE, false, 2, false);
	struct ipi logical = ipi(APIC_DLVR_FIXED, APIC_SHORTHAND_NONE, true, 0xff, false);

	(void)state;
	assert_true(ipi_is_broadcast(&all));
	assert_true(ipi_is_broadcast(&others));
	assert_true(ipi_is_broadcast(&dest));
	assert_true(ipi_is_broadcast(&dest_x2));
	assert_false(ipi_is_broadcast(&self));
	assert_false(ipi_is_broadcast(&one));
	/* A logical mask of every CPU is an address, not a broadcast. */
	assert_false(ipi_is_broadcast(&logical));
}

static void delivery_modes(void **state)
{
	static const struct {
		u32 mode, shorthand;
		bool root, cell;
	} table[] = {
		{ APIC_DLVR_FIXED, APIC_SHORTHAND_NONE, true, true },
		{ APIC_DLVR_NMI, APIC_SHORTHAND_SELF, true, true },
		{ APIC_DLVR_INIT, APIC_SHORTHAND_NONE, true, true },
		{ APIC_DLVR_SIPI, APIC_SHORTHAND_NONE, true, true },
		{ APIC_DLVR_INIT, APIC_SHORTHAND_SELF, false, false },
		{ APIC_DLVR_LOWPRI, APIC_SHORTHAND_NONE, true, false },
		{ APIC_DLVR_SMI, APIC_SHORTHAND_NONE, false, false },
		{ APIC_DLVR_SMI, APIC_SHORTHAND_SELF, false, false },
		{ APIC_DLVR_EXTINT, APIC_SHORTHAND_NONE, false, false },
		{ 3, APIC_SHORTHAND_NONE, false, false },
	};
	struct ipi i;
	unsigned int n;

	(void)state;
	for (n = 0; n < sizeof(table) / sizeof(table[0]); n++) {
		i = ipi(table[n].mode, table[n].shorthand, false, 4, false);
		assert_int_equal(ipi_mode_allowed(&i, true), table[n].root);
		assert_int_equal(ipi_mode_allowed(&i, false), table[n].cell);
	}
}

static void foreign_targets(void **state)
{
	struct ipi i = ipi(APIC_DLVR_FIXED, APIC_SHORTHAND_NONE, false, 0x11, false);
	bool no_target;

	(void)state;
	assert_null(ipi_foreign_target(&i, &cpus[4], &cell, &no_target));
	assert_false(no_target);
	i.dest = 1;
	assert_ptr_equal(ipi_foreign_target(&i, &cpus[4], &cell, &no_target), &cpus[1]);
	i.dest = 9;
	assert_null(ipi_foreign_target(&i, &cpus[4], &cell, &no_target));
	assert_true(no_target);
	/* Logical 0x30 = CPUs 4 and 5 (flat IDs 1 << n): all its own. */
	i = ipi(APIC_DLVR_FIXED, APIC_SHORTHAND_NONE, true, 0x30, false);
	assert_null(ipi_foreign_target(&i, &cpus[4], &cell, &no_target));
	i.dest = 0x31;
	assert_ptr_equal(ipi_foreign_target(&i, &cpus[4], &cell, &no_target), &cpus[0]);
	i = ipi(APIC_DLVR_NMI, APIC_SHORTHAND_NONE, false, XAPIC_BROADCAST, false);
	assert_ptr_equal(ipi_foreign_target(&i, &cpus[4], &cell, &no_target), &cpus[0]);
	i = ipi(APIC_DLVR_FIXED, APIC_SHORTHAND_OTHERS, false, 0, false);
	assert_ptr_equal(ipi_foreign_target(&i, &cpus[4], &cell, &no_target), &cpus[0]);
	i = ipi(APIC_DLVR_FIXED, APIC_SHORTHAND_SELF, false, 0, false);
	assert_null(ipi_foreign_target(&i, &cpus[4], &cell, &no_target));
}

/* IOAPIC and MSI destinations (8-bit) as the root programs them. */
static void irq_destinations(void **state)
{
	(void)state;
	assert_null(irq_foreign_target(2, false, &root_cell));
	assert_ptr_equal(irq_foreign_target(0x10, false, &root_cell), &cpus[4]);
	/* Physical 0xff is a broadcast, not APIC ID 255. */
	assert_ptr_equal(irq_foreign_target(0xff, false, &root_cell), &cpus[4]);
	assert_null(irq_foreign_target(0x0f, true, &root_cell));
	assert_ptr_equal(irq_foreign_target(0x20, true, &root_cell), &cpus[5]);
	/*
	 * A cell CPU in x2APIC mode takes an 8-bit logical destination as
	 * cluster 0: APIC ID 0x10 is cluster 1, so 0x01 does not reach it,
	 * while its stale flat ID (bit 4) no longer counts.
	 */
	cpus[4].arch.x2apic = true;
	assert_null(irq_foreign_target(0x10, true, &root_cell));
	cpus[4].apic_id = 0x3;
	assert_ptr_equal(irq_foreign_target(0x08, true, &root_cell), &cpus[4]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(physical_destination, setup),
		cmocka_unit_test_setup(flat_logical_destination, setup),
		cmocka_unit_test_setup(cluster_logical_destination, setup),
		cmocka_unit_test_setup(x2apic_cluster_destination, setup),
		cmocka_unit_test_setup(shorthands, setup),
		cmocka_unit_test_setup(broadcasts, setup),
		cmocka_unit_test_setup(delivery_modes, setup),
		cmocka_unit_test_setup(foreign_targets, setup),
		cmocka_unit_test_setup(irq_destinations, setup),
	};
	int failed = cmocka_run_group_tests_name("apic-route", tests, NULL, NULL);

	printf("COUNT %zu %d\n", sizeof(tests) / sizeof(tests[0]) - failed, failed);
	return failed ? 1 : 0;
}
