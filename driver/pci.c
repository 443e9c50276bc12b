// SPDX-License-Identifier: GPL-2.0-only
/*
 * PCI devices that cells take from Linux and give back.
 *
 * A cell's device must be out of Linux's hands before the hypervisor hands
 * it to the cell: no driver may touch it and no kernel object may describe
 * it, or Linux would program a device another OS owns.  The driver unbinds
 * it and removes it from Linux's view; when the cell ends, it scans that
 * one function again so Linux rediscovers it as new.  Quiescing the
 * device (no DMA, no interrupt) and restoring its BARs and command
 * register is the hypervisor's part, done before the cell's memory is
 * scrubbed; then the driver resets the function (FLR, or whatever reset
 * Linux knows for it) before any Linux driver may bind to it, so that
 * nothing the cell programmed into the device outlives the cell.
 *
 * A cell ends only through xvc_cell_destroy() (or a create that fails):
 * disable refuses while cells exist, and the module cannot be unloaded
 * while the hypervisor is enabled.
 */
#include <linux/device.h>
#include <linux/iommu.h>
#include <linux/pci.h>

#include <cellcfg.h>

#include "xvcell.h"

/* How messages name a device of a cell config: 0000:00:0a.0 as lspci does. */
#define XVC_PCI_FMT		"%04x:%02x:%02x.%x"
#define XVC_PCI_ARGS(d)		(d)->domain, PCI_BUS_NUM((d)->bdf), \
				PCI_SLOT((d)->bdf & 0xff), PCI_FUNC((d)->bdf & 0xff)

/*
 * The name of the driver bound to @pdev, copied while the device lock
 * keeps that driver bound: its module may go as soon as it lets go.
 */
static bool bound_driver(struct pci_dev *pdev, char *name, size_t size)
{
	bool bound;

	device_lock(&pdev->dev);
	bound = pdev->dev.driver;
	if (bound)
		strscpy(name, pdev->dev.driver->name, size);
	device_unlock(&pdev->dev);
	return bound;
}

/* A Linux driver that still runs the device would fight the cell for it. */
static int unbind_driver(struct pci_dev *pdev, const struct xvc_pci_device *d,
			 const char *cell)
{
	char name[64];

	if (!bound_driver(pdev, name, sizeof(name)))
		return 0;
	device_release_driver(&pdev->dev);
	if (bound_driver(pdev, name, sizeof(name))) {
		pr_err("xvcell: cell \"%s\": PCI device " XVC_PCI_FMT " is still bound to driver %s\n",
		       cell, XVC_PCI_ARGS(d), name);
		return -EBUSY;
	}
	pr_info("xvcell: cell \"%s\": PCI device " XVC_PCI_FMT ": unbound driver %s\n",
		cell, XVC_PCI_ARGS(d), name);
	return 0;
}

/*
 * Where the system config leaves the IOMMUs to Linux, a function that
 * Linux's IOMMU translates would lose its DMA with Linux's domain and
 * have its messages blocked by Linux's interrupt remapping: a cell would
 * own a device that cannot work.  Refused before anything changes.
 * Where the hypervisor drives them (an AMD-Vi unit taken over from a
 * Linux booted with iommu=pt), Linux's groups are bookkeeping only: the
 * hypervisor's device table decides.
 */
static int check_not_behind_linux_iommu(struct pci_dev *pdev,
					const struct xvc_pci_device *d,
					const char *cell)
{
	struct iommu_group *group;

	if (xvc.num_iommus)
		return 0;
	group = iommu_group_get(&pdev->dev);
	if (!group)
		return 0;
	pr_err("xvcell: cell \"%s\": PCI device " XVC_PCI_FMT " is behind an IOMMU that Linux drives (IOMMU group %d): a cell's device would get neither DMA nor interrupts there; list the unit in the system config for the hypervisor to drive (Documentation/hypervisor.md, DMA remapping, Set-up)\n",
	       cell, XVC_PCI_ARGS(d), iommu_group_id(group));
	iommu_group_put(group);
	return -EOPNOTSUPP;
}

