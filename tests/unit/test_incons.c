/* Unit tests for incons.c: dates, organisations, roles, awards, and
 * whole pages set against claims (all text written for these tests). */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "check.h"
#include "incons.h"

static long ym(long y, long m)
{
	return y * 12 + m - 1;
}

static int date(const char *s, int def, long *m, int *span)
{
	return ds_incons_date(s, strlen(s), def, m, span);
}

static int range(const char *s, long *f, long *t)
{
	return ds_incons_range(s, strlen(s), f, t);
}

static void test_dates(void)
{
	long m, f, t;
	int span;

	CHECK(date("joined Oakfield in September 2021 as", 0, &m, &span));
	CHECK(m == ym(2021, 9) && span == 1);
	CHECK(date("left in Sep 2019", 0, &m, &span) && m == ym(2019, 9));
	CHECK(date("graduated in 2014", 0, &m, &span));
	CHECK(m == ym(2014, 1) && span == 12);
	CHECK(date("Goodbye at Easter", 2022, &m, &span) &&
	      m == ym(2022, 4));
	CHECK(date("left at October half term 2023", 0, &m, &span) &&
	      m == ym(2023, 10));
	/* "may" and "march" are verbs without a year. */
	CHECK(!date("we may march on", 2020, &m, &span));
	CHECK(!date("no date here at all", 0, &m, &span));

	CHECK(range("2018-2021", &f, &t));
	CHECK(f == ym(2018, 1) && t == ym(2021, 12));
	CHECK(range("Mar 2012 \xe2\x80\x93 Jun 2016", &f, &t));
	CHECK(f == ym(2012, 3) && t == ym(2016, 6));
	CHECK(range("Deputy (2019 to present)", &f, &t));
	CHECK(f == ym(2019, 1) && t == DS_INCONS_NOW);
	CHECK(range("since April 2017", &f, &t));
	CHECK(f == ym(2017, 4) && t == DS_INCONS_NOW);
	CHECK(range("from May 2010 to June 2012", &f, &t));
	CHECK(f == ym(2010, 5) && t == ym(2012, 6));
	CHECK(range("Timetable 2021-22", &f, &t));
	CHECK(f == ym(2021, 9) && t == ym(2022, 7));
	CHECK(!range("Holloway-Smith won 3-1", &f, &t));
	/* "since" as the last word (fuzz_incons found it read past the
	 * words). */
	CHECK(!range("a member ever since", &f, &t));
}

static void test_orgs(void)
{
	const char *s = "Welcome to Saint Anne's Academy & Nursery, Oldport";

	CHECK(ds_incons_org_in("St Anne's School and Nursery", s, strlen(s)));
	CHECK(ds_incons_org_in("ST. ANNES ACADEMY", s, strlen(s)));
	/* One word, or a part of a longer name, is not the organisation. */
	CHECK(!ds_incons_org_in("Anne's", s, strlen(s)));
	CHECK(!ds_incons_org_in("Oldport College", s, strlen(s)));
	s = "Oldport Sixth Form College";
	CHECK(!ds_incons_org_in("Oldport School", s, strlen(s)));
}

static int rank(const char *s)
{
	return ds_incons_role_rank(s, strlen(s));
}

static void test_roles(void)
{
	CHECK(rank("Teacher of maths") == rank("Maths teacher"));
	CHECK(rank("Head of Department (Science)") == 4);
	CHECK(rank("teaching assistant") < rank("Head of Department"));
	CHECK(rank("Deputy Headteacher") == 5);
	CHECK(rank("Cover supervisor") < rank("Teacher of History"));
	CHECK(rank("Lunchtime supervisors") < rank("Teaching Assistant"));
	CHECK(rank("Bus driver") == 0);
	/* Any office's grades, after the posts of a school. */
	CHECK(rank("Payroll Assistant") < rank("Payroll Officer"));
	CHECK(rank("Payroll Officer") < rank("Payroll Manager"));
	CHECK(rank("Planning apprentice") < rank("Planning Assistant"));
	CHECK(rank("Office Manager") == 1);
	CHECK(rank("Assistant Headteacher") == 5);
}

static int level(const char *s)
{
	return ds_incons_qual_level(s, strlen(s));
}

static int cls(const char *s)
{
	return ds_incons_degree_class(s, strlen(s));
}

static void test_awards(void)
{
	CHECK(level("MSc Physics") == 7);
	CHECK(level("Postgraduate Diploma in Physics") < level("MSc Physics"));
	CHECK(level("PGCE Secondary Maths") == 0);
	CHECK(level("BSc (Hons) Chemistry") == 6);
	CHECK(level("Level 2 Award in Childcare") == 2);
	/* Exit awards, below the degree a student left. */
	CHECK(level("Diploma of Higher Education in Biology") <
	      level("BSc Biology"));
	CHECK(level("CertHE Biology") < level("DipHE Biology"));
	CHECK(cls("BSc Chemistry, 2:1") == 3);
	CHECK(cls("Lower second class honours") == 2);
	CHECK(cls("Third class honours") < cls("upper second"));
}

/* Run a page against claims given as JSON. */
static int page(const char *claims, const char *name, const char *known,
		const char *text, const char *title, char *out,
		size_t size)
{
	struct ds_plan_anchors a;
	struct ds_incons *c = NULL;
	json_t *j = json_loads(claims, 0, NULL);
	int r;

	memset(&a, 0, sizeof(a));
	a.name = name;
	if (known) {
		a.known_as[0] = known;
		a.nknown_as = 1;
	}
	if (!j || ds_incons_load(j, &c) != 0) {
		json_decref(j);
		return -1;
	}
	json_decref(j);
	r = ds_incons_check(c, &a, text, strlen(text), title,
			    "http://school.test/news", NULL, 0, out, size);
	ds_incons_free(c);
	return r;
}

/* Their own post (declared), dated published. */
static int own_post(const char *claims, const char *text,
		    const char *published, char *out, size_t size)
{
	struct ds_plan_anchors a;
	struct ds_incons *c = NULL;
	json_t *j = json_loads(claims, 0, NULL);
	int r;

	memset(&a, 0, sizeof(a));
	a.name = "Priya Shah";
	if (!j || ds_incons_load(j, &c) != 0) {
		json_decref(j);
		return -1;
	}
	json_decref(j);
	r = ds_incons_check(c, &a, text, strlen(text), "Post",
			    "http://social.test/priyas/post/1", published, 1,
			    out, size);
	ds_incons_free(c);
	return r;
}

static const char emp[] =
	"[{\"kind\":\"employment\",\"organisation\":\"Oakfield Academy\","
	"\"role\":\"Head of Science\",\"from\":\"2019-09\","
	"\"to\":\"2023-08\"},{\"kind\":\"employment\",\"organisation\":"
	"\"Riverbend School\",\"role\":\"Teacher of Chemistry\","
	"\"from\":\"2023-09\",\"to\":\"current\"}]";

