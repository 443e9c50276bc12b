/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The driver's entry stub: the only code the CPU executes in both Linux's
 * and the hypervisor's address space.  It fits in one page, which the
 * hypervisor maps at the same address (include/xvcell/hypervisor.h).
 */
#include <linux/linkage.h>
#include <xvcell/hypervisor.h>

#define X86_CR4_PGE	0x80

	.text
	.balign 4096
SYM_INNER_LABEL(xvc_stub_start, SYM_L_GLOBAL)

/*
 * long xvc_stub_enter(struct xvc_linux_cpu_state *ls, unsigned int cpu,
 *		       u64 bootstrap_cr3, u64 entry)
 *
 * Saves where Linux continues, switches to the hypervisor's bootstrap page
 * table and jumps to its entry.  The hypervisor comes back to .Lresume,
 * as its guest or natively, with RAX = 0 or a negative errno.
 */
SYM_INNER_LABEL(xvc_stub_enter, SYM_L_GLOBAL)
	push	%rbp
	push	%rbx
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	pushfq
	pop	%rax
	mov	%rax, XVC_LS_RFLAGS(%rdi)
	lea	.Lresume(%rip), %rax
	mov	%rax, XVC_LS_RESUME_RIP(%rdi)
	mov	%rsp, XVC_LS_RESUME_RSP(%rdi)

	mov	%esi, %edi
	/* Clearing PGE flushes Linux's global mappings from the TLB. */
	mov	%cr4, %rax
	and	$~X86_CR4_PGE, %rax
	mov	%rax, %cr4
	mov	%rdx, %cr3
	jmp	*%rcx

.Lresume:
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbx
	pop	%rbp
	RET

/*
 * Native return into Linux: RDI = Linux's CR3, RSI = its CR4, RSP = the
 * Linux address of a struct xvc_resume_frame (in the CPU's state slot,
 * which the driver maps).  Entered from the hypervisor's page table; the
 * first CR3 write makes that address reachable.  IRETQ switches to Linux's
 * own stack.
 */
SYM_INNER_LABEL(xvc_stub_resume, SYM_L_GLOBAL)
	endbr64			/* reached by an indirect jump */
	mov	%rdi, %rax
	and	$~0xfff, %rax		/* PCID 0 until CR4 has PCIDE again */
	mov	%rax, %cr3
	mov	%rsi, %cr4
	mov	%rdi, %cr3
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%r11
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rdi
	pop	%rsi
	pop	%rbp
	pop	%rbx
	pop	%rdx
	pop	%rcx
	mov	8(%rsp), %rax
	mov	%eax, %ds
	mov	16(%rsp), %rax
	mov	%eax, %es
	pop	%rax
	add	$16, %rsp
	iretq

SYM_INNER_LABEL(xvc_stub_end, SYM_L_GLOBAL)
