// SPDX-License-Identifier: GPL-2.0-only
/*
 * Decode the MOV that touched an intercepted MMIO page (see asm/decode.h
 * for what is accepted).  Instruction bytes are fetched through the
 * guest's own page tables and the cell's current memory map, so a guest
 * can make the hypervisor read only what it may read itself.
 */
#include <xvc/cell.h>
#include <xvc/errno.h>
#include <xvc/memory.h>
#include <asm/decode.h>
#include <asm/paging.h>
#include <asm/processor.h>

#define MAX_INSN_LEN	15

#define REX_W		0x8
#define REX_R		0x4
#define REX_B		0x1

/* The prefixes and opcode bytes read so far. */
struct insn_bytes {
	const struct decode_ctx *ctx;
	unsigned int pos;
	unsigned int opsize;	/* 2, 4 or 8 */
	u8 rex;
	bool long_mode;
};

static int fetch_byte(struct insn_bytes *ib, u8 *byte)
{
	const struct decode_ctx *ctx = ib->ctx;
	u64 linear = ctx->rip + ib->pos, gpa, phys;
	int err;

	if (ib->pos >= MAX_INSN_LEN)
		return -EINVAL;
	/* Segment bases count outside 64-bit mode only. */
	if (!ib->long_mode)
		linear = (u32)(linear + ctx->gs.cs_base);
	gpa = linear;
	if (ctx->gs.cr0 & X86_CR0_PG) {
		err = guest_virt_to_phys(ctx->cell, ctx->gs.cr3, ctx->gs.cr4,
					 linear, &gpa);
		if (err)
			return err;
	}
	err = cell_gpa_to_phys(ctx->cell, gpa, &phys);
	if (err)
		return err;
	*byte = *(const u8 *)phys_to_virt(phys);
	ib->pos++;
	return 0;
}

u64 *guest_gpr(struct guest_regs *regs, unsigned int n)
{
	/* struct guest_regs lists r15 first and rax last: register 15 - n. */
	return &((u64 *)regs)[15 - (n & 15)];
}

static u64 read_gpr(const struct guest_regs *regs, unsigned int n)
{
	return *guest_gpr((struct guest_regs *)regs, n);
}

/* Legacy prefixes: segment overrides and the two size overrides. */
static int read_prefixes(struct insn_bytes *ib, u8 *b)
{
	bool addr16 = false;
	int err;

	for (;;) {
		err = fetch_byte(ib, b);
		if (err)
			return err;
		switch (*b) {
		case 0x26: case 0x2e: case 0x36: case 0x3e: case 0x64: case 0x65:
			continue;
		case 0x66:
			ib->opsize = 2;
			continue;
		case 0x67:
			/* 16-bit addressing has other ModRM forms: refused. */
			addr16 = !ib->long_mode;
			continue;
		default:
			return addr16 ? -EINVAL : 0;
		}
	}
}

/* Skip ModRM, SIB and displacement; the fault told the address already. */
static int skip_modrm(struct insn_bytes *ib, u8 *modrm)
{
	unsigned int mod, rm;
	u8 sib = 0;
	int err;

	err = fetch_byte(ib, modrm);
	if (err)
		return err;
	mod = *modrm >> 6;
	rm = *modrm & 7;
	if (mod == 3)
		return -EINVAL;		/* a register operand: no memory access */
	if (rm == 4) {
		err = fetch_byte(ib, &sib);
		if (err)
			return err;
	}
	if (mod == 1)
		ib->pos += 1;
	else if (mod == 2 || (mod == 0 && rm == 5) ||
		 (mod == 0 && rm == 4 && (sib & 7) == 5))
		ib->pos += 4;
	return ib->pos <= MAX_INSN_LEN ? 0 : -EINVAL;
}

static unsigned int modrm_reg(const struct insn_bytes *ib, u8 modrm)
{
	return ((modrm >> 3) & 7) | ((ib->rex & REX_R) ? 8 : 0);
}

/* Read an immediate of @size bytes (at most 4), little endian. */
static int read_imm(struct insn_bytes *ib, unsigned int size, u64 *imm)
{
	unsigned int n;
	u8 b;
	int err;

	*imm = 0;
	for (n = 0; n < size; n++) {
		err = fetch_byte(ib, &b);
		if (err)
			return err;
		*imm |= (u64)b << (8 * n);
	}
	return 0;
}

/* The 8-bit register operand @reg: without REX, 4-7 are AH, CH, DH, BH. */
static void byte_register(const struct insn_bytes *ib, unsigned int reg,
			  struct mmio_insn *insn)
{
	insn->high_byte = !ib->rex && reg >= 4 && reg < 8;
	insn->reg = insn->high_byte ? reg - 4 : reg;
}

static u64 byte_register_value(const struct insn_bytes *ib,
			       const struct mmio_insn *insn)
{
	u64 v = read_gpr(ib->ctx->regs, insn->reg);

	return insn->high_byte ? (v >> 8) & 0xff : v & 0xff;
}

static u64 truncate(u64 value, unsigned int size)
{
	return size == 8 ? value : value & ((1ULL << (8 * size)) - 1);
}

