// SPDX-License-Identifier: GPL-2.0-only
/*
 * Detect AMD SVM and Intel VMX support from CPUID and the capability MSRs.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/msr.h>
#include <asm/processor.h>

#include "virt-support.h"

/* CPUID and MSR bits used below (AMD APM vol. 2 ch. 15, Intel SDM vol. 3 A). */
#define CPUID1_ECX_VMX			BIT(5)
#define CPUID1_ECX_X2APIC		BIT(21)
#define CPUID_EXT1_ECX_SVM		BIT(2)
#define CPUID_SVM_FEATURES		0x8000000a
#define SVM_EDX_NPT			BIT(0)
#define SVM_EDX_NRIPS			BIT(3)
#define SVM_EDX_DECODE_ASSISTS		BIT(7)
#define SVM_EDX_AVIC			BIT(13)
#define MSR_VM_CR			0xc0010114
#define VM_CR_SVMDIS			BIT(4)

#define MSR_FEATURE_CONTROL		0x3a
#define FEATURE_CONTROL_LOCKED		BIT(0)
#define FEATURE_CONTROL_VMX_OUTSIDE_SMX	BIT(2)
#define MSR_VMX_PROCBASED_CTLS		0x482
#define MSR_VMX_PROCBASED_CTLS2		0x48b
/* Allowed-1 settings live in the high half of the capability MSRs. */
#define PROCBASED_SECONDARY_ALLOWED	BIT_ULL(32 + 31)
#define PROCBASED2_EPT_ALLOWED		BIT_ULL(32 + 1)
#define PROCBASED2_VX2APIC_ALLOWED	BIT_ULL(32 + 4)
#define PROCBASED2_VPID_ALLOWED		BIT_ULL(32 + 5)
#define PROCBASED2_UG_ALLOWED		BIT_ULL(32 + 7)

static void add_feature(struct xvc_virt_support *vs, const char *name)
{
	size_t len = strlen(vs->features);

	snprintf(vs->features + len, sizeof(vs->features) - len, "%s%s",
		 len ? " " : "", name);
}

static void probe_svm(struct xvc_virt_support *vs)
{
	u32 edx = 0;
	u64 vm_cr = 0;

	vs->vendor = XVC_VENDOR_SVM;
	add_feature(vs, "svm");
	if (cpuid_eax(0x80000000) >= CPUID_SVM_FEATURES)
		edx = cpuid_edx(CPUID_SVM_FEATURES);
	if (edx & SVM_EDX_NPT) {
		vs->nested_paging = true;
		add_feature(vs, "npt");
	}
	if (edx & SVM_EDX_NRIPS)
		add_feature(vs, "nrips");
	if (edx & SVM_EDX_DECODE_ASSISTS)
		add_feature(vs, "decode-assists");
	if (edx & SVM_EDX_AVIC)
		add_feature(vs, "avic");

	if (!rdmsrl_safe(MSR_VM_CR, &vm_cr) && (vm_cr & VM_CR_SVMDIS))
		strscpy(vs->refusal, "SVM disabled by firmware (VM_CR.SVMDIS)",
			sizeof(vs->refusal));
	else if (!vs->nested_paging)
		strscpy(vs->refusal, "SVM present but nested paging missing",
			sizeof(vs->refusal));
}

static void probe_vmx(struct xvc_virt_support *vs)
{
	u64 fc = 0, procbased = 0, procbased2 = 0;

	vs->vendor = XVC_VENDOR_VMX;
	add_feature(vs, "vmx");
	if (!rdmsrl_safe(MSR_VMX_PROCBASED_CTLS, &procbased) &&
	    (procbased & PROCBASED_SECONDARY_ALLOWED))
		rdmsrl_safe(MSR_VMX_PROCBASED_CTLS2, &procbased2);
	if (procbased2 & PROCBASED2_EPT_ALLOWED) {
		vs->nested_paging = true;
		add_feature(vs, "ept");
	}
	if (procbased2 & PROCBASED2_UG_ALLOWED)
		add_feature(vs, "unrestricted-guest");
	if (procbased2 & PROCBASED2_VPID_ALLOWED)
		add_feature(vs, "vpid");
	if (procbased2 & PROCBASED2_VX2APIC_ALLOWED)
		add_feature(vs, "virtual-x2apic");
	if (cpuid_ecx(1) & CPUID1_ECX_X2APIC)
		add_feature(vs, "x2apic");

	if (!rdmsrl_safe(MSR_FEATURE_CONTROL, &fc) &&
	    (fc & FEATURE_CONTROL_LOCKED) &&
	    !(fc & FEATURE_CONTROL_VMX_OUTSIDE_SMX))
		strscpy(vs->refusal,
			"VMX disabled by firmware (IA32_FEATURE_CONTROL locked)",
			sizeof(vs->refusal));
	else if (!vs->nested_paging)
		strscpy(vs->refusal, "VMX present but EPT missing",
			sizeof(vs->refusal));
}

void xvc_probe_virt_support(struct xvc_virt_support *vs)
{
	memset(vs, 0, sizeof(*vs));

	if (cpuid_eax(0x80000000) >= 0x80000001 &&
	    (cpuid_ecx(0x80000001) & CPUID_EXT1_ECX_SVM))
		probe_svm(vs);
	else if (cpuid_ecx(1) & CPUID1_ECX_VMX)
		probe_vmx(vs);
	else
		strscpy(vs->refusal, "CPU has neither AMD SVM nor Intel VMX",
			sizeof(vs->refusal));

	if (!vs->features[0])
		strscpy(vs->features, "none", sizeof(vs->features));
}
