/*
 * test_platforms.c: declared handles on any platform.  A platform is a
 * built-in one, a site of the profile site list (by its name, any case),
 * or one a connector names; a profile's address is kept as a "url" or
 * read back into the site's account; an unknown platform is refused with
 * the nearest names.  Which connector reads a platform is the connectors'
 * metadata, asked by ds_plan_profile_connector.
 */
#include <string.h>

#include "check.h"
#include "connector.h"
#include "err.h"
#include "handle.h"
#include "plan.h"
#include "sitelist.h"
#include "triage.h"

static const char list_json[] =
	"{\"sites\": ["
	"{\"name\": \"ShelfTalk\", \"uri_check\": "
	"\"http://www.shelftalk.example/readers/{account}\", \"e_code\": 200,"
	" \"e_string\": \"Reading shelf\", \"m_code\": 200, \"m_string\": "
	"\"No reader\", \"cat\": \"hobby\"},"
	"{\"name\": \"RunLog\", \"uri_check\": "
	"\"https://api.runlog.example/v1/user?name={account}\", "
	"\"uri_pretty\": \"https://www.runlog.example/athletes/{account}/\","
	" \"e_code\": 200, \"e_string\": \"athlete\", \"cat\": \"hobby\"},"
	"{\"name\": \"ClipReel\", \"uri_check\": "
	"\"http://www.clipreel.example/@{account}\", \"e_code\": 200, "
	"\"e_string\": \"clip-grid\", \"cat\": \"video\"},"
	"{\"name\": \"A site whose name is far too long\", \"uri_check\": "
	"\"http://long.example/{account}\", \"e_code\": 200, "
	"\"e_string\": \"x\"}"
	"]}";

/* Resolve; returns the error code, the result in *d. */
static int resolve(const char *platform, const char *handle, const char *url,
		   const struct ds_sitelist *l, struct ds_handle_decl *d,
		   struct ds_err *err)
{
	ds_err_init(err);
	return ds_handle_resolve(platform, handle, url, l, d, err);
}

static void test_edit_distance(void)
{
	CHECK_INT(ds_edit_distance("", ""), 0);
	CHECK_INT(ds_edit_distance("abc", ""), 3);
	CHECK_INT(ds_edit_distance("RunLog", "runlog"), 0);
	CHECK_INT(ds_edit_distance("Runlogg", "RunLog"), 1);
	CHECK_INT(ds_edit_distance("kitten", "sitting"), 3);
	CHECK_INT(ds_edit_distance("ShelfTalk", "ShelfTlak"), 2);
}

static void test_site_platforms(void)
{
	struct ds_handle_decl d;
	struct ds_sitelist l;
	struct ds_err err;

	ds_err_init(&err);
	REQUIRE(ds_sitelist_parse(&l, list_json, strlen(list_json), &err) ==
		0);
	/* A site's name, in any case: recorded as the list spells it. */
	CHECK_INT(resolve("shelftalk", "beckyj_reads", NULL, &l, &d, &err), 0);
	CHECK_STR(d.platform, "ShelfTalk");
	CHECK_STR(d.handle, "beckyj_reads");
	/* One leading '@' goes; case stays (some sites care). */
	CHECK_INT(resolve("CLIPREEL", "@KayR", NULL, &l, &d, &err), 0);
	CHECK_STR(d.platform, "ClipReel");
	CHECK_STR(d.handle, "KayR");
	/* Nothing that could change a URL's shape gets in. */
	CHECK_INT(resolve("ShelfTalk", "a/b", NULL, &l, &d, &err), DS_EDATA);
	CHECK_STR(err.msg, "bad ShelfTalk handle 'a/b': use 1-100 letters, "
		  "digits, '.', '_' or '-'");
	CHECK_INT(resolve("ShelfTalk", "..", NULL, &l, &d, &err), DS_EDATA);
	CHECK_INT(resolve("ShelfTalk", "a?b=c", NULL, &l, &d, &err), DS_EDATA);
	CHECK_INT(resolve("ShelfTalk", "a%2f", NULL, &l, &d, &err), DS_EDATA);
	/* The site's profile address is read back into its account. */
	CHECK_INT(resolve("ShelfTalk", NULL,
			  "https://WWW.shelftalk.example/readers/jo.b", &l, &d,
			  &err), 0);
	CHECK_STR(d.platform, "ShelfTalk");
	CHECK_STR(d.handle, "jo.b");
	CHECK_INT(resolve("runlog", NULL,
			  "https://www.runlog.example/athletes/nellruns/", &l,
			  &d, &err), 0);
	CHECK_STR(d.platform, "RunLog");
	CHECK_STR(d.handle, "nellruns");
	CHECK_INT(resolve("ClipReel", NULL, "http://www.clipreel.example/@kr",
			  &l, &d, &err), 0);
	CHECK_STR(d.handle, "kr");
	/* Any other address on the site is a page, kept as a "url". */
	CHECK_INT(resolve("ShelfTalk", NULL,
			  "http://www.shelftalk.example/readers/a/b", &l, &d,
			  &err), 0);
	CHECK_STR(d.platform, "url");
	CHECK_STR(d.handle, "http://www.shelftalk.example/readers/a/b");
	CHECK_INT(resolve("ShelfTalk", NULL, "http://elsewhere.example/jo",
			  &l, &d, &err), 0);
	CHECK_STR(d.platform, "url");
	/* A built-in platform the list in use lacks: its address is read. */
	CHECK_INT(resolve("GitHub", "jo-b", "https://github.com/jo-b", &l, &d,
			  &err), 0);
	CHECK_STR(d.platform, "url");
	CHECK_STR(d.handle, "https://github.com/jo-b");
	CHECK_INT(resolve("GitHub", "jo-b", NULL, &l, &d, &err), 0);
	CHECK_STR(d.platform, "github");
	/* Never for a platform that forbids automated access. */
	CHECK_INT(resolve("x", "jo", "https://x.com/jo", &l, &d, &err), 0);
	CHECK_STR(d.platform, "x");
	/* A name too long to record: by its address only. */
	CHECK_INT(resolve("a site whose name is far too long", "jo", NULL, &l,
			  &d, &err), DS_EDATA);
	CHECK(strstr(err.msg, "--url") != NULL);
	CHECK_INT(resolve("a site whose name is far too long", NULL,
			  "http://long.example/jo", &l, &d, &err), 0);
	CHECK_STR(d.platform, "url");
	ds_sitelist_release(&l);
}

