/*
 * incons.c: the application's claims set against a page about the
 * candidate (see incons.h).  Everything works on lines: a page's text
 * comes as blocks ending in '\n' (page.h), so a staff list's heading, an
 * item of a list and a profile's experience entry are each a line.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "err.h"
#include "incons.h"
#include "mem.h"

#define NORM_MAX 1024           /* a normalised line, bytes */
#define CLAIMS_MAX 32
#define LINES_MAX 4000
#define TOL 2                   /* months two dates may differ by */
#define BACK 15                 /* lines looked back for a heading */

struct claim {
	int qual;               /* 0 employment, 1 qualification */
	char what[200];         /* role, or title */
	char where[200];        /* organisation, or institution */
	long from, to;          /* months; to DS_INCONS_NOW if current */
	int from_span, to_span; /* 1 for a month, 12 for a bare year */
	int year;               /* qualification */
	char from_s[8], to_s[8];
	char where_n[512];      /* where, normalised as an organisation;
				 * "" when it is one word or none */
	char where_p[512];      /* its parent body, named by its first
				 * words ("Marlshire County Council" of
				 * "... Council Youth Service"), or "" */
	char where_r[512];      /* its name past a first word ("youth
				 * justice service" of "Carlhaven Youth
				 * Justice Service"), named with that word
				 * in the same line, or "" */
	char where_f[64];       /* that first word */
};

struct ds_incons {
	struct claim c[CLAIMS_MAX];
	size_t n;
};

/* ---- normalising ------------------------------------------------------ */

/* The letters of U+00C0..U+00FF and U+0100..U+017F without accents. */
static const char latin1[] =
	"aaaaaaaceeeeiiiidnooooo ouuuuytsaaaaaaaceeeeiiiidnooooo ouuuuyty";
static const char latin_a[] =
	"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiijjjjkkk"
	"llllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuu"
	"wwyyyzzzzzzs";

static int is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static int last_nonspace_digit(const char *out, size_t o)
{
	while (o > 0 && out[o - 1] == ' ')
		o--;
	return o > 0 && out[o - 1] >= '0' && out[o - 1] <= '9';
}

/* Put a word (w, wn bytes) into out, with the org substitutions. */
static void put_word(char *out, size_t size, size_t *o, const char *w,
		     size_t wn, int org)
{
	size_t i;

	if (!wn)
		return;
	if (org) {
		if (wn == 2 && memcmp(w, "st", 2) == 0) {
			w = "saint";
			wn = 5;
		} else if (wn == 7 && memcmp(w, "academy", 7) == 0) {
			w = "school";
			wn = 6;
		} else if (wn == 3 && memcmp(w, "the", 3) == 0) {
			return;
		}
	}
	if (*o + wn + 2 > size)
		return;
	for (i = 0; i < wn; i++)
		out[(*o)++] = w[i];
	out[(*o)++] = ' ';
}

void ds_incons_norm(const char *s, size_t n, int org, char *out,
		    size_t size)
{
	char w[64];
	size_t i = 0, o = 0, wn = 0;

	if (size < 2) {
		if (size)
			out[0] = '\0';
		return;
	}
	out[o++] = ' ';
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		int ch = -1;            /* a letter, or -1 for a break */
		int dash = 0, amp = 0;

		if (c >= 'A' && c <= 'Z') {
			ch = c - 'A' + 'a';
			i++;
		} else if (is_alnum(c)) {
			ch = c;
			i++;
		} else if (c == 0xC3 && i + 1 < n &&
			   (unsigned char)s[i + 1] >= 0x80 &&
			   (unsigned char)s[i + 1] <= 0xBF) {
			ch = latin1[(unsigned char)s[i + 1] - 0x80];
			i += 2;
		} else if ((c == 0xC4 || c == 0xC5) && i + 1 < n &&
			   (unsigned char)s[i + 1] >= 0x80 &&
			   (unsigned char)s[i + 1] <= 0xBF) {
			ch = latin_a[(c - 0xC4) * 64 +
				     (unsigned char)s[i + 1] - 0x80];
			i += 2;
		} else if (c == 0xE2 && i + 2 < n &&
			   (unsigned char)s[i + 1] == 0x80 &&
			   ((unsigned char)s[i + 2] == 0x93 ||
			    (unsigned char)s[i + 2] == 0x94)) {
			dash = 1;       /* en or em dash */
			i += 3;
		} else if (c == 0xE2 && i + 2 < n &&
			   (unsigned char)s[i + 1] == 0x80 &&
			   ((unsigned char)s[i + 2] == 0x98 ||
			    (unsigned char)s[i + 2] == 0x99)) {
			i += 3;         /* a curly apostrophe joins */
			continue;
		} else if (c == '\'') {
			i++;
			continue;
		} else {
			dash = c == '-';
			amp = c == '&';
			i++;
			if (c >= 0x80)  /* skip the rest of the character */
				while (i < n && ((unsigned char)s[i] & 0xC0) ==
				       0x80)
					i++;
		}
		if (ch == ' ')
			ch = -1;
		if (ch >= 0) {
			if (wn < sizeof(w))
				w[wn++] = (char)ch;
			continue;
		}
		put_word(out, size, &o, w, wn, org);
		/* A dash after a number, or set apart, is "to": 2018-2021,
		 * Sep 2015 - Jul 2021; within a word it only breaks it. */
		if (dash && (wn ? w[wn - 1] >= '0' && w[wn - 1] <= '9' :
			     last_nonspace_digit(out, o) ||
			     (i < n && s[i] == ' ')))
			put_word(out, size, &o, "to", 2, 0);
		wn = 0;
		if (amp)
			put_word(out, size, &o, "and", 3, 0);
	}
	put_word(out, size, &o, w, wn, org);
	out[o] = '\0';
}

/* Does normalised h hold the normalised phrase p (" a b ") as words? */
static int has(const char *h, const char *p)
{
	return strstr(h, p) != NULL;
}

/* An organisation's name normalised into out; "" when it is one word
 * (one word is no organisation's full name). */
static void org_norm(const char *org, char *out, size_t size)
{
	size_t words = 0, i;

	ds_incons_norm(org, strlen(org), 1, out, size);
	for (i = 1; out[i]; i++)
		if (out[i] == ' ')
			words++;
	if (words < 2)
		out[0] = '\0';
}

/*
 * The parent body of a normalised organisation n: its longest proper
 * prefix of three words or more that ends in the kind of a body ("...
 * county council" of "... county council youth service"); "" if none.
 */
static void org_parent(const char *n, char *out, size_t size)
{
	static const char *const kinds[] = {
		"council", "trust", "college", "university", "authority",
		"board", NULL
	};
	size_t i, words = 0, best = 0, ws = 0, k;

	out[0] = '\0';
	for (i = 1; n[i]; i++) {
		if (n[i] != ' ')
			continue;
		words++;
		for (k = 0; kinds[k]; k++)
			if (i - ws - 1 == strlen(kinds[k]) &&
			    strncmp(n + ws + 1, kinds[k], i - ws - 1) == 0)
				break;
		if (kinds[k] && words >= 3 && n[i + 1])
			best = i + 1;
		ws = i;
	}
	if (best && best < size) {
		memcpy(out, n, best);
		out[best] = '\0';
	}
}

/*
 * A unit's parent after a comma ("1st Battalion, The Marches Rifles"),
 * normalised into out when out holds no parent body and the part after
 * the comma starts with "The" and has two words or more: a page may name
 * the parent alone.
 */
static void comma_parent(const char *org, char *out, size_t size)
{
	const char *c = strrchr(org, ',');

	/* "The Marches Rifles", not a school's town ("X School, Market
	 * Harborough"). */
	if (out[0] || !c || strncasecmp(c + 1 + strspn(c + 1, " "), "the ",
					4) != 0)
		return;
	org_norm(c + 1, out, size);
}

/*
 * An organisation's name past its first word, when three words or more
 * follow ("Carlhaven Youth Justice Service"): a page may say "the youth
 * justice service in Carlhaven".  rest and first normalised, or "".
 */
static void org_rest(const char *n, char *rest, size_t rsize, char *first,
		     size_t fsize)
{
	const char *sp = strchr(n + 1, ' ');
	size_t words = 0, i;

	rest[0] = first[0] = '\0';
	if (!sp || (size_t)(sp - n) + 2 > fsize)
		return;
	for (i = 0; sp[i]; i++)
		words += sp[i] == ' ' && sp[i + 1];
	if (words < 3)
		return;
	snprintf(rest, rsize, "%s", sp);
	memcpy(first, n, (size_t)(sp - n));
	first[sp - n] = ' ';
	first[sp - n + 1] = '\0';
}

/*
 * A unit named in brackets ("British Army (Royal Engineers)"), normalised
 * into out when out holds no parent body and the unit has two words or
 * more: a page may name the unit alone.
 */
static void paren_unit(const char *org, char *out, size_t size)
{
	const char *o = strchr(org, '('), *c;
	char unit[256];

	if (out[0] || !o || !(c = strchr(o, ')')) ||
	    (size_t)(c - o) >= sizeof(unit))
		return;
	snprintf(unit, sizeof(unit), "%.*s", (int)(c - o - 1), o + 1);
	org_norm(unit, out, size);
}

int ds_incons_org_in(const char *org, const char *s, size_t n)
{
	char no[NORM_MAX], ns[NORM_MAX * 4];

	org_norm(org, no, sizeof(no));
	if (!no[0])
		return 0;
	if (n > NORM_MAX * 3)
		n = NORM_MAX * 3;
	ds_incons_norm(s, n, 1, ns, sizeof(ns));
	return has(ns, no);
}

/* ---- dates ------------------------------------------------------------ */

struct word {
	const char *p;
	size_t n;
};

/* Split normalised text into words; returns how many (at most max). */
static size_t words(const char *norm, struct word *w, size_t max)
{
	size_t k = 0;
	const char *p = norm;

	while (*p && k < max) {
		const char *e;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		e = strchr(p, ' ');
		if (!e)
			e = p + strlen(p);
		w[k].p = p;
		w[k].n = (size_t)(e - p);
		k++;
		p = e;
	}
	return k;
}

static int word_is(const struct word *w, const char *s)
{
	return w->n == strlen(s) && memcmp(w->p, s, w->n) == 0;
}

/* A month (1-12) or a season's month; strict: a verb-like name. */
static int month_of(const struct word *w, int *strict)
{
	static const char *const m[] = {
		"january", "february", "march", "april", "may", "june",
		"july", "august", "september", "october", "november",
		"december"
	};
	static const struct {
		const char *s;
		int m;
	} season[] = {
		{ "christmas", 12 }, { "easter", 4 }, { "spring", 3 },
		{ "summer", 7 }, { "autumn", 10 }, { "sept", 9 },
	};
	size_t i;

	*strict = 0;
	for (i = 0; i < 12; i++) {
		if (word_is(w, m[i]) ||
		    (w->n == 3 && memcmp(w->p, m[i], 3) == 0)) {
			*strict = i == 2 || i == 4;
			return (int)i + 1;
		}
	}
	for (i = 0; i < sizeof(season) / sizeof(season[0]); i++)
		if (word_is(w, season[i].s))
			return season[i].m;
	return 0;
}

static int year_of(const struct word *w)
{
	int y = 0;
	size_t i;

	if (w->n != 4)
		return 0;
	for (i = 0; i < 4; i++) {
		if (w->p[i] < '0' || w->p[i] > '9')
			return 0;
		y = y * 10 + (w->p[i] - '0');
	}
	return y >= 1950 && y <= 2099 ? y : 0;
}

/*
 * A date starting at word i: month (then up to two filler words) and
 * year, or a bare year, or a month alone with def_year.  Returns the
 * words used (0: none).
 */
static size_t date_at(const struct word *w, size_t nw, size_t i,
		      int def_year, long *month, int *span)
{
	int m, strict, y;
	size_t j;

	y = year_of(&w[i]);
	if (y) {
		*month = (long)y * 12;
		*span = 12;
		return 1;
	}
	m = month_of(&w[i], &strict);
	if (!m)
		return 0;
	for (j = i + 1; j < nw && j <= i + 3; j++) {
		y = year_of(&w[j]);
		if (y) {
			*month = (long)y * 12 + m - 1;
			*span = 1;
			return j - i + 1;
		}
		if (!word_is(&w[j], "half") && !word_is(&w[j], "term") &&
		    !word_is(&w[j], "of") && !word_is(&w[j], "holidays") &&
		    !word_is(&w[j], "holiday"))
			break;
	}
	if (def_year && !strict) {
		*month = (long)def_year * 12 + m - 1;
		*span = 1;
		return 1;
	}
	return 0;
}

/*
 * The first date in norm.  With skip_since, past any date after "since"
 * ("in the maths team since 2016 and leaves in July"): that is when the
 * post began, never the date of a leaving.
 */
static int date_norm_skip(const char *norm, int def_year, long *month,
			  int *span, int skip_since)
{
	struct word w[160];
	size_t nw = words(norm, w, 160), i;

	for (i = 0; i < nw; i++) {
		if (skip_since && word_is(&w[i], "since")) {
			long m;
			int sp;

			i += i + 1 < nw ? date_at(w, nw, i + 1, def_year, &m,
						  &sp) : 0;
			continue;
		}
		if (date_at(w, nw, i, def_year, month, span))
			return 1;
	}
	return 0;
}

static int date_norm(const char *norm, int def_year, long *month,
		     int *span)
{
	return date_norm_skip(norm, def_year, month, span, 0);
}

/* The date of a leaving in norm (date_norm_skip). */
static int leave_date_norm(const char *norm, int def_year, long *month,
			   int *span)
{
	return date_norm_skip(norm, def_year, month, span, 1);
}

int ds_incons_date(const char *s, size_t n, int def_year, long *month,
		   int *span)
{
	char norm[NORM_MAX];

	ds_incons_norm(s, n, 0, norm, sizeof(norm));
	return date_norm(norm, def_year, month, span);
}

/* A period in normalised text, with the precision of each end. */
static int range_norm(const char *norm, long *from, int *fspan, long *to,
		      int *tspan)
{
	struct word w[160];
	size_t nw = words(norm, w, 160), i, k;

	for (i = 0; i < nw; i++) {
		long a, b;
		int as, bs;
		int since = word_is(&w[i], "since");

		if (since && i + 1 >= nw)
			break;
		k = date_at(w, nw, since ? i + 1 : i, 0, &a, &as);
		if (!k)
			continue;
		if (since) {
			*from = a;
			*fspan = as;
			*to = DS_INCONS_NOW;
			*tspan = 1;
			return 1;
		}
		k += i;
		if (k + 1 >= nw || !(word_is(&w[k], "to") ||
				     word_is(&w[k], "until")))
			continue;
		if (word_is(&w[k + 1], "present") ||
		    word_is(&w[k + 1], "now") || word_is(&w[k + 1], "date") ||
		    word_is(&w[k + 1], "current") ||
		    word_is(&w[k + 1], "today")) {
			b = DS_INCONS_NOW;
			bs = 1;
		} else if (as == 12 && w[k + 1].n == 2 &&
			   w[k + 1].p[0] >= '0' && w[k + 1].p[0] <= '9' &&
			   w[k + 1].p[1] >= '0' && w[k + 1].p[1] <= '9' &&
			   (a / 12 + 1) % 100 == (w[k + 1].p[0] - '0') * 10 +
			   (w[k + 1].p[1] - '0')) {
			/* An academic year: 2023-24 is September to July. */
			*from = a + 8;
			*fspan = 1;
			*to = a + 12 + 6;
			*tspan = 1;
			return 1;
		} else if (!date_at(w, nw, k + 1, (int)(a / 12), &b, &bs)) {
			continue;
		}
		if (b != DS_INCONS_NOW && bs == 12)
			b += 11;
		if (b < a)
			continue;
		*from = a;
		*fspan = as;
		*to = b;
		*tspan = bs;
		return 1;
	}
	return 0;
}

