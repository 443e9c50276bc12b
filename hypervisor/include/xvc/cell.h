/* SPDX-License-Identifier: GPL-2.0-only */
/* A cell: the CPUs, memory and devices one guest owns. */
#ifndef XVC_CELL_H
#define XVC_CELL_H

#include <xvc/types.h>
#include <xvcell/comm-region.h>
#include <xvcell/hypervisor.h>
#include <cellcfg/cellcfg.h>
#include <xvc/mmio.h>
#include <asm/cell.h>

#define MAX_CELLS	16

struct per_cpu;

struct cell {
	unsigned int id;
	bool in_use;
	/* The cell's config as parsed from its blob (kept in hv memory). */
	struct cellcfg_view view;
	struct cellcfg_cell config;
	void *config_copy;
	unsigned long config_pages;
	u64 cpu_set;
	/* XVC_CELL_* (hypercall.h) */
	volatile u32 state;
	/* Started at least once: its memory holds what it wrote. */
	bool has_run;
	struct xvc_comm_region *comm_page;
	/* Guest-physical ranges whose accesses subsystems handle. */
	struct mmio_table mmio;
	struct arch_cell arch;
};

extern struct cell root_cell;
/* The system config the hypervisor was enabled with (setup.c). */
extern struct cellcfg_view system_config;

/* The root cell: Linux, with everything the system config gives it. */
int root_cell_init(void);

/* Cell lifecycle (cell.c); called with the control lock held. */
long cell_create(struct per_cpu *pc, u64 config_gpa, u64 size);
long cell_set_loadable(unsigned int id);
long cell_start(unsigned int id);
long cell_shutdown(unsigned int id);
long cell_destroy(unsigned int id);
long cell_get_state(unsigned int id);
/* The state as it is, for a non-root cell's question: changes nothing. */
long cell_peek_state(unsigned int id);
unsigned int cell_count(void);
/* Does a non-root cell own this I/O port (so the root must not)? */
bool pio_taken_by_cell(u32 port);
/* A CPU of @cell broke a rule: the whole cell stops (cell.c). */
void cell_failed(struct cell *cell);
/*
 * Where guest-physical @gpa of @cell is in host-physical memory, if the
 * cell may read it now as RAM (not device memory).
 */
int cell_gpa_to_phys(const struct cell *cell, u64 gpa, u64 *phys);
/* Copy @len bytes at guest-physical @gpa of @cell, if it may read them. */
int cell_read_guest(const struct cell *cell, u64 gpa, void *buf, u64 len);
/* Does the config grant @cell this MSR access / these ports? */
bool cell_msr_allowed(const struct cell *cell, u32 msr, bool write);
/* Ungranted ports and MSRs act as absent hardware (XVC_CELL_ABSENT_UNGRANTED). */
bool cell_has_absent_ungranted(const struct cell *cell);
bool cell_pio_allowed(const struct cell *cell, u16 port, unsigned int size);

static inline const char *cell_name(const struct cell *cell)
{
	return cell->config.desc->name;
}

/*
 * The memory region of @cell's config that holds all of the physical range
 * [phys, phys + size) and has at least the rights @flags, or NULL.
 */
static inline const struct xvc_memory_region *
cell_region_holding(const struct cell *cell, u64 phys, u64 size, u64 flags)
{
	const struct xvc_memory_region *mem;
	unsigned int n;

	if (phys + size < phys)
		return NULL;
	for (n = 0; n < cell->config.num_memory; n++) {
		mem = &cell->config.memory[n];
		if ((mem->flags & flags) == flags && phys >= mem->phys_start &&
		    phys + size <= mem->phys_start + mem->size)
			return mem;
	}
	return NULL;
}

#define for_each_cpu_in_cell(cpu, cell)					\
	for ((cpu) = 0; (cpu) < XVC_MAX_CPUS; (cpu)++)			\
		if ((cell)->cpu_set & (1ULL << (cpu)))

#endif /* XVC_CELL_H */
