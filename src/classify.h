/*
 * classify.h: a linear text classifier for hate speech and abusive
 * language, trained on labelled posts (model/README.md).
 *
 * Features are the words of a text (as folded by the lexicon's tokeniser,
 * lexicon.h), its word pairs, and the character 3- to 5-grams of each
 * word with its boundaries, hashed into 2^bits buckets.  Each bucket holds
 * one weight per class; a text's scores are the softmax of the bias plus
 * the weights of its features, each counted once per occurrence and the
 * sum scaled by 1/sqrt(number of features).  Three classes, in the order
 * of the training data: hate speech, offensive language, neither.
 *
 * The model file is text: '#' comment lines (what made it, the SHA-256 of
 * its inputs), then "key = value" lines (version, bits, hate_min,
 * hate_gate, abuse_min, hate_strong, slur_gate and hate_abusive (the
 * last three optional), bias),
 * then one line per non-zero bucket: "INDEX W0 W1 W2", the weights in
 * units of 1/10000.  A file whose version is
 * not DS_MODEL_VERSION is refused.  The built-in model is compiled in
 * from model/abuse.model.
 */
#ifndef DS_CLASSIFY_H
#define DS_CLASSIFY_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

#define DS_MODEL_CLASSES 3
enum ds_model_class {
	DS_MODEL_HATE = 0,
	DS_MODEL_OFFENSIVE = 1,
	DS_MODEL_NEITHER = 2
};

/* The version of the features and file format; a model file of another
 * version is refused (make it again with 'make model'). */
#define DS_MODEL_VERSION 1
#define DS_MODEL_VERSION_STR "1"

#define DS_MODEL_MAX_BITS 22
#define DS_MODEL_FEAT_MAX 64    /* bytes of a feature's name */
#define DS_MODEL_TOP 3

struct ds_model {
	unsigned bits;
	float *w;               /* (1 << bits) * DS_MODEL_CLASSES */
	float bias[DS_MODEL_CLASSES];
	double hate_min;        /* P(hate) from which a text is hate */
	double hate_gate;       /* with P(hate) + P(offensive) at least
				 * this (abuse_min when not given) */
	double abuse_min;       /* P(hate) + P(offensive) for abuse */
	double hate_strong;     /* P(hate) from which a text is hate below
				 * hate's gate too, and a word aimed at
				 * people stands for a target (lexicon.h);
				 * 0: no such path */
	double slur_gate;       /* P(hate) + P(offensive) from which a slur
				 * that is also an ordinary word makes hate
				 * (lexicon.h); 0: hate's gate */
	double hate_abusive;    /* P(hate) from which a sentence the rules
				 * find abusive is hate with no group named
				 * (lexicon.h); 0: no such path */
	char version[64];
};

/* One feature's part in a score: its name and weight towards a class. */
struct ds_model_feat {
	char name[DS_MODEL_FEAT_MAX];
	double contrib;
};

struct ds_model_score {
	double p[DS_MODEL_CLASSES];
	/* The features that pushed hardest towards hate or offensive (the
	 * likelier of the two), strongest first; only when asked. */
	struct ds_model_feat top[DS_MODEL_TOP];
	int ntop;
};

/*
 * Parse a model file's text.  name is used in messages.  Returns 0,
 * DS_ENOMEM or DS_EDATA (a message naming the line).
 */
int ds_model_parse(struct ds_model **out, const char *text, size_t len,
		   const char *name, struct ds_err *err);
void ds_model_free(struct ds_model *m);

/*
 * The built-in model, parsed once per process and shared (read-only; do
 * not free).  Returns 0 or a negative code with the message in err.
 */
int ds_model_builtin(const struct ds_model **out, struct ds_err *err);

/*
 * Call fn for every feature of the n words: its bucket (bits wide) and
 * its name (not NUL-terminated, nlen bytes).  Returns the number of
 * features.
 */
size_t ds_model_features(const char *const *words, size_t n, unsigned bits,
			 void (*fn)(void *user, uint32_t bucket,
				    const char *name, size_t nlen),
			 void *user);

/* Score n words; explain fills s->top. */
void ds_model_score(const struct ds_model *m, const char *const *words,
		    size_t n, int explain, struct ds_model_score *s);

/* The built-in model file, compiled in. */
extern const unsigned char ds_model_data[];
extern const size_t ds_model_data_len;

#endif
