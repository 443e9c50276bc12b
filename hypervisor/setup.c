// SPDX-License-Identifier: GPL-2.0-only
/*
 * How the hypervisor comes up.
 *
 * The driver calls the entry on every online CPU at once (entry.S).  Each
 * CPU gets its private area by arrival order.  The first to arrive sets up
 * what is shared: console, page pool, host page tables, the root cell.  The
 * others wait for it, then every CPU sets up its own state (GDT, IDT, page
 * tables, SVM or VMX).  When all have done so, either everyone continues
 * Linux as the root cell's guest, or, if any step failed anywhere, everyone
 * returns to Linux natively with the error: never some CPUs in and some out.
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/errno.h>
#include <xvc/memory.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <xvc/spinlock.h>
#include <xvc/string.h>
#include <xvcell/layout.h>

extern u8 __image_end[], __core_end[], hv_entry[];

/* The driver saves Linux's state here, one slot per Linux CPU number. */
struct xvc_linux_cpu_state linux_cpu_state[XVC_MAX_CPUS];

struct xvc_hv_header hv_header __attribute__((section(".header"))) = {
	.signature = XVC_HV_SIGNATURE,
	.revision = XVC_HV_REVISION,
	.max_cpus = XVC_MAX_CPUS,
	.link_address = XVC_HV_LINK_ADDRESS,
	.file_size = (u64)__image_end - XVC_HV_LINK_ADDRESS,
	.core_size = (u64)__core_end - XVC_HV_LINK_ADDRESS,
	.entry = (u64)hv_entry,
	.console_offset = (u64)&console_area - XVC_HV_LINK_ADDRESS,
	.cpu_state_offset = (u64)linux_cpu_state - XVC_HV_LINK_ADDRESS,
	.percpu_size = PERCPU_SIZE,
};

struct cellcfg_view system_config;

static struct per_cpu *cpus_by_id[XVC_MAX_CPUS];
static volatile int global_init_state;	/* 0 = pending, 1 = done */
static volatile int enable_error;
static u32 cpus_ready;

struct per_cpu *per_cpu_of(unsigned int cpu_id)
{
	return cpu_id < XVC_MAX_CPUS ? cpus_by_id[cpu_id] : NULL;
}

static struct xvc_layout layout;

/* Memory taken outside the pool: image, config, per-CPU areas, bootstrap. */
u64 hypervisor_fixed_bytes(void)
{
	return layout.pool_offset + (hv_header.mem_size - layout.bootstrap_offset);
}

/*
 * The same layout the driver computed: the per-CPU areas (entry.S used
 * the driver's offset already), then the page pool.
 */
static int init_page_pool(void)
{
	if (xvc_layout_compute(hv_header.mem_size, hv_header.core_size,
			       hv_header.config_size, PERCPU_SIZE,
			       hv_header.entering_cpus, &layout) ||
	    layout.config_offset != hv_header.config_offset ||
	    layout.percpu_offset != hv_header.percpu_offset) {
		printk("hypervisor memory of %lu KiB too small for %u CPUs, or laid out unlike xvcell/layout.h\n",
		       hv_header.mem_size >> 10, hv_header.entering_cpus);
		return trace_error(-ENOMEM);
	}
	return page_pool_init((void *)(XVC_HV_LINK_ADDRESS + layout.pool_offset),
			      layout.pool_pages);
}

static void report_config_issue(const struct cellcfg_issue *issue, void *ctx)
{
	char msg[160];

	cellcfg_format(issue, msg, sizeof(msg));
	printk("system config: %s\n", msg);
}

/* The driver checked the config; the hypervisor checks its own copy again. */
static int system_config_init(void)
{
	const void *blob = (const u8 *)&hv_header + hv_header.config_offset;

	if (cellcfg_parse_system(blob, hv_header.config_size, &system_config,
				 report_config_issue, NULL))
		return trace_error(-EINVAL);
	return 0;
}

static int global_init(void)
{
	int err;

	err = system_config_init();
	if (err)
		return err;
	err = console_init();
	printk("\nxvcell hypervisor, %u CPUs entering, %lu KiB of memory at 0x%lx\n",
	       hv_header.entering_cpus, hv_header.mem_size >> 10,
	       hv_header.phys_start);
	if (err)
		return err;

	err = init_page_pool();
	if (err)
		return err;
	err = arch_global_init();
	if (err)
		return err;
	return root_cell_init();
}

static void wait_for_global_init(void)
{
	while (!READ_ONCE(global_init_state))
		cpu_relax();
}

static void wait_for_all_cpus(void)
{
	__atomic_fetch_add(&cpus_ready, 1, __ATOMIC_ACQ_REL);
	while (READ_ONCE(cpus_ready) < hv_header.entering_cpus)
		cpu_relax();
}

static void record_error(int err)
{
	if (err)
		__atomic_compare_exchange_n(&enable_error, &(int){ 0 }, err,
					    false, __ATOMIC_ACQ_REL,
					    __ATOMIC_ACQUIRE);
}

void __noreturn xvc_cpu_entry(unsigned int cpu_id, struct per_cpu *pc,
			      unsigned int arrival)
{
	int err = 0;
	bool cpu_up = false;

	pc->cpu_id = cpu_id;
	pc->linux_state = linux_cpu_state[cpu_id];
	pc->state = XVC_CPU_RUNNING;
	pc->sipi_vector = -1;

	if (arrival == 0) {
		record_error(global_init());
		WRITE_ONCE(global_init_state, 1);
	} else {
		wait_for_global_init();
	}

	if (!READ_ONCE(enable_error)) {
		if (cpu_id >= XVC_MAX_CPUS || cpus_by_id[cpu_id]) {
			printk("CPU %u: invalid or duplicate CPU number\n", cpu_id);
			err = trace_error(-EINVAL);
		} else {
			cpus_by_id[cpu_id] = pc;
			err = arch_cpu_init(pc);
			cpu_up = !err;
		}
		record_error(err);
	}

	wait_for_all_cpus();

	if (READ_ONCE(enable_error)) {
		if (cpu_up)
			arch_cpu_exit(pc);
		if (arrival == 0) {
			arch_iommu_shutdown();
			printk("enable failed: %s\n", errno_name(enable_error));
		}
		arch_cpu_return_to_linux(pc, enable_error);
	}

	pc->cell = &root_cell;
	if (arrival == 0)
		printk("xvcell enabled: Linux runs as root cell \"%s\"\n",
		       cell_name(&root_cell));
	arch_cpu_activate_root(pc);
}
