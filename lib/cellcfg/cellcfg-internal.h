/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the cellcfg sources; not part of the library's API.
 */
#ifndef XVCELL_CELLCFG_INTERNAL_H
#define XVCELL_CELLCFG_INTERNAL_H

#include "cellcfg.h"

/* Where violations go, and how many there were. */
struct cellcfg_reporter {
	cellcfg_report_fn report;
	void *ctx;
	uint32_t count;
	uint32_t config;
	const char *cell;
};

/*
 * Zero an issue member by member: a struct initialiser may become a call to
 * memset, which the freestanding builds do not have.
 */
static inline void cellcfg_issue_init(struct cellcfg_issue *issue,
				      const struct cellcfg_reporter *rep,
				      enum cellcfg_error error,
				      enum cellcfg_object object,
				      uint32_t index)
{
	issue->error = error;
	issue->object = object;
	issue->index = index;
	issue->has = 0;
	issue->config = rep->config;
	issue->cell = rep->cell;
	issue->start = 0;
	issue->end = 0;
	issue->value = 0;
	issue->limit = 0;
	issue->other_config = 0;
	issue->other_object = CELLCFG_OBJ_BLOB;
	issue->other_index = 0;
	issue->other_cell = 0;
	issue->other_start = 0;
	issue->other_end = 0;
	issue->detail = 0;
	issue->sub_index = 0;
	issue->pci_address = 0;
}

static inline void cellcfg_issue_range(struct cellcfg_issue *issue,
				       uint64_t start, uint64_t end)
{
	issue->has |= CELLCFG_HAS_RANGE;
	issue->start = start;
	issue->end = end;
}

/* The range of the machine that the record's range collides with. */
static inline void cellcfg_issue_other_range(struct cellcfg_issue *issue,
					     uint64_t start, uint64_t end)
{
	issue->has |= CELLCFG_HAS_OTHER_RANGE;
	issue->other_start = start;
	issue->other_end = end;
}

static inline void cellcfg_emit(struct cellcfg_reporter *rep,
				const struct cellcfg_issue *issue)
{
	rep->count++;
	if (rep->report)
		rep->report(issue, rep->ctx);
}

/* Shorthands for the most common record shapes. */
static inline void cellcfg_report_plain(struct cellcfg_reporter *rep,
					enum cellcfg_error error,
					enum cellcfg_object object,
					uint32_t index)
{
	struct cellcfg_issue issue;

	cellcfg_issue_init(&issue, rep, error, object, index);
	cellcfg_emit(rep, &issue);
}

static inline void cellcfg_report_value(struct cellcfg_reporter *rep,
					enum cellcfg_error error,
					enum cellcfg_object object,
					uint32_t index, uint64_t value,
					uint64_t limit)
{
	struct cellcfg_issue issue;

	cellcfg_issue_init(&issue, rep, error, object, index);
	issue.has = CELLCFG_HAS_VALUE | CELLCFG_HAS_LIMIT;
	issue.value = value;
	issue.limit = limit;
	cellcfg_emit(rep, &issue);
}

static inline void cellcfg_report_range(struct cellcfg_reporter *rep,
					enum cellcfg_error error,
					enum cellcfg_object object,
					uint32_t index, uint64_t start,
					uint64_t end)
{
	struct cellcfg_issue issue;

	cellcfg_issue_init(&issue, rep, error, object, index);
	cellcfg_issue_range(&issue, start, end);
	cellcfg_emit(rep, &issue);
}

/*
 * Half-open ranges [start, start + size) whose end was already checked not
 * to wrap.  The "last" helpers give the inclusive end used in messages.
 */
static inline int cellcfg_ranges_overlap(uint64_t a_start, uint64_t a_size,
					 uint64_t b_start, uint64_t b_size)
{
	return a_start < b_start + b_size && b_start < a_start + a_size;
}

/* Non-zero if [start, start + size) neither wraps nor passes @limit. */
static inline int cellcfg_range_fits(uint64_t start, uint64_t size,
				     uint64_t limit)
{
	return start <= limit && size <= limit - start;
}

