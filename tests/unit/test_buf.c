/*
 * test_buf.c: the capped byte buffer (src/buf.h), on its own: appends,
 * formatted appends, the cap (a refused append leaves the buffer exactly
 * as it was), detaching (also of an empty buffer), reset, release and
 * allocation failure.
 */
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "err.h"
#include "mem.h"

/* 1 when b holds exactly the n bytes of want, NUL-terminated. */
static int holds(const struct buf *b, const void *want, size_t n)
{
	return b->ptr && b->len == n && memcmp(b->ptr, want, n) == 0 &&
	       b->ptr[n] == '\0';
}

static void test_init_is_empty_string(void)
{
	struct buf b;

	buf_init(&b, 100);
	REQUIRE(b.ptr != NULL);
	CHECK_STR(b.ptr, "");
	CHECK_INT(b.len, 0);
	CHECK_INT(b.alloc, 0);
	CHECK_INT(b.cap, 100);
	buf_release(&b);            /* releasing an unused buffer is fine */
	CHECK_STR(b.ptr, "");
	buf_reset(&b);              /* and so is resetting one */
	CHECK_STR(b.ptr, "");
	CHECK_INT(b.len, 0);

	buf_init(&b, 0);            /* 0: the default cap */
	CHECK(b.cap == BUF_CAP_DEFAULT);
	buf_release(&b);
}

static void test_append(void)
{
	static const char bin[] = { 'a', '\0', 'b', '\xff', '\0' };
	struct buf b;
	int i;

	buf_init(&b, 1 << 20);
	CHECK_INT(buf_adds(&b, "hello"), 0);
	CHECK_INT(buf_addc(&b, ' '), 0);
	CHECK_INT(buf_add(&b, "world!!", 5), 0);
	CHECK(holds(&b, "hello world", 11));
	CHECK_INT(buf_add(&b, "ignored", 0), 0);
	CHECK(holds(&b, "hello world", 11));
	CHECK_INT(buf_adds(&b, ""), 0);
	CHECK(holds(&b, "hello world", 11));

	/* Bytes, NULs included, are kept as given. */
	buf_reset(&b);
	CHECK(holds(&b, "", 0));
	CHECK(b.alloc > 0);         /* reset keeps the memory */
	CHECK_INT(buf_add(&b, bin, sizeof(bin)), 0);
	CHECK(holds(&b, bin, sizeof(bin)));

	/* Growth over many reallocations keeps every byte. */
	buf_reset(&b);
	for (i = 0; i < 5000; i++)
		REQUIRE(buf_addc(&b, (char)('a' + i % 26)) == 0);
	CHECK_INT(b.len, 5000);
	CHECK(b.alloc > b.len);
	for (i = 0; i < 5000; i++)
		if (b.ptr[i] != (char)('a' + i % 26))
			break;
	CHECK_INT(i, 5000);
	CHECK(b.ptr[5000] == '\0');
	buf_release(&b);
	CHECK_STR(b.ptr, "");
	CHECK_INT(b.len, 0);
	CHECK_INT(b.alloc, 0);
}

static void test_addf(void)
{
	struct buf b;
	char big[3000];

	buf_init(&b, 1 << 20);
	CHECK_INT(buf_addf(&b, "%d:%s;", 42, "x"), 0);
	CHECK_INT(buf_addf(&b, "%05.1f|%c|%lld", 3.14159, 'z', -7LL), 0);
	CHECK_STR(b.ptr, "42:x;003.1|z|-7");
	CHECK_INT(b.len, strlen("42:x;003.1|z|-7"));
	CHECK_INT(buf_addf(&b, "%s", ""), 0);
	CHECK_INT(b.len, strlen("42:x;003.1|z|-7"));

	/* A formatted append longer than the first allocation. */
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	buf_reset(&b);
	CHECK_INT(buf_addf(&b, "<%s>", big), 0);
	CHECK_INT(b.len, sizeof(big) + 1);
	CHECK(b.ptr[0] == '<' && b.ptr[b.len - 1] == '>' &&
	      b.ptr[b.len] == '\0');
	CHECK(b.ptr[1] == 'q' && b.ptr[sizeof(big) - 1] == 'q');
	buf_release(&b);
}

static void test_cap_refusal_leaves_buffer_unchanged(void)
{
	struct buf b;
	char *before_ptr;
	size_t before_alloc;

	buf_init(&b, 10);
	CHECK_INT(buf_adds(&b, "12345678"), 0);
	before_ptr = b.ptr;
	before_alloc = b.alloc;

	CHECK_INT(buf_failed(&b), 0);
	CHECK_INT(buf_adds(&b, "abc"), DS_EDATA);        /* 11 > 10 */
	CHECK(holds(&b, "12345678", 8));
	CHECK_INT(buf_failed(&b), DS_EDATA);     /* bytes were dropped */
	CHECK(b.ptr == before_ptr);
	CHECK(b.alloc == before_alloc);

	CHECK_INT(buf_addf(&b, "%s", "abc"), DS_EDATA);
	CHECK(holds(&b, "12345678", 8));
	CHECK_INT(buf_addf(&b, "%d", 100), DS_EDATA);
	CHECK(holds(&b, "12345678", 8));

	/* A huge length must not wrap around the check. */
	CHECK_INT(buf_add(&b, "x", SIZE_MAX), DS_EDATA);
	CHECK_INT(buf_add(&b, "x", SIZE_MAX - 4), DS_EDATA);
	CHECK(holds(&b, "12345678", 8));

	/* Exactly up to the cap is allowed; one byte more is not. */
	CHECK_INT(buf_addc(&b, '9'), 0);
	CHECK_INT(buf_addf(&b, "%c", '0'), 0);
	CHECK(holds(&b, "1234567890", 10));
	CHECK(b.alloc <= b.cap + 1);
	CHECK_INT(buf_addc(&b, 'X'), DS_EDATA);
	CHECK_INT(buf_add(&b, "", 0), 0);
	CHECK(holds(&b, "1234567890", 10));

	/* After a reset the whole cap is available again. */
	CHECK_INT(buf_failed(&b), DS_EDATA);
	buf_reset(&b);
	CHECK_INT(buf_failed(&b), 0);
	CHECK_INT(buf_adds(&b, "abcdefghij"), 0);
	CHECK(holds(&b, "abcdefghij", 10));
	buf_release(&b);

	/* A refused first append leaves a fresh buffer as it was. */
	buf_init(&b, 4);
	CHECK_INT(buf_adds(&b, "12345"), DS_EDATA);
	CHECK(holds(&b, "", 0));
	CHECK_INT(b.alloc, 0);
	buf_release(&b);
}

