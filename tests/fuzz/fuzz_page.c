/*
 * fuzz_page.c: ds_page_parse, the extraction of a fetched HTML page.
 *
 * Input: the first line is the Content-Type header ("" for none), the
 * rest is the body.  A first line starting with '~' (the header is what
 * follows it) parses with tiny limits, so every cut is reached too.
 * Checked beyond the sanitizers: what page.h promises of the output.
 */
#include "fuzz.h"
#include "page.h"
#include "text.h"

static int is_date(const char *s)
{
	static const char form[] = "dddd-dd-dd";
	size_t i;

	for (i = 0; i < 10; i++)
		if (form[i] == 'd' ? s[i] < '0' || s[i] > '9' :
		    s[i] != form[i])
			return 0;
	return s[10] == '\0';
}

static int web_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

/* A one-line string: valid UTF-8, whitespace folded, ends trimmed. */
static void check_line(const char *s, size_t max)
{
	size_t n;

	FUZZ_ASSERT(s != NULL);
	n = strlen(s);
	FUZZ_ASSERT(n <= max);
	FUZZ_ASSERT(ds_utf8_valid(s, n));
	FUZZ_ASSERT(!strpbrk(s, "\t\n\f\r"));
	FUZZ_ASSERT(!strstr(s, "  "));
	FUZZ_ASSERT(n == 0 || (s[0] != ' ' && s[n - 1] != ' '));
}

static void check_page(const struct ds_page *p, const struct ds_page_limits *l)
{
	size_t i, j;

	check_line(p->title, 4096);
	check_line(p->description, 4096);
	check_line(p->lang, 64);
	FUZZ_ASSERT(p->text != NULL);
	FUZZ_ASSERT(strlen(p->text) == p->text_len);
	FUZZ_ASSERT(p->text_len <= l->max_text);
	FUZZ_ASSERT(ds_utf8_valid(p->text, p->text_len));
	FUZZ_ASSERT(p->text_len == 0 || p->text[p->text_len - 1] == '\n');
	FUZZ_ASSERT(!p->canonical || web_url(p->canonical));
	FUZZ_ASSERT(!p->published || is_date(p->published));
	FUZZ_ASSERT(memchr(p->charset, '\0', sizeof(p->charset)) != NULL);
	FUZZ_ASSERT(p->nlinks <= l->max_links);
	for (i = 0; i < p->nlinks; i++) {
		const char *u = p->links[i];

		FUZZ_ASSERT(web_url(u));
		FUZZ_ASSERT(!strchr(u, '#'));
		/* A host may stay in UTF-8; the rest is percent-encoded. */
		FUZZ_ASSERT(ds_utf8_valid(u, strlen(u)));
		for (j = 0; u[j]; j++)
			FUZZ_ASSERT((unsigned char)u[j] > 0x20 &&
				    u[j] != 0x7f);
		for (j = 0; j < i; j++)
			FUZZ_ASSERT(strcmp(u, p->links[j]) != 0);
	}
}

/* A target whose parser refuses everything finds nothing: check first. */
static void self_test(void)
{
	static const char html[] = "<title>Hello</title><a href=\"/x\">x</a>";
	struct ds_page page;
	struct ds_err err;

	ds_err_init(&err);
	if (ds_page_parse(html, sizeof(html) - 1, "text/html",
			  "https://a.example/", NULL, &page, &err) != 0 ||
	    strcmp(page.title, "Hello") != 0 || page.nlinks != 1) {
		fprintf(stderr, "fuzz_page: a plain page does not parse: "
			"%s\n", err.msg);
		abort();
	}
	ds_page_release(&page);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	const uint8_t *nl = memchr(data, '\n', size);
	size_t hl = nl ? (size_t)(nl - data) : size;
	struct ds_page_limits lim;
	struct ds_page page;
	struct ds_err err;
	char *ctype, *body;
	int rc;

	if (!ready) {
		ready = 1;
		self_test();
	}
	ctype = fuzz_str(data, hl);
	body = fuzz_str(nl ? nl + 1 : data + size, nl ? size - hl - 1 : 0);
	ds_page_limits_default(&lim);
	if (ctype[0] == '~') {
		lim.max_text = 64;
		lim.max_links = 3;
		lim.max_depth = 4;
		lim.max_input = 2048;
	}
	ds_err_init(&err);
	rc = ds_page_parse(body, size - (nl ? hl + 1 : size),
			   ctype[0] == '~' ? ctype + 1 : ctype[0] ? ctype :
			   NULL, "https://www.example.org/a/b/page.html?x=1",
			   &lim, &page, &err);
	if (rc == 0) {
		check_page(&page, &lim);
		ds_page_release(&page);
	} else {
		FUZZ_ASSERT(rc == DS_EDATA || rc == DS_ENOMEM);
		FUZZ_ASSERT(err.code == rc && err.msg[0]);
		FUZZ_ASSERT(page.title == NULL && page.nlinks == 0);
	}
	free(ctype);
	free(body);
	return 0;
}
