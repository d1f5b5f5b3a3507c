/*
 * test_lexicon.c: word folding, stems, sentences, per-sentence categories
 * (targets, exact terms, excludes, the two-sentence window) and the
 * classifier's file format and scoring, on a tiny model made here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "classify.h"
#include "lexicon.h"
#include "triage.h"

static const char *fold(const char *in)
{
	static char out[DS_WORD_MAX];

	ds_lex_fold_word(in, strlen(in), out, sizeof(out));
	return out;
}

static void test_fold(void)
{
	CHECK_STR(fold("F*CK"), "fuck");
	CHECK_STR(fold("f***"), "fuck");
	CHECK_STR(fold("sh!t"), "shit");
	CHECK_STR(fold("b1tch"), "bitch");
	CHECK_STR(fold("$hit"), "shit");
	CHECK_STR(fold("fuuuuuck"), "fuck");
	CHECK_STR(fold("sh*tty"), "shitty");
	/* A slur's plural in -ies, and British insults, starred. */
	CHECK_STR(fold("Tr*nnies"), "trannies");
	CHECK_STR(fold("p*edos"), "paedos");
	CHECK_STR(fold("t*sser"), "tosser");
	CHECK_STR(fold("sooo"), "so");
	CHECK_STR(fold("XXX"), "xxx");
	CHECK_STR(fold("Caf\xc3\xa9"), "cafe");
	CHECK_STR(fold("don't"), "dont");
	CHECK_STR(fold("Smith's"), "smith");
	CHECK_STR(fold("Stra\xc3\x9f" "e"), "strasse");
	/* Digits and symbols stay what they are unless they hide a word. */
	CHECK_STR(fold("3rd"), "3rd");
	CHECK_STR(fold("year10"), "year10");
	CHECK_STR(fold("b00k"), "b00k");
	CHECK_STR(fold("hello!"), "hello");
	CHECK_STR(fold("@someone"), "someone");
	CHECK_STR(fold("1488"), "1488");
	CHECK_STR(fold("***"), "");
	/* Other scripts are kept as they are. */
	CHECK_STR(fold("\xce\xb1\xce\xb2\xce\xb3"), "\xce\xb1\xce\xb2\xce\xb3");
}

static void test_tokens(void)
{
	const char *t = "He stabbed them. She ran!\nThen f u c k off, "
			"you sh-t. See e.g. the co-op";
	struct ds_tokens tk;
	size_t i;
	int found_joined = 0, found_hyphen = 0, coop = 0;

	REQUIRE(ds_tokens_make(&tk, t, strlen(t), 1) == 0);
	REQUIRE(tk.n > 6);
	CHECK_STR(ds_token_word(&tk, 1), "stabbed");
	CHECK_STR(ds_token_stem(&tk, 1), "stab");
	CHECK_INT(tk.v[0].sent, 0);
	CHECK_INT(tk.v[3].sent, 1);    /* "She" */
	for (i = 0; i < tk.n; i++) {
		const char *w = ds_token_word(&tk, i);

		/* Offsets point into the original text. */
		CHECK(tk.v[i].end > tk.v[i].start && tk.v[i].end <= strlen(t));
		if (strcmp(w, "fuck") == 0) {
			found_joined = 1;
			CHECK(strncmp(t + tk.v[i].start, "f u c k", 7) == 0);
			CHECK_INT(tk.v[i].sent, 2);
		}
		if (strcmp(w, "shit") == 0)
			found_hyphen = 1;
		if (strcmp(w, "co") == 0 || strcmp(w, "op") == 0)
			coop++;
	}
	CHECK(found_joined);
	CHECK(found_hyphen);
	CHECK_INT(coop, 2);     /* an ordinary hyphen stays */
	CHECK(tk.nsent >= 4);
	ds_tokens_release(&tk);

	/* Emoji side by side, or stuck to a word, are words of their own. */
	t = "a cake\xf0\x9f\x90\x98\xf0\x9f\x98\x82!";
	REQUIRE(ds_tokens_make(&tk, t, strlen(t), 1) == 0);
	CHECK_INT(tk.n, 4);
	if (tk.n == 4) {
		CHECK_STR(ds_token_word(&tk, 1), "cake");
		CHECK_STR(ds_token_word(&tk, 2), "\xf0\x9f\x90\x98");
	}
	ds_tokens_release(&tk);

	REQUIRE(ds_tokens_make(&tk, "", 0, 1) == 0);
	CHECK_INT(tk.n, 0);
	CHECK_INT(tk.nsent, 0);
	ds_tokens_release(&tk);
}

static const char tax[] =
	"[violence]\n"
	"threshold = 1\n"
	"terms = stabbed, \"punched\"\n"
	"exclude = a stab at\n"
	"[hate]\n"
	"threshold = 2\n"
	"need_target = yes\n"
	"terms = plague, vermin:2\n"
	"targets = travellers\n"
	"[kids]\n"
	"threshold = 2\n"
	"terms = on snapchat, secret\n"
	"targets = pupils\n"
	"[protected]\n"
	"terms = travellers\n";

static unsigned cats_of(const struct ds_lexicon *lx, const char *text)
{
	struct ds_verdict v;
	struct ds_err err;

	ds_err_init(&err);
	if (ds_lexicon_text(lx, text, strlen(text), &v, &err) != 0)
		return 0xffffffffu;
	return v.cats;
}

