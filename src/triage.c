/*
 * triage.c: identity levels and taxonomy matching (see triage.h).
 *
 * Both work on a folded copy of the text: lowercase ASCII, Latin accents
 * taken off, apostrophes dropped (and a possessive "'s" with them), every
 * other run of non-alphanumerics one space, with a map from each folded
 * byte back to the original, so an excerpt is cut from the original text.
 */
#include <ctype.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "buf.h"
#include "handle.h"
#include "lexicon.h"
#include "mem.h"
#include "place.h"
#include "text.h"
#include "triage.h"

/* ---- folding ------------------------------------------------------- */

/* Decode one UTF-8 character (U+FFFD when malformed); *len >= 1. */
static unsigned utf8_next(const unsigned char *s, size_t n, size_t *len)
{
	return (unsigned)ds_utf8_char((const char *)s, n, len);
}

struct folded {
	char *s;                /* the folded text, NUL-terminated */
	size_t len;
	size_t *map;            /* map[i]: offset in the original of s[i] */
};

static void folded_release(struct folded *f)
{
	ds_free(f->s);
	ds_free(f->map);
	memset(f, 0, sizeof(*f));
}

/* Fold text (see the top of this file); map may be skipped (want_map 0). */
static int fold(const char *text, size_t n, int want_map, struct folded *f)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t i = 0, o = 0, len;
	int space = 1;

	memset(f, 0, sizeof(*f));
	f->s = ds_malloc(n + 2);
	f->map = want_map ? ds_malloc((n + 2) * sizeof(*f->map)) : NULL;
	if (!f->s || (want_map && !f->map)) {
		folded_release(f);
		return DS_ENOMEM;
	}
	while (i < n) {
		unsigned cp = utf8_next(p + i, n - i, &len);
		char c = 0;

		if (cp < 0x80 && isalnum((int)cp))
			c = (char)tolower((int)cp);
		else if (cp >= 0xc0 && cp <= 0x17f)
			c = ds_latin_fold(cp);
		if (cp == '\'' || cp == 0x2019 || cp == 0x2018) {
			i += len;       /* O'Brien is obrien */
			/* A possessive "'s" goes: Smith's is smith. */
			if (i < n && (p[i] == 's' || p[i] == 'S') &&
			    (i + 1 == n || !isalnum(p[i + 1])))
				i++;
			continue;
		}
		if (c) {
			if (want_map)
				f->map[o] = i;
			f->s[o++] = c;
			/* Latin ligatures fold to two letters. */
			if (cp == 0xdf || cp == 0xe6 || cp == 0xc6 ||
			    cp == 0x153 || cp == 0x152) {
				if (want_map)
					f->map[o] = i;
				f->s[o++] = cp == 0xdf ? 's' : 'e';
			}
			space = 0;
		} else if (cp >= 0x80 && cp != 0xfffd && cp > 0x17f &&
			   cp != 0x2014 && cp != 0x2013 && cp != 0xa0 &&
			   !(cp >= 0x2000 && cp <= 0x206f)) {
			/* Other scripts pass through as they are. */
			size_t k;

			for (k = 0; k < len; k++) {
				if (want_map)
					f->map[o] = i + k;
				f->s[o++] = (char)p[i + k];
			}
			space = 0;
		} else if (!space) {
			if (want_map)
				f->map[o] = i;
			f->s[o++] = ' ';
			space = 1;
		}
		i += len;
	}
	while (o && f->s[o - 1] == ' ')
		o--;
	f->s[o] = '\0';
	if (want_map)
		f->map[o] = n;
	f->len = o;
	return 0;
}

int ds_fold(const char *text, size_t n, int want_map, struct ds_fold *f)
{
	struct folded g;
	int rc = fold(text, n, want_map, &g);

	f->s = g.s;
	f->len = g.len;
	f->map = g.map;
	return rc;
}

void ds_fold_release(struct ds_fold *f)
{
	ds_free(f->s);
	ds_free(f->map);
	memset(f, 0, sizeof(*f));
}

/*
 * Fold a short string into out (no map); "" when it does not fit.
 * Returns 0, or DS_ENOMEM (out is "" then too).
 */
static int fold_small(const char *in, char *out, size_t size)
{
	struct folded f;

	out[0] = '\0';
	if (fold(in, strlen(in), 0, &f) != 0)
		return DS_ENOMEM;
	if (f.len < size)
		memcpy(out, f.s, f.len + 1);
	folded_release(&f);
	return 0;
}

/* Find a whole-word occurrence of word in hay at or after from. */
static const char *find_word(const char *hay, size_t hlen, const char *word,
			     size_t from)
{
	size_t wl = strlen(word);
	const char *p = hay + from, *end = hay + hlen;

	if (!wl)
		return NULL;
	while (p < end) {
		p = strstr(p, word);
		if (!p)
			return NULL;
		if ((p == hay || p[-1] == ' ') &&
		    (p + wl == end || p[wl] == ' ' || p[wl] == '\0'))
			return p;
		p++;
	}
	return NULL;
}

static int has_word(const char *hay, size_t hlen, const char *word)
{
	return word[0] && find_word(hay, hlen, word, 0) != NULL;
}

/* ---- identity ------------------------------------------------------- */

static const char *const id_names[] = {
	"not-the-candidate", "possible", "probable", "confirmed"
};

const char *ds_identity_name(enum ds_identity id)
{
	return id <= DS_ID_CONFIRMED ? id_names[id] : "unknown";
}

void ds_match_format(unsigned bits, char *out, size_t size)
{
	static const char *const names[] = {
		"name", "known-as", "previous-name", "location", "employer",
		"school", "handle", "declared", "other-place", "role",
		"other-age", "other-job", "title-and-surname",
		"first-name-and-username"
	};
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!(bits & (1u << i)))
			continue;
		len += (size_t)snprintf(out + len, len < size ? size - len : 0,
					"%s%s", len ? "," : "", names[i]);
	}
	if (len >= size && size)
		out[size - 1] = '\0';
}

void ds_identity_conf_default(struct ds_identity_conf *c)
{
	c->name = 2;
	c->other_name = 2;
	c->location = 1;
	c->employer = 2;
	c->handle = 2;
	c->confirmed = 5;
	c->probable = 3;
	c->possible = 2;
}

/* Does a person's name (in the forms people write it) appear? */
static int name_in(const char *text, size_t len, const char *name)
{
	char f[256], *tok[8], form[300];
	size_t n = 0;
	char *p, *sp;

	fold_small(name, f, sizeof(f));
	if (!f[0])
		return 0;
	if (has_word(text, len, f))
		return 1;
	for (p = f; n < 8; p = sp + 1) {
		tok[n++] = p;
		sp = strchr(p, ' ');
		if (!sp)
			break;
		*sp = '\0';
	}
	if (n < 2)
		return 0;
	/* First and last: "jane smith"; reversed: "smith jane" ("Smith,
	 * Jane"); initial: "j smith" ("J. Smith"). */
	snprintf(form, sizeof(form), "%s %s", tok[0], tok[n - 1]);
	if (has_word(text, len, form))
		return 1;
	snprintf(form, sizeof(form), "%s %s", tok[n - 1], tok[0]);
	if (has_word(text, len, form))
		return 1;
	snprintf(form, sizeof(form), "%c %s", tok[0][0], tok[n - 1]);
	if (has_word(text, len, form))
		return 1;
	/* Middle initial: "jane a smith" ("Jane A. Smith"). */
	if (n < 3)
		return 0;
	snprintf(form, sizeof(form), "%s %c %s", tok[0], tok[1][0],
		 tok[n - 1]);
	return has_word(text, len, form);
}

/* The last words org_in may leave off an organisation's name. */
static const char *const org_generic_last[] = {
	"school", "academy", "primary", "secondary", "college", "ltd",
	"limited", "trust", "plc", "infant", "junior", "high", "fc", "afc",
	"rfc", "cfc", "club", "cic", "llp", NULL
};

/* Does an organisation (employer, school) appear by its full name, or
 * without generic last words ("Primary School") when at least two words
 * are left ("Cullerby Community" is, "Cullerby" is not)? */
static int org_in(const char *text, size_t len, const char *org)
{
	const char *const *generic = org_generic_last;
	char f[256];
	size_t i;

	fold_small(org, f, sizeof(f));
	if (!f[0])
		return 0;
	if (has_word(text, len, f))
		return 1;
	for (;;) {
		char *sp = strrchr(f, ' ');

		if (!sp)
			return 0;
		for (i = 0; generic[i]; i++)
			if (strcmp(sp + 1, generic[i]) == 0)
				break;
		if (!generic[i])
			return 0;
		*sp = '\0';
		/* Never a single word: "Cullerby" of "Cullerby Primary
		 * School" is any address in Cullerby. */
		if (!strchr(f, ' '))
			return 0;
		if (has_word(text, len, f))
			return 1;
	}
}

/* Does one of org's forms (as org_in finds it) cover t[at, at + n)? */
static int org_covers(const char *t, size_t tl, const char *org, size_t at,
		      size_t n)
{
	char f[256];
	const char *p;
	char *sp;
	size_t i;

	fold_small(org, f, sizeof(f));
	while (f[0] && strchr(f, ' ')) {
		size_t fl = strlen(f), from = 0;

		while ((p = find_word(t, tl, f, from)) != NULL) {
			if ((size_t)(p - t) <= at &&
			    at + n <= (size_t)(p - t) + fl)
				return 1;
			from = (size_t)(p - t) + 1;
		}
		sp = strrchr(f, ' ');
		for (i = 0; org_generic_last[i]; i++)
			if (strcmp(sp + 1, org_generic_last[i]) == 0)
				break;
		if (!org_generic_last[i])
			return 0;
		*sp = '\0';
	}
	return 0;
}

/*
 * Is the candidate's place (folded) named for itself, not only inside
 * the name of their employer or school?  "Mill Road, Elmbridge" says
 * where someone lives; "Elmbridge Junior" says only where the school is,
 * and the school counts already.
 */
static int place_in(const char *t, size_t tl, const char *place,
		    const struct ds_plan_anchors *a)
{
	size_t pl = strlen(place), from = 0, k;
	const char *p;
	int inside;

	while ((p = find_word(t, tl, place, from)) != NULL) {
		size_t at = (size_t)(p - t);

		inside = 0;
		for (k = 0; !inside && k < a->nemployer; k++)
			inside = org_covers(t, tl, a->employer[k], at, pl);
		for (k = 0; !inside && k < a->nschool; k++)
			inside = org_covers(t, tl, a->school[k], at, pl);
		if (!inside)
			return 1;
		from = at + 1;
	}
	return 0;
}

