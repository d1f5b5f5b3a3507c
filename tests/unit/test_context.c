/*
 * test_context.c: a concern counts only when it is the candidate's own
 * conduct (context.h); places from the gazetteer (place.h); the finding's
 * explanation.  The examples are this file's own, about a fictional
 * "Priya Lewis" of Norwich.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "context.h"
#include "place.h"
#include "triage.h"

static struct ds_taxonomy *tax;

static struct ds_plan_anchors priya(void)
{
	struct ds_plan_anchors a;

	memset(&a, 0, sizeof(a));
	a.name = "Priya Lewis";
	a.location[a.nlocation++] = "Norwich";
	a.employer[a.nemployer++] = "Thornfield Academy";
	a.handle_platform[a.nhandles] = "forum";
	a.handle[a.nhandles++] = "priyal_maths";
	return a;
}

/* Judge text as a page at url (declared or not). */
static struct ds_judgement judge(const char *text, const char *url,
				 const char *title, int declared)
{
	struct ds_plan_anchors a = priya();
	struct ds_identity_conf c;
	struct ds_judgement j;

	ds_identity_conf_default(&c);
	memset(&j, 0, sizeof(j));
	CHECK_INT(ds_context_judge(tax, &a, &c, text, strlen(text), url,
				   title, declared, &j, NULL), 0);
	return j;
}

static int has_cat(const struct ds_judgement *j, const char *name)
{
	char cats[256];

	ds_triage_cats_format(tax, j->tr.cats, cats, sizeof(cats));
	return strstr(cats, name) != NULL;
}

/*
 * A page of her employer that names her only as "Ms Lewis" (a
 * newsletter, a staff list): she is the one acting, at "probable" on a
 * title and her surname beside her employer; not when another Lewis is
 * named, nor on a page of no employer of hers.
 */
static void test_titled_surname(void)
{
	static const char *const page =
		"Thornfield Academy Parents' Bulletin\n"
		"Staffing update\n"
		"Mr Adeyemi has joined the maths department.\n"
		"We are sorry to tell you that Ms Lewis has been suspended "
		"after she slapped a Year 8 pupil in a corridor. Police "
		"are investigating.\n";
	struct ds_judgement j;

	j = judge(page, "http://thornfield.test/bulletin", NULL, 0);
	CHECK(has_cat(&j, "violence"));
	CHECK_INT(j.id.level, DS_ID_PROBABLE);
	CHECK(j.id.matched & DS_MATCH_TITLED);
	CHECK(strstr(j.explain, "title-and-surname") != NULL);
	CHECK(strstr(j.explain, "slapped a Year 8 pupil") != NULL);

	j = judge("Thornfield Academy Parents' Bulletin\n"
		  "Mrs Sarah Lewis, our librarian, retires this term.\n"
		  "We are sorry to tell you that Ms Lewis has been suspended "
		  "after she slapped a Year 8 pupil in a corridor.\n",
		  "http://thornfield.test/bulletin", NULL, 0);
	CHECK_INT(j.tr.cats, 0);
	CHECK(!(j.id.matched & DS_MATCH_TITLED));

	j = judge("Harbour Road Primary Parents' Bulletin\n"
		  "We are sorry to tell you that Ms Lewis has been suspended "
		  "after she slapped a Year 8 pupil in a corridor.\n",
		  "http://harbour.test/bulletin", NULL, 0);
	CHECK_INT(j.tr.cats, 0);
}

static void test_actor_counts(void)
{
	struct ds_judgement j;

	j = judge("Norwich Courier\nTeacher in court\n"
		  "Priya Lewis, 38, of Norwich, a teacher at Thornfield "
		  "Academy, admitted assault at a bus stop. She was given a "
		  "community order.\n", "http://news.test/a", "Teacher in "
		  "court", 0);
	CHECK(has_cat(&j, "violence"));
	CHECK(has_cat(&j, "criminal"));
	CHECK_INT(j.own_words, 0);
	CHECK(strstr(j.explain, "sentences: ") != NULL);
	CHECK(strstr(j.explain, "admitted assault") != NULL);
	CHECK(strstr(j.explain, "category: violence: assault") != NULL);
	CHECK(strstr(j.explain, "identity: confirmed on "
		     "name,location,employer") != NULL);
	CHECK(strstr(j.explain, "naming the candidate as the one acting"));
	/* Referred back to: the second sentence counts as hers. */
	CHECK(strstr(j.explain, "community order") != NULL);

	/* Her first name alone, on a page that names her in full, is her
	 * ("Priya has been reminded"); not when another Priya is named;
	 * "after evening training" is no lesson. */
	j = judge("Club minutes\nPresent: Priya Lewis, of Norwich (U14s).\n"
		  "Priya has been reminded about messaging U14 players on "
		  "a personal phone and a lift home after evening "
		  "training.\n", "http://club.test/m", NULL, 0);
	CHECK(has_cat(&j, "children"));
	j = judge("Club minutes\nPresent: Priya Lewis, of Norwich, and "
		  "Priya Jones (U14s).\nPriya has been reminded about "
		  "messaging U14 players on a personal phone and a lift "
		  "home after evening training.\n", "http://club.test/m",
		  NULL, 0);
	CHECK(!has_cat(&j, "children"));

	/* Play is no violence: a dressing-up day's cardboard shark. */
	j = judge("Priya Lewis, of Norwich, stabbed a man at a bus stop.\n",
		  "http://news.test/p", NULL, 0);
	CHECK(has_cat(&j, "violence"));
	j = judge("Priya Lewis, of Norwich, stabbed a cardboard shark with "
		  "pool noodle cutlasses.\n", "http://news.test/p", NULL, 0);
	CHECK(!has_cat(&j, "violence"));
}

static void test_victim_witness_official(void)
{
	struct ds_judgement j;

	j = judge("A man who punched teacher Priya Lewis outside Thornfield "
		  "Academy in Norwich was jailed.\n", "http://news.test/b",
		  NULL, 0);
	CHECK_INT(j.tr.cats, 0);
	CHECK(j.set_aside & (1u << DS_CTX_VICTIM));
	j = judge("The court heard that Priya Lewis, a teacher from "
		  "Norwich at Thornfield Academy, saw the defendant stab a "
		  "man. She called the police.\n", "http://news.test/c",
		  NULL, 0);
	CHECK_INT(j.tr.cats, 0);
	CHECK(j.set_aside & (1u << DS_CTX_WITNESS));
	j = judge("Magistrate Priya Lewis, of Norwich, who teaches at "
		  "Thornfield Academy, jailed him for assault.\n",
		  "http://news.test/d", NULL, 0);
	CHECK_INT(j.tr.cats, 0);
	CHECK(j.set_aside & (1u << DS_CTX_OFFICIAL));
	/* Whom she grabbed she pulled clear: a rescue, however far the
	 * words are from her name. */
	j = judge("Norwich Crown Court heard that teacher Priya Lewis, who "
		  "was on gate duty at Thornfield Academy, grabbed a Year 8 "
		  "boy by the rucksack and then pulled him clear as the van "
		  "mounted the kerb.\n", "http://news.test/c1", NULL, 0);
	CHECK_INT(j.tr.cats, 0);
	CHECK(j.set_aside & (1u << DS_CTX_WITNESS));
	/* Others led to safety after her blow: still hers. */
	j = judge("Norwich Crown Court heard that teacher Priya Lewis, of "
		  "Thornfield Academy, punched a Year 8 boy in the corridor "
		  "before staff led the class to safety.\n",
		  "http://news.test/c1c", NULL, 0);
	CHECK(has_cat(&j, "violence"));
	/* What she said the letters held was sent to her. */
	j = judge("Priya Lewis, 39, a teacher at Thornfield Academy in "
		  "Norwich, said the letters contained racist abuse and "
		  "threats.\n", "http://news.test/c1b", NULL, 0);
	CHECK_INT(j.tr.cats, 0);
	CHECK(j.set_aside & (1u << DS_CTX_VICTIM));
	/* The court heard from her; she came back to damage. */
	j = judge("Norwich Crown Court heard from Priya Lewis, a teacher at "
		  "Thornfield Academy, who was on gate duty when the van "
		  "driver was jailed for dangerous driving.\n",
		  "http://news.test/c2", NULL, 0);
	CHECK(!has_cat(&j, "criminal"));
	CHECK(j.set_aside & (1u << DS_CTX_WITNESS));
	j = judge("Teacher Priya Lewis, of Thornfield Academy in Norwich, "
		  "returned to her car on Tuesday to find an obscene word "
		  "scratched into the bonnet.\n", "http://news.test/c3", NULL,
		  0);
	CHECK(!has_cat(&j, "abuse"));
	CHECK(j.set_aside & (1u << DS_CTX_VICTIM));
	j = judge("Councillor Priya Lewis, of Norwich, said the knife amnesty "
		  "bins had collected 300 blades, including machetes.\n",
		  "http://news.test/c4", NULL, 0);
	CHECK(!has_cat(&j, "violence"));
	/* Her own deeds stay hers beside those words. */
	j = judge("Priya Lewis, of Norwich, hit a pupil at Thornfield "
		  "Academy, then returned to find him crying.\n",
		  "http://news.test/c5", NULL, 0);
	CHECK(has_cat(&j, "children"));
	j = judge("Priya Lewis, a teacher at Thornfield Academy in Norwich, "
		  "sent indecent images to a pupil, evidence from her phone "
		  "shows.\n", "http://news.test/c6", NULL, 0);
	CHECK(has_cat(&j, "children"));
	j = judge("Priya Lewis, of Norwich, was caught carrying a knife at "
		  "Thornfield Academy during the amnesty.\n",
		  "http://news.test/c7", NULL, 0);
	CHECK(has_cat(&j, "violence"));
	/* What someone else said to her, reported in her account. */
	j = judge("Priya Lewis, a teacher at Thornfield Academy in Norwich, "
		  "said a man got on the bus and told her to \"go back to "
		  "where you came from\".\n", "http://news.test/f", NULL, 0);
	CHECK_INT(j.tr.cats, 0);
	CHECK(j.set_aside & (1u << DS_CTX_VICTIM));
	/* But her own words to a pupil stay hers. */
	j = judge("Thornfield Academy, Norwich: Miss Lewis, who teaches maths, "
		  "screamed at him because he lost his book and told him to "
		  "\"go back to where you came from\". Priya Lewis has been "
		  "suspended.\n", "http://news.test/g", NULL, 0);
	CHECK(has_cat(&j, "hate"));
	/* The concern names someone else: nothing of hers. */
	j = judge("Thornfield Academy, Norwich: Priya Lewis ran the maths "
		  "club.\nA pupil's father was arrested for assault.\n",
		  "http://news.test/e", NULL, 0);
	CHECK_INT(j.tr.cats, 0);
}

static void test_own_words(void)
{
	struct ds_judgement j;

	/* Her declared blog: her words count, others' comments do not,
	 * nor abuse she received and quoted. */
	j = judge("Priya's maths blog\nMarking weekend\n"
		  "Posted by Priya Lewis on 3 March 2025\n"
		  "Someone messaged me: \"you pathetic worthless moron\". "
		  "I reported it.\n"
		  "2 comments\nGaz 4 March 2025\n"
		  "pathetic moron, waste of space\n",
		  "http://priya.test/marking", "Marking weekend", 1);
	CHECK_INT(j.tr.cats, 0);
	CHECK(j.set_aside & (1u << DS_CTX_OTHERS));
	CHECK(j.set_aside & (1u << DS_CTX_QUOTED));
	j = judge("Posted by Priya Lewis on 3 March 2025\n"
		  "Year 9 are pathetic, a waste of space.\n",
		  "http://priya.test/y9", NULL, 1);
	CHECK(has_cat(&j, "abuse"));
	CHECK_INT(j.own_words, 1);
	CHECK(strstr(j.explain, "words: the candidate's own words"));
	/* A forum post she signed with her handle is her own too. */
	j = judge("Teachers' forum\npriyal_maths\nPosts: 40\n"
		  "3 March 2025 #1\nYear 9 are pathetic, a waste of space.\n"
		  "other_teacher\nPosts: 2\n3 March 2025 #2\nSteady on.\n",
		  "http://forum.test/t/1", NULL, 0);
	CHECK(has_cat(&j, "abuse"));
	CHECK_INT(j.own_words, 1);
	/* A sentence quoting what she was told, with her own abuse around
	 * the quotation: the quotation is set aside, her words are not. */
	j = judge("Posted by Priya Lewis on 4 March 2025\n"
		  "A lad told me to \"chill\" so I said shut up you little "
		  "shit, you pathetic loser.\n", "http://priya.test/chill",
		  NULL, 1);
	CHECK(has_cat(&j, "abuse"));
	CHECK_INT(j.own_words, 1);
	CHECK(strstr(j.explain, "\"chill\"") != NULL);
	j = judge("Posted by Priya Lewis on 4 March 2025\n"
		  "A lad told me to \"shut up you little shit\" today.\n",
		  "http://priya.test/told", NULL, 1);
	CHECK_INT(j.tr.cats, 0);
	CHECK(j.set_aside & (1u << DS_CTX_QUOTED));
	/* The names she was called, unquoted, are received too; what she
	 * did in the same sentence, after the clause, is hers. */
	j = judge("Posted by Priya Lewis on 5 March 2025\n"
		  "A dad called me a useless fat slag at pick-up, in front "
		  "of the kids. Reported it.\n", "http://priya.test/dad",
		  NULL, 1);
	CHECK_INT(j.tr.cats, 0);
	CHECK(j.set_aside & (1u << DS_CTX_QUOTED));
	j = judge("Posted by Priya Lewis on 5 March 2025\n"
		  "He called me a slag so I punched him in the face.\n",
		  "http://priya.test/punch", NULL, 1);
	CHECK(has_cat(&j, "violence"));
	CHECK_INT(j.own_words, 1);
	/* Harm she received, in her words; harm she did beside it. */
	j = judge("Posted by Priya Lewis on 6 March 2025\n"
		  "Got glassed at the Crown on Saturday for nothing. 6 "
		  "stitches.\n", "http://priya.test/glassed", NULL, 1);
	CHECK_INT(j.tr.cats, 0);
	CHECK(j.set_aside & (1u << DS_CTX_VICTIM));
	/* The same passive with someone else as its subject is a threat
	 * she makes, not harm she received. */
	j = judge("Posted by Priya Lewis on 6 March 2025\n"
		  "See you in town Saturday and you're getting glassed, "
		  "simple as.\n", "http://priya.test/threat", NULL, 1);
	CHECK(has_cat(&j, "violence"));
	CHECK(!(j.set_aside & (1u << DS_CTX_VICTIM)));
	j = judge("Posted by Priya Lewis on 6 March 2025\n"
		  "If he shows his face he's just getting glassed.\n",
		  "http://priya.test/threat2", NULL, 1);
	CHECK(has_cat(&j, "violence"));
	j = judge("Posted by Priya Lewis on 6 March 2025\n"
		  "The lad I punched was knocked out cold.\n",
		  "http://priya.test/knocked", NULL, 1);
	CHECK(has_cat(&j, "violence"));
	/* A report naming her as the one called names. */
	j = judge("Kelderwick Courier, 3 May 2024\nA spectator shouted "
		  "abuse and called batsman Priya Lewis a \"P***\". He "
		  "admitted a racially aggravated public order offence.\n",
		  "http://news.test/cricket", NULL, 0);
	CHECK_INT(j.tr.cats, 0);
	j = judge("Kelderwick Courier, 3 May 2024\nA woman called Priya "
		  "Lewis was arrested and charged with assault.\n",
		  "http://news.test/arrest", NULL, 0);
	CHECK(has_cat(&j, "criminal"));
}

