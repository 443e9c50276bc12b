/* SPDX-License-Identifier: GPL-2.0-only */
/* Basic types of the hypervisor: the compiler's freestanding headers only. */
#ifndef XVC_TYPES_H
#define XVC_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <xvcell/types.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;

#define BIT(n)			(1UL << (n))
#define BIT_ULL(n)		(1ULL << (n))
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)		(((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define MIN(a, b)		((a) < (b) ? (a) : (b))
#define MAX(a, b)		((a) > (b) ? (a) : (b))

#define __aligned(n)		__attribute__((aligned(n)))
#define __packed		__attribute__((packed))
#define __noreturn		__attribute__((noreturn))
#define __unused		__attribute__((unused))
#define __printf(a, b)		__attribute__((format(printf, a, b)))

#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))

#define PAGE_SHIFT		12
#define PAGE_SIZE		(1UL << PAGE_SHIFT)
#define PAGE_MASK		(~(PAGE_SIZE - 1))

#endif /* XVC_TYPES_H */