/*
 * Places come from the gazetteer (place.h).  Many place names are also
 * words ("Street", "Church", "Reading", "March") or surnames, so a name
 * counts as a place only when written with capitals and in a place's
 * context, the more so the smaller the place:
 *  - a city or town after "in", "at", "around" or as below;
 *  - a village or suburb after "from", "of", "near", "outside", or
 *    written "Hexham-based";
 *  - a hamlet or other settlement only in an address ("of Mill Lane,
 *    Alverton,"), after a street's name and a comma.
 * Month and day names never count.
 */
static const char *const strong_preps[] = {
	"from", "of", "near", "outside", "nr", NULL
};
static const char *const weak_preps[] = {
	"in", "at", "around", NULL
};
static const char *const place_articles[] = {
	"a", "the", NULL
};
/* Lowercase words inside a place's name: "Stoke-on-Trent". */
static const char *const place_joins[] = {
	"upon", "on", "in", "under", "le", "by", "the", "next", "sea", "de",
	"super", "y", "cum", "with", "en", NULL
};
static const char *const street_words[] = {
	"road", "street", "lane", "avenue", "close", "drive", "way", "row",
	"crescent", "terrace", "place", "gardens", "court", "square", "hill",
	"grove", "park", "walk", "mews", "rd", "st", "ave", "estate", "green",
	"view", "rise", "parade", NULL
};
static const char *const not_places[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december", "monday",
	"tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"christmas", "easter", NULL
};

static int word_in(const char *w, size_t n, const char *const *list)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
			return 1;
	return 0;
}

/* Words after a capitalised one that say it is no adjective. */
static const char *const function_words[] = {
	"is", "was", "are", "were", "has", "had", "have", "and", "or", "of",
	"to", "in", "on", "at", "by", "for", "with", "from", "as", "that",
	"this", "it", "will", "would", "can", "could", "be", "been", "the",
	"a", "an", "but", "not", NULL
};

/* End of the folded word that starts at i. */
static size_t word_end(const struct folded *f, size_t i)
{
	while (i < f->len && f->s[i] != ' ')
		i++;
	return i;
}

/* Is the folded word (or words) w at f->s[at]? */
static int word_at_is(const struct folded *f, size_t at, const char *w)
{
	size_t n = strlen(w);

	return at + n <= f->len && memcmp(f->s + at, w, n) == 0 &&
	       (at + n == f->len || f->s[at + n] == ' ');
}

/* Start of the folded word before the one at s (s > 0), or s. */
static size_t word_before(const char *f, size_t s)
{
	size_t b;

	if (s < 2)
		return s;
	for (b = s - 1; b > 0 && f[b - 1] != ' '; b--)
		;
	return b;
}

/* People a place is said of: "Merthyr man jailed". */
static const char *const place_people[] = {
	"man", "woman", "men", "women", "teenager", "teen", "mum", "dad",
	"mother", "father", "pensioner", "grandmother", "grandfather",
	"gran", "grandad", "couple", "youth", "resident", "residents",
	"landlady", "landlord", "publican", "licensee", "shopkeeper",
	"driver", "motorist", "cyclist", "businessman", "businesswoman",
	NULL
};

/*
 * The context of a capitalised word at folded s: 3 strong (address,
 * "X-based" or "X man"), 2 ("from X"), 1 ("in X"), 0 none.  e is the end of the
 * place's name.
 */
/* Does a profile's separator ("·", "•", "|") stand just before orig[o]
 * (spaces aside)? */
static int separator_before(const char *orig, size_t o)
{
	while (o > 0 && orig[o - 1] == ' ')
		o--;
	return (o >= 1 && orig[o - 1] == '|') ||
	       (o >= 2 && (unsigned char)orig[o - 2] == 0xc2 &&
		(unsigned char)orig[o - 1] == 0xb7) ||
	       (o >= 3 && (unsigned char)orig[o - 3] == 0xe2 &&
		(unsigned char)orig[o - 2] == 0x80 &&
		(unsigned char)orig[o - 1] == 0xa2);
}

static int place_context(const struct folded *f, const char *orig, size_t s,
			 size_t e, int fields)
{
	size_t b = word_before(f->s, s), k, pn, pw;

	/* A profile's field set apart: "D. Clarke · Dumfries · retired". */
	if (fields && separator_before(orig, f->map[s])) {
		/* And after it, in the bytes before the next word (all
		 * within the text), or the text's end. */
		for (pn = e; pn < f->len && f->s[pn] == ' '; pn++)
			;
		if (pn >= f->len || e == 0 ||
		    separator_before(orig, f->map[pn]))
			return 2;
		for (k = f->map[e - 1] + 1; k < f->map[pn]; k++)
			if (orig[k] == '\n')
				return 2;
	}

	if (e + 6 <= f->len && memcmp(f->s + e, " based", 6) == 0 &&
	    orig[f->map[e]] == '-')
		return 3;
	/* "Penzance, England": a place and its country. */
	for (k = e; k < f->len && f->s[k] == ' '; k++)
		;
	if (k < f->len && orig[f->map[e]] == ',' &&
	    (word_at_is(f, k, "england") || word_at_is(f, k, "scotland") ||
	     word_at_is(f, k, "wales") || word_at_is(f, k, "uk") ||
	     word_at_is(f, k, "northern ireland") ||
	     word_at_is(f, k, "united kingdom")))
		return 3;
	/* "Merthyr man jailed", "a Leeds woman": a place said of a
	 * person. */
	if (k == e + 1 && orig[f->map[e]] == ' ' &&
	    islower((unsigned char)orig[f->map[k]]) &&
	    word_in(f->s + k, word_end(f, k) - k, place_people))
		return 3;
	/* "York councillor Jane Smith", "Leeds under-14s coach Jo Bloggs":
	 * a place before a description (up to three words, a team's age
	 * among them) and a name. */
	if (k < f->len && !isupper((unsigned char)orig[f->map[k]])) {
		size_t n, w;

		for (n = k, w = 0; n < f->len && w < 4; w++) {
			while (n < f->len && f->s[n] != ' ')
				n++;
			while (n < f->len && f->s[n] == ' ')
				n++;
			if (n < f->len &&
			    isupper((unsigned char)orig[f->map[n]]) &&
			    orig[f->map[n] - 1] == ' ' && w < 3)
				return 1;
			if (n < f->len &&
			    !islower((unsigned char)orig[f->map[n]]) &&
			    !isdigit((unsigned char)orig[f->map[n]]))
				break;
		}
	}
	if (b == s)
		return 0;
	/* "a Ballymena school", "the Penzance stylist". */
	if (word_in(f->s + b, s - 1 - b, place_articles) && k < f->len &&
	    islower((unsigned char)orig[f->map[k]]) &&
	    !word_in(f->s + k, word_end(f, k) - k, function_words))
		return 1;
	/* ", Alverton," after "of Mill Lane": an address. */
	for (k = f->map[s]; k > 0 && orig[k - 1] == ' '; k--)
		;
	if (k > 0 && orig[k - 1] == ',' &&
	    word_in(f->s + b, s - 1 - b, street_words))
		return 3;
	if (k > 0 && orig[k - 1] == ',') {
		size_t b2 = word_before(f->s, b);

		/* "of Alverton, Penzance": a place after a place; "Hexham,
		 * Corbridge and Prudhoe": a list of places. */
		if (b2 < b && word_in(f->s + b2, b - 1 - b2, strong_preps))
			return 2;
		/* "in Old Town, Swindon": the place before may be two or
		 * three words, capitalised. */
		for (pn = 0, pw = b; pn < 3 && pw < s; pn++) {
			if (isupper((unsigned char)orig[f->map[pw]]) &&
			    ds_place_lookup(f->s + pw, s - 1 - pw) >=
			    DS_PLACE_VILLAGE)
				return 2;
			if (word_before(f->s, pw) == pw)
				break;
			pw = word_before(f->s, pw);
		}
	}
	if (word_in(f->s + b, s - 1 - b, strong_preps))
		return 2;
	if (word_in(f->s + b, s - 1 - b, weak_preps))
		return 1;
	return 0;
}

/*
 * Can a place's name start at folded i, as place_context reads it: after
 * a preposition, a comma, "a" or "the", or at the start of a sentence?
 * (A cheap test that spares most capitalised words a look-up.)
 */
static int place_may_start(const struct folded *f, const char *orig,
			   size_t i, int fields)
{
	size_t o = f->map[i], b;

	if (fields && separator_before(orig, o))
		return 1;
	while (o > 0 && orig[o - 1] == ' ')
		o--;
	if (o == 0 || strchr(",.!?\n\"|:;(", orig[o - 1]))
		return 1;
	b = word_before(f->s, i);
	return b < i && (word_in(f->s + b, i - 1 - b, strong_preps) ||
			 word_in(f->s + b, i - 1 - b, weak_preps) ||
			 word_in(f->s + b, i - 1 - b, place_articles));
}

/*
 * Does the text name a place (from the gazetteer, in a place's context)
 * that none of the candidate's locations is?  With fields (an account's
 * profile), a place set apart by "·", "•" or "|" is in a place's context
 * too ("J. Bloggs · Dumfries · retired"); elsewhere that is a menu's.
 */