static void test_rows_and_replies(void)
{
	struct ds_judgement j;

	/* A table's row is about whom it names, to its end. */
	j = judge("Public comments\nCommenter | Stance | Comment\n"
		  "Mr K Shaw, Norwich | Neutral | Please condition the hours.\n"
		  "Priya Lewis, Norwich | Objects | OBJECT. Parking is bad. "
		  "These people breed like rabbits.\n",
		  "http://council.test/comments", NULL, 0);
	CHECK(has_cat(&j, "hate"));
	j = judge("Public comments\nPriya Lewis, Norwich | Supports | Good "
		  "to see it used.\nMr K Shaw, Norwich | Objects | These "
		  "people breed like rabbits.\n", "http://council.test/c2",
		  NULL, 0);
	CHECK_INT(j.tr.cats, 0);
	/* The owner's reply to a review, on a page naming her the owner;
	 * another page's owner's reply is not hers. */
	j = judge("PL Tiling\nOwner: Priya Lewis. Tiling in Norwich.\n"
		  "H. Rowley, Norwich 03/02/2026\nDid half a wall and "
		  "vanished.\nReply from PL Tiling 04/02/2026\nPost another "
		  "review like that and I know where you live.\n",
		  "http://trades.test/pl-tiling", NULL, 0);
	CHECK(has_cat(&j, "violence"));
	CHECK_INT(j.own_words, 1);
	/* The same reply headed with no date, under a review with stars. */
	j = judge("PL Tiling\nOwner: Priya Lewis. Tiling in Norwich.\n"
		  "Hannah R. \xe2\x98\x85\xe2\x98\x85\nJuly 2025\nDid half a "
		  "wall and vanished.\nResponse from Priya (owner)\nPost "
		  "another review like that and I know where you live.\n",
		  "http://trades.test/pl-tiling-2", NULL, 0);
	CHECK(has_cat(&j, "violence"));
	CHECK_INT(j.own_words, 1);
	/* A social site's comments, each under its author's profile line
	 * rather than a date: hers are her own words, others' are not. */
	j = judge("Public group · Norwich Residents\nMick R Lives in Norwich "
		  "· 20 October 2025\nA car was set on fire last night.\n"
		  "Janice H Lives in Norwich\nPoor woman, I'd snap his "
		  "fingers\nPriya Lewis Works at Thornfield Academy · Lives "
		  "in Norwich\nIt was my car.\nWhen I get my hands on that "
		  "lad I'll snap his fingers one by one.\n",
		  "http://square.test/g/1", NULL, 0);
	CHECK(has_cat(&j, "violence"));
	CHECK_INT(j.own_words, 1);
	CHECK(strstr(j.explain, "get my hands on") != NULL);
	/* "harassment of Councillor NAME": she is its victim. */
	j = judge("A man admitted racially aggravated harassment of Councillor "
		  "Priya Lewis, a teacher, in Norwich.\n",
		  "http://news.test/harass", NULL, 0);
	CHECK_INT(j.tr.cats, 0);
	CHECK(j.set_aside & (1u << DS_CTX_VICTIM));
	/* A decision about her, by title: "the coach" is her; a page
	 * that does not name her in its title, or a news page whose
	 * defendant is someone else, is not. */
	j = judge("Case outcome: Priya Lewis\nClub\nNorwich Swim Club\nRole\n"
		  "Head coach\nAfter complaints, the panel found that the "
		  "coach had used verbal abuse towards swimmers aged 10 to "
		  "12.\n", "http://swimsafe.test/outcomes/7",
		  "Case outcome: Priya Lewis | SwimSafe", 0);
	CHECK(has_cat(&j, "abuse"));
	j = judge("Case outcome\nClub\nNorwich Swim Club\nRole\nHead coach\n"
		  "After complaints, the panel found that the coach had used "
		  "verbal abuse towards swimmers aged 10 to 12.\nPriya Lewis "
		  "chaired the panel.\n", "http://swimsafe.test/outcomes/8",
		  "Case outcome 8 | SwimSafe", 0);
	CHECK_INT(j.tr.cats, 0);
	j = judge("Priya Lewis sat on the bench.\nIn the next case the "
		  "defendant had used verbal abuse towards a bus driver.\n",
		  "http://news.test/bench", "Magistrate Priya Lewis: a day "
		  "on the bench", 0);
	CHECK_INT(j.tr.cats, 0);
	/* Abuse she received, quoted under a line that says so, on her own
	 * site; her research on drugs is not drug use. */
	j = judge("What turns up in my inbox\nSome of what I got this month:\n"
		  "\"Go back to where you came from.\"\n\"Nobody voted for a "
		  "cripple in a headscarf.\"\nI have reported them.\n",
		  "http://priya.test/inbox", "Inbox | Priya Lewis", 1);
	CHECK_INT(j.tr.cats, 0);
	CHECK(j.set_aside & (1u << DS_CTX_QUOTED));
	j = judge("Our group paper measuring cocaine and ketamine in "
		  "Norwich's wastewater has passed 100 citations.\n",
		  "http://social.test/@priya/1", NULL, 1);
	CHECK_INT(j.tr.cats, 0);
	j = judge("Took cocaine and ketamine at the staff party again.\n",
		  "http://social.test/@priya/2", NULL, 1);
	CHECK(has_cat(&j, "substances"));
	/* A post under a long profile line, its parts set apart by "·":
	 * her own words. */
	j = judge("Public group · Norwich Residents\nPriya Lewis Head of "
		  "Maths at Thornfield Academy, Norwich · Lives in Norwich "
		  "· 20 October 2025\nTo whoever keeps parking on my "
		  "verge: your tyres are going down next time, and then I'll "
		  "start on you.\n", "http://square.test/g/2", NULL, 0);
	CHECK(has_cat(&j, "violence"));
	CHECK_INT(j.own_words, 1);
	/* A headline as long, with the same words, heads no post. */
	j = judge("Norwich Courier\nNorwich teacher Priya Lewis who lives "
		  "in Norwich praised for saving verge from parking\nA "
		  "resident wrote: your tyres are going down next time, "
		  "and then I'll start on you.\n", "http://news.test/verge",
		  NULL, 0);
	CHECK_INT(j.own_words, 0);
	/* Jury service in her own words; a scam she fell for. */
	j = judge("Posted by Priya Lewis on 6 March 2025\n"
		  "Two weeks of jury service at Norwich Crown Court "
		  "finished today.\n", "http://priya.test/jury", NULL, 1);
	CHECK_INT(j.tr.cats, 0);
	CHECK(j.set_aside & (1u << DS_CTX_OFFICIAL));
	j = judge("Norwich Courier\nWoman loses savings to fake call\nBy "
		  "Sam Reed | Published 22 February 2024\nA Norwich woman "
		  "was tricked out of 2,800 pounds by a fake HMRC call.\n"
		  "Priya Lewis, 32, a teacher, said the caller told her a "
		  "warrant would be issued for her arrest.\n",
		  "http://news.test/scam", NULL, 0);
	CHECK_INT(j.tr.cats, 0);
	/* Her own feed, each caption above its date: all hers. */
	j = judge("Priya L\n@priyal_maths\nmaths teacher | Norwich\n"
		  "sunset walk, no words needed\n1 March 2026\n"
		  "full set for subs, link in bio\n23 February 2026\n"
		  "marking again\n20 February 2026\n",
		  "http://snaps.test/priyal_maths", NULL, 1);
	CHECK(has_cat(&j, "sexual"));
	CHECK_INT(j.own_words, 1);
	/* A customer's review of a business is no book review. */
	j = judge("Beck Park: reviews\nMichelle T, Norwich, August 2019\n"
		  "The maintenance lad Priya Lewis added my 14 year old "
		  "daughter on Snapchat and sent her messages. Avoid.\n",
		  "http://parks.test/beck/reviews", "Beck Park: reviews", 0);
	CHECK(has_cat(&j, "children"));
	/* A forum post naming her, then "she" in its next line. */
	j = judge("Norwich forum\nSue D 2026-03-02 21:14 #1\nWho is the "
		  "woman at the skatepark?\nCraig E 2026-03-02 21:31 #2\n"
		  "That'll be Priya Lewis from the library.\nMy nephew says "
		  "she gives them vapes for stacking chairs.\n",
		  "http://forum.test/t/1", NULL, 0);
	CHECK(has_cat(&j, "children"));
	j = judge("Beck Park reviews\nMichelle T, Norwich 03/02/2026\n"
		  "Priya Lewis fixed the boiler.\nResponse from the owner "
		  "04/02/2026\nPost another review like that and I know "
		  "where you live.\n", "http://trades.test/park", NULL, 0);
	CHECK_INT(j.tr.cats, 0);
}

static void test_pages_that_cancel(void)
{
	struct ds_judgement j;

	/* A policy naming her as its lead. */
	j = judge("Thornfield Academy, Norwich\nPriya Lewis is our lead for "
		  "bullying and harassment; any pupil who is bullied or "
		  "harassed should tell her.\n",
		  "http://thornfield.test/policies/anti-bullying",
		  "Anti-bullying policy", 0);
	CHECK_INT(j.tr.cats, 0);
	/* A book review on her declared page. */
	j = judge("Posted by Priya Lewis on 3 March 2025\nThe stabbing in "
		  "chapter two is brutal, but the novel is kind.\n",
		  "http://priya.test/books", "What I read", 1);
	CHECK_INT(j.tr.cats, 0);
	CHECK(j.set_aside & (1u << DS_CTX_GENRE));
	/* What she teaches against. */
	j = judge("Thornfield Academy, Norwich: Priya Lewis led an "
		  "assembly on cyberbullying and harassment online.\n",
		  "http://thornfield.test/news/1", NULL, 0);
	CHECK_INT(j.tr.cats, 0);
}

static void test_places(void)
{
	CHECK(ds_place_lookup("hexham", 6) >= DS_PLACE_TOWN);
	CHECK(ds_place_lookup("penzance", 8) >= DS_PLACE_TOWN);
	CHECK(ds_place_lookup("stoke on trent", 14) == DS_PLACE_CITY);
	CHECK(ds_place_lookup("ballymena", 9) >= DS_PLACE_TOWN);
	CHECK_INT(ds_place_lookup("nowhereville", 12), DS_PLACE_NONE);
	CHECK_INT(ds_place_lookup("", 0), DS_PLACE_NONE);
	CHECK_INT(ds_place_lookup("zzzzz", 5), DS_PLACE_NONE);
}

static enum ds_identity level(const char *text)
{
	struct ds_plan_anchors a = priya();
	struct ds_identity_conf c;
	struct ds_identity_result r;

	ds_identity_conf_default(&c);
	ds_identity_score(&a, text, strlen(text), NULL, 0, &c, &r);
	return r.level;
}

static void test_namesakes(void)
{
	/* A town from the gazetteer, in a place's context: a namesake. */
	CHECK_INT(level("Priya Lewis, 52, of Mill Lane, Hexham, admitted "
			"theft."), DS_ID_NOT);
	CHECK_INT(level("Priya Lewis, from Llandudno, ran the marathon."),
		  DS_ID_NOT);
	CHECK_INT(level("Kettering hairdresser Priya Lewis won an award."),
		  DS_ID_NOT);
	CHECK_INT(level("Truro landlady fined over lock-ins\nPriya Lewis, "
			"41, told magistrates the lock-ins were for regulars."),
		  DS_ID_NOT);
	CHECK_INT(level("Priya Lewis\nIT manager\nPenzance, England"),
		  DS_ID_NOT);
	CHECK_INT(level("A Kettering school has suspended Priya Lewis."),
		  DS_ID_NOT);
	CHECK_INT(level("News for Hexham, Corbridge and Prudhoe\n"
			"Priya Lewis won the cup."), DS_ID_NOT);
	/* Words that are also places are not places as words. */
	CHECK_INT(level("Priya Lewis was reading in March on the street "
			"by the church."), DS_ID_POSSIBLE);
	/* A place in a name joined by "and": a show, a shop. */
	CHECK_INT(level("Bath and West cider tent: who went?\nPriya Lewis "
			"went on Friday."), DS_ID_POSSIBLE);
	CHECK_INT(level("Priya Lewis, from Bath, went on Friday."),
		  DS_ID_NOT);
	CHECK_INT(level("Daily news for Hexham, Alnwick and Glendale\n"
			"Priya Lewis won the cup."), DS_ID_NOT);
	/* Her own town is not another place. */
	CHECK_INT(level("Priya Lewis, of Norwich, won."), DS_ID_PROBABLE);
	/* Her employer by its full name only, never one word of it. */
	CHECK_INT(level("Priya Lewis lives on Thornfield Road."),
		  DS_ID_POSSIBLE);
	CHECK_INT(level("Priya Lewis of Thornfield Academy"),
		  DS_ID_PROBABLE);
}

