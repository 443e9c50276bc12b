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
 * The guest's general-purpose registers while the hypervisor runs.  The
 * world-switch stubs load and save them (offsets: asm-offsets.c); RAX and
 * RSP, which the VMCB or VMCS holds, are copied in and out by the vendor
 * code around each entry.
 */
struct guest_regs {
	u64 r15, r14, r13, r12, r11, r10, r9, r8;
	u64 rdi, rsi, rbp, rsp, rbx, rdx, rcx, rax;
};

struct arch_per_cpu {
	/* Pages the vendor code owns: VMCB + host save area, or VMXON + VMCS. */
	u8 vendor_page[2][PAGE_SIZE] __aligned(PAGE_SIZE);
	struct guest_regs regs;
	bool vendor_enabled;
	/* VMX: the VMCS was launched since its last VMCLEAR. */
	bool vmcs_launched;
	/*
	 * SVM: the guest runs the handler of an NMI the hypervisor injected,
	 * until its IRET (intercepted) has executed; no other NMI meanwhile.
	 */
	bool guest_nmi_masked;
	bool guest_nmi_unmask_pending;
	/* The guest switched this CPU's local APIC to x2APIC mode. */
	bool x2apic;
	/* The guest's xAPIC ICR high half, kept virtual. */
	u32 guest_icr_high;
	/*
	 * The xAPIC logical ID registers (LDR, DFR) as the hardware has them:
	 * logical destinations are resolved with these.  Only the root may
	 * change them, through the intercepted xAPIC page.
	 */
	u32 guest_ldr;
	u32 guest_dfr;
	/* The guest's PCI config address (port 0xcf8), kept virtual. */
	u32 pci_address;
	/*
	 * The last exits, oldest first from exit_trace_next: printed when a
	 * root CPU is stopped, to show how it got there.
	 */
	struct {
		unsigned int reason;	/* enum vcpu_exit_reason */
		u64 detail[2], rip;
	} exit_trace[8];
	unsigned int exit_trace_next;
};

#endif /* __ASSEMBLY__ */
#endif /* XVC_ASM_PERCPU_H */