int ds_incons_range(const char *s, size_t n, long *from, long *to)
{
	char norm[NORM_MAX];
	int fs, ts;

	ds_incons_norm(s, n, 0, norm, sizeof(norm));
	return range_norm(norm, from, &fs, to, &ts);
}

/* How many months apart two dates are, each with its precision. */
static long apart(long a, int as, long b, int bs)
{
	long ae, be;

	if (a == DS_INCONS_NOW || b == DS_INCONS_NOW)
		return a == b ? 0 : 1000;
	ae = a + as - 1;
	be = b + bs - 1;
	if (ae < b)
		return b - ae;
	if (be < a)
		return a - be;
	return 0;
}

/* ---- roles and qualifications ----------------------------------------- */

static int rank_norm(const char *norm)
{
	static const struct {
		const char *p;
		int rank;
	} t[] = {
		{ " headteacher", 5 }, { " head teacher", 5 },
		{ " principal ", 5 }, { " deputy head", 5 },
		{ " assistant head", 5 }, { " executive head", 5 },
		{ " head of school ", 5 },
		{ " head of ", 4 }, { " second in ", 4 },
		{ " subject lead", 4 }, { " curriculum lead", 4 },
		{ " literacy lead", 4 }, { " lead practitioner", 4 },
		{ " coordinator", 4 }, { " senco ", 4 },
		{ " director of ", 4 }, { " hod ", 4 },
		{ " teaching assistant", 2 }, { " classroom assistant", 2 },
		{ " learning support", 2 }, { " hlta ", 2 },
		{ " cover supervisor", 2 }, { " support assistant", 2 },
		{ " support worker", 2 }, { " learning mentor", 2 },
		{ " behaviour mentor", 2 }, { " inclusion mentor", 2 },
		{ " pastoral assistant", 2 }, { " pastoral support", 2 },
		{ " midday supervisor", 1 }, { " midday assistant", 1 },
		{ " midday meal", 1 }, { " midday staff", 1 },
		{ " midday team", 1 }, { " lunchtime supervisor", 1 },
		{ " lunchtime assistant", 1 }, { " lunchtime staff", 1 },
		{ " lunchtime team", 1 }, { " dinner lad", 1 },
		{ " site manager", 1 }, { " site team", 1 },
		{ " caretaker", 1 }, { " cleaner", 1 },
		{ " receptionist", 1 }, { " administrator", 1 },
		{ " office manager", 1 }, { " exams officer", 1 },
		{ " librarian", 1 }, { " technician", 1 },
		{ " reprographics", 1 },
		{ " teacher", 3 }, { " lecturer", 3 }, { " ect ", 3 },
		{ " practitioner", 3 }, { " nursery nurse", 3 },
		{ " nursery assistant", 2 },
		{ " nqt ", 3 }, { " teaching staff", 3 },
		/* The grades of any office, after the posts above. */
		{ " apprentice", 1 }, { " trainee ", 1 }, { " clerk ", 1 },
		{ " assistant ", 2 }, { " officer ", 3 }, { " adviser ", 3 },
		{ " advisor ", 3 }, { " manager ", 4 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (has(norm, t[i].p))
			return t[i].rank;
	return 0;
}

int ds_incons_role_rank(const char *s, size_t n)
{
	char norm[NORM_MAX];

	ds_incons_norm(s, n, 0, norm, sizeof(norm));
	return rank_norm(norm);
}

static int level_norm(const char *norm)
{
	static const struct {
		const char *p;
		int level;
	} t[] = {
		{ " pgce ", 0 },
		{ " postgraduate certificate in education", 0 },
		{ " professional graduate certificate", 0 },
		{ " phd ", 8 }, { " dphil ", 8 }, { " edd ", 8 },
		{ " doctor of ", 8 }, { " doctorate", 8 },
		{ " ma ", 7 }, { " msc ", 7 }, { " med ", 7 }, { " mphil ", 7 },
		{ " mres ", 7 }, { " mba ", 7 }, { " llm ", 7 },
		/* Integrated masters: "MChem (Hons) Chemistry". */
		{ " mchem ", 7 }, { " mphys ", 7 }, { " mmath ", 7 },
		{ " meng ", 7 }, { " msci ", 7 }, { " mbiol ", 7 },
		{ " mpharm ", 7 }, { " mgeog ", 7 }, { " mearthsci ", 7 },
		{ " master", 7 },
		{ " postgraduate certificate", 5 },
		{ " postgraduate diploma", 5 }, { " pgcert ", 5 },
		{ " pgdip ", 5 }, { " pg cert ", 5 }, { " pg dip ", 5 },
		{ " ba ", 6 }, { " bsc ", 6 }, { " bed ", 6 }, { " llb ", 6 },
		{ " beng ", 6 }, { " bmus ", 6 }, { " bachelor", 6 },
		{ " foundation degree", 4 }, { " fda ", 4 }, { " fdsc ", 4 },
		{ " hnd ", 4 }, { " hnc ", 4 },
		/* Exit awards: a degree left before its end. */
		{ " diploma of higher education", 5 }, { " diphe ", 5 },
		{ " dip he ", 5 }, { " certificate of higher education", 4 },
		{ " certhe ", 4 }, { " cert he ", 4 },
	};
	const char *p, *best = NULL;
	int level = 0;
	size_t i;

	/* The award named first: "Postgraduate Certificate ... of the MA
	 * programme" is a certificate. */
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		p = strstr(norm, t[i].p);
		if (p && (!best || p < best)) {
			best = p;
			level = t[i].level;
		}
	}
	p = strstr(norm, " level ");
	if (p && p[7] >= '1' && p[7] <= '8' && p[8] == ' ' &&
	    (!best || p < best))
		level = p[7] - '0';
	return level;
}

int ds_incons_qual_level(const char *s, size_t n)
{
	char norm[NORM_MAX];

	ds_incons_norm(s, n, 0, norm, sizeof(norm));
	return level_norm(norm);
}

static int class_norm(const char *norm)
{
	if (has(norm, " upper second") || has(norm, " 2 1 "))
		return 3;
	if (has(norm, " lower second") || has(norm, " 2 2 "))
		return 2;
	if (has(norm, " first class"))
		return 4;
	if (has(norm, " third class") || has(norm, " third "))
		return 1;
	/* Below any class of honours: an ordinary or pass degree. */
	if (has(norm, " without honours ") || has(norm, " ordinary degree ") ||
	    has(norm, " pass degree "))
		return 1;
	return 0;
}

int ds_incons_degree_class(const char *s, size_t n)
{
	char norm[NORM_MAX];

	ds_incons_norm(s, n, 0, norm, sizeof(norm));
	return class_norm(norm);
}

/*
 * The subject words two titles share: words that are not a level, a
 * class, a filler or a number.  *na is how many subject words a has.
 */
static int subject_shared(const char *a, const char *b, int *na, int *nb)
{
	static const char *const skip[] = {
		"ba", "bsc", "ma", "msc", "med", "bed", "hons", "honours", "in",
		"of", "and", "the", "with", "for", "level", "diploma",
		"certificate", "award", "awards", "degree", "class", "upper",
		"lower", "second", "first", "third", "ncfe", "cache",
		"postgraduate", "pgce", "qts", "exit", "my", "currently",
		"working", "towards", "toward", "expected", "studying",
		"completing", "student", "to", "a", "an", "on", "programme",
		"course", "qualification", "qualified", "phd", "mphil",
		"master", "masters", "bachelor", "undergraduate", "at", "i",
		"am", "m", "s", "due", "from", "by", "national", "extended",
		/* "Level 1 Coach (awarded 2016)": when, not what. */
		"awarded", "achieved", "gained", "obtained", "passed",
	};
	struct word wa[80], wb[80];
	size_t i, j, k, n1, n2;
	int shared = 0;

	n1 = words(a, wa, 80);
	n2 = words(b, wb, 80);
	*na = *nb = 0;
	for (i = 0; i < n1; i++) {
		int drop = wa[i].p[0] >= '0' && wa[i].p[0] <= '9';

		for (k = 0; !drop && k < sizeof(skip) / sizeof(skip[0]); k++)
			drop = word_is(&wa[i], skip[k]);
		if (drop)
			continue;
		(*na)++;
		for (j = 0; j < n2; j++)
			if (wa[i].n == wb[j].n &&
			    memcmp(wa[i].p, wb[j].p, wa[i].n) == 0) {
				shared++;
				break;
			}
	}
	for (j = 0; j < n2; j++) {
		int drop = wb[j].p[0] >= '0' && wb[j].p[0] <= '9';

		for (k = 0; !drop && k < sizeof(skip) / sizeof(skip[0]); k++)
			drop = word_is(&wb[j], skip[k]);
		if (!drop)
			(*nb)++;
	}
	return shared;
}

/* Do two titles name the same subject? */
static int same_subject(const char *na, const char *nb)
{
	int a, b, s = subject_shared(na, nb, &a, &b);
	int small = a < b ? a : b;

	return s > 0 && (s >= 2 || s >= small);
}

/* ---- claims ----------------------------------------------------------- */

static void copy(char *dst, size_t size, const char *s)
{
	snprintf(dst, size, "%s", s ? s : "");
}

/* A claim's YYYY or YYYY-MM as a month count and precision. */
static int claim_month(const char *s, int start, long *m, int *span)
{
	long y;
	char *end;

	if (!s || !*s)
		return 0;
	if (strcmp(s, "current") == 0) {
		*m = DS_INCONS_NOW;
		*span = 1;
		return 1;
	}
	y = strtol(s, &end, 10);
	if (end - s != 4)
		return 0;
	if (*end == '-') {
		long mo = strtol(end + 1, NULL, 10);

		if (mo < 1 || mo > 12)
			return 0;
		*m = y * 12 + mo - 1;
		*span = 1;
		return 1;
	}
	*m = y * 12;
	*span = 12;
	(void)start;
	return 1;
}

int ds_incons_load(const json_t *claims, struct ds_incons **out)
{
	struct ds_incons *c;
	const json_t *cl;
	size_t i;

	*out = NULL;
	if (!json_array_size(claims))
		return 0;
	c = ds_malloc(sizeof(*c));
	if (!c)
		return DS_ENOMEM;
	memset(c, 0, sizeof(*c));
	json_array_foreach(claims, i, cl) {
		const char *kind = json_string_value(json_object_get(cl,
								     "kind"));
		struct claim *k = &c->c[c->n];
#define S(key) json_string_value(json_object_get(cl, key))

		if (!kind || c->n >= CLAIMS_MAX)
			continue;
		memset(k, 0, sizeof(*k));
		k->from = k->to = -1;
		if (strcmp(kind, "employment") == 0 && S("organisation")) {
			copy(k->where, sizeof(k->where), S("organisation"));
			org_norm(k->where, k->where_n, sizeof(k->where_n));
			org_parent(k->where_n, k->where_p,
				   sizeof(k->where_p));
			paren_unit(k->where, k->where_p, sizeof(k->where_p));
			comma_parent(k->where, k->where_p,
				     sizeof(k->where_p));
			if (k->where_n[0])
				org_rest(k->where_n, k->where_r,
					 sizeof(k->where_r), k->where_f,
					 sizeof(k->where_f));
			copy(k->what, sizeof(k->what), S("role"));
			copy(k->from_s, sizeof(k->from_s), S("from"));
			copy(k->to_s, sizeof(k->to_s), S("to"));
			if (!claim_month(S("from"), 1, &k->from,
					 &k->from_span))
				k->from = -1;
			if (!claim_month(S("to"), 0, &k->to, &k->to_span))
				k->to = -1;
			c->n++;
		} else if (strcmp(kind, "qualification") == 0 &&
			   S("title")) {
			k->qual = 1;
			copy(k->what, sizeof(k->what), S("title"));
			copy(k->where, sizeof(k->where), S("institution"));
			org_norm(k->where, k->where_n, sizeof(k->where_n));
			if (S("year"))
				k->year = (int)strtol(S("year"), NULL,
						    10);
			c->n++;
		}
#undef S
	}
	if (!c->n) {
		ds_free(c);
		return 0;
	}
	*out = c;
	return 0;
}

void ds_incons_free(struct ds_incons *c)
{
	ds_free(c);
}

/* ---- the page --------------------------------------------------------- */

struct line {
	const char *p;          /* the raw line */
	size_t n;
	const char *norm;       /* normalised (ds_incons_norm) */
	const char *norg;       /* normalised as organisations are */
};

struct page {
	const struct ds_incons *c;
	struct line *l;
	size_t nl;
	char title[NORM_MAX];
	char names[20][160];
	size_t nnames;
	char first[4][160];     /* first names, " gary " */
	size_t nfirst;
	long date;              /* the page's date, month count */
	int span, dated;
	int body_dated;         /* dated by a date in its first lines */
	unsigned reported;      /* bit per claim */
	unsigned at_title;      /* bit per claim: the title names its place */
	unsigned at_page;       /* bit per claim: the page does */
	int hidden;             /* an employment not claimed was reported */
	int own;                /* their own account's or site's page */
	char *out;
	size_t size, used;
};

/* Does line j name claim k's organisation or institution? */
/* Where claim c's organisation is named in normalised n: its full name,
 * its parent body, or its name past the first word with that word
 * elsewhere in n; NULL when it is not. */
/* Where normalised name w (" a b ") is in n, as it is or possessive
 * (" a bs ": "Yarnley School's walk"); NULL when it is not. */
static const char *name_in(const char *n, const char *w)
{
	size_t len = strlen(w);
	const char *q = strstr(n, w);
	char cut[512];

	if (q || len < 2 || len > sizeof(cut))
		return q;
	memcpy(cut, w, len - 1);
	cut[len - 1] = '\0';
	for (q = strstr(n, cut); q; q = strstr(q + 1, cut))
		if (q[len - 1] == 's' && q[len] == ' ')
			return q;
	return NULL;
}

static const char *org_at(const struct claim *c, const char *n)
{
	const char *o = c->where_n[0] ? name_in(n, c->where_n) : NULL;

	if (!o && c->where_p[0])
		o = name_in(n, c->where_p);
	if (!o && c->where_r[0] && has(n, c->where_f))
		o = name_in(n, c->where_r);
	return o;
}

static int at_line(const struct page *pg, size_t k, size_t j)
{
	return org_at(&pg->c->c[k], pg->l[j].norg) != NULL;
}

/* The raw line, trimmed of list marks, cut at max bytes (UTF-8 safe). */
static void excerpt(const struct line *l, char *out, size_t size)
{
	const char *p = l->p;
	size_t n = l->n;

	while (n && (*p == ' ' || *p == '-' || *p == '*' || *p == '#')) {
		p++;
		n--;
	}
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\r'))
		n--;
	if (n > 160) {
		n = 160;
		while (n && ((unsigned char)p[n] & 0xC0) == 0x80)
			n--;
	}
	snprintf(out, size, "%.*s", (int)n, p);
}

static void month_text(long m, int span, char *out, size_t size)
{
	if (m == DS_INCONS_NOW)
		snprintf(out, size, "present");
	else if (span == 12)
		snprintf(out, size, "%ld", m / 12);
	else
		snprintf(out, size, "%ld-%02ld", m / 12, m % 12 + 1);
}

/* Add one contradiction to the explanation: claim and page side by side. */
static void report(struct page *pg, size_t k, const struct line *a,
		   const struct line *b, const char *why)
{
	const struct claim *c = &pg->c->c[k];
	char ea[200], eb[200], claim[480];
	int w;

	if (pg->reported & (1u << k))
		return;
	pg->reported |= 1u << k;
	if (c->qual) {
		char y[8] = "";

		if (c->year)
			snprintf(y, sizeof(y), ", %d", c->year);
		snprintf(claim, sizeof(claim), "%s%s%s%s", c->what,
			 c->where[0] ? ", " : "", c->where, y);
	} else {
		snprintf(claim, sizeof(claim), "%s%s%s, %s to %s", c->what,
			 c->what[0] ? ", " : "", c->where,
			 c->from_s[0] ? c->from_s : "?",
			 strcmp(c->to_s, "current") == 0 || !c->to_s[0] ?
			 "present" : c->to_s);
	}
	excerpt(a, ea, sizeof(ea));
	eb[0] = '\0';
	if (b && b != a)
		excerpt(b, eb, sizeof(eb));
	w = snprintf(pg->out + pg->used, pg->size - pg->used,
		     "inconsistency: Application: %s | Page: '%s%s%s' | %s\n",
		     claim, eb, eb[0] ? " / " : "", ea, why);
	if (w < 0 || (size_t)w >= pg->size - pg->used) {
		pg->out[pg->used] = '\0';
		return;
	}
	pg->used += (size_t)w;
}

/* Where in norm one of names[0, n) is: past it; NULL when none is. */
static const char *named_in(const char *norm, const char (*names)[160],
			    size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		const char *p = strstr(norm, names[k]);

		if (p)
			return p + strlen(names[k]) - 1;
	}
	return NULL;
}

