/*
 * test_alloc_parse.c: allocation-failure walks through the parsers of
 * what strangers write (pages, site lists, taxonomies, report templates)
 * and what triage makes of it.  As in test_alloc.c, for N = 1, 2, 3, ...
 * the N-th allocation through ds_malloc fails while a path runs, until a
 * run makes fewer than N allocations.  Each run must either fail cleanly,
 * with DS_ENOMEM and a message, or succeed with exactly the answer of a
 * run without failures: a failed allocation may never cut a page's text
 * or drop a link, a finding or a site without saying so.  Nothing may
 * leak (the runner runs this under ASan and valgrind too).
 *
 * The project's own allocations are counted, and jansson's (hooked with
 * ds_mem_hook_libraries); gumbo, inih and libcurl allocate on their own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "err.h"
#include "mem.h"
#include "page.h"
#include "plan.h"
#include "sitelist.h"
#include "template.h"
#include "triage.h"

/* No path here makes anywhere near this many allocations. */
#define WALK_MAX 20000

/*
 * One path: runs the calls, then stop(), then returns their code with err
 * filled on failure, and on success writes what it got into out, to
 * compare with a run without failures.
 */
typedef int (*path_fn)(struct buf *out, struct ds_err *err);

static unsigned long made_now;  /* allocations the calls made */
static int stopped;

/* The calls are done: failure injection off, their allocations counted. */
static void stop(void)
{
	if (!stopped)
		made_now = ds_mem_fail_at(0);
	stopped = 1;
}

/* Run path with the n-th allocation failing (0: none). */
static int run(path_fn path, unsigned long n, struct buf *out,
	       struct ds_err *err, unsigned long *made)
{
	int rc;

	ds_err_init(err);
	stopped = 0;
	ds_mem_fail_at(n);
	rc = path(out, err);
	stop();
	*made = made_now;
	return rc;
}

struct walk {
	unsigned long made;         /* allocations of a whole, clean run */
	unsigned long failed;       /* runs that returned an error */
	unsigned long other;        /* ... other than DS_ENOMEM */
	unsigned long wrong;        /* runs that succeeded, wrongly */
};

static void walk(const char *name, path_fn path, struct walk *w)
{
	struct buf want, got;
	struct ds_err err;
	unsigned long n, made;
	int rc;

	memset(w, 0, sizeof(*w));
	buf_init(&want, BUF_CAP_DEFAULT);
	rc = run(path, 0, &want, &err, &w->made);
	if (rc) {
		fprintf(stderr, "  %s: the clean run failed: %s\n", name,
			err.msg);
		CHECK(!"the clean run succeeds");
		buf_release(&want);
		return;
	}
	for (n = 1; n <= WALK_MAX; n++) {
		buf_init(&got, BUF_CAP_DEFAULT);
		rc = run(path, n, &got, &err, &made);
		if (made < n) {
			/* The failure was never reached: a clean run. */
			CHECK_INT(rc, 0);
			buf_release(&got);
			break;
		}
		if (rc == 0 && (got.len != want.len ||
				memcmp(got.ptr, want.ptr, got.len) != 0)) {
			w->wrong++;
			fprintf(stderr, "  %s: allocation %lu failed, the call "
				"succeeded with another answer:\n    %.300s\n"
				"  instead of\n    %.300s\n", name, n, got.ptr,
				want.ptr);
		} else if (rc != 0) {
			w->failed++;
			if (rc >= 0 || err.code != rc || !err.msg[0]) {
				fprintf(stderr, "  %s: allocation %lu: rc %d "
					"code %d '%s'\n", name, n, rc,
					err.code, err.msg);
				CHECK(!"a clean failure, with its message");
			}
			if (rc != DS_ENOMEM) {
				w->other++;
				fprintf(stderr, "  %s: allocation %lu failed, "
					"but the call said %s: %s\n", name, n,
					ds_err_name(rc), err.msg);
			}
		}
		buf_release(&got);
	}
	if (getenv("DS_TEST_VERBOSE"))
		fprintf(stderr, "  %s: %lu allocations, %lu failed runs\n",
			name, w->made, w->failed);
	CHECK(n <= WALK_MAX);       /* the walk ended */
	CHECK(w->made > 0);         /* and the path did allocate */
	CHECK_INT(w->wrong, 0);
	CHECK_INT(w->other, 0);
	buf_release(&want);
}

/* ---- ds_page_parse --------------------------------------------------- */

