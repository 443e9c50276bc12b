/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The general-purpose register half of a world switch, shared by the SVM
 * and VMX entry code (assembly only): the host's callee-saved registers
 * and the guest's registers.  RAX and RSP are left out: each
 * vendor moves those itself (VMRUN takes RAX from the VMCB, VMX loads RAX
 * here but saves it on its own).  MOV changes no flag, so a vendor may
 * keep a flag across these (VMX chooses VMLAUNCH or VMRESUME by ZF).
 */
#ifndef _XVC_ASM_GUEST_REGS_SWITCH_H
#define _XVC_ASM_GUEST_REGS_SWITCH_H

#include <generated/asm-offsets.h>

/* Loads the guest's registers from struct guest_regs at %rdi, %rdi last. */
.macro load_guest_gprs
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
.endm

/*
 * Saves the guest's registers but RAX and RDI to struct guest_regs at
 * %rdi; the caller saved the guest's RDI before pointing %rdi there.
 */
.macro store_guest_gprs
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
.endm

/* The host's callee-saved registers around the C call of a world switch. */
.macro push_callee_saved
	push	%rbp
	push	%rbx
	push	%r12
	push	%r13
	push	%r14
	push	%r15
.endm

.macro pop_callee_saved
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbx
	pop	%rbp
.endm

#endif /* _XVC_ASM_GUEST_REGS_SWITCH_H */