/* A report's age and a job none of hers; a place said of a person. */
static void test_other_job(void)
{
	struct ds_plan_anchors a = priya();
	struct ds_identity_conf c;
	struct ds_identity_result r;
	static const char *const other[] = {
		"Priya Lewis, 44, of Beck Lane, Norwich, a care assistant at "
		"a nursing home, admitted theft.",
		"Priya Lewis, 31, of Norwich, an unemployed mother of two, "
		"admitted theft.",
		NULL
	};
	static const char *const hers[] = {
		/* Her job, a job of no list, no age. */
		"Priya Lewis, 44, of Norwich, a maths teacher at a local "
		"school, admitted speeding.",
		"Priya Lewis, 44, of Norwich, a mother of two, admitted "
		"speeding.",
		"Priya Lewis, of Norwich, a care assistant, admitted theft.",
		/* A deed right after the age is no job. */
		"Priya Lewis, 38, punched a bouncer at a Norwich nightclub.",
		NULL
	};
	size_t i;

	a.role[a.nrole++] = "Teacher of Mathematics";
	ds_identity_conf_default(&c);
	for (i = 0; other[i]; i++) {
		ds_identity_score(&a, other[i], strlen(other[i]), NULL, 0, &c,
				  &r);
		CHECK_INT(r.level, DS_ID_NOT);
	}
	for (i = 0; hers[i]; i++) {
		ds_identity_score(&a, hers[i], strlen(hers[i]), NULL, 0, &c,
				  &r);
		CHECK_INT(r.level, DS_ID_PROBABLE);
	}
	/* An employer of hers outweighs the job. */
	ds_identity_score(&a, "Priya Lewis, 44, of Norwich, a care "
			  "assistant at Thornfield Academy, was fined.", 68,
			  NULL, 0, &c, &r);
	CHECK(r.level >= DS_ID_PROBABLE);
	CHECK_INT(level("Merthyr man jailed\nPriya Lewis admitted supplying "
			"cocaine."), DS_ID_NOT);
	/* Another sentence's job is not hers; a place before a comma is
	 * not "X man". */
	ds_identity_score(&a, "Priya Lewis, 44, of Norwich, was fined!\n"
			  "Her neighbour, a plumber, said so.", 65, NULL, 0,
			  &c, &r);
	CHECK_INT(r.level, DS_ID_PROBABLE);
	CHECK_INT(level("Priya Lewis spoke at a rally in Merthyr, residents "
			"said."), DS_ID_POSSIBLE);
	CHECK_INT(level("Norwich woman jailed\nPriya Lewis admitted "
			"supplying cocaine."), DS_ID_PROBABLE);
	/* A job right after the age. */
	ds_identity_score(&a, "Priya Lewis, 61, skipper of the crabber "
			  "Kittiwake, was fined.", 61, NULL, 0, &c, &r);
	CHECK_INT(r.level, DS_ID_NOT);
	ds_identity_score(&a, "Priya Lewis, 61, was fined.", 27, NULL, 0, &c,
			  &r);
	CHECK_INT(r.level, DS_ID_POSSIBLE);
	/* A home given with the name outweighs her town in a masthead. */
	CHECK_INT(level("The Norwich Post\nPriya Lewis, 44, of Meneage Road, "
			"Helston, was fined."), DS_ID_NOT);
	CHECK_INT(level("The Norwich Post\nPriya Lewis, 44, of Beck Lane, "
			"Norwich, was fined."), DS_ID_PROBABLE);
	CHECK_INT(level("The Norwich Post\nPriya Lewis, 44, was fined in "
			"Helston."), DS_ID_PROBABLE);
	/* A county of hers may hold the home. */
	{
		struct ds_plan_anchors b = priya();

		b.location[b.nlocation++] = "Cornwall";
		ds_identity_score(&b, "The Norwich Post\nPriya Lewis, 44, of "
				  "Meneage Road, Helston, was fined.", 70, NULL,
				  0, &c, &r);
		CHECK_INT(r.level, DS_ID_PROBABLE);
	}
}

/* Ages against the claims: a lede's age said of the name, too young; an
 * age that puts her first claim past her 50th year. */
static void test_claims_age(void)
{
	struct ds_plan_anchors a = priya();
	struct ds_identity_conf c;
	struct ds_identity_result r;
	static const char *const other[] = {
		"2 October 2024\nA 19-year-old student who burgled three "
		"houses has been jailed.\nPriya Lewis, of Norwich, a "
		"first-year sociology student, admitted burglary.",
		"19 January 2023\nPriya Lewis, 61, of Norwich, admitted six "
		"thefts.",
		NULL
	};
	static const char *const hers[] = {
		/* The lede is someone else: its noun is not hers. */
		"2 October 2024\nA 14-year-old girl was hurt in the crash.\n"
		"Priya Lewis, of Norwich, was charged with careless driving.",
		"19 January 2023\nPriya Lewis, 38, of Norwich, admitted six "
		"thefts.",
		/* The lede's age is the pupil's. */
		"2 October 2024\nA 15-year-old pupil was slapped in class.\n"
		"Priya Lewis, of Norwich, a teacher accused of slapping the "
		"pupil, denies assault.",
		/* A masthead's year is not the report's. */
		"Serving Norfolk since March 1962\n12 May 2024\nPriya Lewis, "
		"38, of Norwich, admitted six thefts.",
		"19 January 2023\nPriya Lewis, 55, of Norwich, admitted six "
		"thefts.",
		NULL
	};
	size_t i;

	a.born_by = 1996;       /* a degree in 2015 */
	a.first_claim = 2015;
	ds_identity_conf_default(&c);
	for (i = 0; other[i]; i++) {
		ds_identity_score(&a, other[i], strlen(other[i]), NULL, 0, &c,
				  &r);
		CHECK_INT(r.level, DS_ID_NOT);
	}
	for (i = 0; hers[i]; i++) {
		ds_identity_score(&a, hers[i], strlen(hers[i]), NULL, 0, &c,
				  &r);
		CHECK_INT(r.level, DS_ID_PROBABLE);
	}
}

/* Anchors of another candidate: her town is in her school's name. */
static struct ds_plan_anchors dana(void)
{
	struct ds_plan_anchors a;

	memset(&a, 0, sizeof(a));
	a.name = "Dana Okafor";
	a.location[a.nlocation++] = "Elmbridge";
	a.employer[a.nemployer++] = "Elmbridge Junior School";
	a.handle_platform[a.nhandles] = "pics";
	a.handle[a.nhandles++] = "dana.okafor";
	return a;
}

static struct ds_judgement judge_dana(const char *text)
{
	struct ds_plan_anchors a = dana();
	struct ds_identity_conf c;
	struct ds_judgement j;

	ds_identity_conf_default(&c);
	memset(&j, 0, sizeof(j));
	CHECK_INT(ds_context_judge(tax, &a, &c, text, strlen(text),
				   "http://news.test/b", NULL, 0, &j, NULL), 0);
	return j;
}

/*
 * Identity evidence beyond the anchors: a school job said of the person
 * named (in their sentence, the lede before it, or a post's author
 * lines) counts as an employer does; her town inside her school's name
 * is no second anchor; a handle that is only her name written with a dot
 * is not one either.
 */
static void test_identity_evidence(void)
{
	struct ds_judgement j;

	/* Name and town: probable; with her job said: confirmed. */
	j = judge("Priya Lewis, 41, of Norwich, was fined for assault at a "
		  "taxi rank.\n", "http://news.test/c", NULL, 0);
	CHECK_INT(j.id.level, DS_ID_PROBABLE);
	j = judge("Priya Lewis, 41, of Norwich, was fined for assault at a "
		  "taxi rank. She works as a teaching assistant.\n",
		  "http://news.test/c", NULL, 0);
	CHECK_INT(j.id.level, DS_ID_CONFIRMED);
	CHECK(j.id.matched & DS_MATCH_ROLE);
	/* The lede names the job, the next sentence the person. */
	j = judge("A maths teacher has been suspended.\nPriya Lewis, of "
		  "Norwich, is said to have assaulted a colleague.\n",
		  "http://news.test/d", NULL, 0);
	CHECK_INT(j.id.level, DS_ID_CONFIRMED);
	/* With no concern on the page (an inconsistency is judged
	 * after), her job said of her is evidence still. */
	j = judge("Priya Lewis, of Norwich, our new teaching assistant, joins "
		  "us in May.\n", "http://news.test/g", NULL, 0);
	CHECK(j.id.matched & DS_MATCH_ROLE);
	CHECK_INT(j.id.level, DS_ID_CONFIRMED);
	/* "ta" is thanks; only "TA" as written is the job. */
	j = judge("Priya Lewis, of Norwich, said ta to the man she "
		  "assaulted.\n", "http://news.test/e", NULL, 0);
	CHECK_INT(j.id.level, DS_ID_PROBABLE);
	/* A job in someone else's sentence says nothing of her. */
	j = judge("Priya Lewis, of Norwich, admitted assault.\nThe court "
		  "was told the victim is a teacher.\n", "http://news.test/f",
		  NULL, 0);
	CHECK(!(j.id.matched & DS_MATCH_ROLE));
	/* A job she claims, said of her: its title or the word of it that
	 * says what the job is ("coach"); not in another's sentence. */
	{
		struct ds_plan_anchors a = priya();
		struct ds_identity_conf c;
		static const char *const texts[] = {
			"Their coach, Priya Lewis, of Norwich, screamed at "
			"the under-9s.\n",
			"Priya Lewis, of Norwich, the club's youth development "
			"coach, screamed at the under-9s.\n",
			"Priya Lewis, of Norwich, screamed at the under-9s.\n"
			"Sam Reid, the club's coach, saw it.\n",
		};
		size_t k;

		ds_identity_conf_default(&c);
		a.role[a.nrole++] = "Youth Development Coach";
		for (k = 0; k < 3; k++) {
			memset(&j, 0, sizeof(j));
			CHECK_INT(ds_context_judge(tax, &a, &c, texts[k],
						   strlen(texts[k]),
						   "http://news.test/g", NULL,
						   0, &j, NULL), 0);
			CHECK_INT(!!(j.id.matched & DS_MATCH_ROLE), k < 2);
			CHECK_INT(j.id.level, k < 2 ? DS_ID_CONFIRMED :
				  DS_ID_PROBABLE);
		}
	}
	/* Her town only inside her school's name: name and school. */
	j = judge_dana("Dana Okafor at Elmbridge Junior School assaulted a "
		       "parent.\n");
	CHECK(!(j.id.matched & DS_MATCH_LOCATION));
	CHECK_INT(j.id.level, DS_ID_PROBABLE);
	j = judge_dana("Dana Okafor, of Elmbridge, at Elmbridge Junior "
		       "School assaulted a parent.\n");
	CHECK(j.id.matched & DS_MATCH_LOCATION);
	/* Her name is her handle with a dot: one anchor, not two. */
	j = judge_dana("dana.okafor: Dana Okafor assaulted a parent.\n");
	CHECK(!(j.id.matched & DS_MATCH_HANDLE));
	CHECK_INT(j.id.level, DS_ID_POSSIBLE);
}

/*
 * Agreeing with hate speech the page reports is hate speech: the finding
 * quotes the candidate's own sentence.  Agreeing with an ordinary page,
 * or condemning the hateful one, is nothing.
 */
static void test_endorsement(void)
{
	struct ds_judgement j;
	static const char leaflets[] =
		"Norwich Courier\nLeaflets found on the estate\n"
		"Leaflets pushed through doors said \"send them all back\" and "
		"called refugees vermin.\n";
	char page[600];

	snprintf(page, sizeof(page), "%sPriya Lewis, 41, of Norwich, said: "
		 "\"Every word of it is true.\"\n", leaflets);
	j = judge(page, "http://news.test/leaflets", NULL, 0);
	CHECK(has_cat(&j, "hate"));
	CHECK(j.tr.special_care);
	CHECK(strstr(j.tr.excerpt, "Every word of it is true") != NULL);
	CHECK(strstr(j.explain, "agrees with the page") != NULL);
	snprintf(page, sizeof(page), "%sPriya Lewis, 41, of Norwich, said: "
		 "\"It is shameful.\"\n", leaflets);
	j = judge(page, "http://news.test/leaflets", NULL, 0);
	CHECK_INT(j.tr.cats, 0);
	j = judge("Norwich Courier\nBin collections move to Fridays\n"
		  "Priya Lewis, of Norwich, said: \"Every word of it is "
		  "true, the old days were chaos.\"\n",
		  "http://news.test/bins", NULL, 0);
	CHECK_INT(j.tr.cats, 0);
	/* Agreement beside a concern of her own adds the hate. */
	j = judge("Town forum\nThread 4\ndave_k 2 May 2025 #1\n"
		  "Refugees are vermin, send them all back.\n"
		  "priyal_maths 2 May 2025 #2\n"
		  "Well said, someone fetch a can of petrol.\n",
		  "http://forum.test/t/4", NULL, 0);
	CHECK(has_cat(&j, "hate"));
	CHECK(has_cat(&j, "violence"));
	CHECK(strstr(j.explain, "agrees with the page") != NULL);
}

/*
 * A reply greeting the candidate by name answers the post above it: that
 * post's author is the candidate, under their forum name.  A reply that
 * only talks about them names no one's post.
 */
static void test_greeted_author(void)
{
	struct ds_judgement j;

	j = judge("Gig forum\nNight out thread\n"
		  "pl_norwich 2 May 2025 #1\n"
		  "absolutely off my face on ket all weekend, lol.\n"
		  "gazza99 2 May 2025 #2\n"
		  "Priya Lewis you legend, same again Friday\n",
		  "http://gigs.test/t/9", NULL, 0);
	CHECK(has_cat(&j, "substances"));
	CHECK_INT(j.own_words, 1);
	j = judge("Gig forum\nNight out thread\n"
		  "pl_norwich 2 May 2025 #1\n"
		  "absolutely off my face on ket all weekend, lol.\n"
		  "gazza99 2 May 2025 #2\n"
		  "Priya Lewis teaches my niece, nice woman.\n",
		  "http://gigs.test/t/9", NULL, 0);
	CHECK_INT(j.tr.cats, 0);
}

/*
 * A campaign against a concern is what she teaches; a campaign against
 * the neighbours, with a verdict, is her conduct, and her job in the
 * sentence is an anchor.
 */
static void test_campaign_or_verdict(void)
{
	struct ds_judgement j;

	j = judge("Norwich Courier\nPriya Lewis, of Norwich, a teacher, "
		  "was found guilty of harassment after a campaign against "
		  "the family next door.\n", "http://news.test/court", NULL,
		  0);
	CHECK(has_cat(&j, "abuse"));
	CHECK(has_cat(&j, "criminal"));
	CHECK(j.id.matched & DS_MATCH_ROLE);
	j = judge("Norwich Courier\nPriya Lewis, of Norwich, a teacher, "
		  "led the school's campaign against bullying and "
		  "harassment.\n", "http://news.test/campaign", NULL, 0);
	CHECK_INT(j.tr.cats, 0);
}

/* A night-out thread whose first post is `post` (its lines). */
static struct ds_judgement forum(const char *post)
{
	char page[1024];

	snprintf(page, sizeof(page), "Gig forum\nNight out thread\n"
		 "pl_norwich 2 May 2025 #1\n%s\n"
		 "gazza99 2 May 2025 #2\nSame again Friday\n", post);
	return judge(page, "http://gigs.test/t/9", NULL, 0);
}

/*
 * A forum post is the candidate's own when its writer says who they are:
 * a sign-off that begins with their name and a comma, however long, or a
 * first line that introduces them ("Priya Lewis here").  A post that only
 * mentions them at its end, or names someone else, is not.  Messages sent
 * to them make them the one who received them.
 */
static void test_signed_and_introduced(void)
{
	struct ds_judgement j;

	j = forum("absolutely off my face on ket all weekend, lol.\n"
		  "Priya Lewis, Thornfield Academy, in case anyone from work "
		  "is reading (they are not)");
	CHECK(has_cat(&j, "substances"));
	CHECK_INT(j.own_words, 1);
	j = forum("absolutely off my face on ket all weekend, lol.\n"
		  "Say hello to Priya Lewis for me if you see her, she "
		  "missed it (shame)");
	CHECK_INT(j.tr.cats, 0);
	j = forum("Priya Lewis here, teacher by day. Absolutely off my face "
		  "on ket all weekend, lol.");
	CHECK(has_cat(&j, "substances"));
	CHECK_INT(j.own_words, 1);
	j = forum("Priya Lewis heard the band was good. Absolutely off my "
		  "face on ket all weekend, lol.");
	CHECK_INT(j.own_words, 0);
	/* A forum's author line with its counts ("1,204 posts 1 May 2025
	 * #2") heads her post as a shorter one does. */
	j = judge("Gig forum\nNight out thread\npl_norwich Priya Lewis · "
		  "Norwich gig crew lead · 1,204 posts 1 May 2025 #1\n"
		  "absolutely off my face on ket all weekend, lol.\n"
		  "gazza99 · 311 posts 2 May 2025 #2\nSame again Friday\n",
		  "http://gigs.test/t/9", NULL, 0);
	CHECK(has_cat(&j, "substances"));
	CHECK_INT(j.own_words, 1);
	j = judge("Norwich Courier\nMan jailed over messages\n"
		  "The messages to Priya Lewis, a Norwich teacher, included "
		  "'go back where you came from'.\n",
		  "http://news.test/jailed", NULL, 0);
	CHECK_INT(j.tr.cats, 0);
}

