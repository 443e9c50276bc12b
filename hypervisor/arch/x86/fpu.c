// SPDX-License-Identifier: GPL-2.0-only
/*
 * The FPU and vector registers of a CPU that changes hands.  The
 * hypervisor never uses them itself, so whatever they hold is the last
 * guest's: XRSTOR of an image whose header marks every component as in
 * its initial state clears all that XCR0 enables (x87, SSE, AVX, AVX-512
 * ...) in one instruction; FXRSTOR does x87 and SSE where XSAVE is off.
 */
#include <xvc/types.h>
#include <asm/processor.h>

#define MXCSR_DEFAULT		0x1f80
#define XCR0_X87		BIT_ULL(0)

/* The legacy FXSAVE area and the XSAVE header: nothing after it is read. */
struct xsave_image {
	u16 fcw, fsw;
	u8 ftw, reserved0;
	u16 fop;
	u64 fip, fdp;
	u32 mxcsr, mxcsr_mask;
	u8 registers[512 - 32];
	u64 xstate_bv, xcomp_bv, reserved1[6];
} __aligned(64);

_Static_assert(sizeof(struct xsave_image) == 576, "XSAVE legacy area + header");

static const struct xsave_image initial_state = {
	.fcw = 0x37f,		/* the x87 control word after FNINIT */
	.mxcsr = MXCSR_DEFAULT,
};

static u64 read_xcr0(void)
{
	u32 lo, hi;

	asm volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	return ((u64)hi << 32) | lo;
}

void fpu_reset_state(void)
{
	u32 ecx = cpuid_ecx(1);

	if (ecx & CPUID1_ECX_OSXSAVE) {
		/* Every component XCR0 enables, to its initial state. */
		asm volatile("xrstor %0" : : "m"(initial_state), "a"(~0U), "d"(~0U)
			     : "memory");
		/* Back to the x87 alone, as after RESET: the guest sets more. */
		if (read_xcr0() != XCR0_X87)
			xsetbv_safe(0, XCR0_X87);
		return;
	}
	if (cpuid_edx(1) & CPUID1_EDX_FXSR)
		asm volatile("fxrstor %0" : : "m"(initial_state) : "memory");
	else
		asm volatile("fninit");
}
