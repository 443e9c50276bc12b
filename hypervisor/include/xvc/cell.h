/* SPDX-License-Identifier: GPL-2.0-only */
/* A cell: the CPUs, memory and devices one guest owns. */
#ifndef XVC_CELL_H
#define XVC_CELL_H

#include <xvc/types.h>
#include <xvcell/comm-region.h>
#include <cellcfg/cellcfg.h>
#include <asm/cell.h>

#define MAX_CELLS	16

struct cell {
	unsigned int id;
	/* The cell's config as parsed from its blob (kept in hv memory). */
	struct cellcfg_cell config;
	void *config_copy;
	unsigned long config_pages;
	u64 cpu_set;
	u32 state;
	struct xvc_comm_region *comm_page;
	struct arch_cell arch;
};

extern struct cell root_cell;

static inline const char *cell_name(const struct cell *cell)
{
	return cell->config.desc->name;
}

#define for_each_cpu_in_cell(cpu, cell)					\
	for ((cpu) = 0; (cpu) < 64; (cpu)++)				\
		if ((cell)->cpu_set & (1ULL << (cpu)))

#endif /* XVC_CELL_H */
