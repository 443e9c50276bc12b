// SPDX-License-Identifier: GPL-2.0-only
/*
 * xvcell driver: module entry, /dev/xvcell and /sys/devices/xvcell.
 *
 * Loading the module only probes the CPU; nothing changes on the machine
 * until the user enables the hypervisor (XVC_IOCTL_ENABLE).
 */
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/uaccess.h>

#include <xvcell/hypercall.h>
#include <xvcell/ioctl.h>

#include "xvcell.h"

struct xvc_state xvc = {
	.lock = __MUTEX_INITIALIZER(xvc.lock),
};

static struct device *xvc_root_dev;

static const char *vendor_summary(const struct xvc_virt_support *vs)
{
	switch (vs->vendor) {
	case XVC_VENDOR_SVM:
		return vs->nested_paging ? "AMD SVM with nested paging" : "AMD SVM";
	case XVC_VENDOR_VMX:
		return vs->nested_paging ? "Intel VMX with EPT" : "Intel VMX";
	default:
		return "no hardware virtualization";
	}
}

/* --- /dev/xvcell ---------------------------------------------------------- */

static int get_cell_id(unsigned long arg, unsigned int *id)
{
	struct xvc_cell_id_arg a;

	if (copy_from_user(&a, (void __user *)arg, sizeof(a)))
		return -EFAULT;
	if (a.reserved)
		return -EINVAL;
	*id = a.cell_id;
	return 0;
}

static long xvc_cell_ioctl(unsigned int cmd, unsigned long arg)
{
	struct xvc_cell_load_arg load;
	struct xvc_config_arg carg;
	unsigned int id;
	int err;

	switch (cmd) {
	case XVC_IOCTL_CELL_CREATE:
		if (copy_from_user(&carg, (void __user *)arg, sizeof(carg)))
			return -EFAULT;
		if (carg.reserved)
			return -EINVAL;
		return xvc_cell_create(u64_to_user_ptr(carg.address), carg.size);
	case XVC_IOCTL_CELL_LOAD:
		if (copy_from_user(&load, (void __user *)arg, sizeof(load)))
			return -EFAULT;
		return xvc_cell_load(&load);
	}
	err = get_cell_id(arg, &id);
	if (err)
		return err;
	switch (cmd) {
	case XVC_IOCTL_CELL_START:
		return xvc_cell_start(id);
	case XVC_IOCTL_CELL_SHUTDOWN:
		return xvc_cell_shutdown(id);
	case XVC_IOCTL_CELL_DESTROY:
		return xvc_cell_destroy(id);
	default:
		return -ENOTTY;
	}
}

static long xvc_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct xvc_config_arg carg;

	switch (cmd) {
	case XVC_IOCTL_ENABLE:
		if (copy_from_user(&carg, (void __user *)arg, sizeof(carg)))
			return -EFAULT;
		if (carg.reserved)
			return -EINVAL;
		return xvc_enable(u64_to_user_ptr(carg.address), carg.size);
	case XVC_IOCTL_DISABLE:
		return xvc_disable();
	default:
		return xvc_cell_ioctl(cmd, arg);
	}
}

static ssize_t xvc_read(struct file *file, char __user *buf, size_t count,
			loff_t *pos)
{
	return xvc_console_read(buf, count, pos);
}

static const struct file_operations xvc_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = xvc_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.read = xvc_read,
	.llseek = default_llseek,
};

static struct miscdevice xvc_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "xvcell",
	.fops = &xvc_fops,
	.mode = 0600,
};

/* --- /sys/devices/xvcell -------------------------------------------------- */

static ssize_t virt_support_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", xvc.virt.features);
}
static DEVICE_ATTR_RO(virt_support);

static ssize_t enabled_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%d\n", READ_ONCE(xvc.enabled));
}
static DEVICE_ATTR_RO(enabled);

static long info_hypercall(u64 query)
{
	long ret = -ENODEV;

	mutex_lock(&xvc.lock);
	if (xvc.enabled)
		ret = xvc_hypercall(XVC_HC_HYPERVISOR_INFO, query, 0);
	mutex_unlock(&xvc.lock);
	return ret;
}

static ssize_t mem_pool_show(struct device *dev, struct device_attribute *attr,
			     char *buf, u64 query)
{
	long pages = info_hypercall(query);

	return pages < 0 ? pages : sysfs_emit(buf, "%ld\n", pages);
}

static ssize_t mem_pool_pages_show(struct device *dev,
				   struct device_attribute *attr, char *buf)
{
	return mem_pool_show(dev, attr, buf, XVC_INFO_MEM_POOL_PAGES);
}
static DEVICE_ATTR_RO(mem_pool_pages);

static ssize_t mem_pool_used_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	return mem_pool_show(dev, attr, buf, XVC_INFO_MEM_POOL_USED);
}
static DEVICE_ATTR_RO(mem_pool_used);

