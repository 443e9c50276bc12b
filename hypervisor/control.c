// SPDX-License-Identifier: GPL-2.0-only
/*
 * The root cell, the hypercall switch and rule violations.
 *
 * Locking: control_lock serializes hypercalls that change the set of cells
 * or the hypervisor's state; read-only queries run without it.
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/control.h>
#include <xvc/errno.h>
#include <xvc/memory.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <xvc/spinlock.h>
#include <xvc/string.h>
#include <xvcell/hypercall.h>

struct cellcfg_view system_config;
struct cell root_cell;

static struct spinlock control_lock;
/* Set by the first CPU to leave: the message is printed once. */
static bool disabling;

static void report_config_issue(const struct cellcfg_issue *issue, void *ctx)
{
	char msg[160];

	cellcfg_format(issue, msg, sizeof(msg));
	printk("system config: %s\n", msg);
}

int system_config_init(void)
{
	const void *blob = (const u8 *)&hv_header + hv_header.config_offset;

	if (cellcfg_parse_system(blob, hv_header.config_size, &system_config,
				 report_config_issue, NULL))
		return trace_error(-EINVAL);
	return 0;
}

static u64 cpu_set_of(const struct cellcfg_cell *config)
{
	/* CPU numbers are below XVC_MAX_CPUS (64): one word is enough. */
	return config->cpu_set_words ? config->cpu_set[0] : 0;
}

static bool overlaps_hypervisor(const struct xvc_memory_region *mem)
{
	u64 hv_start = hv_header.phys_start;
	u64 hv_end = hv_start + hv_header.mem_size;

	return mem->phys_start < hv_end && hv_start < mem->phys_start + mem->size;
}

static int map_cell_memory(struct cell *cell)
{
	const struct xvc_memory_region *mem;
	unsigned int n;
	int err;

	for (n = 0; n < cell->config.num_memory; n++) {
		mem = &cell->config.memory[n];
		if (overlaps_hypervisor(mem)) {
			printk("cell \"%s\" memory region %u [0x%lx-0x%lx] overlaps hypervisor memory\n",
			       cell_name(cell), n, mem->phys_start,
			       mem->phys_start + mem->size - 1);
			return trace_error(-EINVAL);
		}
		err = arch_map_memory_region(cell, mem);
		if (err)
			return err;
	}
	return 0;
}

/*
 * The driver reads the hypervisor console straight from memory, so the
 * root sees those pages of hypervisor memory, read-only, and nothing else.
 */
static int share_console_with_root(void)
{
	struct xvc_memory_region console = {
		.phys_start = hv_virt_to_phys(&console_area),
		.virt_start = hv_virt_to_phys(&console_area),
		.size = ALIGN_UP(sizeof(console_area), PAGE_SIZE),
		.flags = XVC_MEM_READ,
	};

	return arch_map_memory_region(&root_cell, &console);
}

int root_cell_init(void)
{
	int err;

	root_cell.id = 0;
	root_cell.in_use = true;
	root_cell.view = system_config;
	root_cell.config = system_config.cell;
	root_cell.cpu_set = cpu_set_of(&root_cell.config);
	root_cell.state = XVC_CELL_RUNNING;

	err = arch_cell_create(&root_cell);
	if (err)
		return err;
	err = map_cell_memory(&root_cell);
	if (!err)
		err = arch_map_platform_pages(&root_cell);
	if (err)
		return err;
	return share_console_with_root();
}

static bool range_contains(u64 first, u64 count, u64 start, u64 len)
{
	return start >= first && start + len <= first + count;
}

bool cell_msr_allowed(const struct cell *cell, u32 msr, bool write)
{
	const struct xvc_msr_range *r;
	u32 need = write ? XVC_MSR_WRITE : XVC_MSR_READ;
	unsigned int n;

	for (n = 0; n < cell->config.num_msr; n++) {
		r = &cell->config.msr[n];
		if ((r->flags & need) && range_contains(r->first, r->count, msr, 1))
			return true;
	}
	return false;
}

bool cell_pio_allowed(const struct cell *cell, u16 port, unsigned int size)
{
	const struct xvc_pio_range *r;
	unsigned int n;

	for (n = 0; n < cell->config.num_pio; n++) {
		r = &cell->config.pio[n];
		if (range_contains(r->start, r->length, port, size))
			return true;
	}
	return false;
}

