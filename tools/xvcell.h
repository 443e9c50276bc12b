/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The xvcell tool: shared declarations of the command files.
 */
#ifndef XVCELL_TOOL_H
#define XVCELL_TOOL_H

#include <stddef.h>
#include <stdint.h>

/* Exit codes every command uses. */
#define XVC_EXIT_OK		0
#define XVC_EXIT_VIOLATIONS	1	/* the input was read and is wrong */
#define XVC_EXIT_USAGE		2	/* bad arguments or unreadable input */

/*
 * One command line form: "xvcell GROUP [VERB] ARGS".  VERB is NULL for a
 * command without sub-verbs.  run() gets the arguments after the verb.
 */
struct xvc_command {
	const char *group;
	const char *verb;
	const char *args;
	const char *summary;
	int (*run)(const struct xvc_command *cmd, int argc, char **argv);
};

/* Print the "usage: ..." line of @cmd to stderr and return XVC_EXIT_USAGE. */
int xvc_usage_error(const struct xvc_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A file read into memory, aligned as the cellcfg library requires. */
struct xvc_file {
	const char *path;
	void *data;
	size_t size;
};

/* Read @path; on failure print why to stderr and return -1. */
int xvc_read_file(const char *path, struct xvc_file *file);
void xvc_free_file(struct xvc_file *file);

/* Commands, one file each (cmd-NAME.c). */
int xvc_cmd_config_check(const struct xvc_command *cmd, int argc,
			 char **argv);
int xvc_cmd_config_show(const struct xvc_command *cmd, int argc, char **argv);
int xvc_cmd_enable(const struct xvc_command *cmd, int argc, char **argv);
int xvc_cmd_disable(const struct xvc_command *cmd, int argc, char **argv);
int xvc_cmd_console(const struct xvc_command *cmd, int argc, char **argv);
int xvc_cmd_cell_stats(const struct xvc_command *cmd, int argc, char **argv);

int xvc_cmd_cell_create(const struct xvc_command *cmd, int argc, char **argv);
int xvc_cmd_cell_load(const struct xvc_command *cmd, int argc, char **argv);
int xvc_cmd_cell_start(const struct xvc_command *cmd, int argc, char **argv);
int xvc_cmd_cell_shutdown(const struct xvc_command *cmd, int argc, char **argv);
int xvc_cmd_cell_destroy(const struct xvc_command *cmd, int argc, char **argv);
int xvc_cmd_cell_list(const struct xvc_command *cmd, int argc, char **argv);
int xvc_cmd_cell_run(const struct xvc_command *cmd, int argc, char **argv);
int xvc_cmd_cell_linux(const struct xvc_command *cmd, int argc, char **argv);
/* Create the cell of the config at @path; prints its id or why not. */
int xvc_create_cell(const char *path, long *id);

struct cellcfg_issue;
/* cellcfg report callback printing "CTX: message" to stderr (ctx: file). */
void xvc_report_issue(const struct cellcfg_issue *issue, void *ctx);
/* Resolve a cell name or id (the root: "root" or 0); says why not. */
int xvc_cell_id(const char *name_or_id, long *id);

/* The driver's device and sysfs files (device.c). */
int xvc_open_device(void);
/* ioctl on /dev/xvcell; on failure says why; returns an exit code. */
int xvc_device_ioctl(unsigned long request, void *arg, const char *what);
int xvc_read_sysfs(const char *name, char *buf, size_t size);

#endif /* XVCELL_TOOL_H */
