/*
 * test_plan.c: plan steps and their expansion for a candidate: every name
 * alone and with each qualifier, names without middle names, handles as
 * text, the order of instances, and identical searches asked once.
 */
#include <string.h>

#include "check.h"
#include "mem.h"
#include "plan.h"

static struct ds_plan_anchors jane(void)
{
	struct ds_plan_anchors a;

	memset(&a, 0, sizeof(a));
	a.name = "Jane Anne Smith";
	a.known_as[a.nknown_as++] = "Janey Smith";
	a.previous_name[a.nprevious_name++] = "Jane Marie van der Berg";
	a.location[a.nlocation++] = "Leeds";
	a.employer[a.nemployer++] = "Elmwood Primary School";
	a.employer[a.nemployer++] = "Beta Academy";
	a.handle_platform[a.nhandles] = "mastodon";
	a.handle[a.nhandles++] = "janes@social.example";
	a.handle_platform[a.nhandles] = "bluesky";
	a.handle[a.nhandles++] = "janes.bsky.social";
	a.handle_platform[a.nhandles] = "url";
	a.handle[a.nhandles++] = "https://www.janeswrites.example/blog";
	a.handle_platform[a.nhandles] = "instagram";
	a.handle[a.nhandles++] = "jane.smith.teach";
	return a;
}

/* A plan of the given lines; 0 on success. */
static int plan_of(struct ds_plan *p, const char *const *lines)
{
	struct ds_err err;

	memset(p, 0, sizeof(*p));
	for (; *lines; lines++)
		if (ds_plan_add_line(p, *lines, &err))
			return -1;
	return 0;
}

/* How many instances of all ask query (kind web or news). */
static size_t asks(const struct ds_plan_instance *all, size_t n,
		   const char *kind_news, const char *query)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (!all[i].skip && strcmp(all[i].query, query) == 0 &&
		    (all[i].kind == DS_STEP_NEWS) == (kind_news != NULL))
			k++;
	return k;
}

static void test_every_name_with_each_qualifier(void)
{
	static const char *const lines[] = {
		"web searxng \"{any_name}\"",
		"web searxng \"{any_name}\" \"{employer}\"",
		NULL
	};
	struct ds_plan_anchors a = jane();
	struct ds_plan_instance *all = NULL;
	struct ds_plan p;
	size_t n = 0;

	REQUIRE(plan_of(&p, lines) == 0);
	REQUIRE(ds_plan_expand_all(&p, &a, &all, &n, NULL) == 0);
	/* Five names: legal, known-as, previous, and two without middles. */
	CHECK_INT(n, 5 + 5 * 2);
	CHECK_INT(asks(all, n, NULL, "\"Jane Anne Smith\""), 1);
	CHECK_INT(asks(all, n, NULL, "\"Janey Smith\""), 1);
	CHECK_INT(asks(all, n, NULL, "\"Jane Marie van der Berg\""), 1);
	CHECK_INT(asks(all, n, NULL, "\"Jane Smith\""), 1);
	CHECK_INT(asks(all, n, NULL, "\"Jane van der Berg\""), 1);
	CHECK_INT(asks(all, n, NULL, "\"Jane van der Berg\" \"Beta "
		       "Academy\""), 1);
	/* The first variable varies slowest: name by name. */
	CHECK_STR(all[5].query, "\"Jane Anne Smith\" \"Elmwood Primary "
		  "School\"");
	CHECK_STR(all[6].query, "\"Jane Anne Smith\" \"Beta Academy\"");
	CHECK_INT(all[6].plan_step, 1);
	CHECK_INT(all[6].seq, 1);
	ds_free(all);
}

static void test_two_word_names_have_no_short_form(void)
{
	static const char *const lines[] = { "web searxng \"{any_name}\"",
					     NULL };
	struct ds_plan_anchors a;
	struct ds_plan_instance *all = NULL;
	struct ds_plan p;
	size_t n = 0;

	memset(&a, 0, sizeof(a));
	a.name = "James Holloway-Reid";
	a.known_as[a.nknown_as++] = "Jim Holloway-Reid";
	REQUIRE(plan_of(&p, lines) == 0);
	REQUIRE(ds_plan_expand_all(&p, &a, &all, &n, NULL) == 0);
	CHECK_INT(n, 2);
	ds_free(all);
	/* Particles only: "Anna de la Cruz" has no middle name. */
	a.name = "Anna de la Cruz";
	a.nknown_as = 0;
	REQUIRE(ds_plan_expand_all(&p, &a, &all, &n, NULL) == 0);
	CHECK_INT(n, 1);
	ds_free(all);
}

