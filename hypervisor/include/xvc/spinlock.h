/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ticket spinlock.  The hypervisor never takes interrupts, so there is no
 * irqsave variant.
 */
#ifndef XVC_SPINLOCK_H
#define XVC_SPINLOCK_H

#include <xvc/types.h>

struct spinlock {
	volatile u16 next;
	volatile u16 owner;
};

static inline void cpu_relax(void)
{
	asm volatile("pause" ::: "memory");
}

static inline void spin_lock(struct spinlock *lock)
{
	u16 ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_ACQUIRE);

	while (READ_ONCE(lock->owner) != ticket)
		cpu_relax();
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
}

/* Take the lock only if nobody holds it or waits for it. */
static inline bool spin_trylock(struct spinlock *lock)
{
	u16 owner = READ_ONCE(lock->owner);
	u16 expected = owner;

	return __atomic_compare_exchange_n(&lock->next, &expected,
					   (u16)(owner + 1), false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline void spin_unlock(struct spinlock *lock)
{
	__atomic_store_n(&lock->owner, lock->owner + 1, __ATOMIC_RELEASE);
}

#endif /* XVC_SPINLOCK_H */
