/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The VMX world switch.  A VM exit loads RSP and RIP from the VMCS host
 * fields and nothing else: the guest's general-purpose registers (all but
 * RSP, which the VMCS keeps) are pushed here as struct guest_regs on the
 * per-CPU stack and handed to vmx_handle_exit().  HOST_RSP is the top of
 * that stack, so every exit starts on an empty one.
 */
#include <asm/percpu.h>

#define HOST_RSP	0x6c14

/* Load the guest's registers from the frame at RSP and drop the frame. */
.macro restore_guest_regs
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
	add	$8, %rsp		/* rsp: in the VMCS */
	pop	%rbx
	pop	%rdx
	pop	%rcx
	pop	%rax
.endm

	.section .text
	.globl vmx_vmrun_loop, vmx_exit_entry
/*
 * void vmx_vmrun_loop(u64 launched): never returns.  VMLAUNCH for a VMCS
 * never launched since VMCLEAR, else VMRESUME; starts the guest with all
 * general-purpose registers zero, on an empty per-CPU stack.
 */
vmx_vmrun_loop:
	mov	%rsp, %rax
	and	$~(PERCPU_SIZE - 1), %rax
	lea	PERCPU_SIZE(%rax), %rsp
	mov	$HOST_RSP, %eax
	vmwrite	%rsp, %rax
	jbe	.Lfailed
	.rept 16
	push	$0
	.endr
	test	%rdi, %rdi
	jnz	.Lresume
	restore_guest_regs
	vmlaunch
	jmp	.Lfailed

vmx_exit_entry:
	push	%rax
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
	call	vmx_handle_exit
.Lresume:
	restore_guest_regs
	vmresume

.Lfailed:
	/* VMfailInvalid (CF) or VMfailValid (ZF): the C side reports which. */
	pushfq
	pop	%rdi
	call	vmx_entry_failed
1:	hlt
	jmp	1b