static int decode_store(struct insn_bytes *ib, u8 opcode, u8 modrm,
			struct mmio_insn *insn)
{
	u64 imm;
	int err;

	insn->write = true;
	switch (opcode) {
	case 0x88:		/* MOV r/m8, r8 */
		insn->size = 1;
		byte_register(ib, modrm_reg(ib, modrm), insn);
		insn->value = byte_register_value(ib, insn);
		return 0;
	case 0x89:		/* MOV r/m, r */
		insn->size = ib->opsize;
		insn->value = truncate(read_gpr(ib->ctx->regs, modrm_reg(ib, modrm)),
				       insn->size);
		return 0;
	case 0xc6:		/* MOV r/m8, imm8 */
		if ((modrm >> 3) & 7)
			return -EINVAL;
		insn->size = 1;
		return read_imm(ib, 1, &insn->value);
	case 0xc7:		/* MOV r/m, imm16/32 (sign-extended to 64) */
		if ((modrm >> 3) & 7)
			return -EINVAL;
		insn->size = ib->opsize;
		err = read_imm(ib, ib->opsize == 2 ? 2 : 4, &imm);
		if (err)
			return err;
		if (insn->size == 8)
			imm = (u64)(s64)(s32)imm;
		insn->value = imm;
		return 0;
	default:
		return -EINVAL;
	}
}

static int decode_load(struct insn_bytes *ib, u8 opcode, u8 modrm,
		       struct mmio_insn *insn)
{
	insn->write = false;
	switch (opcode) {
	case 0x8a:		/* MOV r8, r/m8: the rest of the register stays */
		insn->size = 1;
		byte_register(ib, modrm_reg(ib, modrm), insn);
		return 0;
	case 0x8b:		/* MOV r, r/m: a 32-bit destination is zero-extended */
		insn->size = ib->opsize;
		insn->reg = modrm_reg(ib, modrm);
		insn->zero_extend = ib->opsize >= 4;
		return 0;
	default:
		return -EINVAL;
	}
}

static int decode_movzx(struct insn_bytes *ib, struct mmio_insn *insn)
{
	u8 opcode, modrm;
	int err;

	err = fetch_byte(ib, &opcode);
	if (err)
		return err;
	if (opcode != 0xb6 && opcode != 0xb7)
		return -EINVAL;
	err = skip_modrm(ib, &modrm);
	if (err)
		return err;
	insn->write = false;
	insn->size = opcode == 0xb6 ? 1 : 2;
	insn->reg = modrm_reg(ib, modrm);
	/* A 16-bit destination keeps the register's upper bits. */
	insn->zero_extend = ib->opsize >= 4;
	insn->movzx_16 = ib->opsize == 2;
	return 0;
}

static int decode_mov(struct insn_bytes *ib, u8 opcode, struct mmio_insn *insn)
{
	u8 modrm;
	int err;

	if (opcode == 0x0f)
		return decode_movzx(ib, insn);
	if (opcode != 0x88 && opcode != 0x89 && opcode != 0x8a &&
	    opcode != 0x8b && opcode != 0xc6 && opcode != 0xc7)
		return -EINVAL;
	err = skip_modrm(ib, &modrm);
	if (err)
		return err;
	if (opcode == 0x8a || opcode == 0x8b)
		return decode_load(ib, opcode, modrm, insn);
	return decode_store(ib, opcode, modrm, insn);
}

int decode_mmio_insn(const struct decode_ctx *ctx, struct mmio_insn *insn)
{
	struct insn_bytes ib = { .ctx = ctx, .opsize = 4 };
	u8 b;
	int err;

	/* 64-bit mode, or 32-bit protected mode; 16-bit code is refused. */
	ib.long_mode = (ctx->gs.efer & EFER_LMA) && ctx->gs.cs_long;
	if (!ib.long_mode && (!(ctx->gs.cr0 & X86_CR0_PE) || !ctx->gs.cs_db))
		return -EINVAL;
	*insn = (struct mmio_insn){ 0 };
	err = read_prefixes(&ib, &b);
	if (err)
		return err;
	if (ib.long_mode && (b & 0xf0) == 0x40) {
		ib.rex = b;
		if (ib.rex & REX_W)
			ib.opsize = 8;
		err = fetch_byte(&ib, &b);
		if (err)
			return err;
	}
	err = decode_mov(&ib, b, insn);
	if (err)
		return err;
	insn->length = ib.pos;
	return 0;
}

void decode_complete_load(const struct mmio_insn *insn, struct guest_regs *regs,
			  u64 value)
{
	u64 *reg = guest_gpr(regs, insn->reg);
	unsigned int width = insn->movzx_16 ? 2 : insn->size;
	u64 mask;

	value = truncate(value, insn->size);
	if (insn->high_byte) {
		*reg = (*reg & ~0xff00ULL) | (value << 8);
		return;
	}
	if (insn->zero_extend) {
		*reg = value;
		return;
	}
	mask = truncate(~0ULL, width);
	*reg = (*reg & ~mask) | value;
}