static ssize_t mem_used_kib_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	return mem_pool_show(dev, attr, buf, XVC_INFO_MEM_USED_KIB);
}
static DEVICE_ATTR_RO(mem_used_kib);

static ssize_t hypervisor_memory_show(struct device *dev,
				      struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%llu\n", READ_ONCE(xvc.enabled) ? xvc.hv_size : 0);
}
static DEVICE_ATTR_RO(hypervisor_memory);

static const char *const stat_names[] = {
#define XVC_STAT_NAME(name, str) str,
	XVC_STATS(XVC_STAT_NAME)
#undef XVC_STAT_NAME
};

/* One line per CPU in the hypervisor: "cpu N cell ID state S total N io N ..." */
static ssize_t cpu_stats_show(struct device *dev, struct device_attribute *attr,
			      char *buf)
{
	unsigned int cpu, n;
	ssize_t len = 0;

	mutex_lock(&xvc.lock);
	if (!xvc.enabled) {
		mutex_unlock(&xvc.lock);
		return -ENODEV;
	}
	/* Possible, not online: CPUs that cells took are offline for Linux. */
	for_each_possible_cpu(cpu) {
		long cell = xvc_hypercall(XVC_HC_CPU_GET_INFO, cpu, XVC_CPU_INFO_CELL);

		if (cell < 0)
			continue;
		len += sysfs_emit_at(buf, len, "cpu %u cell %ld state %ld", cpu, cell,
				     xvc_hypercall(XVC_HC_CPU_GET_INFO, cpu, XVC_CPU_INFO_STATE));
		for (n = 0; n < XVC_NUM_STATS; n++)
			len += sysfs_emit_at(buf, len, " %s %ld", stat_names[n],
					     xvc_hypercall(XVC_HC_CPU_GET_INFO, cpu,
							   XVC_CPU_INFO_STAT(n)));
		len += sysfs_emit_at(buf, len, "\n");
	}
	mutex_unlock(&xvc.lock);
	return len;
}
static DEVICE_ATTR_RO(cpu_stats);

static ssize_t cells_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	return xvc_cells_show(buf);
}
static DEVICE_ATTR_RO(cells);

static struct attribute *xvc_root_attrs[] = {
	&dev_attr_cells.attr,
	&dev_attr_virt_support.attr,
	&dev_attr_enabled.attr,
	&dev_attr_mem_pool_pages.attr,
	&dev_attr_mem_pool_used.attr,
	&dev_attr_mem_used_kib.attr,
	&dev_attr_hypervisor_memory.attr,
	&dev_attr_cpu_stats.attr,
	NULL,
};

static const struct attribute_group xvc_root_group = {
	.attrs = xvc_root_attrs,
};

static int __init xvc_init(void)
{
	int err;

	xvc_probe_virt_support(&xvc.virt);
	if (xvc.virt.refusal[0])
		pr_info("xvcell: %s (features: %s): cannot enable: %s\n",
			vendor_summary(&xvc.virt), xvc.virt.features,
			xvc.virt.refusal);
	else
		pr_info("xvcell: %s (features: %s)\n",
			vendor_summary(&xvc.virt), xvc.virt.features);

	xvc_root_dev = root_device_register("xvcell");
	if (IS_ERR(xvc_root_dev)) {
		err = PTR_ERR(xvc_root_dev);
		pr_err("xvcell: cannot register /sys/devices/xvcell: %d\n", err);
		return err;
	}
	err = sysfs_create_group(&xvc_root_dev->kobj, &xvc_root_group);
	if (err) {
		pr_err("xvcell: cannot create sysfs attributes: %d\n", err);
		goto out_root;
	}
	err = xvc_cells_init();
	if (err) {
		pr_err("xvcell: cannot register the CPU hotplug check: %d\n", err);
		goto out_group;
	}
	err = misc_register(&xvc_misc);
	if (err) {
		pr_err("xvcell: cannot register /dev/xvcell: %d\n", err);
		goto out_cells;
	}
	return 0;

out_cells:
	xvc_cells_exit();
out_group:
	sysfs_remove_group(&xvc_root_dev->kobj, &xvc_root_group);
out_root:
	root_device_unregister(xvc_root_dev);
	return err;
}

static void __exit xvc_exit(void)
{
	misc_deregister(&xvc_misc);
	xvc_cells_exit();
	sysfs_remove_group(&xvc_root_dev->kobj, &xvc_root_group);
	root_device_unregister(xvc_root_dev);
	kfree(xvc.saved_console);
}

module_init(xvc_init);
module_exit(xvc_exit);

MODULE_DESCRIPTION("xvcell static partitioning hypervisor driver");
MODULE_LICENSE("GPL");
MODULE_FIRMWARE(XVC_HV_FIRMWARE);