/* Where in line i (normalised) the candidate is named: past the name. */
static const char *mention(const struct page *pg, size_t i)
{
	return named_in(pg->l[i].norm, pg->names, pg->nnames);
}

/* Words that name the next post of someone leaving ("leaves us to join
 * Y", "for a new role at Y"). */
static const char *const next_post[] = {
	" to join ", " for a new role at ", " for a new role with ",
	" for a new post at ", " for a new job at ", " to take up a post at ",
	" to take up a role at ", " who is moving to ", " is moving to ",
	" to start a new job at ", " to start a new role at ",
	" to start a new post at ", " to start at ", " to begin a new ",
	" moves to ", " to move to ", " moving to ", " will move to ",
	" is off to ", " heads to ", " is heading to ", NULL
};

/* The first next_post words in normalised n, or NULL. */
static const char *next_post_at(const char *n)
{
	const char *best = NULL;
	size_t k;

	for (k = 0; next_post[k]; k++) {
		const char *p = strstr(n, next_post[k]);

		if (p && (!best || p < best))
			best = p;
	}
	return best;
}

/* Normalised n up to the next post's words ("leaves us to join Y in
 * January": the date after them is Y's), into out. */
static void before_next_post(const char *n, char *out, size_t size)
{
	const char *j = next_post_at(n);

	snprintf(out, size, "%.*s", j ? (int)(j - n) : (int)strlen(n), n);
}

/* Leaving words of a leaving done, and of one to come. */
static const char *const left_done[] = {
	" left ", " has left ", " who left ", NULL
};
static const char *const left_to_come[] = {
	" is leaving ", " will be leaving ", " will leave ", " leaves ", NULL
};

/* Does normalised n start with one of list? */
static int starts_any(const char *n, const char *const *list)
{
	size_t k;

	for (k = 0; list[k]; k++)
		if (strncmp(n, list[k], strlen(list[k])) == 0)
			return 1;
	return 0;
}

/* Is claim k's organisation named on line i only after the next post's
 * words ("leaves us to join Y in January", "for a new role at Y")? */
static int joined_after(const struct page *pg, size_t k, size_t i)
{
	const char *n = pg->l[i].norg, *j = next_post_at(n);
	const char *o = org_at(&pg->c->c[k], n);

	return j && o && j < o;
}

/* Is claim k's organisation named on line i after "joined ... after"
 * ("joined us in April 2021 after four years at Y"): Y's post came
 * before the joining, whose date is another post's? */
static int joined_from(const struct page *pg, size_t k, size_t i)
{
	const char *n = pg->l[i].norg, *j = strstr(n, " joined ");
	const char *a = j ? strstr(j, " after ") : NULL;
	const char *o = org_at(&pg->c->c[k], n);

	return a && o && a < o;
}

/* The employment claim whose organisation line i, the title or an earlier
 * line names; -1 when none. */
static int emp_for(const struct page *pg, size_t i)
{
	size_t k, j;
	int next = -1;

	for (j = i + 1; j-- > 0;) {
		for (k = 0; k < pg->c->n; k++) {
			if (pg->c->c[k].qual || !at_line(pg, k, j))
				continue;
			if (j == i && joined_after(pg, k, i)) {
				if (next < 0)
					next = (int)k;
				continue;
			}
			return (int)k;
		}
		if (j == i)
			for (k = 0; k < pg->c->n; k++)
				if (!pg->c->c[k].qual &&
				    (pg->at_title & (1u << k)))
					return (int)k;
		if (next >= 0)
			return next;
	}
	return -1;
}

/* Where a leaving is said in n, or NULL. */
static const char *leave_cue(const char *n)
{
	static const char *const cue[] = {
		" leaving us ", " left us ", " leave us ", " say goodbye ",
		" said goodbye ", " saying goodbye ", " farewell", " leavers ",
		" staff leaving ", " who left ", " has left ", " have left ",
		" is leaving ", " are leaving ", " left the school ",
		" left at ", " left in ", " was dismissed ",
		" were dismissed ", " dismissed on ", " dismissed in ",
		" resigned ", " was sacked ",
		" made redundant ", " employment ended ", " was terminated ",
		" stepped down ", " stood down ", " leaves us ", " leaves the ",
		" left the ", " will be leaving ", " finished with us ",
		" last day with us ", " last day at ", " moved on from ",
		" no longer working at ", " no longer working for ",
		" no longer works at ", " no longer employed ",
		" no longer a member of staff ", " no longer with us ",
		" no longer works for ", " no longer employed by ",
		" resignation ", " has finished at ", " finished at the ",
	};
	const char *p, *first = NULL;
	size_t i;

	for (i = 0; i < sizeof(cue) / sizeof(cue[0]); i++) {
		p = strstr(n, cue[i]);
		/* "starters and leavers" is a duty (payroll's), not a
		 * leaving. */
		if (p && strcmp(cue[i], " leavers ") == 0 && p - n >= 13 &&
		    (memcmp(p - 13, " starters and", 13) == 0 ||
		     memcmp(p - 12, " joiners and", 12) == 0))
			p = NULL;
		/* A leavers' ball, prom or assembly is the pupils'. */
		if (p && strcmp(cue[i], " leavers ") == 0) {
			static const char *const event[] = {
				"ball", "prom", "assembly", "service", "mass",
				"disco", "party", "day", "trip", "hoodies",
				"hoodie", "concert", "breakfast", "barbecue",
				"bbq", "show", "book", "celebration", "dinner",
				"photo", "photos", "video", NULL
			};
			size_t e;

			for (e = 0; p && event[e]; e++)
				if (strncmp(p + 9, event[e],
					    strlen(event[e])) == 0 &&
				    !isalpha((unsigned char)
					     p[9 + strlen(event[e])]))
					p = NULL;
		}
		/* "Staff left at 11pm": the evening's end, no job's. */
		if (p && strcmp(cue[i], " left at ") == 0 &&
		    (isdigit((unsigned char)p[9]) ||
		     strncmp(p + 9, "midnight", 8) == 0 ||
		     strncmp(p + 9, "the end of the night", 20) == 0))
			p = NULL;
		/* Care leavers and school leavers are young people. */
		if (p && strcmp(cue[i], " leavers ") == 0 &&
		    ((p - n >= 5 && (memcmp(p - 5, " care", 5) == 0 ||
				     memcmp(p - 5, " form", 5) == 0)) ||
		     (p - n >= 7 && memcmp(p - 7, " school", 7) == 0) ||
		     (p > n && isdigit((unsigned char)p[-1]))))
			p = NULL;
		if (p && (!first || p < first))
			first = p;
	}
	return first;
}

static int join_cue(const char *n)
{
	return has(n, " joining us ") || has(n, " joined us ") ||
	       has(n, " welcome ") || has(n, " new staff ") ||
	       has(n, " joiners ") || has(n, " joins ");
}

/*
 * Is another person, by a personal title, named before the joining in
 * after ("Mr Hendra will stay on, and Miss Ivey will join Year 2"): the
 * joining is theirs.
 */
static int titled_before_join(const char *after)
{
	static const char *const joins[] = {
		" joins ", " is joining ", " will be joining ", " will join ",
		NULL
	};
	static const char *const titles[] = {
		" mr ", " mrs ", " ms ", " miss ", " dr ", NULL
	};
	const char *j = NULL, *p;
	size_t k;

	for (k = 0; joins[k]; k++) {
		p = strstr(after, joins[k]);
		if (p && (!j || p < j))
			j = p;
	}
	/* In a clause of its own ("..., and that Miss Ivey will join"),
	 * not one of theirs ("who replaces Mr Hendra, will join"). */
	for (k = 0; j && titles[k]; k++) {
		const char *and = strstr(after, " and ");

		p = strstr(after, titles[k]);
		if (p && p < j && and && and < p)
			return 1;
	}
	return 0;
}

/* A heading: a short line without a comma and without a personal
 * title, as the lists of a staff page have them. */
/* Does line l name someone with a personal title ("Mr Reuben Okafor")? */
static int titled(const struct line *l)
{
	static const char *const t[] = { " mr ", " mrs ", " ms ", " miss ",
					 " dr ", NULL };
	size_t k;

	for (k = 0; t[k]; k++)
		if (has(l->norm, t[k]))
			return 1;
	return 0;
}

static int heading(const struct line *l)
{
	struct word w[16];
	size_t nw = words(l->norm, w, 16);

	return nw > 0 && nw <= 6 && !memchr(l->p, ',', l->n) && !titled(l);
}

/*
 * The lowest seniority a claimed role states: "Teacher of English and
 * Literacy Lead" is a teacher's post (3) as well as a lead's.
 */
static int claim_rank(const char *role)
{
	char part[NORM_MAX], n[NORM_MAX];
	const char *p = role, *e;
	int best = 0, r;

	while (*p) {
		e = p + strcspn(p, ",/&;");
		snprintf(part, sizeof(part), "%.*s", (int)(e - p), p);
		ds_incons_norm(part, strlen(part), 0, n, sizeof(n));
		{
			char *and = strstr(n, " and ");

			if (and) {
				and[1] = '\0';
				r = rank_norm(and + 4);
				if (r && (!best || r < best))
					best = r;
			}
		}
		r = rank_norm(n);
		if (r && (!best || r < best))
			best = r;
		p = *e ? e + 1 : e;
	}
	return best;
}

/* Is the page's date inside the claimed employment (or unknown while the
 * claim is current)? */
static int in_period(const struct page *pg, const struct claim *c)
{
	if (!pg->dated)
		return c->to == DS_INCONS_NOW;
	if (c->from >= 0 && pg->date + pg->span - 1 < c->from)
		return 0;
	if (c->to >= 0 && c->to != DS_INCONS_NOW &&
	    pg->date > c->to + (c->to_span == 12 ? 11 : 0))
		return 0;
	return 1;
}

/*
 * The post a start is said with: the words after " as a " (" as an ",
 * " as our ") in a sentence that says they join or joined, up to the
 * sentence's end; NULL when there is none.
 */
static const char *join_as(const char *n)
{
	static const char *const verbs[] = {
		" joins ", " joined ", " joining ", " starts ", " started ",
		" welcome ", " appointed ", NULL
	};
	static const char *const as[] = { " as a ", " as an ", " as our ",
					  NULL };
	const char *v = NULL, *p, *best = NULL;
	size_t i;

	/* Close to the name, and the post close to the verb: a later
	 * clause may be someone else's. */
	for (i = 0; verbs[i]; i++)
		if ((p = strstr(n, verbs[i])) && p - n <= 40 &&
		    (!v || p < v))
			v = p;
	if (!v)
		return NULL;
	for (i = 0; as[i]; i++)
		if ((p = strstr(v, as[i])) && p - v <= 60 &&
		    (!best || p < best))
			best = p;
	return best ? best + 3 : NULL;
}

/*
 * The date a start is said with, at p (" joined ..."): with its year, or
 * a month alone close after the cue, of the page's year ("joined us on 4
 * January" in a newsletter of that spring), or of the year before when
 * that month is after the page.
 */
static int start_at(const struct page *pg, const char *p, long *m,
		    int *span)
{
	char near[NORM_MAX];
	struct word w[8];
	size_t nw;

	if (date_norm(p, 0, m, span))
		return 1;
	if (!pg->dated || (nw = words(p, w, 8)) < 2)
		return 0;
	snprintf(near, sizeof(near), "%.*s ",
		 (int)(w[nw - 1].p + w[nw - 1].n - p), p);
	if (!date_norm(near, (int)(pg->date / 12), m, span))
		return 0;
	if (*m > pg->date + pg->span - 1)
		*m -= 12;
	return 1;
}

/*
 * A list's item may run on after its post: "Kirsty Day, Finance Assistant
 * (Traded Services): payroll, purchase cards and the helpdesk".  The item
 * is what comes before its first bracket, colon or semicolon: past the
 * name there, in out, or NULL when that is not a short item naming them.
 */
static const char *item_head(const struct page *pg, size_t i, char *out,
			     size_t size)
{
	const struct line *l = &pg->l[i];
	struct word w[16];
	size_t n;

	for (n = 0; n < l->n && !strchr("(:;", l->p[n]); n++)
		;
	if (n >= l->n)
		return NULL;
	ds_incons_norm(l->p, n, 0, out, size);
	if (words(out, w, 16) > 10)
		return NULL;
	return named_in(out, pg->names, pg->nnames);
}

/*
 * The post said just before the name in line i, named past at after:
 * "our site caretaker, Lee Brannigan" gives " site caretaker " in out
 * (at most four words after "our" or "the"); 0 when none.
 */
static int appositive(const struct page *pg, size_t i, const char *after,
		      char *out, size_t size)
{
	const char *norm = pg->l[i].norm, *start = NULL, *p, *det;
	struct word w[8];
	size_t k;

	for (k = 0; k < pg->nnames && !start; k++) {
		p = strstr(norm, pg->names[k]);
		if (p && p + strlen(pg->names[k]) - 1 == after)
			start = p;
	}
	if (!start)
		return 0;
	/* The nearest "our" or "the" before the name. */
	for (det = NULL, p = norm; (p = strstr(p, " our ")) && p < start; p++)
		det = p + 4;
	for (p = norm; (p = strstr(p, " the ")) && p < start; p++)
		if (!det || p + 4 > det)
			det = p + 4;
	if (!det || (size_t)(start - det) + 3 > size)
		return 0;
	snprintf(out, size, " %.*s ", (int)(start - det + 1), det);
	k = words(out, w, 8);
	if (k == 0 || k > 4)
		return 0;
	/* The post ends where the name starts: "our caretaker, Jo, and
	 * Priya Lewis" is someone else's. */
	{
		char last[NORM_MAX];
		size_t from = k >= 2 ? k - 2 : 0;

		snprintf(last, sizeof(last), " %.*s ",
			 (int)(w[k - 1].p + w[k - 1].n - w[from].p),
			 w[from].p);
		return rank_norm(last) > 0;
	}
}

/*
 * The post in brackets just after the name in line i ("Mr Jo Bloggs
 * (Learning Mentor, Social Sciences)"), normalised into out; 0 when
 * none.
 */
