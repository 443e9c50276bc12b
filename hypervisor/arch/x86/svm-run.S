/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The SVM world switch.  VMRUN loads and saves no general-purpose register
 * but RAX and RSP (which svm.c keeps in step with struct guest_regs), so
 * the others are loaded from and saved to struct guest_regs here.  The
 * guest's FS, GS, TR and syscall MSRs stay loaded in the host (VMLOAD/
 * VMSAVE), which is why the hypervisor never relies on GS.
 */
#include <generated/asm-offsets.h>

	.section .text
	.globl svm_enter_guest
/*
 * void svm_enter_guest(struct guest_regs *regs, u64 vmcb_pa): run the
 * guest until its next #VMEXIT.
 */
svm_enter_guest:
	push	%rbp
	push	%rbx
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	push	%rdi			/* regs */
	push	%rsi			/* VMCB physical address */

	mov	REGS_RCX(%rdi), %rcx
	mov	REGS_RDX(%rdi), %rdx
	mov	REGS_RBX(%rdi), %rbx
	mov	REGS_RBP(%rdi), %rbp
	mov	REGS_RSI(%rdi), %rsi
	mov	REGS_R8(%rdi), %r8
	mov	REGS_R9(%rdi), %r9
	mov	REGS_R10(%rdi), %r10
	mov	REGS_R11(%rdi), %r11
	mov	REGS_R12(%rdi), %r12
	mov	REGS_R13(%rdi), %r13
	mov	REGS_R14(%rdi), %r14
	mov	REGS_R15(%rdi), %r15
	mov	REGS_RDI(%rdi), %rdi

	mov	(%rsp), %rax
	vmload	%rax
	vmrun	%rax
	vmsave	%rax

	push	%rdi
	mov	16(%rsp), %rdi		/* regs */
	mov	%rcx, REGS_RCX(%rdi)
	mov	%rdx, REGS_RDX(%rdi)
	mov	%rbx, REGS_RBX(%rdi)
	mov	%rbp, REGS_RBP(%rdi)
	mov	%rsi, REGS_RSI(%rdi)
	mov	%r8, REGS_R8(%rdi)
	mov	%r9, REGS_R9(%rdi)
	mov	%r10, REGS_R10(%rdi)
	mov	%r11, REGS_R11(%rdi)
	mov	%r12, REGS_R12(%rdi)
	mov	%r13, REGS_R13(%rdi)
	mov	%r14, REGS_R14(%rdi)
	mov	%r15, REGS_R15(%rdi)
	pop	REGS_RDI(%rdi)

	add	$16, %rsp
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbx
	pop	%rbp
	ret
