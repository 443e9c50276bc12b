// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the hypervisor's MMIO instruction decoder
 * (hypervisor/arch/x86/decode.c), built for the host: the instruction
 * bytes come from a buffer standing in for guest memory.  Every accepted
 * form must give the right direction, width, value or destination, and
 * length; every other form must be refused, since a wrong length would
 * resume the guest mid-instruction and a wrong width would let a partial
 * access pass for a whole register.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <xvc/cell.h>
#include <xvc/errno.h>
#include <xvc/memory.h>
#include <asm/decode.h>
#include <asm/processor.h>

static uint8_t guest_code[32];

/* Guest-physical 0 is guest_code, reached through the direct map. */
int cell_gpa_to_phys(const struct cell *cell, u64 gpa, u64 *phys)
{
	(void)cell;
	if (gpa >= sizeof(guest_code))
		return -EFAULT;
	*phys = (u64)(uintptr_t)&guest_code[gpa] - DIRECT_MAP_BASE;
	return 0;
}

int guest_virt_to_phys(const struct cell *cell, u64 cr3, u64 cr4, u64 gva, u64 *gpa)
{
	(void)cell; (void)cr3; (void)cr4;
	*gpa = gva;	/* the tests run "paging" with an identity map */
	return 0;
}

static struct guest_regs regs;

static void reset_regs(void)
{
	regs = (struct guest_regs){
		.rax = 0x1111111111111111, .rcx = 0x2222222222222222,
		.rdx = 0x3333333333333333, .rbx = 0x4444444444444444,
		.rsi = 0x5555555555555555, .rdi = 0x6666666666666666,
		.r8 = 0x8888888888888888, .r15 = 0xffff0000ffff0000,
	};
}

enum mode { LONG_MODE, PROTECTED_32, PROTECTED_16, COMPAT_32 };

static int decode_in(enum mode mode, const char *bytes, size_t len,
		     struct mmio_insn *insn)
{
	struct decode_ctx ctx = { .regs = &regs, .rip = 0 };

	ctx.gs.cr0 = X86_CR0_PE | X86_CR0_PG;
	ctx.gs.efer = (mode == LONG_MODE || mode == COMPAT_32) ?
		EFER_LMA | EFER_LME : 0;
	ctx.gs.cs_long = mode == LONG_MODE;
	ctx.gs.cs_db = mode == PROTECTED_32 || mode == COMPAT_32;
	memset(guest_code, 0x90, sizeof(guest_code));
	memcpy(guest_code, bytes, len);
	return decode_mmio_insn(&ctx, insn);
}

#define DECODE(mode, bytes, insn) decode_in(mode, bytes, sizeof(bytes) - 1, insn)

/* A store: direction, width, value and length. */
#define STORES(name, mode, bytes, want_size, want_value, want_length)	\
static void name(void **state)						\
{									\
	struct mmio_insn insn;						\
	(void)state;							\
	reset_regs();							\
	assert_int_equal(DECODE(mode, bytes, &insn), 0);		\
	assert_true(insn.write);					\
	assert_int_equal(insn.size, want_size);				\
	assert_int_equal(insn.value, (u64)(want_value));		\
	assert_int_equal(insn.length, want_length);			\
}

/* A load of 0xa1b2c3d4e5f60718 (truncated to the width): the register after. */
#define LOADS(name, mode, bytes, want_size, want_length, reg, want_reg)	\
static void name(void **state)						\
{									\
	struct mmio_insn insn;						\
	(void)state;							\
	reset_regs();							\
	assert_int_equal(DECODE(mode, bytes, &insn), 0);		\
	assert_false(insn.write);					\
	assert_int_equal(insn.size, want_size);				\
	assert_int_equal(insn.length, want_length);			\
	decode_complete_load(&insn, &regs, 0xa1b2c3d4e5f60718ULL);	\
	assert_int_equal(regs.reg, (u64)(want_reg));			\
}

#define REFUSES(name, mode, bytes)					\
static void name(void **state)						\
{									\
	struct mmio_insn insn;						\
	(void)state;							\
	reset_regs();							\
	assert_int_not_equal(DECODE(mode, bytes, &insn), 0);		\
}

