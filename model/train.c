/*
 * train.c: train the hate and abuse model (src/classify.h), or print the
 * held-out rows it never sees.
 *
 *   model_train --model OUT DAVIDSON_CSV BRITISH_TSV TAXONOMY
 *   model_train --held-out DAVIDSON_CSV
 *   model_train --dev DAVIDSON_CSV      (the first fold's rows)
 *
 * DAVIDSON_CSV is labeled_data.csv (Davidson et al., 2017): row id,
 * count, votes, class (0 hate speech, 1 offensive, 2 neither) and the
 * tweet.  BRITISH_TSV is "CLASS<TAB>TEXT" lines (model/british.tsv).
 * TAXONOMY is the taxonomy file whose rules the model serves.
 *
 * The held-out fifth: a row whose id's FNV-1a 32-bit hash is 0 modulo 5
 * is never trained on nor used to choose anything; --held-out prints
 * those rows as "CLASS<TAB>TEXT".  The thresholds are chosen by
 * cross-validation over the other four fifths (hash 1 to 4, one fold
 * each): each fold is judged through the taxonomy's rules (lexicon.h) by
 * a model trained without it, at every pair of thresholds of a grid.  The
 * model shipped is then trained on the four folds with the same settings.
 *
 * Multinomial logistic regression over hashed features (classify.h),
 * AdaGrad, a few epochs in a fixed order: the same inputs give the same
 * file.  The settings below may be given with -D when trying others;
 * DS_GRID=1 in the environment prints the grid's figures, DS_DUMP=FILE
 * writes what the rules make of each row of the first fold, DS_SCORES=FILE
 * each training row's out-of-fold sentence scores.  The grid also
 * chooses hate_strong and slur_gate (classify.h), or neither.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "crypto.h"
#include "lexicon.h"
#include "mem.h"

#ifndef BITS
#define BITS 16
#endif
#ifndef PRUNE
#define PRUNE 10
#endif
#ifndef CW
#define CW 8.0, 1.0, 2.0
#endif
#ifndef EPOCHS
#define EPOCHS 6
#endif
#ifndef RATE
#define RATE 0.05
#endif
#ifndef L2
#define L2 1e-6
#endif
#define BRITISH_WEIGHT 3.0
/* How much of a row's target is its annotators' votes rather than their
 * majority: 0 trains on the class alone, 1 on the share of votes. */
#ifndef SOFT
#define SOFT 1.0
#endif
/* What the thresholds must keep in cross-validation (the targets of
 * README.md's Figures, with a margin). */
#ifndef NEITHER_MAX
#define NEITHER_MAX 0.045
#endif
#ifndef OFFENSIVE_MIN
#define OFFENSIVE_MIN 0.87
#endif
#ifndef PRECISION_MIN
#define PRECISION_MIN 0.0
#endif
/* hate_abusive (classify.h), chosen after the rest: the values tried (0:
 * no such path), and the share of the rows it flags hate that must be
 * hate speech, out of fold. */
#ifndef ABUSIVE_GRID
#define ABUSIVE_GRID 0, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8
#endif
#ifndef ABUSIVE_PRECISION_MIN
#define ABUSIVE_PRECISION_MIN 0.30
#endif

struct row {
	int cls;
	double y[3];            /* the target: class and votes (SOFT) */
	unsigned part;          /* FNV-1a of the id, modulo 5; 5: British */
	uint32_t *f;            /* feature buckets */
	size_t nf;
	char *text;
};

static struct row *rows;
static size_t nrows, caprows;

static void die(const char *msg)
{
	fprintf(stderr, "model_train: %s\n", msg);
	exit(1);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p)
		die("out of memory");
	return p;
}