static int bracket_role(const struct page *pg, size_t i, char *out,
			size_t size)
{
	const struct line *l = &pg->l[i];
	char before[NORM_MAX];
	size_t n, e, bl;

	for (n = 0; n < l->n; n++) {
		if (l->p[n] != '(')
			continue;
		ds_incons_norm(l->p, n, 0, before, sizeof(before));
		/* The name ends the words before the bracket. */
		bl = strlen(before);
		while (bl > 0 && before[bl - 1] == ' ')
			bl--;
		if (bl + 2 > sizeof(before))
			continue;
		before[bl] = ' ';
		before[bl + 1] = '\0';
		{
			/* Past the name is its last space: the end. */
			const char *p = named_in(before, pg->names,
						 pg->nnames);

			if (!p || (size_t)(p - before) != bl)
				continue;
		}
		for (e = n + 1; e < l->n && l->p[e] != ')'; e++)
			;
		if (e >= l->n || e - n > 80)
			return 0;
		ds_incons_norm(l->p + n + 1, e - n - 1, 0, out, size);
		return 1;
	}
	return 0;
}

/*
 * The post said just after the name, as "Mr Evans, a teaching assistant
 * at Yarnley, said": " a " or " an " first, then up to four words before
 * " at "; or, on the employer's own page, " our " and up to three words
 * before a clause starts ("Daniel Smith, our physics technician, who
 * built ...").  0 when the name is not followed so.
 */
static int role_after(const char *after, char *out, size_t size)
{
	static const char *const clause[] = {
		"who", "and", "said", "says", "is", "was", "has", "had",
		"will", "for", "at", "in", "with", "from", NULL
	};
	const char *p, *at;
	struct word w[8];
	size_t n, k, j;

	if (strncmp(after, " our ", 5) == 0) {
		n = words(after + 4, w, 8);
		for (k = 0; k < n && k < 3; k++) {
			for (j = 0; clause[j] && !word_is(&w[k], clause[j]);
			     j++)
				;
			if (clause[j])
				break;
		}
		if (!k || (size_t)(w[k - 1].p + w[k - 1].n - w[0].p) + 3 >
		    size)
			return 0;
		snprintf(out, size, " %.*s ",
			 (int)(w[k - 1].p + w[k - 1].n - w[0].p), w[0].p);
		return 1;
	}
	if (strncmp(after, " a ", 3) == 0)
		p = after + 2;
	else if (strncmp(after, " an ", 4) == 0)
		p = after + 3;
	else
		return 0;
	at = strstr(p, " at ");
	if (!at || (size_t)(at - p) + 3 > size)
		return 0;
	snprintf(out, size, "%.*s ", (int)(at - p), p);
	return words(out, w, 8) <= 4;
}

/* Does a "joins" join a board, not the staff: "joins the governing body",
 * "joins the trust board"? */
static int joins_body(const char *n)
{
	static const char *const bodies[] = {
		" governor", " governing ", " board ", " trustee", " committee",
		" panel ", " council ", NULL
	};
	const char *j = strstr(n, " join");
	size_t k;

	for (k = 0; j && bodies[k]; k++) {
		const char *b = strstr(j, bodies[k]);

		if (b && b - j < 50)
			return 1;
	}
	return 0;
}

/* The employment checks at a line that names the candidate. */
/* "left Fernleigh at Christmas": " left " then claim k's organisation's
 * first word, in line i; where it is said, or NULL. */
static const char *left_org(const struct page *pg, size_t k, size_t i)
{
	const struct claim *c = &pg->c->c[k];
	const char *n = pg->l[i].norg, *p;
	char first[64];
	size_t len;

	if (!c->where_n[0])
		return NULL;
	len = strcspn(c->where_n + 1, " ");
	if (len < 3 || len + 8 >= sizeof(first))
		return NULL;
	snprintf(first, sizeof(first), " left %.*s ", (int)len,
		 c->where_n + 1);
	p = strstr(n, first);
	return p;
}

/* Is w in [from, to)? */
static int said_before(const char *from, const char *to, const char *w)
{
	const char *p = strstr(from, w);

	return p && p < to;
}

/*
 * Is the "since" at p that of an activity said between from and p ("have
 * been rehearsing with the Year 8 orchestra since January"): "been"
 * then a word in -ing that is not work itself ("has been teaching here
 * since 2014" is the post)?
 */
static int activity_since(const char *from, const char *p)
{
	static const char *const work[] = {
		"working", "teaching", "serving", "employed", NULL
	};
	const char *b = strstr(from, " been ");

	while (b && b < p) {
		const char *w = b + 6, *e = strchr(w, ' ');
		size_t n = e ? (size_t)(e - w) : strlen(w), k;

		if (n > 3 && memcmp(w + n - 3, "ing", 3) == 0) {
			for (k = 0; work[k] && (strlen(work[k]) != n ||
						memcmp(w, work[k], n) != 0);
			     k++)
				;
			if (!work[k])
				return 1;
		}
		b = strstr(b + 1, " been ");
	}
	return 0;
}

/*
 * Does a sentence of line i hold both a name of theirs and word w (" since
 * ")?  "Miss Hollis (biology). 140-odd days, so since the summer" dates a
 * Snapchat streak in the next sentence, not her post.
 */
static int in_their_sentence(const struct page *pg, size_t i, const char *w)
{
	const struct line *l = &pg->l[i];
	char norm[NORM_MAX];
	size_t a = 0, b;

	while (a < l->n) {
		for (b = a; b < l->n; b++) {
			size_t w0 = b;

			if (!((l->p[b] == '.' || l->p[b] == '!' ||
			       l->p[b] == '?') &&
			      (b + 1 == l->n || l->p[b + 1] == ' ')))
				continue;
			/* "Mr. Jo Bloggs", "J. Bloggs": no end. */
			while (w0 > a && isalpha((unsigned char)l->p[w0 - 1]))
				w0--;
			if (l->p[b] == '.' && (b - w0 == 1 ||
			    ((b - w0 == 2 || b - w0 == 3) &&
			     isupper((unsigned char)l->p[w0]) &&
			     (strncasecmp(l->p + w0, "mr", 2) == 0 ||
			      strncasecmp(l->p + w0, "ms", 2) == 0 ||
			      strncasecmp(l->p + w0, "mrs", 3) == 0 ||
			      strncasecmp(l->p + w0, "dr", 2) == 0 ||
			      strncasecmp(l->p + w0, "st", 2) == 0))))
				continue;
			break;
		}
		ds_incons_norm(l->p + a, b - a, 0, norm, sizeof(norm));
		if (named_in(norm, pg->names, pg->nnames) && has(norm, w))
			return 1;
		a = b + 1;
	}
	return 0;
}

static void check_employment(struct page *pg, size_t i, const char *after)
{
	int k = emp_for(pg, i), cr, pr, span;
	const struct claim *c;
	const struct line *cue = NULL, *head = NULL;
	const char *p, *said;
	char why[200], a[24], b[24];
	struct word w[16];
	long m;
	size_t j, nw;

	if (k < 0)
		return;
	c = &pg->c->c[k];
	/* "joined us ... in September 2021", "since 2017": the start. */
	p = strstr(after, " joined ");
	if (p && joined_from(pg, (size_t)k, i))
		p = NULL;       /* its date is the next post's */
	else if (!p && (p = strstr(after, " since ")) != NULL) {
		/* "teacher at X, and councillor since 2023": a "since"
		 * soon after another post's "and" is that post's. */
		const char *and;

		for (and = strstr(after, " and "); p && and && and < p;
		     and = strstr(and + 1, " and "))
			if (p - and < 60)
				p = NULL;
		/* "Jo Bloggs said the girls had rehearsed since October":
		 * the "since" of what they said. */
		if (p && (said_before(after, p, " said ") ||
			  said_before(after, p, " says ") ||
			  said_before(after, p, " told ") ||
			  activity_since(after, p) ||
			  !in_their_sentence(pg, i, " since ")))
			p = NULL;
	}
	if (p && c->from >= 0 && start_at(pg, p, &m, &span) &&
	    apart(m, span, c->from, c->from_span) > TOL) {
		month_text(m, span, a, sizeof(a));
		snprintf(why, sizeof(why), "the page dates the start to %s, "
			 "the application to %s", a, c->from_s);
		report(pg, (size_t)k, &pg->l[i], NULL, why);
		return;
	}
	/* "joins our PE department" with no date of its own: a start at
	 * the page's date, later than the application's. */
	if (!p && c->from >= 0 && pg->dated && pg->span == 1 &&
	    (has(after, " joins ") || has(after, " is joining ") ||
	     has(after, " will be joining ") || has(after, " will join ")) &&
	    !joins_body(after) && !titled_before_join(after) &&
	    pg->date - (c->from + c->from_span - 1) > TOL) {
		month_text(pg->date, pg->span, a, sizeof(a));
		snprintf(why, sizeof(why), "the page announces the start in "
			 "%s, the application dates it %s", a, c->from_s);
		report(pg, (size_t)k, &pg->l[i], NULL, why);
		return;
	}
	/* Leavers: the line itself, or the nearest cue above it. */
	said = leave_cue(pg->l[i].norm);
	if (!said)
		said = left_org(pg, (size_t)k, i);
	if (said) {
		cue = &pg->l[i];
	} else {
		for (j = i; j-- > 0 && i - j <= BACK;) {
			if (join_cue(pg->l[j].norm) ||
			    has(pg->l[j].norm, " congratulations "))
				break;
			said = leave_cue(pg->l[j].norm);
			if (said) {
				cue = &pg->l[j];
				break;
			}
		}
	}
	/* The last of the line's leaving words is nearest the date of the
	 * leaving: "we say goodbye to Jo, cover supervisor since 2017, who
	 * leaves us at Christmas". */
	while (said && said[1]) {
		const char *later = leave_cue(said + 1);

		if (!later)
			break;
		said = later;
	}
	if (cue && c->to >= 0) {
		/* The date said with the leaving ("left in July 2020"),
		 * else the cue's line's, else the page's. */
		/* "is no longer working at X" says now: the page's date;
		 * "leaves us to join Y in January" dates the next post. */
		int now = strncmp(said, " no longer ", 11) == 0;
		char upto[NORM_MAX];
		int have;
		long m2;
		int s2;

		before_next_post(said, upto, sizeof(upto));
		have = !now && leave_date_norm(upto, pg->dated ?
					       (int)(pg->date / 12) : 0, &m,
					       &span);
		/* A month with no year is the last one for a leaving done
		 * ("left at Christmas" in January's newsletter) and the next
		 * for one to come ("is leaving in January" in December's). */
		if (have && pg->dated && !date_norm(upto, 0, &m2, &s2)) {
			if (m > pg->date + pg->span - 1 &&
			    starts_any(said, left_done))
				m -= 12;
			else if (m + 6 < pg->date &&
				 starts_any(said, left_to_come))
				m += 12;
		}

		if (!have && !now && cue != &pg->l[i]) {
			before_next_post(cue->norm, upto, sizeof(upto));
			have = leave_date_norm(upto, pg->dated ?
					       (int)(pg->date / 12) : 0, &m,
					       &span);
		}

		if (!have && pg->dated) {
			m = pg->date;
			span = pg->span;
			have = 1;
		}
		if (have && (c->from < 0 || m + span - 1 >= c->from - TOL) &&
		    (c->to == DS_INCONS_NOW ||
		     m + span - 1 < c->to - TOL)) {
			month_text(m, span, a, sizeof(a));
			month_text(c->to, c->to_span, b, sizeof(b));
			snprintf(why, sizeof(why), "the page has the candidate "
				 "leaving in %s, the application says %s (a "
				 "gap the application hides)", a, b);
			report(pg, (size_t)k, &pg->l[i], cue, why);
			return;
		}
	}
	/* The role: after the name, or the heading of the list. */
	cr = claim_rank(c->what);
	/* Only a list's item says a role: prose ("an English teacher at")
	 * names a post loosely; but a start said with its post ("joins our
	 * lunchtime team as a midday supervisor") names it exactly. */
	nw = words(pg->l[i].norm, w, 16);
	if (nw > 14) {
		char item[NORM_MAX];

		p = item_head(pg, i, item, sizeof(item));
		pr = p ? rank_norm(p) : 0;
		if (!pr) {
			p = join_as(after);
			pr = p ? rank_norm(p) : 0;
		}
		if (!pr && appositive(pg, i, after, item, sizeof(item)))
			pr = rank_norm(item);
		if (!pr && role_after(after, item, sizeof(item)))
			pr = rank_norm(item);
		if (!pr && bracket_role(pg, i, item, sizeof(item)))
			pr = rank_norm(item);
		if (cr && pr && pr < cr && in_period(pg, c)) {
			snprintf(why, sizeof(why), "the page gives a %s role "
				 "than the application claims for the same "
				 "post", cr - pr > 1 ? "much lower" : "lower");
			report(pg, (size_t)k, &pg->l[i], NULL, why);
		}
		return;
	}
	pr = rank_norm(after);
	if (!pr && nw <= 8)
		for (j = i; j-- > 0 && i - j <= BACK;)
			if (heading(&pg->l[j]) && rank_norm(pg->l[j].norm)) {
				head = &pg->l[j];
				pr = rank_norm(head->norm);
				break;
			}
	if (cr && pr && pr < cr && in_period(pg, c)) {
		snprintf(why, sizeof(why), "the page gives a %s role than the "
			 "application claims for the same post", cr - pr > 1 ?
			 "much lower" : "lower");
		report(pg, (size_t)k, &pg->l[i], head, why);
	}
}

/*
 * A list's item that gives the post's years just after the name ("Jo
 * Bloggs : youth section 2016 to 2019", on the claimed employer's page):
 * an end well before the claimed one is a gap the application hides.
 */
static void check_item_range(struct page *pg, size_t i, const char *after)
{
	int k = emp_for(pg, i), fs, ts;
	const struct claim *c;
	char head[NORM_MAX], why[200], a[24], b[24];
	struct word w[8];
	long from, to;

	if (k < 0 || (pg->reported & (1u << k)))
		return;
	c = &pg->c->c[k];
	if (c->to < 0)
		return;
	/* The range within the item's first six words. */
	snprintf(head, sizeof(head), "%s", after);
	if (words(head, w, 8) > 6)
		head[w[6].p - head] = '\0';
	if (!range_norm(head, &from, &fs, &to, &ts) ||
	    to == DS_INCONS_NOW)
		return;
	if (c->to != DS_INCONS_NOW && to + TOL >= c->to)
		return;
	if (c->to == DS_INCONS_NOW && (!pg->dated || pg->date - to <= 12))
		return;
	month_text(ts == 12 ? to - 11 : to, ts, a, sizeof(a));
	if (c->to == DS_INCONS_NOW)
		snprintf(b, sizeof(b), "the present");
	else
		month_text(c->to, c->to_span, b, sizeof(b));
	snprintf(why, sizeof(why), "the page ends the post in %s, the "
		 "application at %s (a gap the application hides)", a, b);
	report(pg, (size_t)k, &pg->l[i], NULL, why);
}

/*
 * The claimed post of responsibility, named exactly on the page for
 * someone else ("Head of Chemistry: Mr Reuben Okafor") in the claimed
 * period, while the candidate's own entry (line i, and the next) gives
 * another.
 */
