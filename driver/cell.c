// SPDX-License-Identifier: GPL-2.0-only
/*
 * Non-root cells, as the driver sees them: the CPUs and PCI devices it
 * takes from Linux for a cell and gives back, the images it copies in, and
 * a record per cell for listing.  The hypervisor does the isolation; the
 * driver prepares Linux.
 */
#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/delay.h>
#include <linux/io.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <cellcfg.h>
#include <xvcell/hypercall.h>
#include <xvcell/ioctl.h>

#include "xvcell.h"

struct xvc_cell {
	struct list_head list;
	unsigned int id;
	char name[XVC_CELL_NAME_LEN];
	u64 cpu_set;
	void *config;		/* kept: its regions tell where images go */
	struct cellcfg_view view;
};

static LIST_HEAD(cells);

/*
 * CPUs that cells own (from just before they go offline), and those the
 * driver is giving back right now.  Linux must not bring up a CPU a cell
 * owns: cpu_owner_check() refuses it.  Read without xvc.lock because the
 * check runs inside hotplug operations the driver starts under that lock.
 */
static u64 cell_cpus, returning_cpus;
static int cpuhp_state;

static int cpu_owner_check(unsigned int cpu)
{
	u64 bit = cpu < 64 ? BIT_ULL(cpu) : 0;

	if ((READ_ONCE(cell_cpus) & bit) && !(READ_ONCE(returning_cpus) & bit)) {
		pr_err("xvcell: CPU %u belongs to a cell: destroy the cell to get it back\n",
		       cpu);
		return -EBUSY;
	}
	return 0;
}

int xvc_cells_init(void)
{
	int ret = cpuhp_setup_state_nocalls(CPUHP_BP_PREPARE_DYN, "xvcell:cpu-owner",
					    cpu_owner_check, NULL);

	if (ret < 0)
		return ret;
	cpuhp_state = ret;
	return 0;
}

void xvc_cells_exit(void)
{
	cpuhp_remove_state_nocalls(cpuhp_state);
}

static struct xvc_cell *find_cell(unsigned int id)
{
	struct xvc_cell *cell;

	list_for_each_entry(cell, &cells, list)
		if (cell->id == id)
			return cell;
	return NULL;
}

static void report_issue(const struct cellcfg_issue *issue, void *ctx)
{
	char msg[200];

	cellcfg_format(issue, msg, sizeof(msg));
	pr_err("xvcell: cell config: %s\n", msg);
}

static void bring_cpus_back(u64 set)
{
	unsigned int cpu;
	int err;

	WRITE_ONCE(returning_cpus, set);
	for (cpu = 0; cpu < XVC_MAX_CPUS; cpu++) {
		if (!(set & BIT_ULL(cpu)) || cpu_online(cpu))
			continue;
		err = add_cpu(cpu);
		if (err)
			pr_err("xvcell: CPU %u did not come back online: %d\n", cpu, err);
	}
	WRITE_ONCE(cell_cpus, cell_cpus & ~set);
	WRITE_ONCE(returning_cpus, 0);
}

/* Take the cell's CPUs away from Linux; all or none. */
static int take_cpus(u64 set, const char *name)
{
	u64 taken = 0;
	unsigned int cpu;
	int err;

	for (cpu = 0; cpu < XVC_MAX_CPUS; cpu++) {
		if (!(set & BIT_ULL(cpu)))
			continue;
		if (cpu == 0 || cpu >= nr_cpu_ids || !cpu_possible(cpu)) {
			pr_err("xvcell: cell \"%s\": CPU %u %s\n", name, cpu,
			       cpu ? "does not exist" : "stays with Linux (root cell)");
			err = -EINVAL;
			goto undo;
		}
		if (!cpu_online(cpu)) {
			pr_err("xvcell: cell \"%s\": CPU %u is offline or owned by another cell\n",
			       name, cpu);
			err = -EBUSY;
			goto undo;
		}
		/* Claimed before it goes: nobody may bring it back meanwhile. */
		WRITE_ONCE(cell_cpus, cell_cpus | BIT_ULL(cpu));
		taken |= BIT_ULL(cpu);
		err = remove_cpu(cpu);
		if (err) {
			pr_err("xvcell: cell \"%s\": cannot take CPU %u offline: %d\n",
			       name, cpu, err);
			goto undo;
		}
	}
	return 0;
undo:
	bring_cpus_back(taken);
	return err;
}

