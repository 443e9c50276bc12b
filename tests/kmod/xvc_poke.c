// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test module: the root cell breaking the rules on purpose.  Writing a
 * physical address to /sys/module/xvc_poke/parameters/read (or .../write)
 * touches one word there from the writing CPU; aimed at the hypervisor's
 * memory, the hypervisor must stop that CPU with a report.  The access is
 * not done at load time so that module loading itself (which flushes TLBs
 * on all CPUs) is over before a CPU disappears.
 *
 * dmabuf: a page of the root's RAM, below 4 GiB, for a cell's device to
 * aim DMA at; reading the parameter tells where it is and how many of its
 * bytes something changed.
 */
#include <linux/delay.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/smp.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <asm/msr.h>
#include <asm/processor.h>

static int poke(const char *val, bool write)
{
	unsigned long phys;
	u32 *p;
	int err = kstrtoul(val, 0, &phys);

	if (err)
		return err;
	p = memremap(phys & PAGE_MASK, PAGE_SIZE, MEMREMAP_WB);
	if (!p)
		return -ENOMEM;
	p += (phys & ~PAGE_MASK) / sizeof(u32);
	pr_info("xvc_poke: %s 0x%lx on CPU %d\n", write ? "writing" : "reading",
		phys, raw_smp_processor_id());
	if (write)
		WRITE_ONCE(*p, 0xdeadbeef);
	else
		pr_info("xvc_poke: read 0x%x\n", READ_ONCE(*p));
	memunmap(p);
	return 0;
}

static int set_read(const char *val, const struct kernel_param *kp)
{
	return poke(val, false);
}

static int set_write(const char *val, const struct kernel_param *kp)
{
	return poke(val, true);
}

/*
 * "PIN HIGH LOW" (hex): program IOAPIC redirection entry PIN at 0xfec00000
 * with HIGH:LOW, print what reads back, then mask the entry again.
 */
static int set_ioapic(const char *val, const struct kernel_param *kp)
{
	void __iomem *io = ioremap(0xfec00000, PAGE_SIZE);
	unsigned int pin, high, low, back;

	if (!io)
		return -ENOMEM;
	if (sscanf(val, "%u %x %x", &pin, &high, &low) != 3 || pin > 23) {
		iounmap(io);
		return -EINVAL;
	}
	writel(0x10 + 2 * pin + 1, io);
	writel(high, io + 0x10);
	writel(0x10 + 2 * pin, io);
	writel(low, io + 0x10);
	back = readl(io + 0x10);
	pr_info("xvc_poke: ioapic pin %u wrote 0x%x:%x read back low 0x%x (%s)\n",
		pin, high, low, back, back & BIT(16) ? "masked" : "unmasked");
	writel(back | BIT(16), io + 0x10);
	iounmap(io);
	return 0;
}

static const struct kernel_param_ops ioapic_ops = { .set = set_ioapic };
module_param_cb(ioapic, &ioapic_ops, NULL, 0200);

/* Write IA32_APIC_BASE on this CPU; print the outcome; restore it. */
static int set_apicbase(const char *val, const struct kernel_param *kp)
{
	u64 old, new, back;
	int err;

	if (kstrtou64(val, 0, &new))
		return -EINVAL;
	rdmsrl(MSR_IA32_APICBASE, old);
	err = wrmsrl_safe(MSR_IA32_APICBASE, new);
	rdmsrl(MSR_IA32_APICBASE, back);
	pr_info("xvc_poke: apicbase 0x%llx -> 0x%llx: %s, reads 0x%llx\n", old, new,
		err ? "refused" : "accepted", back);
	if (back != old)
		wrmsrl(MSR_IA32_APICBASE, old);
	return 0;
}

static const struct kernel_param_ops apicbase_ops = { .set = set_apicbase };
module_param_cb(apicbase, &apicbase_ops, NULL, 0200);

/*
 * "OFFSET WIDTH VALUE" (hex): a store of WIDTH bytes (1, 2, 4, 8) at
 * OFFSET into the local APIC page, as a loosely decoding device sees it.
 */