static void test_pages(void)
{
	char out[1200];

	/* Care leavers are young people, not staff leaving. */
	CHECK(page(emp, "Priya Shah", NULL, "Riverbend School news\nFriday "
		   "17 July 2024\nEight staff from Riverbend School swam the "
		   "Sound for care leavers.\nFormer chemist Priya Shah, who "
		   "now works at the school, organised the swim.\n", "News | "
		   "Riverbend School", out, sizeof(out)) == 0);
	CHECK(page(emp, "Priya Shah", NULL, "Riverbend School news\n"
		   "Friday 17 July 2024\nEight staff leavers from Riverbend "
		   "School this summer.\nPriya Shah, who moves to Leeds, "
		   "organised the swim.\n", "News | Riverbend School", out,
		   sizeof(out)) == 1);
	CHECK(page(emp, "Priya Shah", NULL, "Riverbend School news\n"
		   "Friday 17 July 2024\nCare leavers swam the Sound with "
		   "eight staff from Riverbend School.\nPriya Shah, who now "
		   "works at the school, organised the swim.\n",
		   "News | Riverbend School", out, sizeof(out)) == 0);
	/* Another's joining, after a personal title, is not hers; a title
	 * inside her own clause is. */
	CHECK(page(emp, "Priya Shah", NULL, "Riverbend School news\n"
		   "Friday 17 July 2024\nPriya Shah, who replaces Mr Hendra, "
		   "will join our science team in September.\n",
		   "News | Riverbend School", out, sizeof(out)) == 1);
	CHECK(page(emp, "Priya Shah", NULL, "Riverbend School news\n"
		   "Friday 17 July 2024\nWe are delighted that Ms Priya Shah "
		   "will join our science team in September.\n",
		   "News | Riverbend School", out, sizeof(out)) == 1);
	CHECK(page(emp, "Priya Shah", NULL, "Riverbend School news\nFriday "
		   "17 July 2024\nWe are delighted that Ms Priya Shah, who "
		   "finishes her first year with us, will stay on, and that "
		   "Miss Ivey will join Year 2 in September.\n", "News | "
		   "Riverbend School", out, sizeof(out)) == 0);

	/* The example: a later start, a lower role. */
	CHECK(page(emp, "Priya Shah", NULL, "Oakfield Academy news\n"
		   "Ms Priya Shah joined Oakfield in September 2021 as a "
		   "teacher of chemistry.\n", "Staff news | Oakfield School",
		   out, sizeof(out)) == 1);
	CHECK(strstr(out, "Application: Head of Science, Oakfield Academy, "
		     "2019-09 to 2023-08") != NULL);
	CHECK(strstr(out, "Page: 'Ms Priya Shah joined Oakfield") != NULL);
	/* "joined us in 2023 after four years at Oakfield": the joining
	 * is the next post's, Oakfield's came before. */
	CHECK(page(emp, "Priya Shah", NULL, "Meet the team\nPriya Shah - "
		   "Teacher of Chemistry\nPriya joined us in September 2023 "
		   "after four years as head of science at Oakfield Academy.\n",
		   "Team | Riverbend School", out, sizeof(out)) == 0);
	CHECK(page(emp, "Priya Shah", NULL, "Meet the team\nPriya Shah - "
		   "Head of Science\nPriya joined Oakfield Academy in "
		   "September 2021 after four years at a school in Leeds.\n",
		   "Team | Oakfield Academy", out, sizeof(out)) == 1);
	/* The same facts as the application, other words: nothing. */
	CHECK(page(emp, "Priya Shah", NULL, "Our leadership team\n"
		   "Ms Priya Shah, Head of Science (since September 2019)\n",
		   "Staff | Oakfield Academy", out, sizeof(out)) == 0);
	CHECK(out[0] == '\0');
	/* Leavers in a newsletter long before the claimed end. */
	CHECK(page(emp, "Priya Shah", NULL, "Autumn newsletter\n"
		   "Staff leaving us this Christmas\n"
		   "Mr Tom Lee (Maths)\nMs Priya Shah (Science)\n",
		   "Newsletter, December 2020 | Oakfield Academy", out,
		   sizeof(out)) == 1);
	CHECK(strstr(out, "leaving in 2020-12") != NULL);
	/* The date said with the leaving, not the one before it. */
	CHECK(page(emp, "Priya Shah", NULL, "Staff news\nMs Priya Shah, "
		   "who joined in September 2019, left us in July 2023.\n",
		   "News | Oakfield Academy", out, sizeof(out)) == 0);
	CHECK(page(emp, "Priya Shah", NULL, "Staff news\nMs Priya Shah, "
		   "who joined in September 2019, left us in July 2021.\n",
		   "News | Oakfield Academy", out, sizeof(out)) == 1);
	CHECK(strstr(out, "leaving in 2021-07") != NULL);
	/* Dismissed or resigned before the end the application claims. */
	CHECK(page(emp, "Priya Shah", NULL, "Governors' minutes\nMs Priya "
		   "Shah, Head of Science, was dismissed on 14 May 2021.\n",
		   "Minutes | Oakfield Academy", out, sizeof(out)) == 1);
	CHECK(strstr(out, "leaving in 2021-05") != NULL);
	CHECK(page(emp, "Priya Shah", NULL, "Staff news\nMs Priya Shah "
		   "resigned in August 2023.\n", "News | Oakfield Academy",
		   out, sizeof(out)) == 0);
	/* A lower role under a list's heading. */
	CHECK(page(emp, "Priya Shah", NULL, "Staff list 2024-25\n"
		   "Teachers\nMr Tom Lee, Teacher of Maths\n"
		   "Technicians\nMs Priya Shah\n",
		   "Staff | Riverbend School", out, sizeof(out)) == 1);
	/* "teacher of chemistry" and "chemistry teacher": no finding. */
	CHECK(page(emp, "Priya Shah", NULL, "Staff list 2024-25\n"
		   "Ms Priya Shah, chemistry teacher\n",
		   "Staff | Riverbend School", out, sizeof(out)) == 0);
	/* Someone else's name on the page: nothing about the candidate. */
	CHECK(page(emp, "Priya Shah", NULL, "Staff list 2024-25\n"
		   "Technicians\nMs Priya Shaw\n",
		   "Staff | Riverbend School", out, sizeof(out)) == 0);
	/* "leaves us", "left the team": leaving, as "left us" is. */
	CHECK(page(emp, "Priya Shah", NULL, "Staff news, March 2021\n"
		   "Priya Shah leaves us at Easter to travel.\n",
		   "News | Oakfield Academy", out, sizeof(out)) == 1);
	CHECK(page(emp, "Priya Shah", NULL, "Staff news, March 2021\n"
		   "Priya Shah left the science team in February.\n",
		   "News | Oakfield Academy", out, sizeof(out)) == 1);
	CHECK(strstr(out, "leaving in 2021-02") != NULL);
	/* An employer named by its parent body: "Marlshire County
	 * Council" for "Marlshire County Council Youth Service". */
	CHECK(page("[{\"kind\":\"employment\",\"organisation\":\"Marlshire "
		   "County Council Youth Service\",\"role\":\"Youth Worker\","
		   "\"from\":\"2021-10\",\"to\":\"2024-07\"}]", "Priya Shah",
		   NULL, "Youth service update 2023\nPriya Shah left the "
		   "team in February.\n", "Update | Marlshire County Council",
		   out, sizeof(out)) == 1);
	CHECK(strstr(out, "leaving in 2023-02") != NULL);
	/* A start said with its post, in prose: that post is compared. */
	CHECK(page(emp, "Priya Shah", NULL, "Newsletter, September 2023\n"
		   "We welcome back Mr Tom Lee and Ms Priya Shah, who joins "
		   "our lunchtime team as a midday supervisor in the Year 1 "
		   "hall this term, which we are very pleased about.\n",
		   "News | Riverbend School", out, sizeof(out)) == 1);
	CHECK(strstr(out, "lower role") != NULL);
	CHECK(page(emp, "Priya Shah", NULL, "Newsletter, September 2023\n"
		   "We welcome Ms Priya Shah, who joins our science team as a "
		   "teacher of chemistry this term, which we are very pleased "
		   "about.\n", "News | Riverbend School", out,
		   sizeof(out)) == 0);
}

/* A start said with a month alone; a list's item running on after the
 * post. */
static void test_start_and_items(void)
{
	static const char council[] =
		"[{\"kind\":\"employment\",\"organisation\":\"Eastmoor "
		"Borough Council\",\"role\":\"Payroll Officer\",\"from\":"
		"\"2015-04\",\"to\":\"2020-03\"}]";
	char out[1200];

	/* "joined us on 10 January" in a page of March 2022: January
	 * 2022, not the claimed September 2019. */
	CHECK(page(emp, "Priya Shah", NULL, "Spring term, March 2022\n"
		   "Please welcome Ms Priya Shah, who joined us on 10 "
		   "January to lead our science department.\n",
		   "Spring news | Oakfield Academy", out, sizeof(out)) == 1);
	CHECK(strstr(out, "dates the start to 2022-01") != NULL);
	/* A month after the page's is of the year before: September
	 * 2019, as claimed. */
	CHECK(page(emp, "Priya Shah", NULL, "Winter term, February 2020\n"
		   "Ms Priya Shah, who joined us in September, has started "
		   "a lunchtime science club.\n",
		   "Winter news | Oakfield Academy", out, sizeof(out)) == 0);
	/* "joins" with no date: the page's, a term after the claim. */
	CHECK(page(emp, "Priya Shah", NULL, "Staff news\nMs Priya Shah "
		   "joins our science department and will run the new "
		   "rocket club.\n", "Newsletter, January 2020 | Oakfield "
		   "Academy", out, sizeof(out)) == 1);
	CHECK(strstr(out, "announces the start in 2020-01") != NULL);
	CHECK(page(emp, "Priya Shah", NULL, "Staff news\nMs Priya Shah "
		   "joins our science department and will run the new "
		   "rocket club.\n", "Newsletter, October 2019 | Oakfield "
		   "Academy", out, sizeof(out)) == 0);
	/* Another post's "since", after "and", in prose on their own
	 * page: nothing about the claimed post. */
	CHECK(page(emp, "Priya Shah", NULL, "About me\nI'm Priya: chemist "
		   "turned chemistry teacher at Riverbend School, and parish "
		   "councillor for Eastmoor North since 2021.\n",
		   "Priya Shah", out, sizeof(out)) == 0);
	/* Joining the governors is not starting the post. */
	CHECK(page(emp, "Priya Shah", NULL, "Governors' news\nMs Priya Shah "
		   "joins the governing body as the staff governor.\n",
		   "Newsletter, January 2021 | Oakfield Academy", out,
		   sizeof(out)) == 0);
	/* A month far from "joined" is not its date. */
	CHECK(page(emp, "Priya Shah", NULL, "Spring term, March 2022\n"
		   "Ms Priya Shah joined the governors and the staff choir "
		   "for the concert, then the trip to the coast in "
		   "January.\n", "Spring news | Oakfield Academy", out,
		   sizeof(out)) == 0);
	/* The claimed post given to someone else on a staff list in the
	 * claimed period; the same list with the candidate in it is
	 * nothing. */
	CHECK(page(emp, "Priya Shah", NULL, "Science staff, January 2021\n"
		   "Name | Role\nMr Tom Lee | Head of Science and Head of "
		   "Chemistry\nMs Priya Shah | Teacher of Chemistry, KS3 "
		   "Coordinator\n", "Our staff | Oakfield Academy", out,
		   sizeof(out)) == 1);
	CHECK(strstr(out, "claimed post to someone else") != NULL);
	CHECK(page(emp, "Priya Shah", NULL, "Science staff, January 2021\n"
		   "Name | Role\nMs Priya Shah | Head of Science\nMr Tom Lee | "
		   "Teacher of Chemistry\n", "Our staff | Oakfield Academy",
		   out, sizeof(out)) == 0);
	/* After the claimed period, the post may be another's. */
	CHECK(page(emp, "Priya Shah", NULL, "Science staff, January 2024\n"
		   "Name | Role\nMr Tom Lee | Head of Science\nMs Priya Shah | "
		   "Governor\n", "Our staff | Oakfield Academy", out,
		   sizeof(out)) == 0);
	/* A post said before the name in prose ("our site caretaker, NAME,
	 * ..."): a lower role; the same post of someone named before her
	 * is not hers. */
	CHECK(page(emp, "Priya Shah", NULL, "Newsletter, autumn 2021\nA "
		   "special thank you to our site caretaker, Priya Shah, who "
		   "repainted the whole of the ground floor over the summer "
		   "and built the new raised beds in the garden.\n",
		   "Newsletter | Oakfield Academy", out, sizeof(out)) == 1);
	CHECK(strstr(out, "lower role") != NULL);
	CHECK(page(emp, "Priya Shah", NULL, "Newsletter, autumn 2021\nA "
		   "special thank you to our caretaker, Tom, and Priya Shah, "
		   "who repainted the whole of the ground floor over the "
		   "summer and built the new raised beds in the garden.\n",
		   "Newsletter | Oakfield Academy", out, sizeof(out)) == 0);
	/* A list's item with the post's years: an end long before the
	 * claimed one; the years of the claimed end are nothing. */
	CHECK(page(emp, "Priya Shah", NULL, "Our former staff\nPriya Shah "
		   ": Head of Science 2019 to 2021. Now teaching nearby.\n",
		   "Former staff | Oakfield Academy", out, sizeof(out)) == 1);
	CHECK(strstr(out, "ends the post in 2021") != NULL);
	CHECK(page(emp, "Priya Shah", NULL, "Our former staff\nPriya Shah "
		   ": Head of Science 2019 to 2023. Now teaching nearby.\n",
		   "Former staff | Oakfield Academy", out, sizeof(out)) == 0);
	/* A who's who whose item runs on with duties: a lower grade. */
	CHECK(page(council, "Priya Shah", NULL, "Who is who\nTom Lee, Payroll "
		   "Officer (schools)\nPriya Shah, Payroll Assistant (Schools "
		   "Service): pension queries, starters and leavers, and the "
		   "overtime claims helpdesk\n", "Payroll bulletin, autumn "
		   "2017 | Eastmoor Borough Council", out, sizeof(out)) == 1);
	CHECK(strstr(out, "lower role") != NULL);
	CHECK(page(council, "Priya Shah", NULL, "Who is who\nPriya Shah, "
		   "Payroll Officer (Schools Service): pension queries, "
		   "starters and leavers, and the overtime claims helpdesk\n",
		   "Payroll bulletin, autumn 2017 | Eastmoor Borough "
		   "Council", out, sizeof(out)) == 0);
}

