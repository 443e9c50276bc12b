/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XVC_STRING_H
#define XVC_STRING_H

#include <xvc/types.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strncmp(const char *a, const char *b, size_t n);

#endif /* XVC_STRING_H */
