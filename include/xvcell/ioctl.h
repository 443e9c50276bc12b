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

#define XVC_DEVICE		"/dev/xvcell"
#define XVC_SYSFS		"/sys/devices/xvcell"

/* A configuration blob in the caller's memory. */
struct xvc_config_arg {
	uint64_t address;
	uint32_t size;
	uint32_t reserved;
};

#define XVC_CONFIG_MAX_SIZE	(1U << 20)

#define XVC_IOCTL_MAGIC		0xc5
#define XVC_IOCTL_ENABLE	_IOW(XVC_IOCTL_MAGIC, 1, struct xvc_config_arg)
#define XVC_IOCTL_DISABLE	_IO(XVC_IOCTL_MAGIC, 2)

#endif /* XVCELL_IOCTL_H */
