/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Error numbers, with Linux's values: they travel to the driver and the
 * tools as hypercall results.
 */
#ifndef XVC_ERRNO_H
#define XVC_ERRNO_H

#define EPERM		1
#define ENOENT		2
#define EIO		5
#define E2BIG		7
#define ENOMEM		12
#define EFAULT		14
#define EBUSY		16
#define EEXIST		17
#define ENODEV		19
#define EINVAL		22
#define ENOSPC		28
#define ERANGE		34
#define ENOSYS		38
#define EOPNOTSUPP	95

const char *errno_name(int err);

/*
 * Return a negative errno from the place where an error is detected,
 * printing where it happened so that a failed enable explains itself.
 */
#define trace_error(err)						\
	({								\
		int __err = (err);					\
		printk("error %s at %s:%d\n", errno_name(__err),	\
		       __FILE__, __LINE__);				\
		__err;							\
	})

#endif /* XVC_ERRNO_H */