static int set_apic(const char *val, const struct kernel_param *kp)
{
	void __iomem *apic = ioremap(0xfee00000, PAGE_SIZE);
	unsigned int offset, width;
	u64 value;

	if (!apic)
		return -ENOMEM;
	if (sscanf(val, "%x %u %llx", &offset, &width, &value) != 3 ||
	    offset + width > PAGE_SIZE) {
		iounmap(apic);
		return -EINVAL;
	}
	pr_info("xvc_poke: apic write of %u byte(s) 0x%llx at offset 0x%x\n",
		width, value, offset);
	switch (width) {
	case 1: writeb(value, apic + offset); break;
	case 2: writew(value, apic + offset); break;
	case 8: writeq(value, apic + offset); break;
	default: writel(value, apic + offset); break;
	}
	iounmap(apic);
	return 0;
}

static const struct kernel_param_ops apic_ops = { .set = set_apic };
module_param_cb(apic, &apic_ops, NULL, 0200);

/* "OFFSET VALUE" (hex): a 32-bit store at OFFSET into the IOAPIC page. */
static int set_ioapic_raw(const char *val, const struct kernel_param *kp)
{
	void __iomem *io = ioremap(0xfec00000, PAGE_SIZE);
	unsigned int offset, value;

	if (!io)
		return -ENOMEM;
	if (sscanf(val, "%x %x", &offset, &value) != 2 || offset > PAGE_SIZE - 4) {
		iounmap(io);
		return -EINVAL;
	}
	writel(value, io + offset);
	pr_info("xvc_poke: ioapic write 0x%x at offset 0x%x, window reads 0x%x\n",
		value, offset, readl(io + 0x10));
	iounmap(io);
	return 0;
}

static const struct kernel_param_ops ioapic_raw_ops = { .set = set_ioapic_raw };
module_param_cb(ioapic_raw, &ioapic_raw_ops, NULL, 0200);

/*
 * "PHYS [VALUE]" (hex): a 32-bit read, or a write then a read, of the word
 * at PHYS in the MMCONFIG window, printing what reads back: the root's
 * memory-mapped config path, which plain ports (xvc-pcicfg) do not take.
 */
static int set_mmcfg(const char *val, const struct kernel_param *kp)
{
	unsigned long phys;
	unsigned int value;
	void __iomem *page;
	int n = sscanf(val, "%lx %x", &phys, &value);

	if (n < 1 || (phys & 3))
		return -EINVAL;
	page = ioremap(phys & PAGE_MASK, PAGE_SIZE);
	if (!page)
		return -ENOMEM;
	if (n == 2)
		writel(value, page + (phys & ~PAGE_MASK));
	pr_info("xvc_poke: mmcfg 0x%lx%s reads 0x%x\n", phys,
		n == 2 ? " written," : "", readl(page + (phys & ~PAGE_MASK)));
	iounmap(page);
	return 0;
}

static const struct kernel_param_ops mmcfg_ops = { .set = set_mmcfg };
module_param_cb(mmcfg, &mmcfg_ops, NULL, 0200);

/*
 * "PHYS [VALUE]" (hex): the same with one 8-byte access, which config space
 * does not have: the hypervisor ignores it and the CPU goes on.
 */
static int set_mmcfg64(const char *val, const struct kernel_param *kp)
{
	unsigned long phys;
	u64 value, back;
	void __iomem *page;
	int n = sscanf(val, "%lx %llx", &phys, &value);

	if (n < 1 || (phys & 7))
		return -EINVAL;
	page = ioremap(phys & PAGE_MASK, PAGE_SIZE);
	if (!page)
		return -ENOMEM;
	if (n == 2)
		writeq(value, page + (phys & ~PAGE_MASK));
	else
		back = readq(page + (phys & ~PAGE_MASK));
	if (n == 2)
		pr_info("xvc_poke: mmcfg64 0x%lx written 0x%llx\n", phys, value);
	else
		pr_info("xvc_poke: mmcfg64 0x%lx reads 0x%llx\n", phys, back);
	iounmap(page);
	return 0;
}

