/*
 * lexicon.h: words, sentences and the taxonomy's categories decided per
 * sentence.
 *
 * The tokeniser cuts a text into words and sentences.  Each word is
 * folded: lowercase ASCII, Latin accents off, apostrophes dropped ("don't"
 * is "dont", a possessive "'s" goes), letters stretched three times or
 * more made one ("sooo" is "so"), and obfuscation undone where the result
 * is a known profanity or slur: "f*ck", "sh!t", "b1tch", "$hit" and spaced
 * letters "f u c k".  Each word also gets its Snowball English stem
 * (libstemmer), so "stabbed", "stabbing" and "stabs" are all "stab".  A
 * sentence ends at ".", "!" or "?" before a space, at a line break, and
 * after DS_SENTENCE_MAX_WORDS words (so the work per sentence is bounded).
 *
 * The lexicon is built from the taxonomy file (schemas/taxonomy.ini):
 * each category's terms, exclude phrases and targets are stemmed the same
 * way and matched as whole word sequences.  Within a window of a sentence
 * and the next, a category holds when the weight of its distinct terms,
 * plus 1 when one of its targets stands beside a term, reaches its
 * threshold; a term inside an exclude phrase does not count.  Targets
 * alone never make a category: a neutral mention of a group is nothing,
 * an attack on it ("travellers are a plague") is hate.  A category with
 * "model = hate" (or "abuse") also holds when the built-in classifier
 * (classify.h) scores a sentence at or above its threshold ("model_min",
 * else the model's own).  For hate, two more paths, each with its
 * threshold chosen in cross-validation (model/README.md): a target
 * written with a weight ("fag:2", a slur that is also an ordinary word)
 * needs the model's judgement only past the model's slur_gate, below
 * hate's gate; and a sentence the model judges hate at or above
 * hate_strong, with a term of the category (an attack) and one of its
 * "people" words (aimed at people: "they", "those", "you lot"), is hate
 * though no group is named.
 */
#ifndef DS_LEXICON_H
#define DS_LEXICON_H

#include <stddef.h>

#include "classify.h"
#include "err.h"

#define DS_LEX_MAX_CATS 24      /* as DS_TAX_MAX_CATS */
#define DS_WORD_MAX 48          /* longer words are cut */
#define DS_SENTENCE_MAX_WORDS 100 /* a longer run of words is cut */

/* The taxonomy's term for any school class's code ("10B", "9X2"): a
 * token that is one stems as this. */
#define DS_CLASS_TERM "<class>"

/* Is w[0, n) a school class's code ("10B", "9X2", "11Ma1")? */
int ds_class_code(const char *w, size_t n);

struct ds_token {
	size_t start, end;      /* bytes of the original text */
	unsigned sent;          /* its sentence, from 0 */
	unsigned word, stem;    /* offsets of NUL-terminated strings in
				 * the arena */
};

struct ds_tokens {
	struct ds_token *v;
	size_t n, cap;
	char *arena;
	size_t alen, acap;
	unsigned nsent;
};

/*
 * Cut text into tokens (stems too when stems is 1).  Returns 0 or
 * DS_ENOMEM (tk released).
 */
int ds_tokens_make(struct ds_tokens *tk, const char *text, size_t len,
		   int stems);
void ds_tokens_release(struct ds_tokens *tk);
#define ds_token_word(tk, i) ((tk)->arena + (tk)->v[i].word)
#define ds_token_stem(tk, i) ((tk)->arena + (tk)->v[i].stem)

/*
 * Fold one word's bytes (see above) into out (size bytes); returns its
 * length, 0 when nothing of it is left.
 */
size_t ds_lex_fold_word(const char *in, size_t n, char *out, size_t size);

/* Why one category holds. */
struct ds_cat_why {
	int weight;             /* the rules' weight (0: the model alone) */
	char terms[160];        /* the terms matched, "stab, knife" */
	double score;           /* the model's probability, or -1 */
	struct ds_model_feat top[DS_MODEL_TOP]; /* its strongest features */
	int ntop;
	size_t start, end;      /* the first hit, bytes of the text */
};

struct ds_verdict {
	unsigned cats;          /* bit i: category i */
	struct ds_cat_why why[DS_LEX_MAX_CATS];
};

struct ds_lexicon;

/*
 * Build the lexicon from a taxonomy file's text (the categories in the
 * order of their sections, [protected] skipped).  A category's "model"
 * names a class of the built-in model: hate or abuse.  Returns 0,
 * DS_ENOMEM or DS_ECONFIG (message in err).
 */
int ds_lexicon_parse(struct ds_lexicon **out, const char *text, size_t len,
		     const char *name, struct ds_err *err);
void ds_lexicon_free(struct ds_lexicon *lx);

/* Add terms (a taxonomy file's comma-separated list) to category cat:
 * 0 (nothing when there is no such category), DS_ENOMEM or DS_ECONFIG. */
int ds_lexicon_add_terms(struct ds_lexicon *lx, const char *cat,
			 const char *list);

/* Use model m (not owned) instead of the built-in one; NULL: none. */
void ds_lexicon_set_model(struct ds_lexicon *lx, const struct ds_model *m);

/*
 * The categories of one sentence (the whole of text is one window), with
 * why.  Returns 0 or DS_ENOMEM.
 */
int ds_lexicon_sentence(const struct ds_lexicon *lx, const char *text,
			size_t len, struct ds_verdict *v, struct ds_err *err);

/*
 * The categories of a text: every window of a sentence and the next; the
 * reasons are the first window's that made each category.
 */
int ds_lexicon_text(const struct ds_lexicon *lx, const char *text,
		    size_t len, struct ds_verdict *v, struct ds_err *err);

#endif