static void test_rules(void)
{
	struct ds_lexicon *lx;
	struct ds_verdict v;
	struct ds_err err;
	const char *t;

	ds_err_init(&err);
	REQUIRE(ds_lexicon_parse(&lx, tax, strlen(tax), "t", &err) == 0);
	/* Stems: one term finds its other forms. */
	CHECK_INT(cats_of(lx, "He was stabbing people"), 1);
	CHECK_INT(cats_of(lx, "She stabs"), 1);
	/* An exclude phrase; a quoted term is that word only. */
	CHECK_INT(cats_of(lx, "I had a stab at baking"), 0);
	CHECK_INT(cats_of(lx, "He punched him"), 1);
	CHECK_INT(cats_of(lx, "the punch line"), 0);
	/* A group named alone is nothing; an attack on it is hate. */
	CHECK_INT(cats_of(lx, "Travellers have lived here for years"), 0);
	CHECK_INT(cats_of(lx, "Travellers are a plague"), 2);
	CHECK_INT(cats_of(lx, "A plague of flies"), 0);
	CHECK_INT(cats_of(lx, "They are vermin"), 2);
	/* The window is a sentence and the next, never further. */
	CHECK_INT(cats_of(lx, "The travellers arrived. They are a plague."), 2);
	CHECK_INT(cats_of(lx, "Travellers arrived.\nNice weather.\nA plague."),
		  0);
	/* Targets never add up to a category by themselves. */
	CHECK_INT(cats_of(lx, "pupils and travellers"), 0);
	CHECK_INT(cats_of(lx, "She added pupils on Snapchat"), 4);
	CHECK_INT(cats_of(lx, "Add us on Snapchat"), 0);
	CHECK_INT(cats_of(lx, "on snapchat, keep it secret"), 4);
	/* Terms in other scripts match too. */
	{
		static const char t2[] =
			"[x]\nterms = \xd1\x83\xd0\xb1\xd1\x8c\xd1\x8e\n";
		struct ds_lexicon *l2;

		REQUIRE(ds_lexicon_parse(&l2, t2, strlen(t2), "t", &err) == 0);
		CHECK_INT(cats_of(l2, "\xd1\x8f \xd1\x83\xd0\xb1\xd1\x8c"
				  "\xd1\x8e."), 1);
		CHECK_INT(cats_of(l2, "\xd1\x8f \xd1\x83\xd0\xb1"), 0);
		ds_lexicon_free(l2);
	}

	/* Why: the terms, and where the first hit is. */
	t = "Honestly, travellers are a plague on us";
	REQUIRE(ds_lexicon_sentence(lx, t, strlen(t), &v, &err) == 0);
	CHECK_INT(v.cats, 2);
	CHECK(strstr(v.why[1].terms, "plague") != NULL);
	CHECK(strstr(v.why[1].terms, "travellers") != NULL);
	CHECK_INT(v.why[1].weight, 2);
	CHECK(v.why[1].score < 0);
	CHECK(strncmp(t + v.why[1].start, "plague", 6) == 0);
	CHECK_INT(v.why[1].end - v.why[1].start, 6);
	/* The sentence function: the whole text is one window. */
	t = "Travellers arrived.\nNice weather.\nA plague.";
	REQUIRE(ds_lexicon_sentence(lx, t, strlen(t), &v, &err) == 0);
	CHECK_INT(v.cats, 2);
	ds_lexicon_free(lx);
}

/* A hostile text: one endless "sentence" of terms costs linear time and
 * is cut into bounded sentences. */
static void test_long_text(void)
{
	static const char word[] = "stab plague vermin on snapchat ";
	size_t n = 200000 / (sizeof(word) - 1), i, len = 0;
	char *t = malloc(n * (sizeof(word) - 1) + 1);
	struct ds_lexicon *lx;
	struct ds_tokens tk;
	struct ds_err err;

	REQUIRE(t != NULL);
	for (i = 0; i < n; i++) {
		memcpy(t + len, word, sizeof(word) - 1);
		len += sizeof(word) - 1;
	}
	t[len] = '\0';
	REQUIRE(ds_tokens_make(&tk, t, len, 1) == 0);
	CHECK_INT(tk.n, n * 5);
	CHECK_INT(tk.nsent, (n * 5 + DS_SENTENCE_MAX_WORDS - 1) /
		  DS_SENTENCE_MAX_WORDS);
	ds_tokens_release(&tk);
	ds_err_init(&err);
	REQUIRE(ds_lexicon_parse(&lx, tax, strlen(tax), "t", &err) == 0);
	CHECK_INT(cats_of(lx, t), 1 | 2);      /* kids needs pupils */
	ds_lexicon_free(lx);
	free(t);
}