/* Sexual content said of the candidate, with pupils in the sentence
 * beside it, is conduct with children too; without a child it is not. */
static void test_sexual_beside_child(void)
{
	struct ds_judgement j;

	j = judge("Norwich Courier\nParents walk out of school show\n"
		  "Parents at Thornfield Academy complained that a routine "
		  "danced by Year 9 girls was sexualised. The routine, set by "
		  "teacher Priya Lewis of Norwich, looked like a lap dance, "
		  "one mother said.\n", "http://news.test/show", "Parents "
		  "walk out of school show", 0);
	if (!has_cat(&j, "children"))
		fprintf(stderr, "  %s\n", j.explain);
	CHECK(has_cat(&j, "sexual"));
	CHECK(has_cat(&j, "children"));
	CHECK(strstr(j.explain, "children beside it") != NULL);

	j = judge("Norwich Courier\nHoliday snaps row\n"
		  "The weather was warm all week. Priya Lewis of Norwich, a "
		  "teacher at Thornfield Academy, posted topless photos from "
		  "her holiday.\n", "http://news.test/snaps",
		  "Holiday snaps row", 0);
	CHECK(has_cat(&j, "sexual"));
	CHECK(!has_cat(&j, "children"));
}

/* The candidate's own post listing five or more children by first name
 * beside a class names pupils in public; fewer names, or no class, is
 * nothing. */
static void test_names_pupils(void)
{
	struct ds_judgement j;

	j = judge("priyal_maths\nmy Nursery gang Poppy, Archie, Isla-Rose, "
		  "Freddie and Noah, first week done and all smiles\n",
		  "http://photos.test/priyal_maths", NULL, 1);
	CHECK(has_cat(&j, "children"));
	if (!strstr(j.explain, "first names"))
		fprintf(stderr, "  %s\n", j.explain);
	CHECK(strstr(j.explain, "first names") != NULL);
	j = judge("priyal_maths\nThanks to Sarah, Tom and Priya for the "
		  "class cake\n", "http://photos.test/priyal_maths", NULL, 1);
	CHECK(!has_cat(&j, "children"));
	j = judge("priyal_maths\nSunday lunch with Mum, Dad, Aisha, Tom and "
		  "Grandad\n", "http://photos.test/priyal_maths", NULL, 1);
	CHECK(!has_cat(&j, "children"));
	/* One pupil by first name and initial beside the class's code. */
	j = judge("priyal_maths\nMarking 9B2 homework. Jayden-Lee M thinks a "
		  "triangle has four sides, framing it\n",
		  "http://photos.test/priyal_maths", NULL, 1);
	CHECK(has_cat(&j, "misconduct"));
	CHECK(strstr(j.explain, "first name and initial") != NULL);
	j = judge("priyal_maths\nMarking 9B2 homework with Mr B, Plan B is "
		  "cake\n", "http://photos.test/priyal_maths", NULL, 1);
	CHECK(!has_cat(&j, "misconduct"));
	j = judge("priyal_maths\nThanks Sarah J for the cake, lovely\n",
		  "http://photos.test/priyal_maths", NULL, 1);
	CHECK(!has_cat(&j, "misconduct"));
	/* Children named with their street; friends on a street are not. */
	j = judge("priyal_maths\nMy fave little twinnies from nursery, Alfie & "
		  "Archie (Elm Close massive lol)\n",
		  "http://photos.test/priyal_maths", NULL, 1);
	CHECK(has_cat(&j, "children"));
	j = judge("priyal_maths\nDinner with Tom & Jess on Elm Close, lovely "
		  "evening\n", "http://photos.test/priyal_maths", NULL, 1);
	CHECK(!has_cat(&j, "children"));
	/* A post about the children over an imprint with her address. */
	j = judge("priyal_maths\nThe children know where my jelly babies are "
		  "kept.\nPromoted by Priya Lewis, Beck Lane, Norwich.\n",
		  "http://photos.test/priyal_maths", NULL, 1);
	CHECK(!has_cat(&j, "children"));
	/* Five first names beside a year group. */
	j = judge("priyal_maths\nY8 dance squad backstage! Ruby, Maisie, "
		  "Lola, Freya & Amber you were ICONIC\n",
		  "http://photos.test/priyal_maths", NULL, 1);
	CHECK(has_cat(&j, "children"));
	/* A year group, or parents' evening, beside a name said as a
	 * child's; not beside a grown-up thanked for driving. */
	j = judge("priyal_maths\nMy Y2s on our trip! Look at Mason P and "
		  "Ruby-Leigh's faces\n", "http://photos.test/priyal_maths",
		  NULL, 1);
	CHECK(has_cat(&j, "misconduct"));
	j = judge("priyal_maths\nParents' evening done. Alfie W's mum was "
		  "late again\n", "http://photos.test/priyal_maths", NULL, 1);
	CHECK(has_cat(&j, "misconduct"));
	j = judge("priyal_maths\nYear 6 residential! Thanks to Mr B and "
		  "Sarah J for driving\n", "http://photos.test/priyal_maths",
		  NULL, 1);
	CHECK(!has_cat(&j, "misconduct"));
	/* A surname after an apostrophe is no initial. */
	j = judge("Shiv O'Keeffe\nY4 teacher and maths lead. Views my own.\n",
		  "http://photos.test/priyal_maths", NULL, 1);
	CHECK(!has_cat(&j, "misconduct"));
	/* A year is no year group. */
	j = judge("priyal_maths\nYear 2024 was a blast! Thanks Jayden M and "
		  "Ruby-Leigh for the memories\n",
		  "http://photos.test/priyal_maths", NULL, 1);
	CHECK(!has_cat(&j, "misconduct"));
	/* A running log's distances are no class. */
	j = judge("Priya L\n10K PB: 52:10 (Norwich 10K). Smashed it.\n",
		  "http://photos.test/priyal_maths", NULL, 1);
	CHECK(!has_cat(&j, "misconduct"));
	/* Not in their own words: a school's page names its pupils. */
	j = judge("Thornfield Academy news\nWell done to Jayden-Lee M of 9B2, "
		  "whose poem Priya Lewis read in assembly.\n",
		  "http://school.test/news", NULL, 0);
	CHECK(!has_cat(&j, "misconduct"));
}

/* A forum puts the poster's profile line between their name and the
 * date: one header, and the post under it is theirs; the next poster's
 * is not. */
static void test_profile_line_header(void)
{
	struct ds_judgement j;

	j = judge("Parents' board\nBusyMum\n3 March 2026\nIs homework club "
		  "still on?\nPriya Lewis\nNorwich - works at Thornfield "
		  "Academy\n3 March 2026\nIt is. Between us, half my Year 8s "
		  "have a dad on a tag and a mum on the game.\nDad_of_2\n"
		  "4 March 2026\nYou cannot say that.\n",
		  "http://board.test/t/9", "Parents' board", 0);
	CHECK(has_cat(&j, "misconduct"));
	j = judge("Parents' board\nPriya Lewis\nNorwich - works at Thornfield "
		  "Academy\n3 March 2026\nHomework club is on as usual.\n"
		  "Dad_of_2\nNorwich - works at Delta Freight\n4 March 2026\n"
		  "Her lot are a joke. One more comment from that head and I "
		  "will swing for him.\n",
		  "http://board.test/t/10", "Parents' board", 0);
	CHECK(!has_cat(&j, "violence"));
}

/* A signature ("NAME | place | what they do") over the next poster's
 * bare handle signs the post above it, and the reply below is not
 * theirs; a record read is no event witnessed. */
static void test_signature_over_handle(void)
{
	struct ds_judgement j;

	j = judge("Confessions | Bet Club\nPriya Lewis\nNorwich - 1,420 posts"
		  "\n29/11/2025\nFine week.\nPriya Lewis | Norwich | maths\n"
		  "TrebleTrouble\n29/11/2025\nHalf the parents at your place "
		  "are scroungers and their kids are thick as mince.\n",
		  "http://bets.test/t/4", "Confessions | Bet Club", 0);
	CHECK(!has_cat(&j, "misconduct"));
	j = judge("Town group\nPriya Lewis \xc2\xb7 Attendance officer at "
		  "Thornfield Academy \xc2\xb7 21 October 2025 \xc2\xb7 #3\n"
		  "I've seen his attendance file, the police have been round "
		  "theirs more than the postman.\n", "http://group.test/p/9",
		  "Town group", 0);
	CHECK(has_cat(&j, "misconduct"));
	/* A sign-off after a dash ("- NAME, captain") over the next
	 * poster's handle signs the post above it. */
	j = judge("Skittles forum\nJo_77\n2025-06-15\nKeep it civil.\n"
		  "Team captain\n2025-06-15\nTell your lad he'll be picking "
		  "his teeth up off the floor next time.\n- Priya Lewis, "
		  "captain\nAlleyCat\n2025-06-16\nThread locked.\n",
		  "http://skittles.test/t/9", "Aftermath | Skittles forum", 0);
	CHECK(has_cat(&j, "violence"));
	CHECK_INT(j.own_words, 1);
	/* A post whose sentence says who writes it ("It's NAME btw") is
	 * theirs; "It's NAME who ..." accuses someone else. */
	j = judge("Parents forum\nPTAmum\n2025-05-14\nKeep it civil.\n"
		  "pl_77\n2025-05-14\nWe'll make her life hell until she "
		  "moves. It's Priya Lewis btw, I don't hide.\nPTAmum\n"
		  "2025-05-15\nReported.\n", "http://parents.test/t/5",
		  "Drama | Parents forum", 0);
	CHECK(has_cat(&j, "abuse"));
	CHECK_INT(j.own_words, 1);
	j = judge("Parents forum\nPTAmum\n2025-05-14\nKeep it civil.\n"
		  "pl_77\n2025-05-14\nWe'll make her life hell until she "
		  "moves. It's Priya Lewis who started it.\nPTAmum\n"
		  "2025-05-15\nReported.\n", "http://parents.test/t/6",
		  "Drama | Parents forum", 0);
	CHECK_INT(j.own_words, 0);
	/* Over a header that names its own poster ("handle date #n"),
	 * the signature is the post's above: that post is theirs, the
	 * reply below is not. */
	j = judge("Set 4 tips | TeachTalk\nnewbie_nqt 3 March 2025 #1\nAny "
		  "tips for a low set?\nPL_maths 3 March 2025 #2\nHonestly "
		  "mine are a thick feral rabble and always will be.\n"
		  "Priya Lewis \xc2\xb7 maths \xc2\xb7 Thornfield Academy\n"
		  "newbie_nqt 3 March 2025 #3\nRight. Thanks.\n",
		  "http://talk.test/t/set4", "Set 4 tips | TeachTalk", 0);
	CHECK(has_cat(&j, "misconduct"));
	CHECK_INT(j.own_words, 1);
	j = judge("Set 4 tips | TeachTalk\nPL_maths 3 March 2025 #1\nAny "
		  "tips for a low set?\nPriya Lewis \xc2\xb7 maths \xc2\xb7 "
		  "Thornfield Academy\nnewbie_nqt 3 March 2025 #2\nHonestly "
		  "mine are a thick feral rabble and always will be.\n",
		  "http://talk.test/t/set5", "Set 4 tips | TeachTalk", 0);
	CHECK(!has_cat(&j, "misconduct"));
}

/* A forum's poster block: a handle over profile fields ("Joined: May
 * 2016", "Location: Diss") and the date.  The post signed with their
 * name above the next poster's handle is theirs. */
static void test_profile_fields_signature(void)
{
	struct ds_judgement j;

	j = judge("Parking again | Town forum\nParking again\nJean_No7\n"
		  "Joined: May 2016\nLocation: Diss\nPosted 14 September 2025 "
		  "\xc2\xb7 reply #1\nSomeone parked across my drive again.\n"
		  "PL_Coach\nJoined: August 2023\nLocation: Norwich\nPosted 14 "
		  "September 2025 \xc2\xb7 reply #2\nMove house then.\nSomeone "
		  "post her house number and we will all park outside it.\n"
		  "Priya Lewis | U12s coach | Norwich\nAndy_N\nJoined: "
		  "February 2014\nLocation: Norwich\nPosted 14 September "
		  "2025 \xc2\xb7 reply #3\nShe is a pensioner. Reported.\n",
		  "http://forum.test/t/parking", "Parking again | Town forum",
		  0);
	CHECK(has_cat(&j, "abuse"));
}

/* "X said on DATE:" heads the comment below it, not the one above. */
static void test_said_on(void)
{
	struct ds_judgement j;

	j = judge("Priya's blog\nPriya Lewis, 30 October 2024\nA quiet day "
		  "at the allotment.\n2 responses\nbloke_99 said on 30 October "
		  "2024:\nSchools are full of useless foreign scroungers, sack "
		  "the lot\nPriya Lewis said on 31 October 2024:\nNot on my "
		  "blog, thanks. Left up so people can see it.\n",
		  "http://blog.test/priyal_maths", "Priya's blog", 1);
	CHECK(!has_cat(&j, "hate"));
	CHECK(j.set_aside & (1u << DS_CTX_OTHERS));
	j = judge("Priya's blog\nPriya Lewis, 30 October 2024\nA quiet day "
		  "at the allotment.\n2 responses\nbloke_99 said on 30 October "
		  "2024:\nLovely photos\nPriya Lewis said on 31 October 2024:\n"
		  "Schools are full of useless foreign scroungers, sack the "
		  "lot.\n", "http://blog.test/priyal_maths", "Priya's blog", 1);
	CHECK(has_cat(&j, "hate"));
}

/* A later post under the name of a post she signed is hers; a thread
 * whose address says "lessons" is still people talking. */
static void test_same_author_later(void)
{
	struct ds_judgement j;

	j = judge("Parents' forum\nPriyaL_Norwich wrote on 12 May 2025:\n"
		  "The new head is useless.\n-- Priya Lewis, Norwich\n"
		  "Dad_of_2 wrote on 12 May 2025:\nThis feels personal.\n"
		  "PriyaL_Norwich wrote on 13 May 2025:\nIt is. Watch your "
		  "back, Denise.\n", "http://forum.test/t/1", "Parents' forum",
		  0);
	CHECK(has_cat(&j, "violence"));
	j = judge("Parents' forum\nMum_of_3 wrote on 2 October 2025:\nMy son "
		  "was told off in band.\nPriyaL_Music wrote on 2 October "
		  "2025:\nYour son (Kai, 9K) does not practise.\n-- Priya "
		  "Lewis, Music\nMum_of_3 wrote on 2 October 2025:\nWow.\n",
		  "http://forum.test/t/drum-lessons-rant", "Drum lessons rant",
		  0);
	CHECK(has_cat(&j, "misconduct"));
}