static void check_post_holder(struct page *pg, size_t i)
{
	int k = emp_for(pg, i);
	const struct claim *c;
	char role[NORM_MAX], why[200];
	size_t j, d;

	if (k < 0)
		return;
	c = &pg->c->c[k];
	if (claim_rank(c->what) < 4 || !in_period(pg, c) ||
	    (pg->reported & (1u << k)))
		return;
	ds_incons_norm(c->what, strlen(c->what), 0, role, sizeof(role));
	if (strlen(role) < 10 || has(pg->l[i].norm, role) ||
	    (i + 1 < pg->nl && has(pg->l[i + 1].norm, role)))
		return;
	for (j = 0; j < pg->nl; j++) {
		if (j == i || mention(pg, j) || !has(pg->l[j].norm, role))
			continue;
		for (d = j ? j - 1 : j; d <= j + 1 && d < pg->nl; d++) {
			if (d == i || mention(pg, d) || !titled(&pg->l[d]))
				continue;
			snprintf(why, sizeof(why), "the page gives the "
				 "claimed post to someone else");
			report(pg, (size_t)k, &pg->l[i], &pg->l[j], why);
			return;
		}
	}
}

/* Do two normalised roles share a word of four letters or more? */
static int roles_share(const char *a, const char *b)
{
	struct word wa[24], wb[24];
	size_t na = words(a, wa, 24), nb = words(b, wb, 24), i, j;

	for (i = 0; i < na; i++)
		for (j = 0; wa[i].n >= 4 && j < nb; j++)
			if (wa[i].n == wb[j].n &&
			    memcmp(wa[i].p, wb[j].p, wa[i].n) == 0)
				return 1;
	return 0;
}

/*
 * Their own page in the first person: "Since January 2022 I have worked
 * as the EAL assistant in a Cannerby primary" dates the start of the
 * claimed post whose role shares two words of three letters or more
 * with the post said (the school may go unnamed); a start more than the
 * tolerance from the claimed one is reported.  Not a role of two parts
 * ("Teacher of PE and Head of Year 9"): one may have come later.
 */
static void check_own_start(struct page *pg, size_t i)
{
	static const char *const cues[] = {
		" i have worked as ", " ive worked as ",
		" i have been working as ", " ive been working as ", NULL
	};
	const char *n = pg->l[i].norm, *since, *as = NULL, *end;
	char post[NORM_MAX], why[200], a[24];
	struct word wp[12], wc[12];
	long m;
	int span;
	size_t k, q, r, np;

	since = strstr(n, " since ");
	for (q = 0; since && cues[q] && !as; q++)
		if ((as = strstr(n, cues[q])) != NULL)
			as += strlen(cues[q]) - 1;
	if (!as || !start_at(pg, since, &m, &span))
		return;
	end = as + strcspn(as + 1, ".;") + 1;
	snprintf(post, sizeof(post), "%.*s ", (int)(end - as), as);
	np = words(post, wp, 12);
	for (k = 0; k < pg->c->n; k++) {
		const struct claim *c = &pg->c->c[k];
		char role[NORM_MAX];
		size_t nc, shared = 0;

		if (c->qual || c->from < 0)
			continue;
		ds_incons_norm(c->what, strlen(c->what), 0, role, sizeof(role));
		/* "Teacher of PE and Head of Year 9": the second part may
		 * have begun later in the same post. */
		if (has(role, " and "))
			continue;
		nc = words(role, wc, 12);
		/* Each word of the claimed role once. */
		for (r = 0; r < nc; r++)
			for (q = 0; wc[r].n >= 3 && q < np; q++)
				if (wp[q].n == wc[r].n &&
				    memcmp(wp[q].p, wc[r].p, wp[q].n) == 0) {
					shared++;
					break;
				}
		if (shared < 2 || apart(m, span, c->from, c->from_span) <= TOL)
			continue;
		month_text(m, span, a, sizeof(a));
		snprintf(why, sizeof(why), "their own page dates the start to "
			 "%s, the application to %s", a, c->from_s);
		report(pg, k, &pg->l[i], NULL, why);
		return;
	}
}

/*
 * Their own dated post keeping an anniversary: "1 year today at the
 * Family Hub", "two years ago today I started at Oak Primary", "3 years
 * at Oak Primary today".  The page's month less the years is the start
 * at the claimed employer it names (in full, or past its first word
 * after "the": "the Family Hub" of "Quenbury Family Hub"); a start later
 * than the claimed one by more than the tolerance is a gap the
 * application hides.
 */
static void check_anniversary(struct page *pg, size_t i)
{
	static const char *const nums[] = {
		"a", "one", "two", "three", "four", "five", "six", "seven",
		"eight", "nine", "ten", NULL
	};
	const char *n = pg->l[i].norg, *p;
	char why[240], a[24], rest[512];
	struct word w[64];
	size_t nw, k, j, q;
	long years = 0, start;

	if (!pg->own || !pg->dated || !has(n, " today "))
		return;
	nw = words(n, w, 64);
	for (k = 0; k + 2 < nw && !years; k++) {
		if (!word_is(&w[k + 1], "year") && !word_is(&w[k + 1], "years"))
			continue;
		for (q = 0; nums[q]; q++)
			if (word_is(&w[k], nums[q]))
				years = q ? (long)q : 1;
		if (!years && w[k].n <= 2 && isdigit((unsigned char)*w[k].p))
			years = strtol(w[k].p, NULL, 10);
		/* "today" within the next eight words. */
		for (j = k + 2; years && j < nw && j < k + 10; j++)
			if (word_is(&w[j], "today"))
				break;
		if (years && (j >= nw || j >= k + 10))
			years = 0;
	}
	if (years < 1 || years > 40)
		return;
	start = pg->date - years * 12;
	for (k = 0; k < pg->c->n; k++) {
		const struct claim *c = &pg->c->c[k];

		if (c->qual || c->from < 0 || !c->where_n[0])
			continue;
		p = org_at(c, n);
		if (!p) {
			const char *sp = strchr(c->where_n + 1, ' ');

			if (!sp || !strchr(sp + 1, ' ') ||
			    !strchr(strchr(sp + 1, ' ') + 1, ' '))
				continue;
			snprintf(rest, sizeof(rest), " the%s", sp);
			p = strstr(pg->l[i].norm, rest);
		}
		if (!p || start - c->from <= TOL)
			continue;
		month_text(start, 1, a, sizeof(a));
		snprintf(why, sizeof(why), "their own post keeps an "
			 "anniversary that dates the start to %s, the "
			 "application to %s (a gap the application hides)",
			 a, c->from_s);
		report(pg, k, &pg->l[i], NULL, why);
		return;
	}
}

/*
 * A staff table of the claimed employer in the claimed period: their
 * row (line i, "Name | Role") gives a post sharing no word with the
 * claimed one, and another row holds the claimed post ("Ryan Keast |
 * Kitchen Porter" while "Lily Hendra | Residential Support Worker").
 */
static void check_table_role(struct page *pg, size_t i)
{
	int k = emp_for(pg, i);
	const struct claim *c;
	const char *bar, *end;
	char role[NORM_MAX], theirs[NORM_MAX], why[240];
	size_t j;

	if (k < 0)
		return;
	c = &pg->c->c[k];
	if (!c->what[0] || !in_period(pg, c) || (pg->reported & (1u << k)))
		return;
	bar = memchr(pg->l[i].p, '|', pg->l[i].n);
	if (!bar)
		return;
	/* Their name in the first cell ("Name | Role"). */
	ds_incons_norm(pg->l[i].p, (size_t)(bar - pg->l[i].p), 0, theirs,
		       sizeof(theirs));
	if (!named_in(theirs, pg->names, pg->nnames))
		return;
	end = memchr(bar + 1, '|', pg->l[i].n - (size_t)(bar + 1 -
							  pg->l[i].p));
	if (!end)
		end = pg->l[i].p + pg->l[i].n;
	ds_incons_norm(bar + 1, (size_t)(end - bar - 1), 0, theirs,
		       sizeof(theirs));
	ds_incons_norm(c->what, strlen(c->what), 0, role, sizeof(role));
	if (strlen(theirs) < 4 || strlen(role) < 8 ||
	    roles_share(theirs, role))
		return;
	theirs[strlen(theirs) - 1] = '\0';     /* its trailing space */
	for (j = 0; j < pg->nl; j++) {
		if (j == i || mention(pg, j) ||
		    !memchr(pg->l[j].p, '|', pg->l[j].n) ||
		    !has(pg->l[j].norm, role))
			continue;
		snprintf(why, sizeof(why), "the page lists the candidate "
			 "as%.*s, and the claimed post as someone else's",
			 120, theirs);
		report(pg, (size_t)k, &pg->l[i], &pg->l[j], why);
		return;
	}
}

/* Cell number col of a table row (page.c's " | " between cells) into
 * out, normalised; 0 when the row has no such cell. */
static int cell(const struct line *l, size_t col, char *out, size_t size)
{
	const char *p = l->p, *end = l->p + l->n, *bar;

	while (col--) {
		bar = memchr(p, '|', (size_t)(end - p));
		if (!bar)
			return 0;
		p = bar + 1;
	}
	bar = memchr(p, '|', (size_t)(end - p));
	ds_incons_norm(p, (size_t)((bar ? bar : end) - p), 0, out, size);
	return 1;
}

/*
 * A staff table's dates for their row (line i): a column headed "with
 * us since" or "joined" gives the start, compared with the claimed
 * one; a table dated by its document (a governors' staffing report)
 * after the claimed end still listing them in the claimed post.
 */
static void check_table_dates(struct page *pg, size_t i)
{
	static const char *const since_heads[] = {
		" since ", " joined ", " start date ", " started ", NULL
	};
	int k = emp_for(pg, i), span;
	const struct claim *c;
	char h[NORM_MAX], v[NORM_MAX], why[200], a[24], b[24];
	size_t j, col, q;
	long m;

	if (k < 0 || !memchr(pg->l[i].p, '|', pg->l[i].n))
		return;
	c = &pg->c->c[k];
	if (pg->reported & (1u << k))
		return;
	for (j = i; j-- > 0 && i - j <= 12;) {
		if (!memchr(pg->l[j].p, '|', pg->l[j].n))
			break;
		for (col = 1; cell(&pg->l[j], col, h, sizeof(h)); col++) {
			for (q = 0; since_heads[q] && !has(h, since_heads[q]);
			     q++)
				;
			if (!since_heads[q] || !cell(&pg->l[i], col, v,
						       sizeof(v)) ||
			    !date_norm(v, 0, &m, &span) || c->from < 0 ||
			    apart(m, span, c->from, c->from_span) <= TOL)
				continue;
			month_text(m, span, a, sizeof(a));
			snprintf(why, sizeof(why), "the page dates the start "
				 "to %s, the application to %s", a,
				 c->from_s);
			report(pg, (size_t)k, &pg->l[i], &pg->l[j], why);
			return;
		}
	}
	/* Listed in the claimed post months after the claimed end, in a
	 * document dated by its title or address. */
	if (c->what[0] && pg->dated && !pg->body_dated && c->to >= 0 &&
	    c->to != DS_INCONS_NOW &&
	    pg->date - (c->to + (c->to_span == 12 ? 11 : 0)) > TOL &&
	    !leave_cue(pg->l[i].norm)) {
		ds_incons_norm(c->what, strlen(c->what), 0, v, sizeof(v));
		if (!roles_share(pg->l[i].norm, v))
			return;
		month_text(pg->date, pg->span, a, sizeof(a));
		month_text(c->to, c->to_span, b, sizeof(b));
		snprintf(why, sizeof(why), "the page lists the candidate in "
			 "the post in %s, after the application's end (%s)",
			 a, b);
		report(pg, (size_t)k, &pg->l[i], NULL, why);
	}
}

/*
 * The claimed employer closed before the claimed end: a line naming it
 * (or under a title that does) says it closes ("will shut", "final
 * session"), with a date there or on the next line, else the page's.
 * Hedged closures ("could close", "saved from closure") are nothing.
 */
static void check_closure(struct page *pg)
{
	static const char *const cues[] = {
		" to close ", " will close ", " will shut ", " has closed ",
		" have closed ", " closed its doors ", " closed for good ",
		" shut for good ", " final session ", " closed down ",
		" shut down ", " ceased trading ", " went into administration ",
		" went into liquidation ", " is closing ", " closes its doors ",
		" last ever session ", NULL
	};
	static const char *const hedge[] = {
		" could ", " may ", " might ", " faces ", " facing ",
		" threat ", " threatened ", " saved ", " reprieve ",
		" fears ", " plans to ", " consultation ", " proposal ",
		" proposed ", NULL
	};
	size_t i, k, j, q;
	char why[200], a[24], b[24];
	long m;
	int span;

	for (k = 0; k < pg->c->n; k++) {
		const struct claim *c = &pg->c->c[k];
		const struct line *named = NULL;

		if (c->qual || c->to < 0 || c->to == DS_INCONS_NOW ||
		    !(pg->at_page & (1u << k)))
			continue;
		for (i = 0; i < pg->nl; i++) {
			const char *cue = NULL;
			int have = 0;

			if (at_line(pg, k, i))
				named = &pg->l[i];
			if (!named && !(pg->at_title & (1u << k)))
				continue;
			for (j = 0; cues[j] && !cue; j++)
				cue = strstr(pg->l[i].norm, cues[j]);
			for (q = 0; cue && hedge[q]; q++)
				if (has(pg->l[i].norm, hedge[q]))
					cue = NULL;
			if (!cue)
				continue;
			have = date_norm(cue, 0, &m, &span);
			if (!have && i + 1 < pg->nl)
				have = date_norm(pg->l[i + 1].norm, 0, &m,
						 &span);
			if (!have && pg->dated) {
				m = pg->date;
				span = pg->span;
				have = 1;
			}
			if (!have || m + span - 1 >= c->to - TOL ||
			    (c->from >= 0 && m < c->from))
				continue;
			month_text(m, span, a, sizeof(a));
			month_text(c->to, c->to_span, b, sizeof(b));
			snprintf(why, sizeof(why), "the page has the employer "
				 "closing in %s, the application says employed "
				 "there until %s", a, b);
			report(pg, k, &pg->l[i], named && named != &pg->l[i] ?
			       named : NULL, why);
			break;
		}
	}
}

/* Is the page a list of awards ("Certificates awarded", "Congratulations
 * to our graduates"): its title or one of its first lines says so? */
static int awards_page(const struct page *pg)
{
	static const char *const cues[] = {
		" awarded ", " awards ", " graduates ", " graduation ",
		" certificates ", " congratulations ", " passed ",
		" achievers ", " results ", NULL
	};
	size_t i, k;

	for (k = 0; cues[k]; k++) {
		if (has(pg->title, cues[k]))
			return 1;
		for (i = 0; i < pg->nl && i < 6; i++)
			if (has(pg->l[i].norm, cues[k]))
				return 1;
	}
	return 0;
}

/* A short heading just above line i naming the subject of claim title
 * nt ("Mathematics and Statistics" over an awards list's names). */
static int subject_heading(const struct page *pg, size_t i, const char *nt)
{
	struct word w[16];
	size_t j;

	for (j = i; j-- > 0 && i - j <= 3;)
		if (words(pg->l[j].norm, w, 16) <= 6 &&
		    !level_norm(pg->l[j].norm) &&
		    same_subject(nt, pg->l[j].norm))
			return 1;
	return 0;
}

/* Does a line other than i name the claimed award (title nt, level cl)
 * for someone else? */
static int awarded_to_others(const struct page *pg, size_t i,
			     const char *nt, int cl)
{
	size_t j;

	for (j = 0; j < pg->nl; j++)
		if (j != i && level_norm(pg->l[j].norm) == cl &&
		    same_subject(nt, pg->l[j].norm))
			return 1;
	return 0;
}