static void test_closure(void)
{
	char out[1200];

	/* The claimed employer closed two years before the claimed end. */
	CHECK(page(emp, "Priya Shah", NULL, "Oakfield Academy to close\n"
		   "Parents were told Oakfield Academy will shut at the end "
		   "of term.\nIts final session is on Friday 16 July 2021.\n"
		   "Head of Science Priya Shah said staff were sad.\n",
		   "School to close | Gazette", out, sizeof(out)) == 1);
	CHECK(strstr(out, "closing in 2021-07, the application says "
		     "employed there until 2023-08") != NULL);
	/* A closure only threatened is nothing. */
	CHECK(page(emp, "Priya Shah", NULL, "Oakfield Academy could close "
		   "in July 2021, parents fear.\nHead of Science Priya Shah "
		   "said staff were sad.\n", "Gazette", out,
		   sizeof(out)) == 0);
	/* A staff table's row: the day they finished. */
	CHECK(page(emp, "Priya Shah", NULL, "Oakfield Academy newsletter\n"
		   "Who | News\nPriya Shah | Finished with us on 28 May "
		   "2021. Good luck!\n", "Summer 2021 | Oakfield Academy",
		   out, sizeof(out)) == 1);
	CHECK(strstr(out, "leaving in 2021-05") != NULL);
}

static void test_first_name(void)
{
	static const char army[] =
		"[{\"kind\":\"employment\",\"organisation\":\"British "
		"Army (Royal Engineers)\",\"role\":\"Lance Corporal\","
		"\"from\":\"2002-04\",\"to\":\"2010-10\"}]";
	char out[1200];

	/* The unit alone names the claimed employer; the first name alone
	 * names him after his full name. */
	CHECK(page(army, "Gary Wainwright", NULL, "Veterans' breakfast\n"
		   "\"It helps,\" says Gary Wainwright, 44.\nGary left the "
		   "Royal Engineers in 2006 and went to the rigs.\n",
		   "Dales life | Mercury", out, sizeof(out)) == 1);
	CHECK(strstr(out, "leaving in 2006") != NULL);
	/* Another Gary on the page: the first name is not enough. */
	CHECK(page(army, "Gary Wainwright", NULL, "Veterans' breakfast\n"
		   "\"It helps,\" says Gary Wainwright, 44.\nGary Holt "
		   "chairs it.\nGary left the Royal Engineers in 2006.\n",
		   "Dales life | Mercury", out, sizeof(out)) == 0);
}

static const char qual[] =
	"[{\"kind\":\"qualification\",\"title\":\"MSc Marine Biology\","
	"\"institution\":\"University of Eastmoor\",\"year\":\"2018\"},"
	"{\"kind\":\"qualification\",\"title\":\"BSc (Hons) Biology, 2:1\","
	"\"institution\":\"University of Eastmoor\",\"year\":\"2016\"},"
	"{\"kind\":\"qualification\",\"title\":\"Level 4 Certificate in "
	"Forest School Leadership\",\"institution\":\"Eastmoor College\","
	"\"year\":\"2017\"}]";

/* An exit awards list of 2016 at the claimed university. */
static int exit_award(const char *lines, char *out, size_t size)
{
	char text[512];

	snprintf(text, sizeof(text), "Exit awards 2016\n%s", lines);
	return page(qual, "Sam Carter", NULL, text,
		    "Exit awards 2016 | University of Eastmoor", out, size);
}

static void test_qual_pages(void)
{
	char out[1200];

	CHECK(page(qual, "Sam Carter", NULL, "Awards 2018\nMSc Marine "
		   "Biology\nAna Bell\nPostgraduate Diploma in Marine Biology"
		   "\nSam Carter\n", "2018 awards | University of Eastmoor",
		   out, sizeof(out)) == 1);
	CHECK(strstr(out, "MSc Marine Biology, University of Eastmoor, "
		     "2018") != NULL);
	/* A table's row, as page.c writes it: the award in the row. */
	CHECK(page(qual, "Sam Carter", NULL, "Awards 2018\nLearner | Award\n"
		   "Ana Bell | MSc Marine Biology\nSam Carter | Postgraduate "
		   "Diploma in Marine Biology\n", "2018 awards | University "
		   "of Eastmoor", out, sizeof(out)) == 1);
	CHECK(strstr(out, "Page: 'Sam Carter | Postgraduate") != NULL);
	CHECK(page(qual, "Sam Carter", NULL, "BSc (Hons) Biology\nFirst "
		   "class honours\nAna Bell\nThird class honours\nSam Carter\n",
		   "Summer 2016 | University of Eastmoor", out,
		   sizeof(out)) == 1);
	CHECK(strstr(out, "lower class") != NULL);
	CHECK(page(qual, "Sam Carter", NULL, "BSc (Hons) Biology\nUpper "
		   "second class honours (2:1)\nSam Carter\n",
		   "Summer 2016 | University of Eastmoor", out,
		   sizeof(out)) == 0);
	/* An exit award where the degree is claimed: the subject beside
	 * the name, or in the list's heading; not under another subject. */
	CHECK(exit_award("Biology\nSam Carter: Diploma of Higher Education "
			 "in Biology\n", out, sizeof(out)) == 1);
	CHECK(strstr(out, "lower award") != NULL);
	CHECK(exit_award("Marine and Freshwater Biology\nSam Carter: "
			 "Diploma of Higher Education\n", out,
			 sizeof(out)) == 1);
	CHECK(exit_award("Geography\nSam Carter: Diploma of Higher "
			 "Education\n", out, sizeof(out)) == 0);
	/* A list of another year: not the claimed award. */
	CHECK(page(qual, "Sam Carter", NULL, "BSc (Hons) Biology\nThird "
		   "class honours\nSam Carter\n",
		   "Summer 2012 | University of Eastmoor", out,
		   sizeof(out)) == 0);
	/* Their own profile: still studying for the claimed award. */
	CHECK(page(qual, "Sam Carter", NULL, "About Sam Carter\nI am "
		   "currently working towards my Level 4 Forest School "
		   "Leadership certificate (expected 2026).\n",
		   "Sam Carter, outdoor tutor", out, sizeof(out)) == 1);
	CHECK(strstr(out, "awarded in 2017") != NULL);
	/* Someone else's page: the bio under a line naming them says the
	 * claimed award is still to come. */
	CHECK(page(qual, "Sam Carter", NULL, "Meet the team, 2019\nSam "
		   "Carter, Outdoor Tutor\nSam leads our forest sessions and "
		   "is in the final year of his Level 4 Forest School "
		   "Leadership course; he should graduate in summer 2020.\n",
		   "Team | Eastmoor Outdoors", out, sizeof(out)) == 1);
	CHECK(strstr(out, "still studying for it (2020)") != NULL);
	/* An awards list years after the claimed award: the award came
	 * later; a line giving its own year is prose, not the list. */
	CHECK(page(qual, "Sam Carter", NULL, "Certificates awarded, July "
		   "2020\nLevel 4 Certificate in Forest School Leadership - "
		   "Ana Bell - Sam Carter\n", "Awards 2020 | Eastmoor College",
		   out, sizeof(out)) == 1);
	CHECK(strstr(out, "lists the award in 2020, the application says "
		     "2017") != NULL);
	CHECK(page(qual, "Sam Carter", NULL, "Our team, 2020\nSam Carter "
		   "gained the Level 4 Certificate in Forest School "
		   "Leadership in 2017.\n", "Team news | Eastmoor College",
		   out, sizeof(out)) == 0);
	/* Their own post: failed, resit in March of the next year. */
	CHECK(page(qual, "Sam Carter", NULL, "forest school leadership "
		   "assessment today. failed the practical lol, resit in "
		   "march\n", "Sam Carter, 23 November 2017", out,
		   sizeof(out)) == 1);
	CHECK(strstr(out, "failing it, not yet held in 2018") != NULL);
	CHECK(page(qual, "Sam Carter", NULL, "failed the practical of my "
		   "driving test, resit in march\n",
		   "Sam Carter, 23 November 2017", out, sizeof(out)) == 0);
	/* An outcomes list: not yet recommended, the subject in the
	 * page's title. */
	CHECK(page("[{\"kind\":\"qualification\",\"title\":\"Qualified "
		   "Teacher Status (Assessment Only route, Secondary PE)\","
		   "\"institution\":\"Wensmoor Partnership\",\"year\":"
		   "\"2025\"}]", "Sam Carter", NULL, "Candidate | Subject | "
		   "Outcome\nAna Bell | English | Recommended for QTS\nSam "
		   "Carter | PE | Not yet recommended for QTS; reassessment "
		   "window autumn 2026\n",
		   "Assessment Only route: outcomes, summer 2025", out,
		   sizeof(out)) == 1);
	CHECK(strstr(out, "not yet held in 2026") != NULL);
	/* The claimed year's graduates, at the claimed level, under another
	 * subject; under the claimed subject, nothing. */
	{
		static const char bsc[] =
			"[{\"kind\":\"qualification\",\"title\":\"BSc (Hons) "
			"Chemistry\",\"institution\":\"University of "
			"Eastmoor\",\"year\":\"2014\"}]";

		CHECK(page(bsc, "Sam Carter", NULL, "Graduates 2014\nBSc "
			   "(Hons) Marine Biology\nAna Bell (2:1)\nSam Carter "
			   "(2:2)\n", "Graduates 2014 | University of "
			   "Eastmoor", out, sizeof(out)) == 1);
		CHECK(strstr(out, "another subject in 2014") != NULL);
		CHECK(page(bsc, "Sam Carter", NULL, "Graduates 2014\nBSc "
			   "(Hons) Chemistry\nAna Bell (2:1)\nSam Carter "
			   "(2:2)\n", "Graduates 2014 | University of "
			   "Eastmoor", out, sizeof(out)) == 0);
	}
	/* A cohort's outcomes: no award made in the claimed year, for an
	 * award whose title names no level. */
	{
		static const char nat[] =
			"[{\"kind\":\"qualification\",\"title\":\"National "
			"Award for SEN Co-ordination\",\"institution\":"
			"\"University of Eastmoor\",\"year\":\"2021\"}]";

		CHECK(page(nat, "Sam Carter", NULL, "The award is a "
			   "postgraduate certificate of 60 credits.\nName | "
			   "Setting | Result\nAna Bell | Hill Primary | "
			   "Awarded\nSam Carter | Oak Primary | Part 1 "
			   "completed, no award\n", "SEN co-ordination "
			   "award: 2021 results | University of Eastmoor",
			   out, sizeof(out)) == 1);
		CHECK(strstr(out, "no award made to the candidate (2021)") !=
		      NULL);
		CHECK(page(nat, "Sam Carter", NULL, "Name | Setting | Result\n"
			   "Sam Carter | Oak Primary | Awarded\nAna Bell | "
			   "Hill Primary | Part 1 completed, no award\n",
			   "SEN co-ordination award: 2021 results | "
			   "University of Eastmoor", out, sizeof(out)) == 0);
	}
	/* A learners' list under its award: an assessment still planned. */
	CHECK(page(qual, "Sam Carter", NULL, "Update, July 2019\nLevel 4 "
		   "Forest School Leadership learners still to finish:\nSam "
		   "Carter: end-point assessment now planned for June 2020.\n",
		   "Update | Eastmoor College", out, sizeof(out)) == 1);
}