/* All of the cell's PCI devices, which it no longer owns, back to Linux. */
static void give_devices_back(const struct xvc_cell *cell)
{
	xvc_pci_give_back(&cell->view.cell, cell->view.cell.num_pci, cell->name);
}

int xvc_cell_create(const void __user *uconfig, u32 size)
{
	struct xvc_cell *cell;
	void *config;
	long ret;

	if (size < sizeof(struct xvc_config_header) || size > XVC_CONFIG_MAX_SIZE) {
		pr_err("xvcell: cell config of %u bytes: size out of range\n", size);
		return -EINVAL;
	}
	/* Physically contiguous: the hypervisor reads it by physical address. */
	config = kmalloc(size, GFP_KERNEL);
	cell = kzalloc(sizeof(*cell), GFP_KERNEL);
	ret = -ENOMEM;
	if (!config || !cell)
		goto out_free;
	ret = -EFAULT;
	if (copy_from_user(config, uconfig, size))
		goto out_free;
	ret = -EINVAL;
	if (cellcfg_parse_cell(config, size, &cell->view, report_issue, NULL))
		goto out_free;
	strscpy(cell->name, cell->view.cell.name, sizeof(cell->name));
	cell->cpu_set = cell->view.cell.cpu_set[0];
	if (cell->view.cell.cpu_set_words > 1) {
		pr_err("xvcell: cell \"%s\": CPUs above 63 are not supported\n", cell->name);
		goto out_free;
	}

	mutex_lock(&xvc.lock);
	ret = -ENODEV;
	if (!xvc.enabled) {
		pr_err("xvcell: not enabled\n");
		goto out_unlock;
	}
	ret = take_cpus(cell->cpu_set, cell->name);
	if (ret)
		goto out_unlock;
	/* Linux lets go of the devices before the hypervisor gives them away. */
	ret = xvc_pci_take(&cell->view.cell, cell->name);
	if (ret)
		goto out_cpus;
	ret = xvc_hypercall(XVC_HC_CELL_CREATE, virt_to_phys(config), size);
	if (ret < 0) {
		pr_err("xvcell: the hypervisor refused cell \"%s\": %ld ('xvcell console' says why)\n",
		       cell->name, ret);
		give_devices_back(cell);
		goto out_cpus;
	}
	cell->id = ret;
	cell->config = config;
	list_add_tail(&cell->list, &cells);
	pr_info("xvcell: cell \"%s\" created with id %u\n", cell->name, cell->id);
	mutex_unlock(&xvc.lock);
	return cell->id;

out_cpus:
	bring_cpus_back(cell->cpu_set);
out_unlock:
	mutex_unlock(&xvc.lock);
out_free:
	kfree(cell);
	kfree(config);
	return ret;
}

/* Where guest-physical [target, target + size) of a cell is, if loadable. */
static int loadable_phys(const struct xvc_cell *cell, u64 target, u64 size, u64 *phys)
{
	const struct cellcfg_cell *c = &cell->view.cell;
	const struct xvc_memory_region *mem;
	u32 n;

	for (n = 0; n < c->num_memory; n++) {
		mem = &c->memory[n];
		if (!(mem->flags & XVC_MEM_LOADABLE) || target < mem->virt_start ||
		    target + size < target || target + size > mem->virt_start + mem->size)
			continue;
		*phys = mem->phys_start + (target - mem->virt_start);
		return 0;
	}
	return -EINVAL;
}