/* The qualification checks at line i (a list item or a sentence). */
static void check_qualification(struct page *pg, size_t i)
{
	const struct line *head = NULL, *cls = NULL;
	int pl, pc = 0;
	size_t k, j;
	char why[200];

	pl = level_norm(pg->l[i].norm);
	if (pl)
		head = &pg->l[i];
	for (j = i; !pl && j-- > 0 && i - j <= 80;) {
		struct word w[16];

		/* A list's heading is short. */
		if (words(pg->l[j].norm, w, 16) > 12 &&
		    !level_norm(pg->l[j].norm))
			continue;
		if (!cls && class_norm(pg->l[j].norm))
			cls = &pg->l[j];
		pl = level_norm(pg->l[j].norm);
		if (pl)
			head = &pg->l[j];
	}
	if (!head)
		return;
	if (cls)
		pc = class_norm(cls->norm);
	else
		pc = class_norm(pg->l[i].norm);
	for (k = 0; k < pg->c->n; k++) {
		const struct claim *c = &pg->c->c[k];
		char nt[NORM_MAX];
		int cl, cc;

		if (!c->qual || !c->where[0] || !c->year || !pg->dated ||
		    pg->date / 12 - c->year < -1 ||
		    !(pg->at_page & (1u << k)))
			continue;
		ds_incons_norm(c->what, strlen(c->what), 0, nt, sizeof(nt));
		cl = level_norm(nt);
		cc = class_norm(nt);
		if (!same_subject(nt, head->norm) &&
		    !subject_heading(pg, i, nt)) {
			int sa, sb;

			/* The claimed year's awards list, at the claimed
			 * level, under another subject's heading: "BSc
			 * Biomedical Science" for a claimed BSc Chemistry. */
			if (cl && cl == pl && pg->date / 12 == c->year &&
			    head != &pg->l[i] && heading(head) &&
			    awards_page(pg) &&
			    subject_shared(nt, head->norm, &sa, &sb) == 0 &&
			    sa > 0 && sb > 0) {
				snprintf(why, sizeof(why), "the page lists the "
					 "award in another subject in %d",
					 c->year);
				report(pg, k, &pg->l[i], head, why);
			} else if (cl && pl && pl < cl &&
				   pg->date / 12 == c->year &&
				   head == &pg->l[i] && awards_page(pg) &&
				   awarded_to_others(pg, i, nt, cl)) {
				/* The claimed year's list: others have the
				 * claimed award ("Jo Ash | MBA"), their row
				 * a lower one. */
				snprintf(why, sizeof(why), "the page lists a "
					 "lower award than the application "
					 "claims, in %d", c->year);
				report(pg, k, &pg->l[i], NULL, why);
			}
			continue;
		}
		if (pg->date / 12 - c->year > 1) {
			/* An awards list years after the claimed award,
			 * at its level, the line giving no other year. */
			long m;
			int span;

			if ((!cl || cl == pl) && awards_page(pg) &&
			    !date_norm(pg->l[i].norm, 0, &m, &span)) {
				snprintf(why, sizeof(why), "the page lists "
					 "the award in %ld, the application "
					 "says %d", pg->date / 12, c->year);
				report(pg, k, &pg->l[i], head, why);
			}
			continue;
		}
		if (cl && pl < cl) {
			snprintf(why, sizeof(why), "the page lists a lower "
				 "award than the application claims");
			report(pg, k, &pg->l[i], head, why);
		} else if (cl == pl && cc && pc && pc < cc) {
			snprintf(why, sizeof(why), "the page lists a lower "
				 "class of degree than the application "
				 "claims");
			report(pg, k, &pg->l[i], cls ? cls : head, why);
		}
	}
}

/* The page's title and line n, together in out. */
static const char *with_title(const struct page *pg, const char *n,
			      char *out, size_t size)
{
	snprintf(out, size, "%s%s", pg->title, n);
	return out;
}

/* The month named by the first word after the cue at p (" resit in
 * march "), 1-12, or 0. */
static long month_after(const char *p)
{
	struct word w[8];
	size_t nw = words(p, w, 8), i;
	int strict;

	for (i = 0; i < nw && i < 4; i++) {
		int mo = month_of(&w[i], &strict);

		if (mo)
			return mo;
	}
	return 0;
}

/* "Currently working towards my Level 3 ...": a claimed award not yet
 * held at the page's date.  A failed attempt with its resit is the
 * same. */
/*
 * Does norm say "I" left an award, named within a few words ("i pulled
 * out of the pgcert", not "my colleague pulled out of the pgcert" nor "i
 * quit my job the week i finished the pgcert")?
 */
static int own_left_award(const char *norm)
{
	static const char *const cues[] = {
		" i pulled out of ", " i dropped out of ", " i withdrew from ",
		" i never finished ", " i didnt finish ", " i did not finish ",
		" i quit the ", " i gave up the ", NULL
	};
	char near[48];
	const char *p;
	size_t k, n;

	for (k = 0; cues[k]; k++) {
		p = strstr(norm, cues[k]);
		if (!p)
			continue;
		p += strlen(cues[k]) - 1;
		n = strlen(p);
		if (n > sizeof(near) - 2)
			n = sizeof(near) - 2;
		memcpy(near, p, n);
		near[n] = ' ';
		near[n + 1] = '\0';
		if (level_norm(near))
			return 1;
	}
	return 0;
}

/* How many qualification claims are at level `level`? */
static size_t claims_at_level(const struct page *pg, int level)
{
	size_t k, n = 0;
	char nt[NORM_MAX];

	for (k = 0; k < pg->c->n; k++) {
		if (!pg->c->c[k].qual)
			continue;
		ds_incons_norm(pg->c->c[k].what, strlen(pg->c->c[k].what), 0,
			       nt, sizeof(nt));
		n += level_norm(nt) == level;
	}
	return n;
}

/*
 * A higher degree said of them, within a dozen words after their name,
 * that no claim reaches: "Dr Jo Bloggs. PhD in Cognitive Psychology
 * (Mendip University, 2018)" on a profile, when the
 * application's highest award is an MSc.  Only when the application
 * lists awards at all, and not one being studied for.
 */
static void check_overclaim(struct page *pg, size_t i, const char *after)
{
	static const char *const not_held[] = {
		" working towards ", " studying for ", " studying ",
		" candidate ", " student ", " in progress ", " begun ",
		" started ", " starting ", " funded ", " supervisor ",
		" supervised ", " examiner ", " hopes to ", " applying ",
		" applied ", " offered ", " place on ", NULL
	};
	int pl, best = 0, kbest = -1, cl;
	size_t k;
	char nt[NORM_MAX], why[200], near[NORM_MAX];
	struct word w[16];

	/* The award within a dozen words after their name. */
	snprintf(near, sizeof(near), "%s", after);
	if (words(near, w, 16) > 12)
		near[w[12].p - near] = '\0';
	pl = level_norm(near);
	if (pl < 7)
		return;
	for (k = 0; not_held[k]; k++)
		if (has(pg->l[i].norm, not_held[k]))
			return;
	for (k = 0; k < pg->c->n; k++) {
		const struct claim *c = &pg->c->c[k];

		if (!c->qual)
			continue;
		ds_incons_norm(c->what, strlen(c->what), 0, nt, sizeof(nt));
		cl = level_norm(nt);
		if (kbest < 0 || cl > best) {
			best = cl;
			kbest = (int)k;
		}
	}
	if (kbest < 0 || best >= pl || best == 0 ||
	    (pg->reported & (1u << kbest)))
		return;
	snprintf(why, sizeof(why), "the page gives %s than the application "
		 "lists", pl >= 8 ? "a doctorate, a higher award" :
		 "a master's degree, a higher award");
	report(pg, (size_t)kbest, &pg->l[i], NULL, why);
}

static void check_studying(struct page *pg, size_t i)
{
	static const char *const cues[] = {
		" working towards ", " studying for ", " currently studying ",
		" due to complete ", " currently completing ",
		" final year of ", " should graduate ", " due to graduate ",
		" will graduate ", " expects to graduate ",
		" expected to graduate ", " end point assessment ",
		" yet to complete ", " still to complete ",
		" not yet completed ", " course booked ", " finishing my ",
		" finishing her ", " finishing his ", NULL
	};
	/* An assessment still ahead: the award named is not held yet,
	 * with or without a level ("booked onto her Mountain Leader
	 * assessment"). */
	static const char *const assess_cues[] = {
		" booked onto her ", " booked onto his ", " booked onto my ",
		" booked on to ", " still to be assessed ",
		" yet to be assessed ", " resubmission ", NULL
	};
	/* A course begun: the award is not held yet. */
	static const char *const start_cues[] = {
		" accepted onto ", " accepted on to ", " enrolled on ",
		" enrolled onto ", " has started ", " has begun ",
		" is starting ", " will start ", " started the ",
		" began the ", " begins the ", NULL
	};
	static const char *const course_words[] = {
		" course ", " programme ", " npq", " degree ", " diploma ",
		" certificate ", " apprenticeship ", " qualification ", NULL
	};
	static const char *const fail_cues[] = {
		" failed the ", " failed my ", " resit ", " re sit ",
		" retake ", " not yet recommended ", " not recommended ",
		" not yet awarded ", " deferred ", " referred ", NULL
	};
	/* An outcome that is final: no award was made. */
	static const char *const final_cues[] = {
		" no award ", " not awarded ", " did not complete ",
		" did not pass ", " withdrawn ", " withdrew from ",
		/* Their own word for it: "pulled out of the PGCert". */
		" pulled out of ", " dropped out of ", " never finished ",
		" didnt finish ", " did not finish ", NULL
	};
	static const char *const when_cues[] = {
		" expected ", " graduate in ", " planned for ", " booked for ",
		" due in ", " resit in ", " re sit in ", " retake in ",
		" reassessment ", " reassessed ", NULL
	};
	const char *n = pg->l[i].norm, *e = NULL;
	char both[NORM_MAX * 2], both2[NORM_MAX * 3];
	int pl, span, failed, final, started = 0;
	long m;
	size_t k, j;
	char why[200];

	for (k = 0; cues[k] && !has(n, cues[k]); k++)
		;
	for (j = 0; fail_cues[j] && !has(n, fail_cues[j]); j++)
		;
	failed = fail_cues[j] != NULL;
	for (j = 0; final_cues[j] && !has(n, final_cues[j]); j++)
		;
	final = final_cues[j] != NULL || (pg->own && own_left_award(n));
	failed |= final;
	for (j = 0; !cues[k] && !failed && start_cues[j]; j++)
		if (has(n, start_cues[j]))
			started = 1;
	if (started) {
		for (j = 0; course_words[j] && !has(n, course_words[j]); j++)
			;
		started = course_words[j] != NULL;
	}
	for (j = 0; !cues[k] && !failed && !started && assess_cues[j]; j++)
		if (has(n, assess_cues[j]))
			started = 1;
	if (!cues[k] && !failed && !started)
		return;
	pl = level_norm(n);
	/* The award may be named just above: "Level 3 apprentices", then
	 * each learner's line. */
	for (j = i; !pl && j-- > 0 && i - j <= 5;)
		if ((pl = level_norm(pg->l[j].norm)) != 0) {
			snprintf(both, sizeof(both), "%s%s", pg->l[j].norm,
				 n);
			n = both;
		}
	/* Without a level, only a failed attempt at a named subject
	 * ("failed the practical" of a first aid course) counts. */
	if (!pl && !failed && !started)
		return;
	for (k = 0; when_cues[k]; k++) {
		const char *p = strstr(n, when_cues[k]);

		if (p && (!e || p < e))
			e = p;
	}
	for (k = 0; k < pg->c->n; k++) {
		const struct claim *c = &pg->c->c[k];
		char nt[NORM_MAX];
		long when = -1;
		int sa, sb;

		if (!c->qual || !c->year)
			continue;
		ds_incons_norm(c->what, strlen(c->what), 0, nt, sizeof(nt));
		/* Without a level, on the page or in a claim that names
		 * none (a national award), two subject words of the claim
		 * in the line, or in the line and the page's title (an
		 * outcomes list under "Assessment Only route"). */
		/* In their own words an award ended is named short ("I
		 * pulled out of the PGCert"): its kind is enough when no
		 * other claim is of that kind. */
		if (pl && final && pg->own && own_left_award(n) &&
		    level_norm(nt) == pl && claims_at_level(pg, pl) == 1)
			;
		else if (pl && level_norm(nt) ?
		    level_norm(nt) != pl || !same_subject(nt, n) :
		    subject_shared(nt, n, &sa, &sb) < 2 &&
		    subject_shared(nt, with_title(pg, n, both2,
						  sizeof(both2)), &sa,
				   &sb) < 2)
			continue;
		if (e && date_norm(e, 0, &m, &span) && m / 12 > c->year)
			when = m / 12;
		else if (e && failed && pg->dated &&
			 (m = month_after(e)) > 0) {
			/* "resit in March": the next March after the
			 * page. */
			m += pg->date / 12 * 12 - 1;
			if (m < pg->date)
				m += 12;
			if (m / 12 > c->year)
				when = m / 12;
		}
		/* No award made, in the claimed year or after it. */
		if (when < 0 && pg->dated && (pg->date / 12 > c->year ||
					      (final &&
					       pg->date / 12 == c->year)))
			when = pg->date / 12;
		if (when < 0)
			continue;
		if (final)
			snprintf(why, sizeof(why), "the page has no award "
				 "made to the candidate (%ld); the application "
				 "says awarded in %d", when, c->year);
		else if (failed)
			snprintf(why, sizeof(why), "the page has the "
				 "candidate failing it, not yet held in %ld; "
				 "the application says awarded in %d", when,
				 c->year);
		else
			snprintf(why, sizeof(why), "the page has the "
				 "candidate still studying for it (%ld), the "
				 "application says awarded in %d", when,
				 c->year);
		report(pg, k, &pg->l[i], NULL, why);
	}
}

/*
 * An awards list that names the candidate below the winner ("Highly
 * commended: NAME" under "Primary Teacher of the Year") when the
 * application claims the award won ("Primary Teacher of the Year 2019
 * (winner)"): the heading within three lines above shares two words of
 * the claim's title, and the page's year is the claim's.
 */
static void check_award_place(struct page *pg, size_t i)
{
	static const char *const lesser[] = {
		" highly commended ", " commended ", " runner up ",
		" runners up ", " shortlisted ", " finalist ", " finalists ",
		" nominated ", " nominees ", NULL
	};
	const char *n = pg->l[i].norm, *name = NULL, *cue = NULL, *p;
	size_t k, j, q, best = 0;
	char why[200];

	/* The placing said of them: the last such word before their name,
	 * with no "winner" between ("Winner: Jo Bloggs. Highly commended:
	 * NAME", not "Winner: NAME. Highly commended: Sam Kerr"). */
	for (k = 0; k < pg->nnames && !name; k++)
		name = strstr(n, pg->names[k]);
	if (!name)
		return;
	for (q = 0; lesser[q]; q++)
		for (p = strstr(n, lesser[q]); p && p < name;
		     p = strstr(p + 1, lesser[q]))
			/* Later, and not inside the one found ("highly
			 * commended" holds "commended"). */
			if (!cue || p >= cue + strlen(lesser[best])) {
				cue = p;
				best = q;
			}
	if (!cue)
		return;
	for (p = strstr(cue, " winner "); p; p = strstr(p + 1, " winner "))
		if (p < name)
			return;
	q = best;
	for (k = 0; k < pg->c->n; k++) {
		const struct claim *c = &pg->c->c[k];
		char nt[NORM_MAX];
		int sa, sb, head = 0;

		if (!c->qual || !c->year)
			continue;
		ds_incons_norm(c->what, strlen(c->what), 0, nt, sizeof(nt));
		if (!has(nt, " winner ") && !has(nt, " won "))
			continue;
		if (pg->dated && pg->date / 12 != c->year)
			continue;
		for (j = i; !head && j-- > 0 && i - j <= 3;)
			head = subject_shared(nt, pg->l[j].norm, &sa, &sb) >= 2;
		if (!head)
			continue;
		snprintf(why, sizeof(why), "the page lists the candidate as "
			 "%.*s, not the winner the application claims",
			 (int)strlen(lesser[q]) - 2, lesser[q] + 1);
		report(pg, k, &pg->l[i], NULL, why);
	}
}

