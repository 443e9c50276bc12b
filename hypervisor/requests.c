// SPDX-License-Identifier: GPL-2.0-only
/*
 * Management requests between CPUs, parking, and the emulated INIT/SIPI.
 *
 * At most one management NMI is in flight to a CPU: a flag, set by the
 * sender after it posts the request and cleared by the target when an NMI
 * arrives, before it reads its requests.  A sender that finds the flag set
 * sends nothing (the NMI on its way will make the target read the new
 * request too).  So every NMI that arrives is either the one management
 * NMI or the guest's own, which is injected into the guest later.
 *
 * Nothing here waits for another CPU while holding anything that CPU
 * needs: every waiting loop serves the requests it can (see requests.h).
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <xvc/requests.h>
#include <xvc/spinlock.h>

/*
 * The request is posted before the NMI flag is tested, and the target
 * clears the flag before it reads its requests: either the target sees the
 * request, or this CPU sees the flag clear and sends a new NMI.
 */
void cpu_request_async(struct per_cpu *target, u32 req)
{
	__atomic_or_fetch(&target->requests, req, __ATOMIC_SEQ_CST);
	if (__atomic_exchange_n(&target->mgmt_nmi_in_flight, 1, __ATOMIC_SEQ_CST) == 0)
		arch_send_management_ipi(target);
}

void cpu_nmi_arrived(struct per_cpu *pc)
{
	if (__atomic_exchange_n(&pc->mgmt_nmi_in_flight, 0, __ATOMIC_SEQ_CST) == 0)
		pc->guest_nmi_pending = true;
}

static bool cpu_is_running(const struct per_cpu *target)
{
	return READ_ONCE(target->state) == XVC_CPU_RUNNING;
}

/*
 * Rounds of a wait for another CPU (seconds, even in an emulator) after
 * which the wait is reported once: no CPU hangs here without a word.
 */
#define LONG_WAIT_ROUNDS	(1ULL << 28)

static void report_long_wait(const struct per_cpu *self,
			     const struct per_cpu *target, u32 req)
{
	printk("CPU %u: still waiting for CPU %u to acknowledge request 0x%x (its state %u, requests 0x%x, management NMI in flight %u)\n",
	       self->cpu_id, target->cpu_id, req, READ_ONCE(target->state),
	       READ_ONCE(target->requests), READ_ONCE(target->mgmt_nmi_in_flight));
}

/* Wait for @target to acknowledge @req, serving our own requests meanwhile. */
static void wait_for_ack(struct per_cpu *self, struct per_cpu *target, u32 req)
{
	u64 rounds = 0;

	while ((READ_ONCE(target->requests) & req) ||
	       ((req & CPU_REQ_PARK) && cpu_is_running(target))) {
		cpu_serve_requests_in_place(self);
		if (++rounds == LONG_WAIT_ROUNDS)
			report_long_wait(self, target, req);
		cpu_relax();
	}
}

void cpu_request_sync(struct per_cpu *target, u32 req)
{
	cpu_request_async(target, req);
	wait_for_ack(this_cpu(), target, req);
}

void cell_request_sync(struct cell *cell, u32 req)
{
	struct per_cpu *target, *self = this_cpu();
	unsigned int cpu;

	for_each_cpu_in_cell(cpu, cell) {
		target = per_cpu_of(cpu);
		if (target && target != self)
			cpu_request_async(target, req);
	}
	for_each_cpu_in_cell(cpu, cell) {
		target = per_cpu_of(cpu);
		if (target && target != self)
			wait_for_ack(self, target, req);
	}
	if (req & CPU_REQ_FLUSH_TLB)
		self->flush_tlb = true;
}

void cpu_send_init(struct per_cpu *target)
{
	/*
	 * From here on the target counts as waiting for a SIPI, even before it
	 * has seen the request: Linux sends the SIPI right after the INIT.  A
	 * SIPI sent before this INIT must not start the CPU.
	 */
	target->sipi_vector = -1;
	WRITE_ONCE(target->wait_for_sipi, true);
	cpu_request_async(target, CPU_REQ_INIT);
}

void cpu_send_sipi(struct per_cpu *target, unsigned int vector)
{
	/* Like hardware: a SIPI only counts for a CPU in wait-for-SIPI state. */
	if (READ_ONCE(target->wait_for_sipi))
		WRITE_ONCE(target->sipi_vector, (int)vector);
}

