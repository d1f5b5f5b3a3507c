/*
 * test_triage_fixtures.c: the labelled fixture set of pages, run through
 * identity scoring and triage as a search step runs them, with precision
 * and recall per category.
 *
 * The fixtures are small fictional pages about one fictional candidate
 * and her namesakes, in $DS_TOP/tests/fixtures/triage; labels.tsv there
 * says, for each, the identity level expected, the categories its content
 * touches, whether its only signal is a protected characteristic, whether
 * it is the candidate's declared account, and words its excerpt must keep
 * or must not keep.  Categories are labelled on the content, so a
 * namesake's page measures the taxonomy too; the identity gate is checked
 * on its own.
 *
 * The test fails when a category's (or protected-only's) precision or
 * recall is below 0.9, when a namesake is taken for the candidate or a
 * page about the candidate for a namesake's, when identity accuracy is
 * below 0.9, when a term of the taxonomy's [protected] list is left in
 * the excerpt of a finding that is not hate speech, or when an excerpt
 * word check fails.  The report goes to stdout.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "err.h"
#include "mem.h"
#include "page.h"
#include "triage.h"

#define MIN_FIXTURES 80
#define MIN_POSITIVES 5
#define MIN_RATIO 0.9
#define MAX_WORDS 256

struct fixture {
	char file[128];
	enum ds_identity level;
	char cats[256];
	int protected_only, declared;
	char keep[128], drop[128];
};

/* Per category: true and false positives, false negatives. */
struct score {
	int tp, fp, fn, pos;
};

static char dir[1024];
static struct ds_taxonomy *tax;
static char *pc_terms[MAX_WORDS];
static size_t npc_terms;

static void find_dir(void)
{
	const char *top = getenv("DS_TOP");

	snprintf(dir, sizeof(dir), "%s/tests/fixtures/triage",
		 top && *top ? top : ".");
}

/* Read a whole file; NULL when it cannot be read. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL, *np;
	size_t cap = 0, n;

	*len = 0;
	if (!f)
		return NULL;
	for (;;) {
		if (*len + 4097 > cap) {
			cap = cap ? cap * 2 : 8192;
			np = realloc(p, cap);
			if (!np) {
				free(p);
				fclose(f);
				return NULL;
			}
			p = np;
		}
		n = fread(p + *len, 1, cap - *len - 1, f);
		if (!n)
			break;
		*len += n;
	}
	fclose(f);
	p[*len] = '\0';
	return p;
}

/*
 * Fold for the word checks: lowercase ASCII, every other byte a space
 * (apostrophes dropped, as the triage folds), padded with spaces.
 */
static void fold_words(const char *in, char *out, size_t size)
{
	size_t o = 0;

	if (size < 3)
		return;
	out[o++] = ' ';
	for (; *in && o + 2 < size; in++) {
		unsigned char c = (unsigned char)*in;

		if (c == '\'')
			continue;
		out[o++] = isalnum(c) ? (char)tolower(c) : ' ';
	}
	out[o++] = ' ';
	out[o] = '\0';
}

/* Does the phrase (folded, whole words) occur in the excerpt? */
static int has_phrase(const char *excerpt, const char *phrase)
{
	char hay[DS_EXCERPT_MAX * 2 + 80], needle[160];
	size_t n;

	fold_words(excerpt, hay, sizeof(hay));
	fold_words(phrase, needle, sizeof(needle));
	n = strlen(needle);
	if (n <= 2)
		return 0;
	return strstr(hay, needle) != NULL;
}

/* Add the comma-separated terms of [v, end) to pc_terms. */
static int add_pc_terms(const char *v, const char *end)
{
	while (v < end && npc_terms < MAX_WORDS) {
		const char *c = memchr(v, ',', (size_t)(end - v));
		const char *te = c ? c : end;
		size_t n;

		while (v < te && isspace((unsigned char)*v))
			v++;
		n = (size_t)(te - v);
		while (n && isspace((unsigned char)v[n - 1]))
			n--;
		if (n) {
			pc_terms[npc_terms] = ds_strndup(v, n);
			if (!pc_terms[npc_terms])
				return -1;
			npc_terms++;
		}
		v = c ? c + 1 : end;
	}
	return 0;
}

