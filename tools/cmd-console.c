// SPDX-License-Identifier: GPL-2.0-only
/*
 * xvcell console [-f]: the hypervisor's messages (and, through it, the
 * cells'), read from the driver's copy of its console ring.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "xvcell.h"

/*
 * Copy what is new on the console to stdout; with @cell, only that cell's
 * lines (the hypervisor prefixes each cell line with "[NAME] ").
 */
static int copy_console(int fd, const char *cell, char *line, size_t *fill)
{
	size_t size = 4096, prefix = cell ? strlen(cell) : 0;
	char buf[4096];
	ssize_t n, i;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		if (!cell) {
			fwrite(buf, 1, n, stdout);
			continue;
		}
		for (i = 0; i < n; i++) {
			if (*fill < size - 1)
				line[(*fill)++] = buf[i];
			if (buf[i] != '\n')
				continue;
			if (line[0] == '[' && !strncmp(line + 1, cell, prefix) &&
			    line[prefix + 1] == ']')
				fwrite(line, 1, *fill, stdout);
			*fill = 0;
		}
	}
	fflush(stdout);
	return n < 0 ? -1 : 0;
}

int xvc_cmd_console(const struct xvc_command *cmd, int argc, char **argv)
{
	int follow = 0, fd, err;
	const char *cell = NULL;
	char line[4096];
	size_t fill = 0;

	for (; argc; argc--, argv++) {
		if (!strcmp(argv[0], "-f") || !strcmp(argv[0], "--follow"))
			follow = 1;
		else if (!strcmp(argv[0], "--cell") && argc > 1)
			cell = (argc--, *++argv);
		else
			return xvc_usage_error(cmd, "unexpected argument '%s'", argv[0]);
	}

	fd = xvc_open_device();
	if (fd < 0)
		return XVC_EXIT_USAGE;
	do {
		err = copy_console(fd, cell, line, &fill);
		if (follow && !err)
			usleep(200 * 1000);
	} while (follow && !err);
	if (err)
		perror("xvcell: reading the console");
	close(fd);
	return err ? XVC_EXIT_VIOLATIONS : XVC_EXIT_OK;
}
