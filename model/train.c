/*
 * train.c: train the hate and abuse model (src/classify.h), or print the
 * held-out rows it never sees.
 *
 *   model_train --model OUT DAVIDSON_CSV BRITISH_TSV
 *   model_train --held-out DAVIDSON_CSV
 *   model_train --dev DAVIDSON_CSV      (the validation rows)
 *
 * DAVIDSON_CSV is labeled_data.csv (Davidson et al., 2017): row id,
 * count, votes, class (0 hate speech, 1 offensive, 2 neither) and the
 * tweet.  BRITISH_TSV is "CLASS<TAB>TEXT" lines (model/british.tsv).
 *
 * The held-out fifth: a row whose id's FNV-1a 32-bit hash is 0 modulo 5
 * is never trained on; --held-out prints those rows as "CLASS<TAB>TEXT".
 * The thresholds are chosen on the rows whose hash is 1 modulo 5 by a
 * model trained without them; the model shipped is then trained on every
 * row but the held-out fifth with the same settings.
 *
 * Multinomial logistic regression over hashed features (classify.h),
 * AdaGrad, a few epochs in a fixed order: the same inputs give the same
 * file.  The settings below may be given with -D when trying others;
 * DS_DUMP=FILE in the environment writes each validation row's class and
 * scores there.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "crypto.h"
#include "lexicon.h"

#ifndef BITS
#ifndef BITS
#ifndef BITS
#ifndef BITS
#define BITS 16
#endif
#endif
#endif
#endif
#ifndef PRUNE
#define PRUNE 10
#endif
#ifndef CW
#define CW 8.0, 1.0, 2.0
#endif
#ifndef EPOCHS
#define EPOCHS 3
#endif
#ifndef RATE
#define RATE 0.05
#endif
#ifndef L2
#define L2 1e-6
#endif
#define BRITISH_WEIGHT 3.0
/* The share of each class the thresholds keep on the validation rows. */
#ifndef HATE_RECALL
#define HATE_RECALL 0.70
#endif
#ifndef ABUSE_RECALL
#define ABUSE_RECALL 0.90
#endif

struct row {
	int cls;
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

static void add_row(int cls, unsigned part, char *text)
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
		if (part != 0)
			add_row(f[5][0] - '0', part, f[6]);
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
			add_row(line[0] - '0', 5, tab + 1);
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
			double cw = class_weight[r->cls] *
				    (r->part == 5 ? BRITISH_WEIGHT : 1.0);

