/*
 * test_triage.c: identity levels and taxonomy matching, case by case.
 * (The labelled fixture set with precision and recall is in
 * test_triage_fixtures.c.)
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "triage.h"

static struct ds_plan_anchors jane(void)
{
	struct ds_plan_anchors a;

	memset(&a, 0, sizeof(a));
	a.name = "Jane Anne Smith";
	a.known_as[a.nknown_as++] = "Janey Smith";
	a.location[a.nlocation++] = "Leeds";
	a.employer[a.nemployer++] = "Elmwood Primary School";
	a.employer[a.nemployer++] = "Kirkgate Rovers FC";
	a.handle_platform[a.nhandles] = "x";
	a.handle[a.nhandles++] = "janesmith_teach";
	return a;
}

static enum ds_identity level(const char *text)
{
	struct ds_plan_anchors a = jane();
	struct ds_identity_conf c;
	struct ds_identity_result r;

	ds_identity_conf_default(&c);
	ds_identity_score(&a, text, strlen(text), NULL, 0, &c, &r);
	return r.level;
}

static void test_identity_levels(void)
{
	CHECK_INT(level("Jane Smith, a teacher at Elmwood Primary in Leeds, "
			"said"), DS_ID_CONFIRMED);
	CHECK_INT(level("Mrs Jane Smith of Leeds won the prize"),
		  DS_ID_PROBABLE);
	CHECK_INT(level("SMITH, Jane - Elmwood Primary School"),
		  DS_ID_PROBABLE);
	CHECK_INT(level("J. Smith wrote a letter"), DS_ID_POSSIBLE);
	CHECK_INT(level("Jane Smith, 43, of Bristol, who works at Acme"),
		  DS_ID_NOT);
	CHECK_INT(level("John Brown of Leeds"), DS_ID_NOT);
	/* A district, then its town: the town is theirs. */
	CHECK_INT(level("Jane Smith, 40, who runs a salon in Old Town, "
			"Swindon, was fined"), DS_ID_NOT);
	CHECK_INT(level("Jane Smith, who runs a salon in the old town, "
			"said"), DS_ID_POSSIBLE);
	CHECK_INT(level("Jané Smíth in Léeds"), DS_ID_PROBABLE);
	/* A place before a description of up to three words, a team's
	 * age among them, and the name. */
	CHECK_INT(level("Bristol under-14s coach Jane Smith was banned"),
		  DS_ID_NOT);
	CHECK_INT(level("Bristol primary school teacher Jane Smith said"),
		  DS_ID_NOT);
	CHECK_INT(level("Leeds under-14s coach Jane Smith was banned"),
		  DS_ID_PROBABLE);
	CHECK_INT(level("Janey Smith posted"), DS_ID_POSSIBLE);
	/* A club without its "FC"; never the one word of a place. */
	CHECK_INT(level("Jane Smith, of Leeds, who coaches at Kirkgate "
			"Rovers, said"), DS_ID_CONFIRMED);
	CHECK_INT(level("Jane Smith, of Leeds, who lives in Kirkgate, "
			"said"), DS_ID_PROBABLE);
}

static enum ds_identity aged(const char *text)
{
	struct ds_plan_anchors a = jane();
	struct ds_identity_conf c;
	struct ds_identity_result r;

	/* A degree in 2016: born by 1996. */
	a.born_by = 1996;
	ds_identity_conf_default(&c);
	ds_identity_score(&a, text, strlen(text), NULL, 0, &c, &r);
	return r.level;
}

static void test_identity_age(void)
{
	/* Too young for their degree: a namesake, even in their town. */
	CHECK_INT(aged("7 August 2025. Jane Smith, 19, of Leeds, admitted "
		       "theft"), DS_ID_NOT);
	CHECK_INT(aged("15 June 2023. Jane Smith, aged 22, who lives in "
		       "Leeds"), DS_ID_NOT);
	CHECK_INT(aged("15 June 2023. Jane Smith (17) of Leeds was fined"),
		  DS_ID_NOT);
	/* Never too old: older jobs may be left out. */
	CHECK_INT(aged("15 June 2023. Jane Smith (68) of Leeds was fined"),
		  DS_ID_PROBABLE);
	/* An age the claims allow, or a number that is no age. */
	CHECK_INT(aged("7 August 2025. Jane Smith, 34, of Leeds, admitted "
		       "theft"), DS_ID_PROBABLE);
	CHECK_INT(aged("7 August 2025. Jane Smith, 19 points, of Leeds"),
		  DS_ID_PROBABLE);
	/* An employer outweighs the age. */
	CHECK_INT(aged("7 August 2025. Jane Smith, 19, of Elmwood Primary "
		       "School"), DS_ID_PROBABLE);
	/* Without claims there is no bound. */
	CHECK_INT(level("7 August 2025. Jane Smith, 19, of Leeds"),
		  DS_ID_PROBABLE);
}

static unsigned titled_bits(const char *text, enum ds_identity *lv)
{
	struct ds_plan_anchors a = jane();
	struct ds_identity_conf c;
	struct ds_identity_result r;

	ds_identity_conf_default(&c);
	ds_identity_score(&a, text, strlen(text), NULL, 0, &c, &r);
	*lv = r.level;
	return r.matched & DS_MATCH_TITLED;
}

/* A staff list names her "Mrs Smith" beside her employer: probable at
 * most; never when someone else of her surname is named. */
