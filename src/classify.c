/*
 * classify.c: the hate and abuse model's features, scoring and file
 * format (see classify.h).
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "mem.h"

#define WORD_NGRAM_MAX 24       /* longer words give no character n-grams */

/* FNV-1a, 32 bits, over a feature's name. */
static uint32_t fnv(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/* Emit the feature "name" (n bytes). */
static void emit(const char *name, size_t n, unsigned bits,
		 void (*fn)(void *, uint32_t, const char *, size_t),
		 void *user)
{
	uint32_t mask = bits >= 32 ? 0xffffffffu : (1u << bits) - 1;

	fn(user, fnv(name, n) & mask, name, n);
}

size_t ds_model_features(const char *const *words, size_t n, unsigned bits,
			 void (*fn)(void *user, uint32_t bucket,
				    const char *name, size_t nlen),
			 void *user)
{
	char f[DS_MODEL_FEAT_MAX];
	size_t i, count = 0;

	for (i = 0; i < n; i++) {
		size_t wl = strlen(words[i]), k, g;

		if (!wl || wl + 4 > sizeof(f))
			continue;
		/* The word. */
		f[0] = 'w';
		f[1] = ':';
		memcpy(f + 2, words[i], wl);
		emit(f, wl + 2, bits, fn, user);
		count++;
		/* The pair it starts. */
		if (i + 1 < n) {
			size_t nl = strlen(words[i + 1]);

			if (nl && wl + nl + 3 <= sizeof(f)) {
				f[0] = 'b';
				f[wl + 2] = ' ';
				memcpy(f + wl + 3, words[i + 1], nl);
				emit(f, wl + nl + 3, bits, fn, user);
				count++;
			}
		}
		/* Character 3- to 5-grams of " word ". */
		if (wl > WORD_NGRAM_MAX)
			continue;
		{
			char pad[WORD_NGRAM_MAX + 3];

			pad[0] = ' ';
			memcpy(pad + 1, words[i], wl);
			pad[wl + 1] = ' ';
			for (g = 3; g <= 5; g++)
				for (k = 0; k + g <= wl + 2; k++) {
					f[0] = 'c';
					f[1] = ':';
					memcpy(f + 2, pad + k, g);
					emit(f, g + 2, bits, fn, user);
					count++;
				}
		}
	}
	return count;
}

struct scoring {
	const struct ds_model *m;
	double z[DS_MODEL_CLASSES];
	int explain, towards;   /* the class explained */
	struct ds_model_feat *top;
	int *ntop;
};

static void add_feature(void *user, uint32_t b, const char *name,
			size_t nlen)
{
	struct scoring *s = user;
	const float *w = s->m->w + (size_t)b * DS_MODEL_CLASSES;
	double c;
	int k, j;

	for (k = 0; k < DS_MODEL_CLASSES; k++)
		s->z[k] += w[k];
	if (!s->explain)
		return;
	/* Its pull towards the class explained, against "neither". */
	c = (double)w[s->towards] - (double)w[DS_MODEL_NEITHER];
	if (c <= 0)
		return;
	for (k = 0; k < *s->ntop; k++)
		if (strlen(s->top[k].name) == nlen - 2 &&
		    memcmp(s->top[k].name, name + 2, nlen - 2) == 0) {
			s->top[k].contrib += c;
			return;
		}
	for (k = 0; k < *s->ntop && s->top[k].contrib >= c; k++)
		;
	if (k >= DS_MODEL_TOP)
		return;
	if (*s->ntop < DS_MODEL_TOP)
		(*s->ntop)++;
	for (j = *s->ntop - 1; j > k; j--)
		s->top[j] = s->top[j - 1];
	/* The name without its "w:" kind; a character n-gram keeps its
	 * word boundaries as '_'. */
	snprintf(s->top[k].name, sizeof(s->top[k].name), "%.*s",
		 (int)(nlen - 2), name + 2);
	for (j = 0; s->top[k].name[j]; j++)
		if (name[0] == 'c' && s->top[k].name[j] == ' ')
			s->top[k].name[j] = '_';
	s->top[k].contrib = c;
}

/* Softmax of z into p. */
static void softmax(const double *z, double *p)
{
	double mx = z[0], sum = 0;
	int k;

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

void ds_model_score(const struct ds_model *m, const char *const *words,
		    size_t n, int explain, struct ds_model_score *s)
{
	struct scoring sc;
	size_t nf;
	double scale;
	int k, pass;

	memset(s, 0, sizeof(*s));
	/* Explaining needs the class first: score, then walk again. */
	for (pass = 0; pass < (explain ? 2 : 1); pass++) {
		memset(&sc, 0, sizeof(sc));
		sc.m = m;
		sc.explain = pass == 1;
		sc.towards = s->p[DS_MODEL_HATE] >= s->p[DS_MODEL_OFFENSIVE] ?
			     DS_MODEL_HATE : DS_MODEL_OFFENSIVE;
		sc.top = s->top;
		sc.ntop = &s->ntop;
		s->ntop = 0;
		nf = ds_model_features(words, n, m->bits, add_feature, &sc);
		scale = nf ? 1.0 / sqrt((double)nf) : 0;
		for (k = 0; k < DS_MODEL_CLASSES; k++)
			sc.z[k] = m->bias[k] + sc.z[k] * scale;
		if (pass == 0)
			softmax(sc.z, s->p);
	}
	for (k = 0; k < s->ntop; k++)
		s->top[k].contrib *= scale;
}

void ds_model_free(struct ds_model *m)
{
	if (!m)
		return;
	ds_free(m->w);
	ds_free(m);
}

/* Parse "key = value" into m; 0, or -1 for an unknown key or bad value. */
static int model_key(struct ds_model *m, const char *line)
{
	char key[32];
	const char *v;
	char *end;
	size_t kl;

	v = strchr(line, '=');
	if (!v)
		return -1;
	kl = (size_t)(v - line);
	while (kl && line[kl - 1] == ' ')
		kl--;
	if (kl >= sizeof(key))
		return -1;
	memcpy(key, line, kl);
	key[kl] = '\0';
	v++;
	while (*v == ' ')
		v++;
	if (strcmp(key, "version") == 0) {
		snprintf(m->version, sizeof(m->version), "%s", v);
		return strcmp(v, DS_MODEL_VERSION_STR) == 0 ? 0 : -3;
	}
	if (strcmp(key, "bits") == 0) {
		long b = strtol(v, &end, 10);

		if (*end || b < 8 || b > DS_MODEL_MAX_BITS || m->w)
			return -1;
		m->bits = (unsigned)b;
		m->w = ds_calloc((size_t)1 << b,
				 DS_MODEL_CLASSES * sizeof(*m->w));
		return m->w ? 0 : -2;
	}
	if (strcmp(key, "hate_min") == 0 || strcmp(key, "abuse_min") == 0 ||
	    strcmp(key, "hate_gate") == 0 || strcmp(key, "hate_strong") == 0 ||
	    strcmp(key, "slur_gate") == 0 ||
	    strcmp(key, "hate_abusive") == 0) {
		double d = strtod(v, &end);

		if (*end || !(d > 0 && d < 1))
			return -1;
		if (key[0] == 'a')
			m->abuse_min = d;
		else if (key[0] == 's')
			m->slur_gate = d;
		else if (key[5] == 'g')
			m->hate_gate = d;
		else if (key[5] == 's')
			m->hate_strong = d;
		else if (key[5] == 'a')
			m->hate_abusive = d;
		else
			m->hate_min = d;
		return 0;
	}
	if (strcmp(key, "bias") == 0) {
		int k;

		for (k = 0; k < DS_MODEL_CLASSES; k++) {
			m->bias[k] = strtof(v, &end);
			if (end == v)
				return -1;
			v = end;
		}
		return *v ? -1 : 0;
	}
	/* Other keys (classes, held_out) are for people. */
	return 0;
}

int ds_model_parse(struct ds_model **out, const char *text, size_t len,
		   const char *name, struct ds_err *err)
{
	struct ds_model *m;
	size_t pos = 0, lineno = 0;
	int rc = 0;

	*out = NULL;
	m = ds_calloc(1, sizeof(*m));
	if (!m)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	while (pos < len && !rc) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - text - pos) : len - pos;
		char line[256];

		lineno++;
		if (ll >= sizeof(line)) {
			rc = -1;
			break;
		}
		memcpy(line, text + pos, ll);
		line[ll] = '\0';
		pos += ll + 1;
		if (!line[0] || line[0] == '#')
			continue;
		if (line[0] >= '0' && line[0] <= '9') {
			char *p = line, *end;
			unsigned long b = strtoul(p, &end, 10);
			int k;

			if (!m->w || end == p || b >> m->bits) {
				rc = -1;
				break;
			}
			p = end;
			for (k = 0; k < DS_MODEL_CLASSES && !rc; k++) {
				long v = strtol(p, &end, 10);

				if (end == p)
					rc = -1;
				m->w[b * DS_MODEL_CLASSES + (size_t)k] =
					(float)v / 10000.0f;
				p = end;
			}
			if (*p)
				rc = -1;
			continue;
		}
		rc = model_key(m, line);
	}
	if (rc == -2) {
		ds_model_free(m);
		return ds_err_set(err, DS_ENOMEM, "out of memory reading %s",
				  name);
	}
	if (rc == -3) {
		ds_model_free(m);
		return ds_err_set(err, DS_EDATA, "%s:%zu: model version is not "
				  "%s: rebuild it with 'make model'", name,
				  lineno, DS_MODEL_VERSION_STR);
	}
	if (rc) {
		ds_model_free(m);
		return ds_err_set(err, DS_EDATA, "%s:%zu: not a model line: "
				  "rebuild it with 'make model'", name, lineno);
	}
	if (!m->w || !m->hate_min || !m->abuse_min || !m->version[0]) {
		ds_model_free(m);
		return ds_err_set(err, DS_EDATA, "%s: version, bits, hate_min "
				  "or abuse_min missing: rebuild it with "
				  "'make model'", name);
	}
	if (!m->hate_gate)
		m->hate_gate = m->abuse_min;
	*out = m;
	return 0;
}

static pthread_mutex_t builtin_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ds_model *builtin;

int ds_model_builtin(const struct ds_model **out, struct ds_err *err)
{
	int rc = 0;

	/* Parsed once; a failure (out of memory) is tried again next time. */
	pthread_mutex_lock(&builtin_lock);
	if (!builtin)
		rc = ds_model_parse(&builtin, (const char *)ds_model_data,
				    ds_model_data_len, "built-in model", err);
	*out = builtin;
	pthread_mutex_unlock(&builtin_lock);
	return rc;
}