/* Someone else's case: she was sent the messages; "He was convicted". */
static void test_others_case(void)
{
	struct ds_judgement j;

	j = judge("Norwich Courier\nMan jailed for messages\n"
		  "Keith Dawe, 55, sent Priya Lewis more than 200 messages, "
		  "including threats. The court heard she had been left "
		  "frightened to walk home.\n", "http://news.test/e",
		  "Man jailed for messages", 0);
	CHECK(!has_cat(&j, "criminal"));
	CHECK(j.set_aside & (1u << DS_CTX_VICTIM));
	j = judge("Norwich Courier\nCouncillor reports abuse\nCllr Priya "
		  "Lewis said she received more than forty abusive messages "
		  "in two days.\n", "http://news.test/f", "Councillor reports "
		  "abuse", 0);
	CHECK(!has_cat(&j, "abuse"));
	j = judge("Norwich Courier\nTeacher sentenced\nPriya Lewis, 38, "
		  "admitted assault; she received a suspended sentence.\n",
		  "http://news.test/i", "Teacher sentenced", 0);
	CHECK(has_cat(&j, "criminal"));
	/* "by" her: she is the one who did it. */
	j = judge("Norwich Courier\nMan hurt\nA man was punched by Priya "
		  "Lewis, 38, of Norwich, outside a pub.\n",
		  "http://news.test/h", "Man hurt", 0);
	CHECK(has_cat(&j, "violence"));
	j = judge("Club news\nThe messages sent by Priya Lewis to a parent "
		  "included stupid cow and waste of space.\n",
		  "http://club.test/n", NULL, 0);
	CHECK(has_cat(&j, "abuse"));
	j = judge("priyal_maths\nA man I had never met sent me hundreds of "
		  "messages. He was convicted of racially aggravated "
		  "harassment in December.\n",
		  "http://blog.test/priyal_maths", NULL, 1);
	CHECK(!has_cat(&j, "criminal"));
	CHECK(!has_cat(&j, "abuse"));
	j = judge("priyal_maths\nI was convicted of drink driving in 2019 and "
		  "I regret it.\n", "http://blog.test/priyal_maths", NULL, 1);
	CHECK(has_cat(&j, "criminal"));
}

/* A claimed job said beside their name: "the Head of Maths" is them. */
static void test_title_ref(void)
{
	struct ds_plan_anchors a = priya();
	struct ds_identity_conf c;
	struct ds_judgement j;
	const char *t = "Thornfield Academy\nGovernors' minutes, May 2024\n"
			"In attendance: the Head of Maths (Mrs Priya Lewis).\n"
			"1. Budget\nThe committee noted a deficit.\n"
			"2. Confidential item\n"
			"The Headteacher reported that the Head of Maths had "
			"used the school purchase card for personal purchases. "
			"A final written warning was issued.\n";

	a.role[a.nrole++] = "Head of Maths";
	ds_identity_conf_default(&c);
	memset(&j, 0, sizeof(j));
	CHECK_INT(ds_context_judge(tax, &a, &c, t, strlen(t),
				   "http://school.test/minutes", NULL, 0, &j,
				   NULL), 0);
	CHECK(has_cat(&j, "misconduct"));
	/* Without the job said beside her name, "the Head of Maths" is
	 * anyone. */
	t = "Thornfield Academy\nGovernors' minutes, May 2024\n"
	    "Present: Mrs Priya Lewis (parent governor).\n"
	    "1. Budget\nThe committee noted a deficit.\n"
	    "2. Confidential item\n"
	    "The Headteacher reported that the Head of Maths had used the "
	    "school purchase card for personal purchases. A final written "
	    "warning was issued.\n";
	memset(&j, 0, sizeof(j));
	CHECK_INT(ds_context_judge(tax, &a, &c, t, strlen(t),
				   "http://school.test/minutes", NULL, 0, &j,
				   NULL), 0);
	CHECK(!has_cat(&j, "misconduct"));
}

/* A game's words are a game's; a slur at the other side is still one. */
static void test_sport_slur(void)
{
	struct ds_judgement j;

	j = judge("priyal_maths\nLost again. Bunch of soft poofs, the lot of "
		  "them, couldn't tackle a fish supper.\n",
		  "http://photos.test/priyal_maths", NULL, 1);
	CHECK(has_cat(&j, "hate"));
	j = judge("priyal_maths\nMurdered them in the scrum, bunch of soft "
		  "poofs the lot of them.\n", "http://photos.test/priyal_maths",
		  NULL, 1);
	CHECK(has_cat(&j, "hate"));
	CHECK(!has_cat(&j, "violence"));
	CHECK(strstr(j.explain, "violence") == NULL);
	j = judge("priyal_maths\nWe murdered them in the scrum and got "
		  "hammered after the final whistle.\n",
		  "http://photos.test/priyal_maths", NULL, 1);
	CHECK(!has_cat(&j, "violence"));
	CHECK(!has_cat(&j, "substances"));
	/* "If things kick off at home" is no game: the sentence stays
	 * with the one before it, a pupil given a personal number. */
	j = judge("niamh_codes\nRan one of my Y10s home after robotics "
		  "club. Gave her my number so she can message me if things "
		  "kick off at home.\n", "http://photos.test/niamh_codes",
		  NULL, 1);
	CHECK(has_cat(&j, "children"));
	j = judge("niamh_codes\nKick off at 3. We murdered them in the "
		  "scrum.\n", "http://photos.test/niamh_codes", NULL, 1);
	CHECK(!has_cat(&j, "violence"));
	/* Boxing Day is no sport. */
	j = judge("Norwich Courier\nCourt\nOn Boxing Day Priya Lewis, 38, of "
		  "Norwich, punched a man outside a pub.\n",
		  "http://news.test/j", "Court", 0);
	CHECK(has_cat(&j, "violence"));
	/* A boxing session's punches are a sport's. */
	j = judge("priyal_maths\nBoxing session today: one kid said it's the "
		  "first time he's punched something without getting "
		  "excluded.\n", "http://photos.test/priyal_maths", NULL, 1);
	CHECK(!has_cat(&j, "violence"));
}

/* A news lede names no one; the next sentence opens on the name. */
static void test_news_lede(void)
{
	struct ds_judgement j;

	j = judge("Norwich Courier\nTeacher cautioned after row\n"
		  "A maths teacher has accepted a police caution after a row "
		  "in a car park.\nPriya Lewis, 38, of Norwich, admitted "
		  "using threatening words towards a driver.\n",
		  "http://news.test/b", "Teacher cautioned after row", 0);
	CHECK(has_cat(&j, "criminal"));
	CHECK(strstr(j.explain, "police caution") != NULL);
	/* A lede that makes its teacher a victim stays so, and a lede
	 * whose next sentence names her as the victim counts for
	 * nothing. */
	j = judge("Norwich Courier\nTeacher hurt in attack\n"
		  "A maths teacher was punched outside a pub on Friday.\n"
		  "Priya Lewis, 38, of Norwich, needed stitches.\n",
		  "http://news.test/c", "Teacher hurt in attack", 0);
	CHECK(!has_cat(&j, "violence"));
	j = judge("Norwich Courier\nMan charged\n"
		  "A driver has been charged with assault in Norwich.\n"
		  "The victim, Priya Lewis, 38, a teacher, was not hurt.\n",
		  "http://news.test/d", "Man charged", 0);
	CHECK(!has_cat(&j, "criminal"));
	CHECK(!has_cat(&j, "violence"));
}

/* Harm to others, and pages that teach, are not their conduct. */
/* A child or a class laughed at in their own post; not praise. */
static void test_laughs_at_child(void)
{
	struct ds_judgement j;

	j = judge("priyal_maths\nYear 9 lad got absolutely flattened in the "
		  "mud today \xf0\x9f\x98\x82\xf0\x9f\x98\x82 video in the "
		  "replies\n", "http://photos.test/priyal_maths/3", NULL, 1);
	CHECK(has_cat(&j, "misconduct"));
	j = judge("priyal_maths\nHad to sit on one of mine for twenty "
		  "minutes today lol\n", "http://photos.test/priyal_maths/4",
		  NULL, 1);
	CHECK(has_cat(&j, "misconduct"));
	j = judge("priyal_maths\nYear 6 absolutely smashed their SATs "
		  "\xf0\x9f\x98\x82 so proud of them\n",
		  "http://photos.test/priyal_maths/5", NULL, 1);
	CHECK(!has_cat(&j, "misconduct"));
	/* The laughter at her own mishap, the class named after it. */
	j = judge("priyal_maths\nFestival debrief: lost a shoe and nearly "
		  "missed the train \xf0\x9f\x98\x82 four weeks till I'm "
		  "back in front of Year 9, pray for me\n",
		  "http://photos.test/priyal_maths/10", NULL, 1);
	CHECK(!has_cat(&j, "misconduct"));
	/* A game won with them: laughing with them, not at them. */
	j = judge("priyal_maths\ngg to my Year 8 squad who carried me "
		  "tonight \xf0\x9f\x98\x82\n",
		  "http://photos.test/priyal_maths/11", NULL, 1);
	CHECK(!has_cat(&j, "misconduct"));
	j = judge("priyal_maths\nYear 8 squad lost every game tonight "
		  "\xf0\x9f\x98\x82 useless\n",
		  "http://photos.test/priyal_maths/12", NULL, 1);
	CHECK(has_cat(&j, "misconduct"));
	j = judge("priyal_maths\nYear 4 made me a card that says MISS LEWIS "
		  "IS A LEGEND. Spelling: working towards \xf0\x9f\x98\x82\n",
		  "http://photos.test/priyal_maths/7", NULL, 1);
	CHECK(!has_cat(&j, "misconduct"));
	/* Her job's year group, and laughter on another line. */
	j = judge("priyal_maths\nY4 teacher | classroom setups | Norwich\n"
		  "Video: when your TA brings biscuits on a Monday "
		  "\xf0\x9f\x98\x82\n", "http://photos.test/priyal_maths/8",
		  NULL, 1);
	CHECK(!has_cat(&j, "misconduct"));
	j = judge("priyal_maths\nStaff netball tonight, we got thrashed "
		  "\xf0\x9f\x98\x82\n", "http://photos.test/priyal_maths/6",
		  NULL, 1);
	CHECK(!has_cat(&j, "misconduct"));
	/* "Little madam" is one child; and a baby's, with praise, no. */
	j = judge("priyal_maths\nWhen the spoilt little madam who never "
		  "listens finally eats dirt \xf0\x9f\x98\x82 listen to your "
		  "instructor next time\n",
		  "http://photos.test/priyal_maths/9", NULL, 1);
	CHECK(has_cat(&j, "misconduct"));
	j = judge("priyal_maths\nLittle madam finally slept through "
		  "\xf0\x9f\x98\x82 proud mama\n",
		  "http://photos.test/priyal_maths/10", NULL, 1);
	CHECK(!has_cat(&j, "misconduct"));
	/* Someone else's page laughing: not her words. */
	j = judge("Norwich Courier\nPriya Lewis of Norwich said the Year 9 "
		  "lad was fine.\nA reader wrote: lol\n",
		  "http://news.test/lad", "Lad fine", 0);
	CHECK(!has_cat(&j, "misconduct"));
}

/* Harm done to them, by someone the sentence names after them. */
static void test_harm_to_them(void)
{
	struct ds_judgement j;

	/* In their own words: "a woman screamed at me". */
	j = judge("priyal_maths\nTold my Year 8s a woman once screamed at me "
		  "in the car park and got a caution. They were appalled.\n",
		  "http://photos.test/priyal_maths/60", NULL, 1);
	CHECK(!has_cat(&j, "children"));
	CHECK(!has_cat(&j, "criminal"));
	j = judge("priyal_maths\nHe punched me so I punched him back, "
		  "twice as hard.\n", "http://photos.test/priyal_maths/61",
		  NULL, 1);
	CHECK(has_cat(&j, "violence"));
	/* "His target, Priya Lewis". */
	j = judge("Norwich Courier\nMan fined over bus stop rant\nThe court "
		  "heard that his target, Priya Lewis, 38, a teacher at "
		  "Thornfield Academy, had been waiting at the stop.\n",
		  "http://news.test/c1", "Man fined over bus stop rant", 0);
	CHECK(!has_cat(&j, "criminal"));
	/* A lede of harm done to her, then "when the man confronted
	 * her". */
	j = judge("Norwich Courier\nCarer hurt outside shelter\nA support "
		  "worker at a busy Norwich night shelter for women needed "
		  "stitches after being headbutted by a visitor's cousin. "
		  "Priya Lewis, 38, is back at work.\n",
		  "http://news.test/c2", "Carer hurt", 0);
	CHECK(!has_cat(&j, "violence"));
	j = judge("Norwich Courier\nCarer hurt outside shelter\nPriya "
		  "Lewis, 38, a support worker at a busy Norwich night "
		  "shelter, needed stitches after being headbutted by a "
		  "visitor.\n", "http://news.test/c5", "Carer hurt", 0);
	CHECK(!has_cat(&j, "violence"));
	j = judge("Norwich Courier\nCarer hurt outside shelter\nPriya "
		  "Lewis, 38, of Norwich, was locking up the shelter when a "
		  "man punched her and ran off.\n", "http://news.test/c4",
		  "Carer hurt", 0);
	CHECK(!has_cat(&j, "violence"));
	/* Harm to someone else, told in a clause of its own, is no sign
	 * she was harmed. */
	j = judge("Norwich Courier\nTeacher in court\nPriya Lewis, 38, of "
		  "Norwich, headbutted a man who had been punched by her "
		  "brother.\n", "http://news.test/c3", "Teacher in court", 0);
	CHECK(has_cat(&j, "violence"));
}

/* A decision whose title names them ("Mr T Ashby-Kerr v Fenwick
 * College"): its "the claimant", "he" and "him" are theirs. */
static void test_decision_about_them(void)
{
	struct ds_plan_anchors a;
	struct ds_identity_conf c;
	struct ds_judgement j;
	static const char text[] = "Tribunal decisions\nMr T Ashby-Kerr v "
		"Fenwick College: 180/2019\nThe claimant was a lecturer in "
		"chemistry at Fenwick College. In May 2018 the exams officer "
		"found that marks had been raised. The tribunal preferred the "
		"evidence of the moderator. The college dismissed him for "
		"gross misconduct in June 2018.\n";

	memset(&a, 0, sizeof(a));
	a.name = "Thomas Ashby-Kerr";
	a.employer[a.nemployer++] = "Fenwick College";
	ds_identity_conf_default(&c);
	memset(&j, 0, sizeof(j));
	CHECK_INT(ds_context_judge(tax, &a, &c, text, strlen(text),
				   "http://tribunal.test/d/180",
				   "Mr T Ashby-Kerr v Fenwick College: "
				   "180/2019 | Tribunal decisions", 0, &j,
				   NULL), 0);
	CHECK(has_cat(&j, "misconduct"));
	/* Not a page about them: "him" is someone else. */
	memset(&j, 0, sizeof(j));
	CHECK_INT(ds_context_judge(tax, &a, &c, text, strlen(text),
				   "http://tribunal.test/d/180",
				   "Tribunal decisions", 0, &j, NULL), 0);
	CHECK(!has_cat(&j, "misconduct"));
}