			if (r->part == skip || !r->nf)
				continue;
			scores(r, p);
			scale = 1.0 / sqrt((double)r->nf);
			for (k = 0; k < DS_MODEL_CLASSES; k++) {
				g[k] = (p[k] - (k == r->cls)) * cw;
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

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * The threshold that keeps `recall` of the rows of part `part` whose
 * class is in mask: the score of the row at that quantile.
 */
static double pick(unsigned part, unsigned mask, int hate_only,
		   double recall, double gate)
{
	double *v = xrealloc(NULL, nrows * sizeof(*v)), p[3], t;
	size_t i, n = 0;

	for (i = 0; i < nrows; i++) {
		if (rows[i].part != part || !(mask & (1u << rows[i].cls)))
			continue;
		scores(&rows[i], p);
		v[n++] = !hate_only ? p[0] + p[1] :
			 p[0] + p[1] >= gate ? p[0] : -1;
	}
	if (!n)
		die("no validation rows");
	qsort(v, n, sizeof(*v), cmp_double);
	t = v[(size_t)((1.0 - recall) * (double)n)];
	free(v);
	return t;
}

static void report(unsigned part, double hmin, double amin)
{
	size_t i, n[3] = { 0 }, flag_hate[3] = { 0 }, flag_any[3] = { 0 };
	double p[3];

	for (i = 0; i < nrows; i++) {
		if (rows[i].part != part)
			continue;
		scores(&rows[i], p);
		n[rows[i].cls]++;
		if (p[0] >= hmin && p[0] + p[1] >= amin)
			flag_hate[rows[i].cls]++;
		if (p[0] + p[1] >= amin)
			flag_any[rows[i].cls]++;
	}
	{
		size_t nh = 0, na = 0;

		for (i = 0; i < nrows; i++) {
			if (rows[i].part != part || rows[i].cls != 2)
				continue;
			scores(&rows[i], p);
			nh += p[0] >= hmin && p[0] + p[1] >= amin;
			na += p[0] + p[1] >= amin;
		}
		fprintf(stderr, "neither: by hate %zu, by abuse %zu\n", nh,
			na);
	}
	fprintf(stderr, "validation: hate flagged hate %.3f, offensive "
		"flagged %.3f, neither flagged %.3f (%zu/%zu/%zu rows)\n",
		(double)flag_hate[0] / (double)(n[0] ? n[0] : 1),
		(double)flag_any[1] / (double)(n[1] ? n[1] : 1),
		(double)flag_any[2] / (double)(n[2] ? n[2] : 1),
		n[0], n[1], n[2]);
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
	char *dav, *brit;
	double hmin, amin;
	size_t len, i, nb = (size_t)1 << BITS, kept = 0;
	FILE *out;

	if (argc == 3 && strcmp(argv[1], "--held-out") == 0) {
		read_davidson(slurp(argv[2], &len), 1);
		return 0;
	}
	/* --dev: the validation rows (hash 1 modulo 5), for rule-writing. */
	if (argc == 3 && strcmp(argv[1], "--dev") == 0) {
		read_davidson(slurp(argv[2], &len), 2);
		return 0;
	}
	if (argc != 5 || strcmp(argv[1], "--model") != 0)
		die("usage: model_train --model OUT DAVIDSON_CSV BRITISH_TSV "
		    "| --held-out DAVIDSON_CSV");
	dav = slurp(argv[3], &len);
	brit = slurp(argv[4], &len);
	read_davidson(dav, 0);
	read_british(brit);
	/* Thresholds from a model that never saw part 1. */
	train(1);
	amin = pick(1, 1u << 1, 0, ABUSE_RECALL, 0);
	hmin = pick(1, 1u << 0, 1, HATE_RECALL, amin);
	report(1, hmin, amin);
	if (getenv("DS_DUMP")) {
		FILE *d = fopen(getenv("DS_DUMP"), "w");
		double p[3];

		for (i = 0; d && i < nrows; i++)
			if (rows[i].part == 1) {
				scores(&rows[i], p);
				fprintf(d, "%d %f %f %f\n", rows[i].cls, p[0],
					p[1], p[2]);
			}
		if (d)
			fclose(d);
	}
	train(99);
	out = fopen(argv[2], "w");
	if (!out)
		die("cannot write the model");
	fprintf(out, "# duesearch hate and abuse model (src/classify.h), "
		"made by 'make model':\n#   model_train --model %s %s %s\n",
		argv[2], argv[3], argv[4]);
	sha_line(out, argv[3]);
	sha_line(out, argv[4]);
	fprintf(out, "# held out: Davidson rows whose id's FNV-1a 32-bit hash "
		"is 0 modulo 5 (never trained on);\n# thresholds chosen on "
		"rows whose hash is 1 modulo 5 by a model trained without "
		"them\n");
	fprintf(out, "version = 1\nclasses = hate offensive neither\n"
		"bits = %d\nhate_min = %.4f\nabuse_min = %.4f\n"
		"bias = %.4f %.4f %.4f\n", BITS, hmin, amin, bias[0], bias[1],
		bias[2]);
	for (i = 0; i < nb; i++) {
		long q[3];
		int k, any = 0;

		for (k = 0; k < 3; k++) {
			q[k] = lround(w[i * 3 + k] * 10000.0);
			any |= labs(q[k]) >= PRUNE;
		}
		if (!any)
			continue;
		fprintf(out, "%zu %ld %ld %ld\n", i, q[0], q[1], q[2]);
		kept++;
	}
	if (fclose(out))
		die("cannot write the model");
	fprintf(stderr, "model: %zu of %zu buckets, hate_min %.4f, "
		"abuse_min %.4f\n", kept, nb, hmin, amin);
	return 0;
}

#ifdef DS_MODEL_STUB
/* The trainer makes the model: it links no built-in one. */
const unsigned char ds_model_data[] = "";
const size_t ds_model_data_len = 0;
#endif