void cpu_violation(struct per_cpu *pc, u64 rip, const char *fmt, ...)
{
	char what[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);

	pc->state = XVC_CPU_FAILED;
	if (pc->cell == &root_cell) {
		printk("VIOLATION: cell \"%s\" CPU %u RIP 0x%lx: %s; CPU stopped\n",
		       cell_name(pc->cell), pc->cpu_id, rip, what);
		arch_park_cpu(pc);
	}
	printk("VIOLATION: cell \"%s\" CPU %u RIP 0x%lx: %s; cell stopped\n",
	       cell_name(pc->cell), pc->cpu_id, rip, what);
	cell_failed(pc->cell);
	cpu_park(pc);
}

/* --- management requests between CPUs ------------------------------------ */

/*
 * The request is posted before the NMI flag is tested, and the target
 * clears the flag before it reads its requests: either the target sees the
 * request, or this CPU sees the flag clear and sends a new NMI.  A CPU
 * never has two management NMIs in flight, so none can merge with another
 * in the hardware and none arrives unaccounted for (cpu_nmi_arrived).
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

bool cpu_take_guest_nmi(struct per_cpu *pc)
{
	bool pending = pc->guest_nmi_pending;

	pc->guest_nmi_pending = false;
	return pending;
}

void cpu_request_sync(struct per_cpu *target, u32 req)
{
	cpu_request_async(target, req);
	while (READ_ONCE(target->requests) & req)
		cpu_relax();
	if (req & CPU_REQ_PARK)
		while (READ_ONCE(target->state) == XVC_CPU_RUNNING)
			cpu_relax();
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
		if (!target || target == self)
			continue;
		while (READ_ONCE(target->requests) & req)
			cpu_relax();
		if (req & CPU_REQ_PARK)
			while (READ_ONCE(target->state) == XVC_CPU_RUNNING)
				cpu_relax();
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

/* Wait for the SIPI that restarts this CPU, then run its guest from there. */
static void __noreturn wait_for_sipi(struct per_cpu *pc)
{
	int vector;

	WRITE_ONCE(pc->wait_for_sipi, true);
	while ((vector = READ_ONCE(pc->sipi_vector)) < 0) {
		/* Another INIT while waiting changes nothing. */
		take_requests(pc, CPU_REQ_INIT);
		/* A parked CPU can still be taken away meanwhile. */
		if (READ_ONCE(pc->requests) & CPU_REQ_PARK) {
			pc->wait_for_sipi = false;
			cpu_park(pc);
		}
		cpu_relax();
	}
	pc->wait_for_sipi = false;
	pc->sipi_vector = -1;
	pc->stats[XVC_STAT_INIT_SIPI]++;
	arch_vcpu_reset(pc, (u64)vector << 12);
	pc->state = XVC_CPU_RUNNING;
	arch_vcpu_run(pc);
}

/*
 * The CPU could not be reset for its next owner: it runs no guest again.
 * It stays in the hypervisor answering requests, so that nobody waits for
 * it, and its cell (a non-root one) has failed.
 */
static void __noreturn cpu_lost(struct per_cpu *pc)
{
	pc->lost = true;
	pc->state = XVC_CPU_FAILED;
	if (pc->cell != &root_cell)
		cell_failed(pc->cell);
	for (;;) {
		take_requests(pc, ~0U);
		cpu_relax();
	}
}

/* A parked CPU asked to start: the cell's first CPU runs, the others wait. */
static void __noreturn start_cell_cpu(struct per_cpu *pc)
{
	struct cell *cell = pc->cell;

	if (!arch_vcpu_set_cell(pc))
		cpu_lost(pc);
	if (pc->cpu_id != (unsigned int)__builtin_ctzll(cell->cpu_set))
		wait_for_sipi(pc);
	arch_vcpu_reset(pc, cell->config.desc->reset_address);
	pc->state = XVC_CPU_RUNNING;
	arch_vcpu_run(pc);
}

void cpu_park(struct per_cpu *pc)
{
	u32 req;

	if (pc->state == XVC_CPU_RUNNING)
		pc->state = XVC_CPU_PARKED;
	take_requests(pc, CPU_REQ_PARK | CPU_REQ_FLUSH_TLB);
	for (;;) {
		req = take_requests(pc, CPU_REQ_START | CPU_REQ_INIT |
				    CPU_REQ_PARK | CPU_REQ_FLUSH_TLB);
		if (req & CPU_REQ_START)
			start_cell_cpu(pc);
		/* Back with the root: Linux brings the CPU up by INIT/SIPI. */
		if ((req & CPU_REQ_INIT) && pc->cell == &root_cell) {
			if (!arch_vcpu_set_cell(pc))
				cpu_lost(pc);
			wait_for_sipi(pc);
		}
		cpu_relax();
	}
}