static u32 take_requests(struct per_cpu *pc, u32 mask)
{
	return __atomic_fetch_and(&pc->requests, ~mask, __ATOMIC_SEQ_CST) & mask;
}

/* A TLB flush is acknowledged at once and carried out before the next entry. */
void cpu_serve_requests_in_place(struct per_cpu *pc)
{
	if (take_requests(pc, CPU_REQ_FLUSH_TLB))
		pc->flush_tlb = true;
}

/* The guest state this CPU runs next was just set: it runs again. */
static void cpu_resume_guest(struct per_cpu *pc, u64 address)
{
	arch_vcpu_reset(pc, address);
	pc->guest_nmi_pending = false;
	pc->state = XVC_CPU_RUNNING;
}

/*
 * Wait for the SIPI that restarts this CPU.  True once the guest state is
 * set from the SIPI; false if the CPU was asked to park meanwhile.
 */
static bool wait_for_sipi(struct per_cpu *pc)
{
	int vector;

	WRITE_ONCE(pc->wait_for_sipi, true);
	while ((vector = READ_ONCE(pc->sipi_vector)) < 0) {
		/* Another INIT while waiting changes nothing. */
		take_requests(pc, CPU_REQ_INIT);
		cpu_serve_requests_in_place(pc);
		if (READ_ONCE(pc->requests) & CPU_REQ_PARK) {
			pc->wait_for_sipi = false;
			return false;
		}
		cpu_relax();
	}
	pc->wait_for_sipi = false;
	pc->sipi_vector = -1;
	/*
	 * The INIT that preceded this SIPI may still be pending: its sender
	 * set the request before it sent the SIPI, and this loop may have
	 * looked before.  Served now, it would reset the CPU just started,
	 * after the sender's last SIPI (Linux 6.12 then gave up on the CPU).
	 */
	take_requests(pc, CPU_REQ_INIT);
	pc->stats[XVC_STAT_INIT_SIPI]++;
	cpu_resume_guest(pc, (u64)vector << 12);
	return true;
}

/* The CPU now belongs to pc->cell; false if it could not be reset for it. */
static bool take_new_owner(struct per_cpu *pc)
{
	if (arch_vcpu_set_cell(pc))
		return true;
	pc->lost = true;
	if (pc->cell != &root_cell)
		cell_failed(pc->cell);
	return false;
}

/*
 * A parked CPU asked to start: the cell's first CPU runs from the reset
 * address, the others wait for the cell's own INIT/SIPI.  False if the
 * CPU stays parked.
 */
static bool start_cell_cpu(struct per_cpu *pc)
{
	struct cell *cell = pc->cell;

	if (!take_new_owner(pc))
		cpu_stop(pc);
	if (pc->cpu_id != (unsigned int)__builtin_ctzll(cell->cpu_set))
		return wait_for_sipi(pc);
	cpu_resume_guest(pc, cell->config.desc->reset_address);
	return true;
}

void cpu_park(struct per_cpu *pc)
{
	u32 req;

	if (pc->state == XVC_CPU_RUNNING)
		pc->state = XVC_CPU_PARKED;
	take_requests(pc, CPU_REQ_PARK);
	for (;;) {
		cpu_serve_requests_in_place(pc);
		req = take_requests(pc, CPU_REQ_START | CPU_REQ_INIT | CPU_REQ_PARK);
		if ((req & CPU_REQ_START) && start_cell_cpu(pc))
			return;
		/* Back with the root: Linux brings the CPU up by INIT/SIPI. */
		if ((req & CPU_REQ_INIT) && pc->cell == &root_cell) {
			if (!take_new_owner(pc))
				cpu_stop(pc);
			if (wait_for_sipi(pc))
				return;
		}
		cpu_relax();
	}
}

void cpu_stop(struct per_cpu *pc)
{
	pc->state = XVC_CPU_FAILED;
	for (;;) {
		take_requests(pc, ~0U);
		cpu_relax();
	}
}

void cpu_handle_requests(struct per_cpu *pc)
{
	u32 req;

	if (!READ_ONCE(pc->requests))
		return;
	cpu_serve_requests_in_place(pc);
	if (READ_ONCE(pc->requests) & CPU_REQ_PARK) {
		cpu_park(pc);
		return;
	}
	req = take_requests(pc, CPU_REQ_INIT);
	if ((req & CPU_REQ_INIT) && !wait_for_sipi(pc))
		cpu_park(pc);
}