static void test_parse_errors(void)
{
	struct ds_lexicon *lx = NULL;
	struct ds_err err;
	const char *bad[] = {
		"[a]\nthreshold = 0\nterms = x\n",
		"[a]\nmodel = angry\nterms = x\n",
		"[a]\nmodel_min = 1.5\nterms = x\n",
		"[a]\nneed_target = maybe\nterms = x\n",
		"[a]\nbeside_min = 0\nterms = x\n",
		"[a]\nbeside_min = two\nterms = x\n",
		"[a]\ntitle = no terms\n",
		NULL
	};
	int i;

	for (i = 0; bad[i]; i++) {
		ds_err_init(&err);
		CHECK_INT(ds_lexicon_parse(&lx, bad[i], strlen(bad[i]), "t",
					   &err), DS_ECONFIG);
		CHECK(lx == NULL);
		CHECK(strstr(err.msg, "t") != NULL);
	}
}

/* The bucket of the word feature "w:WORD" in a model of `bits`. */
struct first {
	uint32_t bucket;
	int set;
};

static void first_feature(void *user, uint32_t b, const char *name,
			  size_t nlen)
{
	struct first *f = user;

	(void)name;
	(void)nlen;
	if (!f->set) {
		f->bucket = b;
		f->set = 1;
	}
}

static uint32_t bucket_of(const char *word, unsigned bits)
{
	struct first f = { 0, 0 };
	const char *w[1];

	w[0] = word;
	ds_model_features(w, 1, bits, first_feature, &f);
	return f.bucket;
}

/* A tiny model: the word "nasty" pulls hard towards offensive. */
static struct ds_model *tiny(void)
{
	struct ds_model *m = NULL;
	struct ds_err err;
	char text[512];

	snprintf(text, sizeof(text),
		 "# a model made by the test\nversion = %s\nbits = 8\n"
		 "hate_min = 0.5\nabuse_min = 0.7\nbias = 0 0 0\n"
		 "%u -20000 60000 -40000\n", DS_MODEL_VERSION_STR,
		 (unsigned)bucket_of("nasty", 8));
	ds_err_init(&err);
	if (ds_model_parse(&m, text, strlen(text), "tiny", &err) != 0)
		return NULL;
	return m;
}

static void test_model(void)
{
	struct ds_model *m = tiny();
	struct ds_model_score s;
	const char *nasty[] = { "you", "nasty", "thing" };
	const char *nice[] = { "zzqx" };
	int k;

	REQUIRE(m != NULL);
	CHECK_INT(m->bits, 8);
	CHECK_STR(m->version, DS_MODEL_VERSION_STR);
	/* Hate's gate is abuse_min when the file gives none. */
	CHECK(m->hate_gate > 0.69 && m->hate_gate < 0.71);
	ds_model_score(m, nasty, 3, 1, &s);
	CHECK(s.p[DS_MODEL_OFFENSIVE] > 0.6);
	CHECK(s.p[0] + s.p[1] + s.p[2] > 0.999 &&
	      s.p[0] + s.p[1] + s.p[2] < 1.001);
	REQUIRE(s.ntop >= 1);
	CHECK_STR(s.top[0].name, "nasty");
	CHECK(s.top[0].contrib > 0);
	/* With no weights, every class is as likely. */
	ds_model_score(m, nice, 1, 0, &s);
	for (k = 0; k < DS_MODEL_CLASSES; k++)
		CHECK(s.p[k] > 0.33 && s.p[k] < 0.34);
	ds_model_score(m, nice, 0, 0, &s);
	CHECK(s.p[0] > 0.33 && s.p[0] < 0.34);
	ds_model_free(m);
}

static void test_model_errors(void)
{
#define V "version = " DS_MODEL_VERSION_STR "\n"
	const char *bad[] = {
		V "bits = 8\nhate_min = 0.5\n",         /* no abuse_min */
		V "bits = 99\nhate_min = 0.5\nabuse_min = 0.5\n",
		V "bits = 8\nhate_min = 0.5\nabuse_min = 0.5\n300 1 2 3\n",
		V "bits = 8\nhate_min = 0.5\nabuse_min = 0.5\n3 1 2\n",
		V "hate_min = 0.5\nabuse_min = 0.5\n3 1 2 3\n",
		V "bits = 8\nhate_min = 2\nabuse_min = 0.5\n",
		V "bits = 8\nhate_min = 0.5\nhate_gate = 0\n"
		"abuse_min = 0.5\n",
		V "bits = 8\nhate_min = 0.5\nabuse_min = 0.5\n"
		"hate_strong = 1.5\n",
		V "bits = 8\nhate_min = 0.5\nabuse_min = 0.5\n"
		"slur_gate = x\n",
		V "bits = 8\nhate_min = 0.5\nabuse_min = 0.5\n"
		"hate_abusive = 1\n",
		/* no version, or another one (other features) */
		"bits = 8\nhate_min = 0.5\nabuse_min = 0.5\n",
		"version = 0\nbits = 8\nhate_min = 0.5\nabuse_min = 0.5\n",
		"version = 1x\nbits = 8\nhate_min = 0.5\nabuse_min = 0.5\n",
		NULL
	};
#undef V
	struct ds_model *m;
	struct ds_err err;
	int i;

	for (i = 0; bad[i]; i++) {
		m = NULL;
		ds_err_init(&err);
		CHECK_INT(ds_model_parse(&m, bad[i], strlen(bad[i]), "bad",
					 &err), DS_EDATA);
		CHECK(m == NULL);
		CHECK(strstr(err.msg, "make model") != NULL);
	}
}

