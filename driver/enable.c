// SPDX-License-Identifier: GPL-2.0-only
/*
 * Enable and disable: load the hypervisor into the memory reserved with
 * memmap=, enter it on every online CPU at once, and leave it again.
 *
 * How the image becomes executable without unexported kernel functions:
 * the driver never executes it through a Linux mapping.  It builds a tiny
 * bootstrap page table in the reserved memory that maps the image at its
 * link address and the one-page entry stub (stub.S, module text) at the
 * stub's own address; the stub switches CR3 to it and jumps in.  From then
 * on the hypervisor uses page tables of its own.
 */
#include <linux/cpu.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/vmalloc.h>
#include <asm/desc.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <asm/special_insns.h>

#include <cellcfg.h>
#include <xvcell/hypercall.h>
#include <xvcell/ioctl.h>
#include <xvcell/layout.h>

#include "xvcell.h"

#define BOOTSTRAP_PAGES		((unsigned int)XVC_LAYOUT_BOOTSTRAP_PAGES)
#define PTE_PRESENT_RW		0x3ULL
#define PTE_ADDR_MASK		0x000ffffffffff000ULL

extern u8 xvc_stub_start[], xvc_stub_end[], xvc_stub_resume[];
long xvc_stub_enter(struct xvc_linux_cpu_state *ls, unsigned int cpu,
		    u64 bootstrap_cr3, u64 entry);

struct bootstrap {
	u64 *pages;		/* driver's view of the bootstrap area */
	u64 phys;		/* its physical address */
	unsigned int used;
};

static u64 *bootstrap_table(struct bootstrap *bs, u64 *entry)
{
	u64 *table;

	if (*entry)
		return bs->pages + ((*entry & PTE_ADDR_MASK) - bs->phys) / 8;
	if (bs->used == BOOTSTRAP_PAGES)
		return NULL;
	table = bs->pages + bs->used * (PAGE_SIZE / 8);
	*entry = (bs->phys + bs->used * PAGE_SIZE) | PTE_PRESENT_RW;
	bs->used++;
	return table;
}

/* Map one 4 KiB page, executable, in the bootstrap page table. */
static int bootstrap_map_page(struct bootstrap *bs, u64 va, u64 pa)
{
	u64 *table = bs->pages;	/* PML4 is the first page */
	int level;

	for (level = 3; level >= 1; level--) {
		table = bootstrap_table(bs, &table[(va >> (12 + 9 * level)) & 511]);
		if (!table)
			return -ENOMEM;
	}
	table[(va >> 12) & 511] = pa | PTE_PRESENT_RW;
	return 0;
}

static int build_bootstrap(struct bootstrap *bs, u64 stub_va, u64 stub_pa)
{
	u64 off;
	int err = 0;

	bs->pages = xvc.hv_mem + xvc.hv_size - BOOTSTRAP_PAGES * PAGE_SIZE;
	bs->phys = xvc.hv_phys + xvc.hv_size - BOOTSTRAP_PAGES * PAGE_SIZE;
	memset(bs->pages, 0, BOOTSTRAP_PAGES * PAGE_SIZE);
	bs->used = 1;

	for (off = 0; off < xvc.header->core_size && !err; off += PAGE_SIZE)
		err = bootstrap_map_page(bs, XVC_HV_LINK_ADDRESS + off,
					 xvc.hv_phys + off);
	/* The per-CPU areas follow the config: map everything but our tables. */
	for (; off < xvc.hv_size - BOOTSTRAP_PAGES * PAGE_SIZE && !err;
	     off += PAGE_SIZE)
		err = bootstrap_map_page(bs, XVC_HV_LINK_ADDRESS + off,
					 xvc.hv_phys + off);
	if (!err)
		err = bootstrap_map_page(bs, stub_va, stub_pa);
	if (err)
		pr_err("xvcell: %u pages are too few for the bootstrap page table\n",
		       BOOTSTRAP_PAGES);
	return err;
}

