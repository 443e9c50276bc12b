/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The hypervisor image (xvcell.bin) and how the driver enters it.
 *
 * The image is linked at XVC_HV_LINK_ADDRESS and starts with struct
 * xvc_hv_header.  The driver copies it to the start of the RAM reserved for
 * the hypervisor, fills in the "set by the driver" fields, copies the system
 * config behind the image and builds a small bootstrap page table that maps
 * the reserved RAM at the link address and the driver's entry stub at the
 * stub's own address.  On every online CPU at once, the stub saves Linux's
 * state into cpu_state[cpu], switches to the bootstrap page table and calls
 * header.entry.  The hypervisor returns to the stub's resume point either
 * as its guest (enabled) or natively (enable failed, or disable).
 */
#ifndef XVCELL_HYPERVISOR_H
#define XVCELL_HYPERVISOR_H

/* Offsets into struct xvc_linux_cpu_state for the driver's assembly stub. */
#define XVC_LS_RESUME_RIP	208
#define XVC_LS_RESUME_RSP	216
#define XVC_LS_RFLAGS		224

#ifndef __ASSEMBLY__

#include <xvcell/types.h>

#define XVC_HV_SIGNATURE	"XVCHYPR"
#define XVC_HV_REVISION		2
#define XVC_HV_FIRMWARE		"xvcell.bin"

/*
 * In the top 2 GiB (the hypervisor is built with -mcmodel=kernel), below
 * where Linux puts modules (the driver's stub lives there).
 */
#define XVC_HV_LINK_ADDRESS	0xffffffff80000000ULL
#define XVC_MAX_CPUS		64

/* Registers for the native return into Linux (stub_resume pops them). */
struct xvc_resume_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rdi, rsi, rbp, rbx, rdx, rcx, rax;
	uint64_t ds, es;
	/* IRETQ frame */
	uint64_t rip, cs, rflags, rsp, ss;
};

/* Linux's state on one CPU, captured by the driver just before entry. */
struct xvc_linux_cpu_state {
	uint64_t cr0, cr3, cr4;
	uint64_t efer, pat;
	uint64_t gdtr_base, idtr_base;
	uint64_t fs_base, gs_base, kernel_gs_base, tr_base;
	uint64_t sysenter_cs, sysenter_esp, sysenter_eip;
	uint64_t star, lstar, cstar, sfmask;
	uint16_t gdtr_limit, idtr_limit;
	uint16_t cs, ss, ds, es, fs, gs, tr, ldtr;
	uint16_t reserved0[2];
	/* Access rights as LAR reports them (bits 8-23), 0 for null. */
	uint32_t cs_ar, ss_ar, ds_ar, es_ar, fs_ar, gs_ar, tr_ar, ldtr_ar;
	uint32_t tr_limit;
	uint32_t linux_cpu;
	/* Written by the stub: where Linux continues, and with which RSP. */
	uint64_t resume_rip, resume_rsp, rflags;
	/*
	 * The driver's (Linux's) address of this structure: for a native
	 * return the hypervisor fills resume_frame and the stub pops it
	 * through this address, which needs no page walk and no mapping the
	 * hypervisor may not have yet.
	 */
	uint64_t self_linux_va;
	struct xvc_resume_frame resume_frame;
};

struct xvc_hv_header {
	char signature[8];
	uint32_t revision;
	uint32_t max_cpus;
	uint64_t link_address;
	/* Bytes of the file, and of the loaded image including its BSS. */
	uint64_t file_size;
	uint64_t core_size;
	/* Virtual address of the per-CPU entry point. */
	uint64_t entry;
	/* Offsets into the image of the console ring and the CPU states. */
	uint64_t console_offset;
	uint64_t cpu_state_offset;

	/* --- set by the driver before entry --- */
	uint64_t phys_start;
	uint64_t mem_size;
	/* The system config, copied into hypervisor memory after the core. */
	uint64_t config_offset;
	uint64_t config_size;
	/* The driver's entry stub, mapped at the same address by the hypervisor. */
	uint64_t stub_va;
	uint64_t stub_pa;
	/*
	 * Native return into Linux: jumped to with RDI = Linux's CR3, RSI =
	 * its CR4 and RSP = the Linux address of a struct xvc_resume_frame
	 * (GPRs, then an IRETQ frame); see driver/stub.S.
	 */
	uint64_t stub_resume;
	uint32_t stub_pages;
	/* How many CPUs enter; all must arrive before any continues. */
	uint32_t entering_cpus;
	/* Where the per-CPU areas start (xvc_layout_compute(), layout.h). */
	uint64_t percpu_offset;

	/* --- set by the image --- */
	/* Each entering CPU takes an area of this size (layout.h). */
	uint32_t percpu_size;
	uint32_t reserved;
};


XVC_STATIC_ASSERT(__builtin_offsetof(struct xvc_linux_cpu_state, resume_rip) ==
		  XVC_LS_RESUME_RIP, "stub offsets");
XVC_STATIC_ASSERT(__builtin_offsetof(struct xvc_linux_cpu_state, resume_rsp) ==
		  XVC_LS_RESUME_RSP, "stub offsets");
XVC_STATIC_ASSERT(__builtin_offsetof(struct xvc_linux_cpu_state, rflags) ==
		  XVC_LS_RFLAGS, "stub offsets");

/* The hypervisor's message buffer, readable by the driver at any time. */
struct xvc_console_ring {
	/* Total bytes ever written; the buffer holds the last size of them. */
	volatile uint32_t written;
	uint32_t size;
	char buf[];
};

#define XVC_CONSOLE_RING_SIZE	16384

#endif /* __ASSEMBLY__ */
#endif /* XVCELL_HYPERVISOR_H */