/* A lede whose person is a worker ("A former children's home worker
 * has appeared in court"), then their name: the lede is theirs. */
static void test_lede_worker(void)
{
	struct ds_judgement j;

	j = judge("Norwich Courier\nCarer in court\nA former children's "
		  "home worker has appeared in court accused of sending "
		  "sexual messages to a 15-year-old girl.\nPriya Lewis, 38, "
		  "of Norwich, denies the charge.\n", "http://news.test/l1",
		  "Carer in court", 0);
	CHECK(has_cat(&j, "criminal"));
	CHECK(has_cat(&j, "children"));
	/* The lede's person is "the man" of their sentence: another. */
	j = judge("Norwich Courier\nMan charged\nA 30-year-old man has been "
		  "charged with criminal damage after a shop window was "
		  "smashed.\nPriya Lewis, 38, of Norwich, chased the man down "
		  "Mile Road.\n", "http://news.test/l3", "Man charged", 0);
	CHECK(!has_cat(&j, "criminal"));
	j = judge("Norwich Courier\nMan charged\nA 30-year-old man has been "
		  "charged with criminal damage after a shop window was "
		  "smashed.\nPriya Lewis, a passer-by, filmed it on her "
		  "phone.\n", "http://news.test/l4", "Man charged", 0);
	CHECK(!has_cat(&j, "criminal"));
	/* A lede of harm done to the worker is no conduct of theirs. */
	j = judge("Norwich Courier\nCarer hurt\nA former children's home "
		  "worker was attacked outside the home by a man who had been "
		  "drinking.\nPriya Lewis, 38, of Norwich, is recovering.\n",
		  "http://news.test/l2", "Carer hurt", 0);
	CHECK(!has_cat(&j, "violence"));
}

/* The news they reported: a court reporter's byline, their clips. */
static void test_reporter(void)
{
	struct ds_judgement j;

	j = judge("Norwich Courier\nBakery robber jailed\nBy Priya Lewis, "
		  "Court Reporter \xc2\xb7 3 May 2019\nA 30-year-old who "
		  "threatened a baker with a knife has been jailed. Tom "
		  "Harker, of Mile Road, pleaded guilty to robbery at Norwich "
		  "Crown Court.\n", "http://news.test/r1", "Bakery robber "
		  "jailed", 0);
	CHECK(!has_cat(&j, "criminal"));
	CHECK(!has_cat(&j, "violence"));
	/* A columnist's opinions are theirs. */
	j = judge("Norwich Courier\nMy view\nBy Priya Lewis, Columnist "
		  "\xc2\xb7 3 May 2019\nTravellers are vermin, the lot of "
		  "them, and should be kept out of Norwich.\n",
		  "http://news.test/r2", "My view", 0);
	CHECK(has_cat(&j, "hate"));
	/* Their own site: the stories of their court reporting, and the
	 * headlines listed under them. */
	j = judge("Priya Lewis\nSelected clips\nFrom ten years of court "
		  "reporting: a stabbing outside a pub; a landlord who glassed "
		  "a regular.\nPub landlord jailed for glassing regular\n"
		  "Man who stabbed brother jailed\n",
		  "http://priyalewis.test/clips", "Clips", 1);
	CHECK(!has_cat(&j, "violence"));
	CHECK(!has_cat(&j, "criminal"));
	j = judge("Priya Lewis\nSelected clips\nFrom ten years of court "
		  "reporting, the best.\nI glassed a lad in 2019 and got "
		  "away with it\n", "http://priyalewis.test/clips2", "Clips",
		  1);
	CHECK(has_cat(&j, "violence"));
}

/* A teen disco leered at; highlights are not. */
static void test_leer_teen_disco(void)
{
	struct ds_judgement j;

	j = judge("priyal_maths\nTeen disco rating the talent, 8/10 for the "
		  "one at the front \xf0\x9f\x98\x8f\n",
		  "http://photos.test/priyal_maths/50", NULL, 1);
	CHECK(has_cat(&j, "sexual"));
	j = judge("priyal_maths\nThe blonde highlights came out great "
		  "\xf0\x9f\x98\x8f new hair\n",
		  "http://photos.test/priyal_maths/51", NULL, 1);
	CHECK(!has_cat(&j, "sexual"));
}

/* Harm to come to a person, in their own words; not a contest, not a
 * gift, not a body part's absence. */
static void test_threatens(void)
{
	static const char *const yes[] = {
		"If he comes near my house again I'll absolutely batter him.",
		"My brothers will be round to break your legs, mate.",
		"I swear I will swing for her next time.",
		"Keep it up and you\xe2\x80\x99re going to get decked, no, "
		"I'm going to deck you.",
		"Next week I'm gonna stamp on his head.",
		"Say that again and you'll get battered.",
		"He said \"stop\". I'll batter him for that.",
		"Say that again and I will knock you out.",
		/* Their own words around a quotation stay theirs, and so
		 * does what they say they said. */
		"He said \"sorry\" so I threw a punch at him anyway.",
		"I said \"I'll thump him\" and I meant it.",
		/* A saying is no one else's words: quoting it is theirs. */
		"They say \"throw a punch first and ask questions later\" "
		"and I live by it.",
		NULL
	};
	static const char *const no[] = {
		"We'll smash them in the quiz on Thursday!",
		"I'll shoot you a message when I'm back.",
		"I'll break you in gently on your first day.",
		"I'll kill it at the interview tomorrow.",
		"I'll drop you home after training.",
		"He battered the fish and chips were lovely.",
		"Going to glass the conservatory roof next week.",
		"You'll get hurt if you climb that wall.",
		"He's going to get kicked out of the club.",
		"Word of the week: BRAY, to hit. \"Ah'll bray thi!\" is what "
		"your grandad said.",
		"She said \xe2\x80\x9cI'm going to batter you\xe2\x80\x9d "
		"and I reported it.",
		"I'm going to knock the lights out before bed.",
		/* Someone else's words quoted in their own post. */
		"She said \"I'll thump him\" and I reported it.",
		"He said \xe2\x80\x9cthrew a punch at the ref\xe2\x80\x9d "
		"and laughed.",
		/* A pupil's answer, quoted by their teacher. */
		"Year 11 mocks: one kid wrote that the test for hydrogen is "
		"\"set fire to it and see if it screams\". Half a mark.",
		NULL
	};
	char text[400];
	size_t i;

	for (i = 0; yes[i]; i++) {
		struct ds_judgement j;

		snprintf(text, sizeof(text), "priyal_maths\n%s\n", yes[i]);
		j = judge(text, "http://photos.test/priyal_maths/40", NULL, 1);
		CHECK(has_cat(&j, "violence"));
	}
	for (i = 0; no[i]; i++) {
		struct ds_judgement j;

		snprintf(text, sizeof(text), "priyal_maths\n%s\n", no[i]);
		j = judge(text, "http://photos.test/priyal_maths/41", NULL, 1);
		CHECK(!has_cat(&j, "violence"));
	}
	/* A quotation that opens past a long sentence's 64th word. */
	{
		struct ds_judgement j;
		char big[1000];
		size_t o;

		o = (size_t)snprintf(big, sizeof(big), "priyal_maths\nHe said");
		for (i = 0; i < 70; i++)
			o += (size_t)snprintf(big + o, sizeof(big) - o,
					      " word");
		snprintf(big + o, sizeof(big) - o, " \"Right. I'll floor "
			 "him\" he laughed\n");
		j = judge(big, "http://photos.test/priyal_maths/42", NULL, 1);
		CHECK(!has_cat(&j, "violence"));
	}
}

/* A vape or drink sorted for a child named by an age in brackets. */
static void test_vape_to_child(void)
{
	struct ds_judgement j;

	j = judge("priyal_maths\none of my hub lads (14) asked me to sort him "
		  "a vape. sorted, keeps him sweet\n",
		  "http://photos.test/priyal_maths/30", NULL, 1);
	CHECK(has_cat(&j, "children"));
	j = judge("priyal_maths\none of my hub lads (14) asked me to sort him "
		  "a lift to the match. sorted\n",
		  "http://photos.test/priyal_maths/31", NULL, 1);
	CHECK(!has_cat(&j, "children"));
	j = judge("priyal_maths\nmy mate Dave (41) asked me to sort him a "
		  "vape. sorted\n", "http://photos.test/priyal_maths/32", NULL,
		  1);
	CHECK(!has_cat(&j, "children"));
}

/* A child identified beside their health, care or safeguarding details
 * in their own post; not their own child, not the details alone. */
static void test_child_details(void)
{
	struct ds_judgement j;

	j = judge("priyal_maths\nZara (3) from our Rainbow Room said her "
		  "first word today! So proud of our little autistic "
		  "superstar. EHCP here we come!\n",
		  "http://photos.test/priyal_maths/20", NULL, 1);
	CHECK(has_cat(&j, "misconduct"));
	j = judge("priyal_maths\nRebound Friday with Oak class. Kacey-Mae "
		  "Price (PMLD, tube fed, seizures most days) beaming on the "
		  "trampoline.\n", "http://photos.test/priyal_maths/21", NULL,
		  1);
	CHECK(has_cat(&j, "misconduct"));
	j = judge("priyal_maths\nYear 8 lad, Tyler Mellor, diagnosed with "
		  "ADHD over the summer, now on a reduced timetable.\n",
		  "http://photos.test/priyal_maths/22", NULL, 1);
	CHECK(has_cat(&j, "misconduct"));
	j = judge("priyal_maths\nLol little Jayden telling me he's running "
		  "a line now. Mate you're 14.\n",
		  "http://photos.test/priyal_maths/23", NULL, 1);
	CHECK(has_cat(&j, "misconduct"));
	/* A child named with no details; details with no child named; her
	 * own son; her own diagnosis; an adult's age. */
	j = judge("priyal_maths\nZara (3) said her first word today! So "
		  "proud.\n", "http://photos.test/priyal_maths/24", NULL, 1);
	CHECK(!has_cat(&j, "misconduct"));
	j = judge("priyal_maths\nGreat training on supporting pupils with "
		  "ADHD and autism in Year 8 today.\n",
		  "http://photos.test/priyal_maths/25", NULL, 1);
	CHECK(!has_cat(&j, "misconduct"));
	j = judge("priyal_maths\nMy son Alfie (7) was diagnosed with ADHD "
		  "today. Relieved.\n", "http://photos.test/priyal_maths/26",
		  NULL, 1);
	CHECK(!has_cat(&j, "misconduct"));
	j = judge("priyal_maths\nDiagnosed with ADHD at 33. Explains a "
		  "lot.\n", "http://photos.test/priyal_maths/27", NULL, 1);
	CHECK(!has_cat(&j, "misconduct"));
	j = judge("priyal_maths\nSo proud of my sons Jayden (4) and Alfie (6), "
		  "autism diagnosis at last\n",
		  "http://photos.test/priyal_maths/29", NULL, 1);
	CHECK(!has_cat(&j, "misconduct"));
	j = judge("priyal_maths\nEHCP review at Little Chalfont today, "
		  "Jayden was great\n", "http://photos.test/priyal_maths/33",
		  NULL, 1);
	CHECK(!has_cat(&j, "misconduct"));
	j = judge("priyal_maths\nCongratulations to Tom (34), diagnosed "
		  "with nothing worse than a sprain.\n",
		  "http://photos.test/priyal_maths/28", NULL, 1);
	CHECK(!has_cat(&j, "misconduct"));
	/* Someone else's page. */
	j = judge("Norwich Courier\nZara (3) was diagnosed with autism, her "
		  "mother told Priya Lewis of Norwich.\n",
		  "http://news.test/zara", "Zara", 0);
	CHECK(!has_cat(&j, "misconduct"));
}

/* Drink given to children named by their age or year, in one clause. */
static void test_drink_to_children(void)
{
	struct ds_judgement j;

	j = judge("priyal_maths\nOvernighter with the 12 to 14s: everyone got "
		  "a thimble of my sloe gin round the fire.\n",
		  "http://photos.test/priyal_maths/12", NULL, 1);
	CHECK(has_cat(&j, "children"));
	j = judge("priyal_maths\nY11 prom afterparty. Bought the lads a round "
		  "of Jagers, they're basically adults now.\n",
		  "http://photos.test/priyal_maths/13", NULL, 1);
	CHECK(has_cat(&j, "children"));
	j = judge("priyal_maths\nYear 6 leavers party: bought them ice "
		  "lollies, then a gin for me.\n",
		  "http://photos.test/priyal_maths/14", NULL, 1);
	CHECK(!has_cat(&j, "children"));
	j = judge("priyal_maths\nStaff do tonight, bought the team a round of "
		  "jagers.\n", "http://photos.test/priyal_maths/15", NULL, 1);
	CHECK(!has_cat(&j, "children"));
}

/* Children in care named in their own post; not adults. */
static void test_care_names(void)
{
	struct ds_judgement j;

	j = judge("priyal_maths\nTook the crew to the beach today Kai, "
		  "Tyler-J, Mia, Rocco and little Bex. Care kids get a bad rap "
		  "but look at this lot\n",
		  "http://photos.test/priyal_maths/60", NULL, 1);
	CHECK(has_cat(&j, "children"));
	j = judge("priyal_maths\nTook the crew to the beach today Kai, "
		  "Tyler-J, Mia and Rocco. Great day out\n",
		  "http://photos.test/priyal_maths/61", NULL, 1);
	CHECK(!has_cat(&j, "children"));
	j = judge("priyal_maths\nHuge thanks to Kai, Mia and Rocco who looked "
		  "after the cake stall all day\n",
		  "http://photos.test/priyal_maths/63", NULL, 1);
	CHECK(!has_cat(&j, "children"));
	j = judge("priyal_maths\nCare home staff night out: Kai, Mia and "
		  "Rocco, the best team there is\n",
		  "http://photos.test/priyal_maths/62", NULL, 1);
	CHECK(!has_cat(&j, "children"));
}

/* A round of drinks for children, and children gambling, in their own
 * post; not grown "lads". */