static void test_builtin_and_url(void)
{
	struct ds_handle_decl d;
	struct ds_err err;

	/* Built-in platforms keep their own rules and names. */
	CHECK_INT(resolve("Twitter", "@Jack", NULL, NULL, &d, &err), 0);
	CHECK_STR(d.platform, "x");
	CHECK_STR(d.handle, "jack");
	CHECK_INT(resolve("Fediverse", "@jo@social.example", NULL, NULL, &d,
			  &err), 0);
	CHECK_STR(d.platform, "mastodon");
	CHECK_STR(d.handle, "jo@social.example");
	CHECK_INT(resolve("bsky", "jo.bsky.social", NULL, NULL, &d, &err), 0);
	CHECK_STR(d.platform, "bluesky");
	/* A personal site, by any of its names or none. */
	CHECK_INT(resolve(NULL, NULL, "http://Jo.Example/blog#x", NULL, &d,
			  &err), 0);
	CHECK_STR(d.platform, "url");
	CHECK_STR(d.handle, "http://jo.example/blog");
	CHECK_INT(resolve("Personal website", NULL, "https://jo.example/",
			  NULL, &d, &err), 0);
	CHECK_STR(d.platform, "url");
	CHECK_INT(resolve("url", "https://jo.example/", NULL, NULL, &d, &err),
		  0);
	CHECK_STR(d.platform, "url");
	/* Any profile's address, with any platform name. */
	CHECK_INT(resolve("ProConnect", "jo-b", "http://pro.example/in/jo-b",
			  NULL, &d, &err), 0);
	CHECK_STR(d.platform, "url");
	CHECK_STR(d.handle, "http://pro.example/in/jo-b");
	/* An address is still checked like any personal site. */
	CHECK_INT(resolve("ProConnect", NULL, "http://127.0.0.1/in/jo", NULL,
			  &d, &err), DS_EDATA);
	/* A platform checked by hand needs the handle itself. */
	CHECK_INT(resolve("instagram", NULL, "https://www.instagram.com/jo",
			  NULL, &d, &err), DS_EDATA);
	CHECK(strstr(err.msg, "--handle") != NULL);
	CHECK_INT(resolve("x", NULL, NULL, NULL, &d, &err), DS_EDATA);
}

static void test_unknown_names_the_closest(void)
{
	struct ds_handle_decl d;
	struct ds_sitelist l;
	struct ds_err err;

	ds_err_init(&err);
	REQUIRE(ds_sitelist_parse(&l, list_json, strlen(list_json), &err) ==
		0);
	CHECK_INT(resolve("Runlogg", "jo", NULL, &l, &d, &err), DS_EDATA);
	CHECK(strncmp(err.msg, "unknown platform 'Runlogg': the closest are "
		      "RunLog, ", 43) == 0);
	CHECK(strstr(err.msg, "--url") != NULL);
	CHECK(strchr(err.msg, '\n') == NULL);
	CHECK_INT(resolve("shelftalc", "jo", NULL, &l, &d, &err), DS_EDATA);
	CHECK(strncmp(err.msg, "unknown platform 'shelftalc': the closest "
		      "are ShelfTalk, ", 48) == 0);
	/* Without the list, its sites are unknown too. */
	CHECK_INT(resolve("ShelfTalk", "jo", NULL, NULL, &d, &err), DS_EDATA);
	/* What is echoed is printable and cut. */
	CHECK_INT(resolve("no\x1bsuch", "jo", NULL, &l, &d, &err), DS_EDATA);
	CHECK(strncmp(err.msg, "unknown platform 'no?such'", 26) == 0);
	ds_sitelist_release(&l);
}