static void test_profile(void)
{
	char out[1200];

	CHECK(page(emp, "Priya Shah", NULL, "Experience\nHead of Science\n"
		   "Oakfield Academy\nSep 2019 - Aug 2023\n"
		   "Teacher of Chemistry\nRiverbend School\n"
		   "Sep 2023 - Present\n", "Priya Shah | Profiles", out,
		   sizeof(out)) == 0);
	CHECK(page(emp, "Priya Shah", NULL, "Experience\nHead of Science\n"
		   "Oakfield Academy\nSep 2019 - Jul 2021\nCareer break\n"
		   "Aug 2021 - Aug 2023\n", "Priya Shah | Profiles", out,
		   sizeof(out)) == 1);
	CHECK(strstr(out, "2019-09 to 2021-07") != NULL);
	/* An employer the application leaves out, in a period it leaves
	 * empty; one inside a claimed period, or a course, is left. */
	CHECK(page(emp, "Priya Shah", NULL, "Experience\nHead of Science\n"
		   "Oakfield Academy\nSep 2019 - Aug 2023\nLab assistant\n"
		   "Kestrel Labs Ltd\nSep 2016 - Aug 2018\n",
		   "Priya Shah | Profiles", out, sizeof(out)) == 1);
	CHECK(strstr(out, "no employment at 'Kestrel Labs Ltd'") != NULL);
	CHECK(strstr(out, "24 months") != NULL);
	CHECK(page(emp, "Priya Shah", NULL, "Experience\nHead of Science\n"
		   "Oakfield Academy\nSep 2019 - Aug 2023\nExam marker\n"
		   "Northern Exams Services Ltd\n2020 - 2022\nEducation\n"
		   "Eastmoor University\nBSc Chemistry\n2015 - 2018\n",
		   "Priya Shah | Profiles", out, sizeof(out)) == 0);
	/* Prose on her own page is no entry of a CV. */
	CHECK(page(emp, "Priya Shah", NULL, "About me\nI'm Priya, a "
		   "science lead at a secondary academy in Leeds. I've worked "
		   "in schools since 2014 and I blog about the bits of school "
		   "life nobody sees.\n", "Priya Shah | About", out,
		   sizeof(out)) == 0);
}

static const char rec[] =
	"[{\"kind\":\"qualification\",\"title\":\"Paddlesport Coach Level "
	"3\",\"institution\":\"National Paddlesport Council\",\"year\":"
	"\"2021\"},{\"kind\":\"qualification\",\"title\":\"Hill Leader "
	"Award\",\"institution\":\"Hill Leaders Board\",\"year\":\"2022\"},"
	"{\"kind\":\"qualification\",\"title\":\"MChem (Hons) Chemistry, "
	"First Class\",\"institution\":\"University of Eastmoor\","
	"\"year\":\"2019\"},{\"kind\":\"employment\",\"organisation\":"
	"\"Kestrel Hall Outdoor Centre\",\"role\":\"Residential Support "
	"Worker\",\"from\":\"2018-09\",\"to\":\"2021-02\"}]";

/* The awarding body's own record of them; a staff table's row. */
static void test_records(void)
{
	char out[1200];

	CHECK(level("MChem (Hons) Chemistry") == 7);
	CHECK(page(rec, "Sam Carter", NULL, "Coach finder: Sam Carter\n"
		   "Award | Awarded | Status\nPaddlesport Coach Level 1 | "
		   "2015 | Superseded\nPaddlesport Coach Level 2 | 2017 | "
		   "Current\n", "Coach finder: Sam Carter | National "
		   "Paddlesport Council", out, sizeof(out)) == 1);
	CHECK(strstr(out, "level 2 at most") != NULL);
	/* The highest award in a field of its own, "when" beside it. */
	CHECK(page(rec, "Sam Carter", NULL, "Coach finder\nName\nSam Carter"
		   "\nHighest coaching award\nCoach Level 1 "
		   "(awarded 2016)\n", "Coach finder: Sam Carter | National "
		   "Paddlesport Council", out, sizeof(out)) == 1);
	CHECK(strstr(out, "level 1 at most") != NULL);
	CHECK(page(rec, "Sam Carter", NULL, "Coach finder\nName\nSam Carter"
		   "\nHighest coaching award\nCoach Level 3 "
		   "(awarded 2021)\n", "Coach finder: Sam Carter | National "
		   "Paddlesport Council", out, sizeof(out)) == 0);
	CHECK(page(rec, "Sam Carter", NULL, "Coach finder: Sam Carter\n"
		   "Award | Awarded | Status\nPaddlesport Coach Level 2 | "
		   "2017 | Superseded\nPaddlesport Coach Level 3 | 2021 | "
		   "Current\n", "Coach finder: Sam Carter | National "
		   "Paddlesport Council", out, sizeof(out)) == 0);
	CHECK(page(rec, "Sam Carter", NULL, "Candidate record: Sam Carter\n"
		   "Scheme | Hill Leader\nTraining | Completed 2022\n"
		   "Assessment | Not yet passed\n", "Candidate record: Sam "
		   "Carter | Hill Leaders Board", out, sizeof(out)) == 1);
	CHECK(strstr(out, "not held") != NULL);
	CHECK(page(rec, "Sam Carter", NULL, "Candidate record: Sam Carter\n"
		   "Scheme | Hill Leader\nTraining | Completed 2022\n"
		   "Assessment | Passed June 2022\n", "Candidate record: Sam "
		   "Carter | Hill Leaders Board", out, sizeof(out)) == 0);
	/* A lower award under the claimed class's names. */
	CHECK(page(rec, "Sam Carter", NULL, "Graduation 2019: Chemistry\n"
		   "MChem (Hons) Chemistry\nFirst Class: Ana Bell\n"
		   "BSc (Hons) Chemistry\nUpper Second: Joe Hart, Sam Carter\n",
		   "Graduation 2019: Chemistry | University of Eastmoor", out,
		   sizeof(out)) == 1);
	CHECK(strstr(out, "lower award") != NULL);
	/* Their row gives another post; someone else's, the claimed one. */
	CHECK(page(rec, "Sam Carter", NULL, "Meet the team (2019)\n"
		   "Name | Role\nAna Bell | Centre Manager\nSam Carter | "
		   "Kitchen Porter\nJoe Hart | Residential Support Worker\n",
		   "Meet the team (2019) | Kestrel Hall Outdoor Centre", out,
		   sizeof(out)) == 1);
	CHECK(strstr(out, "as kitchen porter, and the claimed post") !=
	      NULL);
	CHECK(page(rec, "Sam Carter", NULL, "Meet the team (2019)\n"
		   "Name | Role\nAna Bell | Centre Manager\nSam Carter | "
		   "Senior Residential Support Worker\nJoe Hart | "
		   "Residential Support Worker\n", "Meet the team (2019) | "
		   "Kestrel Hall Outdoor Centre", out, sizeof(out)) == 0);
	CHECK(page(rec, "Sam Carter", NULL, "Meet the team (2019)\n"
		   "Name | Role\nAna Bell | Centre Manager\nSam Carter | "
		   "Night Supervisor\n", "Meet the team (2019) | Kestrel Hall "
		   "Outdoor Centre", out, sizeof(out)) == 0);
}

static const char rec2[] =
	"[{\"kind\":\"qualification\",\"title\":\"MBA\",\"institution\":"
	"\"University of Eastmoor\",\"year\":\"2016\"},{\"kind\":"
	"\"qualification\",\"title\":\"Fellow of the Institute of Bursars "
	"(FIB)\",\"institution\":\"Institute of Bursars\",\"year\":"
	"\"2019\"},{\"kind\":\"qualification\",\"title\":\"NPQ for "
	"Leading Teaching\",\"institution\":\"Valley Teaching Hub\","
	"\"year\":\"2023\"},{\"kind\":\"employment\",\"organisation\":"
	"\"Oakfield Junior School\",\"role\":\"School Business Manager\","
	"\"from\":\"2015-09\",\"to\":\"2019-12\"}]";

/* More records: a lower award, a lower grade, a course begun, a staff
 * table's dates. */
