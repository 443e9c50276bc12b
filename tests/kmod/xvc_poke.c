// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test module: the root cell breaking the rules on purpose.  Writing a
 * physical address to /sys/module/xvc_poke/parameters/read (or .../write)
 * touches one word there from the writing CPU; aimed at the hypervisor's
 * memory, the hypervisor must stop that CPU with a report.  The access is
 * not done at load time so that module loading itself (which flushes TLBs
 * on all CPUs) is over before a CPU disappears.
 */
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <asm/msr.h>

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

static const struct kernel_param_ops read_ops = { .set = set_read };
static const struct kernel_param_ops write_ops = { .set = set_write };
module_param_cb(read, &read_ops, NULL, 0200);
module_param_cb(write, &write_ops, NULL, 0200);

MODULE_DESCRIPTION("xvcell test: touch a physical address from the root cell");
MODULE_LICENSE("GPL");
