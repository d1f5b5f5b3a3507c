/*
 * test_webpage.c: the web interface's pages under allocation failure
 * (issue 16, defect 6).  The page renderers make many appends whose
 * results are not checked; for N = 1, 2, ... the N-th allocation fails
 * while a page is made, and the reply it would be served with
 * (page_reply) must then be a 500 "out of memory" page, never a 200 with
 * part of the page missing.  A run that made fewer than N allocations
 * never reached the failure: its page is whole, and the walk ends.
 *
 * The renderers are static in src/web/web.c, so the file is included here.
 */
#include "web/web.c"

#include "check.h"

#define WALK_MAX 2000

/* A session, as page_start shows it in the header. */
static const struct session sess = {
	.token = "t", .csrf = "c0ffee", .actor = "Ada <Admin>", .used = 1,
	.flash = "saved",
};

/* 1 when body is a whole page: it starts and ends as page_start/end do. */
static int whole(const char *body, size_t len, const char *needle)
{
	static const char head[] = "<!DOCTYPE html>";
	static const char tail[] = "</main></body></html>";

	return len > sizeof(head) + sizeof(tail) &&
	       strncmp(body, head, sizeof(head) - 1) == 0 &&
	       strcmp(body + len - (sizeof(tail) - 1), tail) == 0 &&
	       strstr(body, needle) != NULL;
}

enum which { LOGIN, SETUP, HEADER };

static void render(enum which k, struct buf *b)
{
	static const char *const cols[] = { "ref", "title", NULL };
	static const char *const heads[] = { "Ref", "Title", NULL };
	json_t *list;

	switch (k) {
	case LOGIN:
		login_form(b, "wrong name or password");
		break;
	case SETUP:
		setup_form(b, "0123456789abcdef", "fill in <every> field");
		break;
	case HEADER:
		page_start(b, "Vacancies & <people>", &sess,
			   DS_ROLE_ADMIN | DS_ROLE_DSL | DS_ROLE_DPO);
		list = json_pack("[{s:s,s:s},{s:s,s:s}]", "ref", "T1",
				 "title", "Teacher <maths>", "ref", "T2",
				 "title", "Cook");
		table(b, list, cols, heads, "ref", "/vacancy?ref=");
		json_decref(list);
		page_end(b);
		break;
	}
}

/* Walk every allocation of one renderer; returns how many it made. */
static unsigned long walk(enum which k, const char *needle)
{
	unsigned long n, made = 0;

	for (n = 1; n <= WALK_MAX; n++) {
		struct buf b;
		const char *body = NULL;
		size_t len = 0;
		unsigned st;

		buf_init(&b, 1 << 20);
		ds_mem_fail_at(n);
		render(k, &b);
		made = ds_mem_fail_at(0);
		st = page_reply(&b, 200, &body, &len);
		if (made < n) {
			/* Nothing failed: the page is whole and served. */
			CHECK_INT(st, 200);
			CHECK(whole(body, len, needle));
			buf_release(&b);
			return made;
		}
		/* The n-th allocation failed: never a truncated 200. */
		CHECK_INT(st, 500);
		CHECK(body && strstr(body, "Out of memory") != NULL);
		CHECK_INT(len, strlen(body));
		buf_release(&b);
	}
	CHECK(!"the walk never ended");
	return made;
}

static void test_login_page_out_of_memory(void)
{
	CHECK(walk(LOGIN, "wrong name or password") >= 1);
}

static void test_setup_page_out_of_memory(void)
{
	CHECK(walk(SETUP, "fill in &lt;every&gt; field") >= 1);
}

static void test_header_out_of_memory(void)
{
	CHECK(walk(HEADER, "Teacher &lt;maths&gt;") >= 1);
}

/* A page over its buffer's cap is not served either. */
static void test_page_over_cap(void)
{
	struct buf b;
	const char *body;
	size_t len;

	buf_init(&b, 64);
	login_form(&b, "x");
	CHECK_INT(page_reply(&b, 200, &body, &len), 500);
	CHECK(strstr(body, "Out of memory") != NULL);
	buf_release(&b);

	/* A whole page keeps its status and body. */
	buf_init(&b, 1 << 20);
	login_form(&b, NULL);
	CHECK_INT(page_reply(&b, 401, &body, &len), 401);
	CHECK(body == b.ptr && len == b.len);
	buf_release(&b);
}

int main(void)
{
	RUN(test_login_page_out_of_memory);
	RUN(test_setup_page_out_of_memory);
	RUN(test_header_out_of_memory);
	RUN(test_page_over_cap);
	return check_summary();
}