static void test_handles_as_text(void)
{
	static const char *const lines[] = {
		"web searxng \"{handle}\"",
		"profile auto {handle}",
		NULL
	};
	struct ds_plan_anchors a = jane();
	struct ds_plan_instance *all = NULL;
	struct ds_plan p;
	size_t n = 0;

	REQUIRE(plan_of(&p, lines) == 0);
	REQUIRE(ds_plan_expand_all(&p, &a, &all, &n, NULL) == 0);
	REQUIRE(n == 3 + 4);
	CHECK_STR(all[0].query, "\"janes\"");
	/* The same user name on Bluesky is asked once. */
	CHECK_STR(all[1].query, "\"janeswrites.example\"");
	CHECK_STR(all[2].query, "\"jane.smith.teach\"");
	CHECK(all[3].skip == NULL);
	CHECK_INT(all[3].kind, DS_STEP_PROFILE);
	CHECK_STR(all[3].target, "janes@social.example");
	CHECK_STR(all[4].connector, "bluesky");
	ds_free(all);
}

/* A declared website's pages are searched by its host (site:); a
 * profile on another's site, an address with a path, is not a site. */
static void test_site_search(void)
{
	struct ds_plan_anchors a = jane();
	struct ds_plan_instance *sites = NULL;
	struct ds_plan plan;
	size_t count = 0;
	struct ds_err err;

	memset(&plan, 0, sizeof(plan));
	REQUIRE(ds_plan_add_line(&plan, "web searxng site:{site}", &err) == 0);
	REQUIRE(ds_plan_expand_all(&plan, &a, &sites, &count, NULL) == 0);
	CHECK(count == 1 && sites[0].skip != NULL);
	ds_free(sites);
	a.handle[2] = "https://www.janeswrites.example/";
	sites = NULL;
	REQUIRE(ds_plan_expand_all(&plan, &a, &sites, &count, NULL) == 0);
	REQUIRE(count == 1);
	CHECK(sites[0].skip == NULL);
	CHECK_STR(sites[0].query, "site:janeswrites.example");
	ds_free(sites);

	/* With the first word of each name she goes by, once each ("Jane"
	 * from the legal and previous names, "Janey"): a blog signs its
	 * posts with it. */
	memset(&plan, 0, sizeof(plan));
	REQUIRE(ds_plan_add_line(&plan, "web searxng site:{site} "
				 "{given_name}", &err) == 0);
	sites = NULL;
	REQUIRE(ds_plan_expand_all(&plan, &a, &sites, &count, NULL) == 0);
	REQUIRE(count == 2);
	CHECK_STR(sites[0].query, "site:janeswrites.example Jane");
	CHECK_STR(sites[1].query, "site:janeswrites.example Janey");
	ds_free(sites);
}

static void test_identical_searches_asked_once(void)
{
	static const char *const lines[] = {
		"web searxng \"{name}\"",
		"web searxng \"{known_as}\"",
		"news searxng \"{name}\"",
		"web searxng \"{any_name}\"",
		NULL
	};
	struct ds_plan_anchors a;
	struct ds_plan_instance *all = NULL;
	struct ds_plan p;
	size_t n = 0;

	memset(&a, 0, sizeof(a));
	a.name = "Jane Smith";
	a.known_as[a.nknown_as++] = "JANE  SMITH";   /* case and spaces */
	REQUIRE(plan_of(&p, lines) == 0);
	REQUIRE(ds_plan_expand_all(&p, &a, &all, &n, NULL) == 0);
	REQUIRE(n == 4);
	CHECK_STR(all[0].query, "\"Jane Smith\"");
	/* Step 2 asks what step 1 asked: it stays, skipped, saying why. */
	CHECK_INT(all[1].plan_step, 1);
	CHECK(all[1].skip && strstr(all[1].skip, "earlier step"));
	CHECK_STR(all[1].query, "");
	/* The same terms as news are another search. */
	CHECK_INT(all[2].kind, DS_STEP_NEWS);
	CHECK(all[2].skip == NULL);
	CHECK_INT(all[3].plan_step, 3);
	CHECK(all[3].skip != NULL);
	ds_free(all);
}