static uint32_t fnv(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

/* Undo the HTML entities the tweets keep (&amp; &lt; &gt; &quot; &#N;). */
static void entities(char *s)
{
	char *o = s;

	while (*s) {
		if (strncmp(s, "&amp;", 5) == 0) {
			*o++ = '&';
			s += 5;
		} else if (strncmp(s, "&lt;", 4) == 0) {
			*o++ = '<';
			s += 4;
		} else if (strncmp(s, "&gt;", 4) == 0) {
			*o++ = '>';
			s += 4;
		} else if (strncmp(s, "&quot;", 6) == 0) {
			*o++ = '"';
			s += 6;
		} else if (s[0] == '&' && s[1] == '#') {
			char *end;
			long cp = strtol(s + 2, &end, 10);

			*o++ = ' ';
			s = *end == ';' ? end + 1 : s + 2;
			(void)cp;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
}

/* Newlines inside a post become spaces: one post, one line. */
static void one_line(char *s)
{
	for (; *s; s++)
		if (*s == '\n' || *s == '\r' || *s == '\t')
			*s = ' ';
}

static void collect(void *user, uint32_t b, const char *name, size_t nl)
{
	struct row *r = user;

	(void)name;
	(void)nl;
	r->f = xrealloc(r->f, (r->nf + 1) * sizeof(*r->f));
	r->f[r->nf++] = b;
}

static void add_row(int cls, unsigned part, char *text,
		    const double *votes)
{
	struct ds_tokens tk;
	const char **words;
	struct row *r;
	size_t i;

	entities(text);
	one_line(text);
	if (nrows == caprows) {
		caprows = caprows ? caprows * 2 : 1024;
		rows = xrealloc(rows, caprows * sizeof(*rows));
	}
	r = &rows[nrows++];
	memset(r, 0, sizeof(*r));
	r->cls = cls;
	for (i = 0; i < 3; i++)
		r->y[i] = (1.0 - (votes ? SOFT : 0.0)) * ((int)i == cls) +
			  (votes ? SOFT * votes[i] : 0.0);
	r->part = part;
	r->text = text;
	if (ds_tokens_make(&tk, text, strlen(text), 0))
		die("out of memory");
	words = xrealloc(NULL, (tk.n + 1) * sizeof(*words));
	for (i = 0; i < tk.n; i++)
		words[i] = ds_token_word(&tk, i);
	ds_model_features(words, tk.n, BITS, collect, r);
	free(words);
	ds_tokens_release(&tk);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		die("cannot read an input file");
	s = xrealloc(NULL, (size_t)n + 1);
	if (fread(s, 1, (size_t)n, f) != (size_t)n)
		die("cannot read an input file");
	s[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return s;
}

/* Read one CSV field at *p (quoted with "" escapes, or bare); NUL-ends
 * it in place and returns it; *p moves past its separator. */
static char *csv_field(char **p, int *eol)
{
	char *s = *p, *o, *start;

	if (*s == '"') {
		start = o = ++s;
		for (;;) {
			if (!*s)
				die("an unterminated quote in the CSV");
			if (*s == '"' && s[1] == '"') {
				*o++ = '"';
				s += 2;
			} else if (*s == '"') {
				s++;
				break;
			} else {
				*o++ = *s++;
			}
		}
	} else {
		start = o = s;
		while (*s && *s != ',' && *s != '\n' && *s != '\r')
			*o++ = *s++;
	}
	if (*s == '\r')
		s++;
	*eol = *s == '\n' || !*s;
	if (*s)
		s++;
	*o = '\0';
	*p = s;
	return start;
}

static void read_davidson(char *data, int held_out_only)
{
	char *p = data, *f[7];
	int eol = 0, k;

	while (*p && *p != '\n')        /* the header */
		p++;
	if (*p)
		p++;
	while (*p) {
		unsigned part;

		for (k = 0; k < 7; k++) {
			f[k] = csv_field(&p, &eol);
			if (eol && k < 6)
				die("a CSV row with fewer than 7 fields");
		}
		if (!eol)
			die("a CSV row with more than 7 fields");
		if (f[5][0] < '0' || f[5][0] > '2' || f[5][1])
			die("a class that is not 0, 1 or 2");
		part = fnv(f[0]) % 5;
		if (held_out_only) {
			if (part == (held_out_only == 1 ? 0u : 1u)) {
				entities(f[6]);
				one_line(f[6]);
				printf("%c\t%s\n", f[5][0], f[6]);
			}
			continue;
		}
		if (part != 0) {
			double n = atof(f[1]), v[3];

			for (k = 0; k < 3; k++)
				v[k] = n > 0 ? atof(f[2 + k]) / n : 0;
			add_row(f[5][0] - '0', part, f[6], n > 0 ? v : NULL);
		}
	}
}

static void read_british(char *data)
{
	char *line = data;

	while (*line) {
		char *nl = strchr(line, '\n'), *tab;

		if (nl)
			*nl = '\0';
		if (line[0] && line[0] != '#') {
			tab = strchr(line, '\t');
			if (!tab || tab != line + 1 || line[0] < '0' ||
			    line[0] > '2')
				die("british examples: 'CLASS<TAB>TEXT' lines");
			add_row(line[0] - '0', 5, tab + 1, NULL);
		}
		if (!nl)
			break;
		line = nl + 1;
	}
}

static float *w, *g2;
static double bias[DS_MODEL_CLASSES], bg2[DS_MODEL_CLASSES];

static void scores(const struct row *r, double *p)
{
	double z[DS_MODEL_CLASSES] = { 0 }, mx, sum = 0, scale;
	size_t i;
	int k;

	for (i = 0; i < r->nf; i++)
		for (k = 0; k < DS_MODEL_CLASSES; k++)
			z[k] += w[(size_t)r->f[i] * DS_MODEL_CLASSES + k];
	scale = r->nf ? 1.0 / sqrt((double)r->nf) : 0;
	for (k = 0; k < DS_MODEL_CLASSES; k++)
		z[k] = bias[k] + z[k] * scale;
	mx = z[0];
	for (k = 1; k < DS_MODEL_CLASSES; k++)
		if (z[k] > mx)
			mx = z[k];
	for (k = 0; k < DS_MODEL_CLASSES; k++) {
		p[k] = exp(z[k] - mx);
		sum += p[k];
	}
	for (k = 0; k < DS_MODEL_CLASSES; k++)
		p[k] /= sum;
}

/* Train on the rows whose part is not `skip` (nor 0, never here). */
static void train(unsigned skip)
{
	static const double class_weight[DS_MODEL_CLASSES] = { CW };
	size_t nb = (size_t)1 << BITS, *order, i, j;
	uint64_t seed = 88172645463325252ull;
	int epoch, k;

	free(w);
	free(g2);
	w = calloc(nb * DS_MODEL_CLASSES, sizeof(*w));
	g2 = calloc(nb * DS_MODEL_CLASSES, sizeof(*g2));
	if (!w || !g2)
		die("out of memory");
	memset(bias, 0, sizeof(bias));
	memset(bg2, 0, sizeof(bg2));
	order = xrealloc(NULL, nrows * sizeof(*order));
	for (i = 0; i < nrows; i++)
		order[i] = i;
	for (epoch = 0; epoch < EPOCHS; epoch++) {
		/* A fixed shuffle (xorshift), so runs repeat exactly. */
		for (i = nrows; i > 1; i--) {
			size_t t;

			seed ^= seed << 13;
			seed ^= seed >> 7;
			seed ^= seed << 17;
			j = (size_t)(seed % i);
			t = order[i - 1];
			order[i - 1] = order[j];
			order[j] = t;
		}
		for (i = 0; i < nrows; i++) {
			const struct row *r = &rows[order[i]];
			double p[DS_MODEL_CLASSES], g[DS_MODEL_CLASSES], scale;
			double cw = (r->part == 5 ? BRITISH_WEIGHT : 1.0) *
				    (r->y[0] * class_weight[0] +
				     r->y[1] * class_weight[1] +
				     r->y[2] * class_weight[2]);

			if (r->part == skip || !r->nf)
				continue;
			scores(r, p);
			scale = 1.0 / sqrt((double)r->nf);
			for (k = 0; k < DS_MODEL_CLASSES; k++) {
				g[k] = (p[k] - r->y[k]) * cw;
				bg2[k] += g[k] * g[k];
				bias[k] -= RATE * g[k] / sqrt(bg2[k] + 1e-8);
			}
			for (j = 0; j < r->nf; j++) {
				size_t b = (size_t)r->f[j] * DS_MODEL_CLASSES;

				for (k = 0; k < DS_MODEL_CLASSES; k++) {
					double gk = g[k] * scale +
						    L2 * w[b + k];

					g2[b + k] += (float)(gk * gk);
					w[b + k] -= (float)(RATE * gk /
						sqrt(g2[b + k] + 1e-8));
				}
			}
		}
	}
	free(order);
}

/* ---- thresholds by cross-validation through the taxonomy's rules ---- */

/*
 * The thresholds tried: the model's P(hate) for hate (hate_min) and its
 * P(hate) + P(offensive) for abuse (abuse_min) and hate's gate.  A hit
 * for hate needs P(hate) of 0.02 at least, so that the score a reviewer
 * is shown says something.
 */
static const double hate_grid[] = {
	0.02, 0.03, 0.04, 0.05, 0.07, 0.1, 0.13, 0.17, 0.22,
	0.3, 0.4, 0.5
};
static const double abuse_grid[] = {
	0.0001, 0.3, 0.5, 0.6, 0.7, 0.75, 0.8, 0.84, 0.85, 0.86, 0.87, 0.9,
	0.92, 0.94, 0.96
};
/* hate_strong: P(hate) from which hate holds below the gate too, and a
 * word aimed at people stands for a target; slur_gate: P(hate) +
 * P(offensive) from which a slur target makes hate (0: no such path). */
/* Never off: British attacks on a group that name none ("they are
 * vermin and should all be deported", model/british.tsv) need the path,
 * and the US folds cannot show it. */
#ifndef STRONG_GRID
#define STRONG_GRID 0.7, 0.8, 0.9
#endif
#ifndef SLUR_GRID
#define SLUR_GRID 0, 0.5, 0.6, 0.7
#endif
static const double strong_grid[] = { STRONG_GRID };
static const double slur_grid[] = { SLUR_GRID };
#define NSL (sizeof(slur_grid) / sizeof(slur_grid[0]))
#define NH (sizeof(hate_grid) / sizeof(hate_grid[0]))
#define NA (sizeof(abuse_grid) / sizeof(abuse_grid[0]))
/* Both at once: strong_grid[s / NSL], slur_grid[s % NSL]. */
#define NS (sizeof(strong_grid) / sizeof(strong_grid[0]) * NSL)
/* Row i's flags at strong and slur pair s: NA * NH of them. */
#define ROW_FLAGS(i, s) (flags + ((i) * NS + (s)) * NA * NH)
#define FLAG_HATE 1             /* the hate category holds */
#define FLAG_ABUSE 2            /* the abuse category holds */
#define FLAG_OTHER 4            /* another category holds */

static struct ds_lexicon *lex;  /* the taxonomy's rules */
static int cat_hate = -1, cat_abuse = -1;
static unsigned char *flags;    /* nrows * NS * NA * NH, out of fold */
static double *oof;             /* nrows * 2: out of fold, the highest
				 * P(hate) of a sentence and its
				 * P(offensive) */

/* The category indexes of [hate] and [abuse]: the lexicon numbers the
 * sections in order, [protected] skipped (lexicon.h). */
static void find_cats(const char *text)
{
	const char *p = text;
	int n = 0;

	while (p && *p) {
		if (*p == '[') {
			const char *e = strchr(p, ']');

			if (e && !(e - p == 10 && !strncmp(p, "[protected]", 11))) {
				if (e - p == 5 && !strncmp(p, "[hate]", 6))
					cat_hate = n;
				if (e - p == 6 && !strncmp(p, "[abuse]", 7))
					cat_abuse = n;
				n++;
			}
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	if (cat_hate < 0 || cat_abuse < 0)
		die("the taxonomy has no [hate] or no [abuse]");
}

/* The weight of bucket b, class k, as the model file rounds it. */
static long quant(size_t b, int k)
{
	return lround(w[b * DS_MODEL_CLASSES + (size_t)k] * 10000.0);
}

static int kept_bucket(size_t b)
{
	int k;

	for (k = 0; k < DS_MODEL_CLASSES; k++)
		if (labs(quant(b, k)) >= PRUNE)
			return 1;
	return 0;
}

/* The model being trained, as its file would load it. */
static struct ds_model *mem_model(void)
{
	struct ds_model *m = ds_calloc(1, sizeof(*m));
	size_t nb = (size_t)1 << BITS, b;
	int k;

	if (!m || !(m->w = ds_calloc(nb * DS_MODEL_CLASSES, sizeof(float))))
		die("out of memory");
	m->bits = BITS;
	for (b = 0; b < nb; b++)
		if (kept_bucket(b))
			for (k = 0; k < DS_MODEL_CLASSES; k++)
				m->w[b * DS_MODEL_CLASSES + (size_t)k] =
					(float)quant(b, k) / 10000.0f;
	for (k = 0; k < DS_MODEL_CLASSES; k++)
		m->bias[k] = (float)(lround(bias[k] * 10000.0) / 10000.0);
	return m;
}

static unsigned char verdict_flags(const struct ds_verdict *v)
{
	unsigned both = (1u << cat_hate) | (1u << cat_abuse);

	return (unsigned char)(((v->cats >> cat_hate) & 1 ? FLAG_HATE : 0) |
		((v->cats >> cat_abuse) & 1 ? FLAG_ABUSE : 0) |
		(v->cats & ~both ? FLAG_OTHER : 0));
}

static unsigned char judge_row(struct ds_model *m, const struct row *r,
			       size_t a, size_t h)
{
	struct ds_verdict v;
	struct ds_err err;

	m->hate_min = hate_grid[h];
	m->hate_gate = m->abuse_min = abuse_grid[a];
	if (ds_lexicon_text(lex, r->text, strlen(r->text), &v, &err))
		die("out of memory");
	return verdict_flags(&v);
}

/* The highest P(hate) of a sentence of r (of r whole when short), and
 * that sentence's P(offensive), into p. */
static void sentence_scores(const struct ds_model *m, const struct row *r,
			    double *p)
{
	struct ds_tokens tk;
	const char *words[64];
	size_t i = 0, j, n;

	p[0] = p[1] = 0;
	if (ds_tokens_make(&tk, r->text, strlen(r->text), 0))
		die("out of memory");
	while (i < tk.n) {
		struct ds_model_score sc;

		/* A post of 64 words or fewer is scored whole, as the
		 * lexicon scores it. */
		for (j = i; j < tk.n && (tk.n <= 64 ||
		     tk.v[j].sent == tk.v[i].sent) && j - i < 64; j++)
			words[j - i] = ds_token_word(&tk, j);
		n = j - i;
		if (n >= 2) {
			ds_model_score(m, words, n, 0, &sc);
			if (sc.p[DS_MODEL_HATE] > p[0]) {
				p[0] = sc.p[DS_MODEL_HATE];
				p[1] = sc.p[DS_MODEL_OFFENSIVE];
			}
		}
		i = j;
	}
	ds_tokens_release(&tk);
}

/*
 * What the rules and model m make of row i at every pair of thresholds,
 * with the strong and slur pair st.  Lower thresholds only add model
 * hits, so a row judged alike at the lowest and highest hate_min is
 * judged so between.
 */
static void judge_variant(struct ds_model *m, size_t i, size_t st)
{
	unsigned char *f = ROW_FLAGS(i, st);
	size_t a, h;

	m->hate_strong = strong_grid[st / NSL];
	m->slur_gate = slur_grid[st % NSL];
	for (a = 0; a < NA; a++) {
		f[a * NH] = judge_row(m, &rows[i], a, 0);
		f[a * NH + NH - 1] = judge_row(m, &rows[i], a, NH - 1);
		for (h = 1; h + 1 < NH; h++)
			f[a * NH + h] = f[a * NH] == f[a * NH + NH - 1] ?
				f[a * NH] : judge_row(m, &rows[i], a, h);
	}
}

/* What the rules and model m make of each row of part `part`. */
static void judge_fold(unsigned part, struct ds_model *m)
{
	size_t i, st;

	ds_lexicon_set_model(lex, m);
	for (i = 0; i < nrows; i++) {
		if (rows[i].part != part)
			continue;
		sentence_scores(m, &rows[i], oof + 2 * i);
		for (st = 0; st < NS; st++)
			judge_variant(m, i, st);
	}
	m->hate_strong = m->slur_gate = 0;
	ds_lexicon_set_model(lex, NULL);
}

struct figures {
	double hate, offensive, neither;
	double precision;       /* of the rows flagged hate, labelled hate */
	double gate, hmin, amin, strong, slur, abusive;
	size_t ig, ih, ia, is;  /* their indexes in the grids */
};

/*
 * The figures out of fold when hate needs P(hate) >= hate_grid[h] and
 * P(hate) + P(offensive) >= abuse_grid[g] (or P(hate) >=
 * strong_grid[st]), and abuse P(hate) + P(offensive) >= abuse_grid[a].
 */
static struct figures figures_at(size_t g, size_t h, size_t a, size_t st)
{
	size_t i, n[3] = { 0 }, hh = 0, oa = 0, na = 0, fh = 0;
	struct figures fg;

	for (i = 0; i < nrows; i++) {
		const unsigned char *f = ROW_FLAGS(i, st);
		int hate = f[g * NH + h] & FLAG_HATE;
		int abuse = f[a * NH] & FLAG_ABUSE;
		int other = f[a * NH] & FLAG_OTHER;

		if (rows[i].part < 1 || rows[i].part > 4)
			continue;
		n[rows[i].cls]++;
		fh += hate != 0;
		hh += rows[i].cls == 0 && hate;
		oa += rows[i].cls == 1 && (hate || abuse);
		na += rows[i].cls == 2 && (hate || abuse || other);
	}
	fg.hate = (double)hh / (double)(n[0] ? n[0] : 1);
	fg.offensive = (double)oa / (double)(n[1] ? n[1] : 1);
	fg.neither = (double)na / (double)(n[2] ? n[2] : 1);
	fg.precision = (double)hh / (double)(fh ? fh : 1);
	fg.gate = abuse_grid[g];
	fg.hmin = hate_grid[h];
	fg.amin = abuse_grid[a];
	fg.strong = strong_grid[st / NSL];
	fg.slur = slur_grid[st % NSL];
	fg.abusive = 0;
	fg.ig = g;
	fg.ih = h;
	fg.ia = a;
	fg.is = st;
	return fg;
}

static void print_figures(const struct figures *fg)
{
	fprintf(stderr, "grid strong %.2f slur %.2f gate %.4f hate_min %.4f "
		"abuse_min %.4f: hate %.3f offensive %.3f neither %.3f "
		"precision %.3f\n", fg->strong, fg->slur, fg->gate, fg->hmin,
		fg->amin, fg->hate, fg->offensive, fg->neither, fg->precision);
}

/*
 * The thresholds with the most hate-speech rows flagged hate, out of
 * fold, among those that flag at most NEITHER_MAX of the "neither" rows
 * and at least OFFENSIVE_MIN of the offensive ones, and whose rows
 * flagged hate are hate speech at least PRECISION_MIN of the time
 * (fewest "neither" flagged on a tie).
 */
static struct figures choose(void)
{
	struct figures best = { .hate = -1, .neither = 1 }, fg;
	const char *grid = getenv("DS_GRID");
	size_t a, h, g, st;

	for (st = 0; st < NS; st++) {
		for (g = 0; g < NA; g++) {
			for (h = 0; h < NH; h++) {
				for (a = 0; a < NA; a++) {
					fg = figures_at(g, h, a, st);
					if (grid && (g == a || grid[0] == '2'))
						print_figures(&fg);
					if (fg.neither > NEITHER_MAX ||
					    fg.offensive < OFFENSIVE_MIN ||
					    fg.precision < PRECISION_MIN)
						continue;
					if (fg.hate > best.hate ||
					    (fg.hate == best.hate &&
					     fg.neither < best.neither))
						best = fg;
				}
			}
		}
	}
	return best;
}

/*
 * The British examples (part 5, trained on by every fold's model, so
 * judged in sample by m) that the rules and m get wrong: hate speech not
 * flagged hate, offensive flagged hate, neither flagged at all.
 */
static size_t british_wrong(struct ds_model *m)
{
	size_t i, wrong = 0;

	ds_lexicon_set_model(lex, m);
	for (i = 0; i < nrows; i++) {
		struct ds_verdict v;
		struct ds_err err;
		unsigned char f;

		if (rows[i].part != 5)
			continue;
		if (ds_lexicon_text(lex, rows[i].text, strlen(rows[i].text),
				    &v, &err))
			die("out of memory");
		f = verdict_flags(&v);
		wrong += rows[i].cls == 0 ? !(f & FLAG_HATE) :
			 rows[i].cls == 1 ? (f & FLAG_HATE) != 0 : f != 0;
	}
	ds_lexicon_set_model(lex, NULL);
	return wrong;
}

/*
 * hate_abusive, once the other thresholds are chosen (cv): the value with
 * the most hate-speech rows flagged hate out of fold, among those that
 * keep the targets of choose() and ABUSIVE_PRECISION_MIN, and get no
 * more British examples wrong than the path off does (British offence is
 * not American: "stupid cow" insults one person, it attacks no group).
 * fm: each fold's model.
 */
static void choose_abusive(struct ds_model **fm, struct figures *cv)
{
	static const double grid[] = { ABUSIVE_GRID };
	size_t g, i, wrong0 = 0;

	cv->abusive = 0;
	for (g = 0; g < sizeof(grid) / sizeof(grid[0]); g++) {
		size_t n[3] = { 0 }, hh = 0, oa = 0, na = 0, fh = 0, wrong;
		double hate, offensive, neither, precision;
		unsigned fold;

		for (fold = 1; fold <= 4; fold++) {
			struct ds_model *m = fm[fold];

			m->hate_min = cv->hmin;
			m->hate_gate = cv->gate;
			m->abuse_min = cv->amin;
			m->hate_strong = cv->strong;
			m->slur_gate = cv->slur;
			m->hate_abusive = grid[g];
			ds_lexicon_set_model(lex, m);
			for (i = 0; i < nrows; i++) {
				struct ds_verdict v;
				struct ds_err err;
				unsigned char f;

				if (rows[i].part != fold)
					continue;
				if (ds_lexicon_text(lex, rows[i].text,
						    strlen(rows[i].text), &v,
						    &err))
					die("out of memory");
				f = verdict_flags(&v);
				n[rows[i].cls]++;
				fh += (f & FLAG_HATE) != 0;
				hh += rows[i].cls == 0 && (f & FLAG_HATE);
				oa += rows[i].cls == 1 &&
				      (f & (FLAG_HATE | FLAG_ABUSE));
				na += rows[i].cls == 2 && f;
			}
			ds_lexicon_set_model(lex, NULL);
		}
		wrong = british_wrong(fm[1]);
		if (g == 0)
			wrong0 = wrong;
		hate = (double)hh / (double)(n[0] ? n[0] : 1);
		offensive = (double)oa / (double)(n[1] ? n[1] : 1);
		neither = (double)na / (double)(n[2] ? n[2] : 1);
		precision = (double)hh / (double)(fh ? fh : 1);
		if (getenv("DS_GRID"))
			fprintf(stderr, "hate_abusive %.2f: hate %.3f "
				"offensive %.3f neither %.3f precision %.3f, "
				"British examples wrong %zu\n", grid[g], hate,
				offensive, neither, precision, wrong);
		if (neither > NEITHER_MAX || offensive < OFFENSIVE_MIN ||
		    wrong > wrong0 ||
		    (grid[g] > 0 && precision < ABUSIVE_PRECISION_MIN) ||
		    hate <= cv->hate)
			continue;
		cv->hate = hate;
		cv->offensive = offensive;
		cv->neither = neither;
		cv->precision = precision;
		cv->abusive = grid[g];
	}
}

static void sha_line(FILE *f, const char *path)
{
	uint8_t h[DS_SHA256_LEN];
	char hex[DS_SHA256_LEN * 2 + 1];
	const char *base = strrchr(path, '/');

	if (ds_sha256_file(path, h, NULL, NULL))
		die("cannot hash an input");
	ds_hex(h, sizeof(h), hex);
	fprintf(f, "# input %s sha256 %s\n", base ? base + 1 : path, hex);
}

int main(int argc, char **argv)
{
	char *dav, *brit, *tax;
	struct ds_model *fm[5] = { NULL };
	double hmin = 0, amin = 0;
	size_t len, i, nb = (size_t)1 << BITS, kept = 0;
	struct figures cv;
	struct ds_err err;
	unsigned fold;
	FILE *out;

	if (argc == 3 && strcmp(argv[1], "--held-out") == 0) {
		read_davidson(slurp(argv[2], &len), 1);
		return 0;
	}
	/* --dev: the rows of one training fold (hash 1 modulo 5), to read
	 * when writing rules. */
	if (argc == 3 && strcmp(argv[1], "--dev") == 0) {
		read_davidson(slurp(argv[2], &len), 2);
		return 0;
	}
	if (argc != 6 || strcmp(argv[1], "--model") != 0)
		die("usage: model_train --model OUT DAVIDSON_CSV BRITISH_TSV "
		    "TAXONOMY | --held-out DAVIDSON_CSV | --dev DAVIDSON_CSV");
	dav = slurp(argv[3], &len);
	brit = slurp(argv[4], &len);
	tax = slurp(argv[5], &len);
	find_cats(tax);
	if (ds_lexicon_parse(&lex, tax, len, argv[5], &err))
		die(err.msg);
	read_davidson(dav, 0);
	read_british(brit);
	flags = calloc(nrows * NS * NA * NH, 1);
	oof = calloc(nrows * 2, sizeof(*oof));
	if (!flags || !oof)
		die("out of memory");
	/* Four folds of the training rows (hash 1 to 4 modulo 5): each
	 * judged by a model trained without it; the held-out fifth (0) is
	 * never read here. */
	for (fold = 1; fold <= 4; fold++) {
		train(fold);
		fm[fold] = mem_model();
		judge_fold(fold, fm[fold]);
	}
	cv = choose();
	if (cv.hate >= 0)
		choose_abusive(fm, &cv);
	for (fold = 1; fold <= 4; fold++)
		ds_model_free(fm[fold]);
	hmin = cv.hmin;
	amin = cv.amin;
	/* DS_DUMP=FILE: each row of the first fold (the --dev rows, there to
	 * be read when writing rules) with its class, what the loosest
	 * thresholds make of it and what the chosen ones do (bits FLAG_HATE,
	 * FLAG_ABUSE, FLAG_OTHER). */
	if (getenv("DS_DUMP")) {
		FILE *d = fopen(getenv("DS_DUMP"), "w");

		for (i = 0; d && i < nrows; i++) {
			const unsigned char *f = ROW_FLAGS(i, cv.is);

			if (rows[i].part != 1)
				continue;
			fprintf(d, "%d\t%u\t%u\t%s\n", rows[i].cls, f[0],
				(f[cv.ig * NH + cv.ih] & FLAG_HATE) |
				(f[cv.ia * NH] & (FLAG_ABUSE | FLAG_OTHER)),
				rows[i].text);
		}
		if (d)
			fclose(d);
	}
	/* DS_SCORES=FILE: each training row's class, part, out-of-fold
	 * sentence scores, chosen flags and text. */
	if (getenv("DS_SCORES")) {
		FILE *d = fopen(getenv("DS_SCORES"), "w");

		for (i = 0; d && i < nrows; i++) {
			const unsigned char *f = ROW_FLAGS(i, cv.is);

			if (rows[i].part < 1 || rows[i].part > 4)
				continue;
			fprintf(d, "%d\t%u\t%.4f\t%.4f\t%u\t%s\n", rows[i].cls,
				rows[i].part, oof[2 * i], oof[2 * i + 1],
				(f[cv.ig * NH + cv.ih] & FLAG_HATE) |
				(f[cv.ia * NH] & (FLAG_ABUSE | FLAG_OTHER)),
				rows[i].text);
		}
		if (d)
			fclose(d);
	}
	if (cv.hate < 0)
		die("no thresholds meet the targets in cross-validation");
	fprintf(stderr, "cross-validation: hate flagged hate %.3f (precision "
		"%.3f), offensive flagged %.3f, neither flagged %.3f "
		"(hate_gate %.4f, hate_min %.4f, abuse_min %.4f, hate_strong "
		"%.2f, slur_gate %.2f, hate_abusive %.2f)\n", cv.hate,
		cv.precision, cv.offensive, cv.neither, cv.gate, hmin, amin,
		cv.strong, cv.slur, cv.abusive);
	train(99);
	out = fopen(argv[2], "w");
	if (!out)
		die("cannot write the model");
	fprintf(out, "# duesearch hate and abuse model (src/classify.h), "
		"made by 'make model':\n#   model_train --model %s %s %s %s\n",
		argv[2], argv[3], argv[4], argv[5]);
	sha_line(out, argv[3]);
	sha_line(out, argv[4]);
	sha_line(out, argv[5]);
	fprintf(out, "# held out: Davidson rows whose id's FNV-1a 32-bit hash "
		"is 0 modulo 5 (never trained on);\n# thresholds chosen by "
		"4-fold cross-validation of the other rows through the "
		"taxonomy:\n#   hate flagged hate %.3f, offensive flagged "
		"%.3f, neither flagged %.3f\n", cv.hate, cv.offensive,
		cv.neither);
	fprintf(out, "version = %d\nclasses = hate offensive neither\n"
		"bits = %d\nhate_min = %.4f\nhate_gate = %.4f\n"
		"abuse_min = %.4f\n", DS_MODEL_VERSION, BITS, hmin, cv.gate,
		amin);
	if (cv.strong > 0)
		fprintf(out, "hate_strong = %.4f\n", cv.strong);
	if (cv.slur > 0)
		fprintf(out, "slur_gate = %.4f\n", cv.slur);
	if (cv.abusive > 0)
		fprintf(out, "hate_abusive = %.4f\n", cv.abusive);
	fprintf(out, "bias = %.4f %.4f %.4f\n", bias[0], bias[1], bias[2]);
	for (i = 0; i < nb; i++) {
		if (!kept_bucket(i))
			continue;
		fprintf(out, "%zu %ld %ld %ld\n", i, quant(i, 0), quant(i, 1),
			quant(i, 2));
		kept++;
	}
	if (fclose(out))
		die("cannot write the model");
	fprintf(stderr, "model: %zu of %zu buckets, hate_min %.4f, "
		"abuse_min %.4f\n", kept, nb, hmin, amin);
	ds_lexicon_free(lex);
	return 0;
}

#ifdef DS_MODEL_STUB
/* The trainer makes the model: it links a placeholder that the taxonomy
 * loads and the trainer replaces with the model being trained. */
const unsigned char ds_model_data[] = "version = " DS_MODEL_VERSION_STR
	"\nbits = 8\nhate_min = 0.5\nabuse_min = 0.5\n";
const size_t ds_model_data_len = sizeof(ds_model_data) - 1;
#endif