static int take_device(const struct xvc_pci_device *d, const char *cell)
{
	struct pci_dev *pdev;
	int err;

	pdev = pci_get_domain_bus_and_slot(d->domain, PCI_BUS_NUM(d->bdf),
					   d->bdf & 0xff);
	if (!pdev) {
		pr_err("xvcell: cell \"%s\": PCI device " XVC_PCI_FMT " is not present in Linux\n",
		       cell, XVC_PCI_ARGS(d));
		return -ENODEV;
	}
	err = check_not_behind_linux_iommu(pdev, d, cell);
	if (!err)
		err = unbind_driver(pdev, d, cell);
	if (!err) {
		/* Frees its BARs in Linux's resource tree and its sysfs entry. */
		pci_stop_and_remove_bus_device_locked(pdev);
		pr_info("xvcell: cell \"%s\": took PCI device " XVC_PCI_FMT " from Linux\n",
			cell, XVC_PCI_ARGS(d));
	}
	pci_dev_put(pdev);
	return err;
}

/*
 * Keep the BARs where the device has them (the hypervisor restored what
 * Linux had programmed): left unclaimed, Linux would move them to the
 * first free gap of the bridge window.  A BAR that cannot be claimed
 * (its range was given to another device meanwhile) is assigned anew.
 */
static void claim_bars(struct pci_dev *pdev)
{
	struct resource *res;
	int bar;

	for (bar = 0; bar < PCI_STD_NUM_BARS; bar++) {
		res = &pdev->resource[bar];
		if (res->flags && !res->parent && !(res->flags & IORESOURCE_UNSET))
			pci_claim_resource(pdev, bar);
	}
}

/*
 * Linux's reset keeps the config state it just read (the BARs and decode
 * the hypervisor restored) across the reset.  Linux picks the method: a
 * function-level reset where the device has one, else a power-management
 * or bus reset where those work; some devices have none.
 */
static void reset_device(struct pci_dev *pdev, const struct xvc_pci_device *d,
			 const char *cell)
{
	int err = pci_reset_function(pdev);

	if (!err)
		pr_info("xvcell: cell \"%s\": PCI device " XVC_PCI_FMT " reset\n",
			cell, XVC_PCI_ARGS(d));
	else if (err == -ENOTTY)
		pr_info("xvcell: cell \"%s\": PCI device " XVC_PCI_FMT " has no reset Linux can use: given back quiesced, not reset\n",
			cell, XVC_PCI_ARGS(d));
	else
		pr_warn("xvcell: cell \"%s\": PCI device " XVC_PCI_FMT ": reset failed (%d): given back quiesced, not reset\n",
			cell, XVC_PCI_ARGS(d), err);
}

/*
 * Scan only this function: a scan of its whole bus would also bring back
 * functions that other cells still own.  Under the rescan/remove lock.
 */
static struct pci_dev *rescan_device(const struct xvc_pci_device *d,
				     const char *cell)
{
	struct pci_bus *bus = pci_find_bus(d->domain, PCI_BUS_NUM(d->bdf));
	struct pci_dev *pdev;

	if (!bus)
		return NULL;
	pdev = pci_scan_single_device(bus, d->bdf & 0xff);
	if (!pdev)
		return NULL;
	claim_bars(pdev);
	pci_assign_unassigned_bus_resources(bus);
	/* Added to Linux, but no driver matches it before the next step. */
	reset_device(pdev, d, cell);
	/* Adds what is new on the bus and lets drivers probe it. */
	pci_bus_add_devices(bus);
	return pdev;
}

static void give_back_device(const struct xvc_pci_device *d, const char *cell)
{
	struct pci_dev *pdev;

	pci_lock_rescan_remove();
	pdev = rescan_device(d, cell);
	pci_unlock_rescan_remove();
	if (pdev)
		pr_info("xvcell: cell \"%s\": gave PCI device " XVC_PCI_FMT " back to Linux\n",
			cell, XVC_PCI_ARGS(d));
	else
		pr_err("xvcell: cell \"%s\": PCI device " XVC_PCI_FMT " did not come back to Linux: not found on its bus\n",
		       cell, XVC_PCI_ARGS(d));
}

/* Gives the first @count devices of @c back, in reverse order. */
void xvc_pci_give_back(const struct cellcfg_cell *c, u32 count, const char *cell)
{
	while (count--)
		give_back_device(&c->pci[count], cell);
}

/* Takes all of @c's devices from Linux, or none. */
int xvc_pci_take(const struct cellcfg_cell *c, const char *cell)
{
	u32 n;
	int err;

	for (n = 0; n < c->num_pci; n++) {
		err = take_device(&c->pci[n], cell);
		if (err) {
			xvc_pci_give_back(c, n, cell);
			return err;
		}
	}
	return 0;
}
