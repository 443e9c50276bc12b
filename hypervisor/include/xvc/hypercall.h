/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypercall switch and the control lock (hypercall.c). */
#ifndef XVC_HYPERCALL_H
#define XVC_HYPERCALL_H

#include <xvc/types.h>

struct per_cpu;

/*
 * A hypercall of @pc's guest from ring 0: the result for RAX.  *disable
 * is set when this CPU must now leave the hypervisor.
 */
long hypercall(struct per_cpu *pc, u64 code, u64 arg1, u64 arg2,
	       bool *disable);

/*
 * The control lock, for work outside a hypercall that must not race with
 * cells being created or destroyed (DMA fault reports).  Requests to this
 * CPU are served while it waits.
 */
void control_lock_take(struct per_cpu *pc);
void control_lock_release(void);

#endif /* XVC_HYPERCALL_H */
