// SPDX-License-Identifier: GPL-2.0-only
/*
 * Non-root cells: create, load, start, shut down, destroy, fail.
 *
 * A cell takes its CPUs, memory and I/O ports from the root cell at create
 * and gives them back at destroy; its memory is scrubbed on the way back.
 * While it is being loaded, its loadable regions are visible to the root
 * too; from start on, only to the cell.  All of this runs under the control
 * lock (control.c), on the root CPU that made the hypercall.
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/requests.h>
#include <xvc/errno.h>
#include <xvc/memory.h>
#include <xvc/pci.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <xvc/string.h>
#include <xvcell/hypercall.h>

struct cell root_cell;
static struct cell cells[MAX_CELLS];

unsigned int cell_count(void)
{
	unsigned int n, count = 1;

	for (n = 1; n < MAX_CELLS; n++)
		count += cells[n].in_use;
	return count;
}

static struct cell *cell_by_id(unsigned int id)
{
	if (id == 0)
		return &root_cell;
	return id < MAX_CELLS && cells[id].in_use ? &cells[id] : NULL;
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

static int map_root_memory(void)
{
	const struct xvc_memory_region *mem;
	unsigned int n;
	int err;

	for (n = 0; n < root_cell.config.num_memory; n++) {
		mem = &root_cell.config.memory[n];
		if (overlaps_hypervisor(mem)) {
			printk("cell \"%s\" memory region %u [0x%lx-0x%lx] overlaps hypervisor memory\n",
			       cell_name(&root_cell), n, mem->phys_start,
			       mem->phys_start + mem->size - 1);
			return trace_error(-EINVAL);
		}
		err = arch_map_memory_region(&root_cell, mem);
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
	err = map_root_memory();
	if (!err)
		err = arch_map_platform_pages(&root_cell);
	if (!err)
		err = pci_init(&root_cell);
	if (!err)
		err = share_console_with_root();
	return err ? err : arch_iommu_enable();
}

static void report_issue(const struct cellcfg_issue *issue, void *ctx)
{
	char msg[256];

	cellcfg_format(issue, msg, sizeof(msg));
	printk("cell create: %s\n", msg);
}

/* Is [phys, phys + size) inside the root's memory with these rights? */
static bool root_owns(u64 phys, u64 size, u64 flags)
{
	return cell_region_holding(&root_cell, phys, size, flags);
}

int cell_gpa_to_phys(const struct cell *cell, u64 gpa, u64 *phys)
{
	u64 flags;

	/* A failed enable before the root cell exists: Linux runs natively. */
	if (cell == &root_cell && !cell->in_use) {
		*phys = gpa;
		return 0;
	}
	if (arch_gpa_lookup(cell, gpa, phys, &flags) ||
	    (flags & (XVC_MEM_READ | XVC_MEM_IO)) != XVC_MEM_READ)
		return -EFAULT;
	return 0;
}