/* The model weighs as one term: never a category alone. */
static void test_model_in_lexicon(void)
{
	static const char t[] =
		"[abuse]\nthreshold = 2\nmodel = abuse\nterms = idiot\n";
	struct ds_model *m = tiny();
	struct ds_lexicon *lx;
	struct ds_verdict v;
	struct ds_err err;
	const char *s = "you nasty idiot";

	REQUIRE(m != NULL);
	ds_err_init(&err);
	REQUIRE(ds_lexicon_parse(&lx, t, strlen(t), "t", &err) == 0);
	ds_lexicon_set_model(lx, m);
	CHECK_INT(cats_of(lx, "you idiot"), 0);
	CHECK_INT(cats_of(lx, "you nasty thing"), 0);
	REQUIRE(ds_lexicon_sentence(lx, s, strlen(s), &v, &err) == 0);
	CHECK_INT(v.cats, 1);
	CHECK(v.why[0].score > 0.6);
	CHECK_STR(v.why[0].terms, "idiot");
	CHECK(v.why[0].ntop >= 1);
	ds_lexicon_set_model(lx, NULL);
	CHECK_INT(cats_of(lx, s), 0);
	ds_lexicon_free(lx);
	ds_model_free(m);
}

/* Hate needs P(hate) >= hate_min and P(hate) + P(offensive) >= hate_gate;
 * abuse keeps abuse_min. */
static void test_model_hate_gate(void)
{
	static const char t[] =
		"[hate]\nthreshold = 2\nmodel = hate\nterms = vile\n"
		"[abuse]\nthreshold = 2\nmodel = abuse\nterms = vile\n";
	const char *words[] = { "grim", "and", "vile" };
	struct ds_model_score sc;
	struct ds_model *m = NULL;
	struct ds_lexicon *lx;
	struct ds_err err;
	char text[512];
	double both;

	/* "grim" pulls towards hate and offensive alike. */
	snprintf(text, sizeof(text), "version = %s\nbits = 8\n"
		 "hate_min = 0.3\nhate_gate = 0.8\nabuse_min = 0.9\n"
		 "bias = 0 0 0\n%u 60000 60000 -60000\n",
		 DS_MODEL_VERSION_STR, (unsigned)bucket_of("grim", 8));
	ds_err_init(&err);
	REQUIRE(ds_model_parse(&m, text, strlen(text), "gate", &err) == 0);
	CHECK(m->hate_gate > 0.79 && m->hate_gate < 0.81);
	ds_model_score(m, words, 3, 0, &sc);
	both = sc.p[DS_MODEL_HATE] + sc.p[DS_MODEL_OFFENSIVE];
	REQUIRE(sc.p[DS_MODEL_HATE] > 0.3 && both > 0.6 && both < 0.95);
	REQUIRE(ds_lexicon_parse(&lx, t, strlen(t), "t", &err) == 0);
	ds_lexicon_set_model(lx, m);
	/* Past hate's gate, short of abuse's: hate alone. */
	m->hate_gate = both - 0.05;
	m->abuse_min = both + 0.05;
	CHECK_INT(cats_of(lx, "grim and vile"), 1);
	m->hate_gate = both + 0.05;
	CHECK_INT(cats_of(lx, "grim and vile"), 0);
	m->hate_gate = m->abuse_min = both - 0.05;
	CHECK_INT(cats_of(lx, "grim and vile"), 3);
	m->hate_min = sc.p[DS_MODEL_HATE] + 0.01;
	CHECK_INT(cats_of(lx, "grim and vile"), 2);
	ds_lexicon_free(lx);
	ds_model_free(m);
}

/* A model where "grim" pulls towards hate (not offensive), loaded with
 * the optional hate_strong and slur_gate. */
static struct ds_model *grim_model(double *p_hate, double *both)
{
	const char *words[] = { "they", "are", "grim", "and", "vile" };
	struct ds_model_score sc;
	struct ds_model *m = NULL;
	struct ds_err err;
	char text[512];

	snprintf(text, sizeof(text), "version = %s\nbits = 8\n"
		 "hate_min = 0.3\nhate_gate = 0.99\nabuse_min = 0.99\n"
		 "hate_strong = 0.98\nslur_gate = 0.98\n"
		 "bias = 0 0 0\n%u 60000 0 -60000\n",
		 DS_MODEL_VERSION_STR, (unsigned)bucket_of("grim", 8));
	ds_err_init(&err);
	if (ds_model_parse(&m, text, strlen(text), "grim", &err) != 0)
		return NULL;
	ds_model_score(m, words, 5, 0, &sc);
	*p_hate = sc.p[DS_MODEL_HATE];
	*both = sc.p[DS_MODEL_HATE] + sc.p[DS_MODEL_OFFENSIVE];
	return m;
}

/*
 * A strong judgement of hate (P(hate) >= hate_strong) beside an attack
 * (a term) aimed at people ("they", a `people` word) is hate though no
 * group is named; not without the attack, the people word or the
 * strength.
 */
