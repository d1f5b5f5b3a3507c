/*
 * buf.c: the growable, capped, always NUL-terminated byte buffer.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "mem.h"

static char buf_empty[1];

void buf_init(struct buf *b, size_t cap)
{
	b->ptr = buf_empty;
	b->len = 0;
	b->alloc = 0;
	b->cap = cap ? cap : BUF_CAP_DEFAULT;
	b->failed = 0;
}

void buf_release(struct buf *b)
{
	if (b->alloc)
		ds_free(b->ptr);
	b->ptr = buf_empty;
	b->len = 0;
	b->alloc = 0;
	b->failed = 0;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	b->failed = 0;
	if (b->alloc)
		b->ptr[0] = '\0';
}

/*
 * Make room for n more bytes plus the terminator.  Out of memory once,
 * the buffer stays failed (and empty) until it is released or reset.
 */
static int buf_grow(struct buf *b, size_t n)
{
	size_t want, alloc;
	char *p;

	if (b->failed == DS_ENOMEM)
		return DS_ENOMEM;
	if (n > b->cap || b->len > b->cap - n) {
		b->failed = DS_EDATA;
		return DS_EDATA;
	}
	want = b->len + n + 1;
	if (want <= b->alloc)
		return 0;
	alloc = b->alloc ? b->alloc : 64;
	while (alloc < want)
		alloc = alloc > ((size_t)-1) / 2 ? want : alloc * 2;
	if (alloc > b->cap + 1)
		alloc = b->cap + 1;
	p = ds_realloc(b->alloc ? b->ptr : NULL, alloc);
	if (!p) {
		buf_fail(b);
		return DS_ENOMEM;
	}
	if (!b->alloc)
		p[0] = '\0';
	b->ptr = p;
	b->alloc = alloc;
	return 0;
}

int buf_add(struct buf *b, const void *data, size_t n)
{
	int rc = buf_grow(b, n);

	if (rc)
		return rc;
	if (n)
		memcpy(b->ptr + b->len, data, n);
	b->len += n;
	b->ptr[b->len] = '\0';
	return 0;
}

int buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int buf_addc(struct buf *b, char c)
{
	return buf_add(b, &c, 1);
}

int buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n, rc;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0) {
		if (!b->failed)
			b->failed = DS_EDATA;
		return DS_EINTERNAL;
	}
	rc = buf_grow(b, (size_t)n);
	if (rc)
		return rc;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = buf_vaddf(b, fmt, ap);
	va_end(ap);
	return rc;
}

int buf_failed(const struct buf *b)
{
	return b->failed;
}

void buf_fail(struct buf *b)
{
	buf_release(b);
	b->failed = DS_ENOMEM;
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *p;

	if (len)
		*len = b->len;
	if (!b->alloc) {
		p = ds_malloc(1);
		if (p)
			p[0] = '\0';
	} else {
		p = b->ptr;
	}
	b->ptr = buf_empty;
	b->len = 0;
	b->alloc = 0;
	b->failed = 0;
	return p;
}