static int other_place(const struct folded *f, const char *orig,
		       const struct ds_plan_anchors *a, int fields)
{
	char loc[8][128], place[128];
	size_t i, k, nloc = 0;

	for (k = 0; k < a->nlocation && k < 8; k++)
		if (fold_small(a->location[k], loc[nloc], sizeof(loc[0])) ==
		    0 && loc[nloc][0])
			nloc++;
	for (i = 0; i < f->len; i++) {
		size_t e = i, best = 0, w;
		enum ds_place_kind kind = DS_PLACE_NONE, kk;
		int ctx, ours = 0;

		if ((i && f->s[i - 1] != ' ') ||
		    !isupper((unsigned char)orig[f->map[i]]) ||
		    !place_may_start(f, orig, i, fields))
			continue;
		/* The longest run of up to 4 words that is a place. */
		for (w = 0; w < 4 && e < f->len; w++) {
			size_t ws = e ? e + (f->s[e] == ' ') : e;

			if (w == 0)
				ws = i;
			for (e = ws; e < f->len && f->s[e] != ' '; e++)
				;
			if (w && !isupper((unsigned char)orig[f->map[ws]]) &&
			    !word_in(f->s + ws, e - ws, place_joins))
				break;
			kk = ds_place_lookup(f->s + i, e - i);
			if (kk) {
				kind = kk;
				best = e;
			}
		}
		if (!kind || (best - i < 12 &&
			      word_in(f->s + i, best - i, not_places)))
			continue;
		/* A place joined by "and" to a name that is none ("the Bath
		 * and West show", "Marks and Spencer") is that name's. */
		if (best + 5 < f->len && memcmp(f->s + best, " and ", 5) == 0 &&
		    isupper((unsigned char)orig[f->map[best + 5]])) {
			size_t n2 = best + 5, e2 = n2;
			int next_place = 0;

			size_t o = f->map[i];

			/* Not a list of places: "Corbridge and Prudhoe",
			 * "Dumfries, Annan and Nithsdale". */
			while (o > 0 && orig[o - 1] == ' ')
				o--;
			next_place = o > 0 && orig[o - 1] == ',';
			for (w = 0; w < 3 && e2 < f->len && !next_place;
			     w++) {
				if (w)
					e2++;
				while (e2 < f->len && f->s[e2] != ' ')
					e2++;
				next_place = ds_place_lookup(f->s + n2,
							     e2 - n2) !=
					     DS_PLACE_NONE;
			}
			if (!next_place)
				continue;
		}
		ctx = place_context(f, orig, i, best, fields);
		if (!(ctx >= 1 && kind >= DS_PLACE_TOWN) &&
		    !(ctx >= 2 && kind >= DS_PLACE_SUBURB) && ctx < 3)
			continue;
		/* Theirs when one name holds the other: "Larkspur" in
		 * "Larkspur Bay". */
		if (best - i < sizeof(place)) {
			memcpy(place, f->s + i, best - i);
			place[best - i] = '\0';
			for (k = 0; k < nloc; k++)
				if (find_word(loc[k], strlen(loc[k]), place,
					      0) ||
				    find_word(place, best - i, loc[k], 0))
					ours = 1;
		}
		if (!ours)
			return 1;
		i = best;
	}
	return 0;
}

/* The last word of an organisation's name, as written. */
static const char *const org_kinds[] = {
	"School", "Academy", "College", "University", "Hospital", "Nursery",
	"Surgery", "Clinic", "Ltd", "Limited", "PLC", "plc", NULL
};
/* Words that may stand between a name and its kind. */
static const char *const org_generic[] = {
	"Primary", "Secondary", "High", "Infant", "Infants", "Junior",
	"Grammar", "Community", "Free", "Prep", "Preparatory", NULL
};
/* Capitalised words that name nothing ("The School"). */
static const char *const org_no_name[] = {
	"The", "A", "An", "Our", "My", "Her", "His", "Their", "Your", "This",
	"That", "Local", "New", "Old", NULL
};

static int word_is(const char *w, size_t n, const char *const *list)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (strlen(list[i]) == n && memcmp(w, list[i], n) == 0)
			return 1;
	return 0;
}

/*
 * Does the original text name an organisation ("Oakfield Academy",
 * "Northgate Logistics Ltd"): a kind of organisation, capitalised, after
 * a capitalised name, with only spaces between the words?
 */
static int names_org(const char *text, size_t len)
{
	const char *w[4];
	size_t wl[4], i = 0, nw = 0, j;
	int joined[4];          /* only spaces between word j - 1 and j */
	int other = 0;          /* a separator other than a space */

	while (i < len) {
		size_t s = i;

		if (!isalnum((unsigned char)text[i]) && text[i] != '\'' &&
		    (unsigned char)text[i] < 0x80) {
			other |= text[i] != ' ';
			i++;
			continue;
		}
		while (i < len && (isalnum((unsigned char)text[i]) ||
				   text[i] == '\'' ||
				   (unsigned char)text[i] >= 0x80))
			i++;
		if (nw == 4) {
			memmove(w, w + 1, 3 * sizeof(w[0]));
			memmove(wl, wl + 1, 3 * sizeof(wl[0]));
			memmove(joined, joined + 1, 3 * sizeof(joined[0]));
			nw = 3;
		}
		w[nw] = text + s;
		wl[nw] = i - s;
		joined[nw] = !other;
		other = 0;
		nw++;
		if (!word_is(w[nw - 1], wl[nw - 1], org_kinds))
			continue;
		for (j = nw - 1; j > 0 && joined[j]; j--) {
			if (word_is(w[j - 1], wl[j - 1], org_generic))
				continue;
			if (isupper((unsigned char)w[j - 1][0]) &&
			    !word_is(w[j - 1], wl[j - 1], org_no_name))
				return 1;
			break;
		}
	}
	return 0;
}

/* ---- age ------------------------------------------------------------ */

/*
 * The year the page speaks of: the first month's name followed by a year
 * ("15 June 2023"), else this year.
 */
static int page_year(const struct folded *f)
{
	static const char *const months[] = {
		"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december", NULL
	};
	time_t now = time(NULL);
	struct tm tm;
	size_t i, k;

	for (i = 0; i + 6 < f->len; i++) {
		if (i && f->s[i - 1] != ' ')
			continue;
		for (k = 0; months[k]; k++) {
			size_t n = strlen(months[k]);
			const char *y = f->s + i + n + 1;

			if (i + n + 5 <= f->len && f->s[i + n] == ' ' &&
			    memcmp(f->s + i, months[k], n) == 0 &&
			    isdigit((unsigned char)y[0]) &&
			    isdigit((unsigned char)y[1]) &&
			    isdigit((unsigned char)y[2]) &&
			    isdigit((unsigned char)y[3]) &&
			    !isalnum((unsigned char)y[4])) {
				int yr = (int)strtol(y, NULL, 10);

				if (yr >= 1950 && yr <= 2099)
					return yr;
			}
		}
	}
	if (!gmtime_r(&now, &tm))
		return 0;
	return tm.tm_year + 1900;
}

/*
 * The age given with the name at folded p..e, as news writes it: "Jane
 * Smith, 43, of Leeds", "Jane Smith, aged 43", "Jane Smith (43) of"; 0
 * when none.
 */
static int age_after(const struct folded *f, const char *orig, size_t olen,
		     size_t e)
{
	size_t o = f->map[e - 1] + 1, d;
	int paren, age;

	while (o < olen && (orig[o] & 0xc0) == 0x80)
		o++;
	if (o >= olen || (orig[o] != ',' && orig[o] != ' '))
		return 0;
	paren = 0;
	if (orig[o] == ',')
		o++;
	else if (o + 1 < olen && orig[o + 1] == '(')
		o += 2, paren = 1;
	else
		return 0;
	while (o < olen && orig[o] == ' ')
		o++;
	if (!paren && o + 5 < olen && strncmp(orig + o, "aged ", 5) == 0)
		o += 5;
	for (d = o; d < olen && d - o < 3 && isdigit((unsigned char)orig[d]);
	     d++)
		;
	if (d - o != 2)
		return 0;
	age = (int)strtol(orig + o, NULL, 10);
	if (d < olen && orig[d] == (paren ? ')' : ','))
		return age;
	return 0;
}

/*
 * The age of a news lede just before the name at orig offset o, when the
 * name opens its sentence and that sentence says the lede's noun again:
 * "A 19-year-old student who burgled three houses has been jailed. /
 * Holly Ashworth, of Gloucester Road, a first-year sociology student,
 * ..."; 0 when there is none ("A 14-year-old girl was hurt. / Jo Bloggs
 * was charged." gives Jo Bloggs no age).
 */
static int lede_age(const char *orig, size_t olen, size_t o)
{
	size_t s = o, p, n, e, k, w;
	int age;

	/* The name opens its sentence (or line). */
	while (s > 0 && (orig[s - 1] == ' ' || orig[s - 1] == '\t'))
		s--;
	if (s > 0 && !strchr(".!?\n", orig[s - 1]))
		return 0;
	/* The sentence before it. */
	if (s > 0)
		s--;
	while (s > 0 && strchr(".!?\n ", orig[s - 1]))
		s--;
	for (p = s; p > 0 && !strchr(".!?\n", orig[p - 1]); p--)
		;
	while (orig[p] == ' ')
		p++;
	if (strncmp(orig + p, "A ", 2) == 0)
		p += 2;
	else if (strncmp(orig + p, "An ", 3) == 0)
		p += 3;
	else
		return 0;
	if (!isdigit((unsigned char)orig[p]) ||
	    !isdigit((unsigned char)orig[p + 1]) ||
	    strncmp(orig + p + 2, "-year-old ", 10) != 0)
		return 0;
	age = (orig[p] - '0') * 10 + orig[p + 1] - '0';
	if (p + 12 > s)
		return 0;
	/* The noun after "-year-old ", again in the name's sentence, in
	 * words said of them (", a first-year sociology student"), not
	 * of whom they acted on ("accused of slapping the pupil"). */
	p += 12;
	for (n = 0; p + n < s && isalpha((unsigned char)orig[p + n]); n++)
		;
	if (n < 3)
		return 0;
	for (e = o; e < olen && !strchr(".!?\n", orig[e]); e++)
		;
	for (k = o; k + 4 <= e && strncmp(orig + k, ", a ", 4) != 0 &&
	     strncmp(orig + k, ", an ", 5) != 0; k++)
		;
	if (k + 4 > e)
		return 0;
	k += orig[k + 3] == ' ' ? 4 : 5;
	/* Its first four words, up to a comma. */
	for (w = 0; w < 4 && k + n <= e && orig[k] != ','; w++) {
		if (strncasecmp(orig + k, orig + p, n) == 0 &&
		    (k + n == olen || !isalpha((unsigned char)orig[k + n])))
			return age;
		while (k < e && orig[k] != ' ' && orig[k] != ',')
			k++;
		while (k < e && orig[k] == ' ')
			k++;
	}
	return 0;
}

/*
 * Does the page give one of the candidate's names an age too young for
 * what their claims say they did, or one that puts their earliest claim
 * past their 50th year?
 */
