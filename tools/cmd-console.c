// SPDX-License-Identifier: GPL-2.0-only
/*
 * xvcell console [-f]: the hypervisor's messages (and, through it, the
 * cells'), read from the driver's copy of its console ring.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "xvcell.h"

static int copy_console(int fd)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, n, stdout);
	fflush(stdout);
	return n < 0 ? -1 : 0;
}

int xvc_cmd_console(const struct xvc_command *cmd, int argc, char **argv)
{
	int follow = 0, fd, err;

	if (argc == 1 && (!strcmp(argv[0], "-f") || !strcmp(argv[0], "--follow")))
		follow = 1;
	else if (argc)
		return xvc_usage_error(cmd, "unexpected argument '%s'", argv[0]);

	fd = xvc_open_device();
	if (fd < 0)
		return XVC_EXIT_USAGE;
	do {
		err = copy_console(fd);
		if (follow && !err)
			usleep(200 * 1000);
	} while (follow && !err);
	if (err)
		perror("xvcell: reading the console");
	close(fd);
	return err ? XVC_EXIT_VIOLATIONS : XVC_EXIT_OK;
}
