// SPDX-License-Identifier: GPL-2.0-only
/*
 * xvcell enable SYSTEM.cell / xvcell disable
 */
#include <stdint.h>
#include <stdio.h>

#include <cellcfg.h>
#include <xvcell/ioctl.h>

#include "xvcell.h"

void xvc_report_issue(const struct cellcfg_issue *issue, void *ctx)
{
	char msg[256];

	cellcfg_format(issue, msg, sizeof(msg));
	fprintf(stderr, "%s: %s\n", (const char *)ctx, msg);
}

int xvc_cmd_enable(const struct xvc_command *cmd, int argc, char **argv)
{
	struct xvc_config_arg arg = { 0 };
	struct cellcfg_view view;
	struct xvc_file file;
	int ret;

	if (argc != 1)
		return xvc_usage_error(cmd, "expected exactly one system configuration");
	if (xvc_read_file(argv[0], &file))
		return XVC_EXIT_USAGE;
	/* Refuse a bad blob here, with the file's name, before the kernel does. */
	if (cellcfg_parse_system(file.data, file.size, &view, xvc_report_issue,
				 (void *)argv[0])) {
		xvc_free_file(&file);
		return XVC_EXIT_VIOLATIONS;
	}
	arg.address = (uintptr_t)file.data;
	arg.size = file.size;
	ret = xvc_device_ioctl(XVC_IOCTL_ENABLE, &arg, "enable");
	if (ret == XVC_EXIT_OK)
		printf("xvcell enabled: Linux runs as root cell \"%s\"\n", view.cell.name);
	xvc_free_file(&file);
	return ret;
}

int xvc_cmd_disable(const struct xvc_command *cmd, int argc, char **argv)
{
	int ret;

	if (argc)
		return xvc_usage_error(cmd, "unexpected argument '%s'", argv[0]);
	ret = xvc_device_ioctl(XVC_IOCTL_DISABLE, NULL, "disable");
	if (ret == XVC_EXIT_OK)
		printf("xvcell disabled\n");
	return ret;
}