static void test_connector_by_metadata(void)
{
	int exact = -1;

	CHECK_STR(ds_plan_profile_connector("mastodon"), "mastodon");
	CHECK_STR(ds_plan_profile_connector("Bluesky"), "bluesky");
	CHECK_STR(ds_plan_profile_connector("url"), "page");
	CHECK_STR(ds_plan_profile_connector("x"), "manual");
	CHECK_STR(ds_plan_profile_connector("snapchat"), "manual");
	CHECK_STR(ds_plan_profile_connector("ShelfTalk"), "profiles");
	CHECK_STR(ds_plan_profile_connector("github"), "profiles");
	CHECK(ds_connector_for_platform("ShelfTalk", &exact) ==
	      ds_connector_find("profiles"));
	CHECK_INT(exact, 0);
	CHECK(ds_connector_for_platform("MASTODON", &exact) ==
	      ds_connector_find("mastodon"));
	CHECK_INT(exact, 1);
	CHECK(ds_connector_for_platform(NULL, NULL) == NULL);
}

/* A 'profile auto' step goes where the metadata says, per handle. */
static void test_plan_expands_by_metadata(void)
{
	struct ds_plan p;
	struct ds_plan_anchors a;
	struct ds_plan_instance out[4];
	struct ds_err err;
	size_t n;

	memset(&p, 0, sizeof(p));
	memset(&a, 0, sizeof(a));
	ds_err_init(&err);
	REQUIRE(ds_plan_add_line(&p, "profile auto {handle}", &err) == 0);
	a.name = "Jo Bloggs";
	a.handle_platform[0] = "ShelfTalk";
	a.handle[0] = "jo_reads";
	a.handle_platform[1] = "mastodon";
	a.handle[1] = "jo@social.example";
	a.handle_platform[2] = "url";
	a.handle[2] = "https://jo.example/";
	a.nhandles = 3;
	n = ds_plan_expand(&p, 0, &a, out, 4);
	REQUIRE(n == 3);
	CHECK_STR(out[0].connector, "profiles");
	CHECK_STR(out[0].platform, "ShelfTalk");
	CHECK_STR(out[0].target, "jo_reads");
	CHECK_STR(out[1].connector, "mastodon");
	CHECK_STR(out[2].connector, "page");
	CHECK(!out[0].skip && !out[1].skip && !out[2].skip);
}