static u32 access_rights(u16 selector)
{
	u32 ar = 0;

	if (!(selector & ~3))
		return 0;
	asm("lar %1, %0\n\tjz 1f\n\txor %0, %0\n1:" : "+r"(ar) : "r"((u32)selector) : "cc");
	return ar & 0x00ffff00;
}

static void capture_segments(struct xvc_linux_cpu_state *ls)
{
	struct desc_ptr gdt, idt;
	u16 sel;

	native_store_gdt(&gdt);
	store_idt(&idt);
	ls->gdtr_base = gdt.address;
	ls->gdtr_limit = gdt.size;
	ls->idtr_base = idt.address;
	ls->idtr_limit = idt.size;

	asm("mov %%cs, %0" : "=r"(sel)); ls->cs = sel;
	asm("mov %%ss, %0" : "=r"(sel)); ls->ss = sel;
	asm("mov %%ds, %0" : "=r"(sel)); ls->ds = sel;
	asm("mov %%es, %0" : "=r"(sel)); ls->es = sel;
	asm("mov %%fs, %0" : "=r"(sel)); ls->fs = sel;
	asm("mov %%gs, %0" : "=r"(sel)); ls->gs = sel;
	asm("str %0" : "=r"(sel)); ls->tr = sel;
	asm("sldt %0" : "=r"(sel)); ls->ldtr = sel;
	ls->cs_ar = access_rights(ls->cs);
	ls->ss_ar = access_rights(ls->ss);
	ls->ds_ar = access_rights(ls->ds);
	ls->es_ar = access_rights(ls->es);
	ls->fs_ar = access_rights(ls->fs);
	ls->gs_ar = access_rights(ls->gs);
	ls->tr_ar = access_rights(ls->tr);
	ls->ldtr_ar = access_rights(ls->ldtr);
}

static void capture_linux_state(struct xvc_linux_cpu_state *ls, unsigned int cpu)
{
	memset(ls, 0, sizeof(*ls));
	ls->self_linux_va = (u64)ls;
	ls->linux_cpu = cpu;
	ls->cr0 = read_cr0();
	ls->cr3 = __read_cr3();
	ls->cr4 = __read_cr4();
	rdmsrl(MSR_EFER, ls->efer);
	rdmsrl(MSR_IA32_CR_PAT, ls->pat);
	rdmsrl(MSR_FS_BASE, ls->fs_base);
	rdmsrl(MSR_GS_BASE, ls->gs_base);
	rdmsrl(MSR_KERNEL_GS_BASE, ls->kernel_gs_base);
	rdmsrl(MSR_IA32_SYSENTER_CS, ls->sysenter_cs);
	rdmsrl(MSR_IA32_SYSENTER_ESP, ls->sysenter_esp);
	rdmsrl(MSR_IA32_SYSENTER_EIP, ls->sysenter_eip);
	rdmsrl(MSR_STAR, ls->star);
	rdmsrl(MSR_LSTAR, ls->lstar);
	rdmsrl(MSR_CSTAR, ls->cstar);
	rdmsrl(MSR_SYSCALL_MASK, ls->sfmask);
	capture_segments(ls);
}

struct enter_args {
	u64 bootstrap_cr3;
	u64 entry;
	struct xvc_linux_cpu_state *states;
	atomic_t failures;
	long result[XVC_MAX_CPUS];
};

static void enter_hypervisor(void *info)
{
	struct enter_args *args = info;
	unsigned int cpu = smp_processor_id();
	struct xvc_linux_cpu_state *ls = &args->states[cpu];

	capture_linux_state(ls, cpu);
	args->result[cpu] = xvc_stub_enter(ls, cpu, args->bootstrap_cr3,
					   args->entry);
	if (args->result[cpu])
		atomic_inc(&args->failures);
}

static void report_config_issue(const struct cellcfg_issue *issue, void *ctx)
{
	char msg[200];

	cellcfg_format(issue, msg, sizeof(msg));
	pr_err("xvcell: system config: %s\n", msg);
}

