/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What an exit handler asks for, and rule violations.
 *
 * Handlers return an exit_action; the run loop (arch/x86/vcpu.c) acts on
 * it.  A handler that finds a broken rule describes it with violation()
 * and returns its result; the run loop then reports it, naming cell, CPU
 * and RIP, and stops the cell (or, for the root, this CPU).
 */
#ifndef XVC_VIOLATION_H
#define XVC_VIOLATION_H

#include <xvc/types.h>

struct per_cpu;

enum exit_action {
	/* The guest continues. */
	EXIT_RESUME,
	/* A rule was broken: pc->violation says which; stop. */
	EXIT_VIOLATION,
	/* The root leaves the hypervisor on this CPU (disable). */
	EXIT_DISABLE,
};

/* Record what the guest of @pc did wrong; returns EXIT_VIOLATION. */
enum exit_action violation(struct per_cpu *pc, const char *fmt, ...)
	__printf(2, 3);

/*
 * Report the violation recorded on this CPU and stop what broke the rule:
 * a non-root cell fails as a whole and this CPU parks (returning when the
 * cell is started again); a root CPU is stopped for good (never returns).
 */
void violation_stop(struct per_cpu *pc, u64 rip);

#endif /* XVC_VIOLATION_H */