static void test_records2(void)
{
	char out[1200];

	CHECK(page(rec2, "Sam Carter", NULL, "Postgraduate awards 2016\n"
		   "Name | Award\nAna Bell | MBA\nSam Carter | Postgraduate "
		   "Certificate in Management\n", "Postgraduate awards 2016 | "
		   "University of Eastmoor", out, sizeof(out)) == 1);
	CHECK(strstr(out, "lower award") != NULL);
	CHECK(page(rec2, "Sam Carter", NULL, "Postgraduate awards 2016\n"
		   "Name | Award\nAna Bell | MBA\nSam Carter | MBA\n",
		   "Postgraduate awards 2016 | University of Eastmoor", out,
		   sizeof(out)) == 0);
	CHECK(page(rec2, "Sam Carter", NULL, "Register entry: Sam Carter\n"
		   "Membership class | Student (Affiliate)\nStatus | Lapsed\n"
		   "Only members shown as Associate or Fellow may use the "
		   "letters of the Institute in any way at all.\n",
		   "Register entry: Sam Carter | Institute of Bursars", out,
		   sizeof(out)) == 1);
	CHECK(strstr(out, "lower grade of membership") != NULL);
	CHECK(page(rec2, "Sam Carter", NULL, "Register entry: Sam Carter\n"
		   "Membership class | Fellow (FIB)\n", "Register entry: Sam "
		   "Carter | Institute of Bursars", out, sizeof(out)) == 0);
	CHECK(page(rec2, "Sam Carter", NULL, "Newsletter January 2026\n"
		   "Congratulations to Mrs Sam Carter, who has been accepted "
		   "onto the NPQ for Leading Teaching this term. The course "
		   "runs until 2027.\n", "Newsletter January 2026 | Valley "
		   "Teaching Hub", out, sizeof(out)) == 1);
	CHECK(strstr(out, "still studying") != NULL);
	CHECK(page(rec2, "Sam Carter", NULL, "Newsletter January 2026\n"
		   "Mrs Sam Carter has started the new term with a trip.\n",
		   "Newsletter January 2026 | Valley Teaching Hub", out,
		   sizeof(out)) == 0);
	/* A governors' report of March 2020 lists her in the post. */
	CHECK(page(rec2, "Sam Carter", NULL, "Staffing report, March 2020\n"
		   "Post | Post-holder\nHeadteacher | Mr N Green\nSchool "
		   "Business Manager | Mrs Sam Carter\n", "Staffing report to "
		   "governors, March 2020 | Oakfield Junior School", out,
		   sizeof(out)) == 1);
	CHECK(strstr(out, "after the application's end") != NULL);
	CHECK(page(rec2, "Sam Carter", NULL, "Staffing report, March 2020\n"
		   "Post | Post-holder\nSchool Business Manager | Mr N Green\n"
		   "Staff who have left | Mrs Sam Carter\n", "Staffing report "
		   "to governors, March 2020 | Oakfield Junior School", out,
		   sizeof(out)) == 0);
	/* A staff table's start column; the same start is nothing. */
	CHECK(page(rec2, "Sam Carter", NULL, "Our team\nName | Role | With "
		   "us since\nAna Bell | Head | 2009\nSam Carter | School "
		   "Business Manager | 2012\n", "Our team | Oakfield Junior "
		   "School", out, sizeof(out)) == 1);
	CHECK(strstr(out, "dates the start to 2012") != NULL);
	CHECK(page(rec2, "Sam Carter", NULL, "Our team\nName | Role | With "
		   "us since\nSam Carter | School Business Manager | 2015\n",
		   "Our team | Oakfield Junior School", out,
		   sizeof(out)) == 0);
	/* A leaving to join another post dates itself by the page, not
	 * by the new post's start. */
	CHECK(page(rec2, "Sam Carter", NULL, "Newsletter December 2018\n"
		   "We say goodbye to Mrs Sam Carter, who leaves us to join "
		   "Elm Academy in January.\n", "Newsletter December 2018 | "
		   "Oakfield Junior School", out, sizeof(out)) == 1);
	CHECK(strstr(out, "leaving in 2018-12") != NULL);
	/* "Since" dates the post they leave; the last words of leaving
	 * date the leaving, and the new role's employer is the next post
	 * ("for a new role at Elm Academy"). */
	CHECK(page(rec2, "Sam Carter", NULL, "End of term, December 2019\n"
		   "We say goodbye to Sam Carter, School Business Manager "
		   "since 2015, who leaves us at Christmas for a new role at "
		   "Elm Academy.\n", "End of term December 2019 | Oakfield "
		   "Junior School", out, sizeof(out)) == 0);
	CHECK(page(rec2, "Sam Carter", NULL, "End of term, December 2017\n"
		   "We say goodbye to Sam Carter, School Business Manager "
		   "since 2015, who leaves us at Christmas for a new role at "
		   "Elm Academy.\n", "End of term December 2017 | Oakfield "
		   "Junior School", out, sizeof(out)) == 1);
	CHECK(strstr(out, "leaving in 2017-12") != NULL);
	/* An activity's "since" is not the post's; working "since" is. */
	CHECK(page(rec2, "Sam Carter", NULL, "Newsletter, February 2018\n"
		   "Sam Carter and the office team have been rehearsing "
		   "with the Year 8 orchestra since January.\n",
		   "Newsletter February 2018 | Oakfield Junior School", out,
		   sizeof(out)) == 0);
	CHECK(page(rec2, "Sam Carter", NULL, "Newsletter, February 2018\n"
		   "Sam Carter has been working here since January.\n",
		   "Newsletter February 2018 | Oakfield Junior School", out,
		   sizeof(out)) == 1);
	/* What they said ran "since", not their post. */
	CHECK(page(rec2, "Sam Carter", NULL, "News, March 2019\nTheir "
		   "manager, Sam Carter, said the team had worked every "
		   "lunchtime since October.\n", "News March 2019 | Oakfield "
		   "Junior School", out, sizeof(out)) == 0);
	/* An ordinary degree is below the class claimed. */
	CHECK(cls("Ordinary degree (without honours)") <
	      cls("Lower second class honours"));
	/* A training provider's trainees after the claimed award. */
	CHECK(page("[{\"kind\":\"qualification\",\"title\":\"PGCE "
		   "Secondary PE (School Direct)\",\"institution\":\"Vale "
		   "SCITT\",\"year\":\"2022\"}]", "Sam Carter", NULL,
		   "Meet our 2023-24 trainees\nSam Carter (PE) comes to "
		   "teaching after five years as a trainer.\n", "Meet our "
		   "2023-24 trainees | Vale SCITT", out, sizeof(out)) == 1);
	CHECK(strstr(out, "among trainees in 2023") != NULL);
	CHECK(page("[{\"kind\":\"qualification\",\"title\":\"PGCE "
		   "Secondary PE (School Direct)\",\"institution\":\"Vale "
		   "SCITT\",\"year\":\"2022\"}]", "Sam Carter", NULL,
		   "Meet our 2021-22 trainees\nSam Carter (PE) comes to "
		   "teaching after five years as a trainer.\n", "Meet our "
		   "2021-22 trainees | Vale SCITT", out, sizeof(out)) == 0);
	/* "left Oakfield at Christmas" in January: last Christmas. */
	CHECK(page(rec2, "Sam Carter", NULL, "Newsletter January 2019\n"
		   "* Mrs Sam Carter (Business) left Oakfield at Christmas. We "
		   "thank her.\n", "Newsletter January 2019 | Oakfield Junior "
		   "School", out, sizeof(out)) == 1);
	CHECK(strstr(out, "leaving in 2018-12") != NULL);
	/* Any register may say QTS is not held, as a field and its value. */
	CHECK(page("[{\"kind\":\"qualification\",\"title\":\"QTS "
		   "(assessment-only route)\",\"institution\":\"Vale "
		   "Alliance\",\"year\":\"2023\"}]", "Sam Carter", NULL,
		   "Register entry: Sam Carter\nQualified teacher status\nNot "
		   "held (member's declaration)\n", "Register entry: Sam "
		   "Carter | Guild of Teachers", out, sizeof(out)) == 1);
	CHECK(strstr(out, "not held") != NULL);
	CHECK(page("[{\"kind\":\"qualification\",\"title\":\"QTS "
		   "(assessment-only route)\",\"institution\":\"Vale "
		   "Alliance\",\"year\":\"2023\"}]", "Sam Carter", NULL,
		   "Register entry: Sam Carter\nQualified teacher status\n"
		   "Held (2023)\n", "Register entry: Sam Carter | Guild of "
		   "Teachers", out, sizeof(out)) == 0);
	/* "left St Anne's", as the organisation is written there. */
	CHECK(page("[{\"kind\":\"employment\",\"organisation\":\"St Anne's "
		   "Academy\",\"role\":\"Teacher\",\"from\":\"2015-09\","
		   "\"to\":\"2019-08\"}]", "Sam Carter", NULL, "Newsletter, "
		   "May 2018\nMrs Sam Carter left St Anne's at Easter.\n",
		   "Newsletter May 2018 | St Anne's Academy", out,
		   sizeof(out)) == 1);
	CHECK(strstr(out, "leaving in 2018-04") != NULL);
	/* A "Post | Name" table sharing the post: her name is no post. */
	CHECK(page(rec2, "Sam Carter", NULL, "Staff, 2016\nPost | Name\n"
		   "School Business Manager | Mrs Sam Carter\nSchool Business "
		   "Manager | Mr N Green\n", "Staff 2016 | Oakfield Junior "
		   "School", out, sizeof(out)) == 0);
	/* A field with its own value; the next field's "None" is not it. */
	CHECK(page("[{\"kind\":\"qualification\",\"title\":\"QTS\","
		   "\"institution\":\"Vale Alliance\",\"year\":\"2023\"}]",
		   "Sam Carter", NULL, "Register entry: Sam Carter\nQTS | Yes\n"
		   "Sanctions | None\n", "Register entry: Sam Carter | Guild",
		   out, sizeof(out)) == 0);
	/* Full-time elsewhere inside the claimed post, in their words. */
	CHECK(page(rec2, "Sam Carter", NULL, "My story\nHi, I'm Sam Carter "
		   "from Leeds!\nI've been volunteering full-time at a "
		   "children's home in Siem Reap since January 2018 and I'm "
		   "staying until Easter 2019.\n", "Sam's year abroad | "
		   "ChipIn", out, sizeof(out)) == 1);
	CHECK(strstr(out, "full-time elsewhere from 2018-01") != NULL);
	CHECK(page(rec2, "Sam Carter", NULL, "My story\nHi, I'm Sam Carter "
		   "from Leeds!\nI volunteered full-time at a children's home "
		   "since January 2012 until June 2012, before my first "
		   "post.\n", "Sam's year abroad | ChipIn", out,
		   sizeof(out)) == 0);
	/* "is no longer working at" says when: the page's date. */
	CHECK(page(rec2, "Sam Carter", NULL, "Newsletter, May 2019\nStaff "
		   "changes: Mrs Sam Carter is no longer working at Oakfield "
		   "Junior School. Mr Bell will cover until the summer term "
		   "ends.\n", "Newsletter May 2019 | Oakfield Junior School",
		   out, sizeof(out)) == 1);
	CHECK(strstr(out, "leaving in 2019-05") != NULL);
}