static void test_model_strong_people(void)
{
	static const char t[] =
		"[hate]\nthreshold = 2\nneed_target = yes\nmodel = hate\n"
		"terms = vile\ntargets = blorks\npeople = they, you lot\n";
	struct ds_model *m;
	struct ds_lexicon *lx;
	struct ds_err err;
	double ph, both;

	m = grim_model(&ph, &both);
	REQUIRE(m != NULL);
	CHECK(m->hate_strong > 0.97 && m->slur_gate > 0.97);
	REQUIRE(ph > 0.5 && both < 0.99);
	ds_err_init(&err);
	REQUIRE(ds_lexicon_parse(&lx, t, strlen(t), "t", &err) == 0);
	ds_lexicon_set_model(lx, m);
	m->hate_strong = ph - 0.05;
	CHECK_INT(cats_of(lx, "they are grim and vile"), 1);
	CHECK_INT(cats_of(lx, "you lot are grim and vile"), 1);
	CHECK_INT(cats_of(lx, "she is grim and vile"), 0);
	CHECK_INT(cats_of(lx, "they are grim and sad"), 0);
	m->hate_strong = ph + 0.01;
	CHECK_INT(cats_of(lx, "they are grim and vile"), 0);
	/* A group named still works through the gate, as before. */
	m->hate_gate = both - 0.01;
	CHECK_INT(cats_of(lx, "blorks are grim and vile"), 1);
	ds_lexicon_free(lx);
	ds_model_free(m);
}

/*
 * A target written "fag:2" (a slur that is also an ordinary word) makes
 * hate beside the model's judgement past slur_gate, below hate's gate; a
 * plain target still needs the gate; an exclude phrase keeps the word
 * innocent.
 */
static void test_model_slur_gate(void)
{
	static const char t[] =
		"[hate]\nthreshold = 2\nneed_target = yes\nmodel = hate\n"
		"terms = vile\ntargets = blorks, zogs:2\n"
		"exclude = zogs and chips\n";
	struct ds_model *m;
	struct ds_lexicon *lx;
	struct ds_err err;
	double ph, both;

	const char *words[] = { "they", "are", "grim", "zogs" };
	struct ds_model_score sc;

	m = grim_model(&ph, &both);
	REQUIRE(m != NULL);
	/* The same score for "blorks": both are unknown to the model. */
	ds_model_score(m, words, 4, 0, &sc);
	both = sc.p[DS_MODEL_HATE] + sc.p[DS_MODEL_OFFENSIVE];
	REQUIRE(sc.p[DS_MODEL_HATE] > 0.3 && both < 0.99);
	ds_err_init(&err);
	REQUIRE(ds_lexicon_parse(&lx, t, strlen(t), "t", &err) == 0);
	ds_lexicon_set_model(lx, m);
	m->hate_strong = 0;
	m->hate_gate = both + 0.005;
	m->slur_gate = both - 0.05;
	CHECK_INT(cats_of(lx, "they are grim zogs"), 1);
	CHECK_INT(cats_of(lx, "they are grim blorks"), 0);
	/* The same lengths, the same score: only the exclude differs. */
	CHECK_INT(cats_of(lx, "grim zogs and chops"), 1);
	CHECK_INT(cats_of(lx, "grim zogs and chips"), 0);
	m->slur_gate = 0;
	CHECK_INT(cats_of(lx, "they are grim zogs"), 0);
	ds_lexicon_free(lx);
	ds_model_free(m);
}

/*
 * hate_abusive: a post the rules find abusive, which the model judges
 * hate at hate_abusive or more, is hate with no group named; not when
 * nothing abusive is written, below the threshold, or with the path off.
 * Its reasons are the abusive words and the model's score.
 */
static void test_model_abusive(void)
{
	static const char t[] =
		"[hate]\nthreshold = 2\nneed_target = yes\nmodel = hate\n"
		"terms = vile\ntargets = blorks\n"
		"[abuse]\nthreshold = 2\nmodel = abuse\nterms = scumbag:2\n";
	const char *words[] = { "grim", "scumbag" };
	struct ds_model_score sc;
	struct ds_model *m;
	struct ds_lexicon *lx;
	struct ds_verdict v;
	struct ds_err err;
	const char *s = "grim scumbag";
	double ph, both;

	m = grim_model(&ph, &both);
	REQUIRE(m != NULL);
	CHECK(m->hate_abusive == 0);
	ds_model_score(m, words, 2, 0, &sc);
	ph = sc.p[DS_MODEL_HATE];
	REQUIRE(ph > 0.5);
	ds_err_init(&err);
	REQUIRE(ds_lexicon_parse(&lx, t, strlen(t), "t", &err) == 0);
	ds_lexicon_set_model(lx, m);
	m->hate_strong = m->slur_gate = 0;
	/* Off: abuse only. */
	CHECK_INT(cats_of(lx, s), 2);
	m->hate_abusive = ph - 0.05;
	REQUIRE(ds_lexicon_text(lx, s, strlen(s), &v, &err) == 0);
	CHECK_INT(v.cats, 3);
	CHECK_STR(v.why[0].terms, "scumbag, no group named");
	CHECK(v.why[0].score > ph - 0.01 && v.why[0].score < ph + 0.01);
	CHECK(v.why[0].ntop >= 1 && strcmp(v.why[0].top[0].name, "grim") == 0);
	/* The model's judgement of hate, with nothing abusive written. */
	CHECK_INT(cats_of(lx, "grim and sad"), 0);
	/* Abusive, not judged hate: "sad" pulls nowhere. */
	CHECK_INT(cats_of(lx, "sad scumbag"), 2);
	m->hate_abusive = ph + 0.01;
	CHECK_INT(cats_of(lx, s), 2);
	ds_lexicon_free(lx);
	/* A beside word of abuse with no target beside it is no abusive
	 * word of the window. */
	{
		static const char t2[] =
			"[hate]\nthreshold = 2\nneed_target = yes\n"
			"model = hate\nterms = vile\ntargets = blorks\n"
			"[abuse]\nthreshold = 2\nmodel = abuse\n"
			"terms = scumbag:2\ntargets = zorks\nbeside = grim\n";

		REQUIRE(ds_lexicon_parse(&lx, t2, strlen(t2), "t", &err) == 0);
		ds_lexicon_set_model(lx, m);
		m->hate_abusive = ph - 0.05;
		REQUIRE(ds_lexicon_text(lx, s, strlen(s), &v, &err) == 0);
		CHECK_INT(v.cats, 3);
		CHECK_STR(v.why[0].terms, "scumbag, no group named");
		ds_lexicon_free(lx);
	}
	ds_model_free(m);
}