static const struct kernel_param_ops mmcfg64_ops = { .set = set_mmcfg64 };
module_param_cb(mmcfg64, &mmcfg64_ops, NULL, 0200);

/* "MSR VALUE" (hex): write an MSR, print whether it was taken. */
static int set_msr(const char *val, const struct kernel_param *kp)
{
	unsigned int msr;
	u64 value, back = 0;
	int err;

	if (sscanf(val, "%x %llx", &msr, &value) != 2)
		return -EINVAL;
	err = wrmsrl_safe(msr, value);
	rdmsrl_safe(msr, &back);
	pr_info("xvc_poke: msr 0x%x write 0x%llx: %s, reads 0x%llx\n", msr, value,
		err ? "refused" : "accepted", back);
	return 0;
}

static const struct kernel_param_ops msr_ops = { .set = set_msr };
module_param_cb(msr, &msr_ops, NULL, 0200);

/* "MSR BITS" (hex): write the MSR's current value with BITS flipped. */
static int set_msr_flip(const char *val, const struct kernel_param *kp)
{
	unsigned int msr;
	u64 bits, old, back = 0;
	int err;

	if (sscanf(val, "%x %llx", &msr, &bits) != 2)
		return -EINVAL;
	if (rdmsrl_safe(msr, &old))
		return -EIO;
	err = wrmsrl_safe(msr, old ^ bits);
	rdmsrl_safe(msr, &back);
	pr_info("xvc_poke: msr 0x%x 0x%llx -> 0x%llx: %s, reads 0x%llx\n", msr,
		old, old ^ bits, err ? "refused" : "accepted", back);
	if (!err && back != old)
		wrmsrl_safe(msr, old);
	return 0;
}

static const struct kernel_param_ops msr_flip_ops = { .set = set_msr_flip };
module_param_cb(msr_flip, &msr_flip_ops, NULL, 0200);

static bool cpu_is_amd(void)
{
	u32 eax, ebx, ecx, edx;

	cpuid(0, &eax, &ebx, &ecx, &edx);
	return ebx == 0x68747541;	/* "Auth" of AuthenticAMD */
}

static long raw_hypercall(u64 code, u64 arg1, u64 arg2)
{
	long ret;

	if (cpu_is_amd())
		asm volatile("vmmcall" : "=a"(ret)
			     : "a"(code), "D"(arg1), "S"(arg2) : "memory");
	else
		asm volatile("vmcall" : "=a"(ret)
			     : "a"(code), "D"(arg1), "S"(arg2) : "memory");
	return ret;
}

/* "CODE ARG1 ARG2" (hex): a hypercall from this CPU, its result printed. */
static int set_hypercall(const char *val, const struct kernel_param *kp)
{
	u64 code, arg1, arg2;
	long ret;

	if (sscanf(val, "%llx %llx %llx", &code, &arg1, &arg2) != 3)
		return -EINVAL;
	ret = raw_hypercall(code, arg1, arg2);
	pr_info("xvc_poke: hypercall 0x%llx (0x%llx, 0x%llx) returned %ld\n",
		code, arg1, arg2, ret);
	return 0;
}

static const struct kernel_param_ops hypercall_ops = { .set = set_hypercall };
module_param_cb(hypercall, &hypercall_ops, NULL, 0200);

static const struct kernel_param_ops read_ops = { .set = set_read };
static const struct kernel_param_ops write_ops = { .set = set_write };
module_param_cb(read, &read_ops, NULL, 0200);
module_param_cb(write, &write_ops, NULL, 0200);

static void read_word(void *p)
{
	READ_ONCE(*(u32 *)p);
}

/*
 * "ADDR CPU": CPU reads ADDR (mapped here first: no mapping in interrupt
 * context) without this CPU waiting for it; a second later this CPU makes
 * a management hypercall (destroy of cell 0x7f, which does not exist) and
 * prints its result.  Aimed at the hypervisor's memory, CPU is stopped
 * and the hypercall must be refused rather than wait for it.  One write,
 * so that nothing between the two needs the stopped CPU.
 */
