// SPDX-License-Identifier: GPL-2.0-only
/*
 * xvcell config check SYSTEM.cell [CELL.cell ...]
 *
 * Every violation is printed on its own line as "FILE: message"; the exit
 * status is 0 when there is none, 1 when there are some and 2 when a file
 * cannot be read or the arguments are wrong.
 */
#include <stdio.h>
#include <stdlib.h>

#include "xvcell.h"
#include "cellcfg.h"

struct xvc_check {
	const struct xvc_file *files;
	/* file the parse step is looking at; unused by the system step */
	uint32_t current;
	int system_step;
	uint32_t violations;
};

static void xvc_check_report(const struct cellcfg_issue *issue, void *ctx)
{
	struct xvc_check *check = ctx;
	uint32_t file = check->system_step ? issue->config : check->current;
	char message[512];

	cellcfg_format(issue, message, sizeof(message));
	printf("%s: %s\n", check->files[file].path, message);
	check->violations++;
}

static int xvc_read_all(char **paths, int count, struct xvc_file *files)
{
	int i, failed = 0;

	for (i = 0; i < count; i++)
		if (xvc_read_file(paths[i], &files[i]))
			failed = 1;
	return failed ? -1 : 0;
}

static int xvc_check_args(const struct xvc_command *cmd, int argc,
			  char **argv)
{
	int i;

	if (argc < 1)
		return xvc_usage_error(cmd, "missing SYSTEM.cell");
	for (i = 0; i < argc; i++)
		if (argv[i][0] == '-')
			return xvc_usage_error(cmd, "unknown option '%s'",
					       argv[i]);
	return XVC_EXIT_OK;
}

int xvc_cmd_config_check(const struct xvc_command *cmd, int argc, char **argv)
{
	struct xvc_check check = { 0 };
	struct cellcfg_view *views;
	struct xvc_file *files;
	int ret, i;

	ret = xvc_check_args(cmd, argc, argv);
	if (ret)
		return ret;
	files = calloc(argc, sizeof(*files));
	views = calloc(argc, sizeof(*views));
	if (!files || !views) {
		fprintf(stderr, "xvcell: out of memory\n");
		ret = XVC_EXIT_USAGE;
		goto out;
	}
	if (xvc_read_all(argv, argc, files)) {
		ret = XVC_EXIT_USAGE;
		goto out;
	}
	check.files = files;
	cellcfg_parse_system(files[0].data, files[0].size, &views[0],
			     xvc_check_report, &check);
	for (i = 1; i < argc; i++) {
		check.current = i;
		cellcfg_parse_cell(files[i].data, files[i].size, &views[i],
				   xvc_check_report, &check);
	}
	/* views[i + 1] is config i + 1 of cellcfg_check_system() */
	check.system_step = 1;
	cellcfg_check_system(&views[0], &views[1], argc - 1, xvc_check_report,
			     &check);
	printf("config check: %d file%s, %u violation%s\n", argc,
	       argc == 1 ? "" : "s", check.violations,
	       check.violations == 1 ? "" : "s");
	ret = check.violations ? XVC_EXIT_VIOLATIONS : XVC_EXIT_OK;
out:
	for (i = 0; files && i < argc; i++)
		xvc_free_file(&files[i]);
	free(files);
	free(views);
	return ret;
}