/*
 * The [protected] terms of the built-in taxonomy's text: the "terms ="
 * line of that section and its indented continuation lines.
 */
static int load_pc_terms(void)
{
	const char *p = (const char *)ds_taxonomy_ini;
	const char *end = p + ds_taxonomy_ini_len;
	int section = 0, terms = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *eq;

		if (*p == '[') {
			section = strncmp(p, "[protected]", 11) == 0;
			terms = 0;
		} else if (*p == ' ' || *p == '\t') {
			if (terms && add_pc_terms(p, le))
				return -1;
		} else {
			terms = section && strncmp(p, "terms", 5) == 0;
			eq = terms ? memchr(p, '=', (size_t)(le - p)) : NULL;
			if (eq && add_pc_terms(eq + 1, le))
				return -1;
		}
		p = nl ? nl + 1 : end;
	}
	return npc_terms ? 0 : -1;
}

static int parse_level(const char *s, enum ds_identity *out)
{
	enum ds_identity l;

	for (l = DS_ID_NOT; l <= DS_ID_CONFIRMED; l++)
		if (strcmp(ds_identity_name(l), s) == 0) {
			*out = l;
			return 0;
		}
	return -1;
}

/* Split line at tabs into at most n fields; returns how many. */
static size_t split_tabs(char *line, char **f, size_t n)
{
	size_t k = 0;

	while (k < n) {
		char *t = strchr(line, '\t');

		f[k++] = line;
		if (!t)
			break;
		*t = '\0';
		line = t + 1;
	}
	return k;
}

/* Load the manifest; returns the number of fixtures, -1 on error. */
static int load_labels(struct fixture **out)
{
	char path[1200], *text, *line, *nl;
	struct fixture *fx = NULL, *nf;
	size_t len, n = 0;

	snprintf(path, sizeof(path), "%s/labels.tsv", dir);
	text = slurp(path, &len);
	if (!text) {
		fprintf(stderr, "  cannot read %s: set DS_TOP\n", path);
		return -1;
	}
	for (line = text; line && *line; line = nl) {
		char *f[8];
		size_t k;

		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		if (*line == '#' || *line == '\0')
			continue;
		k = split_tabs(line, f, 8);
		nf = realloc(fx, (n + 1) * sizeof(*fx));
		if (!nf)
			break;
		fx = nf;
		memset(&fx[n], 0, sizeof(fx[n]));
		if (k < 5 || parse_level(f[1], &fx[n].level) ||
		    (strcmp(f[3], "0") && strcmp(f[3], "1")) ||
		    (strcmp(f[4], "0") && strcmp(f[4], "1"))) {
			fprintf(stderr, "  labels.tsv: bad line for '%s'\n",
				f[0]);
			free(fx);
			free(text);
			return -1;
		}
		snprintf(fx[n].file, sizeof(fx[n].file), "%s", f[0]);
		snprintf(fx[n].cats, sizeof(fx[n].cats), "%s",
			 strcmp(f[2], "-") ? f[2] : "");
		fx[n].protected_only = f[3][0] == '1';
		fx[n].declared = f[4][0] == '1';
		if (k > 5 && strcmp(f[5], "-"))
			snprintf(fx[n].keep, sizeof(fx[n].keep), "%s", f[5]);
		if (k > 6 && strcmp(f[6], "-"))
			snprintf(fx[n].drop, sizeof(fx[n].drop), "%s", f[6]);
		n++;
	}
	free(text);
	*out = fx;
	return (int)n;
}

/* The category bits of "violence,hate"; -1 for an unknown name. */
static long cats_bits(const char *list)
{
	char copy[256], *p = copy;
	long bits = 0;

	snprintf(copy, sizeof(copy), "%s", list);
	while (*p) {
		char *c = strchr(p, ',');
		size_t i, n = ds_taxonomy_ncats(tax);

		if (c)
			*c = '\0';
		for (i = 0; i < n; i++)
			if (strcmp(ds_taxonomy_cat_name(tax, i), p) == 0)
				break;
		if (i == n)
			return -1;
		bits |= 1L << i;
		p = c ? c + 1 : p + strlen(p);
	}
	return bits;
}

static struct ds_plan_anchors candidate(void)
{
	struct ds_plan_anchors a;

