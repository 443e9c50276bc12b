/* SPDX-License-Identifier: GPL-2.0-only */
/* The x86 part of each CPU's private area. */
#ifndef XVC_ASM_PERCPU_H
#define XVC_ASM_PERCPU_H

/* Each CPU's area: the per_cpu structure at the bottom, its stack on top. */
#define PERCPU_SIZE		0x8000
#define PERCPU_STACK_SIZE	0x4000

#ifndef __ASSEMBLY__

#include <xvc/types.h>

/*
 * Guest general-purpose registers as the exit stubs push them (RAX first,
 * R15 last).  The guest's RSP lives in the VMCB/VMCS; regs.rsp is unused.
 */
struct guest_regs {
	u64 r15, r14, r13, r12, r11, r10, r9, r8;
	u64 rdi, rsi, rbp, rsp, rbx, rdx, rcx, rax;
};

struct arch_per_cpu {
	/* Pages the vendor code owns: VMCB + host save area, or VMXON + VMCS. */
	u8 vendor_page[2][PAGE_SIZE] __aligned(PAGE_SIZE);
	struct guest_regs regs;
	/* Fault recovery for rdmsr_safe/wrmsr_safe. */
	u64 fixup_rip;
	bool fixup_hit;
	bool vendor_enabled;
	/* The guest switched this CPU's local APIC to x2APIC mode. */
	bool x2apic;
	/* The guest's xAPIC ICR high half, kept virtual. */
	u32 guest_icr_high;
	/* The guest's logical APIC ID (xAPIC LDR), for logical IPIs. */
	u32 guest_ldr;
};

#endif /* __ASSEMBLY__ */
#endif /* XVC_ASM_PERCPU_H */