static inline int cellcfg_is_comm_region(const struct xvc_memory_region *mem)
{
	return (mem->flags & XVC_MEM_COMM_REGION) != 0;
}

/* Last address of [start, start + size), size > 0, saturating at 2^64 - 1. */
static inline uint64_t cellcfg_last(uint64_t start, uint64_t size)
{
	return size - 1 > ~0ULL - start ? ~0ULL : start + (size - 1);
}

/* A region whose addresses passed the range checks, so sums cannot wrap. */
static inline int cellcfg_region_sane(const struct xvc_memory_region *mem)
{
	return mem->size != 0 &&
	       cellcfg_range_fits(mem->phys_start, mem->size,
				  XVC_PHYS_ADDRESS_LIMIT) &&
	       cellcfg_range_fits(mem->virt_start, mem->size,
				  CELLCFG_GUEST_ADDRESS_LIMIT);
}

/* Does a (sane, not comm) region's host range reach into the APIC window? */
static inline int cellcfg_in_apic_window(const struct xvc_memory_region *mem)
{
	return cellcfg_ranges_overlap(mem->phys_start, mem->size,
				      XVC_APIC_WINDOW_BASE,
				      XVC_APIC_WINDOW_SIZE);
}

/* Each PCI bus takes 1 MiB of MMCONFIG (ECAM) space. */
#define CELLCFG_MMCONFIG_BUS_SIZE	(1ULL << 20)

/* Bytes of the platform's MMCONFIG window (meaningful if its base is set). */
static inline uint64_t
cellcfg_mmconfig_size(const struct xvc_platform *platform)
{
	return ((uint64_t)platform->mmconfig_end_bus + 1) *
		CELLCFG_MMCONFIG_BUS_SIZE;
}

/* RAM in the sense of the system checks: not device memory, not comm page. */
static inline int cellcfg_is_ram(const struct xvc_memory_region *mem)
{
	return (mem->flags & (XVC_MEM_IO | XVC_MEM_COMM_REGION)) == 0;
}

static inline int cellcfg_pio_sane(const struct xvc_pio_range *pio)
{
	return pio->length != 0 &&
	       cellcfg_range_fits(pio->start, pio->length, XVC_PIO_PORTS);
}

static inline int cellcfg_msr_sane(const struct xvc_msr_range *msr)
{
	return msr->count != 0 &&
	       cellcfg_range_fits(msr->first, msr->count, 1ULL << 32);
}

/* Non-zero if the two NUL-terminated strings are equal. */
static inline int cellcfg_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* A usable view of a cell blob (a system blob among the cells is skipped). */
static inline int cellcfg_is_cell_view(const struct cellcfg_view *view)
{
	return view->usable && !view->system;
}

int cellcfg_system_has_ioapic(const struct xvc_system_desc *system,
			      uint64_t address);

/* cellcfg-pci.c */
void cellcfg_check_pci(const struct cellcfg_cell *cell,
		       struct cellcfg_reporter *rep);
void cellcfg_check_pci_bridges(const struct cellcfg_cell *cell,
			       struct cellcfg_reporter *rep);
void cellcfg_check_pci_intx_gsis(const struct xvc_platform *platform,
				 const struct cellcfg_cell *cell,
				 struct cellcfg_reporter *rep);
void cellcfg_check_pci_iommus(const struct xvc_platform *platform,
			      const struct cellcfg_cell *cell,
			      struct cellcfg_reporter *rep);
void cellcfg_check_pci_between(const struct cellcfg_view *system,
			       const struct cellcfg_view *cells, uint32_t i,
			       struct cellcfg_reporter *rep);

void cellcfg_check_irqchips_known(const struct xvc_system_desc *system,
				  const struct cellcfg_cell *cell,
				  struct cellcfg_reporter *rep);

#endif /* XVCELL_CELLCFG_INTERNAL_H */