	memset(&a, 0, sizeof(a));
	a.name = "Jane Anne Smith";
	a.known_as[a.nknown_as++] = "Janey Smith";
	a.location[a.nlocation++] = "Leeds";
	a.location[a.nlocation++] = "Horsforth";
	a.school[a.nschool++] = "Elmwood Primary School";
	a.school[a.nschool++] = "Kirkgate Infant School";
	a.handle_platform[a.nhandles] = "x";
	a.handle[a.nhandles++] = "janesmith_teach";
	return a;
}

/* What one fixture gave. */
struct got {
	enum ds_identity level;
	struct ds_triage_result tr;
};

/* Run one fixture as a search step would; 0 on success. */
static int run_one(const struct fixture *fx, struct got *g)
{
	struct ds_plan_anchors a = candidate();
	struct ds_identity_conf conf;
	struct ds_identity_result id;
	struct ds_page page;
	struct ds_err err;
	char path[1200];
	const char *text, *url = NULL, *dot;
	size_t len, tlen;
	char *body;
	int html, rc;

	snprintf(path, sizeof(path), "%s/%s", dir, fx->file);
	body = slurp(path, &len);
	if (!body) {
		fprintf(stderr, "  cannot read %s\n", path);
		return -1;
	}
	dot = strrchr(fx->file, '.');
	html = dot && strcmp(dot, ".html") == 0;
	memset(&page, 0, sizeof(page));
	ds_err_init(&err);
	if (html) {
		if (ds_page_parse(body, len, "text/html; charset=utf-8", NULL,
				  NULL, &page, &err) != 0) {
			fprintf(stderr, "  %s: %s\n", fx->file, err.msg);
			free(body);
			return -1;
		}
		text = page.text;
		tlen = page.text_len;
		url = page.canonical;
	} else {
		text = body;
		tlen = len;
	}
	ds_identity_conf_default(&conf);
	ds_identity_score(&a, text, tlen, url, fx->declared, &conf, &id);
	g->level = id.level;
	rc = ds_triage_text(tax, text, tlen, &g->tr, &err);
	if (html)
		ds_page_release(&page);
	free(body);
	return rc;
}

static double ratio(int num, int den)
{
	return den ? (double)num / den : 1.0;
}

/* One line of the table; 0 when both figures reach MIN_RATIO. */
static int report(const char *name, const struct score *s)
{
	double p = ratio(s->tp, s->tp + s->fp);
	double r = ratio(s->tp, s->tp + s->fn);

	printf("  %-16s %4d %4d %4d %4d   %5.3f  %5.3f%s\n", name, s->pos,
	       s->tp, s->fp, s->fn, p, r,
	       p < MIN_RATIO || r < MIN_RATIO ? "  < 0.9" : "");
	return p < MIN_RATIO || r < MIN_RATIO ? -1 : 0;
}

/* Check an excerpt against the protected list and the fixture's words. */
static void check_excerpt(const struct fixture *fx, const struct got *g,
			  int *bad)
{
	const char *ex = g->tr.excerpt;
	size_t k;

	if (!g->tr.cats)
		return;
	if (!g->tr.special_care)
		for (k = 0; k < npc_terms; k++)
			if (has_phrase(ex, pc_terms[k])) {
				fprintf(stderr, "  %s: protected term '%s' in "
					"the excerpt: %s\n", fx->file,
					pc_terms[k], ex);
				(*bad)++;
			}
	if (fx->keep[0] && !has_phrase(ex, fx->keep)) {
		fprintf(stderr, "  %s: excerpt lacks '%s': %s\n", fx->file,
			fx->keep, ex);
		(*bad)++;
	}
	if (fx->drop[0] && has_phrase(ex, fx->drop)) {
		fprintf(stderr, "  %s: excerpt keeps '%s': %s\n", fx->file,
			fx->drop, ex);
		(*bad)++;
	}
}