static void test_builtin(void)
{
	const struct ds_model *m, *m2;
	struct ds_err err;

	ds_err_init(&err);
	REQUIRE(ds_model_builtin(&m, &err) == 0);
	REQUIRE(ds_model_builtin(&m2, &err) == 0);
	CHECK(m == m2);
	CHECK(m->bits >= 8 && m->bits <= DS_MODEL_MAX_BITS);
	CHECK(m->hate_min > 0 && m->hate_min < 1);
	CHECK(m->abuse_min > 0 && m->abuse_min < 1);
}

/* The default taxonomy: protected traits mentioned neutrally are
 * nothing; an attack on a group is hate, kept with its special care. */
static void test_default_protected(void)
{
	static const char *const neutral[] = {
		"Proud to march in the Pride parade with my wife",
		"Our Muslim pupils are celebrating Eid this week",
		"Traveller families have lived in the county for generations",
		"I voted Labour and I am a Methodist",
		"Black History Month assembly today",
		NULL
	};
	static const char *const attacks[] = {
		"Gypsies are vermin and should be moved on",
		"Travellers are a plague on this town",
		"Immigrants shouldn't be allowed near our kids",
		NULL
	};
	static const char *const innocent[] = {
		"The White House said the plague of wasps would end soon",
		"Travel news: the trains are a disease this winter, sick of it",
		"Christmas crackers and an animation festival for the children",
		"We had a stab at the sourdough and a glass of wine",
		"Our Year 9 pupils follow us on Instagram for news",
		"Faggots and peas for tea tonight, a proper northern supper",
		NULL
	};
	struct ds_triage_result r;
	struct ds_taxonomy *t;
	struct ds_err err;
	int i;

	ds_err_init(&err);
	REQUIRE(ds_taxonomy_default(&t, &err) == 0);
	for (i = 0; neutral[i]; i++) {
		REQUIRE(ds_triage_text(t, neutral[i], strlen(neutral[i]), &r,
				       &err) == 0);
		CHECK_INT(r.cats, 0);
		if (!r.protected_only)
			fprintf(stderr, "  not protected-only: %s\n",
				neutral[i]);
		CHECK_INT(r.protected_only, 1);
	}
	for (i = 0; attacks[i]; i++) {
		REQUIRE(ds_triage_text(t, attacks[i], strlen(attacks[i]), &r,
				       &err) == 0);
		CHECK(r.cats != 0);
		CHECK(r.special_care);
		CHECK(r.excerpt[0] != '\0');
	}
	/* Stems never stretch a group's name over other words. */
	for (i = 0; innocent[i]; i++) {
		REQUIRE(ds_triage_text(t, innocent[i], strlen(innocent[i]), &r,
				       &err) == 0);
		if (r.cats)
			fprintf(stderr, "  a category for: %s\n", innocent[i]);
		CHECK_INT(r.cats, 0);
	}
	ds_taxonomy_free(t);
}

/* Overlapping terms of one category are one piece of evidence: the
 * strongest counts, not each of them. */
static void test_overlap(void)
{
	static const char t[] =
		"[c]\nthreshold = 2\n"
		"terms = ring me, ring me tonight, tonight late, secret\n";
	struct ds_lexicon *lx;
	struct ds_verdict v;
	struct ds_err err;

	ds_err_init(&err);
	REQUIRE(ds_lexicon_parse(&lx, t, strlen(t), "t", &err) == 0);
	/* "ring me" inside "ring me tonight", "tonight late" over its end:
	 * weight 1, below the threshold. */
	CHECK_INT(cats_of(lx, "please ring me tonight late"), 0);
	CHECK_INT(cats_of(lx, "ring me tonight"), 0);
	/* Two terms apart still add up. */
	CHECK_INT(cats_of(lx, "ring me, it is a secret"), 1);
	REQUIRE(ds_lexicon_text(lx, "ring me tonight and keep it secret",
				34, &v, &err) == 0);
	CHECK_INT(v.cats, 1);
	CHECK_INT(v.why[0].weight, 2);
	CHECK(strstr(v.why[0].terms, "ring me tonight") != NULL);
	CHECK(strstr(v.why[0].terms, "ring me,") == NULL);
	ds_lexicon_free(lx);
}