/* mov %eax,(%rdx): the inmate library's mmio_write32 */
STORES(mov_reg_indirect, LONG_MODE, "\x89\x02", 4, 0x11111111, 2)
/* mov %eax,0xffffffffff5fd0b0: Linux's apic_write, absolute via SIB */
STORES(mov_absolute_sib, LONG_MODE, "\x89\x04\x25\xb0\xd0\x5f\xff", 4, 0x11111111, 7)
/* mov %ecx,0xb0(%rax): disp32 */
STORES(mov_disp32, LONG_MODE, "\x89\x88\xb0\x00\x00\x00", 4, 0x22222222, 6)
/* mov %ebx,0x8(%rsp): SIB + disp8 */
STORES(mov_sib_disp8, LONG_MODE, "\x89\x5c\x24\x08", 4, 0x44444444, 4)
/* mov %r8d,(%rdi): REX.R selects r8 */
STORES(mov_rex_r, LONG_MODE, "\x44\x89\x07", 4, 0x88888888, 3)
/* mov %r15d,(%rdi) */
STORES(mov_rex_r15, LONG_MODE, "\x44\x89\x3f", 4, 0xffff0000, 3)
/* mov %rax,(%rdx): REX.W, a whole 64-bit store */
STORES(mov_rex_w, LONG_MODE, "\x48\x89\x02", 8, 0x1111111111111111, 3)
/* mov %ax,(%rdx): 0x66, a 16-bit store */
STORES(mov_16, LONG_MODE, "\x66\x89\x02", 2, 0x1111, 3)
/* mov %al,(%rdx) and mov %ah,(%rdx): without REX, 4-7 are AH-BH */
STORES(mov_8_al, LONG_MODE, "\x88\x02", 1, 0x11, 2)
STORES(mov_8_bh, LONG_MODE, "\x88\x3a", 1, 0x44, 2)
/* mov %sil,(%rdx): with REX, 6 is SIL */
STORES(mov_8_sil, LONG_MODE, "\x40\x88\x32", 1, 0x55, 3)
/* movl $0x12345678,(%rax) */
STORES(mov_imm, LONG_MODE, "\xc7\x00\x78\x56\x34\x12", 4, 0x12345678, 6)
/* movl $0x1,0xb0(%rax): disp32 then imm32 */
STORES(mov_imm_disp32, LONG_MODE, "\xc7\x80\xb0\x00\x00\x00\x01\x00\x00\x00", 4, 1, 10)
/* movq $-2,(%rax): imm32 sign-extended to 64 bits */
STORES(mov_imm_64, LONG_MODE, "\x48\xc7\x00\xfe\xff\xff\xff", 8, 0xfffffffffffffffe, 7)
/* movw $0x1234,(%rax): imm16 */
STORES(mov_imm_16, LONG_MODE, "\x66\xc7\x00\x34\x12", 2, 0x1234, 5)
/* movb $0xab,(%rax) */
STORES(mov_imm_8, LONG_MODE, "\xc6\x00\xab", 1, 0xab, 3)
/* mov %eax,%ds:0x10(%rip) with a segment prefix: RIP-relative disp32 */
STORES(mov_prefix_riprel, LONG_MODE, "\x3e\x89\x05\x10\x00\x00\x00", 4, 0x11111111, 7)
/* 32-bit protected mode: mov %ecx,0xfee00300 (disp32 form) */
STORES(mov_protected_32, PROTECTED_32, "\x89\x0d\x00\x03\xe0\xfe", 4, 0x22222222, 6)

