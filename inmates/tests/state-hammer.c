// SPDX-License-Identifier: GPL-2.0-only
/*
 * Asks the hypervisor for a cell's state (target=, default the root: 0)
 * in a tight loop, with a console write every report= queries, on every
 * CPU of its cell (cpus=, APIC IDs counted up from the first CPU's; 1 by
 * default).  The stress scenario destroys and recreates such a cell while
 * others like it run: a CPU asking about cells must never keep a
 * management call waiting.
 */
#include "xvc-test.h"

#define XVC_HC_CELL_GET_STATE	17

static uint64_t target, report;

static void hammer(void *arg)
{
	uint64_t n, sum = 0;
	unsigned int cpu = this_cpu_index();

	(void)arg;
	for (n = 1; ; n++) {
		sum += hypercall(XVC_HC_CELL_GET_STATE, target, 0);
		if (n % report == 0)
			printk("state-hammer: CPU %u: %lu queries (sum %lu)\n",
			       cpu, n, sum);
	}
}

void inmate_main(void)
{
	uint64_t cpus = cmdline_get_u64("cpus", 1), n;
	uint32_t first;

	target = cmdline_get_u64("target", 0);
	report = cmdline_get_u64("report", 20000) ?: 1;
	apic_init(cmdline_get_bool("x2apic", true));
	first = apic_id();
	printk("state-hammer: round %lu: %lu CPU(s) asking for the state of cell %lu\n",
	       cmdline_get_u64("round", 0), cpus, target);
	for (n = 1; n < cpus; n++)
		if (smp_start_cpu(first + n, hammer, NULL))
			printk("state-hammer: APIC ID %lu did not start\n", first + n);
	hammer(NULL);
}