/*
 * A training provider's list of its trainees (the claimed award's
 * institution on the page, "trainees" in its title or a heading above)
 * naming them in a year after the claimed award: the training was not
 * done ("Meet our 2023-24 trainees" against a PGCE claimed in 2022).
 */
static void check_trainees(struct page *pg, size_t i)
{
	static const char *const itt[] = {
		" pgce", " qts ", " school direct ", " scitt ",
		" teacher training ", " initial teacher ",
		" postgraduate certificate in education ", NULL
	};
	size_t k, j, q;
	int listed = has(pg->title, " trainees ");
	char why[200];

	for (j = i; !listed && j-- > 0 && i - j <= 5;)
		listed = has(pg->l[j].norm, " trainees ") && heading(&pg->l[j]);
	if (!listed || !pg->dated || pg->body_dated)
		return;
	for (k = 0; k < pg->c->n; k++) {
		const struct claim *c = &pg->c->c[k];
		char nt[NORM_MAX];

		if (!c->qual || !c->year || !(pg->at_page & (1u << k)) ||
		    pg->date / 12 <= c->year)
			continue;
		ds_incons_norm(c->what, strlen(c->what), 0, nt, sizeof(nt));
		for (q = 0; itt[q] && !has(nt, itt[q]); q++)
			;
		if (!itt[q])
			continue;
		snprintf(why, sizeof(why), "the page lists the candidate "
			 "among trainees in %ld, after the claimed award (%d)",
			 pg->date / 12, c->year);
		report(pg, k, &pg->l[i], NULL, why);
	}
}

/* This month, as a month count. */
static long this_month(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (!gmtime_r(&now, &tm))
		return 0;
	return (long)(tm.tm_year + 1900) * 12 + tm.tm_mon;
}

/*
 * Line i, on a page about them (their own words or a line under one that
 * names them), says they were full-time somewhere from a date ("I've been
 * volunteering full-time at X since January 2023 and I'm staying until
 * Easter 2024"): three months or more of it inside a claimed
 * employment elsewhere is a gap the application hides.
 */
static void check_elsewhere(struct page *pg, size_t i)
{
	const char *n = pg->l[i].norm, *p, *u;
	long f, t, lo, hi, ce, m;
	int fspan, tspan, span;
	size_t k;
	char why[240], a[24], b[24];

	if (!has(n, " full time ") || !(p = strstr(n, " since ")) ||
	    !date_norm(p, 0, &f, &fspan))
		return;
	t = pg->dated ? pg->date + pg->span - 1 : this_month();
	tspan = 1;
	u = strstr(p, " until ");
	if (!u)
		u = strstr(p, " till ");
	if (u && date_norm(u, 0, &m, &span)) {
		t = m;
		tspan = span;
	}
	for (k = 0; k < pg->c->n; k++) {
		const struct claim *c = &pg->c->c[k];

		if (c->qual || c->from < 0 || c->to < 0 || at_line(pg, k, i))
			continue;
		ce = c->to == DS_INCONS_NOW ? this_month() :
		     c->to + (c->to_span == 12 ? 11 : 0);
		lo = f > c->from ? f : c->from;
		hi = t + tspan - 1 < ce ? t + tspan - 1 : ce;
		if (hi - lo < 3)
			continue;
		month_text(f, fspan, a, sizeof(a));
		month_text(t, tspan, b, sizeof(b));
		snprintf(why, sizeof(why), "the page has the candidate "
			 "full-time elsewhere from %s to %s, inside the "
			 "claimed employment (a gap the application hides)",
			 a, b);
		report(pg, k, &pg->l[i], NULL, why);
	}
}

/*
 * A staff list of a school no claim names ("Staff 2019-2020 ... Head of
 * Year 6 and History: Mrs NAME, who joined us in September 2019") that
 * gives the candidate a school post: the page's month (or the joining's)
 * three months or more inside a claimed employment elsewhere is a post
 * the application hides.  Not on a page that names a claimed employer.
 */
static void check_other_staff(struct page *pg, size_t i)
{
	const char *n = pg->l[i].norm, *p;
	long m;
	int span;
	size_t k, j;
	char why[240], a[24];

	const char *colon = memchr(pg->l[i].p, ':', pg->l[i].n);
	char post[NORM_MAX];

	if (!pg->dated || pg->at_page || pg->at_title || !colon)
		return;
	/* A list's item: the post, a colon, then them ("Head of Year 6
	 * and History: Mrs NAME"). */
	ds_incons_norm(pg->l[i].p, (size_t)(colon - pg->l[i].p), 0, post,
		       sizeof(post));
	if (rank_norm(post) <= 0 || named_in(post, pg->names, pg->nnames))
		return;
	/* Under a heading of staff. */
	for (j = i, p = NULL; j-- > 0 && i - j <= 8 && !p;)
		if (heading(&pg->l[j]) && has(pg->l[j].norm, " staff "))
			p = pg->l[j].norm;
	if (!p)
		return;
	m = pg->date;
	span = pg->span;
	p = strstr(n, " joined us ");
	if (p && date_norm(p, 0, &m, &span) == 0) {
		m = pg->date;
		span = pg->span;
	}
	for (k = 0; k < pg->c->n; k++) {
		const struct claim *c = &pg->c->c[k];
		long ce;

		if (c->qual || c->from < 0 || c->to < 0)
			continue;
		ce = c->to == DS_INCONS_NOW ? this_month() :
		     c->to + (c->to_span == 12 ? 11 : 0);
		if (m - c->from < 3 || ce - (m + span - 1) < 3)
			continue;
		month_text(m, span, a, sizeof(a));
		snprintf(why, sizeof(why), "the page lists the candidate on "
			 "another school's staff in %s, inside the claimed "
			 "employment (a post the application hides)", a);
		report(pg, k, &pg->l[i], NULL, why);
		return;
	}
}

/*
 * An entry of the candidate's own page (lines i-2..i, the last with the
 * dates f..t) at an organisation no claim names: employment the
 * application does not mention, reported when at least three of its
 * months fall where the application claims no employment.  Education,
 * volunteering and entries without an organisation's word are left.
 */
static void hidden(struct page *pg, size_t i, long f, int fs, long t,
		   int ts)
{
	static const char *const org[] = {
		" school", " academy", " college", " nursery", " primary ",
		" trust ", " council ", " ltd ", " limited ", " centre ",
		" services ", " hospital ", " plc ",
	};
	static const char *const not[] = {
		" university", " pgce", " student", " studying", " volunteer",
		" degree", " course ",
	};
	const struct line *o = NULL;
	long m, end, gap = 0, now = this_month();
	size_t j, k;
	char why[200], a[24], b[24];
	int w;

	(void)fs;
	/* An entry is a list's item, not prose: "I've worked in finance
	 * since 2014 and I blog about ..." says no post. */
	{
		struct word wd[24];

		if (words(pg->l[i].norm, wd, 24) > 16)
			return;
	}
	for (j = i + 1; j-- > 0 && i - j <= 2;) {
		for (k = 0; k < sizeof(not) / sizeof(not[0]); k++)
			if (has(pg->l[j].norm, not[k]))
				return;
		if (level_norm(pg->l[j].norm))
			return;
		for (k = 0; k < pg->c->n; k++)
			if (at_line(pg, k, j))
				return;
		for (k = 0; !o && k < sizeof(org) / sizeof(org[0]); k++) {
			struct word wd[16];

			if (has(pg->l[j].norm, org[k]) &&
			    words(pg->l[j].norm, wd, 16) <= 12)
				o = &pg->l[j];
		}
	}
	if (!o || pg->hidden)
		return;
	end = t == DS_INCONS_NOW ? now : t;
	for (m = f; m <= end && m - f < 600; m++) {
		int covered = 0;

		for (k = 0; !covered && k < pg->c->n; k++) {
			const struct claim *c = &pg->c->c[k];
			long ce = c->to == DS_INCONS_NOW ? now :
				  c->to + (c->to_span == 12 ? 11 : 0);

			covered = !c->qual && c->from >= 0 && c->to >= 0 &&
				  m >= c->from && m <= ce;
		}
		gap += !covered;
	}
	if (gap < 3)
		return;
	pg->hidden = 1;
	month_text(f, fs, a, sizeof(a));
	month_text(t == DS_INCONS_NOW ? t : t - ts + 1, ts, b, sizeof(b));
	excerpt(o, why, sizeof(why));
	w = snprintf(pg->out + pg->used, pg->size - pg->used,
		     "inconsistency: Application: no employment at '%s' | "
		     "Page: '%s' dated %s to %s | employment the application "
		     "does not mention, %ld months of it in a period the "
		     "application leaves empty\n", why, why, a, b, gap);
	if (w < 0 || (size_t)w >= pg->size - pg->used) {
		pg->out[pg->used] = '\0';
		return;
	}
	pg->used += (size_t)w;
}

/* A page that is the candidate's own (profile, CV): its dated entries. */
static void check_entries(struct page *pg)
{
	size_t i, j, k;
	char why[200], a[24], b[24];

	for (i = 0; i < pg->nl; i++) {
		struct word wd[24];
		long f, t;
		int fs, ts, brk = 0;
		int e = -1;

		if (!range_norm(pg->l[i].norm, &f, &fs, &t, &ts))
			continue;
		for (j = i + 1; j-- > 0 && i - j <= 2;) {
			long x, y;
			int xs, ys;

			if (j != i && range_norm(pg->l[j].norm, &x, &xs, &y,
						 &ys))
				break;
			if (has(pg->l[j].norm, " career break"))
				brk = 1;
			for (k = 0; e < 0 && k < pg->c->n; k++)
				if (!pg->c->c[k].qual && at_line(pg, k, j))
					e = (int)k;
		}
		if (brk) {
			for (k = 0; k < pg->c->n; k++) {
				const struct claim *c = &pg->c->c[k];
				long ce = c->to == DS_INCONS_NOW ? t :
					  c->to + (c->to_span == 12 ? 11 : 0);
				long lo = f > c->from ? f : c->from;
				long hi = t < ce ? t : ce;

				if (c->qual || c->from < 0 || c->to < 0 ||
				    hi - lo < TOL)
					continue;
				month_text(f, fs, a, sizeof(a));
				month_text(t, ts, b, sizeof(b));
				snprintf(why, sizeof(why), "the page shows a "
					 "career break (%s to %s) inside the "
					 "claimed employment", a, b);
				report(pg, k, &pg->l[i], &pg->l[i - (i > 0)],
				       why);
			}
			continue;
		}
		if (e < 0) {
			hidden(pg, i, f, fs, t, ts);
			continue;
		}
		/* An entry's dates, not prose's: "teacher at X, and
		 * councillor since 2023" dates the other post. */
		if (words(pg->l[i].norm, wd, 24) > 16)
			continue;
		{
			const struct claim *c = &pg->c->c[e];
			long d1 = c->from >= 0 ? apart(f, fs, c->from,
						       c->from_span) : 0;
			long d2 = c->to < 0 ? 0 :
				  c->to == DS_INCONS_NOW || t == DS_INCONS_NOW ?
				  apart(t, 1, c->to, 1) :
				  apart(t - ts + 1, ts, c->to,
					c->to_span);

			if (d1 <= TOL && d2 <= TOL)
				continue;
			month_text(f, fs, a, sizeof(a));
			month_text(t == DS_INCONS_NOW ? t : t - ts + 1, ts, b,
				   sizeof(b));
			snprintf(why, sizeof(why), "the page dates this post "
				 "%s to %s", a, b);
			report(pg, (size_t)e, &pg->l[i], &pg->l[i - (i > 0)],
			       why);
		}
	}
}

/* A record's field saying an award is not held (yet). */
static const char *const not_held[] = {
	" not yet passed", " not passed", " not qualified", " trainee ",
	" deferred", " not awarded", " not yet awarded", " in training ",
	" not yet assessed", " awaiting assessment", " not achieved",
	" not yet achieved", " failed ", " not held", NULL
};

/* For a claim of QTS (title nt), a short line of the page saying
 * qualified teacher status is not held ("Qualified teacher status | Not
 * held"), in *cue. */
static int qts_not_held(const struct page *pg, const char *nt,
			const struct line **cue)
{
	size_t i;

	if (!has(nt, " qts ") && !has(nt, " qualified teacher status "))
		return 0;
	for (i = 0; i < pg->nl; i++) {
		struct word w[24];
		size_t j;

		if (words(pg->l[i].norm, w, 24) > 16 ||
		    !(has(pg->l[i].norm, " qts ") ||
		      has(pg->l[i].norm, " qualified teacher status ")))
			continue;
		/* The field's value on its line, or on the next (a
		 * definition list). */
		for (j = i; j < pg->nl && j <= i +
		     !memchr(pg->l[i].p, '|', pg->l[i].n); j++)
			if (words(pg->l[j].norm, w, 24) <= 16 &&
			    (has(pg->l[j].norm, " not held") ||
			     has(pg->l[j].norm, " not awarded") ||
			     has(pg->l[j].norm, " none "))) {
				*cue = &pg->l[j];
				return 1;
			}
	}
	return 0;
}

/* A professional body's grade of membership named in n: 3 fellow, 2
 * associate or chartered, 1 student or affiliate; 0 none. */
static int grade_norm(const char *n)
{
	if (has(n, " fellow ") || has(n, " fellowship "))
		return 3;
	if (has(n, " associate ") || has(n, " chartered ") ||
	    has(n, " full member "))
		return 2;
	if (has(n, " student ") || has(n, " affiliate "))
		return 1;
	return 0;
}

/*
 * A page about them that names a claimed award's awarding body (a
 * register, a coach finder): its short lines naming the award's subject
 * give it only at a lower level than the claim ("Paddlesport Coach Level
 * 2" against a claimed Level 3), or a field within 3 lines of one says
 * it is not held ("Assessment | Not yet passed").  A page dated in or
 * before the claimed year says nothing of it.
 */