static void test_drink_and_bets_with_children(void)
{
	struct ds_judgement j;

	j = judge("priyal_maths\nEnded up at the Year 11 afterparty and did "
		  "a round of tequila slammers with my tutor group, as you "
		  "do.\n", "http://photos.test/priyal_maths/50", NULL, 1);
	CHECK(has_cat(&j, "children"));
	/* "The lads" may be grown men; "smashed with two late goals". */
	j = judge("priyal_maths\nFriday night shots with the lads from work, "
		  "who needs sleep\n", "http://photos.test/priyal_maths/51",
		  NULL, 1);
	CHECK(!has_cat(&j, "children"));
	j = judge("priyal_maths\nTough day for the under 16s, got smashed "
		  "with two late goals\n", "http://photos.test/priyal_maths/56",
		  NULL, 1);
	CHECK(!has_cat(&j, "children"));
	j = judge("priyal_maths\nGrand National sweep with the lads at work, "
		  "\xc2\xa3" "2 a go\n", "http://photos.test/priyal_maths/57",
		  NULL, 1);
	CHECK(!has_cat(&j, "children"));
	j = judge("priyal_maths\nEnded up at the staff do and did a round of "
		  "tequila slammers with the maths department.\n",
		  "http://photos.test/priyal_maths/52", NULL, 1);
	CHECK(!has_cat(&j, "children"));
	j = judge("priyal_maths\nGrand National sweep with my Year 10 tutor "
		  "group \xf0\x9f\x90\x8e \xc2\xa3" "2 a horse, winner "
		  "takes the pot minus my admin fee\n",
		  "http://photos.test/priyal_maths/53", NULL, 1);
	CHECK(has_cat(&j, "children"));
	CHECK(has_cat(&j, "substances"));
	j = judge("priyal_maths\nGrand National sweep in the staffroom, "
		  "\xc2\xa3" "2 a horse\n",
		  "http://photos.test/priyal_maths/54", NULL, 1);
	CHECK(!has_cat(&j, "children"));
	j = judge("priyal_maths\nYear 6 helped sweep the playground after "
		  "the fair\n", "http://photos.test/priyal_maths/55", NULL,
		  1);
	CHECK(!has_cat(&j, "children"));
	/* The drink just before a round stood for them. */
	j = judge("priyal_maths\nafter-party with my Y11 faves, tequila round "
		  "on me \xf0\x9f\xa5\x82\n",
		  "http://photos.test/priyal_maths/62", NULL, 1);
	CHECK(has_cat(&j, "children"));
	j = judge("priyal_maths\nLeaving do for the maths department, tequila "
		  "round on me\n", "http://photos.test/priyal_maths/63", NULL,
		  1);
	CHECK(!has_cat(&j, "children"));
	/* A bet denied: a probability lesson; one placed, with them. */
	j = judge("priyal_maths\nYear 9 worked out the chances on a dice "
		  "race today. Nobody placed a bet, relax.\n",
		  "http://photos.test/priyal_maths/58", NULL, 1);
	CHECK(!has_cat(&j, "children"));
	j = judge("priyal_maths\nYear 9 worked out the chances on a dice "
		  "race today. Everybody placed a bet, a quid a go.\n",
		  "http://photos.test/priyal_maths/59", NULL, 1);
	CHECK(has_cat(&j, "children"));
	/* Another's post: not theirs. */
	j = judge("Norwich Courier\nA Norwich man ran a betting ring with "
		  "Year 10 pupils, Priya Lewis told the court.\n",
		  "http://news.test/bets", NULL, 0);
	CHECK(!has_cat(&j, "children") || j.own_words == 0);
}

/* A forum declared by its address: its username heads their posts, and
 * the post of another that opens a thread it links to is not theirs. */
static void test_url_username(void)
{
	struct ds_plan_anchors a = priya();
	struct ds_identity_conf c;
	struct ds_judgement j;
	const char *thread = "Lads on bikes again | Town Talk\n"
		"marshman \xc2\xb7 11 Nov 2025 18:02 \xc2\xb7 #1\n"
		"Idiots on e-bikes again, I'll smash his face in.\n"
		"PL_Norwich \xc2\xb7 11 Nov 2025 18:30 \xc2\xb7 #2\n"
		"Bet one of them is from Year 8 at our place. Feral, the lot "
		"of them, thick as two short planks.\n";

	a.nhandles = 0;
	a.handle_platform[a.nhandles] = "url";
	a.handle[a.nhandles++] = "http://talk.test/members/PL_Norwich";
	ds_identity_conf_default(&c);
	memset(&j, 0, sizeof(j));
	CHECK_INT(ds_context_judge(tax, &a, &c, thread, strlen(thread),
				   "http://talk.test/threads/bikes", NULL, 1,
				   &j, NULL), 0);
	CHECK(has_cat(&j, "misconduct"));
	CHECK(!has_cat(&j, "violence"));
	CHECK_INT(j.own_words, 1);
	/* Found by a search: the username on the forum is a handle. */
	memset(&j, 0, sizeof(j));
	CHECK_INT(ds_context_judge(tax, &a, &c, thread, strlen(thread),
				   "http://talk.test/threads/bikes", NULL, 0,
				   &j, NULL), 0);
	CHECK(has_cat(&j, "misconduct"));
	CHECK(!has_cat(&j, "violence"));
	CHECK(j.id.matched & DS_MATCH_HANDLE);
	/* Another site's page: the username there is no anchor. */
	memset(&j, 0, sizeof(j));
	CHECK_INT(ds_context_judge(tax, &a, &c, thread, strlen(thread),
				   "http://other.test/threads/bikes", NULL, 0,
				   &j, NULL), 0);
	CHECK(!(j.id.matched & DS_MATCH_HANDLE));
}

/* Posts dated at their foot: the name above a post heads it, the date
 * under it heads nothing. */
static void test_footer_dates(void)
{
	struct ds_judgement j;
	const char *t1 = "Staffroom Forum\nGetting them out of the room?\n"
		"newbie_nqt NQT\nY9 boy refused to leave today. What do you "
		"all do?\n12 Feb 2020, 19:02\npriyal_maths Maths teacher\n"
		"Honestly? I grab them by the blazer and walk them to the "
		"door.\n12 Feb 2020, 19:40\nMrT_history Head of Year\nPlease "
		"don't. That is an assault allegation waiting to happen.\n"
		"12 Feb 2020, 20:05\nStaffroom Forum. A forum.\n";
	const char *t2 = "Staffroom Forum\nGetting them out of the room?\n"
		"newbie_nqt NQT\nY9 boy refused to leave today. What do you "
		"all do?\n12 Feb 2020, 19:02\npriyal_maths Maths teacher\n"
		"Honestly? I ask him calmly and call on-call.\n"
		"12 Feb 2020, 19:40\nMrT_history Head of Year\nPlease "
		"don't. That is an assault allegation waiting to happen.\n"
		"12 Feb 2020, 20:05\nStaffroom Forum. A forum.\n";

	j = judge(t1, "http://staff.test/threads/9", NULL, 0);
	CHECK(has_cat(&j, "violence"));
	CHECK_INT(j.own_words, 1);
	CHECK(strstr(j.explain, "blazer") != NULL);
	j = judge(t2, "http://staff.test/threads/9", NULL, 0);
	CHECK(!has_cat(&j, "violence"));
	j = judge(t2, "http://staff.test/threads/9", NULL, 1);
	CHECK(!has_cat(&j, "violence"));
}

/* Their own post headed by their name stays theirs when a reply names
 * them ("Sam Hart to Priya Lewis"); a feed of dated entries under an
 * introduction is no thread dated at its foot. */
static void test_named_and_feed(void)
{
	struct ds_judgement j;

	j = judge("Priya L\nPriya L \xc2\xb7 3 May 2025\nLeft my Year 5s "
		  "with two of the dads (no DBS, don't tell the head) while I "
		  "checked the river.\nSam Hart to Priya Lewis \xc2\xb7 4 May "
		  "2025\nLovely day!\n", "http://face.test/priyal", NULL, 1);
	CHECK(has_cat(&j, "children"));
	j = judge("priyal_maths\nWelcome to my little corner of the web.\n"
		  "4 Oct 2025\nRiver recce\nLeft my Year 5s with two of the "
		  "dads (no DBS, don't tell the head) while I checked the "
		  "river.\n9 Feb 2026\nCleave woods\nFrosty.\n",
		  "http://trail.test/priyal_maths/4", NULL, 1);
	CHECK(has_cat(&j, "children"));
}

/* On their own page, entries headed by a title and a date are theirs;
 * a comment headed by a name is not. */
static void test_entry_titles(void)
{
	struct ds_judgement j;

	j = judge("priyal_runs\nRecent activities\nCleave woods loop - 8.4 "
		  "km \xc2\xb7 9 Feb 2026\nFrosty and gorgeous.\nRiver recce, "
		  "Kestle leat - 6.2 km \xc2\xb7 4 Oct 2025\nLeft my Year 5s "
		  "with two of the dads (no DBS, don't tell the head) while I "
		  "checked the river.\n", "http://trail.test/priyal_runs", NULL,
		  1);
	CHECK(has_cat(&j, "children"));
	CHECK_INT(j.own_words, 1);
	j = judge("priyal_runs\nRecent activities\nCleave woods loop - 8.4 "
		  "km \xc2\xb7 9 Feb 2026\nFrosty and gorgeous.\nJo B "
		  "\xc2\xb7 4 Oct 2025\nLeft my Year 5s with two of the dads "
		  "(no DBS, don't tell the head) while I checked the river.\n",
		  "http://trail.test/priyal_runs/2", NULL, 1);
	CHECK(!has_cat(&j, "children"));
	/* A forum's poster with a role in brackets is a poster. */
	j = judge("Touchline Talk\npriyal_runs (Coach, Norwich) \xc2\xb7 4 "
		  "Sep 2025 \xc2\xb7 #1\nNo filming at training.\ngaffer_gary "
		  "(U15 manager) \xc2\xb7 4 Sep 2025 \xc2\xb7 #2\nThe ref is a "
		  "useless blind muppet, half of them want a slap.\n",
		  "http://talk.test/threads/7", NULL, 1);
	CHECK(!has_cat(&j, "violence") && !has_cat(&j, "abuse"));
}

/* Girls or women leered at in their own post; not a proud one. */
static void test_leers_at(void)
{
	struct ds_judgement j;

	j = judge("priyal_maths\nSome of the Year 11 girls are getting proper "
		  "grown up these days \xf0\x9f\x91\x80 not that I'm "
		  "looking\n", "http://photos.test/priyal_maths/9", NULL, 1);
	CHECK(has_cat(&j, "sexual"));
	j = judge("priyal_maths\nYear 6 girls won the netball "
		  "\xf0\x9f\x91\x80 so proud\n",
		  "http://photos.test/priyal_maths/10", NULL, 1);
	CHECK(!has_cat(&j, "sexual"));
	j = judge("priyal_maths\nNew book out next week \xf0\x9f\x98\x8f\n",
		  "http://photos.test/priyal_maths/11", NULL, 1);
	CHECK(!has_cat(&j, "sexual"));
}

/* Abuse set out under "a sample of what arrived", without quotation
 * marks, is what they received; their words again end it. */
static void test_received_block(void)
{
	struct ds_judgement j;

	j = judge("What lands in my inbox\nPriya Lewis \xc2\xb7 24 October "
		  "2025\nAfter the vote, this is a sample of what arrived.\n"
		  "Go back to Pakistan.\nYou people are taking over. We know "
		  "where your surgery is.\nI have reported the messages to the "
		  "police.\n", "http://priya.test/inbox", "What lands in my "
		  "inbox", 1);
	CHECK(!has_cat(&j, "hate"));
	CHECK(j.set_aside & (1u << DS_CTX_QUOTED));
	j = judge("Priya Lewis \xc2\xb7 24 October 2025\nAfter the vote, "
		  "this is a sample of what arrived.\nI say they should all "
		  "go back to Pakistan, you people are taking over.\n",
		  "http://priya.test/inbox2", "After the vote", 1);
	CHECK(has_cat(&j, "hate"));
}

static void test_page_role(void)
{
	struct ds_judgement j;

	/* A job said on a page read as theirs is one of the anchors an
	 * account found under their username needs. */
	j = judge("Priya\nTA in the city by day, something else by night. "
		  "Uncensored sets every Friday.\n",
		  "http://fans.test/priya.l.nor", NULL, 1);
	CHECK(has_cat(&j, "sexual"));
	CHECK(j.id.matched & DS_MATCH_ROLE);
	j = judge("Priya\nSomething else by night. Uncensored sets every "
		  "Friday.\n", "http://fans.test/priya.l.nor", NULL, 1);
	CHECK(!(j.id.matched & DS_MATCH_ROLE));

	/* A regulator's notice: the label makes "the registered person"
	 * her, in sentences that do not name her. */
	j = judge("Early Years Register\nNotice of decision\nRegistered "
		  "person: Priya Lewis\nArea: Norwich\nInspectors found that "
		  "children had been left unsupervised in the garden while "
		  "the registered person was indoors.\n",
		  "http://register.test/cm-1", "Notice of decision", 0);
	CHECK(has_cat(&j, "children"));
	/* Without the label, the registered person is no one named. */
	j = judge("Early Years Register\nNotice of decision\nPriya Lewis of "
		  "Norwich made a complaint.\nInspectors found that children "
		  "had been left unsupervised in the garden while the "
		  "registered person was indoors.\n",
		  "http://register.test/cm-2", "Notice of decision", 0);
	CHECK(!has_cat(&j, "children"));
	/* A judgment's claimant, named in apposition, is her where she is
	 * the claimant; not where someone else is. */
	j = judge("Employment Tribunal Decisions\nMs P Lewis v Thornfield "
		  "Academy\n1. The claimant, Ms Priya Lewis, was employed by "
		  "the respondent as a teacher.\n2. After a disciplinary "
		  "hearing, the claimant was summarily dismissed for gross "
		  "misconduct.\n", "http://tribunal.test/lewis", NULL, 0);
	CHECK(has_cat(&j, "misconduct"));
	j = judge("Employment Tribunal Decisions\nMr J Smith v Thornfield "
		  "Academy\n1. The claimant, Mr John Smith, was employed by "
		  "the respondent as a teacher.\n2. Priya Lewis of Norwich "
		  "chaired the hearing.\n3. The claimant was summarily "
		  "dismissed for gross misconduct.\n",
		  "http://tribunal.test/smith", NULL, 0);
	CHECK(!has_cat(&j, "misconduct"));
	/* A record's label above her name, a title before it. */
	j = judge("Employment Tribunal Decisions\nClaimant\nMs Priya Lewis\n"
		  "Respondent\nThornfield Academy\nWe find that the claimant "
		  "backdated the entries after the pupil's mother complained. "
		  "The claimant resigned before a disciplinary hearing.\n",
		  "http://tribunal.test/lewis2", NULL, 0);
	CHECK(has_cat(&j, "misconduct"));
	/* A lede about "a teacher", who a later sentence names. */
	j = judge("Norwich Courier\nA teacher at a city primary school has "
		  "been suspended after a seven-year-old boy was allegedly "
		  "shut in a storage cupboard. The boy's mother said he came "
		  "home upset. Parents named the teacher as Priya Lewis, a "
		  "class teacher at Thornfield Academy.\n",
		  "http://news.test/cupboard", "Teacher suspended", 0);
	CHECK(has_cat(&j, "children"));
	j = judge("Norwich Courier\nA teacher at a city primary school has "
		  "been suspended after a seven-year-old boy was allegedly "
		  "shut in a storage cupboard. The boy's mother said he came "
		  "home upset. Priya Lewis, who teaches at Thornfield "
		  "Academy, said parents were worried.\n",
		  "http://news.test/cupboard2", "Teacher suspended", 0);
	CHECK(!has_cat(&j, "children"));
}