static int jo_page(const char *claims, const char *prev, const char *text,
		   const char *title, const char *url, char *out,
		   size_t size);

/* "is leaving ... to start a new job at Y in January" on a page the
 * address dates December 2022: the next post's January, and the page's
 * month is the address's ("/news/2022/12/"). */
static void test_leaving_next_post(void)
{
	static const char claims[] =
		"[{\"kind\":\"employment\",\"organisation\":\"Little Lambs "
		"Nursery\",\"role\":\"Nursery Practitioner\",\"from\":"
		"\"2016-09\",\"to\":\"2022-12\"}]";
	static const char text[] = "Goodbye and good luck, Jade!\nAfter six "
		"brilliant years, Jade Moss is leaving Little Lambs Nursery to "
		"start a new job at Fellside Academy in January.\n";
	struct ds_plan_anchors a;
	struct ds_incons *c = NULL;
	json_t *j = json_loads(claims, 0, NULL);
	char out[1200];

	memset(&a, 0, sizeof(a));
	a.name = "Jade Moss";
	REQUIRE(j && ds_incons_load(j, &c) == 0);
	json_decref(j);
	CHECK(ds_incons_check(c, &a, text, strlen(text), "Goodbye and good "
			      "luck, Jade! | Little Lambs Nursery",
			      "http://nursery.test/news/2022/12/goodbye-jade",
			      NULL, 0, out, sizeof(out)) == 0);
	/* "is leaving in January" in December's news: next January. */
	CHECK(ds_incons_check(c, &a, "Goodbye, Jade\nJade Moss is leaving "
			      "Little Lambs Nursery in January.\n", 68,
			      "Goodbye | Little Lambs Nursery",
			      "http://nursery.test/news/2022/12/goodbye",
			      NULL, 0, out, sizeof(out)) == 0);
	/* Moving to the next post ("moves to Y in September") dates the
	 * next post, not a leaving of it. */
	{
		static const char claims2[] =
			"[{\"kind\":\"employment\",\"organisation\":"
			"\"Fellside Academy\",\"role\":\"Teacher\","
			"\"from\":\"2023-09\",\"to\":\"current\"},"
			"{\"kind\":\"employment\",\"organisation\":"
			"\"Oak Primary\",\"role\":\"Teacher\",\"from\":"
			"\"2021-09\",\"to\":\"2023-08\"}]";
		char out2[1200];

		CHECK(jo_page(claims2, NULL, "Farewells\nWe say goodbye to "
			      "Miss Jo Moss, who moves to Fellside Academy in "
			      "September after two happy years with us.\n",
			      "Farewells | Oak Primary",
			      "http://oak.test/news/farewells-2023", out2,
			      sizeof(out2)) == 0);
		CHECK(jo_page(claims2, NULL, "Farewells\nAt the end of term "
			      "we said goodbye to Jo Moss, who leaves after "
			      "three years to move to Fellside Academy.\n",
			      "Farewells | Oak Primary",
			      "http://oak.test/news/2023-farewells", out2,
			      sizeof(out2)) == 0);
		/* "Since 2021" is when the post began, not its end. */
		CHECK(jo_page(claims2, NULL, "Farewells\nWe say goodbye to "
			      "Jo Moss, a much-loved member of the maths team "
			      "since 2021, who moves to Fellside Academy in "
			      "September.\n", "Farewells | Oak Primary",
			      "http://oak.test/news/farewells-2023", out2,
			      sizeof(out2)) == 0);
		/* A leavers' ball is the pupils' leaving. */
		CHECK(jo_page(claims2, NULL, "Leavers' ball 2025\nThank you "
			      "to Jo Moss at Fellside Academy for organising "
			      "the leavers' ball.\n", "Leavers' ball | "
			      "Fellside Academy",
			      "http://fellside.test/news/leavers-2025", out2,
			      sizeof(out2)) == 0);
		/* The evening's end is no job's. */
		CHECK(jo_page(claims2, NULL, "Prom night\nThank you to Jo "
			      "Moss at Fellside Academy for organising the "
			      "prom. Staff left at 11pm as planned.\n",
			      "Prom 2025 | "
			      "Fellside Academy",
			      "http://fellside.test/news/prom-2025", out2,
			      sizeof(out2)) == 0);
	}
	/* Leaving in July, said in December's news, is a gap. */
	CHECK(ds_incons_check(c, &a, "Farewell\nJade Moss left Little Lambs "
			      "Nursery in July 2021.\n", 59, "Farewell | "
			      "Little Lambs Nursery",
			      "http://nursery.test/news/2021/12/farewell",
			      NULL, 0, out, sizeof(out)) == 1);
	ds_incons_free(c);
}

/* Check text as a page about Jo Moss against claims (JSON), -1 on a
 * load failure. */
static int jo_page(const char *claims, const char *prev, const char *text,
		   const char *title, const char *url, char *out, size_t size)
{
	struct ds_plan_anchors a;
	struct ds_incons *c = NULL;
	json_t *j = json_loads(claims, 0, NULL);
	int rc;

	memset(&a, 0, sizeof(a));
	a.name = "Jo Moss";
	if (prev)
		a.previous_name[a.nprevious_name++] = prev;
	if (!j || ds_incons_load(j, &c) != 0) {
		json_decref(j);
		return -1;
	}
	json_decref(j);
	rc = ds_incons_check(c, &a, text, strlen(text), title, url, NULL, 0,
			     out, size);
	ds_incons_free(c);
	return rc;
}

/* "Jo Moss, our physics technician, who ..." on the claimed employer's
 * dated page, in the claimed years of a teacher's post: a lower role.
 * Not when the post said is the one claimed. */
static void test_our_role(void)
{
	static const char claims[] =
		"[{\"kind\":\"employment\",\"organisation\":\"Oak "
		"High School\",\"role\":\"Teacher of Science\","
		"\"from\":\"2018-09\",\"to\":\"2021-08\"}]";
	char out[1200];

	CHECK(jo_page(claims, NULL, "Oak High School newsletter, Spring 2020"
		      "\nScience Week\nThe star of the week was the rocket "
		      "launch. A huge thank you to Jo Moss, our physics "
		      "technician, who built the launcher out of a drainpipe "
		      "and a bike pump and then spent three lunchtimes getting "
		      "the bottles down off the roof.\n",
		      "Newsletter, Spring 2020 | Oak High School",
		      "http://oak.test/news/2020/03/newsletter", out,
		      sizeof(out)) == 1);
	CHECK(strstr(out, "lower role") != NULL);
	CHECK(jo_page(claims, NULL, "Oak High School newsletter, Spring 2020"
		      "\nScience Week\nThe star of the week was the rocket "
		      "launch. A huge thank you to Jo Moss, our science "
		      "teacher, who built the launcher out of a drainpipe "
		      "and a bike pump and then spent three lunchtimes getting "
		      "the bottles down off the roof.\n",
		      "Newsletter, Spring 2020 | Oak High School",
		      "http://oak.test/news/2020/03/newsletter", out,
		      sizeof(out)) == 0);
}

/* A "since" dates their post only in a sentence that names them: not a
 * streak's "since" in the next one; "Mr." or "J." ends no sentence. */
static void test_since_own_sentence(void)
{
	static const char claims[] =
		"[{\"kind\":\"employment\",\"organisation\":\"Oak "
		"High School\",\"role\":\"Teacher of Biology\","
		"\"from\":\"2020-09\",\"to\":\"current\"}]";
	char out[1200];

	CHECK(jo_page(claims, NULL, "My daughter is in Year 10 at Oak High "
		      "School and has a Snapchat streak with one of her "
		      "teachers, Jo Moss (biology). 140-odd days, so since "
		      "the summer holidays.\n", "Parents' forum",
		      "http://parents.test/t/2025/11/streak", out,
		      sizeof(out)) == 0);
	CHECK(jo_page(claims, NULL, "Oak High School news\nMrs. Moss, "
		      "biology teacher at Oak High School since September "
		      "2023, ran the science fair.\n", "Science fair | Oak "
		      "High School", "http://oak.test/news/2024/03/fair", out,
		      sizeof(out)) == 1);
	CHECK(strstr(out, "2023") != NULL);
}

/* Their own post keeps an anniversary at the claimed employer, named
 * past its first word: "1 year today at the Family Hub" in March 2024
 * starts the post in March 2023, not the April 2021 claimed. */
static void test_anniversary(void)
{
	static const char claims[] =
		"[{\"kind\":\"employment\",\"organisation\":\"Marston "
		"Family Hub\",\"role\":\"Family Support Worker\","
		"\"from\":\"2021-04\",\"to\":\"current\"}]";
	char out[1200];

	CHECK(own_post(claims, "1 year today at the Family Hub \xf0\x9f\xa5"
		       "\xb3 best decision I ever made!\n", "2024-03-11", out,
		       sizeof(out)) == 1);
	CHECK(strstr(out, "2023-03") != NULL);
	CHECK(own_post(claims, "Three years today at the Family Hub, best "
		       "decision I ever made!\n", "2024-04-11", out,
		       sizeof(out)) == 0);
	/* Another hub, or no anniversary. */
	CHECK(own_post(claims, "1 year today at the Youth Hub!\n",
		       "2024-03-11", out, sizeof(out)) == 0);
	CHECK(own_post(claims, "A year at the Family Hub and I love it\n",
		       "2024-03-11", out, sizeof(out)) == 0);
}

