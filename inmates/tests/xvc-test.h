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

static bool test_apic_ready;

/*
 * run= (any number) comes back in the start line, so that a runner can
 * tell this run's lines from an earlier run of the same test in the same
 * console; after test_apic_init() the line also names the APIC mode.
 */
static inline void test_start(const char *name)
{
	uint64_t run = cmdline_get_u64("run", 0);

	if (test_apic_ready)
		printk("xvc-test: %s: start (run %lu, %s mode, APIC ID %u)\n", name, run,
		       apic_is_x2apic() ? "x2APIC" : "xAPIC", apic_id());
	else
		printk("xvc-test: %s: start (run %lu)\n", name, run);
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

/*
 * A test that must NOT be stopped (e.g. an IPI to its own CPU): it
 * prints ALLOWED once the action had its effect.
 */
static inline void test_allowed(const char *name, const char *what)
{
	printk("xvc-test: %s: ALLOWED (%s)\n", name, what);
}

/* The APIC as the cell's CPU would use it; x2apic=0 forces xAPIC. */
static inline void test_apic_init(void)
{
	apic_init(cmdline_get_bool("x2apic", true));
	test_apic_ready = true;
}

/* The physical broadcast destination of the current APIC mode. */
static inline uint32_t test_apic_broadcast(void)
{
	return apic_is_x2apic() ? 0xffffffffU : 0xffU;
}

/* Delivery modes a cell may not use (the library defines the allowed ones). */
#define TEST_DM_LOWPRI	(1 << 8)
#define TEST_DM_SMI	(2 << 8)
#define TEST_DM_EXTINT	(7 << 8)

/*
 * The delivery mode named by mode= (smi, the default, init, extint or
 * lowpri), its name left in @name.
 */
static inline uint32_t test_delivery_mode(char *name, size_t size)
{
	static const struct {
		const char *name;
		uint32_t mode;
	} modes[] = {
		{ "init", APIC_DM_INIT }, { "extint", TEST_DM_EXTINT },
		{ "lowpri", TEST_DM_LOWPRI },
	};
	unsigned int n;

	if (!cmdline_get_str("mode", name, size))
		name[0] = 0;
	for (n = 0; n < sizeof(modes) / sizeof(modes[0]); n++)
		if (!strcmp(name, modes[n].name))
			return modes[n].mode;
	memcpy(name, "smi", size < 4 ? size : 4);
	return TEST_DM_SMI;
}

#endif /* XVC_TEST_H */