/* A discovered account: the username alone never makes it theirs. */
static void test_discovered_identity(void)
{
	struct ds_identity_conf c;
	struct ds_identity_result r;
	struct ds_plan_anchors a;
	static const char *const url = "http://bets.example/u/jo_reads";
	const char *t;

	ds_identity_conf_default(&c);
	memset(&a, 0, sizeof(a));
	a.name = "Joanna Bloggs";
	a.location[0] = "Mossford";
	a.nlocation = 1;
	a.employer[0] = "Harbour Lights Primary Academy";
	a.nemployer = 1;
	a.handle_platform[0] = "ShelfTalk";
	a.handle[0] = "jo_reads";
	a.nhandles = 1;
	memset(&r, 0, sizeof(r));

	/* The username and her town: probable, not confirmed. */
	t = "jo_reads. Mossford girl. Deposited the rent money again.";
	ds_identity_score_discovered(&a, t, strlen(t), url, &c, &r);
	CHECK_INT(r.level, DS_ID_PROBABLE);
	CHECK(r.matched & DS_MATCH_HANDLE);
	/* As a declared or searched result the same text would score more. */
	ds_identity_score(&a, t, strlen(t), url, 1, &c, &r);
	CHECK_INT(r.level, DS_ID_CONFIRMED);
	/* Nothing of her but the username: not hers, a count only. */
	t = "jo_reads. Member since 2021. Big win on the slots.";
	ds_identity_score_discovered(&a, t, strlen(t), url, &c, &r);
	CHECK_INT(r.level, DS_ID_NOT);
	/* Another town and none of hers: someone else. */
	t = "jo_reads. Joanna Bloggs, living in Bristol.";
	ds_identity_score_discovered(&a, t, strlen(t), url, &c, &r);
	CHECK_INT(r.level, DS_ID_NOT);
	/* Another town as a profile's field, set apart by "·". */
	t = "jo_reads\nJ. Bloggs \xc2\xb7 Dumfries \xc2\xb7 retired "
	    "librarian\nBig win on the slots.";
	ds_identity_score_discovered(&a, t, strlen(t), url, &c, &r);
	CHECK_INT(r.level, DS_ID_NOT);
	CHECK(r.matched & DS_MATCH_OTHER_PLACE);
	t = "jo_reads\nJ. Bloggs | Dumfries\nBig win on the slots.";
	r.matched = 0;
	ds_identity_score_discovered(&a, t, strlen(t), url, &c, &r);
	CHECK(r.matched & DS_MATCH_OTHER_PLACE);
	/* Her first name shown, on an account whose username carries
	 * her surname: hers, probable; not under a username without it,
	 * nor with no first name of hers shown. */
	t = "Joanna \xf0\x9f\x92\x8b. Black Country babe. Explicit sets.";
	r.matched = 0;
	ds_identity_score_discovered(&a, t, strlen(t),
				     "http://fans.example/joannabloggs_x", &c,
				     &r);
	CHECK_INT(r.level, DS_ID_PROBABLE);
	CHECK(r.matched & DS_MATCH_FIRST_NAME);
	r.matched = 0;
	ds_identity_score_discovered(&a, t, strlen(t), url, &c, &r);
	CHECK_INT(r.level, DS_ID_NOT);
	t = "Kerry \xf0\x9f\x92\x8b. Black Country babe. Explicit sets.";
	r.matched = 0;
	ds_identity_score_discovered(&a, t, strlen(t),
				     "http://fans.example/joannabloggs_x", &c,
				     &r);
	CHECK_INT(r.level, DS_ID_NOT);
	/* Every anchor there is still leaves it probable at most. */
	t = "jo_reads: Joanna Bloggs, TA at Harbour Lights Primary Academy "
	    "in Mossford.";
	ds_identity_score_discovered(&a, t, strlen(t), url, &c, &r);
	CHECK_INT(r.level, DS_ID_PROBABLE);
	CHECK(r.score >= c.confirmed);
	/* Her declared handle a domain ("jo.bsky.social"): the account
	 * found under its first label, with her town, is probable too. */
	a.handle_platform[0] = "bluesky";
	a.handle[0] = "jo_reads.bsky.social";
	t = "jo_reads. Mossford girl. Deposited the rent money again.";
	ds_identity_score_discovered(&a, t, strlen(t), url, &c, &r);
	CHECK_INT(r.level, DS_ID_PROBABLE);
	/* No job said: the username alone is still nothing. */
	t = "JB. Up north. Raider by night.";
	r.matched = 0;
	ds_identity_score_discovered(&a, t, strlen(t),
				     "http://games.example/players/jbloggs_ta",
				     &c, &r);
	CHECK_INT(r.level, DS_ID_NOT);
	/* Her job on an account whose username carries her surname:
	 * probable; the same under a username without it: a count only. */
	a.role[0] = "Teaching Assistant";
	a.nrole = 1;
	t = "JB. Up north. Teaching assistant by day, raider by night.";
	r.matched = DS_MATCH_ROLE;      /* the context's judgement */
	ds_identity_score_discovered(&a, t, strlen(t),
				     "http://games.example/players/jbloggs_ta",
				     &c, &r);
	CHECK_INT(r.level, DS_ID_PROBABLE);
	CHECK(r.matched & DS_MATCH_ROLE);
	r.matched = DS_MATCH_ROLE;
	ds_identity_score_discovered(&a, t, strlen(t),
				     "http://games.example/players/jo_reads",
				     &c, &r);
	CHECK_INT(r.level, DS_ID_NOT);
	/* Her first name and her surname's initial are her username too;
	 * a first name run on into another word is not. */
	r.matched = DS_MATCH_ROLE;
	ds_identity_score_discovered(&a, t, strlen(t),
				     "http://fans.example/joanna.b.ldn",
				     &c, &r);
	CHECK_INT(r.level, DS_ID_PROBABLE);
	r.matched = DS_MATCH_ROLE;
	ds_identity_score_discovered(&a, t, strlen(t),
				     "http://fans.example/joannabanana",
				     &c, &r);
	CHECK_INT(r.level, DS_ID_NOT);
	/* The surname in the site's host name is not hers. */
	r.matched = DS_MATCH_ROLE;
	ds_identity_score_discovered(&a, t, strlen(t),
				     "http://bloggs.example/players/jo_reads",
				     &c, &r);
	CHECK_INT(r.level, DS_ID_NOT);
}

int main(void)
{
	RUN(test_edit_distance);
	RUN(test_site_platforms);
	RUN(test_builtin_and_url);
	RUN(test_unknown_names_the_closest);
	RUN(test_connector_by_metadata);
	RUN(test_plan_expands_by_metadata);
	RUN(test_discovered_identity);
	return check_summary();
}