/* A staff list's long line with each post in brackets after its name:
 * theirs is the one after their name. */
static void test_bracket_role(void)
{
	static const char claims[] =
		"[{\"kind\":\"employment\",\"organisation\":\"Oak "
		"Primary School\",\"role\":\"Teacher of Science\","
		"\"from\":\"2017-09\",\"to\":\"2022-08\"}]";
	char out[1200];

	CHECK(jo_page(claims, NULL, "Staff list 2021-22\nScience: Mr Paul "
		      "Hembrow (Head of Department), Ms Kerry Lott (Teacher "
		      "of Biology), Mr Jo Moss (Learning Mentor, Science).\n",
		      "Staff list 2021-22 | Oak Primary School",
		      "http://oak.test/about/staff-2021", out,
		      sizeof(out)) == 1);
	CHECK(strstr(out, "lower role") != NULL);
	CHECK(jo_page(claims, NULL, "Staff list 2021-22\nScience: Mr Paul "
		      "Hembrow (Head of Department), Ms Kerry Lott (Teacher "
		      "of Biology), Mr Jo Moss (Teacher of Chemistry).\n",
		      "Staff list 2021-22 | Oak Primary School",
		      "http://oak.test/about/staff-2021", out,
		      sizeof(out)) == 0);
	/* An early years practitioner listed as an assistant. */
	{
		static const char ey[] =
			"[{\"kind\":\"employment\",\"organisation\":"
			"\"Oak Day Nursery\",\"role\":\"Nursery "
			"Practitioner (Level 3)\",\"from\":\"2018-06\","
			"\"to\":\"2022-08\"}]";

		CHECK(jo_page(ey, NULL, "Meet the team\nBaby room: Jo Moss, "
			      "nursery assistant (apprentice)\nUpdated "
			      "September 2021.\n", "Meet the team | Oak Day "
			      "Nursery", "http://oak.test/meet-the-team", out,
			      sizeof(out)) == 1);
		CHECK(jo_page(ey, NULL, "Meet the team\nBaby room: Jo Moss, "
			      "early years practitioner\nUpdated September "
			      "2021.\n", "Meet the team | Oak Day Nursery",
			      "http://oak.test/meet-the-team", out,
			      sizeof(out)) == 0);
	}
	/* Someone else's post in brackets is not theirs. */
	CHECK(jo_page(claims, NULL, "Staff list 2021-22\nScience: Mr Paul "
		      "Hembrow (Head of Department), Mr Jo Moss, Ms Kerry "
		      "Lott (Learning Mentor, Science) and Mr Ed Hale.\n",
		      "Staff list 2021-22 | Oak Primary School",
		      "http://oak.test/about/staff-2021", out,
		      sizeof(out)) == 0);
}

/* A doctorate said of them that the application does not reach. */
static void test_overclaim(void)
{
	static const char claims[] =
		"[{\"kind\":\"qualification\",\"title\":\"MSc Cognitive "
		"Psychology\",\"institution\":\"Mendip University\","
		"\"year\":2015},{\"kind\":\"qualification\",\"title\":"
		"\"BSc Psychology\",\"institution\":\"Mendip University\","
		"\"year\":2014}]";
	char out[1200];

	CHECK(jo_page(claims, NULL, "Tutors\nDr Jo Moss. PhD in Cognitive "
		      "Psychology (Mendip University, 2018). Forty pounds "
		      "an hour.\n", "Jo Moss: psychology tutor | Tutors",
		      "http://tutors.test/jo-moss", out, sizeof(out)) == 1);
	CHECK(strstr(out, "doctorate") != NULL);
	/* One being studied for, or someone else's, is not. */
	CHECK(jo_page(claims, NULL, "Tutors\nJo Moss is studying for a PhD "
		      "in Cognitive Psychology.\n", "Jo Moss | Tutors",
		      "http://tutors.test/jo-moss", out, sizeof(out)) == 0);
	CHECK(jo_page(claims, NULL, "Tutors\nJo Moss, psychology tutor, "
		      "says her sister has just finished her own long and "
		      "hard won PhD in Oxford.\n", "Jo Moss | Tutors",
		      "http://tutors.test/jo-moss", out, sizeof(out)) == 0);
}

/* The eighth round's shapes: a title and a surname on the employer's
 * page; an assessment booked; a role after the name; a resignation in
 * minutes; an organisation named past its place. */
static void test_round_eight(void)
{
	static const char esk[] =
		"[{\"kind\":\"employment\",\"organisation\":\"Eskerby "
		"Academy\",\"role\":\"Teacher of PE\",\"from\":\"2013-09\","
		"\"to\":\"2022-07\"}]";
	static const char ml[] =
		"[{\"kind\":\"employment\",\"organisation\":\"Kirkgarth High "
		"School\",\"role\":\"Teacher of PE\",\"from\":\"2019-09\","
		"\"to\":null},{\"kind\":\"qualification\",\"title\":"
		"\"Mountain Leader (summer)\",\"institution\":\"Mountain "
		"Training\",\"year\":\"2017\"}]";
	static const char ta[] =
		"[{\"kind\":\"employment\",\"organisation\":\"Yarnley CE "
		"Primary School\",\"role\":\"Class Teacher\",\"from\":"
		"\"2014-09\",\"to\":\"2019-08\"}]";
	static const char yjs[] =
		"[{\"kind\":\"employment\",\"organisation\":\"Carlhaven Youth "
		"Justice Service\",\"role\":\"Support Worker\",\"from\":"
		"\"2019-06\",\"to\":\"2025-08\"}]";
	char out[1200];

	/* "Miss Tyson", her previous name, on her old school's page. */
	CHECK(jo_page(esk, "Jo Tyson", "Staff news\nMiss Tyson left us at "
		      "October half term. Mr Carr has taken over netball.\n",
		      "November newsletter 2021 | Eskerby Academy",
		      "http://eskerby.test/newsletter/2021-11", out,
		      sizeof(out)) == 1);
	CHECK(strstr(out, "leaving in 2021-10") != NULL);
	/* Not on another school's page: a Miss Tyson there is anyone. */
	CHECK(jo_page(esk, "Jo Tyson", "Staff news\nMiss Tyson left us at "
		      "October half term.\n", "November newsletter 2021 | "
		      "Fellside School", "http://fellside.test/newsletter",
		      out, sizeof(out)) == 0);
	CHECK(jo_page(ml, NULL, "Kirkgarth High School newsletter\nMiss Moss "
		      "is booked onto her Mountain Leader assessment this "
		      "August.\n", "Summer newsletter, June 2025 | Kirkgarth "
		      "High School", "http://kh.test/n", out,
		      sizeof(out)) == 1);
	CHECK(strstr(out, "still studying") != NULL);
	CHECK(jo_page(ml, NULL, "Kirkgarth High School newsletter\nMiss Moss "
		      "is booked onto the Year 10 Mountain Leader walk this "
		      "August.\n", "Summer newsletter, June 2016 | Kirkgarth "
		      "High School", "http://kh.test/n", out,
		      sizeof(out)) == 0);
	CHECK(jo_page(ta, NULL, "Yarnley CE Primary School's walk raised "
		      "money.\nMr Moss, a teaching assistant at Yarnley who "
		      "lives in Marcham, said the Year 6s set the pace and "
		      "the grown-ups spent most of the day behind them.\n",
		      "Pupils walk for minibus", "http://news.test/2016/05/"
		      "walk", out, sizeof(out)) == 1);
	CHECK(strstr(out, "lower role") != NULL);
	CHECK(jo_page(ta, NULL, "Yarnley CE Primary School's walk raised "
		      "money.\nMr Moss, a class teacher at Yarnley who lives "
		      "in Marcham, said the Year 6s set the pace and the "
		      "grown-ups spent most of the day behind them.\n",
		      "Pupils walk for minibus", "http://news.test/2016/05/"
		      "walk", out, sizeof(out)) == 0);
	CHECK(jo_page(yjs, NULL, "Club news\nJo Moss has finished at the "
		      "youth justice service in Carlhaven after three years "
		      "there.\n", "Jo goes full time | Kirkgarth ABC",
		      "http://abc.test/news/2022/08/jo", out,
		      sizeof(out)) == 1);
	CHECK(strstr(out, "leaving in 2022-08") != NULL);
	/* Another town's youth justice service is not hers. */
	CHECK(jo_page(yjs, NULL, "Club news\nJo Moss has finished at the "
		      "youth justice service in Eskerby after three years "
		      "there.\n", "Jo goes full time | Kirkgarth ABC",
		      "http://abc.test/news/2022/08/jo", out,
		      sizeof(out)) == 0);
	CHECK(jo_page(esk, NULL, "Minutes, 22 March 2016\n7.1 The Principal "
		      "reported one resignation since the last meeting: Jo "
		      "Moss, Teacher of PE, with effect from 31 March 2016.\n",
		      "Minutes | Eskerby Academy", "http://e.test/minutes",
		      out, sizeof(out)) == 1);
	CHECK(strstr(out, "leaving in 2016-03") != NULL);
}

/* "Highly commended" under the award the application says was won;
 * "no longer works for" on the employer's own page. */