static int set_read_then_manage(const char *val, const struct kernel_param *kp)
{
	unsigned long phys;
	unsigned int cpu;
	u32 *p;
	long ret;

	if (sscanf(val, "%lx %u", &phys, &cpu) != 2 || cpu >= nr_cpu_ids ||
	    !cpu_online(cpu))
		return -EINVAL;
	p = memremap(phys & PAGE_MASK, PAGE_SIZE, MEMREMAP_WB);
	if (!p)
		return -ENOMEM;
	pr_info("xvc_poke: CPU %u reads 0x%lx\n", cpu, phys);
	smp_call_function_single(cpu, read_word, p + (phys & ~PAGE_MASK) / 4, 0);
	mdelay(1000);
	ret = raw_hypercall(5, 0x7f, 0);
	pr_info("xvc_poke: management hypercall after the read returned %ld\n", ret);
	/* Not unmapped: the stopped CPU may be inside the read for good. */
	return 0;
}

static const struct kernel_param_ops read_then_manage_ops = {
	.set = set_read_then_manage,
};
module_param_cb(read_then_manage, &read_then_manage_ops, NULL, 0200);

#define DMABUF_BYTE	0xa5

/*
 * Allocated on first use, kept until the module goes: its address must
 * not change between telling a cell and looking.  Both parameters run
 * under the module's kernel_param_lock, so they do not race each other.
 */
static struct page *dmabuf_page;

static void dmabuf_reset(void)
{
	memset(page_address(dmabuf_page), DMABUF_BYTE, PAGE_SIZE);
}

static int dmabuf_get_page(void)
{
	if (dmabuf_page)
		return 0;
	/* GFP_DMA32: where a device with 32-bit DMA addresses reaches */
	dmabuf_page = alloc_page(GFP_KERNEL | GFP_DMA32);
	if (!dmabuf_page)
		return -ENOMEM;
	dmabuf_reset();
	return 0;
}

/* Reads "0xPHYS N": N bytes of the page are no longer DMABUF_BYTE. */
static int get_dmabuf(char *buffer, const struct kernel_param *kp)
{
	const u8 *p;
	unsigned int i, changed = 0;
	int err = dmabuf_get_page();

	if (err)
		return err;
	p = page_address(dmabuf_page);
	for (i = 0; i < PAGE_SIZE; i++)
		changed += READ_ONCE(p[i]) != DMABUF_BYTE;
	return scnprintf(buffer, PAGE_SIZE, "0x%llx %u\n",
			 (unsigned long long)page_to_phys(dmabuf_page), changed);
}

/* Read-only in sysfs; refused on the insmod line (the kernel calls .set). */
static int set_dmabuf(const char *val, const struct kernel_param *kp)
{
	return -EPERM;
}

static const struct kernel_param_ops dmabuf_ops = {
	.set = set_dmabuf,
	.get = get_dmabuf,
};
module_param_cb(dmabuf, &dmabuf_ops, NULL, 0444);

/* Any write: the page holds DMABUF_BYTE only again. */
static int set_dmabuf_fill(const char *val, const struct kernel_param *kp)
{
	int err = dmabuf_get_page();

	if (err)
		return err;
	dmabuf_reset();
	pr_info("xvc_poke: dmabuf at 0x%llx refilled\n",
		(unsigned long long)page_to_phys(dmabuf_page));
	return 0;
}

static const struct kernel_param_ops dmabuf_fill_ops = { .set = set_dmabuf_fill };
module_param_cb(dmabuf_fill, &dmabuf_fill_ops, NULL, 0200);

static void __exit xvc_poke_exit(void)
{
	if (dmabuf_page)
		__free_page(dmabuf_page);
}
module_exit(xvc_poke_exit);

MODULE_DESCRIPTION("xvcell test: touch a physical address from the root cell");
MODULE_LICENSE("GPL");