static void test_fixtures(void)
{
	struct score cat[DS_TAX_MAX_CATS], pc;
	struct fixture *fx = NULL;
	int n, i, id_ok = 0, ns = 0, ns_ok = 0, excerpts = 0, bad_ex = 0;
	int findings = 0, pc_bad = 0, cand = 0, cand_ok = 0;
	size_t c, ncats;
	char buf[256];

	find_dir();
	REQUIRE(ds_taxonomy_default(&tax, NULL) == 0);
	REQUIRE(load_pc_terms() == 0);
	n = load_labels(&fx);
	REQUIRE(n >= 0);
	CHECK(n >= MIN_FIXTURES);
	ncats = ds_taxonomy_ncats(tax);
	memset(cat, 0, sizeof(cat));
	memset(&pc, 0, sizeof(pc));
	for (i = 0; i < n; i++) {
		long want = cats_bits(fx[i].cats);
		struct got g;
		unsigned got_cats;

		CHECK(want >= 0);
		if (want < 0) {
			fprintf(stderr, "  %s: unknown category in '%s'\n",
				fx[i].file, fx[i].cats);
			continue;
		}
		if (run_one(&fx[i], &g) != 0) {
			CHECK(!"fixture ran");
			continue;
		}
		got_cats = g.tr.cats;
		for (c = 0; c < ncats; c++) {
			int w = (int)((want >> c) & 1);
			int h = (int)((got_cats >> c) & 1);

			cat[c].pos += w;
			cat[c].tp += w && h;
			cat[c].fp += !w && h;
			cat[c].fn += w && !h;
		}
		pc.pos += fx[i].protected_only;
		pc.tp += fx[i].protected_only && g.tr.protected_only;
		pc.fp += !fx[i].protected_only && g.tr.protected_only;
		pc.fn += fx[i].protected_only && !g.tr.protected_only;
		if (fx[i].protected_only && got_cats) {
			fprintf(stderr, "  %s: protected only, but a finding\n",
				fx[i].file);
			pc_bad++;
		}
		id_ok += g.level == fx[i].level;
		if (fx[i].level == DS_ID_NOT) {
			ns++;
			ns_ok += g.level == DS_ID_NOT;
		} else {
			cand++;
			cand_ok += g.level != DS_ID_NOT;
		}
		if (g.level != DS_ID_NOT && got_cats)
			findings++;
		if (got_cats)
			excerpts++;
		check_excerpt(&fx[i], &g, &bad_ex);
		if (g.level != fx[i].level || (long)got_cats != want ||
		    g.tr.protected_only != fx[i].protected_only) {
			ds_triage_cats_format(tax, got_cats, buf, sizeof(buf));
			printf("  miss %-34s identity %s (want %s), categories "
			       "'%s' (want '%s'), protected-only %d (want "
			       "%d)\n", fx[i].file, ds_identity_name(g.level),
			       ds_identity_name(fx[i].level), buf,
			       fx[i].cats, g.tr.protected_only,
			       fx[i].protected_only);
		}
	}
	printf("  %d fixtures, %d findings (identity and category)\n", n,
	       findings);
	printf("  %-16s %4s %4s %4s %4s   %-5s  %-5s\n", "category", "pos",
	       "TP", "FP", "FN", "prec", "recall");
	for (c = 0; c < ncats; c++) {
		CHECK(report(ds_taxonomy_cat_name(tax, c), &cat[c]) == 0);
		CHECK(cat[c].pos >= MIN_POSITIVES);
	}
	CHECK(report("protected-only", &pc) == 0);
	CHECK(pc.pos >= MIN_POSITIVES);
	CHECK_INT(pc_bad, 0);
	printf("  identity accuracy (exact level): %d/%d = %.3f\n", id_ok, n,
	       ratio(id_ok, n));
	printf("  namesake rejection: %d/%d\n", ns_ok, ns);
	printf("  candidate pages kept: %d/%d\n", cand_ok, cand);
	printf("  excerpts checked: %d, problems: %d\n", excerpts, bad_ex);
	CHECK(ratio(id_ok, n) >= MIN_RATIO);
	CHECK(ns >= MIN_POSITIVES);
	CHECK_INT(ns_ok, ns);
	CHECK_INT(cand_ok, cand);
	CHECK_INT(bad_ex, 0);
	fflush(stdout);
	free(fx);
	while (npc_terms)
		ds_free(pc_terms[--npc_terms]);
	ds_taxonomy_free(tax);
	tax = NULL;
}

int main(void)
{
	RUN(test_fixtures);
	return check_summary();
}
