// SPDX-License-Identifier: GPL-2.0-only
/*
 * Talking to the driver: /dev/xvcell and /sys/devices/xvcell.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include <xvcell/ioctl.h>

#include "xvcell.h"

int xvc_open_device(void)
{
	int fd = open(XVC_DEVICE, O_RDWR);

	if (fd < 0) {
		if (errno == ENOENT)
			fprintf(stderr, "xvcell: %s does not exist: load the driver with 'modprobe xvcell'\n",
				XVC_DEVICE);
		else
			fprintf(stderr, "xvcell: cannot open %s: %s\n", XVC_DEVICE,
				strerror(errno));
	}
	return fd;
}

int xvc_device_ioctl(unsigned long request, void *arg, const char *what)
{
	int fd = xvc_open_device(), ret;

	if (fd < 0)
		return XVC_EXIT_USAGE;
	ret = ioctl(fd, request, arg);
	if (ret < 0) {
		fprintf(stderr, "xvcell: %s failed: %s\n", what, strerror(errno));
		fprintf(stderr, "xvcell: the reason is in 'dmesg' (lines starting with xvcell:) and in 'xvcell console'\n");
	}
	close(fd);
	return ret < 0 ? XVC_EXIT_VIOLATIONS : XVC_EXIT_OK;
}

int xvc_read_sysfs(const char *name, char *buf, size_t size)
{
	char path[256];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", XVC_SYSFS, name);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "xvcell: cannot read %s: %s%s\n", path, strerror(errno),
			errno == ENOENT ? " (is the driver loaded?)" : "");
		return -1;
	}
	n = read(fd, buf, size - 1);
	if (n < 0)
		fprintf(stderr, "xvcell: cannot read %s: %s%s\n", path, strerror(errno),
			errno == ENODEV ? " (xvcell is not enabled)" : "");
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}
