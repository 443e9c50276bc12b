/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The VMX world switch.  A VM exit loads RSP and RIP from the VMCS host
 * fields and nothing else: HOST_RSP is set here to the stack as it is at
 * entry and HOST_RIP is vmx_exit_entry, so an exit "returns" from
 * vmx_enter_guest.  The guest's general-purpose registers (but RSP, which
 * the VMCS keeps and vmx.c keeps in step) are loaded from and saved to
 * struct guest_regs.
 */
#include <asm/guest-regs-switch.h>

	.section .text
	.globl vmx_enter_guest, vmx_exit_entry
/*
 * u64 vmx_enter_guest(struct guest_regs *regs, bool launched): 0 after a
 * VM exit; the RFLAGS of a failed VMLAUNCH/VMRESUME otherwise (CF: no
 * current VMCS, ZF: the VMCS names the error).
 */
vmx_enter_guest:
	push_callee_saved
	push	%rdi			/* regs, found again at the exit */

	mov	$VMCS_HOST_RSP, %eax
	vmwrite	%rsp, %rax
	jbe	.Lfailed

	test	%sil, %sil		/* ZF from here to the jump below */
	mov	REGS_RAX(%rdi), %rax
	load_guest_gprs
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
	store_guest_gprs
	pop	REGS_RDI(%rdi)
	xor	%eax, %eax
.Lout:
	add	$8, %rsp
	pop_callee_saved
	ret
