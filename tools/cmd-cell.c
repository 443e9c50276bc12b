// SPDX-License-Identifier: GPL-2.0-only
/*
 * xvcell cell create|load|start|shutdown|destroy|list|run
 *
 * Cells are named by their config name or by their id everywhere; the
 * mapping comes from /sys/devices/xvcell/cells.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include <cellcfg.h>
#include <xvcell/comm-region.h>
#include <xvcell/ioctl.h>

#include "xvcell.h"

/* Does @arg name the cell on this line of the cells list (by name or id)? */
static int names_cell(const char *arg, long id, const char *name)
{
	char *end;
	long n;

	if (!strcmp(arg, name) || (id == 0 && !strcmp(arg, "root")))
		return 1;
	n = strtol(arg, &end, 10);
	return *arg && !*end && n == id;
}

int xvc_cell_id(const char *name_or_id, long *id)
{
	static char buf[16384];
	char name[64], *line, *save = NULL;
	long lid;

	if (xvc_read_sysfs("cells", buf, sizeof(buf)))
		return -1;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "%ld %63s", &lid, name) == 2 &&
		    names_cell(name_or_id, lid, name)) {
			*id = lid;
			return 0;
		}
	}
	fprintf(stderr, "xvcell: no cell named '%s' (see 'xvcell cell list')\n", name_or_id);
	return -1;
}

static int cell_ioctl(unsigned long request, const char *name, const char *what)
{
	struct xvc_cell_id_arg arg = { 0 };
	long id;

	if (xvc_cell_id(name, &id))
		return XVC_EXIT_VIOLATIONS;
	if (id == 0) {
		fprintf(stderr, "xvcell: the root cell cannot be %s\n", what);
		return XVC_EXIT_VIOLATIONS;
	}
	arg.cell_id = id;
	return xvc_device_ioctl(request, &arg, what);
}

int xvc_create_cell(const char *path, long *id)
{
	struct xvc_config_arg arg = { 0 };
	struct cellcfg_view view;
	struct xvc_file file;
	int fd, ret;

	if (xvc_read_file(path, &file))
		return XVC_EXIT_USAGE;
	if (cellcfg_parse_cell(file.data, file.size, &view, xvc_report_issue, (void *)path)) {
		xvc_free_file(&file);
		return XVC_EXIT_VIOLATIONS;
	}
	fd = xvc_open_device();
	if (fd < 0) {
		xvc_free_file(&file);
		return XVC_EXIT_USAGE;
	}
	arg.address = (uintptr_t)file.data;
	arg.size = file.size;
	ret = ioctl(fd, XVC_IOCTL_CELL_CREATE, &arg);
	if (ret < 0)
		fprintf(stderr, "xvcell: creating cell \"%s\" failed: %s\n"
			"xvcell: the reason is in 'dmesg' and 'xvcell console'\n",
			view.cell.name, strerror(errno));
	else
		printf("cell \"%s\" created with id %d\n", view.cell.name, ret);
	*id = ret;
	close(fd);
	xvc_free_file(&file);
	return ret < 0 ? XVC_EXIT_VIOLATIONS : XVC_EXIT_OK;
}

int xvc_cmd_cell_create(const struct xvc_command *cmd, int argc, char **argv)
{
	long id;

	if (argc != 1)
		return xvc_usage_error(cmd, "expected one cell configuration");
	return xvc_create_cell(argv[0], &id);
}

/* "FILE@ADDR", "FILE" (ADDR = default) or "STRING@ADDR" for -s. */
static int parse_at(const char *arg, char *what, size_t len, uint64_t *addr,
		    uint64_t dflt)
{
	const char *at = strrchr(arg, '@');
	char *end;

	*addr = dflt;
	if (at) {
		errno = 0;
		*addr = strtoull(at + 1, &end, 0);
		if (errno || *end || at[1] == '\0')
			return -1;
	} else {
		at = arg + strlen(arg);
	}
	if ((size_t)(at - arg) >= len)
		return -1;
	memcpy(what, arg, at - arg);
	what[at - arg] = '\0';
	return 0;
}

