/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * xvcell hypercalls: the one definition of their numbers and arguments.
 *
 * A cell calls the hypervisor with VMMCALL (AMD) or VMCALL (Intel) from
 * ring 0: RAX = hypercall number, RDI = first argument, RSI = second.
 * The result comes back in RAX: >= 0 on success, a negative errno
 * (Linux numbering) on failure.  Every other register is preserved.
 * Both instructions are three bytes long; the hypervisor advances RIP.
 */
#ifndef XVCELL_HYPERCALL_H
#define XVCELL_HYPERCALL_H

#include <xvcell/types.h>

/* Root cell only. */
#define XVC_HC_DISABLE			0
#define XVC_HC_CELL_CREATE		1  /* arg1: guest-physical address of a cell blob, arg2: its size */
#define XVC_HC_CELL_SET_LOADABLE	2  /* arg1: cell id */
#define XVC_HC_CELL_START		3  /* arg1: cell id */
#define XVC_HC_CELL_SHUTDOWN		4  /* arg1: cell id; asks the cell politely */
#define XVC_HC_CELL_DESTROY		5  /* arg1: cell id */

/* Any cell. */
#define XVC_HC_HYPERVISOR_INFO		16 /* arg1: XVC_INFO_* */
#define XVC_HC_CELL_GET_STATE		17 /* arg1: cell id; returns XVC_CELL_* */
#define XVC_HC_CPU_GET_INFO		18 /* arg1: cpu, arg2: XVC_CPU_INFO_* */
/*
 * Cells whose config has XVC_CELL_CONSOLE_HYPERCALL; any other cell gets
 * -EPERM and keeps running (the inmate library then uses its UART).
 */
#define XVC_HC_CONSOLE_WRITE		19 /* arg1: guest-physical address, arg2: length (<= 256) */

#define XVC_CONSOLE_WRITE_MAX		256

/* XVC_HC_HYPERVISOR_INFO queries. */
#define XVC_INFO_MEM_POOL_PAGES		0
#define XVC_INFO_MEM_POOL_USED		1
#define XVC_INFO_NUM_CELLS		2
#define XVC_INFO_VENDOR			3  /* 1 = AMD SVM, 2 = Intel VMX */
/* KiB of hypervisor memory in use: image, config, per-CPU areas, pool. */
#define XVC_INFO_MEM_USED_KIB		4

#define XVC_VENDOR_ID_SVM		1
#define XVC_VENDOR_ID_VMX		2

/* Cell states, as XVC_HC_CELL_GET_STATE and the comm region report them. */
#define XVC_CELL_RUNNING		0
#define XVC_CELL_RUNNING_LOCKED		1  /* refuses shutdown for now */
#define XVC_CELL_SHUT_DOWN		2
#define XVC_CELL_FAILED			3
#define XVC_CELL_CREATED		4  /* not started yet */
#define XVC_CELL_LOADING		5  /* loadable regions open to the root */

/*
 * Per-CPU exit statistics, by what caused the exit (vendor-neutral).
 * XVC_HC_CPU_GET_INFO with arg2 = XVC_CPU_INFO_STAT(n) returns counter n.
 */
#define XVC_STATS(X)				\
	X(TOTAL, "total")			\
	X(IO, "io")				\
	X(MMIO, "mmio")				\
	X(MSR, "msr")				\
	X(CPUID, "cpuid")			\
	X(HYPERCALL, "hypercall")		\
	X(XAPIC, "xapic")			\
	X(X2APIC, "x2apic")			\
	X(CR, "cr")				\
	X(EXCEPTION, "exception")		\
	X(NESTED_FAULT, "npf-ept")		\
	X(MANAGEMENT, "management")		\
	X(INIT_SIPI, "init-sipi")		\
	X(OTHER, "other")

enum xvc_stat {
#define XVC_STAT_ENUM(name, str) XVC_STAT_##name,
	XVC_STATS(XVC_STAT_ENUM)
#undef XVC_STAT_ENUM
	XVC_NUM_STATS
};

/* XVC_HC_CPU_GET_INFO queries. */
#define XVC_CPU_INFO_STATE		0  /* XVC_CPU_RUNNING, ... */
#define XVC_CPU_INFO_CELL		1  /* id of the cell owning the CPU */
#define XVC_CPU_INFO_STAT_BASE		1000
#define XVC_CPU_INFO_STAT(n)		(XVC_CPU_INFO_STAT_BASE + (n))

#define XVC_CPU_RUNNING			0
#define XVC_CPU_FAILED			1  /* stopped after a violation */
#define XVC_CPU_PARKED			2  /* owned by no running cell */

#endif /* XVCELL_HYPERCALL_H */