static int other_age(const struct folded *f, const char *orig, size_t olen,
		     const struct ds_plan_anchors *a)
{
	const char *forms[1 + 8 + 8];
	size_t nf = 0, k;
	int year = 0;

	if (!a->born_by && !a->first_claim)
		return 0;
	if (a->name)
		forms[nf++] = a->name;
	for (k = 0; k < a->nknown_as && nf < 9; k++)
		forms[nf++] = a->known_as[k];
	for (k = 0; k < a->nprevious_name && nf < 17; k++)
		forms[nf++] = a->previous_name[k];
	for (k = 0; k <= nf; k++) {
		char w[256];
		const char *p;
		size_t from = 0;

		if (k < nf) {
			fold_small(forms[k], w, sizeof(w));
		} else {
			/* "Jane Smith" for "Jane Anne Smith". */
			char *sp, *last;

			if (!a->name)
				break;
			fold_small(a->name, w, sizeof(w));
			sp = strchr(w, ' ');
			last = strrchr(w, ' ');
			if (!sp || sp == last)
				break;
			memmove(sp, last, strlen(last) + 1);
		}
		while (w[0] && (p = find_word(f->s, f->len, w, from))) {
			size_t e = (size_t)(p - f->s) + strlen(w);
			int age = age_after(f, orig, olen, e);

			from = e;
			if (!age)
				age = lede_age(orig, olen,
					       f->map[p - f->s]);
			if (!age)
				continue;
			if (!year)
				year = page_year(f);
			/* Born in year - age or the year before: too
			 * young for what they claim. */
			if (a->born_by && year - age - 1 > a->born_by)
				return 1;
			/* Past 50 at their first claim, born as late as
			 * the age allows. */
			if (a->first_claim && year >= a->first_claim &&
			    a->first_claim - (year - age) - 1 > 50)
				return 1;
		}
	}
	return 0;
}

/*
 * Does a report give the candidate's name an age and a home that is a
 * place none of theirs ("Gemma Nancarrow, 44, of Meneage Road, Helston,
 * who ...")?  The home is the part after "of" or "from", past a street
 * (a part ending in a street's word), up to the next comma or full stop;
 * a town of the gazetteer, in capitals.
 */
static int other_home(const struct folded *f, const char *orig, size_t olen,
		      const struct ds_plan_anchors *a)
{
	char w[256], part[128], fp[128], loc[128];
	const char *p;
	size_t from = 0, k;

	if (!a->name)
		return 0;
	fold_small(a->name, w, sizeof(w));
	while (w[0] && (p = find_word(f->s, f->len, w, from))) {
		size_t e = (size_t)(p - f->s) + strlen(w), o, s, n;
		int parts;

		from = e;
		if (!age_after(f, orig, olen, e))
			continue;
		o = f->map[e - 1] + 1;
		while (o < olen && (orig[o] == ',' || orig[o] == ' ' ||
				    orig[o] == '(' || orig[o] == ')' ||
				    isdigit((unsigned char)orig[o])))
			o++;
		if (o + 5 < olen && strncmp(orig + o, "of ", 3) == 0)
			o += 3;
		else if (o + 5 < olen && strncmp(orig + o, "from ", 5) == 0)
			o += 5;
		else
			continue;
		for (parts = 0; parts < 2 && o < olen; parts++) {
			const char *last;
			enum ds_place_kind kind;

			while (o < olen && orig[o] == ' ')
				o++;
			for (s = o; o < olen && !strchr(",.;!?()\n", orig[o]);
			     o++)
				;
			n = o - s;
			if (n == 0 || n >= sizeof(part) ||
			    !isupper((unsigned char)orig[s]))
				break;
			memcpy(part, orig + s, n);
			part[n] = '\0';
			fold_small(part, fp, sizeof(fp));
			last = strrchr(fp, ' ');
			last = last ? last + 1 : fp;
			if (o < olen && orig[o] == ',')
				o++;
			/* "Meneage Road": a street, the town is next. */
			if (word_in(last, strlen(last), street_words))
				continue;
			kind = fp[0] ? ds_place_lookup(fp, strlen(fp)) :
				       DS_PLACE_NONE;
			if (kind < DS_PLACE_TOWN)
				break;
			/* Theirs, or near enough to be unknown: a location
			 * that is no settlement of the gazetteer (a county,
			 * "Cornwall") may hold the home. */
			for (k = 0; k < a->nlocation; k++) {
				fold_small(a->location[k], loc, sizeof(loc));
				if (loc[0] &&
				    (find_word(loc, strlen(loc), fp, 0) ||
				     find_word(fp, strlen(fp), loc, 0) ||
				     ds_place_lookup(loc, strlen(loc)) ==
				     DS_PLACE_NONE))
					return 0;
			}
			return 1;
		}
	}
	return 0;
}

/* Head words of an occupation said of someone in a report ("a care
 * assistant", "an unemployed father"). */
static const char *const jobs[] = {
	"assistant", "worker", "farmer", "driver", "nurse", "plumber",
	"electrician", "builder", "hairdresser", "stylist", "mechanic",
	"labourer", "cleaner", "carer", "chef", "cook", "waiter", "waitress",
	"barman", "barmaid", "engineer", "accountant", "solicitor",
	"salesman", "saleswoman", "postman", "postwoman", "porter", "fitter",
	"welder", "joiner", "roofer", "decorator", "scaffolder", "plasterer",
	"gardener", "landscaper", "butcher", "baker", "pensioner",
	"unemployed", "retired", "operative", "technician", "courier",
	"receptionist", "beautician", "nail technician", "lorry driver",
	"taxi driver", "bus driver", "security guard", "shop worker",
	"warehouse worker", "factory worker", "care worker", "fisherman",
	"skipper", "trawlerman", "miner", "bricklayer", "carpenter",
	"shopkeeper", "publican", "landlord", "landlady", "farmhand",
	"milkman", "machinist", "forklift driver", "van driver",
	"delivery driver", "doorman", "bouncer", "croupier", "bookmaker",
	NULL
};

/* Is the job (lower case) an occupation of jobs, sharing no word of
 * four letters or more with a role the candidate claims? */
static int job_is_other(const char *job, const struct ds_plan_anchors *a)
{
	const char *last = strrchr(job, ' ');
	size_t k, r;
	int known = 0;

	last = last ? last + 1 : job;
	for (k = 0; jobs[k] && !known; k++)
		known = strcmp(last, jobs[k]) == 0 ||
			(strchr(jobs[k], ' ') && strstr(job, jobs[k]));
	/* "an unemployed father of two", "a retired miner". */
	known |= strncmp(job, "unemployed ", 11) == 0 ||
		 strncmp(job, "retired ", 8) == 0;
	if (!known)
		return 0;
	for (r = 0; r < a->nrole; r++) {
		const char *p = job;
		char role[160];

		/* The role between spaces, letters only, lower case. */
		role[0] = ' ';
		for (k = 0; a->role[r][k] && k + 3 < sizeof(role); k++)
			role[k + 1] = isalnum((unsigned char)a->role[r][k]) ?
				      (char)tolower((unsigned char)
						    a->role[r][k]) : ' ';
		role[k + 1] = ' ';
		role[k + 2] = '\0';
		while (*p) {
			size_t l = strcspn(p, " -");
			char word[64];

			if (l >= 4 && l + 2 < sizeof(word)) {
				/* A whole word of the role: " cook " is not in
				 * " cookery teacher ". */
				word[0] = ' ';
				memcpy(word + 1, p, l);
				word[l + 1] = ' ';
				word[l + 2] = '\0';
				if (strstr(role, word))
					return 0;
			}
			p += l;
			while (*p == ' ' || *p == '-')
				p++;
		}
	}
	return 1;
}

/*
 * Does a report give the candidate's name an age and then a job none of
 * theirs ("Sarah Thompson, 44, of Beaumont Terrace, Grimsworth, a care
 * assistant at a nursing home")?  The job is the words after ", a" or
 * ", an" in that sentence, up to "at", "in", "for", "from", "who", a
 * comma or a full stop; it is another's when its last word is one of
 * jobs and it shares no word of four letters or more with any role they
 * claim.
 */
static int other_job(const struct folded *f, const char *orig, size_t olen,
		     const struct ds_plan_anchors *a)
{
	char w[256];
	const char *p;
	size_t from = 0;

	if (!a->name || !a->nrole)
		return 0;
	fold_small(a->name, w, sizeof(w));
	while (w[0] && (p = find_word(f->s, f->len, w, from))) {
		size_t e = (size_t)(p - f->s) + strlen(w), o, s, k;
		char job[96];
		size_t jl = 0;
		int direct;

		from = e;
		if (!age_after(f, orig, olen, e))
			continue;
		/* The sentence after the age: ", a " or ", an ". */
		for (o = f->map[e - 1] + 1, s = 0; !s && o + 4 < olen &&
		     !strchr(".!?\n", orig[o]) && o < f->map[e - 1] + 160; o++)
			if (orig[o] == ',' && orig[o + 1] == ' ' &&
			    orig[o + 2] == 'a' && (orig[o + 3] == ' ' ||
						   (orig[o + 3] == 'n' &&
						    orig[o + 4] == ' ')))
				s = o + (orig[o + 3] == ' ' ? 4 : 5);
		/* Or the job right after the age: "NAME, 61, skipper of
		 * the crabber Kittiwake II", its first two words at most
		 * ("punched a bouncer" is no bouncer's job). */
		direct = 0;
		if (!s) {
			direct = 1;
			o = f->map[e - 1] + 1;
			while (o < olen && (orig[o] == ',' || orig[o] == ' ' ||
					    orig[o] == '(' || orig[o] == ')' ||
					    isdigit((unsigned char)orig[o])))
				o++;
			if (o < olen && islower((unsigned char)orig[o]) &&
			    strncmp(orig + o, "of ", 3) != 0 &&
			    strncmp(orig + o, "from ", 5) != 0 &&
			    strncmp(orig + o, "aged ", 5) != 0)
				s = o;
		}
		if (!s)
			continue;
		for (o = s; o < olen && !strchr(",.;\n", orig[o]) &&
		     jl + 1 < sizeof(job); o++)
			job[jl++] = (char)tolower((unsigned char)orig[o]);
		job[jl] = '\0';
		{
			static const char *const stops[] = {
				" at ", " in ", " for ", " from ", " who ",
				" with ", " of ", " on ", NULL
			};

			for (k = 0; stops[k]; k++) {
				char *x = strstr(job, stops[k]);

				if (x)
					*x = '\0';
			}
		}
		if (direct) {
			char *sp = strchr(job, ' ');

			if (sp && (sp = strchr(sp + 1, ' ')) != NULL)
				*sp = '\0';
		}
		if (job_is_other(job, a))
			return 1;
	}
	return 0;
}