static void test_identity_titled(void)
{
	static const char *const yes[] = {
		"Elmwood Primary School newsletter. Mrs Smith (Year 4) "
		"takes the choir on Fridays.",
		"Thanks to Mrs. Smith and Mr Patel of Elmwood Primary School, "
		"Leeds, for the trip.",
		"Elmwood Primary School staff: Ms Smith, Dr Smith's class",
		NULL
	};
	static const char *const no[] = {
		/* No employer of hers. */
		"Mrs Smith (Year 4) takes the choir on Fridays.",
		/* Another Smith by first name or initial. */
		"Elmwood Primary School: Mrs Smith and Dave Smith ran the "
		"stall.",
		"Elmwood Primary School: Mrs K Smith (Year 4).",
		/* "Mr Smith Jones" is a Jones. */
		"Elmwood Primary School: Mr Smith Jones (Year 4).",
		/* No title. */
		"Elmwood Primary School: the Smith family won.",
		NULL
	};
	struct ds_plan_anchors a = jane();
	enum ds_identity lv;
	size_t i;

	for (i = 0; yes[i]; i++) {
		CHECK(titled_bits(yes[i], &lv) != 0);
		CHECK_INT(lv, DS_ID_PROBABLE);
		CHECK(ds_identity_titled(&a, yes[i], strlen(yes[i])) == 1);
	}
	for (i = 0; no[i]; i++) {
		CHECK(titled_bits(no[i], &lv) == 0);
		CHECK(ds_identity_titled(&a, no[i], strlen(no[i])) == 0);
		CHECK(lv != DS_ID_PROBABLE && lv != DS_ID_CONFIRMED);
	}
	/* A page whose text ends just after the title and surname, in a
	 * buffer of exactly its length (no NUL read past it). */
	{
		static const char t[] = "Elmwood Primary School staff: Mrs "
					"Smith ";
		char *exact = malloc(sizeof(t) - 1);

		REQUIRE(exact != NULL);
		memcpy(exact, t, sizeof(t) - 1);
		CHECK(ds_identity_titled(&a, exact, sizeof(t) - 1) == 1);
		free(exact);
	}
	/* Her full name on the page: the name is the anchor. */
	CHECK(titled_bits("Mrs Jane Smith, Elmwood Primary School", &lv) ==
	      0);
	CHECK_INT(lv, DS_ID_PROBABLE);
}

static void test_identity_declared(void)
{
	struct ds_plan_anchors a = jane();
	struct ds_identity_conf c;
	struct ds_identity_result r;
	char bits[128];

	ds_identity_conf_default(&c);
	ds_identity_score(&a, "hello", 5, "https://x.com/janesmith_teach", 1,
			  &c, &r);
	CHECK_INT(r.level, DS_ID_CONFIRMED);
	ds_match_format(r.matched, bits, sizeof(bits));
	CHECK_STR(bits, "handle,declared");
}

static struct ds_triage_result tri(struct ds_taxonomy *t, const char *text)
{
	struct ds_triage_result r;

	ds_triage_text(t, text, strlen(text), &r, NULL);
	return r;
}

static int has_cat(struct ds_taxonomy *t, struct ds_triage_result r,
		   const char *name)
{
	size_t i;

	for (i = 0; i < ds_taxonomy_ncats(t); i++)
		if (strcmp(ds_taxonomy_cat_name(t, i), name) == 0)
			return (r.cats >> i) & 1;
	return 0;
}

static void test_taxonomy(void)
{
	struct ds_taxonomy *t = NULL;
	struct ds_triage_result r;

	REQUIRE(ds_taxonomy_default(&t, NULL) == 0);
	r = tri(t, "He was arrested and charged with assault.");
	CHECK(has_cat(t, r, "criminal"));
	CHECK(r.criminal);
	r = tri(t, "This is a killer app, and I kill time with it.");
	CHECK_INT(r.cats, 0);
	r = tri(t, "Posted photos of pupils on her public account");
	CHECK(has_cat(t, r, "children"));
	r = tri(t, "She is a practising Muslim and married.");
	CHECK_INT(r.cats, 0);
	CHECK(r.protected_only);
	r = tri(t, "He wrote that muslims should be deported.");
	CHECK(has_cat(t, r, "hate"));
	CHECK(r.special_care);
	CHECK(strstr(r.excerpt, "muslims") != NULL);
	r = tri(t, "Jane, who is gay, punched a man outside a bar.");
	CHECK(has_cat(t, r, "violence"));
	CHECK(strstr(r.excerpt, "gay") == NULL);
	CHECK(strstr(r.excerpt, "punched") != NULL);
	r = tri(t, "A diet coke and a drugs trial result");
	CHECK_INT(r.cats, 0);
	ds_taxonomy_free(t);
}

static void test_excerpt_bounded(void)
{
	struct ds_taxonomy *t = NULL;
	struct ds_triage_result r;
	char big[5000];
	size_t i, chars = 0;

	REQUIRE(ds_taxonomy_default(&t, NULL) == 0);
	memset(big, 'a', sizeof(big));
	for (i = 0; i < sizeof(big); i += 7)
		big[i] = ' ';
	memcpy(big + 2500, " arrested ", 10);
	big[sizeof(big) - 1] = '\0';
	r = tri(t, big);
	for (i = 0; r.excerpt[i]; i++)
		chars += ((unsigned char)r.excerpt[i] & 0xc0) != 0x80;
	CHECK(chars <= DS_EXCERPT_MAX);
	CHECK(strstr(r.excerpt, "arrested") != NULL);
	ds_taxonomy_free(t);
}

int main(void)
{
	RUN(test_identity_levels);
	RUN(test_identity_age);
	RUN(test_identity_titled);
	RUN(test_identity_declared);
	RUN(test_taxonomy);
	RUN(test_excerpt_bounded);
	return check_summary();
}