/* mov (%rdx),%eax: a 32-bit destination is zero-extended */
LOADS(load_32, LONG_MODE, "\x8b\x02", 4, 2, rax, 0xe5f60718)
/* mov (%rdx),%rcx: 64 bits */
LOADS(load_64, LONG_MODE, "\x48\x8b\x0a", 8, 3, rcx, 0xa1b2c3d4e5f60718)
/* mov (%rdx),%ax: the upper 48 bits stay */
LOADS(load_16, LONG_MODE, "\x66\x8b\x02", 2, 3, rax, 0x1111111111110718)
/* mov (%rdx),%al and mov (%rdx),%ah: the rest stays */
LOADS(load_8_al, LONG_MODE, "\x8a\x02", 1, 2, rax, 0x1111111111111118)
LOADS(load_8_ah, LONG_MODE, "\x8a\x22", 1, 2, rax, 0x1111111111111811)
/* mov (%rdx),%r15d: REX.R, zero-extended */
LOADS(load_r15d, LONG_MODE, "\x44\x8b\x3a", 4, 3, r15, 0xe5f60718)
/* movzbl (%rdx),%ecx and movzwl (%rdx),%ecx */
LOADS(movzx_8, LONG_MODE, "\x0f\xb6\x0a", 1, 3, rcx, 0x18)
LOADS(movzx_16, LONG_MODE, "\x0f\xb7\x0a", 2, 3, rcx, 0x0718)
/* movzbw (%rdx),%cx: a 16-bit destination keeps the upper 48 bits */
LOADS(movzx_8_to_16, LONG_MODE, "\x66\x0f\xb6\x0a", 1, 4, rcx, 0x2222222222220018)

/* mov %eax,moffs (A3) */
REFUSES(refuse_moffs, LONG_MODE, "\xa3\xb0\xd0\x5f\xff\xff\xff\xff\xff")
/* register destination is no store */
REFUSES(refuse_register_dest, LONG_MODE, "\x89\xc0")
/* C7 with a reg field other than 0 is not MOV */
REFUSES(refuse_c7_reg, LONG_MODE, "\xc7\x08\x00\x00\x00\x00")
/* add %eax,(%rdx): any other operation */
REFUSES(refuse_add, LONG_MODE, "\x01\x02")
/* movsx (0F BE) */
REFUSES(refuse_movsx, LONG_MODE, "\x0f\xbe\x0a")
/* 16 prefixes: longer than any x86 instruction may be */
REFUSES(refuse_too_long, LONG_MODE,
	"\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x89\x02")
/* 16-bit code: other ModRM forms, refused */
REFUSES(refuse_16bit_code, PROTECTED_16, "\x89\x07")
/* 32-bit code with a 16-bit address size */
REFUSES(refuse_addr16, PROTECTED_32, "\x67\x89\x07")
/* Compatibility mode: 0x48 is DEC EAX, not REX.W */
REFUSES(refuse_rex_in_compat, COMPAT_32, "\x48\x89\x02")

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mov_reg_indirect),
		cmocka_unit_test(mov_absolute_sib),
		cmocka_unit_test(mov_disp32),
		cmocka_unit_test(mov_sib_disp8),
		cmocka_unit_test(mov_rex_r),
		cmocka_unit_test(mov_rex_r15),
		cmocka_unit_test(mov_rex_w),
		cmocka_unit_test(mov_16),
		cmocka_unit_test(mov_8_al),
		cmocka_unit_test(mov_8_bh),
		cmocka_unit_test(mov_8_sil),
		cmocka_unit_test(mov_imm),
		cmocka_unit_test(mov_imm_disp32),
		cmocka_unit_test(mov_imm_64),
		cmocka_unit_test(mov_imm_16),
		cmocka_unit_test(mov_imm_8),
		cmocka_unit_test(mov_prefix_riprel),
		cmocka_unit_test(mov_protected_32),
		cmocka_unit_test(load_32),
		cmocka_unit_test(load_64),
		cmocka_unit_test(load_16),
		cmocka_unit_test(load_8_al),
		cmocka_unit_test(load_8_ah),
		cmocka_unit_test(load_r15d),
		cmocka_unit_test(movzx_8),
		cmocka_unit_test(movzx_16),
		cmocka_unit_test(movzx_8_to_16),
		cmocka_unit_test(refuse_moffs),
		cmocka_unit_test(refuse_register_dest),
		cmocka_unit_test(refuse_c7_reg),
		cmocka_unit_test(refuse_add),
		cmocka_unit_test(refuse_movsx),
		cmocka_unit_test(refuse_too_long),
		cmocka_unit_test(refuse_16bit_code),
		cmocka_unit_test(refuse_addr16),
		cmocka_unit_test(refuse_rex_in_compat),
	};
	int failed = cmocka_run_group_tests_name("decode", tests, NULL, NULL);

	/* read by tests/Makefile for the summary line */
	printf("COUNT %zu %d\n", sizeof(tests) / sizeof(tests[0]) - failed, failed);
	return failed ? 1 : 0;
}
