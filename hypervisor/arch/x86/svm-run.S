/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The SVM world switch.  VMRUN loads and saves no general-purpose register
 * but RAX and RSP (which svm.c keeps in step with struct guest_regs), so
 * the others are loaded from and saved to struct guest_regs here.  The
 * guest's FS, GS, TR and syscall MSRs stay loaded in the host (VMLOAD/
 * VMSAVE), which is why the hypervisor never relies on GS.
 */
#include <asm/guest-regs-switch.h>

	.section .text
	.globl svm_enter_guest
/*
 * void svm_enter_guest(struct guest_regs *regs, u64 vmcb_pa): run the
 * guest until its next #VMEXIT.
 */
svm_enter_guest:
	push_callee_saved
	push	%rdi			/* regs */
	push	%rsi			/* VMCB physical address */

	load_guest_gprs

	mov	(%rsp), %rax
	vmload	%rax
	vmrun	%rax
	vmsave	%rax

	push	%rdi
	mov	16(%rsp), %rdi		/* regs */
	store_guest_gprs
	pop	REGS_RDI(%rdi)

	add	$16, %rsp
	pop_callee_saved
	ret
