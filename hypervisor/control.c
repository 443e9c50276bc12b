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
static volatile bool disabling;
static unsigned int cpus_disabled;

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

void cpu_send_init(struct per_cpu *target)
{
	/* A SIPI sent before this INIT must not start the CPU. */
	target->sipi_vector = -1;
	__atomic_or_fetch(&target->requests, CPU_REQ_INIT, __ATOMIC_SEQ_CST);
	arch_send_management_ipi(target);
}

void cpu_send_sipi(struct per_cpu *target, unsigned int vector)
{
	/* Like hardware: a SIPI only counts for a CPU waiting for one. */
	if (READ_ONCE(target->wait_for_sipi) ||
	    (READ_ONCE(target->requests) & CPU_REQ_INIT))
		WRITE_ONCE(target->sipi_vector, (int)vector);
}

/* INIT: the guest's CPU state is gone; wait for the SIPI that restarts it. */
static void handle_init(struct per_cpu *pc)
{
	int vector;

	pc->stats[XVC_STAT_INIT_SIPI]++;
	pc->wait_for_sipi = true;
	while ((vector = READ_ONCE(pc->sipi_vector)) < 0)
		cpu_relax();
	pc->wait_for_sipi = false;
	pc->sipi_vector = -1;
	arch_vcpu_reset(pc, (u64)vector << 12);
}

bool cpu_handle_requests(struct per_cpu *pc)
{
	u32 requests = __atomic_exchange_n(&pc->requests, 0, __ATOMIC_SEQ_CST);

	if (!requests)
		return false;
	count_exit(pc, XVC_STAT_MANAGEMENT);
	if (requests & CPU_REQ_INIT)
		handle_init(pc);
	return true;
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

bool hypervisor_disabling(void)
{
	return READ_ONCE(disabling);
}

void cpu_violation(struct per_cpu *pc, u64 rip, const char *fmt, ...)
{
	char what[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);

	pc->state = XVC_CPU_FAILED;
	printk("VIOLATION: cell \"%s\" CPU %u RIP 0x%lx: %s; CPU stopped\n",
	       cell_name(pc->cell), pc->cpu_id, rip, what);
	arch_park_cpu(pc);
}

static long hc_disable(struct per_cpu *pc)
{
	long ret = 0;

	spin_lock(&control_lock);
	if (!disabling)
		printk("disabling xvcell\n");
	disabling = true;
	cpus_disabled++;
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
		return 1;
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

	switch (code) {
	case XVC_HC_DISABLE:
		return root ? hc_disable(pc) : -EPERM;
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
