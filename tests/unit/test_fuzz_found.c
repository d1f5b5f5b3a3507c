/*
 * test_fuzz_found.c: what the fuzz targets (tests/fuzz/) found, kept as
 * unit tests so a regression fails here too, in every build.  The
 * inputs themselves are in the targets' seed corpora.
 *
 * The robots.txt parser and matcher are static, so src/fetch.c is
 * included here.
 */
#include "../../src/fetch.c"

#include "buf.h"
#include "check.h"
#include "connector.h"
#include "plan.h"
#include "sitelist.h"

/* The verdicts of a robots.txt for some paths. */
static int robots(const char *txt, const char *path)
{
	struct host h;
	size_t i;
	int allow;

	memset(&h, 0, sizeof(h));
	robots_parse(&h, txt);
	allow = robots_allows(&h, path);
	for (i = 0; i < h.nrules; i++)
		ds_free(h.rules[i].path);
	ds_free(h.rules);
	return allow;
}

/*
 * fuzz_robots: a final '$' was taken for a prefix match when more of the
 * path was left, so "Allow: /$" (the home page only) allowed every page
 * of a site whose robots.txt disallows all the others.
 */
static void test_robots_end_anchor(void)
{
	static const char home_only[] =
		"User-agent: *\nDisallow: /\nAllow: /$\n";
	static const char php[] = "User-agent: *\nDisallow: /*.php$\n"
				  "Disallow: /a$\n";

	CHECK_INT(robots(home_only, "/"), 1);
	CHECK_INT(robots(home_only, "/page"), 0);
	CHECK_INT(robots(home_only, "/private/x"), 0);
	CHECK_INT(robots(php, "/x.php"), 0);
	CHECK_INT(robots(php, "/a/b/x.php"), 0);
	CHECK_INT(robots(php, "/x.php5"), 1);
	CHECK_INT(robots(php, "/x.php?a=1"), 1);
	CHECK_INT(robots(php, "/a"), 0);
	CHECK_INT(robots(php, "/ab"), 1);
	/* '*' then '$': the star may take more of the path. */
	CHECK_INT(robots("User-agent: *\nDisallow: /*.x$\n", "/a.x.y.x"), 0);
	CHECK_INT(robots("User-agent: *\nDisallow: /*.x$\n", "/a.x.y"), 1);
}

/*
 * fuzz_conf: a plan step whose template was not UTF-8 was taken, then
 * left out of the plan's JSON (jansson takes UTF-8 only), so the plan
 * frozen for a vacancy lost the step without a word.
 */
static void test_plan_template_not_utf8(void)
{
	struct ds_plan p;
	struct ds_err err;

	memset(&p, 0, sizeof(p));
	ds_err_init(&err);
	CHECK_INT(ds_plan_add_line(&p, "web searxng \x9a\x9a\x8b arete",
				   &err), DS_EDATA);
	CHECK(strstr(err.msg, "UTF-8") != NULL);
	CHECK_INT(ds_plan_add_line(&p, "web searxng \"{name}\"\x01", &err),
		  DS_EDATA);
	CHECK_INT(p.nsteps, 0);
	CHECK_INT(ds_plan_add_line(&p, "web searxng \"{name}\" caf\xc3\xa9",
				   &err), 0);
	CHECK_INT(p.nsteps, 1);
}

static const char *no_option(const struct ds_conn_init *ci, const char *name)
{
	(void)ci;
	(void)name;
	return NULL;
}

/*
 * fuzz_profiles: the shipped WhatsMyName list did not load at all, so
 * the profiles connector skipped every step: a site that needs a POST
 * body has the account in the body, not in uri_check, and such entries
 * were refused instead of being kept as unsupported.
 */
static void test_builtin_sitelist_loads(void)
{
	static const char get_no_account[] =
		"{\"sites\": [{\"name\": \"A\", \"uri_check\": "
		"\"https://a.example/\", \"e_code\": 200, "
		"\"e_string\": \"x\"}]}";
	const struct ds_connector *k = ds_connector_find("profiles");
	struct ds_conn_init ci = { .option = no_option };
	struct ds_sitelist l;
	struct ds_err err;
	void *state = NULL;
	size_t i, post = 0;

	ds_err_init(&err);
	REQUIRE(ds_sitelist_load(&l, NULL, &err) == 0);
	CHECK(l.nsites > 500);
	for (i = 0; i < l.nsites; i++)
		if (strcmp(l.sites[i].name, "AniList") == 0)
			CHECK_INT(l.sites[i].unsupported, 1);
	for (i = 0; i < l.nsites; i++)
		post += l.sites[i].unsupported;
	CHECK(post > 0);
	ds_sitelist_release(&l);
	REQUIRE(k != NULL && k->init != NULL);
	CHECK_INT(k->init(&state, &ci, &err), 0);
	if (k->fini)
		k->fini(state);
	/* A GET site without {account} is still refused. */
	CHECK_INT(ds_sitelist_parse(&l, get_no_account,
				    sizeof(get_no_account) - 1, &err),
		  DS_EDATA);
}

/* A one-site list whose uri_check has n {account}. */
static int list_with(int n, struct ds_sitelist *l, struct ds_err *err)
{
	struct buf t;
	int i, rc;

	buf_init(&t, 16384);
	rc = buf_adds(&t, "{\"sites\": [{\"name\": \"A\", \"uri_check\": "
		      "\"https://a.example/");
	for (i = 0; !rc && i < n; i++)
		rc = buf_adds(&t, "{account}");
	if (!rc)
		rc = buf_adds(&t, "\", \"e_code\": 200, \"e_string\": "
			      "\"x\"}]}");
	if (!rc)
		rc = ds_sitelist_parse(l, t.ptr, t.len, err);
	buf_release(&t);
	return rc;
}

/*
 * fuzz_sitelist: an entry with many {account} in its template made URLs
 * too long to build, and the profiles connector then said "out of
 * memory" for the step.  Such an entry is refused when the list is read.
 */
static void test_sitelist_url_too_long(void)
{
	struct ds_sitelist l;
	struct ds_err err;
	char account[300], *url;

	/* 10 times the longest account, percent-encoded, fit 8 KiB. */
	ds_err_init(&err);
	REQUIRE(list_with(10, &l, &err) == 0);
	memset(account, '/', sizeof(account) - 1);
	account[sizeof(account) - 1] = '\0';
	url = ds_site_url(&l.sites[0], account, 0);
	CHECK(url != NULL);
	ds_free(url);
	ds_sitelist_release(&l);
	/* 11 times do not. */
	CHECK_INT(list_with(11, &l, &err), DS_EDATA);
	CHECK(strstr(err.msg, "longer than") != NULL);
}

int main(void)
{
	RUN(test_robots_end_anchor);
	RUN(test_plan_template_not_utf8);
	RUN(test_builtin_sitelist_loads);
	RUN(test_sitelist_url_too_long);
	return check_summary();
}
