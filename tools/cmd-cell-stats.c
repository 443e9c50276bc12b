// SPDX-License-Identifier: GPL-2.0-only
/*
 * xvcell cell stats NAME [--json]: VM exits of a cell's CPUs by reason,
 * from /sys/devices/xvcell/cpu_stats.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xvcell/hypercall.h>

#include "xvcell.h"

static const char *const stat_names[] = {
#define XVC_STAT_NAME(name, str) str,
	XVC_STATS(XVC_STAT_NAME)
#undef XVC_STAT_NAME
};

struct cpu_stats {
	long cpu, cell, state;
	long counts[XVC_NUM_STATS];
};

/* Parse "cpu N cell ID state S total N io N ..." */
static int parse_line(char *line, struct cpu_stats *cs)
{
	char *key, *val, *save = NULL;
	unsigned int n;
	int seen_cpu = 0;

	memset(cs, 0, sizeof(*cs));
	while ((key = strtok_r(line, " \n", &save)) &&
	       (val = strtok_r(NULL, " \n", &save))) {
		line = NULL;
		if (!strcmp(key, "cpu")) {
			cs->cpu = strtol(val, NULL, 10);
			seen_cpu = 1;
		}
		else if (!strcmp(key, "cell"))
			cs->cell = strtol(val, NULL, 10);
		else if (!strcmp(key, "state"))
			cs->state = strtol(val, NULL, 10);
		for (n = 0; n < XVC_NUM_STATS; n++)
			if (!strcmp(key, stat_names[n]))
				cs->counts[n] = strtol(val, NULL, 10);
	}
	return seen_cpu ? 0 : -1;
}


static void print_text(const struct cpu_stats *cs, unsigned int ncpus,
		       const long *total)
{
	unsigned int c, n;

	printf("%-12s", "reason");
	for (c = 0; c < ncpus; c++)
		printf(" %10s%-2ld", "cpu", cs[c].cpu);
	printf(" %12s\n", "all");
	for (n = 0; n < XVC_NUM_STATS; n++) {
		printf("%-12s", stat_names[n]);
		for (c = 0; c < ncpus; c++)
			printf(" %12ld", cs[c].counts[n]);
		printf(" %12ld\n", total[n]);
	}
}

static void print_json(const struct cpu_stats *cs, unsigned int ncpus,
		       const long *total, long cell)
{
	unsigned int c, n;

	printf("{\"cell\": %ld, \"cpus\": [", cell);
	for (c = 0; c < ncpus; c++) {
		printf("%s{\"cpu\": %ld, \"state\": %ld", c ? ", " : "", cs[c].cpu,
		       cs[c].state);
		for (n = 0; n < XVC_NUM_STATS; n++)
			printf(", \"%s\": %ld", stat_names[n], cs[c].counts[n]);
		printf("}");
	}
	printf("], \"total\": {");
	for (n = 0; n < XVC_NUM_STATS; n++)
		printf("%s\"%s\": %ld", n ? ", " : "", stat_names[n], total[n]);
	printf("}}\n");
}

int xvc_cmd_cell_stats(const struct xvc_command *cmd, int argc, char **argv)
{
	static char buf[65536];
	struct cpu_stats cs[64];
	long total[XVC_NUM_STATS] = { 0 }, cell;
	unsigned int ncpus = 0, n;
	char *line, *save = NULL;
	int json = 0;

	if (argc == 2 && !strcmp(argv[1], "--json"))
		json = 1;
	else if (argc != 1)
		return xvc_usage_error(cmd, "expected a cell name or id");
	/* The root answers to "root" and 0 whatever its config calls it. */
	if (xvc_cell_id(argv[0], &cell))
		return XVC_EXIT_VIOLATIONS;
	if (xvc_read_sysfs("cpu_stats", buf, sizeof(buf)))
		return XVC_EXIT_VIOLATIONS;

	for (line = strtok_r(buf, "\n", &save); line && ncpus < 64;
	     line = strtok_r(NULL, "\n", &save)) {
		if (parse_line(line, &cs[ncpus]) || cs[ncpus].cell != cell)
			continue;
		for (n = 0; n < XVC_NUM_STATS; n++)
			total[n] += cs[ncpus].counts[n];
		ncpus++;
	}
	if (json)
		print_json(cs, ncpus, total, cell);
	else
		print_text(cs, ncpus, total);
	return XVC_EXIT_OK;
}