static void test_award_place(void)
{
	static const char award[] =
		"[{\"kind\":\"qualification\",\"title\":\"Primary Teacher "
		"of the Year 2019 (winner)\",\"institution\":\"Mercury "
		"Education Awards\",\"year\":\"2019\"}]";
	static const char won[] =
		"[{\"kind\":\"qualification\",\"title\":\"Primary Teacher "
		"of the Year 2019\",\"institution\":\"Mercury Education "
		"Awards\",\"year\":\"2019\"}]";
	static const char centre[] =
		"[{\"kind\":\"employment\",\"organisation\":\"Wolds Outdoor "
		"Centre\",\"role\":\"Instructor\",\"from\":\"2013-04\","
		"\"to\":\"2019-08\"}]";
	static const char page_text[] =
		"Mercury Education Awards 2019: the winners\nPrimary Teacher "
		"of the Year\nWinner: Paul Ainsworth, Mablesea Primary.\n"
		"Highly commended: Jo Moss, Altonby Junior School.\n";
	char out[1200];

	CHECK(jo_page(award, NULL, page_text, "Mercury Education Awards 2019: "
		      "the winners", "http://m.test/awards", out,
		      sizeof(out)) == 1);
	CHECK(strstr(out, "highly commended") != NULL);
	/* Someone else highly commended, they the winner. */
	CHECK(jo_page(award, NULL, "Mercury Education Awards 2019: the "
		      "winners\nPrimary Teacher of the Year\nWinner: Jo Moss. "
		      "Highly commended: Sam Kerr.\n", "Mercury Education "
		      "Awards 2019: the winners", "http://m.test/awards", out,
		      sizeof(out)) == 0);
	/* A claim that does not say won; a year that is not the claim's. */
	CHECK(jo_page(won, NULL, page_text, "Mercury Education Awards 2019: "
		      "the winners", "http://m.test/awards", out,
		      sizeof(out)) == 0);
	CHECK(jo_page(award, NULL, page_text, "Mercury Education Awards 2017: "
		      "the winners", "http://m.test/awards", out,
		      sizeof(out)) == 0);
	CHECK(jo_page(centre, NULL, "Statement\nWe can confirm that the "
		      "instructor concerned, Jo Moss, no longer works for the "
		      "centre.\n", "Statement | Wolds Outdoor Centre",
		      "http://w.test/news/2017/09/statement", out,
		      sizeof(out)) == 1);
	CHECK(strstr(out, "leaving in 2017-09") != NULL);
}

/* Another school's staff list with them on it, inside a claimed post. */
static void test_other_staff(void)
{
	static const char claims[] =
		"[{\"kind\":\"employment\",\"organisation\":\"Sedgeworth "
		"Community Primary School\",\"role\":\"Class Teacher\","
		"\"from\":\"2017-09\",\"to\":\"2022-07\"}]";
	static const char text[] =
		"Haverstoke Hall Preparatory School\nPrize-giving 2020\n"
		"Published 10 July 2020\nStaff 2019-2020\nHeadmaster: Mr Giles "
		"Parfitt MA\nHead of Year 6 and History: Mrs Jo Moss BA PGCE, "
		"who joined us in September 2019\n";
	static const char theirs[] =
		"Sedgeworth Community Primary School\nPrize-giving 2020\n"
		"Published 10 July 2020\nStaff 2019-2020\nHead of Year 6 and "
		"History: Mrs Jo Moss BA PGCE\n";
	char out[1200];

	CHECK(jo_page(claims, NULL, text, "Prize-giving 2020 | Haverstoke "
		      "Hall", "http://n.test/hh/2020", out, sizeof(out)) == 1);
	CHECK(strstr(out, "another school's staff in 2019-09") != NULL);
	/* A news story that gives them a post in passing is no list. */
	CHECK(jo_page(claims, NULL, "Shoppers abused in deli\nStaff at the "
		      "deli called the police.\nJo Moss, a teaching assistant "
		      "who was buying bread, said: it was frightening.\n",
		      "Shoppers abused | Courier", "http://c.test/news/2020/07/"
		      "deli", out, sizeof(out)) == 0);
	/* Their own school's list; a list from after the claimed post. */
	CHECK(jo_page(claims, NULL, theirs, "Prize-giving 2020", "http://n."
		      "test/s/2020", out, sizeof(out)) == 0);
	CHECK(jo_page(claims, NULL, "Haverstoke Hall Preparatory School\n"
		      "Published 10 July 2023\nStaff 2022-2023\nHead of Year 6 "
		      "and History: Mrs Jo Moss BA PGCE\n", "Prize-giving 2023 "
		      "| Haverstoke Hall", "http://n.test/hh/2023", out,
		      sizeof(out)) == 0);
}

/* Their own page in the first person dates the claimed post's start. */
static void test_own_start(void)
{
	static const char claims[] =
		"[{\"kind\":\"employment\",\"organisation\":\"Holmfield "
		"Primary School\",\"role\":\"EAL Teaching Assistant\","
		"\"from\":\"2019-09\",\"to\":null}]";
	char out[1200];

	CHECK(jo_page(claims, NULL, "About me\nSince January 2022 I have "
		      "worked as the EAL assistant in a Cannerby primary. "
		      "Before that I packed parcels.\n", "About Jo Moss",
		      "http://jo.test/about", out, sizeof(out)) == 1);
	CHECK(strstr(out, "start to 2022-01") != NULL);
	/* A part of a claimed post of two that came later. */
	CHECK(jo_page("[{\"kind\":\"employment\",\"organisation\":"
		      "\"Ullerdale Community School\",\"role\":\"Teacher of "
		      "PE and Head of Year 9\",\"from\":\"2015-09\",\"to\":"
		      "null}]", NULL, "About me\nI was a firefighter before "
		      "retraining. I have worked as Head of Year 9 at "
		      "Ullerdale Community School since 2018. I love it.\n",
		      "About Jo Moss", "http://jo.test/about", out,
		      sizeof(out)) == 0);
	/* A word of the role said twice counts once. */
	CHECK(jo_page("[{\"kind\":\"employment\",\"organisation\":\"X Y "
		      "Z\",\"role\":\"EAL Assistant\",\"from\":\"2019-09\","
		      "\"to\":null}]", NULL, "About me\nSince January 2015 I "
		      "have worked as an assistant to the assistant head.\n",
		      "About Jo Moss", "http://jo.test/about", out,
		      sizeof(out)) == 0);
	/* The same start; someone else's page. */
	CHECK(jo_page(claims, NULL, "About me\nSince September 2019 I have "
		      "worked as the EAL assistant in a Cannerby primary.\n",
		      "About Jo Moss", "http://jo.test/about", out,
		      sizeof(out)) == 0);
	CHECK(jo_page(claims, NULL, "About me\nSince January 2022 I have "
		      "worked as the EAL assistant in a Cannerby primary.\n",
		      "About Sam Kerr", "http://sam.test/about", out,
		      sizeof(out)) == 0);
}

/* The latest year of birth the claims allow. */
/* In their own post, an award they left before its end, named short;
 * not when two claims are of its kind, nor a PGCE for a PG Cert. */
static void test_own_dropout(void)
{
	static const char one[] =
		"[{\"kind\":\"qualification\",\"title\":\"PG Cert Severe, "
		"Profound and Multiple Learning Difficulties\",\"institution\":"
		"\"University of Eastmoor\",\"year\":\"2022\"},{\"kind\":"
		"\"qualification\",\"title\":\"BEd (Hons) Primary "
		"Education\",\"institution\":\"University of Eastmoor\","
		"\"year\":\"2015\"}]";
	static const char two[] =
		"[{\"kind\":\"qualification\",\"title\":\"PG Cert Severe, "
		"Profound and Multiple Learning Difficulties\",\"institution\":"
		"\"University of Eastmoor\",\"year\":\"2022\"},{\"kind\":"
		"\"qualification\",\"title\":\"PG Cert Autism\","
		"\"institution\":\"University of Eastmoor\",\"year\":"
		"\"2020\"}]";
	char out[1200];

	CHECK(own_post(one, "priyas\nTwo years today since I pulled out of "
		       "the PGCert halfway through. Best decision I made.\n",
		       "2024-03-20", out, sizeof(out)) == 1);
	CHECK(strstr(out, "no award made") != NULL);
	CHECK(own_post(one, "priyas\nTwo years today since I finished the "
		       "PGCert. Best decision I made.\n", "2024-03-20", out,
		       sizeof(out)) == 0);
	CHECK(own_post(two, "priyas\nTwo years today since I pulled out of "
		       "the PGCert halfway through.\n", "2024-03-20", out,
		       sizeof(out)) == 0);
	CHECK(own_post(one, "priyas\nTwo years today since I pulled out of "
		       "the PGCE halfway through.\n", "2024-03-20", out,
		       sizeof(out)) == 0);
}

static void test_born_by(void)
{
	static const char claims[] =
		"[{\"kind\":\"employment\",\"organisation\":\"Eastmere "
		"Primary School\",\"role\":\"Class Teacher\",\"from\":"
		"\"2019-09\",\"to\":null},{\"kind\":\"qualification\","
		"\"title\":\"BSc (Hons) Sport Science\",\"institution\":"
		"\"University of Grimsworth\",\"year\":\"2012\"},{\"kind\":"
		"\"qualification\",\"title\":\"PGCE Primary with QTS\","
		"\"institution\":\"University of Grimsworth\",\"year\":"
		"\"2019\"}]";
	json_t *j = json_loads(claims, 0, NULL);

	REQUIRE(j != NULL);
	/* A degree in 2012 from 19: born by 1993 (a report's "31" in
	 * October 2025, born 1993 or 1994, is them: other_age allows the
	 * year before). */
	CHECK_INT(ds_incons_born_by(j), 1993);
	/* The earliest claim: the degree, before the job. */
	CHECK_INT(ds_incons_first_claim(j), 2012);
	json_decref(j);
	j = json_loads("[{\"kind\":\"employment\",\"organisation\":\"X "
		       "Y\",\"role\":\"Cook\",\"from\":\"2020-01\"}]", 0,
		       NULL);
	REQUIRE(j != NULL);
	CHECK_INT(ds_incons_born_by(j), 2005);
	json_decref(j);
	j = json_loads("[]", 0, NULL);
	CHECK_INT(ds_incons_born_by(j), 0);
	CHECK_INT(ds_incons_first_claim(j), 0);
	json_decref(j);
}

int main(void)
{
	RUN(test_dates);
	RUN(test_orgs);
	RUN(test_roles);
	RUN(test_awards);
	RUN(test_pages);
	RUN(test_start_and_items);
	RUN(test_closure);
	RUN(test_first_name);
	RUN(test_qual_pages);
	RUN(test_profile);
	RUN(test_records);
	RUN(test_records2);
	RUN(test_leaving_next_post);
	RUN(test_bracket_role);
	RUN(test_our_role);
	RUN(test_anniversary);
	RUN(test_since_own_sentence);
	RUN(test_overclaim);
	RUN(test_round_eight);
	RUN(test_born_by);
	RUN(test_own_dropout);
	RUN(test_award_place);
	RUN(test_other_staff);
	RUN(test_own_start);
	return check_summary();
}
