/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The communication page shared by the hypervisor and one cell.
 *
 * The hypervisor allocates it, zeroes it, fills in the static fields at
 * cell creation and maps it where the cell's config says (a region with
 * XVC_MEM_COMM_REGION).  The cell polls msg_to_cell and answers in
 * reply_from_cell; it announces its own state in cell_state.
 */
#ifndef XVCELL_COMM_REGION_H
#define XVCELL_COMM_REGION_H

#include <xvcell/cell-config.h>

#define XVC_COMM_SIGNATURE		"XVCCOMM"
#define XVC_COMM_REVISION		1

/* Messages from the hypervisor to the cell. */
#define XVC_MSG_NONE			0
#define XVC_MSG_SHUTDOWN_REQUEST	1

/* Replies of the cell. */
#define XVC_REPLY_NONE			0
#define XVC_REPLY_APPROVED		1
#define XVC_REPLY_DENIED		2

struct xvc_comm_region {
	char signature[8];
	uint32_t revision;
	/* XVC_CELL_* (hypercall.h), written by the cell or the hypervisor. */
	volatile uint32_t cell_state;
	volatile uint32_t msg_to_cell;
	volatile uint32_t reply_from_cell;
	/* Frequencies the hypervisor knows (0 = unknown: calibrate). */
	uint32_t tsc_khz;
	uint32_t apic_khz;
	/* ACPI PM timer port, 0 if none. */
	uint32_t pm_timer_port;
	uint32_t num_cpus;
	/* The cell's console from its config. */
	struct xvc_console console;
};

XVC_STATIC_ASSERT(sizeof(struct xvc_comm_region) == 64, "comm region size");

/* Where inmates built with the xvcell inmate library expect things. */
#define XVC_INMATE_LOAD_ADDRESS		0x0ULL
#define XVC_INMATE_CMDLINE_ADDRESS	0x1000ULL
#define XVC_INMATE_CMDLINE_SIZE		0x1000ULL
#define XVC_INMATE_COMM_ADDRESS		0x100000ULL

#endif /* XVCELL_COMM_REGION_H */
