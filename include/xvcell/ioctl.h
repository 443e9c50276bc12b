/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ioctls of /dev/xvcell: the one definition shared by driver and tools.
 * read() on /dev/xvcell returns the hypervisor console (the file position
 * counts bytes ever written; what the ring no longer holds is skipped).
 */
#ifndef XVCELL_IOCTL_H
#define XVCELL_IOCTL_H

#include <xvcell/types.h>
#include <linux/ioctl.h>
#include <xvcell/cell-config.h>

#define XVC_DEVICE		"/dev/xvcell"
#define XVC_SYSFS		"/sys/devices/xvcell"

/* A configuration blob in the caller's memory. */
struct xvc_config_arg {
	uint64_t address;
	uint32_t size;
	uint32_t reserved;
};

/* One image to copy into a cell, at a guest-physical address. */
struct xvc_image {
	uint64_t source;	/* caller's buffer */
	uint64_t size;
	uint64_t target;	/* guest-physical, inside a loadable region */
};

#define XVC_MAX_IMAGES		16

struct xvc_cell_load_arg {
	uint32_t cell_id;
	uint32_t num_images;
	uint64_t images;	/* caller's array of struct xvc_image */
};

struct xvc_cell_id_arg {
	uint32_t cell_id;
	uint32_t reserved;
};

#define XVC_IOCTL_MAGIC		0xc5
#define XVC_IOCTL_ENABLE	_IOW(XVC_IOCTL_MAGIC, 1, struct xvc_config_arg)
#define XVC_IOCTL_DISABLE	_IO(XVC_IOCTL_MAGIC, 2)
/* Returns the new cell's id. */
#define XVC_IOCTL_CELL_CREATE	_IOW(XVC_IOCTL_MAGIC, 3, struct xvc_config_arg)
#define XVC_IOCTL_CELL_LOAD	_IOW(XVC_IOCTL_MAGIC, 4, struct xvc_cell_load_arg)
#define XVC_IOCTL_CELL_START	_IOW(XVC_IOCTL_MAGIC, 5, struct xvc_cell_id_arg)
/* Asks the cell; fails with EBUSY if it refuses, ETIMEDOUT if it is mute. */
#define XVC_IOCTL_CELL_SHUTDOWN	_IOW(XVC_IOCTL_MAGIC, 6, struct xvc_cell_id_arg)
#define XVC_IOCTL_CELL_DESTROY	_IOW(XVC_IOCTL_MAGIC, 7, struct xvc_cell_id_arg)

/*
 * /sys/devices/xvcell/cells lists one cell per line:
 *   ID NAME STATE CPUS FAILED-CPUS
 * with STATE one of the names below and CPU lists like "1,3-4" or "-".
 */
#define XVC_CELL_STATE_NAMES { "running", "running-locked", "shut-down", \
			       "failed", "created", "loading" }

#endif /* XVCELL_IOCTL_H */