/* Is folded handle h one of the candidate's names, folded? */
static int handle_is_name(const struct ds_plan_anchors *a, const char *h)
{
	char f[256];
	size_t k;

	fold_small(a->name ? a->name : "", f, sizeof(f));
	if (f[0] && strcmp(f, h) == 0)
		return 1;
	for (k = 0; k < a->nknown_as; k++) {
		fold_small(a->known_as[k], f, sizeof(f));
		if (f[0] && strcmp(f, h) == 0)
			return 1;
	}
	for (k = 0; k < a->nprevious_name; k++) {
		fold_small(a->previous_name[k], f, sizeof(f));
		if (f[0] && strcmp(f, h) == 0)
			return 1;
	}
	return 0;
}

/* ---- a title and a surname ----------------------------------------- */

/* Titles a page writes before a surname ("Mr Hartley"). */
static const char *const person_titles[] = {
	"mr", "mrs", "miss", "ms", "mx", "dr", NULL
};

/* Capitalised words before a surname that are no first name ("Dear
 * Hartley", "Thanks Hartley"). */
static const char *const not_first[] = {
	"dear", "thanks", "thank", "hi", "hello", "ask", "contact", "from",
	"by", "with", "and", "to", "the", "at", "for", "see", "cc", NULL
};

/* Is the original character of folded offset i a capital (or a letter
 * outside ASCII, which folding has already changed)? */
static int cap_at(const struct folded *f, const char *orig, size_t i)
{
	unsigned char c = (unsigned char)orig[f->map[i]];

	return isupper(c) || c >= 0x80;
}

/* The candidate's names, folded, as surnames and first words (first
 * and middle names, whose initials are theirs too). */
struct titled_names {
	char sur[17][64];
	size_t nsur;
	char given[48][64];
	size_t ngiven;
};

static void titled_add(struct titled_names *tn, const char *name)
{
	char f[256], *p, *sp;
	size_t n;

	fold_small(name ? name : "", f, sizeof(f));
	p = strrchr(f, ' ');
	if (!p)
		return;
	n = strlen(p + 1);
	if (n >= 3 && n < 64 && tn->nsur < 17)
		memcpy(tn->sur[tn->nsur++], p + 1, n + 1);
	*p = '\0';
	for (p = f; *p && tn->ngiven < 48; p = sp + 1) {
		sp = strchr(p, ' ');
		if (sp)
			*sp = '\0';
		if (strlen(p) < 64)
			memcpy(tn->given[tn->ngiven++], p, strlen(p) + 1);
		if (!sp)
			break;
	}
}

/* Is the folded word w[0, n) one of their first names or initials? */
static int titled_given(const struct titled_names *tn, const char *w,
			size_t n)
{
	size_t k;

	for (k = 0; k < tn->ngiven; k++)
		if ((strlen(tn->given[k]) == n &&
		     memcmp(tn->given[k], w, n) == 0) ||
		    (n == 1 && tn->given[k][0] == w[0]))
			return 1;
	return 0;
}

/* Their names' surnames and first words (NULL when out of memory;
 * free with ds_free). */
static struct titled_names *titled_names_of(const struct ds_plan_anchors *a)
{
	struct titled_names *tn = ds_calloc(1, sizeof(*tn));
	size_t k;

	if (!tn)
		return NULL;
	titled_add(tn, a->name);
	for (k = 0; k < a->nknown_as; k++)
		titled_add(tn, a->known_as[k]);
	for (k = 0; k < a->nprevious_name; k++)
		titled_add(tn, a->previous_name[k]);
	return tn;
}

/*
 * Uses of surname sur in f: 1 when a title stands before one (and no
 * capitalised word after it: "Mr Hartley Smith" is a Smith), 0 when
 * none, -1 when someone else of that surname is named (a capitalised
 * word before it that is none of their first names or initials).
 */
static int titled_uses(const struct folded *f, const char *orig,
		       const struct titled_names *tn, const char *sur)
{
	size_t wl = strlen(sur), s, b, e, o;
	const char *p;
	int found = 0;

	for (p = find_word(f->s, f->len, sur, 0); p;
	     p = find_word(f->s, f->len, sur, s + 1)) {
		s = (size_t)(p - f->s);
		e = s + wl;
		if (!cap_at(f, orig, s))
			continue;
		b = word_before(f->s, s);
		if (b == s)
			continue;
		if (word_in(f->s + b, s - 1 - b, person_titles)) {
			o = f->map[e - 1] + 1;
			if (e + 1 < f->len && orig[o] == ' ' &&
			    f->map[e + 1] == o + 1 && cap_at(f, orig, e + 1))
				continue;
			found = 1;
			continue;
		}
		/* A first name or an initial just before it, as written
		 * ("Dave Hartley", "J. Hartley"), after a title or not. */
		o = f->map[s];
		if (!cap_at(f, orig, b) || o < 2 ||
		    !(orig[o - 1] == ' ' || orig[o - 1] == '.') ||
		    word_in(f->s + b, s - 1 - b, not_first))
			continue;
		if (!titled_given(tn, f->s + b, s - 1 - b))
			return -1;
	}
	return found;
}

static int titled(const struct folded *f, const char *orig,
		  const struct ds_plan_anchors *a)
{
	struct titled_names *tn = titled_names_of(a);
	size_t k;
	int yes = 0;

	if (!tn)
		return 0;
	for (k = 0; k < tn->nsur && !yes; k++)
		yes = titled_uses(f, orig, tn, tn->sur[k]) == 1;
	ds_free(tn);
	return yes;
}

/* Does the page name one of their employers or schools in full? */
static int names_their_org(const char *t, size_t tl,
			   const struct ds_plan_anchors *a)
{
	size_t k;

	for (k = 0; k < a->nemployer; k++)
		if (org_in(t, tl, a->employer[k]))
			return 1;
	for (k = 0; k < a->nschool; k++)
		if (org_in(t, tl, a->school[k]))
			return 1;
	return 0;
}

int ds_identity_titled(const struct ds_plan_anchors *a, const char *text,
		       size_t len)
{
	struct folded f;
	size_t k;
	int yes;

	if (fold(text, len, 1, &f) != 0)
		return 0;
	yes = names_their_org(f.s, f.len, a) && titled(&f, text, a);
	if (yes && a->name && name_in(f.s, f.len, a->name))
		yes = 0;
	for (k = 0; yes && k < a->nknown_as; k++)
		yes = !name_in(f.s, f.len, a->known_as[k]);
	for (k = 0; yes && k < a->nprevious_name; k++)
		yes = !name_in(f.s, f.len, a->previous_name[k]);
	folded_release(&f);
	return yes;
}

void ds_identity_score(const struct ds_plan_anchors *a, const char *text,
		       size_t len, const char *url, int declared,
		       const struct ds_identity_conf *c,
		       struct ds_identity_result *r)
{
	struct folded f;
	const char *t;
	size_t tl, k;
	char h[128];
	int other_org;

	memset(r, 0, sizeof(*r));
	if (fold(text, len, 1, &f) != 0)
		return;         /* no memory: not the candidate, a count */
	t = f.s;
	tl = f.len;
	if (a->name && name_in(t, tl, a->name))
		r->matched |= DS_MATCH_NAME;
	for (k = 0; k < a->nknown_as; k++)
		if (name_in(t, tl, a->known_as[k]))
			r->matched |= DS_MATCH_KNOWN_AS;
	for (k = 0; k < a->nprevious_name; k++)
		if (name_in(t, tl, a->previous_name[k]))
			r->matched |= DS_MATCH_PREVIOUS_NAME;
	for (k = 0; k < a->nlocation; k++) {
		fold_small(a->location[k], h, sizeof(h));
		if (h[0] && place_in(t, tl, h, a))
			r->matched |= DS_MATCH_LOCATION;
	}
	for (k = 0; k < a->nemployer; k++)
		if (org_in(t, tl, a->employer[k]))
			r->matched |= DS_MATCH_EMPLOYER;
	for (k = 0; k < a->nschool; k++)
		if (org_in(t, tl, a->school[k]))
			r->matched |= DS_MATCH_SCHOOL;
	/* No name in full, but "Mr Hartley" beside their employer. */
	if (!(r->matched & (DS_MATCH_NAME | DS_MATCH_KNOWN_AS |
			    DS_MATCH_PREVIOUS_NAME)) &&
	    (r->matched & (DS_MATCH_EMPLOYER | DS_MATCH_SCHOOL)) &&
	    titled(&f, text, a))
		r->matched |= DS_MATCH_TITLED;
	for (k = 0; k < a->nhandles; k++) {
		const char *hd = a->handle[k];

		if (strcmp(a->handle_platform[k], "url") == 0) {
			char user[160];

			if (url && strcmp(url, hd) == 0)
				r->matched |= DS_MATCH_HANDLE;
			/* The username of a forum declared by its address,
			 * on a page of that forum. */
			if (url && ds_url_same_host(url, hd) &&
			    ds_url_user(hd, user, sizeof(user))) {
				fold_small(user, h, sizeof(h));
				if (strlen(h) >= 4 && has_word(t, tl, h) &&
				    !handle_is_name(a, h))
					r->matched |= DS_MATCH_HANDLE;
			}
			continue;
		}
		fold_small(hd, h, sizeof(h));
		/* A handle that is their name written with a dot
		 * ("jo.bloggs") is no second anchor where the name is. */
		if (h[0] && has_word(t, tl, h) && !handle_is_name(a, h))
			r->matched |= DS_MATCH_HANDLE;
		if (url && strlen(hd) >= 3 && strstr(url, hd))
			r->matched |= DS_MATCH_HANDLE;
	}
	if (declared)
		r->matched |= DS_MATCH_DECLARED;
	/* Another place matters only without a stronger anchor. */
	if (!(r->matched & (DS_MATCH_LOCATION | DS_MATCH_EMPLOYER |
			    DS_MATCH_SCHOOL | DS_MATCH_HANDLE)) &&
	    other_place(&f, text, a, 0))
		r->matched |= DS_MATCH_OTHER_PLACE;
	/* An age their claims rule out outweighs a town (a namesake may
	 * live where they once worked), not an employer: too young for a
	 * claim, or so old that their earliest claim came past their 50th
	 * year (an application gives the history since school; a late
	 * career change with no earlier job stays possible below that). */
	if (!declared && other_age(&f, text, len, a))
		r->matched |= DS_MATCH_OTHER_AGE;
	if (!declared && other_job(&f, text, len, a))
		r->matched |= DS_MATCH_OTHER_JOB;
	/* A home the report gives with the name outweighs their town
	 * elsewhere on the page (a local paper's masthead). */
	if (!declared && (r->matched & DS_MATCH_LOCATION) &&
	    !(r->matched & (DS_MATCH_EMPLOYER | DS_MATCH_SCHOOL |
			    DS_MATCH_HANDLE)) &&
	    other_home(&f, text, len, a)) {
		r->matched &= ~(unsigned)DS_MATCH_LOCATION;
		r->matched |= DS_MATCH_OTHER_PLACE;
	}
	folded_release(&f);
	/* Someone at an organisation that is none of the candidate's. */
	other_org = !(r->matched & (DS_MATCH_LOCATION | DS_MATCH_EMPLOYER |
				    DS_MATCH_SCHOOL | DS_MATCH_HANDLE)) &&
		    names_org(text, len);

