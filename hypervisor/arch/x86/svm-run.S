/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The SVM world switch.  VMRUN saves and restores no general-purpose
 * register but RAX/RSP, so they are pushed here as struct guest_regs on the
 * per-CPU stack and handed to svm_handle_exit().  The guest's FS, GS, TR
 * and syscall MSRs stay loaded in the host (VMLOAD/VMSAVE), which is why
 * the hypervisor never relies on GS.
 */
#include <asm/percpu.h>

	.section .text
	.globl svm_vmrun_loop
/*
 * void svm_vmrun_loop(u64 vmcb_pa): never returns.  Starts on an empty
 * per-CPU stack, whatever called it (a parked CPU comes from deep inside an
 * exit handler).
 */
svm_vmrun_loop:
	mov	%rsp, %rax
	and	$~(PERCPU_SIZE - 1), %rax
	lea	PERCPU_SIZE(%rax), %rsp
	push	%rdi			/* VMCB physical address, above the frame */
	/* initial guest registers: all zero (the VMCB has RAX and RSP) */
	.rept 16
	push	$0
	.endr

.Lenter_guest:
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
	add	$8, %rsp		/* rsp: in the VMCB */
	pop	%rbx
	pop	%rdx
	pop	%rcx
	add	$8, %rsp		/* rax: in the VMCB */
	mov	(%rsp), %rax
	vmload	%rax
	vmrun	%rax
	vmsave	%rax

	push	%rax			/* placeholder for rax */
	push	%rcx
	push	%rdx
	push	%rbx
	push	$0			/* placeholder for rsp */
	push	%rbp
	push	%rsi
	push	%rdi
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	mov	%rsp, %rdi
	call	svm_handle_exit
	jmp	.Lenter_guest
