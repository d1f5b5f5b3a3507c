/*
 * buf.h: a growable byte buffer with a hard cap.
 *
 * The buffer is always NUL-terminated and buf->ptr is never NULL after
 * buf_init (it points at a static empty string until the first append).
 * Every append checks the cap: a buffer never grows past buf->cap bytes,
 * and an append that would is refused with DS_EDATA and leaves the buffer
 * as it was.  On DS_ENOMEM the buffer is released.
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
};

#define BUF_CAP_DEFAULT ((size_t)64 << 20)

void buf_init(struct buf *b, size_t cap);
void buf_release(struct buf *b);            /* free contents */
void buf_reset(struct buf *b);              /* length 0, keep memory */
int buf_add(struct buf *b, const void *data, size_t n);
int buf_adds(struct buf *b, const char *s);
int buf_addc(struct buf *b, char c);
int buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int buf_vaddf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Hand the contents over (caller frees with ds_free); b is re-initialised. */
char *buf_detach(struct buf *b, size_t *len);

#endif