static int check_image(const struct xvc_cell *cell, const struct xvc_image *img,
		       unsigned int index, u64 *phys)
{
	if (img->size && !loadable_phys(cell, img->target, img->size, phys))
		return 0;
	pr_err("xvcell: cell \"%s\": image %u [0x%llx+0x%llx] does not fit in a loadable region\n",
	       cell->name, index, img->target, img->size);
	return -EINVAL;
}

static int load_image(const struct xvc_cell *cell, const struct xvc_image *img,
		      unsigned int index)
{
	void *dst;
	u64 phys;
	int err = check_image(cell, img, index, &phys);

	if (err)
		return err;
	dst = memremap(phys, img->size, MEMREMAP_WB);
	if (!dst)
		return -ENOMEM;
	if (copy_from_user(dst, u64_to_user_ptr(img->source), img->size))
		err = -EFAULT;
	memunmap(dst);
	return err;
}

int xvc_cell_load(const struct xvc_cell_load_arg *arg)
{
	struct xvc_image *images;
	struct xvc_cell *cell;
	unsigned int n;
	long ret;

	if (!arg->num_images || arg->num_images > XVC_MAX_IMAGES)
		return -EINVAL;
	images = kcalloc(arg->num_images, sizeof(*images), GFP_KERNEL);
	if (!images)
		return -ENOMEM;
	ret = -EFAULT;
	if (copy_from_user(images, u64_to_user_ptr(arg->images),
			   arg->num_images * sizeof(*images)))
		goto out;

	mutex_lock(&xvc.lock);
	ret = -ENOENT;
	cell = find_cell(arg->cell_id);
	if (!cell) {
		pr_err("xvcell: no cell with id %u\n", arg->cell_id);
		goto out_unlock;
	}
	ret = 0;
	/* Refuse before anything changes. */
	for (n = 0; n < arg->num_images && !ret; n++)
		ret = check_image(cell, &images[n], n, &(u64){ 0 });
	if (ret)
		goto out_unlock;
	ret = xvc_hypercall(XVC_HC_CELL_SET_LOADABLE, cell->id, 0);
	if (ret) {
		pr_err("xvcell: cell \"%s\" cannot be loaded now (%ld): it is running\n",
		       cell->name, ret);
		goto out_unlock;
	}
	for (n = 0; n < arg->num_images && !ret; n++)
		ret = load_image(cell, &images[n], n);
out_unlock:
	mutex_unlock(&xvc.lock);
out:
	kfree(images);
	return ret;
}

static struct xvc_cell *locked_cell(unsigned int id)
{
	struct xvc_cell *cell = find_cell(id);

	if (!cell)
		pr_err("xvcell: no cell with id %u%s\n", id,
		       id == 0 ? " (the root cell cannot be managed)" : "");
	return cell;
}

int xvc_cell_start(unsigned int id)
{
	struct xvc_cell *cell;
	long ret = -ENOENT;

	mutex_lock(&xvc.lock);
	cell = locked_cell(id);
	if (cell) {
		ret = xvc_hypercall(XVC_HC_CELL_START, id, 0);
		if (ret == -EBUSY)
			pr_err("xvcell: cell \"%s\" is already running\n", cell->name);
		else if (ret)
			pr_err("xvcell: cell \"%s\" did not start: %ld\n", cell->name, ret);
	}
	mutex_unlock(&xvc.lock);
	return ret;
}