static int check_cpus(const struct cellcfg_view *view)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		if (!cpu_online(cpu)) {
			pr_err("xvcell: CPU %u is offline: bring it online first, all CPUs must enter the hypervisor\n",
			       cpu);
			return -EBUSY;
		}
		if (cpu >= XVC_MAX_CPUS ||
		    !cellcfg_cell_has_cpu(&view->cell, cpu)) {
			pr_err("xvcell: CPU %u is not in the root cell's CPU set of the system config\n",
			       cpu);
			return -EINVAL;
		}
	}
	return 0;
}

/* First address of [start, end] no root memory region covers, or end + 1. */
static u64 first_uncovered(const struct cellcfg_cell *root, u64 start, u64 end)
{
	const struct xvc_memory_region *mem;
	bool advanced = true;
	u32 n;

	while (start <= end && advanced) {
		advanced = false;
		for (n = 0; n < root->num_memory; n++) {
			mem = &root->memory[n];
			if (start >= mem->phys_start &&
			    start - mem->phys_start < mem->size) {
				start = mem->phys_start + mem->size;
				advanced = true;
			}
		}
	}
	return start;
}

static int check_ram_range(struct resource *res, void *arg)
{
	const struct cellcfg_cell *root = arg;
	u64 gap = first_uncovered(root, res->start, res->end);

	if (gap > res->end)
		return 0;
	pr_err("xvcell: Linux uses RAM at 0x%llx (in [0x%llx-0x%llx]) that no memory region of the root cell covers: fix the system config\n",
	       gap, (u64)res->start, (u64)res->end);
	return -EINVAL;
}

/* Linux keeps running on all of its RAM: the root cell must map all of it. */
static int check_root_covers_ram(const struct cellcfg_view *view)
{
	return walk_iomem_res_desc(IORES_DESC_NONE,
				   IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY, 0, -1,
				   (void *)&view->cell, check_ram_range);
}

struct reserved_span {
	u64 start, end;		/* inclusive */
	u64 covered;
};

static int add_reserved(struct resource *res, void *arg)
{
	struct reserved_span *span = arg;
	u64 start = max_t(u64, res->start, span->start);
	u64 end = min_t(u64, res->end, span->end);

	if (start <= end)
		span->covered += end - start + 1;
	return 0;
}

/*
 * The hypervisor's memory must be RAM the firmware was told to reserve
 * (memmap=SIZE$ADDR): not RAM Linux uses, and not a hole without memory.
 */
static int check_reserved(u64 start, u64 size)
{
	struct reserved_span span = { start, start + size - 1, 0 };

	walk_iomem_res_desc(IORES_DESC_RESERVED, IORESOURCE_MEM, start,
			    start + size - 1, &span, add_reserved);
	if (span.covered == size)
		return 0;
	pr_err("xvcell: hypervisor memory [0x%llx-0x%llx] is not entirely reserved RAM (%llu of %llu KiB are): boot Linux with memmap=0x%llx$0x%llx\n",
	       start, start + size - 1, span.covered >> 10, size >> 10, size, start);
	return -EINVAL;
}

/* Take the hypervisor's memory away from everybody else. */
static int claim_memory(u64 start, u64 size)
{
	int err;

	if (!size || (start | size) & ~PAGE_MASK) {
		pr_err("xvcell: hypervisor memory [0x%llx+0x%llx] is not page aligned\n",
		       start, size);
		return -EINVAL;
	}
	err = check_reserved(start, size);
	if (err)
		return err;
	if (!request_mem_region(start, size, "xvcell hypervisor")) {
		pr_err("xvcell: hypervisor memory [0x%llx-0x%llx] is claimed by someone else\n",
		       start, start + size - 1);
		return -EBUSY;
	}
	xvc.hv_mem = memremap(start, size, MEMREMAP_WB);
	if (!xvc.hv_mem) {
		release_mem_region(start, size);
		pr_err("xvcell: cannot map hypervisor memory [0x%llx-0x%llx]\n",
		       start, start + size - 1);
		return -ENOMEM;
	}
	xvc.hv_phys = start;
	xvc.hv_size = size;
	return 0;
}

