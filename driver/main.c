// SPDX-License-Identifier: GPL-2.0-only
/*
 * xvcell driver: module entry, the /sys/devices/xvcell directory.
 *
 * Loading the module only probes the CPU; nothing changes on the machine
 * until the user enables the hypervisor.
 */
#include <linux/device.h>
#include <linux/module.h>
#include <linux/sysfs.h>

#include "virt-support.h"

static struct device *xvc_root_dev;
static struct xvc_virt_support xvc_virt;

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

static ssize_t virt_support_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", xvc_virt.features);
}
static DEVICE_ATTR_RO(virt_support);

static ssize_t enabled_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "0\n");
}
static DEVICE_ATTR_RO(enabled);

static struct attribute *xvc_root_attrs[] = {
	&dev_attr_virt_support.attr,
	&dev_attr_enabled.attr,
	NULL,
};

static const struct attribute_group xvc_root_group = {
	.attrs = xvc_root_attrs,
};

static int __init xvc_init(void)
{
	int err;

	xvc_probe_virt_support(&xvc_virt);
	if (xvc_virt.refusal[0])
		pr_info("xvcell: %s (features: %s): cannot enable: %s\n",
			vendor_summary(&xvc_virt), xvc_virt.features,
			xvc_virt.refusal);
	else
		pr_info("xvcell: %s (features: %s)\n",
			vendor_summary(&xvc_virt), xvc_virt.features);

	xvc_root_dev = root_device_register("xvcell");
	if (IS_ERR(xvc_root_dev)) {
		err = PTR_ERR(xvc_root_dev);
		pr_err("xvcell: cannot register /sys/devices/xvcell: %d\n", err);
		return err;
	}

	err = sysfs_create_group(&xvc_root_dev->kobj, &xvc_root_group);
	if (err) {
		pr_err("xvcell: cannot create sysfs attributes: %d\n", err);
		root_device_unregister(xvc_root_dev);
		return err;
	}
	return 0;
}

static void __exit xvc_exit(void)
{
	sysfs_remove_group(&xvc_root_dev->kobj, &xvc_root_group);
	root_device_unregister(xvc_root_dev);
}

module_init(xvc_init);
module_exit(xvc_exit);

MODULE_DESCRIPTION("xvcell static partitioning hypervisor driver");
MODULE_LICENSE("GPL");