/* Through the cell's current memory map, page by page: what it owns now. */
int cell_read_guest(const struct cell *cell, u64 gpa, void *buf, u64 len)
{
	u64 phys, chunk;
	u8 *out = buf;

	if (gpa + len < gpa)
		return -EFAULT;
	while (len) {
		chunk = MIN(len, PAGE_SIZE - (gpa & ~PAGE_MASK));
		if (cell_gpa_to_phys(cell, gpa, &phys))
			return -EFAULT;
		memcpy(out, phys_to_virt(phys), chunk);
		out += chunk;
		gpa += chunk;
		len -= chunk;
	}
	return 0;
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

bool cell_has_absent_ungranted(const struct cell *cell)
{
	return cell != &root_cell &&
		(cell->config.desc->flags & XVC_CELL_ABSENT_UNGRANTED);
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

/*
 * Copy the blob out of root memory first: the root may change it
 * meanwhile.  Through the root's current map: what it owns now.
 */
static int copy_config(struct cell *cell, u64 gpa, u64 size)
{
	if (size < sizeof(struct xvc_config_header) || size > XVC_CONFIG_MAX_SIZE) {
		printk("cell create: config of %lu bytes: size out of range\n", size);
		return -EINVAL;
	}
	cell->config_pages = ALIGN_UP(size, PAGE_SIZE) / PAGE_SIZE;
	cell->config_copy = page_alloc(cell->config_pages);
	if (!cell->config_copy)
		return -ENOMEM;
	if (cell_read_guest(&root_cell, gpa, cell->config_copy, size)) {
		printk("cell create: config [0x%lx+0x%lx] is not in the root's memory\n",
		       gpa, size);
		return -EINVAL;
	}
	return 0;
}

static int check_config(struct cell *cell, u64 size)
{
	struct cellcfg_view views[MAX_CELLS];
	unsigned int n, count = 0;

	if (cellcfg_parse_cell(cell->config_copy, size, &cell->view, report_issue,
			       NULL))
		return -EINVAL;
	/* Conflicts are reported on the last view: put the new cell last. */
	for (n = 1; n < MAX_CELLS; n++)
		if (cells[n].in_use && &cells[n] != cell)
			views[count++] = cells[n].view;
	views[count++] = cell->view;
	if (cellcfg_check_system(&system_config, views, count, report_issue, NULL))
		return -EINVAL;
	cell->config = cell->view.cell;
	cell->cpu_set = cpu_set_of(&cell->config);
	return 0;
}

/* The cell's CPUs must all have entered the hypervisor and be the root's. */
static int check_cpus(const struct cell *cell)
{
	struct per_cpu *target;
	unsigned int cpu;

	for_each_cpu_in_cell(cpu, cell) {
		target = per_cpu_of(cpu);
		if (!target || target->cell != &root_cell) {
			printk("cell \"%s\": CPU %u does not exist or is not the root's\n",
			       cell_name(cell), cpu);
			return -EBUSY;
		}
		if (target->lost) {
			printk("cell \"%s\": CPU %u is lost (its local APIC could not be reset)\n",
			       cell_name(cell), cpu);
			return -EBUSY;
		}
		if (target == this_cpu()) {
			printk("cell \"%s\": CPU %u makes this call\n", cell_name(cell), cpu);
			return -EBUSY;
		}
	}
	return 0;
}

/* Root memory is mapped 1:1: its guest-physical address is the physical one. */
static int root_unmap(u64 phys, u64 size)
{
	struct xvc_memory_region r = { phys, phys, size, 0 };

	return arch_unmap_memory_region(&root_cell, &r);
}

/*
 * Map [phys, phys + size) back into the root with the root's own rights,
 * but for the ranges the hypervisor intercepts (mmio.c), which keep their
 * protection.  Mapping what was unmapped before needs no new table page.
 */
static int root_remap(u64 phys, u64 size)
{
	const struct xvc_memory_region *mem;
	struct xvc_memory_region r;
	unsigned int n;
	int err;

	for (n = 0; n < root_cell.config.num_memory; n++) {
		mem = &root_cell.config.memory[n];
		r.phys_start = MAX(phys, mem->phys_start);
		r.size = MIN(phys + size, mem->phys_start + mem->size);
		if (r.size <= r.phys_start)
			continue;
		r.size -= r.phys_start;
		r.virt_start = r.phys_start;
		r.flags = mem->flags;
		err = arch_map_memory_region(&root_cell, &r);
		if (err)
			return err;
	}
	err = mmio_reapply(&root_cell, phys, size);
	if (err)
		return err;
	/* Back to the large pages the root had before the cell split them. */
	arch_compact_memory_map(&root_cell, ALIGN_DOWN(phys, 1ULL << 30),
				ALIGN_UP(phys + size, 1ULL << 30) - ALIGN_DOWN(phys, 1ULL << 30));
	return 0;
}

/*
 * The root's map changed: every root CPU flushes its TLB before table
 * pages the map gave up can be handed out again.
 */
static void root_map_changed(void)
{
	cell_request_sync(&root_cell, CPU_REQ_FLUSH_TLB);
	arch_release_freed_tables(&root_cell);
}

/* Which of a cell's regions the root loses while the cell exists. */
static bool taken_from_root(const struct xvc_memory_region *mem)
{
	return !(mem->flags & (XVC_MEM_COMM_REGION | XVC_MEM_ROOTSHARED));
}

/* Which of them it loses now: all, or only the loadable ones (loading). */
static bool region_selected(const struct xvc_memory_region *mem, bool loadable)
{
	return taken_from_root(mem) && (!loadable || (mem->flags & XVC_MEM_LOADABLE));
}

static void give_regions_to_root(struct cell *cell, unsigned int count,
				 bool loadable)
{
	const struct xvc_memory_region *mem;
	unsigned int n;

	for (n = 0; n < count; n++) {
		mem = &cell->config.memory[n];
		if (region_selected(mem, loadable) &&
		    root_remap(mem->phys_start, mem->size))
			printk("cell \"%s\": memory region %u could not be mapped back into the root\n",
			       cell_name(cell), n);
	}
}

/*
 * Unmapping may need pages to split the root's large pages.  If the pool
 * runs short, what was taken goes back and nothing has changed.
 */
static int take_regions_from_root(struct cell *cell, bool loadable)
{
	const struct xvc_memory_region *mem;
	unsigned int n;
	int err;

	for (n = 0; n < cell->config.num_memory; n++) {
		mem = &cell->config.memory[n];
		if (!region_selected(mem, loadable))
			continue;
		err = root_unmap(mem->phys_start, mem->size);
		if (err) {
			printk("cell \"%s\": memory region %u cannot be taken from the root: %s\n",
			       cell_name(cell), n, errno_name(err));
			give_regions_to_root(cell, n + 1, loadable);
			root_map_changed();
			return err;
		}
	}
	root_map_changed();
	return 0;
}

static unsigned int count_cpus(u64 set)
{
	unsigned int n = 0;

	for (; set; set &= set - 1)
		n++;
	return n;
}

static int map_comm_page(struct cell *cell, const struct xvc_memory_region *mem)
{
	const struct xvc_platform *plat = &system_config.system->platform;
	struct xvc_comm_region *comm = page_alloc(1);
	struct xvc_memory_region r = *mem;

	if (!comm)
		return -ENOMEM;
	cell->comm_page = comm;
	memcpy(comm->signature, XVC_COMM_SIGNATURE, sizeof(comm->signature));
	comm->revision = XVC_COMM_REVISION;
	comm->cell_state = XVC_CELL_CREATED;
	comm->tsc_khz = plat->tsc_khz;
	comm->apic_khz = plat->apic_khz;
	comm->pm_timer_port = plat->pm_timer_port;
	comm->num_cpus = count_cpus(cell->cpu_set);
	comm->console = cell->config.desc->console;
	r.phys_start = hv_virt_to_phys(comm);
	return arch_map_memory_region(cell, &r);
}

static int map_cell_regions(struct cell *cell)
{
	const struct xvc_memory_region *mem;
	unsigned int n;
	int err;

	for (n = 0; n < cell->config.num_memory; n++) {
		mem = &cell->config.memory[n];
		if (mem->flags & XVC_MEM_COMM_REGION)
			err = map_comm_page(cell, mem);
		else if (!root_owns(mem->phys_start, mem->size, 0))
			err = -EINVAL;
		else
			err = arch_map_memory_region(cell, mem);
		if (err) {
			printk("cell \"%s\": cannot map memory region %u: %s\n",
			       cell_name(cell), n, errno_name(err));
			return err;
		}
	}
	return arch_map_platform_pages(cell);
}

static void free_cell(struct cell *cell)
{
	arch_cell_destroy(cell);
	page_free(cell->comm_page, 1);
	page_free(cell->config_copy, cell->config_pages);
	memset(cell, 0, sizeof(*cell));
}

static struct cell *free_slot(void)
{
	unsigned int n;

	for (n = 1; n < MAX_CELLS; n++)
		if (!cells[n].in_use)
			return &cells[n];
	return NULL;
}

/*
 * A parked CPU changes hands.  Its exit counters start again, so that a
 * cell's statistics are its own and not what the root did on that CPU.
 */
static void give_cpu(struct per_cpu *target, struct cell *cell)
{
	target->cell = cell;
	memset(target->stats, 0, sizeof(target->stats));
}

/* Take the cell's devices, memory, ports and CPUs from the root, or nothing. */
static int take_from_root(struct cell *cell)
{
	struct per_cpu *target;
	unsigned int cpu;
	int err;

	/* Devices first: the root's map change below flushes for both. */
	err = pci_cell_take_devices(cell);
	if (err)
		return err;
	err = take_regions_from_root(cell, false);
	if (err) {
		pci_cell_return_devices(cell);
		return err;
	}
	for_each_cpu_in_cell(cpu, cell) {
		target = per_cpu_of(cpu);
		cpu_request_sync(target, CPU_REQ_PARK);
		give_cpu(target, cell);
		root_cell.cpu_set &= ~(1ULL << cpu);
	}
	arch_cell_update_permissions(&root_cell);
	return 0;
}

long cell_create(struct per_cpu *pc, u64 config_gpa, u64 size)
{
	struct cell *cell = free_slot();
	int err;

	if (!cell) {
		printk("cell create: all %u cell slots in use\n", MAX_CELLS - 1);
		return -ENOSPC;
	}
	cell->id = cell - cells;
	err = copy_config(cell, config_gpa, size);
	if (!err)
		err = check_config(cell, size);
	if (!err)
		err = check_cpus(cell);
	if (!err)
		err = arch_cell_create(cell);
	if (err) {
		page_free(cell->config_copy, cell->config_pages);
		memset(cell, 0, sizeof(*cell));
		return err;
	}
	cell->in_use = true;
	err = map_cell_regions(cell);
	if (!err)
		err = take_from_root(cell);
	if (err) {
		free_cell(cell);
		return err;
	}
	cell->state = XVC_CELL_CREATED;
	printk("cell \"%s\" created: id %u, CPUs 0x%lx, %u memory regions\n",
	       cell_name(cell), cell->id, cell->cpu_set, cell->config.num_memory);
	return cell->id;
}

bool pio_taken_by_cell(u32 port)
{
	const struct xvc_pio_range *r;
	unsigned int c, n;

	for (c = 1; c < MAX_CELLS; c++) {
		if (!cells[c].in_use)
			continue;
		for (n = 0; n < cells[c].config.num_pio; n++) {
			r = &cells[c].config.pio[n];
			if (port >= r->start && port - r->start < r->length)
				return true;
		}
	}
	return false;
}

static struct cell *non_root_cell(unsigned int id)
{
	struct cell *cell = cell_by_id(id);

	return cell && cell != &root_cell ? cell : NULL;
}

/* Clear the memory of @cell that the root gets to see again. */
static void scrub_regions(struct cell *cell, bool loadable)
{
	const struct xvc_memory_region *mem;
	unsigned int n;

	for (n = 0; n < cell->config.num_memory; n++) {
		mem = &cell->config.memory[n];
		if (region_selected(mem, loadable) && !(mem->flags & XVC_MEM_IO))
			memset(phys_to_virt(mem->phys_start), 0, mem->size);
	}
}

long cell_set_loadable(unsigned int id)
{
	struct cell *cell = non_root_cell(id);

	if (!cell)
		return -ENOENT;
	if (cell->state == XVC_CELL_LOADING)
		return 0;
	if (cell->state != XVC_CELL_CREATED && cell->state != XVC_CELL_SHUT_DOWN &&
	    cell->state != XVC_CELL_FAILED)
		return -EBUSY;
	/* A cell that ran before is stopped for good before it is reloaded. */
	cell_request_sync(cell, CPU_REQ_PARK);
	/* What it left in its memory is not for the root to read. */
	if (cell->has_run)
		scrub_regions(cell, true);
	give_regions_to_root(cell, cell->config.num_memory, true);
	root_map_changed();
	cell->state = XVC_CELL_LOADING;
	return 0;
}

long cell_start(unsigned int id)
{
	struct cell *cell = non_root_cell(id);
	int err;

	if (!cell)
		return -ENOENT;
	if (cell->state == XVC_CELL_RUNNING || cell->state == XVC_CELL_RUNNING_LOCKED)
		return -EBUSY;
	cell_request_sync(cell, CPU_REQ_PARK);
	if (cell->state == XVC_CELL_LOADING) {
		err = take_regions_from_root(cell, true);
		if (err)
			return err;
	}
	if (cell->comm_page) {
		cell->comm_page->cell_state = XVC_CELL_RUNNING;
		cell->comm_page->msg_to_cell = XVC_MSG_NONE;
		cell->comm_page->reply_from_cell = XVC_REPLY_NONE;
	}
	cell->state = XVC_CELL_RUNNING;
	cell->has_run = true;
	printk("cell \"%s\" started\n", cell_name(cell));
	cell_request_sync(cell, CPU_REQ_START);
	return 0;
}

long cell_shutdown(unsigned int id)
{
	struct cell *cell = non_root_cell(id);

	if (!cell)
		return -ENOENT;
	if (cell->state != XVC_CELL_RUNNING)
		return cell->state == XVC_CELL_SHUT_DOWN ? 0 : -EINVAL;
	if (!cell->comm_page)
		return -ENOSYS;
	cell->comm_page->reply_from_cell = XVC_REPLY_NONE;
	cell->comm_page->msg_to_cell = XVC_MSG_SHUTDOWN_REQUEST;
	return 0;
}

/* A running cell's answer to a shutdown request decides its state. */
static void poll_shutdown_reply(struct cell *cell)
{
	struct xvc_comm_region *comm = cell->comm_page;

	if (!comm || comm->msg_to_cell != XVC_MSG_SHUTDOWN_REQUEST)
		return;
	if (comm->reply_from_cell == XVC_REPLY_APPROVED) {
		cell_request_sync(cell, CPU_REQ_PARK);
		comm->msg_to_cell = XVC_MSG_NONE;
		cell->state = XVC_CELL_SHUT_DOWN;
		printk("cell \"%s\" shut down\n", cell_name(cell));
	} else if (comm->reply_from_cell == XVC_REPLY_DENIED) {
		comm->msg_to_cell = XVC_MSG_NONE;
		cell->state = XVC_CELL_RUNNING_LOCKED;
	}
}

long cell_peek_state(unsigned int id)
{
	struct cell *cell = cell_by_id(id);

	return cell ? (long)READ_ONCE(cell->state) : -ENOENT;
}

long cell_get_state(unsigned int id)
{
	struct cell *cell = cell_by_id(id);
	long state;

	if (!cell)
		return -ENOENT;
	if (cell != &root_cell && cell->state == XVC_CELL_RUNNING)
		poll_shutdown_reply(cell);
	state = cell->state;
	/* "Locked" is the answer to one request; the cell runs on. */
	if (state == XVC_CELL_RUNNING_LOCKED)
		cell->state = XVC_CELL_RUNNING;
	return state;
}

void cell_failed(struct cell *cell)
{
	struct per_cpu *target, *self = this_cpu();
	unsigned int cpu;

	cell->state = XVC_CELL_FAILED;
	if (cell->comm_page)
		cell->comm_page->cell_state = XVC_CELL_FAILED;
	/* Its devices stop with it: no DMA or interrupt from a dead cell. */
	pci_cell_quiesce_devices(cell);
	/* Stop the others without waiting: one may be failing right now too. */
	for_each_cpu_in_cell(cpu, cell) {
		target = per_cpu_of(cpu);
		if (target && target != self)
			cpu_request_async(target, CPU_REQ_PARK);
	}
}

long cell_destroy(unsigned int id)
{
	struct cell *cell = non_root_cell(id);
	struct per_cpu *target;
	unsigned int cpu;

	if (!cell)
		return id == 0 ? -EPERM : -ENOENT;
	cell_request_sync(cell, CPU_REQ_PARK);
	/*
	 * No more DMA into the memory about to be scrubbed and given back;
	 * what the devices were refused until now is still the cell's doing.
	 */
	pci_cell_quiesce_devices(cell);
	arch_iommu_report_faults();
	pci_cell_return_devices(cell);
	scrub_regions(cell, false);
	give_regions_to_root(cell, cell->config.num_memory, false);
	/* The CPUs wait, parked, for Linux to bring them up by INIT/SIPI. */
	for_each_cpu_in_cell(cpu, cell) {
		target = per_cpu_of(cpu);
		give_cpu(target, &root_cell);
		target->state = target->lost ? XVC_CPU_FAILED : XVC_CPU_PARKED;
		root_cell.cpu_set |= 1ULL << cpu;
	}
	printk("cell \"%s\" destroyed\n", cell_name(cell));
	free_cell(cell);
	arch_cell_update_permissions(&root_cell);
	root_map_changed();
	return 0;
}