static void release_memory(void)
{
	memunmap(xvc.hv_mem);
	release_mem_region(xvc.hv_phys, xvc.hv_size);
	xvc.hv_mem = NULL;
	xvc.header = NULL;
	xvc.console = NULL;
}

static int load_image(const void *config, u32 config_size)
{
	const struct firmware *fw;
	const struct xvc_hv_header *hdr;
	struct xvc_layout layout;
	u64 config_offset;
	int err;

	err = request_firmware(&fw, XVC_HV_FIRMWARE, NULL);
	if (err) {
		pr_err("xvcell: cannot load /lib/firmware/%s: %d\n", XVC_HV_FIRMWARE, err);
		return err;
	}
	hdr = (const void *)fw->data;
	err = -EINVAL;
	if (fw->size < sizeof(*hdr) || memcmp(hdr->signature, XVC_HV_SIGNATURE, 8) ||
	    hdr->revision != XVC_HV_REVISION || hdr->file_size != fw->size ||
	    hdr->core_size < fw->size) {
		pr_err("xvcell: %s is not an xvcell hypervisor image of revision %u\n",
		       XVC_HV_FIRMWARE, XVC_HV_REVISION);
		goto out;
	}
	err = -ENOMEM;
	if (xvc_layout_compute(xvc.hv_size, hdr->core_size, config_size,
			       hdr->percpu_size, num_online_cpus(), &layout)) {
		pr_err("xvcell: hypervisor memory of %llu KiB cannot hold the %llu KiB image, the %u-byte config and %u CPU areas of %u KiB\n",
		       xvc.hv_size >> 10, hdr->core_size >> 10, config_size,
		       num_online_cpus(), hdr->percpu_size >> 10);
		goto out;
	}
	config_offset = layout.config_offset;
	memcpy(xvc.hv_mem, fw->data, fw->size);
	memset(xvc.hv_mem + fw->size, 0, hdr->core_size - fw->size);
	memcpy(xvc.hv_mem + config_offset, config, config_size);
	xvc.header = xvc.hv_mem;
	xvc.console = xvc.hv_mem + hdr->console_offset;
	xvc.header->config_offset = config_offset;
	xvc.header->config_size = config_size;
	xvc.header->percpu_offset = layout.percpu_offset;
	err = 0;
out:
	release_firmware(fw);
	return err;
}

static void save_console(void)
{
	const struct xvc_console_ring *ring = xvc.console;

	if (!ring)
		return;
	if (!xvc.saved_console)
		xvc.saved_console = kmalloc(XVC_CONSOLE_RING_SIZE, GFP_KERNEL);
	if (!xvc.saved_console)
		return;
	memcpy(xvc.saved_console, ring->buf, XVC_CONSOLE_RING_SIZE);
	xvc.saved_written = READ_ONCE(ring->written);
}

static int prepare_entry(struct enter_args *args)
{
	struct xvc_hv_header *hdr = xvc.header;
	struct bootstrap bs;
	u64 stub_va = (u64)xvc_stub_start;
	int err;

	if (xvc_stub_end - xvc_stub_start > PAGE_SIZE || (stub_va & ~PAGE_MASK)) {
		pr_err("xvcell: entry stub is not one aligned page\n");
		return -EINVAL;
	}
	if (stub_va >= XVC_HV_LINK_ADDRESS &&
	    stub_va < XVC_HV_LINK_ADDRESS + xvc.hv_size) {
		pr_err("xvcell: module at 0x%llx collides with the hypervisor's addresses\n",
		       stub_va);
		return -EINVAL;
	}
	hdr->phys_start = xvc.hv_phys;
	hdr->mem_size = xvc.hv_size;
	hdr->stub_va = stub_va;
	hdr->stub_pa = page_to_phys(vmalloc_to_page(xvc_stub_start));
	hdr->stub_resume = (u64)xvc_stub_resume;
	hdr->stub_pages = 1;
	/* load_image() checked with this count that everything fits. */
	hdr->entering_cpus = num_online_cpus();

	err = build_bootstrap(&bs, hdr->stub_va, hdr->stub_pa);
	args->bootstrap_cr3 = bs.phys;
	args->entry = hdr->entry;
	args->states = xvc.hv_mem + hdr->cpu_state_offset;
	return err;
}

