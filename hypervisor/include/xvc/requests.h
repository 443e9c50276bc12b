/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Management requests from one CPU to another.
 *
 * A CPU asks another to do something by setting a bit in the target's
 * request word and sending it an NMI, which makes it leave its guest.  A
 * request is acknowledged by clearing its bit (PARK: and by no longer
 * running a guest).  Every place where a CPU waits inside the hypervisor
 * (parked, waiting for a SIPI, spinning for the control lock, lost or
 * stopped) keeps serving the requests it can, so that no CPU ever waits
 * for another that is waiting for it.
 */
#ifndef XVC_REQUESTS_H
#define XVC_REQUESTS_H

#include <xvc/types.h>

struct per_cpu;
struct cell;

#define CPU_REQ_INIT		BIT(0)	/* emulated INIT: wait for a SIPI */
#define CPU_REQ_PARK		BIT(1)	/* leave the guest, wait in the hypervisor */
#define CPU_REQ_START		BIT(2)	/* parked: start the cell's CPU */
#define CPU_REQ_FLUSH_TLB	BIT(3)	/* the cell's memory map changed */

/* Send @req to @target without waiting. */
void cpu_request_async(struct per_cpu *target, u32 req);
/*
 * Send @req to @target and wait until it has been handled (for PARK: until
 * the CPU no longer runs a guest).  Never to the calling CPU itself.
 */
void cpu_request_sync(struct per_cpu *target, u32 req);
/* The same for every CPU of @cell except the caller. */
void cell_request_sync(struct cell *cell, u32 req);

/* Serve what can be served without leaving the hypervisor (TLB flushes). */
void cpu_serve_requests_in_place(struct per_cpu *pc);
/*
 * The exit tail: act on this CPU's requests.  Parking, or an INIT, makes
 * it wait here; it returns once the CPU has a guest state to run again.
 */
void cpu_handle_requests(struct per_cpu *pc);
/*
 * Wait in the hypervisor until this CPU is started again (a cell's CPU)
 * or brought up by INIT/SIPI (a root CPU); then its guest state is set.
 */
void cpu_park(struct per_cpu *pc);
/*
 * This CPU runs no guest again (a root CPU after a violation, or a CPU
 * whose interrupt controller could not be reset).  It stays here serving
 * requests so that nobody waits for it.
 */
void __noreturn cpu_stop(struct per_cpu *pc);

/* INIT and SIPI as a guest sent them to @target, emulated. */
void cpu_send_init(struct per_cpu *target);
void cpu_send_sipi(struct per_cpu *target, unsigned int vector);

/*
 * An NMI reached this CPU (by an NMI exit or while the hypervisor ran):
 * the management NMI in flight, or else the guest's own, which is then
 * kept until the vendor code can inject it.
 */
void cpu_nmi_arrived(struct per_cpu *pc);

#endif /* XVC_REQUESTS_H */
