/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fixed-width integer types for the xvcell ABI headers.
 *
 * The same headers are compiled into the Linux driver, the hypervisor, the
 * user-space tools and freestanding inmates.  The kernel forbids <stdint.h>
 * but provides the C99 names itself; everywhere else the compiler's own
 * freestanding <stdint.h> is used, so no libc is needed.
 */
#ifndef XVCELL_TYPES_H
#define XVCELL_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdint.h>
#endif

#define XVC_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)

#endif /* XVCELL_TYPES_H */
