// SPDX-License-Identifier: GPL-2.0-only
/*
 * xvcell: command line tool of the xvcell hypervisor.
 *
 * Commands are rows of the table below; the usage text is generated from
 * it.  To add a command, write cmd-NAME.c, declare its function in
 * xvcell.h, add a row here and the file to the Makefile.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xvcell.h"

static const struct xvc_command xvc_commands[] = {
	{ "config", "check", "SYSTEM.cell [CELL.cell ...]",
	  "validate a system configuration and the cells meant to run on it",
	  xvc_cmd_config_check },
	{ "config", "show", "FILE.cell [--json]",
	  "print everything a configuration contains",
	  xvc_cmd_config_show },
	{ "enable", NULL, "SYSTEM.cell",
	  "start the hypervisor; the running Linux becomes the root cell",
	  xvc_cmd_enable },
	{ "disable", NULL, "",
	  "stop the hypervisor; Linux runs natively again",
	  xvc_cmd_disable },
	{ "console", NULL, "[-f] [--cell NAME]",
	  "print the hypervisor console (-f: keep following; --cell: one cell's lines)",
	  xvc_cmd_console },
	{ "cell", "create", "CELL.cell",
	  "create a cell: its CPUs, memory and devices leave Linux",
	  xvc_cmd_cell_create },
	{ "cell", "load", "NAME|ID IMAGE[@ADDR] [-s STRING[@ADDR]]...",
	  "copy images (default address 0) and strings (default 0x1000) into a cell",
	  xvc_cmd_cell_load },
	{ "cell", "start", "NAME|ID",
	  "start a loaded cell at its reset address",
	  xvc_cmd_cell_start },
	{ "cell", "shutdown", "NAME|ID",
	  "ask a running cell to stop (it may refuse)",
	  xvc_cmd_cell_shutdown },
	{ "cell", "destroy", "NAME|ID",
	  "stop a cell for good and give everything back to Linux",
	  xvc_cmd_cell_destroy },
	{ "cell", "list", "",
	  "list the cells with their state and CPUs",
	  xvc_cmd_cell_list },
	{ "cell", "run", "CELL.cell IMAGE[@ADDR] [-s STRING[@ADDR]]...",
	  "create, load and start a cell in one go",
	  xvc_cmd_cell_run },
	{ "cell", "linux", "CELL.cell KERNEL [-i INITRD] [-c CMDLINE] [-n]",
	  "create a cell and boot a stock Linux kernel in it (-n: only check and show the layout)",
	  xvc_cmd_cell_linux },
	{ "cell", "stats", "NAME|ID [--json]",
	  "VM exits of a cell's CPUs by reason (the root is 'root' or 0)",
	  xvc_cmd_cell_stats },
};

#define XVC_NUM_COMMANDS (sizeof(xvc_commands) / sizeof(xvc_commands[0]))

static void xvc_print_command(FILE *out, const struct xvc_command *cmd)
{
	fprintf(out, "xvcell %s%s%s %s", cmd->group, cmd->verb ? " " : "",
		cmd->verb ? cmd->verb : "", cmd->args);
}

static void xvc_print_usage(FILE *out)
{
	size_t i;

	fprintf(out, "usage:\n");
	for (i = 0; i < XVC_NUM_COMMANDS; i++) {
		fprintf(out, "  ");
		xvc_print_command(out, &xvc_commands[i]);
		fprintf(out, "\n      %s\n", xvc_commands[i].summary);
	}
	fprintf(out, "  xvcell help\n");
	fprintf(out, "exit status: 0 success, 1 invalid configuration, "
		"2 usage error or unreadable input\n");
}

int xvc_usage_error(const struct xvc_command *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "xvcell: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	if (cmd) {
		fprintf(stderr, "usage: ");
		xvc_print_command(stderr, cmd);
		fprintf(stderr, "\n");
	} else {
		xvc_print_usage(stderr);
	}
	return XVC_EXIT_USAGE;
}

static int xvc_group_exists(const char *group)
{
	size_t i;

	for (i = 0; i < XVC_NUM_COMMANDS; i++)
		if (!strcmp(xvc_commands[i].group, group))
			return 1;
	return 0;
}

/* The command for argv[1] (and argv[2] if the group has verbs), or NULL. */
static const struct xvc_command *xvc_find_command(int argc, char **argv)
{
	const struct xvc_command *cmd;
	size_t i;

	for (i = 0; i < XVC_NUM_COMMANDS; i++) {
		cmd = &xvc_commands[i];
		if (strcmp(cmd->group, argv[1]))
			continue;
		if (!cmd->verb || (argc > 2 && !strcmp(cmd->verb, argv[2])))
			return cmd;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	const struct xvc_command *cmd;
	int skip;

	if (argc < 2)
		return xvc_usage_error(NULL, "no command given");
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "-h")) {
		xvc_print_usage(stdout);
		return XVC_EXIT_OK;
	}
	cmd = xvc_find_command(argc, argv);
	if (!cmd) {
		if (!xvc_group_exists(argv[1]))
			return xvc_usage_error(NULL, "unknown command '%s'",
					       argv[1]);
		if (argc < 3)
			return xvc_usage_error(NULL, "'%s' needs a subcommand",
					       argv[1]);
		return xvc_usage_error(NULL, "unknown subcommand '%s %s'",
				       argv[1], argv[2]);
	}
	skip = cmd->verb ? 3 : 2;
	return cmd->run(cmd, argc - skip, argv + skip);
}
