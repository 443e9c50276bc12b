/* SPDX-License-Identifier: GPL-2.0-only */
/* Cells, hypercalls and rule violations: what the hypervisor controls. */
#ifndef XVC_CONTROL_H
#define XVC_CONTROL_H

#include <xvc/types.h>
#include <cellcfg/cellcfg.h>

struct per_cpu;
struct cell;

extern struct cellcfg_view system_config;

int system_config_init(void);
int root_cell_init(void);

/* Called by the vendor code for VMMCALL/VMCALL from ring 0. */
long hypercall(struct per_cpu *pc, u64 code, u64 arg1, u64 arg2);

/*
 * Is @pc's cell allowed this MSR access / port?  The vendor code asks only
 * for accesses its permission maps could not decide in hardware.
 */
bool cell_msr_allowed(const struct cell *cell, u32 msr, bool write);
bool cell_pio_allowed(const struct cell *cell, u16 port, unsigned int size);

/* Count an exit of this CPU. */
static inline void count_exit(struct per_cpu *pc, unsigned int stat);

/*
 * A cell broke a rule: print a report naming cell, CPU, RIP and what was
 * attempted, and stop this CPU for good.  Other CPUs and cells go on.
 */
void __noreturn cpu_violation(struct per_cpu *pc, u64 rip, const char *fmt, ...)
	__printf(3, 4);

/* Management requests from one CPU to another (per_cpu.requests). */
#define CPU_REQ_INIT		BIT(0)	/* emulated INIT: wait for a SIPI */
#define CPU_REQ_PARK		BIT(1)	/* leave the guest, wait in the hypervisor */
#define CPU_REQ_START		BIT(2)	/* parked: start the cell's CPU */
#define CPU_REQ_FLUSH_TLB	BIT(3)	/* the cell's memory map changed */

/*
 * Send @req to @target and wait until it has been handled (for PARK: until
 * the CPU is parked).  Never to the calling CPU itself.
 */
void cpu_request_sync(struct per_cpu *target, u32 req);
/* The same for every CPU of @cell except the caller. */
void cell_request_sync(struct cell *cell, u32 req);
/* Send @req to @target without waiting. */
void cpu_request_async(struct per_cpu *target, u32 req);
/* Wait in the hypervisor for requests, for good (parked or failed CPU). */
void __noreturn cpu_park(struct per_cpu *pc);

/* INIT and SIPI as a guest sent them to @target, emulated. */
void cpu_send_init(struct per_cpu *target);
void cpu_send_sipi(struct per_cpu *target, unsigned int vector);
/*
 * Called by the vendor code when a management NMI (or INIT) made the CPU
 * leave its guest, and after exits that may have raced with a request.
 * Returns false if nothing was requested.
 */
bool cpu_handle_requests(struct per_cpu *pc);
/*
 * An NMI reached this CPU (by an NMI exit or while the hypervisor ran):
 * the management NMI in flight, or else the guest's own, which is then
 * kept for cpu_take_guest_nmi().
 */
void cpu_nmi_arrived(struct per_cpu *pc);
/* Is there a guest NMI to inject before the next entry?  Clears it. */
bool cpu_take_guest_nmi(struct per_cpu *pc);

#include <xvc/percpu.h>

static inline void count_exit(struct per_cpu *pc, unsigned int stat)
{
	pc->stats[XVC_STAT_TOTAL]++;
	if (stat != XVC_STAT_TOTAL)
		pc->stats[stat]++;
}

#endif /* XVC_CONTROL_H */