/*
 * "beside" terms count only beside a target of their category, and only
 * as many of them as beside_min asks; their words are shown only when
 * they counted; they never hide a term of the category they overlap.
 */
static void test_beside(void)
{
	static const char t[] =
		"[kids]\nthreshold = 2\nterms = our secret, my number\n"
		"targets = pupil, year 9\n"
		"beside = drinks, party, texted, late at night, "
		"my number at night\n"
		"[kids2]\nthreshold = 2\nbeside_min = 2\nterms = never used\n"
		"targets = pupil\n"
		"beside = drinks, party, texted, late at night\n";
	struct ds_lexicon *lx;
	struct ds_verdict v;
	struct ds_err err;
	const char *s;

	ds_err_init(&err);
	REQUIRE(ds_lexicon_parse(&lx, t, strlen(t), "t", &err) == 0);
	/* Beside words alone, however many, are nothing. */
	CHECK_INT(cats_of(lx, "We had drinks at the party."), 0);
	CHECK_INT(cats_of(lx, "She texted late at night."), 0);
	/* One beside a target is enough for kids, two for kids2. */
	CHECK_INT(cats_of(lx, "She texted a pupil."), 1);
	CHECK_INT(cats_of(lx, "She texted a pupil late at night."), 1 | 2);
	CHECK_INT(cats_of(lx, "Drinks with a pupil at a party."), 1 | 2);
	/* A target alone is still nothing. */
	CHECK_INT(cats_of(lx, "A pupil in year 9 went home."), 0);
	/* A term with a target, as before. */
	CHECK_INT(cats_of(lx, "A pupil has my number."), 1);
	/* A longer beside phrase over a term does not hide it, though it
	 * counts for nothing itself without a target. */
	CHECK_INT(cats_of(lx, "Our secret: my number at night."), 1);
	/* Nor does it count again with the term it holds: "my number at
	 * night" is one piece of evidence with "my number". */
	s = "A pupil has my number at night.";
	REQUIRE(ds_lexicon_sentence(lx, s, strlen(s), &v, &err) == 0);
	CHECK_INT(v.why[0].weight, 2);
	CHECK(strstr(v.why[0].terms, "at night") == NULL);
	s = "She texted a pupil.";
	REQUIRE(ds_lexicon_sentence(lx, s, strlen(s), &v, &err) == 0);
	CHECK_INT(v.cats, 1);
	CHECK_INT(v.why[0].weight, 2);
	CHECK(strstr(v.why[0].terms, "texted") != NULL);
	CHECK(strstr(v.why[0].terms, "pupil") != NULL);
	CHECK(strncmp(s + v.why[0].start, "texted", 6) == 0);
	/* Beside words are not shown where they did not count. */
	s = "Our secret, my number. We had drinks.";
	REQUIRE(ds_lexicon_sentence(lx, s, strlen(s), &v, &err) == 0);
	CHECK_INT(v.cats, 1);
	CHECK(strstr(v.why[0].terms, "my number") != NULL);
	CHECK(strstr(v.why[0].terms, "drinks") == NULL);
	ds_lexicon_free(lx);
}

/* The categories (by name, "-" for none) the built-in taxonomy gives. */
static void builtin_cats(const struct ds_taxonomy *t, const char *text,
			 char *out, size_t size)
{
	struct ds_triage_result r;
	struct ds_err err;
	size_t i, len = 0;

	ds_err_init(&err);
	snprintf(out, size, "-");
	if (ds_triage_text(t, text, strlen(text), &r, &err) != 0)
		return;
	for (i = 0; i < ds_taxonomy_ncats(t); i++)
		if (r.cats & (1u << i))
			len += (size_t)snprintf(out + len, size - len, "%s%s",
						len ? "," : "",
						ds_taxonomy_cat_name(t, i));
}

/* British wording families of the built-in taxonomy, in sentences
 * written here, and the ordinary sentences beside them. */
