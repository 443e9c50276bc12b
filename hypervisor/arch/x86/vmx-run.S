/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The VMX world switch.  A VM exit loads RSP and RIP from the VMCS host
 * fields and nothing else: HOST_RSP is set here to the stack as it is at
 * entry and HOST_RIP is vmx_exit_entry, so an exit "returns" from
 * vmx_enter_guest.  The guest's general-purpose registers (but RSP, which
 * the VMCS keeps and vmx.c keeps in step) are loaded from and saved to
 * struct guest_regs.
 */
#include <generated/asm-offsets.h>

	.section .text
	.globl vmx_enter_guest, vmx_exit_entry
/*
 * u64 vmx_enter_guest(struct guest_regs *regs, bool launched): 0 after a
 * VM exit; the RFLAGS of a failed VMLAUNCH/VMRESUME otherwise (CF: no
 * current VMCS, ZF: the VMCS names the error).
 */
vmx_enter_guest:
	push	%rbp
	push	%rbx
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	push	%rdi			/* regs, found again at the exit */

	mov	$VMCS_HOST_RSP, %eax
	vmwrite	%rsp, %rax
	jbe	.Lfailed

	test	%sil, %sil		/* ZF from here to the jump below */
	mov	REGS_RAX(%rdi), %rax
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
	jnz	.Lresume
	vmlaunch
	jmp	.Lfailed
.Lresume:
	vmresume
.Lfailed:
	pushfq
	pop	%rax
	jmp	.Lout

vmx_exit_entry:
	push	%rdi
	mov	8(%rsp), %rdi		/* regs */
	mov	%rax, REGS_RAX(%rdi)
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
	xor	%eax, %eax
.Lout:
	add	$8, %rsp
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbx
	pop	%rbp
	ret