static void test_harm_told_and_taught(void)
{
	struct ds_judgement j;

	/* A harm word that ends the sentence still makes it a victim's. */
	j = judge("priyal_maths\nYear 10 assembly on knife crime today. A "
		  "mum talking about the night her son was stabbed. Silent "
		  "hall.\n", "http://photos.test/priyal_maths", NULL, 1);
	CHECK(!has_cat(&j, "violence"));
	j = judge("Norwich Courier\nPriya Lewis, 38, of Norwich, a teacher "
		  "at Thornfield Academy, was attacked.\n",
		  "http://news.test/a", "Teacher hurt", 0);
	CHECK(!has_cat(&j, "violence"));
	/* The one letters were sent to, behind a title; the one abuse
	 * was aimed at, behind "our manager,". */
	j = judge("Norwich Courier\nA man admitted sending malicious "
		  "communications to Councillor Priya Lewis of Norwich. The "
		  "letters told her to go back where you came from.\n",
		  "http://news.test/b", "Man fined", 0);
	CHECK(!has_cat(&j, "hate"));
	j = judge("Thornfield FC\nWe are disgusted by the racist abuse aimed "
		  "at our manager, Priya Lewis of Norwich, by a spectator on "
		  "Sunday.\n", "http://club.test/c", "Statement", 0);
	CHECK(!has_cat(&j, "hate"));
	/* A class's Macbeth, and what the jury did next. */
	j = judge("Thornfield Academy news\nMrs Priya Lewis's Year 9 English "
		  "class put Lady Macbeth in the dock, charged with conspiracy "
		  "to murder. The jury found her guilty of incitement.\n",
		  "http://school.test/news", "Newsletter", 0);
	CHECK(!has_cat(&j, "criminal"));
	/* What she said was done to her, after a clause about her. */
	j = judge("Norwich Courier\nPriya Lewis, who was elected in May, said "
		  "she had been called racial slurs online and told to go "
		  "back to where you came from.\n", "http://news.test/slurs",
		  "Councillor reports abuse", 0);
	CHECK(!has_cat(&j, "hate"));
	CHECK(j.set_aside & (1u << DS_CTX_VICTIM));
	j = judge("Norwich Courier\nPriya Lewis, who was elected in May, said "
		  "they should all go back to where they came from.\n",
		  "http://news.test/slurs2", "Councillor speaks", 0);
	CHECK(has_cat(&j, "hate"));
	/* What a nativity's donkey did is the show's. */
	j = judge("priyal_maths\nYear 2 nativity: the donkey headbutted a "
		  "shepherd and the whole hall died laughing.\n",
		  "http://photos.test/priyal_maths/1", NULL, 1);
	CHECK(!has_cat(&j, "violence"));
	j = judge("priyal_maths\nAt the bus stop I headbutted a shepherd "
		  "and the whole street died laughing.\n",
		  "http://photos.test/priyal_maths/2", NULL, 1);
	CHECK(has_cat(&j, "violence"));
	/* A page that teaches what to look out for. */
	j = judge("Thornfield Academy\nPriya Lewis of Norwich brought fake "
		  "cannabis and empty nitrous oxide canisters to show parents "
		  "what to look out for.\n", "http://school.test/d",
		  "Parents' evening", 0);
	CHECK(!has_cat(&j, "substances"));
	j = judge("Thornfield Academy\nPriya Lewis of Norwich ran the "
		  "sessions. Pupils handled fake cannabis and nitrous oxide "
		  "canisters.\n", "http://school.test/drugs-awareness-week",
		  "Drugs awareness week", 0);
	CHECK(!has_cat(&j, "substances"));
	/* Giving evidence at someone else's trial is a witness's part;
	 * in one's own defence it is not. */
	j = judge("Norwich Courier\nPriya Lewis, of Norwich, was giving "
		  "evidence at the trial of two men accused of wounding with "
		  "intent.\n", "http://news.test/e", "Trial", 0);
	CHECK(!has_cat(&j, "violence"));
	j = judge("Norwich Courier\nPriya Lewis, of Norwich, giving evidence "
		  "in her own defence, denied wounding with intent.\n",
		  "http://news.test/f", "Trial", 0);
	CHECK(has_cat(&j, "violence"));
	/* A night of murder ballads is songs. */
	j = judge("priyal_maths\nBetween us we managed a lover stabbed on a "
		  "riverbank and a wife who poisons her husband.\n",
		  "http://blog.test/murder-ballads-at-the-plough",
		  "Murder ballads at the Plough", 1);
	CHECK(!has_cat(&j, "violence"));
	/* Her account of what a man did to her: she is the victim. */
	j = judge("Norwich Courier\nPriya Lewis, 27, from Norwich, said the "
		  "man approached her, shouted abuse, then hit her in the "
		  "face.\n", "http://news.test/g", "Woman punched", 0);
	CHECK(!has_cat(&j, "abuse"));
	/* Her own blow, then a man who hit her: still her conduct. */
	j = judge("Norwich Courier\nPriya Lewis, 27, of Norwich, admitted "
		  "assault after she punched a man who had hit her.\n",
		  "http://news.test/h", "Court", 0);
	CHECK(has_cat(&j, "violence"));
	/* Her own drug use, in her own words, still counts. */
	j = judge("priyal_maths\nCannabis and nitrous oxide all weekend, "
		  "lovely.\n", "http://photos.test/priyal_maths", NULL, 1);
	CHECK(has_cat(&j, "substances"));
}

/* The rules' word lists are the taxonomy's [cues]: an organisation's
 * list stands for the built-in one; a file without [cues] keeps them. */
static void test_cues_from_taxonomy(void)
{
	static const char own[] = "[misconduct]\nthreshold = 2\n"
				  "terms = useless:2\n[cues]\n"
				  "laughter = teehee,\n        snort\n";
	static const char none[] = "[misconduct]\nthreshold = 2\n"
				   "terms = useless:2\n";
	struct ds_taxonomy *keep = tax, *mine;
	struct ds_judgement j;

	REQUIRE(ds_taxonomy_parse(&mine, own, strlen(own), "own", NULL) ==
		0);
	tax = mine;
	j = judge("priyal_maths\nYear 9 lad fell in the pond teehee\n",
		  "http://photos.test/priyal_maths/3", NULL, 1);
	CHECK(has_cat(&j, "misconduct"));
	j = judge("priyal_maths\nYear 9 lad fell in the pond, snort\n",
		  "http://photos.test/priyal_maths/3", NULL, 1);
	CHECK(has_cat(&j, "misconduct"));
	j = judge("priyal_maths\nYear 9 lad fell in the pond lol\n",
		  "http://photos.test/priyal_maths/3", NULL, 1);
	CHECK(!has_cat(&j, "misconduct"));
	/* Its praise is still the built-in list. */
	j = judge("priyal_maths\nYear 9 lad fell in the pond teehee, "
		  "proud of him for getting back in\n",
		  "http://photos.test/priyal_maths/3", NULL, 1);
	CHECK(!has_cat(&j, "misconduct"));
	ds_taxonomy_free(mine);
	REQUIRE(ds_taxonomy_parse(&mine, none, strlen(none), "none", NULL) ==
		0);
	tax = mine;
	j = judge("priyal_maths\nYear 9 lad fell in the pond lol\n",
		  "http://photos.test/priyal_maths/3", NULL, 1);
	CHECK(has_cat(&j, "misconduct"));
	ds_taxonomy_free(mine);
	tax = keep;
}

/* Abuse got or reported is received, not sent; an office acts on
 * others' conduct ("As licensing chair I refused ..."). */
static void test_abuse_received_office(void)
{
	struct ds_judgement j;

	j = judge("priyal_maths\nForwarded another 12 abusive messages to "
		  "the police, reported the lot. Still here.\n",
		  "http://photos.test/priyal_maths/8", NULL, 1);
	CHECK(!has_cat(&j, "abuse"));
	j = judge("Norwich Courier\nTeacher on the abuse she gets\nPriya "
		  "Lewis, of Norwich, gets dozens of abusive messages a week "
		  "since the vote.\n", "http://news.test/p", "Teacher on the "
		  "abuse she gets", 0);
	CHECK(!has_cat(&j, "abuse"));
	/* Her own abusive messages are still hers. */
	j = judge("priyal_maths\nSent that snake of a head some abusive "
		  "messages, you useless cow, you pathetic waste of space\n",
		  "http://photos.test/priyal_maths/9", NULL, 1);
	CHECK(has_cat(&j, "abuse"));
	j = judge("priyal_maths\nAs licensing chair I have now refused two "
		  "shops caught selling vapes to kids.\n",
		  "http://photos.test/priyal_maths/10", NULL, 1);
	CHECK(!has_cat(&j, "children"));
	j = judge("priyal_maths\nLicensing sub-committee today revoked the "
		  "licence of a club where staff were dealing drugs and a "
		  "teenager was stabbed outside.\n",
		  "http://photos.test/priyal_maths/12", NULL, 1);
	CHECK(!has_cat(&j, "substances"));
	CHECK(!has_cat(&j, "violence"));
	j = judge("priyal_maths\nYesterday a man was jailed for the messages "
		  "he sent me over five months, threatening to burn us out.\n",
		  "http://photos.test/priyal_maths/13", NULL, 1);
	CHECK(!has_cat(&j, "criminal"));
	CHECK(!has_cat(&j, "violence"));
	j = judge("priyal_maths\nGives them vapes after school, kids love "
		  "me for it.\n", "http://photos.test/priyal_maths/11", NULL,
		  1);
	CHECK(has_cat(&j, "children"));
}

/* A court list's record: "Defendant: NAME" and the field lines under
 * it are about them; the next defendant's are not.  A court report's
 * headline that says "lessons" is no lesson page. */
static void test_court_record(void)
{
	struct ds_judgement j;

	j = judge("Court list\nCourt: Norwich Magistrates' Court\nDefendant: "
		  "Priya Lewis, 38, of Norwich\nOffences: two counts of "
		  "theft from a shop\nPlea: guilty\nSentence: community "
		  "order\n", "http://courts.test/list/1", "Court list", 0);
	CHECK(has_cat(&j, "criminal"));
	j = judge("Court list\nDefendant: Priya Lewis, 38, of Norwich\n"
		  "Plea: not guilty, case dismissed\nDefendant: Sam Jones, "
		  "40, of Diss\nOffences: assault by beating\nPlea: guilty\n"
		  "Sentence: community order\n", "http://courts.test/list/2",
		  "Court list", 0);
	CHECK(!has_cat(&j, "criminal"));
	CHECK(!has_cat(&j, "violence"));
	j = judge("Norwich Courier\nTutor who took money for lessons he never "
		  "gave avoids jail\nPriya Lewis, 38, of Norwich, admitted "
		  "fraud by false representation at Norwich Magistrates' "
		  "Court and was given a community order.\n",
		  "http://news.test/crime/tutor-lessons",
		  "Tutor who took money for lessons he never gave avoids jail",
		  0);
	CHECK(has_cat(&j, "criminal"));
	/* A court report's lede about "a woman" is hers when the next
	 * sentence opens on her name; a lede about someone else is not. */
	j = judge("Norwich Courier\nWoman banned after crash\nA Diss woman "
		  "who crashed near a school while nearly twice the "
		  "drink-drive limit has been banned from driving. Priya "
		  "Lewis, 38, of "
		  "Norwich, pleaded guilty at Norwich Magistrates' Court.\n",
		  "http://news.test/courts/banned", "Woman banned after crash",
		  0);
	CHECK(has_cat(&j, "substances"));
	j = judge("Norwich Courier\nDriver banned\nA Diss man who crashed "
		  "while nearly twice the drink-drive limit has been banned. "
		  "Priya Lewis, 38, of Norwich, whose car he hit, said she was "
		  "shaken.\n", "http://news.test/courts/banned2",
		  "Driver banned", 0);
	CHECK(!has_cat(&j, "substances"));
	/* A child then ("Nine-year-old NAME", "NAME, 10,") is no adult's
	 * conduct. */
	j = judge("Looking back: forty years ago\nNine-year-old Priya Lewis "
		  "of Norwich grabbed a classmate's coat and held on.\n",
		  "http://news.test/looking-back/1984", "Looking back", 0);
	CHECK(!has_cat(&j, "children"));
	j = judge("Looking back: forty years ago\nPriya Lewis, 10, of Norwich "
		  "grabbed a nine-year-old's coat and held on.\n",
		  "http://news.test/looking-back/1984b", "Looking back", 0);
	CHECK(!has_cat(&j, "children"));
	j = judge("Norwich Courier\nPriya Lewis, 38, of Norwich grabbed a "
		  "nine-year-old by the coat and dragged him off the bus.\n",
		  "http://news.test/bus", "Norwich Courier", 0);
	CHECK(has_cat(&j, "children"));
	/* A decision's "this conduct" is what the person named did. */
	j = judge("Registration decision: Priya Lewis\nMs Priya Lewis, "
		  "Norwich\nThe panel found that Ms Lewis submitted a "
		  "placement record with a signature the supervisor denies "
		  "giving. The panel found this conduct dishonest and refused "
		  "registration.\n", "http://council.test/decisions/lewis-p",
		  "Registration decision: Priya Lewis", 0);
	CHECK(has_cat(&j, "misconduct"));
	/* The name the footage showed acts; magistrates watched. */
	j = judge("Norwich Courier\nRoad rage at roundabout\nFootage played "
		  "to magistrates showed Priya Lewis kicking the van's door "
		  "and shouting that she would put him in the ground.\n",
		  "http://news.test/courts/road-rage", "Road rage at "
		  "roundabout", 0);
	CHECK(has_cat(&j, "violence"));
}

int main(void)
{
	if (ds_taxonomy_default(&tax, NULL) != 0) {
		printf("not ok - the built-in taxonomy loads\n");
		return 1;
	}
	RUN(test_actor_counts);
	RUN(test_titled_surname);
	RUN(test_court_record);
	RUN(test_abuse_received_office);
	RUN(test_cues_from_taxonomy);
	RUN(test_victim_witness_official);
	RUN(test_own_words);
	RUN(test_rows_and_replies);
	RUN(test_pages_that_cancel);
	RUN(test_places);
	RUN(test_namesakes);
	RUN(test_other_job);
	RUN(test_identity_evidence);
	RUN(test_endorsement);
	RUN(test_greeted_author);
	RUN(test_signed_and_introduced);
	RUN(test_campaign_or_verdict);
	RUN(test_sexual_beside_child);
	RUN(test_names_pupils);
	RUN(test_news_lede);
	RUN(test_others_case);
	RUN(test_said_on);
	RUN(test_title_ref);
	RUN(test_sport_slur);
	RUN(test_same_author_later);
	RUN(test_profile_line_header);
	RUN(test_profile_fields_signature);
	RUN(test_signature_over_handle);
	RUN(test_harm_told_and_taught);
	RUN(test_page_role);
	RUN(test_received_block);
	RUN(test_laughs_at_child);
	RUN(test_harm_to_them);
	RUN(test_reporter);
	RUN(test_lede_worker);
	RUN(test_decision_about_them);
	RUN(test_leers_at);
	RUN(test_entry_titles);
	RUN(test_drink_to_children);
	RUN(test_drink_and_bets_with_children);
	RUN(test_url_username);
	RUN(test_care_names);
	RUN(test_claims_age);
	RUN(test_footer_dates);
	RUN(test_named_and_feed);
	RUN(test_child_details);
	RUN(test_vape_to_child);
	RUN(test_threatens);
	RUN(test_leer_teen_disco);
	ds_taxonomy_free(tax);
	return check_summary();
}