/* Ask the cell to shut down and wait up to a second for its answer. */
int xvc_cell_shutdown(unsigned int id)
{
	struct xvc_cell *cell;
	long ret = -ENOENT, state;
	int tries;

	mutex_lock(&xvc.lock);
	cell = locked_cell(id);
	if (!cell)
		goto out;
	ret = xvc_hypercall(XVC_HC_CELL_SHUTDOWN, id, 0);
	if (ret == -ENOSYS) {
		pr_err("xvcell: cell \"%s\" has no comm region to be asked through; 'xvcell cell destroy' stops it\n",
		       cell->name);
		goto out;
	} else if (ret) {
		pr_err("xvcell: cell \"%s\" is not running (%ld)\n", cell->name, ret);
		goto out;
	}
	for (tries = 0; tries < 100; tries++) {
		state = xvc_hypercall(XVC_HC_CELL_GET_STATE, id, 0);
		if (state == XVC_CELL_SHUT_DOWN)
			goto out;
		if (state == XVC_CELL_RUNNING_LOCKED) {
			pr_err("xvcell: cell \"%s\" refused to shut down; 'xvcell cell destroy' forces it\n",
			       cell->name);
			ret = -EBUSY;
			goto out;
		}
		msleep(10);
	}
	pr_err("xvcell: cell \"%s\" did not answer the shutdown request; 'xvcell cell destroy' forces it\n",
	       cell->name);
	ret = -ETIMEDOUT;
out:
	mutex_unlock(&xvc.lock);
	return ret;
}

int xvc_cell_destroy(unsigned int id)
{
	struct xvc_cell *cell;
	long ret = -ENOENT;

	mutex_lock(&xvc.lock);
	cell = locked_cell(id);
	if (cell) {
		ret = xvc_hypercall(XVC_HC_CELL_DESTROY, id, 0);
		if (ret) {
			pr_err("xvcell: the hypervisor refused to destroy cell \"%s\": %ld\n",
			       cell->name, ret);
		} else {
			list_del(&cell->list);
			/* The hypervisor has quiesced the devices: Linux may have them. */
			give_devices_back(cell);
			bring_cpus_back(cell->cpu_set);
			pr_info("xvcell: cell \"%s\" destroyed\n", cell->name);
			kfree(cell->config);
			kfree(cell);
		}
	}
	mutex_unlock(&xvc.lock);
	return ret;
}

static const char *const state_names[] = XVC_CELL_STATE_NAMES;

static int print_cpus(char *buf, int len, u64 set)
{
	int n = 0;
	unsigned int cpu;

	if (!set)
		return sysfs_emit_at(buf, len, " -");
	for (cpu = 0; cpu < XVC_MAX_CPUS; cpu++)
		if (set & BIT_ULL(cpu))
			n += sysfs_emit_at(buf, len + n, "%s%u", n ? "," : " ", cpu);
	return n;
}

/* "ID NAME STATE CPUS FAILED-CPUS" per cell, the root first. */
ssize_t xvc_cells_show(char *buf)
{
	struct xvc_cell *cell;
	u64 cells_cpus = 0, failed;
	unsigned int cpu;
	long state;
	int len = 0;

	mutex_lock(&xvc.lock);
	if (!xvc.enabled)
		goto out;
	list_for_each_entry(cell, &cells, list)
		cells_cpus |= cell->cpu_set;
	len += sysfs_emit_at(buf, len, "0 %s running", xvc.root_name);
	len += print_cpus(buf, len, xvc.root_cpus & ~cells_cpus);
	len += sysfs_emit_at(buf, len, " -\n");
	list_for_each_entry(cell, &cells, list) {
		state = xvc_hypercall(XVC_HC_CELL_GET_STATE, cell->id, 0);
		failed = 0;
		for (cpu = 0; cpu < XVC_MAX_CPUS; cpu++)
			if ((cell->cpu_set & BIT_ULL(cpu)) &&
			    xvc_hypercall(XVC_HC_CPU_GET_INFO, cpu, XVC_CPU_INFO_STATE) ==
			    XVC_CPU_FAILED)
				failed |= BIT_ULL(cpu);
		len += sysfs_emit_at(buf, len, "%u %s %s", cell->id, cell->name,
				     state >= 0 && state < ARRAY_SIZE(state_names) ?
				     state_names[state] : "unknown");
		len += print_cpus(buf, len, cell->cpu_set);
		len += print_cpus(buf, len, failed);
		len += sysfs_emit_at(buf, len, "\n");
	}
out:
	mutex_unlock(&xvc.lock);
	return len;
}

unsigned int xvc_cell_count(void)
{
	return list_count_nodes(&cells);
}