static const char page_html[] =
	"<!DOCTYPE html><html lang=\"en-GB\"><head>"
	"<meta charset=\"windows-1252\">"
	"<title>Jane   Smith \x96 Oak Primary</title>"
	"<meta name=\"description\" content=\"Choir  news\">"
	"<link rel=\"canonical\" href=\"/news/choir#top\">"
	"<meta property=\"article:published_time\" "
	"content=\"2025-06-01T10:00:00Z\">"
	"<script>var x = '<p>no</p>';</script></head><body>"
	"<h1>Choir wins</h1><p>Jane Smith, a teacher at <b>Oak Primary</b>, "
	"led the choir.<br>Caf\xe9 r\xe9sum\xe9</p><pre>a\n  b</pre>"
	"<a href=\"story2.html\">next</a> <a href=\"../up?q=a b\">up</a> "
	"<a href=\"https://Other.Example/X#f\">other</a> "
	"<a href=\"/a/./b/../c\">dots</a> <a href=\"story2.html\">dup</a> "
	"<div style=\"display:none\">hidden</div>"
	"<form><input type=\"password\"></form></body></html>";

static int path_page(struct buf *out, struct ds_err *err)
{
	struct ds_page p;
	size_t i;
	int rc;

	rc = ds_page_parse(page_html, sizeof(page_html) - 1,
			   "text/html; charset=windows-1252",
			   "https://news.example/dir/page.html", NULL, &p, err);
	stop();
	if (rc)
		return rc;
	rc = buf_addf(out, "%s|%s|%s|%s|%s|%s|%d|%d|", p.title,
		      p.description, p.canonical ? p.canonical : "-", p.lang,
		      p.published ? p.published : "-", p.charset,
		      p.login_wall, p.truncated);
	if (!rc)
		rc = buf_add(out, p.text, p.text_len);
	for (i = 0; !rc && i < p.nlinks; i++)
		rc = buf_addf(out, "|%s", p.links[i]);
	ds_page_release(&p);
	return rc ? ds_err_set(err, DS_EINTERNAL, "the answer is too big") :
	       0;
}

static void test_walk_page_parse(void)
{
	struct walk w;

	walk("page parse", path_page, &w);
	CHECK(w.failed > 0);
}

/* ---- ds_sitelist_parse ----------------------------------------------- */

static const char sitelist_json[] =
	"{\"sites\": ["
	"{\"name\": \"A\", \"uri_check\": \"https://a.example/u/{account}\","
	" \"uri_pretty\": \"https://a.example/@{account}\","
	" \"e_code\": 200, \"e_string\": \"profile\", \"m_code\": 404,"
	" \"m_string\": \"missing\", \"cat\": \"social\","
	" \"strip_bad_char\": \".\", \"known\": [\"a\", \"b\"],"
	" \"headers\": {\"Accept\": \"text/html\", \"X-Y\": \"z\"}},"
	"{\"name\": \"B\", \"uri_check\": \"https://b.example/api\","
	" \"post_body\": \"{\\\"u\\\": \\\"{account}\\\"}\","
	" \"e_code\": 200, \"e_string\": \"id\"},"
	"{\"name\": \"C\", \"uri_check\": \"https://c.example/{account}\","
	" \"e_code\": 200, \"e_string\": \"x\", \"valid\": false}]}";

static int path_sitelist(struct buf *out, struct ds_err *err)
{
	struct ds_sitelist l;
	char *url[8] = { 0 };
	size_t i, k;
	int rc;

	rc = ds_sitelist_parse(&l, sitelist_json, sizeof(sitelist_json) - 1,
			       err);
	for (i = 0; !rc && i < l.nsites && i < 8; i++) {
		url[i] = ds_site_url(&l.sites[i], "jane.smith", 1);
		if (!url[i])
			rc = ds_err_set(err, DS_ENOMEM, "out of memory");
	}
	stop();
	for (i = 0; !rc && i < l.nsites && i < 8; i++) {
		const struct ds_site *s = &l.sites[i];

		rc = buf_addf(out, "%s %s %ld %s %ld '%s' %s %d %d %zu|",
			      s->name, url[i], s->e_code, s->e_string,
			      s->m_code, s->m_string, s->cat ? s->cat : "-",
			      s->unsupported, s->invalid, s->nknown);
		for (k = 0; !rc && s->headers && s->headers[k]; k++)
			rc = buf_addf(out, "%s|", s->headers[k]);
		if (rc)
			rc = ds_err_set(err, DS_EINTERNAL, "the answer is too "
					"big");
	}
	for (i = 0; i < 8; i++)
		ds_free(url[i]);
	ds_sitelist_release(&l);
	return rc;
}

static void test_walk_sitelist_parse(void)
{
	struct walk w;

	walk("sitelist parse", path_sitelist, &w);
	CHECK(w.failed > 0);
}

/* ---- ds_taxonomy_parse + ds_triage_text ------------------------------- */

/* A small taxonomy (the built-in one makes the walk long under valgrind). */
static const char taxonomy[] =
	"[violence]\ntitle = Violence\nseverity = high\nthreshold = 1\n"
	"terms = threatened to kill, punched, assault:2\n"
	"exclude = killer app, punched the air\n"
	"[substances]\ntitle = Drugs and drink\nseverity = medium\n"
	"terms = drink driving, cannabis\ncriminal = yes\n"
	"[hate]\ntitle = Hate\nseverity = high\nspecial = yes\n"
	"terms = slurs against\n"
	"[protected]\nterms = muslim, gay, labour party\n";

