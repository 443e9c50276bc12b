/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared verdict lines of the hostile test inmates.  Each test prints
 * "start", performs exactly one forbidden action and, if it is still
 * alive, prints "NOT CONTAINED" (or "REFUSED rc=N" when a hypercall was
 * correctly refused).  The hypervisor is expected to stop the cell before
 * the NOT CONTAINED line appears.
 */
#ifndef XVC_TEST_H
#define XVC_TEST_H

#include <inmate.h>

/* Not in any demo cell: the root cell's RAM in the QEMU rigs. */
#define TEST_DEFAULT_FOREIGN_ADDRESS	0x200000
/* The root cell's CPU 0. */
#define TEST_DEFAULT_TARGET_APIC_ID	0
/* COM1: the root cell's console, not granted to demo cells. */
#define TEST_DEFAULT_PORT		0x3f8

static inline void test_start(const char *name)
{
	printk("xvc-test: %s: start\n", name);
}

static inline void test_not_contained(const char *name)
{
	printk("xvc-test: %s: NOT CONTAINED\n", name);
}

/* For hypercalls: a refusal is the correct outcome, success is not. */
static inline void test_hypercall_verdict(const char *name, long rc)
{
	printk("xvc-test: %s: hypercall returned %ld\n", name, rc);
	if (rc < 0)
		printk("xvc-test: %s: REFUSED rc=%ld\n", name, rc);
	else
		test_not_contained(name);
}

/* The APIC as the cell's CPU would use it; x2apic=0 forces xAPIC. */
static inline void test_apic_init(void)
{
	apic_init(cmdline_get_bool("x2apic", true));
}

#endif /* XVC_TEST_H */