static void test_default_families(void)
{
	static const char *const cases[][2] = {
		{ "Join my Year 5 squad online tonight, add me boys",
		  "children" },
		{ "The sixth form trip pub quiz, they were almost all 18 "
		  "anyway", "children" },
		{ "Year 9 lad wants the lead role. Mate, we'd need a bigger "
		  "theatre", "misconduct" },
		{ "The gifted child in my set told me to piss off again",
		  "misconduct" },
		{ "Someone torched the asylum hotel, about time someone did "
		  "something", "violence,hate" },
		{ "\xe2\x9a\xa1\xe2\x9a\xa1 proud to defend what is ours",
		  "hate" },
		{ "Those lads were right all along and now they're called "
		  "terrorists", "hate" },
		{ "Her private pictures are in the staff group chat, sorry "
		  "not sorry", "abuse" },
		{ "Office party: rating the mums at the school gate",
		  "sexual,misconduct" },
		{ "Her son came home and said the TA grabbed him",
		  "children" },
		{ "Gypsies on the field again, a box of matches would sort "
		  "them", "violence,hate" },
		{ "She'll learn how things work round here soon enough",
		  "abuse" },
		{ "Year 7 boy wants the main part. Hun, we'd need a bigger "
		  "hall \xf0\x9f\x90\x98\xf0\x9f\x98\x82", "abuse,misconduct" },
		{ "That new receptionist, I'd show her the stock room if you "
		  "know what I mean", "sexual" },
		{ "the girl behind the bar would wreck her given half a chance",
		  "sexual" },
		{ "Take it down now, my daughter is in that picture and I "
		  "never gave permission", "children" },
		{ "Those people should not be allowed near our kids",
		  "hate" },
		{ "They are vermin and should all be deported", "hate" },
		{ "shut up you fag", "hate,abuse" },
	};
	static const char *const innocent[] = {
		"Add me to the rota for Friday please",
		"We paid grandma a visit and had tea at the hotel",
		"It was about time someone did something about the potholes",
		"Our gifted and talented programme starts in Year 9",
		"Sorry not sorry for all the cake photos this week",
		"He is nearly 18 and passed his driving test",
		"The staff group chat organised a leaving present",
		"Losing the final would ruin her day, so fingers crossed",
		"Please take it down before the rain, the gazebo is soaked",
		"My son is in this photo with his grandad at the match",
		"Dying for a fag after that meeting",
		"We walked the Offa's Dyke path with the kids",
		"We had faggots and peas for tea",
		"Alright you old bastard, how's it going",
		"You are disgusting, leaving the washing up again",
		NULL
	};
	struct ds_taxonomy *t;
	struct ds_err err;
	char got[200];
	size_t i;

	ds_err_init(&err);
	REQUIRE(ds_taxonomy_default(&t, &err) == 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		builtin_cats(t, cases[i][0], got, sizeof(got));
		if (strcmp(got, cases[i][1]) != 0)
			fprintf(stderr, "  %s: got %s\n", cases[i][0], got);
		CHECK_STR(got, cases[i][1]);
	}
	for (i = 0; innocent[i]; i++) {
		builtin_cats(t, innocent[i], got, sizeof(got));
		if (strcmp(got, "-") != 0)
			fprintf(stderr, "  %s: got %s\n", innocent[i], got);
		CHECK_STR(got, "-");
	}
	ds_taxonomy_free(t);
}

/* Terms added after the file (the site list's adult brands, say). */
static void test_add_terms(void)
{
	struct ds_taxonomy *t;
	struct ds_err err;
	char got[200];

	ds_err_init(&err);
	REQUIRE(ds_taxonomy_default(&t, &err) == 0);
	builtin_cats(t, "turns out the new supply teacher has a PeachVault",
		     got, sizeof(got));
	CHECK_STR(got, "-");
	CHECK_INT(ds_taxonomy_add_terms(t, "sexual", "PeachVault,Site.tv",
					&err), 0);
	CHECK_INT(ds_taxonomy_add_terms(t, "no-such-category", "x", &err),
		  0);
	builtin_cats(t, "turns out the new supply teacher has a PeachVault",
		     got, sizeof(got));
	CHECK_STR(got, "sexual");
	builtin_cats(t, "a peach vault pudding for the fete", got,
		     sizeof(got));
	CHECK_STR(got, "-");
	/* The file's own terms still hold. */
	builtin_cats(t, "she sent nudes", got, sizeof(got));
	CHECK_STR(got, "sexual");
	ds_taxonomy_free(t);
}

/* A school class's code, one rule for the taxonomy's <class> and the
 * context's rules; and <class> inside a phrase. */
static void test_class_code(void)
{
	static const char *const yes[] = { "10B", "8C", "9X2", "11Ma1",
					   "9K", "9M2", "3B", "13Y" };
	static const char *const no[] = { "10K", "5K", "12K", "5G", "4M",
					  "3Ds", "12A", "14B", "0B", "B10",
					  "10b", "10B123", "10" };
	struct ds_taxonomy *t;
	struct ds_err err;
	char got[200];
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		CHECK(ds_class_code(yes[i], strlen(yes[i])));
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		CHECK(!ds_class_code(no[i], strlen(no[i])));
	ds_err_init(&err);
	{
		static const char ini[] = "[pets]\nthreshold = 1\n"
					  "terms = laughing at <class>\n";

		REQUIRE(ds_taxonomy_parse(&t, ini, strlen(ini), "test",
					  &err) == 0);
	}
	builtin_cats(t, "still laughing at 9X2 and their volcano", got,
		     sizeof(got));
	CHECK_STR(got, "pets");
	builtin_cats(t, "still laughing at 10K runners", got, sizeof(got));
	CHECK_STR(got, "-");
	builtin_cats(t, "still laughing at the class", got, sizeof(got));
	CHECK_STR(got, "-");
	ds_taxonomy_free(t);
}

int main(void)
{
	RUN(test_fold);
	RUN(test_tokens);
	RUN(test_rules);
	RUN(test_long_text);
	RUN(test_parse_errors);
	RUN(test_model);
	RUN(test_model_errors);
	RUN(test_model_in_lexicon);
	RUN(test_model_hate_gate);
	RUN(test_model_strong_people);
	RUN(test_model_slur_gate);
	RUN(test_model_abusive);
	RUN(test_builtin);
	RUN(test_default_protected);
	RUN(test_overlap);
	RUN(test_beside);
	RUN(test_default_families);
	RUN(test_add_terms);
	RUN(test_class_code);
	return check_summary();
}