	if (r->matched & DS_MATCH_NAME)
		r->score += c->name;
	else if (r->matched & (DS_MATCH_KNOWN_AS | DS_MATCH_PREVIOUS_NAME))
		r->score += c->other_name;
	else if (r->matched & DS_MATCH_TITLED)
		r->score += 1;
	if (r->matched & DS_MATCH_LOCATION)
		r->score += c->location;
	/* An employer and a school (a place of study) are two anchors. */
	if (r->matched & DS_MATCH_EMPLOYER)
		r->score += c->employer;
	if (r->matched & DS_MATCH_SCHOOL)
		r->score += c->employer;
	if (r->matched & DS_MATCH_HANDLE)
		r->score += c->handle;
	if (declared) {
		r->level = DS_ID_CONFIRMED;
		return;
	}
	/* A name alone, next to another town, employer or age: a
	 * namesake. */
	if (((r->matched & (DS_MATCH_OTHER_PLACE | DS_MATCH_OTHER_AGE |
			    DS_MATCH_OTHER_JOB)) || other_org) &&
	    !(r->matched & (DS_MATCH_EMPLOYER | DS_MATCH_SCHOOL |
			    DS_MATCH_HANDLE)))
		r->level = DS_ID_NOT;
	else if (r->score >= c->confirmed &&
		 !(r->matched & DS_MATCH_TITLED))
		r->level = DS_ID_CONFIRMED;
	else if (r->score >= c->probable)
		r->level = DS_ID_PROBABLE;
	else if (r->score >= c->possible)
		r->level = DS_ID_POSSIBLE;
	else
		r->level = DS_ID_NOT;
}

/* Does path p carry name's first word (three letters or more), then
 * perhaps a dot, dash or underscore, then initial, then no letter? */
static int first_initial(const char *p, const char *name, char initial)
{
	char first[64];
	const char *at;
	size_t l = 0, fl;

	while (*name == ' ')
		name++;
	while (name[l] && name[l] != ' ' && l + 1 < sizeof(first)) {
		first[l] = (char)tolower((unsigned char)name[l]);
		l++;
	}
	first[l] = '\0';
	if (l < 3 || !name[l])
		return 0;       /* one word: no surname to take from */
	fl = l;
	for (at = strstr(p, first); at; at = strstr(at + 1, first)) {
		const char *c = at + fl;

		if (at > p && isalpha((unsigned char)at[-1]))
			continue;
		if (*c == '.' || *c == '-' || *c == '_')
			c++;
		if (*c == initial && !isalpha((unsigned char)c[1]))
			return 1;
	}
	return 0;
}

/* Does the address's path carry one of their surnames (of four letters
 * or more), as "jkettle_sci" carries Kettle, or a first name of three
 * or more and the surname's initial ("chloe.w.ldn", "MarcusF_CM")? */
static int url_has_surname(const struct ds_plan_anchors *a, const char *url)
{
	const char *names[17], *p, *e, *q;
	char sur[64], low[512];
	size_t n = 0, k, i, l;

	if (!url)
		return 0;
	for (i = 0; url[i] && i + 1 < sizeof(low); i++)
		low[i] = (char)tolower((unsigned char)url[i]);
	low[i] = '\0';
	/* The path only: the host is the site's. */
	p = strstr(low, "://");
	p = p ? strchr(p + 3, '/') : NULL;
	if (!p)
		return 0;
	if (a->name)
		names[n++] = a->name;
	for (k = 0; k < a->nknown_as; k++)
		names[n++] = a->known_as[k];
	for (k = 0; k < a->nprevious_name; k++)
		names[n++] = a->previous_name[k];
	for (k = 0; k < n; k++) {
		e = names[k] + strlen(names[k]);
		while (e > names[k] && e[-1] == ' ')
			e--;
		for (q = e; q > names[k] && q[-1] != ' '; q--)
			;
		for (l = 0; q < e && l + 1 < sizeof(sur); q++)
			if (isalpha((unsigned char)*q))
				sur[l++] = (char)tolower((unsigned char)*q);
		sur[l] = '\0';
		if (l >= 4 && strstr(p, sur))
			return 1;
		if (l && first_initial(p, names[k], sur[0]))
			return 1;
	}
	return 0;
}

/* Is one of their first names on the page as a word with a capital
 * ("Hayley 💋", "Dan, 31")? */
static int first_name_shown(const char *text, size_t len,
			    const struct ds_plan_anchors *a)
{
	struct titled_names *tn = titled_names_of(a);
	struct folded f;
	const char *p;
	size_t k, s;
	int yes = 0;

	if (!tn)
		return 0;
	if (fold(text, len, 1, &f) == 0) {
		for (k = 0; k < tn->ngiven && !yes; k++) {
			if (strlen(tn->given[k]) < 3)
				continue;
			for (p = find_word(f.s, f.len, tn->given[k], 0);
			     p && !yes;
			     p = find_word(f.s, f.len, tn->given[k], s + 1)) {
				s = (size_t)(p - f.s);
				yes = isupper((unsigned char)text[f.map[s]]);
			}
		}
		folded_release(&f);
	}
	ds_free(tn);
	return yes;
}

void ds_identity_score_discovered(const struct ds_plan_anchors *a,
				  const char *text, size_t len,
				  const char *url,
				  const struct ds_identity_conf *c,
				  struct ds_identity_result *r)
{
	const unsigned own = DS_MATCH_NAME | DS_MATCH_KNOWN_AS |
			     DS_MATCH_PREVIOUS_NAME | DS_MATCH_LOCATION |
			     DS_MATCH_EMPLOYER | DS_MATCH_SCHOOL;
	const unsigned place = DS_MATCH_LOCATION | DS_MATCH_EMPLOYER |
			       DS_MATCH_SCHOOL;
	int user;
	unsigned role = r->matched & DS_MATCH_ROLE;

	ds_identity_score(a, text, len, url, 0, c, r);
	if (role) {
		r->matched |= DS_MATCH_ROLE;
		r->score += c->employer;
	}
	/* Found under their username by construction (a domain handle's
	 * first label, "jo" of "jo.bsky.social", may be all it shows). */
	user = 1;
	if (r->matched & DS_MATCH_HANDLE)
		r->score -= c->handle;
	/* The username is no anchor here, so it cannot outweigh another
	 * place the way a real anchor does. */
	if (user && !(r->matched & (place | DS_MATCH_OTHER_PLACE))) {
		struct folded f;

		if (fold(text, len, 1, &f) == 0) {
			if (other_place(&f, text, a, 1))
				r->matched |= DS_MATCH_OTHER_PLACE;
			folded_release(&f);
		}
	}
	/* Their first name shown on an account whose username carries
	 * their surname: "Hayley" at /hayleydunn_x. */
	if (!(r->matched & own) && url_has_surname(a, url) &&
	    first_name_shown(text, len, a))
		r->matched |= DS_MATCH_FIRST_NAME;
	/* Their job said on an account whose username carries their
	 * surname is theirs enough to be probable, as a place is. */
	if (((r->matched & DS_MATCH_OTHER_PLACE) && !(r->matched & place)) ||
	    ((r->matched & DS_MATCH_OTHER_AGE) &&
	     !(r->matched & (DS_MATCH_EMPLOYER | DS_MATCH_SCHOOL))) ||
	    (!(r->matched & (own | DS_MATCH_FIRST_NAME)) &&
	     !((r->matched & DS_MATCH_ROLE) && url_has_surname(a, url))))
		r->level = DS_ID_NOT;
	else if (r->score >= c->probable || user)
		r->level = DS_ID_PROBABLE;
	else if (r->score >= c->possible)
		r->level = DS_ID_POSSIBLE;
	else
		r->level = DS_ID_NOT;
}

/* ---- taxonomy ------------------------------------------------------- */

struct term {
	char *text;             /* folded */
	int weight;
};

struct category {
	char *name, *title;
	int severity, threshold, special, criminal;
	struct term *terms;
	size_t nterms;
	struct term *excl;
	size_t nexcl;
};

struct ds_taxonomy {
	struct category cats[DS_TAX_MAX_CATS];
	size_t ncats;
	struct term *protected;
	size_t nprotected;
	char problem[200];
	int nomem;              /* the parse ran out of memory */
	struct ds_lexicon *lex; /* categories per sentence (lexicon.h) */
	char **cues[DS_TAX_CUES]; /* [cues], as cue_keys; NULL-ended */
};

/* The keys of [cues]: the word lists the context's rules read. */
static const char *const cue_keys[DS_TAX_CUES + 1] = {
	"laughter", "one_child", "praise", "leers", "looked_at", "drinks",
	"giving", "young", "child_details", "threat_will", "threat_harm",
	"threat_parts", "contests", "gambles", NULL
};

static void cue_free(char **list)
{
	size_t i;

	for (i = 0; list && list[i]; i++)
		ds_free(list[i]);
	ds_free(list);
}

/* "a, b, c" as written, trimmed: a NULL-ended list, or NULL out of
 * memory. */