static void check_record(struct page *pg)
{
	size_t i, j, k;
	char why[200];

	for (k = 0; k < pg->c->n; k++) {
		const struct claim *c = &pg->c->c[k];
		const struct line *subj = NULL, *best = NULL, *cue = NULL;
		char nt[NORM_MAX];
		int cl, pl, top = 0;

		if (!c->qual || !c->year ||
		    (pg->dated && !pg->body_dated &&
		     pg->date / 12 <= c->year))
			continue;
		ds_incons_norm(c->what, strlen(c->what), 0, nt, sizeof(nt));
		/* Qualified teacher status is national: any register of
		 * them may say it is not held. */
		if (qts_not_held(pg, nt, &cue)) {
			snprintf(why, sizeof(why), "the page's record says "
				 "qualified teacher status is not held");
			report(pg, k, cue, NULL, why);
			continue;
		}
		if (!(pg->at_page & (1u << k)))
			continue;
		cl = level_norm(nt);
		for (i = 0; i < pg->nl; i++) {
			struct word w[24];

			if (words(pg->l[i].norm, w, 24) > 16 ||
			    !same_subject(nt, pg->l[i].norm))
				continue;
			if (!subj)
				subj = &pg->l[i];
			pl = level_norm(pg->l[i].norm);
			if (pl > top) {
				top = pl;
				best = &pg->l[i];
			}
			for (j = i > 3 ? i - 3 : 0; !cue && j < pg->nl &&
			     j <= i + 3; j++) {
				size_t n;

				if (words(pg->l[j].norm, w, 24) > 12)
					continue;
				for (n = 0; not_held[n]; n++)
					if (has(pg->l[j].norm, not_held[n]))
						cue = &pg->l[j];
			}
		}
		/* A grade of membership: the record's field of it
		 * ("Membership class | Student (Affiliate)") below the
		 * claimed one ("Fellow of the Institute"). */
		if (grade_norm(nt)) {
			for (i = 0; i < pg->nl; i++) {
				struct word w[24];
				int g = grade_norm(pg->l[i].norm);

				if (!g || g >= grade_norm(nt) ||
				    words(pg->l[i].norm, w, 24) > 8 ||
				    !(has(pg->l[i].norm, " membership ") ||
				      has(pg->l[i].norm, " grade ") ||
				      has(pg->l[i].norm, " class ")))
					continue;
				snprintf(why, sizeof(why), "the awarding "
					 "body's record gives a lower grade of "
					 "membership than the application "
					 "claims");
				report(pg, k, &pg->l[i], NULL, why);
				break;
			}
		}
		if (!subj)
			continue;
		if (cl && top && top < cl) {
			snprintf(why, sizeof(why), "the awarding body's record "
				 "lists this award at level %d at most, the "
				 "application claims level %d", top, cl);
			report(pg, k, best, NULL, why);
		} else if (cue) {
			snprintf(why, sizeof(why), "the awarding body's record "
				 "says the award is not held");
			report(pg, k, cue, subj, why);
		}
	}
}

/* The page's own date: published, its title, its address, its top. */
static void page_date(struct page *pg, const char *url,
		      const char *published)
{
	char n[NORM_MAX];
	size_t i;

	if (published && strlen(published) >= 7 &&
	    published[4] == '-') {
		long y = strtol(published, NULL, 10);
		long m = strtol(published + 5, NULL, 10);

		if (y >= 1950 && y <= 2099 && m >= 1 && m <= 12) {
			pg->date = y * 12 + m - 1;
			pg->span = 1;
			pg->dated = 1;
			return;
		}
	}
	if (date_norm(pg->title, 0, &pg->date, &pg->span)) {
		pg->dated = 1;
		return;
	}
	if (url) {
		const char *p = strstr(url, "://");

		p = p ? strchr(p + 3, '/') : NULL;
		/* "/news/2022/12/...": the year and the month. */
		for (i = 0; p && p[i]; i++) {
			const char *q = p + i;

			if (q[0] == '/' && isdigit((unsigned char)q[1]) &&
			    isdigit((unsigned char)q[2]) &&
			    isdigit((unsigned char)q[3]) &&
			    isdigit((unsigned char)q[4]) && q[5] == '/' &&
			    isdigit((unsigned char)q[6]) &&
			    isdigit((unsigned char)q[7]) && q[8] == '/') {
				long y = strtol(q + 1, NULL, 10);
				long m = strtol(q + 6, NULL, 10);

				if (y >= 1950 && y <= 2099 && m >= 1 &&
				    m <= 12) {
					pg->date = y * 12 + m - 1;
					pg->span = 1;
					pg->dated = 1;
					return;
				}
			}
		}
		if (p) {
			ds_incons_norm(p, strlen(p), 0, n, sizeof(n));
			if (date_norm(n, 0, &pg->date, &pg->span)) {
				pg->dated = 1;
				return;
			}
		}
	}
	for (i = 0; i < pg->nl && i < 15; i++)
		if (date_norm(pg->l[i].norm, 0, &pg->date, &pg->span)) {
			pg->dated = 1;
			pg->body_dated = 1;
			return;
		}
}

/* Does a date start at s (a month's name, a year, "present")? */
static int date_next(const char *s, const char *end)
{
	static const char *const m[] = {
		"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
		"oct", "nov", "dec", "sept", "present", "now", "january",
		"february", "march", "april", "june", "july", "august",
		"september", "october", "november", "december"
	};
	size_t i, k = 0;

	if (end - s >= 4 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' &&
	    s[1] <= '9' && s[2] >= '0' && s[2] <= '9' && s[3] >= '0' &&
	    s[3] <= '9')
		return 1;
	while (s + k < end && ((s[k] >= 'a' && s[k] <= 'z') ||
			       (s[k] >= 'A' && s[k] <= 'Z')))
		k++;
	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (strlen(m[i]) == k && strncasecmp(s, m[i], k) == 0)
			return 1;
	return 0;
}

/*
 * The next piece of the text from p: a block ends at '\n', and within a
 * block a list's item (" - ") and a heading ("### ") start a new piece,
 * as page.c writes lists; a dash between two dates stays ("Sep 2015 -
 * Jul 2021").  *n is the piece's length; returns where the next starts.
 */
static const char *piece(const char *p, const char *end, size_t *n)
{
	const char *q;

	for (q = p; q < end && *q != '\n'; q++) {
		if (q > p && end - q > 3 && q[0] == ' ' && q[1] == '-' &&
		    q[2] == ' ' && !date_next(q + 3, end)) {
			*n = (size_t)(q - p);
			return q + 3;
		}
		if (q > p && end - q > 4 && q[0] == ' ' && q[1] == '#' &&
		    q[2] == '#') {
			*n = (size_t)(q - p);
			while (q < end && (*q == ' ' || *q == '#'))
				q++;
			return q;
		}
	}
	*n = (size_t)(q - p);
	return q < end ? q + 1 : end;
}

/* Line i's first mention of a first name in pg->first (as mention()),
 * or NULL. */
static const char *first_mention(const struct page *pg, size_t i)
{
	return named_in(pg->l[i].norm, pg->first, pg->nfirst);
}

/*
 * The first names of the candidate's names (" gary "), kept unless the
 * page names someone else with one ("Gary Holt": the first name before a
 * capitalised word that is not one of their surnames).
 */
static void first_names(struct page *pg, const struct ds_plan_anchors *a,
			const char *text, size_t len)
{
	const char *forms[9];
	size_t nf = 0, k, j;

	if (a->name)
		forms[nf++] = a->name;
	for (k = 0; k < a->nknown_as && nf < 9; k++)
		forms[nf++] = a->known_as[k];
	for (k = 0; k < nf; k++) {
		const char *sp = strchr(forms[k], ' '), *sur, *p;
		size_t fl;
		int other = 0;

		if (!sp || pg->nfirst >= 4)
			continue;
		fl = (size_t)(sp - forms[k]);
		sur = strrchr(forms[k], ' ') + 1;
		if (fl < 3 || fl > 30)
			continue;
		/* Someone else of that first name? */
		for (p = text; !other && p + fl + 2 < text + len; p++) {
			const char *w = p + fl + 1;

			if (strncmp(p, forms[k], fl) != 0 || p[fl] != ' ' ||
			    (p > text && isalnum((unsigned char)p[-1])) ||
			    !isupper((unsigned char)*w))
				continue;
			other = strncmp(w, sur, strlen(sur)) != 0;
			for (j = 0; other && j < nf; j++) {
				const char *s2 = strrchr(forms[j], ' ');

				if (s2 && strncmp(w, s2 + 1,
						  strlen(s2 + 1)) == 0)
					other = 0;
			}
		}
		if (other)
			continue;
		ds_incons_norm(forms[k], fl, 0, pg->first[pg->nfirst],
			       sizeof(pg->first[0]));
		if (strlen(pg->first[pg->nfirst]) >= 4)
			pg->nfirst++;
	}
}

static void add_name(struct page *pg, const char *s)
{
	char n[160];

	if (!s || !*s || pg->nnames >= 20)
		return;
	ds_incons_norm(s, strlen(s), 0, n, sizeof(n));
	if (strlen(n) < 4)
		return;
	snprintf(pg->names[pg->nnames++], sizeof(pg->names[0]), "%s", n);
}

int ds_incons_check(const struct ds_incons *c,
		    const struct ds_plan_anchors *a, const char *text,
		    size_t len, const char *title, const char *url,
		    const char *published, int declared, char *explain,
		    size_t size)
{
	struct page *pg;
	char *norm = NULL, *norg = NULL, tn[NORM_MAX];
	size_t i, k, cap, o = 0, og = 0, mentions = 0, n;
	const char *p, *end = text + len;
	int subject = declared, found, full_seen = 0;

	if (size)
		explain[0] = '\0';
	if (!c || !a || !a->name || !text || size < 2)
		return 0;
	pg = ds_malloc(sizeof(*pg));
	if (!pg)
		return 0;
	memset(pg, 0, sizeof(*pg));
	pg->c = c;
	pg->own = declared;
	pg->out = explain;
	pg->size = size;
	for (i = 0, p = text; p < end && i < LINES_MAX; i++)
		p = piece(p, end, &n);
	pg->nl = i;
	cap = len * 4 + pg->nl * 4 + 16;
	pg->l = ds_malloc(pg->nl * sizeof(*pg->l) + 1);
	norm = ds_malloc(cap);
	norg = ds_malloc(cap);
	if (!pg->l || !norm || !norg)
		goto out;
	for (i = 0, p = text; i < pg->nl; i++) {
		const char *next = piece(p, end, &n);

		pg->l[i].p = p;
		pg->l[i].n = n;
		pg->l[i].norm = norm + o;
		ds_incons_norm(p, n > 2000 ? 2000 : n, 0, norm + o, cap - o);
		o += strlen(norm + o) + 1;
		pg->l[i].norg = norg + og;
		ds_incons_norm(p, n > 2000 ? 2000 : n, 1, norg + og, cap - og);
		og += strlen(norg + og) + 1;
		p = next;
	}
	if (title)
		ds_incons_norm(title, strlen(title), 1, tn, sizeof(tn));
	for (k = 0; k < c->n; k++) {
		if (!c->c[k].where_n[0])
			continue;
		if (title && (has(tn, c->c[k].where_n) ||
			      (c->c[k].where_p[0] &&
			       has(tn, c->c[k].where_p))))
			pg->at_title |= 1u << k;
		for (i = 0; i < pg->nl && !(pg->at_page & (1u << k)); i++)
			if (at_line(pg, k, i))
				pg->at_page |= 1u << k;
		pg->at_page |= pg->at_title & (1u << k);
	}
	add_name(pg, a->name);
	for (i = 0; i < a->nknown_as; i++)
		add_name(pg, a->known_as[i]);
	for (i = 0; i < a->nprevious_name; i++)
		add_name(pg, a->previous_name[i]);
	{
		/* First and last of a name with middle names. */
		struct word w[8];
		char nm[160], fl[160];
		size_t nw;

		ds_incons_norm(a->name, strlen(a->name), 0, nm, sizeof(nm));
		nw = words(nm, w, 8);
		if (nw >= 3) {
			snprintf(fl, sizeof(fl), "%.*s %.*s", (int)w[0].n,
				 w[0].p, (int)w[nw - 1].n, w[nw - 1].p);
			add_name(pg, fl);
		}
	}
	/* On a page of a claimed employer, a title and their surname
	 * ("Miss Tyson left us at October half term") is them. */
	if (pg->at_page) {
		static const char *const titles[] = {
			"Mr", "Mrs", "Ms", "Miss", "Dr", NULL
		};
		const char *forms[9];
		size_t nf = 0, t;

		forms[nf++] = a->name;
		for (k = 0; k < a->nprevious_name &&
		     nf < sizeof(forms) / sizeof(forms[0]); k++)
			forms[nf++] = a->previous_name[k];
		for (k = 0; k < nf; k++) {
			const char *sur = strrchr(forms[k], ' ');
			char tn2[160];

			if (!sur || strlen(sur + 1) < 4)
				continue;
			for (t = 0; titles[t]; t++) {
				snprintf(tn2, sizeof(tn2), "%s %s", titles[t],
					 sur + 1);
				add_name(pg, tn2);
			}
		}
	}
	if (title)
		ds_incons_norm(title, strlen(title), 0, pg->title,
			       sizeof(pg->title));
	for (i = 0; !subject && i < pg->nnames; i++)
		subject = has(pg->title, pg->names[i]);
	page_date(pg, url, published);
	first_names(pg, a, text, len);
	for (i = 0; i < pg->nl && mentions < 20; i++) {
		const char *after = mention(pg, i);

		/* After a full mention, their first name alone is them
		 * ("Gary left the Army in 2006"). */
		if (after)
			full_seen = 1;
		else if (full_seen)
			after = first_mention(pg, i);

		if (!after) {
			const struct line *up = i ? &pg->l[i - 1] : NULL;
			struct word hw[16];

			/* Theirs too: the page's subject, or the paragraph
			 * under a short line that names them ("Jo Bloggs,
			 * Swimming Teacher", then a bio); not a table's
			 * next row. */
			if (subject || (up && mention(pg, i - 1) &&
					words(up->norm, hw, 16) <= 12 &&
					!memchr(up->p, '|', up->n))) {
				check_studying(pg, i);
				check_elsewhere(pg, i);
				if (subject) {
					check_own_start(pg, i);
					check_anniversary(pg, i);
				}
			}
			continue;
		}
		mentions++;
		check_employment(pg, i, after);
		check_item_range(pg, i, after);
		check_post_holder(pg, i);
		check_table_role(pg, i);
		check_table_dates(pg, i);
		check_qualification(pg, i);
		check_overclaim(pg, i, after);
		check_studying(pg, i);
		check_trainees(pg, i);
		check_award_place(pg, i);
		check_other_staff(pg, i);
	}
	if (subject) {
		check_entries(pg);
		check_record(pg);
	}
	if (mentions || subject)
		check_closure(pg);
out:
	found = pg->reported != 0 || pg->hidden;
	ds_free(norm);
	ds_free(norg);
	ds_free(pg->l);
	ds_free(pg);
	return found;
}

/*
 * The year of claim cl (a job's start, an award's year; 0 when it has
 * none from 1940 to 2100) and into *young the youngest age that may hold
 * it, with a year to spare (a report may get an age wrong by one): a job
 * or an award from 15, a bachelor's degree from 19, a higher one from 20.
 */
static int claim_year(const json_t *cl, int *young)
{
	const char *kind = json_string_value(json_object_get(cl, "kind"));
	const char *when, *title;
	int year, level;

	*young = 15;
	if (!kind)
		return 0;
	if (strcmp(kind, "employment") == 0) {
		when = json_string_value(json_object_get(cl, "from"));
	} else if (strcmp(kind, "qualification") == 0) {
		when = json_string_value(json_object_get(cl, "year"));
		title = json_string_value(json_object_get(cl, "title"));
		level = title ? ds_incons_qual_level(title, strlen(title)) : 0;
		*young = level >= 7 ? 20 : level == 6 ? 19 : 15;
	} else {
		return 0;
	}
	year = when ? (int)strtol(when, NULL, 10) : 0;
	return year < 1940 || year > 2100 ? 0 : year;
}

int ds_incons_born_by(const json_t *claims)
{
	const json_t *cl;
	size_t i;
	int born_by = 0, year, young;

	json_array_foreach((json_t *)claims, i, cl) {
		year = claim_year(cl, &young);
		if (year && (!born_by || year - young < born_by))
			born_by = year - young;
	}
	return born_by;
}

int ds_incons_first_claim(const json_t *claims)
{
	const json_t *cl;
	size_t i;
	int first = 0, year, young;

	json_array_foreach((json_t *)claims, i, cl) {
		year = claim_year(cl, &young);
		if (year && (!first || year < first))
			first = year;
	}
	return first;
}