static void test_default_plan(void)
{
	struct ds_plan_anchors a = jane();
	struct ds_plan_instance *all = NULL;
	struct ds_plan p;
	size_t n = 0, i, web = 0, news = 0, prof = 0;

	ds_plan_default(&p, "searxng");
	REQUIRE(ds_plan_expand_all(&p, &a, &all, &n, NULL) == 0);
	for (i = 0; i < n; i++) {
		web += all[i].kind == DS_STEP_WEB && !all[i].skip;
		news += all[i].kind == DS_STEP_NEWS && !all[i].skip;
		prof += all[i].kind == DS_STEP_PROFILE;
	}
	/* 5 names x (alone, Leeds, 2 employers) + 3 handle texts + 2
	 * surnames x 2 employers. */
	CHECK_INT(web, 5 * 4 + 3 + 2 * 2);
	/* A staff list names her "Mrs Smith"; her previous name's surname
	 * keeps its particles. */
	CHECK_INT(asks(all, n, NULL, "\"Smith\" \"Beta Academy\""), 1);
	CHECK_INT(asks(all, n, NULL,
		       "\"van der Berg\" \"Elmwood Primary School\""), 1);
	/* 5 names alone, the legal name with Leeds and each employer. */
	CHECK_INT(news, 5 + 1 + 2);
	CHECK_INT(prof, 4);
	CHECK_INT(asks(all, n, "news", "\"Jane Anne Smith\" Leeds"), 1);
	CHECK_INT(asks(all, n, NULL, "\"Janey Smith\" Leeds"), 1);
	/* No school recorded: that step shows as skipped. */
	for (i = 0; i < n && !(all[i].skip && strstr(all[i].skip,
						       "no anchor")); i++)
		;
	CHECK(i < n);
	ds_free(all);
}

static void test_step_lines(void)
{
	struct ds_plan p;
	struct ds_err err;

	memset(&p, 0, sizeof(p));
	CHECK_INT(ds_plan_add_line(&p, "web searxng \"{handle}\" forum", &err),
		  0);
	CHECK_INT(ds_plan_add_line(&p, "news searxng \"{any_name}\"", &err),
		  0);
	CHECK_INT(ds_plan_add_line(&p, "profile auto {name}", &err),
		  DS_EDATA);
	CHECK(strstr(err.msg, "use {handle}") != NULL);
	CHECK_INT(ds_plan_add_line(&p, "manual manual {handle}", &err),
		  DS_EDATA);
	CHECK_INT(ds_plan_add_line(&p, "web searxng \"{nick}\"", &err),
		  DS_EDATA);
	CHECK(strstr(err.msg, "{any_name}") != NULL);
}

static void test_expand_all_out_of_memory(void)
{
	struct ds_plan_anchors a = jane();
	struct ds_plan_instance *all = NULL;
	struct ds_plan p;
	struct ds_err err;
	size_t n = 7;
	int k, rc = -1;

	ds_plan_default(&p, "searxng");
	for (k = 1; k < 40 && rc != 0; k++) {
		ds_mem_fail_at(k);
		rc = ds_plan_expand_all(&p, &a, &all, &n, &err);
		ds_mem_fail_at(0);
		if (rc) {
			CHECK_INT(rc, DS_ENOMEM);
			CHECK(all == NULL);
			CHECK_INT(n, 0);
		}
	}
	CHECK_INT(rc, 0);
	CHECK(k > 2);
	ds_free(all);
}

int main(void)
{
	RUN(test_every_name_with_each_qualifier);
	RUN(test_two_word_names_have_no_short_form);
	RUN(test_handles_as_text);
	RUN(test_site_search);
	RUN(test_identical_searches_asked_once);
	RUN(test_default_plan);
	RUN(test_step_lines);
	RUN(test_expand_all_out_of_memory);
	return check_summary();
}
