/*
 * buf.h: a growable byte buffer with a hard cap.
 *
 * The buffer is always NUL-terminated and buf->ptr is never NULL after
 * buf_init (it points at a static empty string until the first append).
 * Every append checks the cap: a buffer never grows past buf->cap bytes,
 * and an append that would is refused with DS_EDATA and leaves the buffer
 * as it was.  On DS_ENOMEM the buffer is released and marked failed:
 * the failure is sticky, so every later append is refused with DS_ENOMEM
 * too (a page built from many unchecked appends can never come out with
 * its top missing).  buf_failed() tells whether any append was refused
 * (out of memory, or over the cap) since the buffer was last initialised,
 * released or reset, so a caller may check once at the end.
 *
 *   struct buf b;
 *   buf_init(&b, 1 << 20);
 *   if (buf_addf(&b, "%d", n) < 0) ...
 *   char *s = buf_detach(&b);      ownership passes to the caller
 */
#ifndef DS_BUF_H
#define DS_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *ptr;
	size_t len;
	size_t alloc;
	size_t cap;
	int failed;             /* DS_ENOMEM (sticky) or DS_EDATA; else 0 */
};

#define BUF_CAP_DEFAULT ((size_t)64 << 20)

void buf_init(struct buf *b, size_t cap);
void buf_release(struct buf *b);            /* free contents, clear failure */
void buf_reset(struct buf *b);              /* length 0, clear failure */
int buf_add(struct buf *b, const void *data, size_t n);
int buf_adds(struct buf *b, const char *s);
int buf_addc(struct buf *b, char c);
int buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int buf_vaddf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/*
 * 0 when every append since buf_init, buf_release or buf_reset was kept;
 * else DS_ENOMEM (the buffer was released and stays empty) or DS_EDATA
 * (an append over the cap was refused and its bytes are missing).
 */
int buf_failed(const struct buf *b);
/*
 * Mark b failed as out of memory, as a failed append would (it is
 * released and refuses later appends): for code that makes part of b's
 * contents with an allocation of its own, and cannot make it.
 */
void buf_fail(struct buf *b);
/* Hand the contents over (caller frees with ds_free); b is re-initialised. */
char *buf_detach(struct buf *b, size_t *len);

#endif
