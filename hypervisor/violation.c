// SPDX-License-Identifier: GPL-2.0-only
/*
 * Rule violations: a handler describes what the guest did wrong, the run
 * loop reports it and stops what broke the rule.  Other CPUs and cells go
 * on.
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <xvc/requests.h>
#include <xvc/violation.h>

enum exit_action violation(struct per_cpu *pc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(pc->violation, sizeof(pc->violation), fmt, ap);
	va_end(ap);
	return EXIT_VIOLATION;
}

void violation_stop(struct per_cpu *pc, u64 rip)
{
	struct cell *cell = pc->cell;

	if (cell == &root_cell) {
		printk("VIOLATION: cell \"%s\" CPU %u RIP 0x%lx: %s; CPU stopped\n",
		       cell_name(cell), pc->cpu_id, rip, pc->violation);
		arch_print_exit_trace(pc);
		cpu_stop(pc);
	}
	printk("VIOLATION: cell \"%s\" CPU %u RIP 0x%lx: %s; cell stopped\n",
	       cell_name(cell), pc->cpu_id, rip, pc->violation);
	pc->state = XVC_CPU_FAILED;
	cell_failed(cell);
	cpu_park(pc);
}