static int enter_all_cpus(void)
{
	struct enter_args *args = kzalloc(sizeof(*args), GFP_KERNEL);
	int err;

	if (!args)
		return -ENOMEM;
	err = prepare_entry(args);
	if (!err) {
		on_each_cpu(enter_hypervisor, args, 1);
		if (atomic_read(&args->failures))
			err = args->result[smp_processor_id()] ?: -EIO;
	}
	kfree(args);
	return err;
}

/* Can this Linux be enabled with this config at all?  Under xvc.lock. */
static int check_enable(const void *config, u32 size, struct cellcfg_view *view)
{
	if (xvc.enabled) {
		pr_err("xvcell: already enabled\n");
		return -EBUSY;
	}
	if (xvc.virt.refusal[0]) {
		pr_err("xvcell: cannot enable: %s\n", xvc.virt.refusal);
		return -ENODEV;
	}
	if (cellcfg_parse_system(config, size, view, report_config_issue, NULL))
		return -EINVAL;
	if (view->system->debug_console.type == XVC_CON_UART_8250_MMIO) {
		pr_err("xvcell: the system config's debug console is an MMIO UART, which the hypervisor cannot drive yet: use an I/O-port UART or none\n");
		return -EINVAL;
	}
	return 0;
}

/* Under xvc.lock and the CPU hotplug lock. */
static int enable_locked(const void *config, u32 size,
			 const struct cellcfg_view *view)
{
	const struct xvc_memory_region *hv = &view->system->hypervisor_memory;
	int err;

	err = check_cpus(view);
	if (!err)
		err = check_root_covers_ram(view);
	if (!err)
		err = claim_memory(hv->phys_start, hv->size);
	if (err)
		return err;
	err = load_image(config, size);
	if (!err)
		err = enter_all_cpus();
	save_console();
	if (err) {
		pr_err("xvcell: enable failed (%d); 'xvcell console' shows the hypervisor's messages\n",
		       err);
		release_memory();
		return err;
	}
	xvc.enabled = true;
	strscpy(xvc.root_name, view->cell.name, sizeof(xvc.root_name));
	xvc.root_cpus = *cpumask_bits(cpu_online_mask);
	xvc.num_iommus = view->system->platform.num_iommus;
	__module_get(THIS_MODULE);
	pr_info("xvcell: enabled, Linux is now the root cell \"%s\"\n",
		view->cell.name);
	return 0;
}

int xvc_enable(const void __user *uconfig, u32 size)
{
	struct cellcfg_view view;
	void *config;
	int err;

	if (size < sizeof(struct xvc_config_header) || size > XVC_CONFIG_MAX_SIZE) {
		pr_err("xvcell: system config of %u bytes: size out of range\n", size);
		return -EINVAL;
	}
	config = kvmalloc(size, GFP_KERNEL);
	if (!config)
		return -ENOMEM;
	err = -EFAULT;
	if (copy_from_user(config, uconfig, size))
		goto out_free;

	mutex_lock(&xvc.lock);
	err = check_enable(config, size, &view);
	if (!err) {
		cpus_read_lock();
		err = enable_locked(config, size, &view);
		cpus_read_unlock();
	}
	mutex_unlock(&xvc.lock);
out_free:
	kvfree(config);
	return err;
}

