// SPDX-License-Identifier: GPL-2.0-only
/*
 * Decode MOV stores (89 /r and C7 /0) of 32 bits, in any addressing form,
 * with optional segment, address-size and REX prefixes.  Anything else is
 * refused: the local APIC takes only aligned 32-bit stores, and Linux and
 * the inmate library write it with exactly these instructions.
 */
#include <xvc/cell.h>
#include <xvc/errno.h>
#include <xvc/memory.h>
#include <asm/decode.h>
#include <asm/paging.h>
#include <asm/processor.h>

#define MAX_INSN_LEN	15

static int fetch_byte(const struct vcpu_exit *ex, unsigned int offset, u8 *byte)
{
	u64 linear = ex->rip + offset, gpa, phys;
	int err;

	/* Segment bases count outside long mode only. */
	if (!(ex->efer & EFER_LMA))
		linear += ex->cs_base;
	gpa = linear;
	if (ex->cr0 & X86_CR0_PG) {
		err = guest_virt_to_phys(ex->cell, ex->cr3, ex->cr4, linear, &gpa);
		if (err)
			return err;
	}
	err = cell_gpa_to_phys(ex->cell, gpa, &phys);
	if (err)
		return err;
	*byte = *(const u8 *)phys_to_virt(phys);
	return 0;
}

/* Register operand n (with REX.R/B already added) from the guest's state. */
static u64 guest_register(const struct guest_regs *regs, unsigned int n)
{
	const u64 values[16] = {
		regs->rax, regs->rcx, regs->rdx, regs->rbx,
		0 /* rsp: never a store source here */, regs->rbp, regs->rsi,
		regs->rdi, regs->r8, regs->r9, regs->r10, regs->r11,
		regs->r12, regs->r13, regs->r14, regs->r15,
	};

	return values[n & 15];
}

static bool is_prefix(u8 b)
{
	switch (b) {
	case 0x26: case 0x2e: case 0x36: case 0x3e: case 0x64: case 0x65:
	case 0x67:
		return true;
	default:
		return false;
	}
}

/* Bytes of ModRM, SIB and displacement from the ModRM byte on. */
static int modrm_length(const struct vcpu_exit *ex, unsigned int pos,
			u8 modrm, unsigned int *len)
{
	unsigned int mod = modrm >> 6, rm = modrm & 7;
	u8 sib = 0;
	int err;

	*len = 1;
	if (mod == 3)
		return -EINVAL;		/* register destination: not a store */
	if (rm == 4) {
		err = fetch_byte(ex, pos + 1, &sib);
		if (err)
			return err;
		(*len)++;
	}
	if (mod == 1)
		*len += 1;
	else if (mod == 2 || (mod == 0 && rm == 5) ||
		 (mod == 0 && rm == 4 && (sib & 7) == 5))
		*len += 4;
	return 0;
}

int decode_mmio_store(const struct vcpu_exit *ex, struct mmio_store *st)
{
	unsigned int pos = 0, modlen, rex = 0;
	u8 b, opcode, modrm;
	u32 imm = 0;
	int err, n;

	do {
		if (pos >= MAX_INSN_LEN)
			return -EINVAL;
		err = fetch_byte(ex, pos++, &b);
		if (err)
			return err;
	} while (is_prefix(b));
	if ((ex->efer & EFER_LMA) && (b & 0xf0) == 0x40) {
		rex = b;
		err = fetch_byte(ex, pos++, &b);
		if (err)
			return err;
	}
	if (rex & 0x8)
		return -EINVAL;		/* REX.W: a 64-bit store */
	opcode = b;
	if (opcode != 0x89 && opcode != 0xc7)
		return -EINVAL;
	err = fetch_byte(ex, pos, &modrm);
	if (!err)
		err = modrm_length(ex, pos, modrm, &modlen);
	if (err)
		return err;
	pos += modlen;

	if (opcode == 0xc7) {
		if ((modrm >> 3) & 7)
			return -EINVAL;
		for (n = 0; n < 4; n++, pos++) {
			err = fetch_byte(ex, pos, &b);
			if (err)
				return err;
			imm |= (u32)b << (8 * n);
		}
		st->value = imm;
	} else {
		st->value = guest_register(ex->regs, ((modrm >> 3) & 7) |
					   ((rex & 0x4) ? 8 : 0));
	}
	st->length = pos;
	return 0;
}