static void test_detach(void)
{
	struct buf b;
	size_t len = 99;
	char *s;

	buf_init(&b, 1000);
	CHECK_INT(buf_adds(&b, "owned"), 0);
	s = buf_detach(&b, &len);
	REQUIRE(s != NULL);
	CHECK_STR(s, "owned");
	CHECK_INT(len, 5);
	/* The buffer is re-initialised, keeping its cap, and usable again. */
	CHECK_STR(b.ptr, "");
	CHECK(b.ptr != s);
	CHECK_INT(b.len, 0);
	CHECK_INT(b.alloc, 0);
	CHECK_INT(b.cap, 1000);
	CHECK_INT(buf_adds(&b, "again"), 0);
	CHECK_STR(b.ptr, "again");
	CHECK_STR(s, "owned");      /* the detached string is untouched */
	ds_free(s);
	s = buf_detach(&b, NULL);   /* len may be NULL */
	REQUIRE(s != NULL);
	CHECK_STR(s, "again");
	ds_free(s);
	buf_release(&b);
}

static void test_detach_empty(void)
{
	struct buf b;
	size_t len = 99;
	char *s, *t;

	/* Never appended to: a fresh, freeable "" (not the static one). */
	buf_init(&b, 10);
	s = buf_detach(&b, &len);
	REQUIRE(s != NULL);
	CHECK_STR(s, "");
	CHECK_INT(len, 0);
	t = buf_detach(&b, NULL);
	REQUIRE(t != NULL);
	CHECK(t != s);
	ds_free(s);
	ds_free(t);

	/* Appended to, then reset: "" in the buffer's own memory. */
	CHECK_INT(buf_adds(&b, "abc"), 0);
	buf_reset(&b);
	len = 99;
	s = buf_detach(&b, &len);
	REQUIRE(s != NULL);
	CHECK_STR(s, "");
	CHECK_INT(len, 0);
	ds_free(s);
	buf_release(&b);
}

static void test_out_of_memory_releases(void)
{
	struct buf b;
	char *s;
	size_t len = 99;
	int rc;

	/* The first allocation fails: ENOMEM and an empty buffer. */
	buf_init(&b, 1 << 20);
	ds_mem_fail_at(1);
	rc = buf_adds(&b, "abc");
	ds_mem_fail_at(0);
	CHECK_INT(rc, DS_ENOMEM);
	CHECK(holds(&b, "", 0));
	CHECK_INT(b.alloc, 0);
	CHECK_INT(buf_failed(&b), DS_ENOMEM);
	buf_reset(&b);
	CHECK_INT(buf_failed(&b), 0);

	/* A later growth fails: the buffer is released, not left half-made. */
	CHECK_INT(buf_adds(&b, "abc"), 0);
	ds_mem_fail_at(1);
	rc = buf_addf(&b, "%0200d", 1);
	ds_mem_fail_at(0);
	CHECK_INT(rc, DS_ENOMEM);
	CHECK(holds(&b, "", 0));
	CHECK_INT(b.alloc, 0);
	/*
	 * The failure is sticky: later appends keep nothing (so a page
	 * built from unchecked appends cannot come out with its top
	 * missing), and say so, until the buffer is reset or released.
	 */
	CHECK_INT(buf_adds(&b, "tail"), DS_ENOMEM);
	CHECK_INT(buf_addc(&b, 'x'), DS_ENOMEM);
	CHECK_INT(buf_addf(&b, "%d", 7), DS_ENOMEM);
	CHECK(holds(&b, "", 0));
	CHECK_INT(buf_failed(&b), DS_ENOMEM);
	buf_reset(&b);
	CHECK_INT(buf_failed(&b), 0);
	CHECK_INT(buf_adds(&b, "usable"), 0);
	CHECK_STR(b.ptr, "usable");
	buf_release(&b);
	CHECK_INT(buf_failed(&b), 0);

	/* An append that fits in the memory it has allocates nothing. */
	CHECK_INT(buf_adds(&b, "abc"), 0);
	ds_mem_fail_at(1);
	rc = buf_adds(&b, "def");
	CHECK(ds_mem_fail_at(0) == 0);
	CHECK_INT(rc, 0);
	CHECK_STR(b.ptr, "abcdef");
	buf_release(&b);

	/* Detaching an empty buffer can run out of memory: NULL, len 0. */
	ds_mem_fail_at(1);
	s = buf_detach(&b, &len);
	ds_mem_fail_at(0);
	CHECK(s == NULL);
	CHECK_INT(len, 0);
	CHECK_STR(b.ptr, "");
	ds_free(s);
}

int main(void)
{
	RUN(test_init_is_empty_string);
	RUN(test_append);
	RUN(test_addf);
	RUN(test_cap_refusal_leaves_buffer_unchanged);
	RUN(test_detach);
	RUN(test_detach_empty);
	RUN(test_out_of_memory_releases);
	return check_summary();
}