static int load_cell(const struct xvc_command *cmd, long id, int argc, char **argv)
{
	struct xvc_image images[XVC_MAX_IMAGES];
	struct xvc_file files[XVC_MAX_IMAGES];
	struct xvc_cell_load_arg arg = { 0 };
	char what[4096];
	unsigned int n = 0, i;
	int ret = XVC_EXIT_OK;

	for (; argc > 0; argc--, argv++) {
		bool string = !strcmp(argv[0], "-s") || !strcmp(argv[0], "--string");

		if (string && argc < 2)
			return xvc_usage_error(cmd, "-s needs STRING@ADDR");
		if (n == XVC_MAX_IMAGES)
			return xvc_usage_error(cmd, "at most %d images", XVC_MAX_IMAGES);
		if (string) {
			argc--, argv++;
			if (parse_at(argv[0], what, sizeof(what), &images[n].target,
				     XVC_INMATE_CMDLINE_ADDRESS))
				return xvc_usage_error(cmd, "bad STRING@ADDR '%s'", argv[0]);
			files[n].data = strdup(what);
			files[n].size = strlen(what) + 1;
		} else {
			if (parse_at(argv[0], what, sizeof(what), &images[n].target,
				     XVC_INMATE_LOAD_ADDRESS))
				return xvc_usage_error(cmd, "bad IMAGE[@ADDR] '%s'", argv[0]);
			if (xvc_read_file(what, &files[n]))
				return XVC_EXIT_USAGE;
		}
		images[n].source = (uintptr_t)files[n].data;
		images[n].size = files[n].size;
		n++;
	}
	if (!n)
		return xvc_usage_error(cmd, "no image given");
	arg.cell_id = id;
	arg.num_images = n;
	arg.images = (uintptr_t)images;
	ret = xvc_device_ioctl(XVC_IOCTL_CELL_LOAD, &arg, "load");
	for (i = 0; i < n; i++)
		free(files[i].data);
	return ret;
}

int xvc_cmd_cell_load(const struct xvc_command *cmd, int argc, char **argv)
{
	long id;

	if (argc < 2)
		return xvc_usage_error(cmd, "expected a cell and at least one image");
	if (xvc_cell_id(argv[0], &id))
		return XVC_EXIT_VIOLATIONS;
	if (id == 0) {
		fprintf(stderr, "xvcell: nothing can be loaded into the root cell\n");
		return XVC_EXIT_VIOLATIONS;
	}
	return load_cell(cmd, id, argc - 1, argv + 1);
}

#define SIMPLE_CELL_COMMAND(fn, request, what)					\
int fn(const struct xvc_command *cmd, int argc, char **argv)			\
{										\
	if (argc != 1)								\
		return xvc_usage_error(cmd, "expected one cell name or id");	\
	return cell_ioctl(request, argv[0], what);				\
}

SIMPLE_CELL_COMMAND(xvc_cmd_cell_start, XVC_IOCTL_CELL_START, "started")
SIMPLE_CELL_COMMAND(xvc_cmd_cell_shutdown, XVC_IOCTL_CELL_SHUTDOWN, "shut down")
SIMPLE_CELL_COMMAND(xvc_cmd_cell_destroy, XVC_IOCTL_CELL_DESTROY, "destroyed")

int xvc_cmd_cell_list(const struct xvc_command *cmd, int argc, char **argv)
{
	static char buf[16384];
	char name[64], state[32], cpus[256], failed[256], *line, *save = NULL;
	long id;

	if (argc)
		return xvc_usage_error(cmd, "unexpected argument '%s'", argv[0]);
	if (xvc_read_sysfs("cells", buf, sizeof(buf)))
		return XVC_EXIT_VIOLATIONS;
	printf("%-4s %-24s %-16s %-16s %s\n", "ID", "NAME", "STATE", "CPUS", "FAILED-CPUS");
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		if (sscanf(line, "%ld %63s %31s %255s %255s", &id, name, state, cpus,
			   failed) == 5)
			printf("%-4ld %-24s %-16s %-16s %s\n", id, name, state, cpus, failed);
	return XVC_EXIT_OK;
}

int xvc_cmd_cell_run(const struct xvc_command *cmd, int argc, char **argv)
{
	struct xvc_cell_id_arg arg = { 0 };
	long id;
	int ret;

	if (argc < 2)
		return xvc_usage_error(cmd, "expected a cell configuration and an image");
	ret = xvc_create_cell(argv[0], &id);
	if (ret)
		return ret;
	ret = load_cell(cmd, id, argc - 1, argv + 1);
	if (!ret) {
		arg.cell_id = id;
		ret = xvc_device_ioctl(XVC_IOCTL_CELL_START, &arg, "start");
	}
	if (ret)
		fprintf(stderr, "xvcell: cell %ld was created but not started; 'xvcell cell destroy %ld' removes it\n",
			id, id);
	return ret;
}
