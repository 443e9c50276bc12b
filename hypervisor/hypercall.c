// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypercall switch.
 *
 * Locking: control_lock serializes the hypercalls that change the set of
 * cells or the hypervisor's state; they come from root CPUs only.  A CPU
 * spinning for the lock keeps serving management requests, since the
 * holder may be waiting for it to flush its TLB.  Non-root cells never
 * take the lock: what they may ask is answered from state read as is.
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/errno.h>
#include <xvc/hypercall.h>
#include <xvc/memory.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <xvc/requests.h>
#include <xvc/spinlock.h>
#include <xvcell/hypercall.h>

static struct spinlock control_lock;
/* Set by the first CPU to leave: no management call starts after it. */
static bool disabling;

static void control_lock_acquire(struct per_cpu *pc)
{
	while (!spin_trylock(&control_lock)) {
		cpu_serve_requests_in_place(pc);
		cpu_relax();
	}
}

void control_lock_take(struct per_cpu *pc)
{
	control_lock_acquire(pc);
}

void control_lock_release(void)
{
	spin_unlock(&control_lock);
}

static long hc_console_write(struct per_cpu *pc, u64 gpa, u64 len)
{
	char buf[XVC_CONSOLE_WRITE_MAX];
	struct cell *cell = pc->cell;

	if (!(cell->config.desc->flags & XVC_CELL_CONSOLE_HYPERCALL))
		return -EPERM;
	if (len > XVC_CONSOLE_WRITE_MAX)
		return -E2BIG;
	if (cell_read_guest(cell, gpa, buf, len))
		return -EFAULT;
	console_write_cell(cell == &root_cell ? "root" : cell_name(cell), buf, len);
	return len;
}

/*
 * A root CPU stopped after a violation never answers Linux again, and the
 * root's state is unknown from then on: management is refused rather than
 * built on it.
 */
static int check_root_cpus(void)
{
	struct per_cpu *target;
	unsigned int cpu;

	for_each_cpu_in_cell(cpu, &root_cell) {
		target = per_cpu_of(cpu);
		if (target && READ_ONCE(target->state) == XVC_CPU_FAILED &&
		    !target->lost) {
			printk("root CPU %u was stopped after a violation: management refused\n",
			       cpu);
			return -EBUSY;
		}
	}
	return 0;
}

static long cell_management(u64 code, u64 arg1, u64 arg2, struct per_cpu *pc)
{
	switch (code) {
	case XVC_HC_CELL_CREATE:
		return cell_create(pc, arg1, arg2);
	case XVC_HC_CELL_SET_LOADABLE:
		return cell_set_loadable(arg1);
	case XVC_HC_CELL_START:
		return cell_start(arg1);
	case XVC_HC_CELL_SHUTDOWN:
		return cell_shutdown(arg1);
	case XVC_HC_CELL_DESTROY:
		return cell_destroy(arg1);
	default:
		return -ENOSYS;
	}
}

static long root_management(u64 code, u64 arg1, u64 arg2, struct per_cpu *pc)
{
	long ret;

	control_lock_acquire(pc);
	if (disabling) {
		printk("management call %lu refused: the hypervisor is being disabled\n",
		       code);
		ret = -EBUSY;
	} else {
		ret = check_root_cpus();
		if (!ret)
			ret = cell_management(code, arg1, arg2, pc);
	}
	spin_unlock(&control_lock);
	return ret;
}

/* Each CPU leaves on its own hypercall; the run loop does the leaving. */
static long hc_disable(struct per_cpu *pc, bool *disable)
{
	long ret = 0;

	control_lock_acquire(pc);
	if (cell_count() > 1)
		ret = -EBUSY;
	else if (!disabling)
		ret = check_root_cpus();
	if (!ret) {
		if (!disabling) {
			printk("disabling xvcell\n");
			/* Linux's devices DMA untranslated again, as before. */
			arch_iommu_shutdown();
		}
		disabling = true;
		*disable = true;
	}
	spin_unlock(&control_lock);
	return ret;
}

static long hc_cell_state(struct per_cpu *pc, u64 id)
{
	long ret;

	if (pc->cell != &root_cell)
		return cell_peek_state(id);
	control_lock_acquire(pc);
	ret = cell_get_state(id);
	spin_unlock(&control_lock);
	return ret;
}

static long hc_hypervisor_info(u64 query)
{
	switch (query) {
	case XVC_INFO_MEM_POOL_PAGES:
		return page_pool_total();
	case XVC_INFO_MEM_POOL_USED:
		return page_pool_used();
	case XVC_INFO_NUM_CELLS:
		return cell_count();
	case XVC_INFO_VENDOR:
		return arch_vendor_id();
	case XVC_INFO_MEM_USED_KIB:
		return (hypervisor_fixed_bytes() + page_pool_used() * PAGE_SIZE) >> 10;
	default:
		return -EINVAL;
	}
}

static long hc_cpu_info(u64 cpu, u64 query)
{
	struct per_cpu *pc = per_cpu_of(cpu);
	struct cell *cell;

	if (!pc)
		return -ENOENT;
	if (query == XVC_CPU_INFO_STATE)
		return pc->state;
	if (query == XVC_CPU_INFO_CELL) {
		cell = READ_ONCE(pc->cell);
		return cell ? (long)cell->id : -ENOENT;
	}
	if (query >= XVC_CPU_INFO_STAT_BASE &&
	    query < XVC_CPU_INFO_STAT_BASE + XVC_NUM_STATS)
		/* Counters are read racily: good enough for statistics. */
		return pc->stats[query - XVC_CPU_INFO_STAT_BASE] &
			0x7fffffffffffffffULL;
	return -EINVAL;
}

long hypercall(struct per_cpu *pc, u64 code, u64 arg1, u64 arg2, bool *disable)
{
	bool root = pc->cell == &root_cell;

	switch (code) {
	case XVC_HC_DISABLE:
		return root ? hc_disable(pc, disable) : -EPERM;
	case XVC_HC_CELL_CREATE:
	case XVC_HC_CELL_SET_LOADABLE:
	case XVC_HC_CELL_START:
	case XVC_HC_CELL_SHUTDOWN:
	case XVC_HC_CELL_DESTROY:
		return root ? root_management(code, arg1, arg2, pc) : -EPERM;
	case XVC_HC_CELL_GET_STATE:
		return hc_cell_state(pc, arg1);
	case XVC_HC_CONSOLE_WRITE:
		return hc_console_write(pc, arg1, arg2);
	case XVC_HC_HYPERVISOR_INFO:
		return hc_hypervisor_info(arg1);
	case XVC_HC_CPU_GET_INFO:
		return hc_cpu_info(arg1, arg2);
	default:
		return -ENOSYS;
	}
}