static char **cue_parse(const char *v)
{
	char **list;
	size_t n = 0, i;
	const char *p;

	for (p = v; *p; p++)
		n += *p == ',';
	list = ds_calloc(n + 2, sizeof(*list));
	if (!list)
		return NULL;
	for (p = v, i = 0; *p; ) {
		const char *c = strchr(p, ',');
		size_t len = c ? (size_t)(c - p) : strlen(p);
		const char *s = p;

		p += len + (c ? 1 : 0);
		while (len && isspace((unsigned char)*s)) {
			s++;
			len--;
		}
		while (len && isspace((unsigned char)s[len - 1]))
			len--;
		if (!len)
			continue;
		list[i] = ds_strndup(s, len);
		if (!list[i++]) {
			cue_free(list);
			return NULL;
		}
	}
	return list;
}

/* Add value to [cues]'s key name (inih gives a long list's lines one by
 * one), unless the key is in skip (the file gave it, when reading the
 * built-in lists): 1, or 0 with t->problem or t->nomem set. */
static int cue_add(struct ds_taxonomy *t, const char *name,
		   const char *value, unsigned skip)
{
	size_t k, n = 0, m = 0;
	char **add, **list;

	for (k = 0; cue_keys[k] && strcmp(cue_keys[k], name) != 0; k++)
		;
	if (!cue_keys[k]) {
		size_t l = (size_t)snprintf(t->problem, sizeof(t->problem),
					    "[cues] has no key '%.40s' (use",
					    name);

		for (k = 0; cue_keys[k] && l < sizeof(t->problem); k++)
			l += (size_t)snprintf(t->problem + l,
					      sizeof(t->problem) - l, "%s %s",
					      k ? "," : "", cue_keys[k]);
		if (l < sizeof(t->problem))
			snprintf(t->problem + l, sizeof(t->problem) - l, ")");
		return 0;
	}
	if (skip & (1u << k))
		return 1;
	add = cue_parse(value);
	while (t->cues[k] && t->cues[k][n])
		n++;
	while (add && add[m]) {
		/* "+" marks a harm that needs a body part: it needs a harm. */
		if (add[m][strspn(add[m], " +")] == '\0') {
			snprintf(t->problem, sizeof(t->problem), "[cues] %s: "
				 "an entry without words ('%.20s'): write the "
				 "words, as 'break+'", name, add[m]);
			cue_free(add);
			return 0;
		}
		m++;
	}
	list = add ? ds_realloc(t->cues[k], (n + m + 1) * sizeof(*list)) :
		     NULL;
	if (!list) {
		cue_free(add);
		t->nomem = 1;
		return 0;
	}
	memcpy(list + n, add, (m + 1) * sizeof(*list));
	ds_free(add);
	t->cues[k] = list;
	return 1;
}

/* inih, over the built-in file: the [cues] keys a taxonomy left out. */
struct cue_fill {
	struct ds_taxonomy *t;
	unsigned given;         /* the keys the file gave */
};

static int on_default_cue(void *user, const char *section, const char *name,
			  const char *value)
{
	struct cue_fill *cf = user;

	if (strcmp(section, "cues") != 0)
		return 1;
	return cue_add(cf->t, name, value, cf->given);
}

const char *const *ds_taxonomy_cues(const struct ds_taxonomy *t,
				    enum ds_tax_cue cue)
{
	static const char *const none[] = { NULL };

	if ((unsigned)cue >= DS_TAX_CUES || !t->cues[cue])
		return none;
	return (const char *const *)t->cues[cue];
}

static void terms_free(struct term *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		ds_free(t[i].text);
	ds_free(t);
}

void ds_taxonomy_free(struct ds_taxonomy *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->ncats; i++) {
		ds_free(t->cats[i].name);
		ds_free(t->cats[i].title);
		terms_free(t->cats[i].terms, t->cats[i].nterms);
		terms_free(t->cats[i].excl, t->cats[i].nexcl);
	}
	terms_free(t->protected, t->nprotected);
	for (i = 0; i < DS_TAX_CUES; i++)
		cue_free(t->cues[i]);
	ds_lexicon_free(t->lex);
	ds_free(t);
}

/* Parse "a, b:2, c" into folded terms: 0, -1 (a bad term) or DS_ENOMEM. */
static int parse_terms(const char *v, struct term **out, size_t *n)
{
	const char *p = v;

	while (*p) {
		const char *c = strchr(p, ',');
		size_t len = c ? (size_t)(c - p) : strlen(p);
		char raw[256], *colon;
		struct term *nt;
		int w = 1;

		if (len >= sizeof(raw))
			return -1;
		memcpy(raw, p, len);
		raw[len] = '\0';
		p += len + (c ? 1 : 0);
		colon = strrchr(raw, ':');
		if (colon && colon[1] >= '1' && colon[1] <= '9' && !colon[2]) {
			w = colon[1] - '0';
			*colon = '\0';
		}
		nt = ds_realloc(*out, (*n + 1) * sizeof(**out));
		if (!nt)
			return DS_ENOMEM;
		*out = nt;
		nt[*n].text = ds_malloc(strlen(raw) + 1);
		if (!nt[*n].text)
			return DS_ENOMEM;
		if (fold_small(raw, nt[*n].text, strlen(raw) + 1)) {
			ds_free(nt[*n].text);
			return DS_ENOMEM;
		}
		nt[*n].weight = w;
		if (!nt[*n].text[0]) {
			ds_free(nt[*n].text);
			continue;
		}
		(*n)++;
	}
	return 0;
}

/* inih: one key of the taxonomy file. */
static int on_tax_key(void *user, const char *section, const char *name,
		      const char *value)
{
	struct ds_taxonomy *t = user;
	struct category *c = NULL;
	size_t i;
	int bad;

	if (strcmp(section, "cues") == 0)
		return cue_add(t, name, value, 0);
	if (strcmp(section, "protected") == 0) {
		if (strcmp(name, "terms") != 0) {
			snprintf(t->problem, sizeof(t->problem), "[protected] "
				 "takes only terms");
			return 0;
		}
		bad = parse_terms(value, &t->protected, &t->nprotected);
		if (bad) {
			if (bad == DS_ENOMEM)
				t->nomem = 1;
			snprintf(t->problem, sizeof(t->problem), "bad terms");
			return 0;
		}
		return 1;
	}
	for (i = 0; i < t->ncats; i++)
		if (strcmp(t->cats[i].name, section) == 0)
			c = &t->cats[i];
	if (!c) {
		if (t->ncats >= DS_TAX_MAX_CATS) {
			snprintf(t->problem, sizeof(t->problem), "more than %d "
				 "categories", DS_TAX_MAX_CATS);
			return 0;
		}
		c = &t->cats[t->ncats];
		c->name = ds_strdup(section);
		if (!c->name) {
			t->nomem = 1;
			return 0;
		}
		c->severity = 2;
		c->threshold = 1;
		t->ncats++;
	}
	if (strcmp(name, "title") == 0) {
		ds_free(c->title);
		c->title = ds_strdup(value);
		if (!c->title)
			t->nomem = 1;
		return c->title != NULL;
	}
	if (strcmp(name, "severity") == 0) {
		c->severity = strcmp(value, "low") == 0 ? 1 :
			      strcmp(value, "medium") == 0 ? 2 :
			      strcmp(value, "high") == 0 ? 3 : 0;
		if (!c->severity)
			snprintf(t->problem, sizeof(t->problem), "severity is "
				 "low, medium or high");
		return c->severity != 0;
	}
	if (strcmp(name, "threshold") == 0) {
		char *end;
		long v = strtol(value, &end, 10);

		if (*end || v < 1 || v > 100) {
			snprintf(t->problem, sizeof(t->problem), "threshold is "
				 "a number from 1 to 100");
			return 0;
		}
		c->threshold = (int)v;
		return 1;
	}
	if (strcmp(name, "special") == 0 || strcmp(name, "criminal") == 0) {
		int yes = strcmp(value, "yes") == 0;

		if (!yes && strcmp(value, "no") != 0) {
			snprintf(t->problem, sizeof(t->problem), "%s is yes or "
				 "no", name);
			return 0;
		}
		if (name[0] == 's')
			c->special = yes;
		else
			c->criminal = yes;
		return 1;
	}
	if (strcmp(name, "terms") == 0 || strcmp(name, "exclude") == 0) {
		bad = name[0] == 't' ?
		      parse_terms(value, &c->terms, &c->nterms) :
		      parse_terms(value, &c->excl, &c->nexcl);
		if (bad == DS_ENOMEM)
			t->nomem = 1;
		if (bad)
			snprintf(t->problem, sizeof(t->problem), "bad %s",
				 name);
		return !bad;
	}
	/* Read by the lexicon (lexicon.h). */
	if (strcmp(name, "targets") == 0 || strcmp(name, "model") == 0 ||
	    strcmp(name, "model_min") == 0 ||
	    strcmp(name, "need_target") == 0 || strcmp(name, "people") == 0 ||
	    strcmp(name, "aimed") == 0 || strcmp(name, "beside") == 0 ||
	    strcmp(name, "beside_min") == 0)
		return 1;
	snprintf(t->problem, sizeof(t->problem), "unknown key '%.40s': use "
		 "title, severity, threshold, special, criminal, terms, "
		 "aimed, beside, beside_min, exclude, targets, people, "
		 "need_target, model or model_min", name);
	return 0;
}

int ds_taxonomy_parse(struct ds_taxonomy **out, const char *text,
		      size_t len, const char *name, struct ds_err *err)
{
	struct ds_taxonomy *t;
	char *copy;
	size_t i;
	int line;

	*out = NULL;
	t = ds_calloc(1, sizeof(*t));
	copy = ds_strndup(text, len);
	if (!t || !copy) {
		ds_free(t);
		ds_free(copy);
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	}
	line = ini_parse_string(copy, on_tax_key, t);
	ds_free(copy);
	/* The built-in cues stand for those the file leaves out. */
	if (line == 0 && !t->nomem) {
		struct cue_fill cf = { t, 0 };

		for (i = 0; i < DS_TAX_CUES; i++)
			cf.given |= t->cues[i] ? 1u << i : 0;
		copy = ds_strndup((const char *)ds_taxonomy_ini,
				  ds_taxonomy_ini_len);
		if (!copy || ini_parse_string(copy, on_default_cue, &cf) != 0)
			t->nomem = 1;
		ds_free(copy);
	}
	if (t->nomem || line == -2) {
		ds_taxonomy_free(t);
		return ds_err_set(err, DS_ENOMEM, "out of memory reading %s",
				  name);
	}
	if (line != 0) {
		ds_err_set(err, DS_ECONFIG, "%s:%d: %s: fix the taxonomy",
			   name, line, t->problem[0] ? t->problem :
			   "not a 'key = value' or '[section]' line");
		ds_taxonomy_free(t);
		return DS_ECONFIG;
	}
	for (i = 0; i < t->ncats; i++)
		if (!t->cats[i].nterms) {
			ds_err_set(err, DS_ECONFIG, "%s: category [%s] has no "
				   "terms", name, t->cats[i].name);
			ds_taxonomy_free(t);
			return DS_ECONFIG;
		}
	if (!t->ncats) {
		ds_taxonomy_free(t);
		return ds_err_set(err, DS_ECONFIG, "%s: no category", name);
	}
	i = (size_t)ds_lexicon_parse(&t->lex, text, len, name, err);
	if (i) {
		ds_taxonomy_free(t);
		return (int)i;
	}
	*out = t;
	return 0;
}