long xvc_hypercall(u64 code, u64 arg1, u64 arg2)
{
	long ret;

	if (xvc.virt.vendor == XVC_VENDOR_SVM)
		asm volatile("vmmcall" : "=a"(ret)
			     : "a"(code), "D"(arg1), "S"(arg2) : "memory");
	else
		asm volatile("vmcall" : "=a"(ret)
			     : "a"(code), "D"(arg1), "S"(arg2) : "memory");
	return ret;
}

static void leave_hypervisor(void *info)
{
	atomic_t *failures = info;

	if (xvc_hypercall(XVC_HC_DISABLE, 0, 0))
		atomic_inc(failures);
}

/*
 * Disable runs on every online CPU; a CPU that entered the hypervisor and
 * is offline now would be left executing it after its memory is released.
 */
static int check_all_cpus_online(void)
{
	unsigned int cpu;

	for (cpu = 0; cpu < XVC_MAX_CPUS; cpu++) {
		if (!(xvc.root_cpus & BIT_ULL(cpu)))
			continue;
		/*
		 * A CPU the hypervisor stopped after a violation never answers
		 * the disable call: it would hang on_each_cpu() for good.
		 */
		if (xvc_hypercall(XVC_HC_CPU_GET_INFO, cpu, XVC_CPU_INFO_STATE) ==
		    XVC_CPU_FAILED) {
			pr_err("xvcell: CPU %u was stopped by the hypervisor ('xvcell console' says why): it cannot leave the hypervisor, disable refused\n",
			       cpu);
			return -EBUSY;
		}
		if (cpu_online(cpu))
			continue;
		pr_err("xvcell: CPU %u is offline but still under the hypervisor: bring it online ('echo 1 > /sys/devices/system/cpu/cpu%u/online') before disabling\n",
		       cpu, cpu);
		return -EBUSY;
	}
	return 0;
}

int xvc_disable(void)
{
	atomic_t failures = ATOMIC_INIT(0);
	int err = 0;

	mutex_lock(&xvc.lock);
	if (!xvc.enabled) {
		pr_err("xvcell: not enabled\n");
		err = -EINVAL;
		goto out;
	}
	if (xvc_cell_count()) {
		pr_err("xvcell: %u cell(s) still exist: destroy them first\n",
		       xvc_cell_count());
		err = -EBUSY;
		goto out;
	}
	cpus_read_lock();
	err = check_all_cpus_online();
	if (err) {
		cpus_read_unlock();
		goto out;
	}
	on_each_cpu(leave_hypervisor, &failures, 1);
	cpus_read_unlock();
	if (atomic_read(&failures)) {
		pr_err("xvcell: the hypervisor refused to disable on %d CPU(s)\n",
		       atomic_read(&failures));
		err = -EBUSY;
		goto out;
	}
	save_console();
	release_memory();
	xvc.enabled = false;
	module_put(THIS_MODULE);
	pr_info("xvcell: disabled, Linux runs natively again\n");
out:
	mutex_unlock(&xvc.lock);
	return err;
}

ssize_t xvc_console_read(char __user *buf, size_t count, loff_t *pos)
{
	const struct xvc_console_ring *ring = NULL;
	const char *data;
	u32 written, start, n, i;

	mutex_lock(&xvc.lock);
	if (xvc.enabled) {
		ring = xvc.console;
		data = ring->buf;
		written = READ_ONCE(ring->written);
	} else {
		data = xvc.saved_console;
		written = data ? xvc.saved_written : 0;
	}
	start = *pos < written ? *pos : written;
	if (written - start > XVC_CONSOLE_RING_SIZE)
		start = written - XVC_CONSOLE_RING_SIZE;
	n = min_t(u32, count, written - start);
	for (i = 0; i < n; i++) {
		if (put_user(data[(start + i) % XVC_CONSOLE_RING_SIZE], buf + i)) {
			n = i ? i : (u32)-EFAULT;
			break;
		}
	}
	if ((s32)n >= 0)
		*pos = start + n;
	mutex_unlock(&xvc.lock);
	return (s32)n;
}