static const char triage_text[] =
	"Leeds teacher Jane Smith appears in court.  Jane Smith, 34, of "
	"Leeds, who works at Oak Primary School, is accused of assault: she "
	"punched him and threatened to kill a neighbour, and was charged "
	"with drink driving.  Not a killer app.  She is a member of the "
	"Labour Party.  Caf\xc3\xa9 cr\xc3\xa8me.";

static int path_triage(struct buf *out, struct ds_err *err)
{
	struct ds_taxonomy *t = NULL;
	struct ds_triage_result r;
	char cats[256];
	int rc;

	rc = ds_taxonomy_parse(&t, taxonomy, sizeof(taxonomy) - 1, "test",
			       err);
	if (!rc)
		rc = ds_triage_text(t, triage_text, sizeof(triage_text) - 1, &r,
				    err);
	stop();
	if (!rc) {
		ds_triage_cats_format(t, r.cats, cats, sizeof(cats));
		if (buf_addf(out, "%s %d %d %d %d %s", cats, r.severity,
			     r.special_care, r.criminal, r.protected_only,
			     r.excerpt))
			rc = ds_err_set(err, DS_EINTERNAL, "the answer is "
					"too big");
	}
	ds_taxonomy_free(t);
	return rc;
}

static void test_walk_triage(void)
{
	struct walk w;

	walk("taxonomy + triage", path_triage, &w);
	CHECK(w.failed > 0);
}

/* ---- ds_template_render ---------------------------------------------- */

static const char tmpl[] =
	"<h1>{{title}}</h1>{{#candidate}}<h2>{{name}} ({{id}})</h2>"
	"{{#findings}}<li><a href=\"{{url}}\">{{url}}</a> {{severity}} "
	"{{#cats}}{{.}}, {{/cats}}{{^cats}}none{{/cats}}</li>{{/findings}}"
	"{{/candidate}}{{^list}}empty{{/list}}{{{raw}}}";

static const char tmpl_data[] =
	"{\"title\": \"Report <1>\", \"raw\": \"<hr>\", \"list\": [],"
	" \"candidate\": {\"name\": \"Jane & Co\", \"id\": 7, \"findings\":"
	" [{\"url\": \"https://x.example/?a=1&b=2\", \"severity\": \"high\","
	" \"cats\": [\"violence\", \"drugs\"]}, {\"url\": \"https://y."
	"example/\", \"severity\": \"low\", \"cats\": []}]}}";

static json_t *tmpl_json;

static int path_template(struct buf *out, struct ds_err *err)
{
	int rc = ds_template_render(tmpl, tmpl_json, DS_ESCAPE_HTML, out, err);

	stop();
	/* A render that failed half way leaves half a report behind. */
	if (rc)
		buf_reset(out);
	return rc;
}

static void test_walk_template(void)
{
	struct walk w;

	tmpl_json = json_loads(tmpl_data, 0, NULL);
	REQUIRE(tmpl_json != NULL);
	walk("template render", path_template, &w);
	CHECK(w.failed > 0);
	json_decref(tmpl_json);
	tmpl_json = NULL;
}

/* ---- ds_plan_expand -------------------------------------------------- */

/*
 * The expansion allocates nothing, so nothing can fail in it: this test
 * says so, and fails the day it starts to allocate (walk it then).
 */
static void test_plan_expand_allocates_nothing(void)
{
	static const struct ds_plan_anchors a = {
		.name = "Jane Smith",
		.known_as = { "Janey" }, .nknown_as = 1,
		.location = { "Leeds", "York" }, .nlocation = 2,
		.employer = { "Oak Primary" }, .nemployer = 1,
		.handle_platform = { "mastodon" },
		.handle = { "jane@social.example" }, .nhandles = 1,
	};
	struct ds_plan_instance inst[DS_PLAN_MAX_EXPAND];
	struct ds_plan p;
	size_t i, n, total = 0;

	ds_plan_default(&p, "searxng");
	ds_mem_fail_at(1);
	for (i = 0; i < p.nsteps; i++) {
		n = ds_plan_expand(&p, i, &a, inst, DS_PLAN_MAX_EXPAND);
		CHECK(n >= 1);
		total += n;
	}
	CHECK_INT(ds_mem_fail_at(0), 0);
	CHECK(total > p.nsteps);
}

int main(void)
{
	/* jansson (the site list, the template's object) is walked too. */
	if (ds_mem_hook_libraries() != 0) {
		CHECK(!"jansson allocates through the injector");
		return check_summary();
	}
	RUN(test_walk_page_parse);
	RUN(test_walk_sitelist_parse);
	RUN(test_walk_triage);
	RUN(test_walk_template);
	RUN(test_plan_expand_allocates_nothing);
	return check_summary();
}