int ds_taxonomy_default(struct ds_taxonomy **out, struct ds_err *err)
{
	return ds_taxonomy_parse(out, (const char *)ds_taxonomy_ini,
				 ds_taxonomy_ini_len, "built-in taxonomy",
				 err);
}

int ds_taxonomy_load(struct ds_taxonomy **out, const char *path,
		     struct ds_err *err)
{
	char chunk[65536];
	struct buf b;
	FILE *f;
	size_t n;
	int rc = 0;

	*out = NULL;
	f = fopen(path, "rb");
	if (!f)
		return ds_err_set(err, DS_ECONFIG, "cannot read the taxonomy "
				  "'%s': check [triage] taxonomy", path);
	buf_init(&b, 4u << 20);
	while (!rc && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(&b, chunk, n))
			rc = ds_err_set(err, DS_ECONFIG, "the taxonomy '%s' is "
					"too large", path);
	fclose(f);
	if (!rc)
		rc = ds_taxonomy_parse(out, b.ptr, b.len, path, err);
	buf_release(&b);
	return rc;
}

size_t ds_taxonomy_ncats(const struct ds_taxonomy *t)
{
	return t->ncats;
}

const char *ds_taxonomy_cat_name(const struct ds_taxonomy *t, size_t i)
{
	return i < t->ncats ? t->cats[i].name : NULL;
}

const char *ds_taxonomy_cat_title(const struct ds_taxonomy *t, size_t i)
{
	return i < t->ncats ? (t->cats[i].title ? t->cats[i].title :
			       t->cats[i].name) : NULL;
}

void ds_triage_cats_format(const struct ds_taxonomy *t, unsigned cats,
			   char *out, size_t size)
{
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < t->ncats; i++) {
		if (!(cats & (1u << i)))
			continue;
		len += (size_t)snprintf(out + len, len < size ? size - len : 0,
					"%s%s", len ? "," : "",
					t->cats[i].name);
	}
	if (len >= size && size)
		out[size - 1] = '\0';
}

/*
 * Cut an excerpt of at most DS_EXCERPT_MAX characters of the original
 * text around [start, end), whitespace folded, protected terms replaced
 * by "[...]" unless keep_protected.  Returns 0 or DS_ENOMEM (out is ""
 * then: never a shorter excerpt, nor one with protected terms left in).
 */
static int excerpt(const struct ds_taxonomy *t, const char *text,
		   size_t len, size_t start, size_t end, int keep_protected,
		   char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t from, to, i, o = 0, chars = 0, k, cl;
	struct folded f;
	struct buf b;
	int space = 0, rc = 0;

	from = start > 120 ? start - 120 : 0;
	to = end + 150 < len ? end + 150 : len;
	while (from > 0 && (p[from] & 0xc0) == 0x80)
		from--;
	while (to < len && (p[to] & 0xc0) == 0x80)
		to++;
	/* Start and end on whole words, marked with an ellipsis when cut. */
	if (from > 0) {
		while (from < start && p[from] != ' ' && p[from] != '\n')
			from++;
		while (from < start && (p[from] == ' ' || p[from] == '\n'))
			from++;
	}
	buf_init(&b, 4096);
	out[0] = '\0';
	if (from > 0)
		rc = buf_adds(&b, "\xe2\x80\xa6");
	for (i = from; !rc && i < to && chars < DS_EXCERPT_MAX - 2; i += cl) {
		utf8_next(p + i, to - i, &cl);
		if (p[i] == ' ' || p[i] == '\n' || p[i] == '\t' ||
		    p[i] == '\r') {
			if (!space && b.len)
				rc = buf_addc(&b, ' ');
			space = 1;
		} else {
			rc = buf_add(&b, text + i, cl);
			space = 0;
		}
		chars++;
	}
	if (!rc && i < len) {
		char *sp = strrchr(b.ptr, ' ');

		/* Cut a word in half no more: back to the last space. */
		if (sp && (size_t)(sp - b.ptr) > b.len / 2) {
			b.len = (size_t)(sp - b.ptr);
			b.ptr[b.len] = '\0';
		}
		rc = buf_adds(&b, "\xe2\x80\xa6");
	}
	if (rc) {
		buf_release(&b);
		return DS_ENOMEM;
	}
	if (!keep_protected) {
		/* Blank out each protected term, in the original bytes. */
		char *mask = ds_calloc(b.len + 1, 1);

		if (!mask || fold(b.ptr, b.len, 1, &f) != 0) {
			ds_free(mask);
			buf_release(&b);
			return DS_ENOMEM;
		}
		for (k = 0; k < t->nprotected; k++) {
			size_t pos = 0;
			const char *hit;

			while ((hit = find_word(f.s, f.len,
						t->protected[k].text, pos))) {
				size_t s = (size_t)(hit - f.s);
				size_t e = s + strlen(t->protected[k].text);
				size_t os = f.map[s], oe = e < f.len ?
					    f.map[e - 1] + 1 : b.len;

				while (oe < b.len &&
				       ((unsigned char)b.ptr[oe] & 0xc0) ==
				       0x80)
					oe++;
				memset(mask + os, 1, oe - os);
				pos = s + 1;
			}
		}
		for (i = 0; i < b.len && o + 8 < size; i++) {
			if (mask[i]) {
				if (i == 0 || !mask[i - 1]) {
					memcpy(out + o, "[...]", 5);
					o += 5;
				}
				continue;
			}
			out[o++] = b.ptr[i];
		}
		out[o] = '\0';
		ds_free(mask);
		folded_release(&f);
	} else {
		snprintf(out, size, "%s", b.ptr);
	}
	buf_release(&b);
	return 0;
}

const struct ds_lexicon *ds_taxonomy_lexicon(const struct ds_taxonomy *t)
{
	return t->lex;
}

int ds_taxonomy_add_terms(struct ds_taxonomy *t, const char *cat,
			  const char *list, struct ds_err *err)
{
	int rc = ds_lexicon_add_terms(t->lex, cat, list);

	if (rc == DS_ENOMEM)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	if (rc)
		return ds_err_set(err, DS_ECONFIG, "a term of [%s] is too "
				  "long", cat);
	return 0;
}

unsigned ds_taxonomy_special_cats(const struct ds_taxonomy *t)
{
	unsigned bits = 0;
	size_t i;

	for (i = 0; i < t->ncats; i++)
		if (t->cats[i].special)
			bits |= 1u << i;
	return bits;
}

int ds_triage_text(const struct ds_taxonomy *t, const char *text,
		   size_t len, struct ds_triage_result *r, struct ds_err *err)
{
	return ds_triage_text_but(t, text, len, 0, r, err);
}

int ds_triage_text_but(const struct ds_taxonomy *t, const char *text,
		       size_t len, unsigned drop, struct ds_triage_result *r,
		       struct ds_err *err)
{
	struct ds_verdict v;
	struct folded f;
	size_t i, k, first_s = 0, first_e = 0, why_len = 0;
	int first_sev = 0, protected_hit = 0, rc;

	memset(r, 0, sizeof(*r));
	/* ---- categories: decided per sentence by the lexicon (model
	 * helper, lexicon.h); this block is the only place they are. */
	rc = ds_lexicon_text(t->lex, text, len, &v, err);
	if (rc)
		return rc;
	v.cats &= ~drop;
	if (fold(text, len, 0, &f) != 0)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	for (i = 0; i < t->ncats; i++) {
		const struct category *c = &t->cats[i];
		const struct ds_cat_why *w = &v.why[i];
		char terms[200];

		if (!(v.cats & (1u << i)))
			continue;
		r->cats |= 1u << i;
		/* Why, for the finding's explanation: the terms matched, and
		 * the model's score with its strongest feature when it
		 * counted (cut when they do not fit). */
		if (w->score >= 0 && w->ntop > 0)
			snprintf(terms, sizeof(terms), "%s%smodel %.2f (%s)",
				 w->terms, *w->terms ? ", " : "", w->score,
				 w->top[0].name);
		else if (w->score >= 0)
			snprintf(terms, sizeof(terms), "%s%smodel %.2f",
				 w->terms, *w->terms ? ", " : "", w->score);
		else
			snprintf(terms, sizeof(terms), "%s", w->terms);
		/* Cut when it does not fit; never point past the end. */
		if (why_len < sizeof(r->why)) {
			int n = snprintf(r->why + why_len,
					 sizeof(r->why) - why_len, "%s%s: %s",
					 why_len ? "; " : "", c->name, terms);

			why_len = n < 0 ? sizeof(r->why) : why_len + (size_t)n;
		}
		if (c->severity > r->severity)
			r->severity = c->severity;
		if (c->special)
			r->special_care = 1;
		if (c->criminal)
			r->criminal = 1;
		/* The excerpt is cut around the most severe category's
		 * first hit (the first such category on a tie). */
		if (c->severity > first_sev) {
			first_s = v.why[i].start;
			first_e = v.why[i].end;
			first_sev = c->severity;
		}
	}
	/* ---- end of the lexicon's block. */
	for (k = 0; k < t->nprotected && !protected_hit; k++)
		protected_hit = has_word(f.s, f.len, t->protected[k].text);
	if (!r->cats) {
		r->protected_only = protected_hit;
	} else {
		if (excerpt(t, text, len, first_s, first_e, r->special_care,
			    r->excerpt, sizeof(r->excerpt))) {
			folded_release(&f);
			memset(r, 0, sizeof(*r));
			return ds_err_set(err, DS_ENOMEM, "out of memory");
		}
	}
	folded_release(&f);
	return 0;
}
