/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Each CPU's private area.  It is PERCPU_SIZE bytes, aligned to its size,
 * and holds the CPU's stack, so this_cpu() needs neither GS nor a table
 * (the exit path cannot rely on GS: the guest's value is loaded there).
 */
#ifndef XVC_PERCPU_H
#define XVC_PERCPU_H

#include <xvc/types.h>
#include <xvcell/hypercall.h>
#include <xvcell/hypervisor.h>
#include <asm/percpu.h>

struct cell;

struct per_cpu {
	union {
		struct {
			struct arch_per_cpu arch;
			/* Linux's CPU number: the id configs use. */
			unsigned int cpu_id;
			unsigned int apic_id;
			struct cell *cell;
			struct xvc_linux_cpu_state linux_state;
			u64 stats[XVC_NUM_STATS];
			volatile u32 state;	/* XVC_CPU_* */
			/* Management requests (CPU_REQ_*), set by other CPUs. */
			volatile u32 requests;
			/* SIPI vector for a CPU waiting after INIT, -1 = none. */
			volatile int sipi_vector;
			volatile bool wait_for_sipi;
			/*
			 * 1 from when another CPU sends this one a management
			 * NMI until that NMI arrives: at most one is in flight,
			 * so every NMI arriving is either it or the guest's.
			 */
			volatile u32 mgmt_nmi_in_flight;
			/* A guest's NMI that arrived while the hypervisor ran. */
			bool guest_nmi_pending;
			/* Could not be reset for a new owner: runs no guest again. */
			bool lost;
			/* The vendor code must flush the guest TLB before entry. */
			bool flush_tlb;
			/* What the guest did wrong (violation()), for the report. */
			char violation[160];
		};
		u8 bottom[PERCPU_SIZE - PERCPU_STACK_SIZE];
	};
	u8 stack[PERCPU_STACK_SIZE];
} __aligned(PERCPU_SIZE);

_Static_assert(sizeof(struct per_cpu) == PERCPU_SIZE, "per_cpu size");

static inline struct per_cpu *this_cpu(void)
{
	u64 rsp;

	asm volatile("mov %%rsp, %0" : "=r"(rsp));
	return (struct per_cpu *)(rsp & ~(u64)(PERCPU_SIZE - 1));
}

/* NULL if the CPU did not enter the hypervisor. */
struct per_cpu *per_cpu_of(unsigned int cpu_id);

/* Count an exit of this CPU under its reason (XVC_STAT_*). */
static inline void count_exit(struct per_cpu *pc, enum xvc_stat stat)
{
	pc->stats[XVC_STAT_TOTAL]++;
	if (stat != XVC_STAT_TOTAL)
		pc->stats[stat]++;
}

#endif /* XVC_PERCPU_H */