bool cpu_handle_requests(struct per_cpu *pc)
{
	u32 req = take_requests(pc, CPU_REQ_FLUSH_TLB | CPU_REQ_INIT);

	if (READ_ONCE(pc->requests) & CPU_REQ_PARK) {
		count_exit(pc, XVC_STAT_MANAGEMENT);
		cpu_park(pc);
	}
	if (!req)
		return false;
	count_exit(pc, XVC_STAT_MANAGEMENT);
	if (req & CPU_REQ_FLUSH_TLB)
		pc->flush_tlb = true;
	if (req & CPU_REQ_INIT)
		wait_for_sipi(pc);
	return true;
}

/* --- hypercalls ------------------------------------------------------------ */

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

static long root_hypercall(u64 code, u64 arg1, u64 arg2, struct per_cpu *pc)
{
	long ret;

	spin_lock(&control_lock);
	switch (code) {
	case XVC_HC_CELL_CREATE:
		ret = cell_create(pc, arg1, arg2);
		break;
	case XVC_HC_CELL_SET_LOADABLE:
		ret = cell_set_loadable(arg1);
		break;
	case XVC_HC_CELL_START:
		ret = cell_start(arg1);
		break;
	case XVC_HC_CELL_SHUTDOWN:
		ret = cell_shutdown(arg1);
		break;
	case XVC_HC_CELL_DESTROY:
		ret = cell_destroy(arg1);
		break;
	default:
		ret = -ENOSYS;
		break;
	}
	spin_unlock(&control_lock);
	return ret;
}

/* Each CPU leaves on its own hypercall; the vendor code does the leaving. */
static long hc_disable(struct per_cpu *pc)
{
	spin_lock(&control_lock);
	if (cell_count() > 1) {
		spin_unlock(&control_lock);
		return -EBUSY;
	}
	if (!disabling)
		printk("disabling xvcell\n");
	disabling = true;
	spin_unlock(&control_lock);
	return 0;
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
	case XVC_INFO_MEM_USED_KIB:
		return (hypervisor_fixed_bytes() + page_pool_used() * PAGE_SIZE) >> 10;
	default:
		return -EINVAL;
	}
}

static long hc_cpu_info(u64 cpu, u64 query)
{
	struct per_cpu *pc = per_cpu_of(cpu);

	if (!pc)
		return -ENOENT;
	if (query == XVC_CPU_INFO_STATE)
		return pc->state;
	if (query == XVC_CPU_INFO_CELL)
		return pc->cell ? (long)pc->cell->id : -ENOENT;
	if (query >= XVC_CPU_INFO_STAT_BASE &&
	    query < XVC_CPU_INFO_STAT_BASE + XVC_NUM_STATS)
		/* Counters are read racily: good enough for statistics. */
		return pc->stats[query - XVC_CPU_INFO_STAT_BASE] &
			0x7fffffffffffffffULL;
	return -EINVAL;
}

long hypercall(struct per_cpu *pc, u64 code, u64 arg1, u64 arg2)
{
	bool root = pc->cell == &root_cell;
	long ret;

	switch (code) {
	case XVC_HC_DISABLE:
		return root ? hc_disable(pc) : -EPERM;
	case XVC_HC_CELL_CREATE:
	case XVC_HC_CELL_SET_LOADABLE:
	case XVC_HC_CELL_START:
	case XVC_HC_CELL_SHUTDOWN:
	case XVC_HC_CELL_DESTROY:
		return root ? root_hypercall(code, arg1, arg2, pc) : -EPERM;
	case XVC_HC_CELL_GET_STATE:
		spin_lock(&control_lock);
		ret = cell_get_state(arg1);
		spin_unlock(&control_lock);
		return ret;
	case XVC_HC_CONSOLE_WRITE:
		return hc_console_write(pc, arg1, arg2);
	case XVC_HC_HYPERVISOR_INFO:
		if (arg1 == XVC_INFO_VENDOR)
			return arch_vendor_id();
		return hc_hypervisor_info(arg1);
	case XVC_HC_CPU_GET_INFO:
		return hc_cpu_info(arg1, arg2);
	default:
		return -ENOSYS;
	}
}
