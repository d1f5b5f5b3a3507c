/*
 * lexicon.c: tokens, folding, stems and per-sentence categories (see
 * lexicon.h).
 */
#include <ctype.h>
#include <ini.h>
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "mem.h"
#include "text.h"

/* ---- words ---------------------------------------------------------- */

/*
 * Words that obfuscation hides, so "f*ck", "sh!t" and "b1tch" are read
 * as what they are.  A folded word with symbols or digits in it becomes
 * one of these (or one with a suffix below) only when it fits exactly.
 */
static const char *const hidden_words[] = {
	"fuck", "shit", "cunt", "bitch", "twat", "wanker", "bastard", "slag",
	"slut", "whore", "dick", "prick", "cock", "pussy", "arse", "ass",
	"asshole", "arsehole", "bollocks", "piss", "crap", "hoe", "nigger",
	"nigga", "faggot", "fag", "dyke", "tranny", "paki", "retard",
	"spastic", "spaz", "coon", "kike", "chink", "gook", "wog", "pikey",
	"gyppo", "nonce", "porn", "nude", "nudes", "sex", "kill", "die",
	"trannie", "paedo", "tosser", "bellend", "slapper",
	"rape", "cocaine", "weed", "moron", "idiot", "scum", "vermin", NULL
};
static const char *const hidden_suffixes[] = {
	"", "s", "es", "ing", "in", "ed", "er", "ers", "y", "ty", NULL
};

/* Decode one UTF-8 character (U+FFFD when malformed); *len >= 1. */
static unsigned utf8_cp(const unsigned char *s, size_t n, size_t *len)
{
	return (unsigned)ds_utf8_char((const char *)s, n, len);
}

/* A letter or digit: its folded ASCII byte, else 0. */
static char word_char(unsigned cp)
{
	if (cp < 0x80)
		return isalnum((int)cp) ? (char)tolower((int)cp) : 0;
	return ds_latin_fold(cp);
}

/* A letter of another script (Greek, Cyrillic, Arabic, CJK...): kept as
 * it is; punctuation and spaces of the general block are not. */
static int other_script(unsigned cp)
{
	return cp > 0x17f && cp != 0xfffd && !(cp >= 0x2000 && cp <= 0x206f) &&
	       cp != 0x3000;
}

/* A pictograph (emoji and the older symbol blocks) is a word of its own,
 * so an elephant beside a laughing face is two words, and so is a word
 * with an emoji stuck to its end. */
static int pictograph(unsigned cp)
{
	return (cp >= 0x1f000 && cp <= 0x1faff) ||
	       (cp >= 0x2600 && cp <= 0x27bf);
}

/* What may follow a pictograph inside it: variation selectors, skin
 * tones. */
static int pictograph_mark(unsigned cp)
{
	return cp == 0xfe0f || cp == 0xfe0e || (cp >= 0x1f3fb && cp <= 0x1f3ff);
}

static int is_word_cp(unsigned cp)
{
	return word_char(cp) || other_script(cp);
}

static int is_symbol(int c)
{
	return c == '*' || c == '@' || c == '$' || c == '!' || c == '|';
}

static int is_apostrophe(unsigned cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x2018;
}

/* The letter a symbol or digit stands for in obfuscated words, or 0. */
static char leet(char c)
{
	switch (c) {
	case '0': return 'o';
	case '1': return 'i';
	case '3': return 'e';
	case '4': return 'a';
	case '5': return 's';
	case '7': return 't';
	case '@': return 'a';
	case '$': return 's';
	case '!': return 'i';
	case '|': return 'i';
	default: return isalpha((unsigned char)c) ? c : 0;
	}
}

/* Does pattern p (n bytes; '*' any letter) spell a hidden word? */
static const char *unhide(const char *p, size_t n, char *out, size_t size)
{
	size_t i, k, s;

	for (k = 0; hidden_words[k]; k++) {
		size_t kl = strlen(hidden_words[k]);

		for (s = 0; hidden_suffixes[s]; s++) {
			size_t sl = strlen(hidden_suffixes[s]);

			if (kl + sl != n || n >= size)
				continue;
			memcpy(out, hidden_words[k], kl);
			memcpy(out + kl, hidden_suffixes[s], sl);
			out[n] = '\0';
			for (i = 0; i < n; i++)
				if (p[i] != '*' && leet(p[i]) != out[i])
					break;
			if (i == n)
				return out;
		}
	}
	return NULL;
}

size_t ds_lex_fold_word(const char *in, size_t n, char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)in;
	char tmp[DS_WORD_MAX * 2], hid[DS_WORD_MAX];
	size_t i = 0, o = 0, len, a, b, letters = 0, others = 0;

	if (!size)
		return 0;
	while (i < n && o + 2 < sizeof(tmp)) {
		unsigned cp = utf8_cp(p + i, n - i, &len);
		char c = word_char(cp);

		if (other_script(cp) && o + len + 1 < sizeof(tmp)) {
			memcpy(tmp + o, p + i, len);
			o += len;
			i += len;
			continue;
		}
		if (is_apostrophe(cp)) {
			i += len;
			/* A possessive "'s" at the end goes with it. */
			if (i + 1 == n && (p[i] == 's' || p[i] == 'S'))
				i++;
			continue;
		}
		if (c) {
			tmp[o++] = c;
			if (cp == 0xdf || cp == 0xe6 || cp == 0xc6 ||
			    cp == 0x153 || cp == 0x152)
				tmp[o++] = cp == 0xdf ? 's' : 'e';
		} else if (cp < 0x80 && is_symbol((int)cp)) {
			tmp[o++] = (char)cp;
		}
		i += len;
	}
	/* Three or more of one letter are one: "sooo" is "so" (but "xxx"
	 * and "zzz" stay). */
	for (i = 1; i < o && tmp[i] == tmp[0]; i++)
		;
	for (i = i == o ? o : 0, b = i; i < o; i++) {
		size_t run = 1;

		while (i + run < o && tmp[i + run] == tmp[i])
			run++;
		tmp[b++] = tmp[i];
		if (run < 3 || !isalpha((unsigned char)tmp[i]))
			for (a = 1; a < run; a++)
				tmp[b++] = tmp[i];
		i += run - 1;
	}
	o = b;
	/* Symbols at the edges are punctuation or a mention's "@". */
	a = 0;
	b = o;
	while (a < b && tmp[a] != '$' && tmp[a] != '*' && is_symbol(tmp[a]))
		a++;
	while (b > a && tmp[b - 1] != '*' && is_symbol(tmp[b - 1]))
		b--;
	for (i = a; i < b; i++) {
		if (isalpha((unsigned char)tmp[i]))
			letters++;
		else
			others++;
	}
	if (others && letters && unhide(tmp + a, b - a, hid, sizeof(hid))) {
		snprintf(out, size, "%s", hid);
		return strlen(out);
	}
	o = 0;
	for (i = a; i < b && o + 1 < size; i++)
		if (isalnum((unsigned char)tmp[i]) ||
		    ((unsigned char)tmp[i] & 0x80))
			out[o++] = tmp[i];
	/* Never end inside a UTF-8 sequence. */
	while (o && ((unsigned char)out[o - 1] & 0x80)) {
		size_t st = o - 1, need;

		while (st && ((unsigned char)out[st] & 0xc0) == 0x80)
			st--;
		need = ((unsigned char)out[st] & 0xe0) == 0xc0 ? 2 :
		       ((unsigned char)out[st] & 0xf0) == 0xe0 ? 3 : 4;
		if (o - st == need)
			break;
		o = st;
	}
	out[o] = '\0';
	return o;
}

/* ---- tokens --------------------------------------------------------- */

void ds_tokens_release(struct ds_tokens *tk)
{
	ds_free(tk->v);
	ds_free(tk->arena);
	memset(tk, 0, sizeof(*tk));
}

/* Append a string to the arena; its offset, or -1 out of memory. */
static long arena_add(struct ds_tokens *tk, const char *s, size_t n)
{
	size_t at = tk->alen;

	if (tk->alen + n + 1 > tk->acap) {
		size_t cap = tk->acap ? tk->acap * 2 : 4096;
		char *na;

		while (cap < tk->alen + n + 1)
			cap *= 2;
		na = ds_realloc(tk->arena, cap);
		if (!na)
			return -1;
		tk->arena = na;
		tk->acap = cap;
	}
	memcpy(tk->arena + at, s, n);
	tk->arena[at + n] = '\0';
	tk->alen += n + 1;
	return (long)at;
}

static int token_add(struct ds_tokens *tk, size_t start, size_t end,
		     unsigned sent, const char *word, size_t wl)
{
	long off;

	if (tk->n == tk->cap) {
		size_t cap = tk->cap ? tk->cap * 2 : 256;
		struct ds_token *nv = ds_realloc(tk->v, cap * sizeof(*nv));

		if (!nv)
			return DS_ENOMEM;
		tk->v = nv;
		tk->cap = cap;
	}
	off = arena_add(tk, word, wl);
	if (off < 0)
		return DS_ENOMEM;
	tk->v[tk->n].start = start;
	tk->v[tk->n].end = end;
	tk->v[tk->n].sent = sent;
	tk->v[tk->n].word = (unsigned)off;
	tk->v[tk->n].stem = (unsigned)off;
	tk->n++;
	return 0;
}

/* Does a word start at i (a letter, a digit, or "@x" / "$x")? */
static int word_starts(const unsigned char *p, size_t n, size_t i)
{
	size_t len;

	if (is_word_cp(utf8_cp(p + i, n - i, &len)))
		return 1;
	return (p[i] == '@' || p[i] == '$') && i + 1 < n &&
	       isalnum(p[i + 1]);
}

/* The end of the word starting at i. */
static size_t word_end(const unsigned char *p, size_t n, size_t i)
{
	size_t j = i, len, letters = 0;

	if (p[j] == '@' || p[j] == '$')
		j++;
	if (j < n && pictograph(utf8_cp(p + j, n - j, &len))) {
		j += len;
		while (j < n && pictograph_mark(utf8_cp(p + j, n - j, &len)))
			j += len;
		return j;
	}
	while (j < n) {
		unsigned cp = utf8_cp(p + j, n - j, &len);

		if (pictograph(cp))
			break;
		if (is_word_cp(cp)) {
			letters++;
			j += len;
			continue;
		}
		if (is_apostrophe(cp) && j + len < n && isalpha(p[j + len])) {
			j += len;
			continue;
		}
		if (cp < 0x80 && is_symbol((int)cp)) {
			size_t k = j;

			while (k < n && is_symbol(p[k]))
				k++;
			if (k < n && is_word_cp(utf8_cp(p + k, n - k, &len))) {
				j = k;
				continue;
			}
			/* "f***" ends on its stars. */
			if (p[j] == '*' && letters <= 3)
				j = k;
		}
		break;
	}
	return j;
}

/* Does the gap [a, b) between two words end a sentence: 2 at a line's
 * end, 1 at a full stop, question or exclamation mark, 0 not? */
static int ends_sentence(const unsigned char *p, size_t n, size_t a,
			 size_t b)
{
	size_t i;

	for (i = a; i < b; i++) {
		if (p[i] == '\n')
			return 2;
		if ((p[i] == '.' || p[i] == '!' || p[i] == '?') &&
		    (i + 1 >= n || isspace(p[i + 1]) || p[i + 1] == '"' ||
		     p[i + 1] == ')'))
			return 1;
	}
	return 0;
}

/*
 * Join runs of three or more one-letter words ("f u c k") that spell a
 * hidden word into one token.
 */
static void join_spaced(struct ds_tokens *tk, const char *text)
{
	size_t i = 0, o = 0;

	while (i < tk->n) {
		size_t j = i;
		char pat[DS_WORD_MAX], hid[DS_WORD_MAX];

		while (j < tk->n && j - i + 1 < sizeof(pat) &&
		       ds_token_word(tk, j)[0] && !ds_token_word(tk, j)[1] &&
		       tk->v[j].sent == tk->v[i].sent &&
		       (j == i || tk->v[j].start - tk->v[j - 1].end <= 2))
			j++;
		if (j - i >= 3) {
			size_t k;

			for (k = i; k < j; k++)
				pat[k - i] = ds_token_word(tk, k)[0];
			if (unhide(pat, j - i, hid, sizeof(hid))) {
				/* The arena holds the single letters; the
				 * joined word overwrites them (same size:
				 * letters and NULs). */
				char *w = ds_token_word(tk, i);

				memcpy(w, hid, j - i);
				w[j - i] = '\0';
				tk->v[o] = tk->v[i];
				tk->v[o].end = tk->v[j - 1].end;
				o++;
				i = j;
				continue;
			}
		}
		/* "sh-t", "c.nt": a word split by one hyphen or dot. */
		if (i + 1 < tk->n && tk->v[i + 1].sent == tk->v[i].sent &&
		    tk->v[i + 1].start == tk->v[i].end + 1 &&
		    (text[tk->v[i].end] == '-' || text[tk->v[i].end] == '.')) {
			const char *a = ds_token_word(tk, i);
			const char *b = ds_token_word(tk, i + 1);
			size_t al = strlen(a), bl = strlen(b);

			if (al + bl + 1 < sizeof(pat)) {
				memcpy(pat, a, al);
				pat[al] = '*';
				memcpy(pat + al + 1, b, bl);
				/* The joined word fits where the two were. */
				if (unhide(pat, al + bl + 1, hid,
					   sizeof(hid)) &&
				    tk->v[i + 1].word ==
				    tk->v[i].word + al + 1) {
					char *w = ds_token_word(tk, i);

					memcpy(w, hid, al + bl + 1);
					w[al + bl + 1] = '\0';
					tk->v[o] = tk->v[i];
					tk->v[o].end = tk->v[i + 1].end;
					o++;
					i += 2;
					continue;
				}
			}
		}
		tk->v[o++] = tk->v[i++];
	}
	tk->n = o;
}

/*
 * Is w[0, n) a school class's code: a year from 1 to 13, a capital,
 * perhaps a small letter and perhaps a set's digits ("10B", "8C", "9X2",
 * "11Ma1")?  A unit's or a rating's capital ("10K" run, "5G", "4M",
 * "3Ds", "12A") is one only before a set's digit ("9M2"), save a
 * secondary form's K ("9K").
 */
int ds_class_code(const char *w, size_t n)
{
	size_t i = 0, d;
	int year = 0;
	char letter;

	while (i < n && i < 2 && isdigit((unsigned char)w[i]))
		year = year * 10 + (w[i++] - '0');
	if (i == 0 || year < 1 || year > 13 || i >= n ||
	    !isupper((unsigned char)w[i]))
		return 0;
	letter = w[i++];
	if (i < n && islower((unsigned char)w[i]))
		i++;
	for (d = 0; i < n && d < 2 && isdigit((unsigned char)w[i]); d++)
		i++;
	if (i != n)
		return 0;
	if (d)
		return 1;
	/* A secondary form's K ("9K") is common; a run's or thousands'
	 * ("5K", "10K", "12K") more so in other years. */
	if (letter == 'K')
		return year >= 7 && year <= 11 && year != 10;
	return !strchr("DGLMSVW", letter) && !(year == 12 && letter == 'A');
}

int ds_tokens_make(struct ds_tokens *tk, const char *text, size_t len,
		   int stems)
{
	const unsigned char *p = (const unsigned char *)text;
	struct sb_stemmer *st = NULL;
	size_t i = 0, last_end = 0, k, words = 0;
	unsigned sent = 0;
	int any = 0;

	memset(tk, 0, sizeof(*tk));
	/* Room for a word in five bytes, and their stems, at once. */
	tk->cap = len / 5 + 16;
	tk->acap = len * 2 + 64;
	tk->v = ds_malloc(tk->cap * sizeof(*tk->v));
	tk->arena = ds_malloc(tk->acap);
	if (!tk->v || !tk->arena)
		goto nomem;
	while (i < len) {
		char w[DS_WORD_MAX];
		size_t e, wl;

		if (!word_starts(p, len, i)) {
			i++;
			continue;
		}
		e = word_end(p, len, i);
		/* A one-word exclamation in a line ("Lovely.") joins the
		 * sentence after it: "Another dinghy landed. Lovely. Send
		 * them back." keeps the boat beside what is said of it. */
		if (any) {
			int end = words == DS_SENTENCE_MAX_WORDS ? 2 :
				  ends_sentence(p, len, last_end, i);

			if (end == 2 || (end == 1 && words > 1)) {
				sent++;
				words = 0;
			}
		}
		wl = ds_lex_fold_word(text + i, e - i, w, sizeof(w));
		if (wl) {
			if (token_add(tk, i, e, sent, w, wl))
				goto nomem;
			words++;
			any = 1;
			last_end = e;
		}
		i = e > i ? e : i + 1;
	}
	join_spaced(tk, text);
	tk->nsent = any ? sent + 1 : 0;
	if (!stems)
		return 0;
	st = sb_stemmer_new("english", NULL);
	if (!st)
		goto nomem;
	for (k = 0; k < tk->n; k++) {
		const char *w = ds_token_word(tk, k);
		const sb_symbol *s;
		long off;

		/* A school class's code as written ("10B", "9X2") stems as
		 * the taxonomy's <class>. */
		if (ds_class_code(text + tk->v[k].start,
			       tk->v[k].end - tk->v[k].start)) {
			off = arena_add(tk, DS_CLASS_TERM,
					strlen(DS_CLASS_TERM));
			if (off < 0)
				goto nomem;
			tk->v[k].stem = (unsigned)off;
			continue;
		}
		/* Words of digits, and short words, are their own stem. */
		if (strlen(w) <= 3 || isdigit((unsigned char)w[0]))
			continue;
		s = sb_stemmer_stem(st, (const sb_symbol *)w, (int)strlen(w));
		if (!s)
			goto nomem;
		if (strcmp((const char *)s, w) == 0)
			continue;
		off = arena_add(tk, (const char *)s,
				(size_t)sb_stemmer_length(st));
		if (off < 0)
			goto nomem;
		tk->v[k].stem = (unsigned)off;
	}
	sb_stemmer_delete(st);
	return 0;
nomem:
	if (st)
		sb_stemmer_delete(st);
	ds_tokens_release(tk);
	return DS_ENOMEM;
}

/* ---- the lexicon ---------------------------------------------------- */

enum entry_kind { TERM = 't', EXCLUDE = 'x', TARGET = 'g', PEOPLE = 'p' };

/* A term's "...": up to LEX_GAP_MAX words of the same sentence between
 * its parts ("i know where ... you").  The marker is no word's stem. */
#define LEX_GAP "..."
#define LEX_GAP_MAX 6
#define LEX_GAP_WORD "zzlexgapzz"
#define LEX_GAPS_MAX 2          /* in one term: each multiplies the work */

struct entry {
	unsigned cat;
	char kind;
	int exact;              /* "quoted": the words, not their stems */
	int aimed;              /* of "aimed": counts aimed at a group only */
	int beside;             /* of "beside": counts beside a target only */
	int gapped;             /* holds LEX_GAP: words may stand between */
	int weight;
	char *label;            /* as written */
	char **stems;
	size_t nstems;
	long next;              /* the next entry with the same first stem */
};

struct lcat {
	char *name;
	int threshold;
	int model;              /* 0 none, 1 hate, 2 abuse */
	int need_target;        /* only beside a target, or one term of
				 * the threshold's weight alone */
	double model_min;       /* 0: the model's own */
	int beside_min;         /* "beside" terms needed beside a target */
};

struct slot {
	const char *key;        /* a first stem */
	long head;              /* its first entry */
};

struct ds_lexicon {
	struct lcat cats[DS_LEX_MAX_CATS];
	size_t ncats;
	struct entry *e;
	size_t ne;
	struct slot *table;
	size_t tsize;           /* a power of two */
	const struct ds_model *model;
	char problem[160];
	int nomem;
};

static void entry_release(struct entry *e)
{
	size_t i;

	for (i = 0; i < e->nstems; i++)
		ds_free(e->stems[i]);
	ds_free(e->stems);
	ds_free(e->label);
}

void ds_lexicon_free(struct ds_lexicon *lx)
{
	size_t i;

	if (!lx)
		return;
	for (i = 0; i < lx->ne; i++)
		entry_release(&lx->e[i]);
	for (i = 0; i < lx->ncats; i++)
		ds_free(lx->cats[i].name);
	ds_free(lx->e);
	ds_free(lx->table);
	ds_free(lx);
}

void ds_lexicon_set_model(struct ds_lexicon *lx, const struct ds_model *m)
{
	lx->model = m;
}

/* Add one term as written ("a phrase:2"): 0, -1 bad, or DS_ENOMEM. */
/* A term's gaps: none first or last, never two together; how many. */
static size_t gap_tokens(struct ds_tokens *tk)
{
	size_t i, o = 0, n = 0;

	for (i = 0; i < tk->n; i++) {
		int gap = strcmp(ds_token_word(tk, i), LEX_GAP_WORD) == 0;

		if (gap && (o == 0 || i + 1 == tk->n ||
			    strcmp(ds_token_word(tk, o - 1),
				   LEX_GAP_WORD) == 0))
			continue;
		tk->v[o++] = tk->v[i];
	}
	tk->n = o;
	if (o && strcmp(ds_token_word(tk, o - 1), LEX_GAP_WORD) == 0)
		tk->n--;
	for (i = 0; i < tk->n; i++)
		n += strcmp(ds_token_word(tk, i), LEX_GAP_WORD) == 0;
	return n;
}

static int add_entry(struct ds_lexicon *lx, unsigned cat, char kind,
		     const char *raw, size_t len)
{
	struct ds_tokens tk;
	struct entry *ne, *e;
	char term[256];
	int w = 1, exact = 0;
	size_t k;

	while (len && isspace((unsigned char)*raw)) {
		raw++;
		len--;
	}
	while (len && isspace((unsigned char)raw[len - 1]))
		len--;
	if (!len)
		return 0;
	if (len >= sizeof(term))
		return -1;
	memcpy(term, raw, len);
	term[len] = '\0';
	if (len > 2 && term[len - 2] == ':' && term[len - 1] >= '1' &&
	    term[len - 1] <= '9') {
		w = term[len - 1] - '0';
		term[len - 2] = '\0';
		len -= 2;
	}
	if (len > 2 && term[0] == '"' && term[len - 1] == '"') {
		exact = 1;
		memmove(term, term + 1, len - 2);
		term[len - 2] = '\0';
	}
	{
		/* Each "..." becomes a word the tokenizer keeps, and each
		 * <class> a class's code, which stems as <class>. */
		char g[sizeof(term) * 4];
		size_t o = 0, gl = strlen(LEX_GAP_WORD);
		size_t cl = strlen(DS_CLASS_TERM);
		const char *q = term;

		while (*q && o + gl + 3 < sizeof(g)) {
			if (strncmp(q, LEX_GAP, 3) == 0) {
				o += (size_t)snprintf(g + o, sizeof(g) - o,
						      " %s ", LEX_GAP_WORD);
				q += 3;
			} else if (strncmp(q, DS_CLASS_TERM, cl) == 0) {
				o += (size_t)snprintf(g + o, sizeof(g) - o,
						      " 10B ");
				q += cl;
			} else {
				g[o++] = *q++;
			}
		}
		g[o] = '\0';
		if (ds_tokens_make(&tk, g, o, 1))
			return DS_ENOMEM;
		if (gap_tokens(&tk) > LEX_GAPS_MAX) {
			ds_tokens_release(&tk);
			return -2;
		}
	}
	if (!tk.n) {
		ds_tokens_release(&tk);
		return 0;
	}
	ne = ds_realloc(lx->e, (lx->ne + 1) * sizeof(*ne));
	if (!ne) {
		ds_tokens_release(&tk);
		return DS_ENOMEM;
	}
	lx->e = ne;
	e = &lx->e[lx->ne];
	memset(e, 0, sizeof(*e));
	e->cat = cat;
	e->kind = kind;
	e->weight = w;
	e->exact = exact;
	e->next = -1;
	e->label = ds_strdup(term);
	e->stems = ds_calloc(tk.n, sizeof(*e->stems));
	if (!e->label || !e->stems)
		goto nomem;
	e->nstems = tk.n;
	for (k = 0; k < tk.n; k++) {
		const char *word = ds_token_word(&tk, k);

		if (strcmp(word, LEX_GAP_WORD) == 0) {
			e->gapped = 1;
			e->stems[k] = ds_strdup(LEX_GAP);
			if (!e->stems[k])
				goto nomem;
			continue;
		}
		e->stems[k] = ds_strdup(exact && ds_token_stem(&tk, k)[0] !=
					'<' ? word : ds_token_stem(&tk, k));
		if (!e->stems[k])
			goto nomem;
	}
	/* A term that stems as an earlier one of its kind is that term
	 * ("stabbed, stabbing"): it does not count twice. */
	for (k = 0; k < lx->ne; k++) {
		const struct entry *o = &lx->e[k];
		size_t j;

		if (o->cat != cat || o->kind != kind || o->exact != exact ||
		    o->nstems != e->nstems)
			continue;
		for (j = 0; j < o->nstems; j++)
			if (strcmp(o->stems[j], e->stems[j]) != 0)
				break;
		if (j == o->nstems) {
			entry_release(e);
			ds_tokens_release(&tk);
			return 0;
		}
	}
	lx->ne++;
	ds_tokens_release(&tk);
	return 0;
nomem:
	entry_release(e);
	ds_tokens_release(&tk);
	return DS_ENOMEM;
}

static int add_list(struct ds_lexicon *lx, unsigned cat, char kind,
		    const char *v)
{
	while (*v) {
		const char *c = strchr(v, ',');
		size_t len = c ? (size_t)(c - v) : strlen(v);
		int rc = add_entry(lx, cat, kind, v, len);

		if (rc)
			return rc;
		v += len + (c ? 1 : 0);
	}
	return 0;
}

/* Key `name`'s value, a whole number from 1 to max, into *out: 1, or 0
 * with the problem noted (an inih handler's answer). */
static int lex_number(struct ds_lexicon *lx, const char *name,
		      const char *value, long max, int *out)
{
	char *end;
	long v = strtol(value, &end, 10);

	if (end == value || *end || v < 1 || v > max) {
		snprintf(lx->problem, sizeof(lx->problem), "%s is a number "
			 "from 1 to %ld", name, max);
		return 0;
	}
	*out = (int)v;
	return 1;
}

/* inih: one key of the taxonomy file, as the lexicon reads it. */
static int on_lex_key(void *user, const char *section, const char *name,
		      const char *value)
{
	struct ds_lexicon *lx = user;
	struct lcat *c = NULL;
	size_t i;
	int rc;

	if (strcmp(section, "protected") == 0 || strcmp(section, "cues") == 0)
		return 1;
	for (i = 0; i < lx->ncats; i++)
		if (strcmp(lx->cats[i].name, section) == 0)
			c = &lx->cats[i];
	if (!c) {
		if (lx->ncats >= DS_LEX_MAX_CATS) {
			snprintf(lx->problem, sizeof(lx->problem), "more than "
				 "%d categories", DS_LEX_MAX_CATS);
			return 0;
		}
		c = &lx->cats[lx->ncats];
		c->name = ds_strdup(section);
		if (!c->name) {
			lx->nomem = 1;
			return 0;
		}
		c->threshold = 1;
		lx->ncats++;
	}
	i = (size_t)(c - lx->cats);
	if (strcmp(name, "threshold") == 0)
		return lex_number(lx, name, value, 100, &c->threshold);
	if (strcmp(name, "model") == 0) {
		c->model = strcmp(value, "hate") == 0 ? 1 :
			   strcmp(value, "abuse") == 0 ? 2 : 0;
		if (!c->model)
			snprintf(lx->problem, sizeof(lx->problem), "model is "
				 "hate or abuse");
		return c->model != 0;
	}
	if (strcmp(name, "need_target") == 0) {
		c->need_target = strcmp(value, "yes") == 0;
		if (!c->need_target && strcmp(value, "no") != 0) {
			snprintf(lx->problem, sizeof(lx->problem),
				 "need_target is yes or no");
			return 0;
		}
		return 1;
	}
	if (strcmp(name, "beside_min") == 0)
		return lex_number(lx, name, value, 9, &c->beside_min);
	if (strcmp(name, "model_min") == 0) {
		char *end;

		c->model_min = strtod(value, &end);
		if (*end || !(c->model_min > 0 && c->model_min < 1)) {
			snprintf(lx->problem, sizeof(lx->problem), "model_min "
				 "is a number between 0 and 1");
			return 0;
		}
		return 1;
	}
	if (strcmp(name, "terms") == 0 || strcmp(name, "exclude") == 0 ||
	    strcmp(name, "targets") == 0 || strcmp(name, "people") == 0 ||
	    strcmp(name, "aimed") == 0 || strcmp(name, "beside") == 0) {
		size_t first = lx->ne, k;

		rc = add_list(lx, (unsigned)i, name[0] == 't' ?
			      (name[1] == 'e' ? TERM : TARGET) :
			      name[0] == 'p' ? PEOPLE :
			      name[0] == 'a' || name[0] == 'b' ? TERM :
			      EXCLUDE, value);
		for (k = first; !rc && name[0] == 'a' && k < lx->ne; k++)
			lx->e[k].aimed = 1;
		for (k = first; !rc && name[0] == 'b' && k < lx->ne; k++)
			lx->e[k].beside = 1;
		if (rc == DS_ENOMEM)
			lx->nomem = 1;
		else if (rc == -2)
			snprintf(lx->problem, sizeof(lx->problem), "a term of "
				 "%s holds more than %d '...'", name,
				 LEX_GAPS_MAX);
		else if (rc)
			snprintf(lx->problem, sizeof(lx->problem), "a term of "
				 "%s is too long", name);
		return rc == 0;
	}
	return 1;               /* title, severity and the rest: triage.c */
}

/* FNV-1a of a stem. */
static size_t stem_hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

/* The slot of a first stem: its own, or the empty one it would take. */
static struct slot *slot_of(const struct ds_lexicon *lx, const char *stem)
{
	size_t i = stem_hash(stem) & (lx->tsize - 1);

	while (lx->table[i].key && strcmp(lx->table[i].key, stem) != 0)
		i = (i + 1) & (lx->tsize - 1);
	return &lx->table[i];
}

/* Index the entries by their first stem. */
static int build_table(struct ds_lexicon *lx)
{
	size_t i;
	long k;

	lx->tsize = 64;
	while (lx->tsize < lx->ne * 2 + 1)
		lx->tsize *= 2;
	lx->table = ds_calloc(lx->tsize, sizeof(*lx->table));
	if (!lx->table)
		return DS_ENOMEM;
	/* Backwards, so each chain is in the order of the file. */
	for (k = (long)lx->ne - 1; k >= 0; k--) {
		struct slot *s = slot_of(lx, lx->e[k].stems[0]);

		if (!s->key) {
			s->key = lx->e[k].stems[0];
			s->head = -1;
		}
		lx->e[k].next = s->head;
		s->head = k;
	}
	for (i = 0; i < lx->ncats; i++) {
		size_t j;
		int any = 0;

		for (j = 0; j < lx->ne; j++)
			any |= lx->e[j].cat == i && lx->e[j].kind == TERM;
		if (!any && !lx->cats[i].model)
			return -1;
	}
	return 0;
}

int ds_lexicon_parse(struct ds_lexicon **out, const char *text, size_t len,
		     const char *name, struct ds_err *err)
{
	struct ds_lexicon *lx;
	char *copy;
	size_t i;
	int line, rc, models = 0;

	*out = NULL;
	lx = ds_calloc(1, sizeof(*lx));
	copy = ds_strndup(text, len);
	if (!lx || !copy) {
		ds_free(lx);
		ds_free(copy);
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	}
	line = ini_parse_string(copy, on_lex_key, lx);
	ds_free(copy);
	if (lx->nomem || line == -2) {
		ds_lexicon_free(lx);
		return ds_err_set(err, DS_ENOMEM, "out of memory reading %s",
				  name);
	}
	if (line != 0) {
		ds_err_set(err, DS_ECONFIG, "%s:%d: %s: fix the taxonomy",
			   name, line, lx->problem[0] ? lx->problem :
			   "not a 'key = value' or '[section]' line");
		ds_lexicon_free(lx);
		return DS_ECONFIG;
	}
	rc = build_table(lx);
	if (rc) {
		ds_lexicon_free(lx);
		if (rc == DS_ENOMEM)
			return ds_err_set(err, DS_ENOMEM, "out of memory");
		return ds_err_set(err, DS_ECONFIG, "%s: a category has no "
				  "terms and no model", name);
	}
	for (i = 0; i < lx->ncats; i++)
		models |= lx->cats[i].model;
	if (models) {
		rc = ds_model_builtin(&lx->model, err);
		if (rc) {
			ds_lexicon_free(lx);
			return rc;
		}
	}
	*out = lx;
	return 0;
}

int ds_lexicon_add_terms(struct ds_lexicon *lx, const char *cat,
			 const char *list)
{
	size_t i;
	int rc;

	for (i = 0; i < lx->ncats; i++)
		if (strcmp(lx->cats[i].name, cat) == 0)
			break;
	if (i == lx->ncats)
		return 0;
	rc = add_list(lx, (unsigned)i, TERM, list);
	if (rc)
		return rc == DS_ENOMEM ? DS_ENOMEM : DS_ECONFIG;
	ds_free(lx->table);
	lx->table = NULL;
	return build_table(lx) == DS_ENOMEM ? DS_ENOMEM : 0;
}

/* ---- matching ------------------------------------------------------- */

struct occ {
	long entry;
	size_t from, to;        /* tokens [from, to) */
};

struct scratch {
	struct occ *v;
	size_t n, cap;
	unsigned *seen;         /* per entry: the window it last counted in */
	unsigned stamp;
	const char *text;       /* the text judged (judge) */
};

static void scratch_release(struct scratch *s)
{
	ds_free(s->v);
	ds_free(s->seen);
}

/* Record occurrence of entry e at tokens [i, i + n). */
static int occ_add(struct scratch *s, long e, size_t i, size_t n)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		struct occ *nv = ds_realloc(s->v, cap * sizeof(*nv));

		if (!nv)
			return DS_ENOMEM;
		s->v = nv;
		s->cap = cap;
	}
	s->v[s->n].entry = e;
	s->v[s->n].from = i;
	s->v[s->n].to = i + n;
	s->n++;
	return 0;
}

/*
 * Where a gapped entry's stems from k on end when matched from token i
 * (before b, in sentence sent): the first token after, or 0.  A gap
 * takes as few words as it can.
 */
static size_t match_gapped(const struct ds_tokens *tk,
			   const struct entry *en, size_t k, size_t i,
			   size_t b, unsigned sent)
{
	size_t g, r;

	if (k == en->nstems)
		return i;
	if (strcmp(en->stems[k], LEX_GAP) == 0) {
		for (g = 0; g <= LEX_GAP_MAX && i + g < b; g++) {
			if (g && tk->v[i + g - 1].sent != sent)
				break;
			r = match_gapped(tk, en, k + 1, i + g, b, sent);
			if (r)
				return r;
		}
		return 0;
	}
	if (i >= b || tk->v[i].sent != sent ||
	    strcmp(en->exact ? ds_token_word(tk, i) : ds_token_stem(tk, i),
		   en->stems[k]) != 0)
		return 0;
	return match_gapped(tk, en, k + 1, i + 1, b, sent);
}

/* The entries of slot sl that match at token i (before b). */
static int match_slot(const struct ds_lexicon *lx, const struct ds_tokens *tk,
		      const struct slot *sl, size_t i, size_t b,
		      struct scratch *s)
{
	long e;
	size_t k;

	for (e = sl->key ? sl->head : -1; e >= 0; e = lx->e[e].next) {
		const struct entry *en = &lx->e[e];

		if (en->gapped) {
			size_t end = match_gapped(tk, en, 0, i, b,
						  tk->v[i].sent);

			if (end && occ_add(s, e, i, end - i))
				return DS_ENOMEM;
			continue;
		}
		if (i + en->nstems > b)
			continue;
		for (k = 0; k < en->nstems; k++)
			if (tk->v[i + k].sent != tk->v[i].sent ||
			    strcmp(en->exact ? ds_token_word(tk, i + k) :
				   ds_token_stem(tk, i + k),
				   en->stems[k]) != 0)
				break;
		if (k == en->nstems && occ_add(s, e, i, en->nstems))
			return DS_ENOMEM;
	}
	return 0;
}

/*
 * Every occurrence of every entry in tokens [a, b), in token order, found
 * by the token's stem and (for "exact" terms) by the word itself; a
 * phrase stays inside one sentence.
 */
static int find_all(const struct ds_lexicon *lx, const struct ds_tokens *tk,
		    size_t a, size_t b, struct scratch *s)
{
	size_t i;

	for (i = a; i < b; i++) {
		if (match_slot(lx, tk, slot_of(lx, ds_token_stem(tk, i)), i, b,
			       s))
			return DS_ENOMEM;
		if (tk->v[i].word != tk->v[i].stem &&
		    match_slot(lx, tk, slot_of(lx, ds_token_word(tk, i)), i, b,
			       s))
			return DS_ENOMEM;
	}
	return 0;
}

/* Is occurrence o inside one of its category's exclude phrases among
 * occurrences [a, b)? */
static int occ_excluded(const struct ds_lexicon *lx, const struct scratch *s,
			size_t a, size_t b, const struct occ *o)
{
	size_t i;

	for (i = a; i < b; i++) {
		const struct entry *x = &lx->e[s->v[i].entry];

		if (x->kind == EXCLUDE && x->cat == lx->e[o->entry].cat &&
		    s->v[i].from <= o->from && o->to <= s->v[i].to)
			return 1;
	}
	return 0;
}

/*
 * Is term occurrence o overlapped by another term of its category that
 * weighs more, or as much and spans more, or the same and starts first,
 * among occurrences [a, b)?  Overlapping terms ("add me", "add me on";
 * "need a bigger", "bigger stage") are one piece of evidence: only the
 * strongest of them counts.
 */
static int occ_overlapped(const struct ds_lexicon *lx, const struct scratch *s,
			  size_t a, size_t b, const struct occ *o)
{
	const struct entry *e = &lx->e[o->entry];
	size_t i, n = o->to - o->from;

	for (i = a; i < b; i++) {
		const struct occ *q = &s->v[i];
		const struct entry *x = &lx->e[q->entry];
		size_t m = q->to - q->from;

		if (q == o || x->kind != TERM || x->cat != e->cat ||
		    (x->beside && !e->beside) ||
		    q->entry == o->entry || q->to <= o->from ||
		    o->to <= q->from)
			continue;
		/* A term always outweighs a beside word over it. */
		if (e->beside && !x->beside)
			return 1;
		if (x->weight > e->weight ||
		    (x->weight == e->weight &&
		     (m > n || (m == n && q->from < o->from))))
			return 1;
	}
	return 0;
}

static void add_label(char *out, size_t size, const char *label)
{
	size_t len = strlen(out);

	if (len + strlen(label) + 3 >= size)
		return;
	snprintf(out + len, size - len, "%s%s", len ? ", " : "", label);
}

/* The model's judgement of one sentence, per category. */
struct model_hits {
	unsigned cats;
	unsigned strong;        /* hate hits at or above hate_strong */
	unsigned slur;          /* hate judged at or above slur_gate (a
				 * hit beside a slur target only) */
	unsigned abusive;       /* hate judged at or above hate_abusive (a
				 * hit in a window the rules find abusive
				 * only) */
	double score[DS_LEX_MAX_CATS];
	struct ds_model_feat top[DS_LEX_MAX_CATS][DS_MODEL_TOP];
	int ntop[DS_LEX_MAX_CATS];
	size_t from[DS_LEX_MAX_CATS], to[DS_LEX_MAX_CATS];
				/* the tokens of each category's hit */
};

#define MODEL_CHUNK 64          /* words scored at a time */
#define MODEL_MIN_WORDS 2       /* shorter sentences are not scored */

/* Does score sc pass category lc's hit (judge_model), for hate? */
static int hate_hit(const struct ds_lexicon *lx, const struct lcat *lc,
		    const struct ds_model_score *sc)
{
	double p = sc->p[DS_MODEL_HATE];
	double min = lc->model_min > 0 ? lc->model_min : lx->model->hate_min;

	if (lx->model->hate_strong > 0 && p >= lx->model->hate_strong)
		return 1;
	return p >= min && p + sc->p[DS_MODEL_OFFENSIVE] >=
	       lx->model->hate_gate;
}

/*
 * Does the model's hate hit m of category c hold with the words of c's
 * targets taken out?  A group's name is not an attack on it, yet the
 * name alone can score high ("I'm queer and I teach", "Queer Eye is my
 * comfort watch": the data it learnt from mostly used the word as a
 * slur).  So where the judgement is all there is beside the name, it
 * must rest on the other words.
 */
static int hit_without_group(const struct ds_lexicon *lx,
			     const struct ds_tokens *tk,
			     const struct scratch *s, size_t c,
			     const struct model_hits *m)
{
	const char *words[MODEL_CHUNK];
	struct ds_model_score sc;
	size_t lo = 0, hi = s->n, i, j, n = 0;

	/* The first occurrence starting in the hit's tokens (they are in
	 * the order of their first token). */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->v[mid].from < m->from[c])
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = m->from[c]; i < m->to[c] && n < MODEL_CHUNK; i++) {
		int group = 0;

		for (j = lo; j < s->n && s->v[j].from <= i && !group; j++) {
			const struct entry *en = &lx->e[s->v[j].entry];

			group = en->kind == TARGET && en->cat == c &&
				s->v[j].to > i;
		}
		if (!group)
			words[n++] = ds_token_word(tk, i);
	}
	if (n < MODEL_MIN_WORDS)
		return 0;
	ds_model_score(lx->model, words, n, 0, &sc);
	return hate_hit(lx, &lx->cats[c], &sc);
}

/*
 * Hate with no group named: in a window [a, b) the rules find abusive (a
 * category served by the model's abuse score holds, and its words are in
 * the window), the model judging a sentence hate at hate_abusive or more
 * makes hate.  Its reasons are those words and the model's.  `before`:
 * the categories that held before the window.
 */
static void judge_abusive(const struct ds_lexicon *lx,
			  const struct ds_tokens *tk, struct scratch *s,
			  size_t a, size_t b, const struct model_hits *m1,
			  const struct model_hits *m2, unsigned before,
			  struct ds_verdict *v)
{
	size_t c, d, i;

	for (c = 0; c < lx->ncats; c++) {
		const struct model_hits *m = m1->abusive & (1u << c) ? m1 :
			m2 && (m2->abusive & (1u << c)) ? m2 : NULL;
		struct ds_cat_why *w = &v->why[c];
		long first = -1;

		if (!m || lx->cats[c].model != 1 || (v->cats & (1u << c)))
			continue;
		/* The abusive words here, of a category that holds. */
		s->stamp++;
		for (i = a; i < b; i++) {
			const struct entry *en = &lx->e[s->v[i].entry];

			d = en->cat;
			if (en->kind != TERM || en->beside ||
			    lx->cats[d].model != 2 ||
			    !(v->cats & (1u << d)) ||
			    s->seen[s->v[i].entry] == s->stamp ||
			    occ_excluded(lx, s, a, b, &s->v[i]) ||
			    occ_overlapped(lx, s, a, b, &s->v[i]))
				continue;
			/* A category that held before this window needs
			 * words of its own weight here. */
			if ((before & (1u << d)) &&
			    en->weight < lx->cats[d].threshold)
				continue;
			s->seen[s->v[i].entry] = s->stamp;
			if (first < 0) {
				first = (long)i;
				memset(w, 0, sizeof(*w));
			}
			add_label(w->terms, sizeof(w->terms), en->label);
		}
		if (first < 0)
			continue;
		/* Said, so the DSL reads it as the model's judgement. */
		add_label(w->terms, sizeof(w->terms), "no group named");
		v->cats |= 1u << c;
		w->weight = lx->cats[c].threshold;
		w->score = m->score[c];
		memcpy(w->top, m->top[c], sizeof(w->top));
		w->ntop = m->ntop[c];
		w->start = tk->v[s->v[first].from].start;
		w->end = tk->v[s->v[first].to - 1].end;
	}
}

/* Words that carry no aim of their own between a hostile word and a
 * group ("Travellers are nothing but scum", "hate all these Muslims"). */
static const char *const filler[] = {
	"a", "all", "am", "an", "are", "be", "been", "being", "bloody",
	"complete", "completely", "effing", "fucking", "im", "is", "just",
	"like", "literally", "lot", "more", "most", "nothing", "but", "of",
	"really", "so", "such", "the", "total", "totally", "utter", "was",
	"were", "bunch", "load", "pack", "absolute", "absolutely", NULL
};

static int is_filler(const char *w)
{
	size_t i;

	for (i = 0; filler[i]; i++)
		if (strcmp(w, filler[i]) == 0)
			return 1;
	return 0;
}

/*
 * Do tokens [from, to) and the gaps around them join a hostile word to
 * a group: only filler words, and no mark that ends a sentence or a
 * clause (";", ".", "!", "?", ":", brackets) in the text between?  A
 * comma may: "Travellers, thieving scum the lot of them".
 */
static int joined(const struct ds_tokens *tk, const char *text,
		  size_t from, size_t to)
{
	size_t i, k;

	for (i = from; i < to; i++)
		if (!is_filler(ds_token_word(tk, i)))
			return 0;
	for (i = from ? from - 1 : 0; text && i < to && i + 1 < tk->n; i++)
		for (k = tk->v[i].end; k < tk->v[i + 1].start; k++)
			if (strchr(";.!?:()[]", text[k]))
				return 0;
	return 1;
}

/*
 * Is term occurrence o aimed at a group: for a term of the category's
 * "aimed" list, one of its targets or people words joined to it by
 * filler words only, either side ("hate immigrants", "Travellers are
 * scum", "they are a plague")?  Such a hostile word elsewhere in the
 * sentence is about something else: "the way Travellers are treated is
 * disgusting", "I hate Mondays, the gay bar shuts early".  Other terms
 * need no aim.
 */
static int aimed(const struct ds_lexicon *lx, const struct ds_tokens *tk,
		 const struct scratch *s, size_t a, size_t b,
		 const struct occ *o)
{
	const struct entry *en = &lx->e[o->entry];
	size_t i;

	if (!en->aimed)
		return 1;
	for (i = a; i < b; i++) {
		const struct occ *q = &s->v[i];
		const struct entry *x = &lx->e[q->entry];
		size_t lo, hi;

		if (x->cat != en->cat || (x->kind != TARGET &&
					  x->kind != PEOPLE))
			continue;
		lo = q->from >= o->to ? o->to : q->to;
		hi = q->from >= o->to ? q->from : o->from;
		if (q->from < o->to && o->from < q->to)
			return 1;       /* they overlap */
		if (joined(tk, s->text, lo, hi))
			return 1;
	}
	return 0;
}

/*
 * The rules over occurrences [a, b) (a window), with the model's hits in
 * its sentences (m1, m2; m2 may be NULL): categories not yet in v that
 * hold now are added with their reasons.  A model hit weighs 1, as a term
 * does: the model alone never makes a category, a term or target of it
 * beside the model's judgement does.
 */
static void judge_rules(const struct ds_lexicon *lx,
			const struct ds_tokens *tk, struct scratch *s,
			size_t a, size_t b, const struct model_hits *m1,
			const struct model_hits *m2, struct ds_verdict *v)
{
	int weight[DS_LEX_MAX_CATS] = { 0 }, target[DS_LEX_MAX_CATS] = { 0 };
	int maxw[DS_LEX_MAX_CATS] = { 0 };
	int bweight[DS_LEX_MAX_CATS] = { 0 }, nbeside[DS_LEX_MAX_CATS] = { 0 };
	long first[DS_LEX_MAX_CATS], tgt[DS_LEX_MAX_CATS];
	long bfirst[DS_LEX_MAX_CATS];
	long ppl[DS_LEX_MAX_CATS];
	int slur_target[DS_LEX_MAX_CATS] = { 0 };
	unsigned strong = m1->strong | (m2 ? m2->strong : 0);
	unsigned before = v->cats;
	size_t i, c;

	s->stamp++;
	for (c = 0; c < lx->ncats; c++)
		first[c] = tgt[c] = ppl[c] = bfirst[c] = -1;
	for (i = a; i < b; i++) {
		const struct occ *o = &s->v[i];
		const struct entry *en = &lx->e[o->entry];

		if (en->kind == EXCLUDE || (v->cats & (1u << en->cat)))
			continue;
		if (s->seen[o->entry] == s->stamp)
			continue;
		if (occ_excluded(lx, s, a, b, o))
			continue;
		if (en->kind == TERM && (occ_overlapped(lx, s, a, b, o) ||
					 !aimed(lx, tk, s, a, b, o)))
			continue;
		s->seen[o->entry] = s->stamp;
		if (en->kind == PEOPLE) {
			if (ppl[en->cat] < 0)
				ppl[en->cat] = (long)i;
			continue;
		}
		if (en->kind == TARGET) {
			if (en->weight > 1)
				slur_target[en->cat] = 1;
			if (!target[en->cat])
				tgt[en->cat] = (long)i;
			target[en->cat] = 1;
			continue;
		}
		if (en->beside) {
			bweight[en->cat] += en->weight;
			nbeside[en->cat]++;
			if (bfirst[en->cat] < 0)
				bfirst[en->cat] = (long)i;
			continue;
		}
		weight[en->cat] += en->weight;
		if (en->weight > maxw[en->cat])
			maxw[en->cat] = en->weight;
		if (first[en->cat] < 0)
			first[en->cat] = (long)i;
	}
	for (c = 0; c < lx->ncats; c++) {
		struct ds_cat_why *w = &v->why[c];
		const struct model_hits *m = m1->cats & (1u << c) ? m1 :
			m2 && (m2->cats & (1u << c)) ? m2 : NULL;
		int total;

		/* "beside" terms count only beside a target of theirs, and
		 * only as many as the category asks ("a pupil" with
		 * "texted" and "late at night"). */
		if (target[c] && nbeside[c] &&
		    nbeside[c] >= (lx->cats[c].beside_min ?
				   lx->cats[c].beside_min : 1)) {
			weight[c] += bweight[c];
			if (first[c] < 0 || bfirst[c] < first[c])
				first[c] = bfirst[c];
		} else {
			nbeside[c] = 0;
		}

		/* A slur that is also an ordinary word ("fag:2" among the
		 * targets) needs the model's judgement only past the lower
		 * slur_gate. */
		if (!m && slur_target[c])
			m = m1->slur & (1u << c) ? m1 :
			    m2 && (m2->slur & (1u << c)) ? m2 : NULL;

		/* A strong judgement of hate beside an attack (a term)
		 * and words aimed at people ("these", "you lot") needs
		 * no group named. */
		if (m && (strong & (1u << c)) && weight[c] && !target[c] &&
		    ppl[c] >= 0) {
			target[c] = 1;
			tgt[c] = ppl[c];
		}
		total = weight[c] + (m ? 1 : 0);

		if (total && target[c])
			total++;
		if ((!weight[c] && !m) || total < lx->cats[c].threshold)
			continue;
		if (lx->cats[c].need_target && !target[c] &&
		    maxw[c] < lx->cats[c].threshold)
			continue;
		/* A group named beside the model's judgement, and no term
		 * of the category: the judgement must not rest on the
		 * group's name (a slur target is a slur, and stays). */
		if (m && !weight[c] && lx->cats[c].model == 1 &&
		    !slur_target[c] && (m->cats & (1u << c)) &&
		    !hit_without_group(lx, tk, s, c, m))
			continue;
		v->cats |= 1u << c;
		memset(w, 0, sizeof(*w));
		w->weight = total;
		w->score = -1;
		if (m) {
			w->score = m->score[c];
			memcpy(w->top, m->top[c], sizeof(w->top));
			w->ntop = m->ntop[c];
		}
		i = (size_t)(first[c] >= 0 ? first[c] : tgt[c]);
		w->start = tk->v[s->v[i].from].start;
		w->end = tk->v[s->v[i].to - 1].end;
		/* The terms that counted, in order, then the target. */
		s->stamp++;
		for (i = a; i < b; i++) {
			const struct entry *en = &lx->e[s->v[i].entry];

			if (en->cat != c || en->kind != TERM ||
			    (en->beside && !nbeside[c]) ||
			    s->seen[s->v[i].entry] == s->stamp ||
			    occ_excluded(lx, s, a, b, &s->v[i]) ||
			    occ_overlapped(lx, s, a, b, &s->v[i]) ||
			    !aimed(lx, tk, s, a, b, &s->v[i]))
				continue;
			s->seen[s->v[i].entry] = s->stamp;
			add_label(w->terms, sizeof(w->terms), en->label);
		}
		if (target[c] && tgt[c] >= 0)
			add_label(w->terms, sizeof(w->terms),
				  lx->e[s->v[tgt[c]].entry].label);
	}
	judge_abusive(lx, tk, s, a, b, m1, m2, before, v);
}


/*
 * The model over tokens [a, b) (one sentence, in chunks) into m; only
 * when `needed` (a term or target of a category the model serves is near:
 * alone the model decides nothing, so it is not asked).
 */
static void judge_model(const struct ds_lexicon *lx,
			const struct ds_tokens *tk, size_t a, size_t b,
			int needed, struct model_hits *m)
{
	const char *words[MODEL_CHUNK];
	size_t i, c, n;

	m->cats = m->strong = m->slur = m->abusive = 0;
	/* A one-word heading says too little to judge. */
	if (!lx->model || !needed || b - a < MODEL_MIN_WORDS)
		return;
	for (i = a; i < b; i += n) {
		struct ds_model_score sc;
		int explained = 0;

		n = b - i < MODEL_CHUNK ? b - i : MODEL_CHUNK;
		for (c = 0; c < n; c++)
			words[c] = ds_token_word(tk, i + c);
		ds_model_score(lx->model, words, n, 0, &sc);
		for (c = 0; c < lx->ncats; c++) {
			const struct lcat *lc = &lx->cats[c];
			double p, min;
			int strong, slur;

			if (!lc->model || (m->cats & (1u << c)))
				continue;
			p = lc->model == 1 ? sc.p[DS_MODEL_HATE] :
			    sc.p[DS_MODEL_HATE] + sc.p[DS_MODEL_OFFENSIVE];
			min = lc->model_min > 0 ? lc->model_min :
			      lc->model == 1 ? lx->model->hate_min :
			      lx->model->abuse_min;
			strong = lc->model == 1 && lx->model->hate_strong > 0 &&
				 p >= lx->model->hate_strong;
			slur = lc->model == 1 && lx->model->slur_gate > 0 &&
			       p >= min && sc.p[DS_MODEL_HATE] +
			       sc.p[DS_MODEL_OFFENSIVE] >= lx->model->slur_gate;
			/* Kept in case the window is abusive by the rules
			 * (judge_rules): the score and its reasons. */
			if (lc->model == 1 && lx->model->hate_abusive > 0 &&
			    sc.p[DS_MODEL_HATE] >= lx->model->hate_abusive &&
			    !(m->abusive & (1u << c))) {
				m->abusive |= 1u << c;
				if (!explained) {
					ds_model_score(lx->model, words, n, 1,
						       &sc);
					explained = 1;
				}
				if (!((m->cats | m->slur) & (1u << c))) {
					m->score[c] = p;
					memcpy(m->top[c], sc.top,
					       sizeof(sc.top));
					m->ntop[c] = sc.ntop;
				}
			}
			/* Hate is also abusive: it passes hate's gate, or
			 * is judged hate strongly enough alone. */
			if (!strong && (p < min || sc.p[DS_MODEL_HATE] +
			    sc.p[DS_MODEL_OFFENSIVE] < (lc->model == 1 ?
			    lx->model->hate_gate : lx->model->abuse_min))) {
				/* Below the gate: a hit beside a slur only. */
				if (!slur || (m->slur & (1u << c)))
					continue;
				m->slur |= 1u << c;
				if (!explained) {
					ds_model_score(lx->model, words, n, 1,
						       &sc);
					explained = 1;
				}
				m->score[c] = p;
				memcpy(m->top[c], sc.top, sizeof(sc.top));
				m->ntop[c] = sc.ntop;
				continue;
			}
			if (strong)
				m->strong |= 1u << c;
			if (!explained) {
				ds_model_score(lx->model, words, n, 1, &sc);
				explained = 1;
			}
			m->cats |= 1u << c;
			m->score[c] = p;
			memcpy(m->top[c], sc.top, sizeof(sc.top));
			m->ntop[c] = sc.ntop;
			m->from[c] = i;
			m->to[c] = i + n;
		}
	}
}

/* Judge text: each window of a sentence and the next (whole: the text
 * is one sentence). */
static int judge(const struct ds_lexicon *lx, const char *text, size_t len,
		 int whole, struct ds_verdict *v, struct ds_err *err)
{
	struct model_hits *mh = NULL;
	struct ds_tokens tk;
	struct scratch s;
	size_t *sent_occ = NULL, *sent_tok = NULL, i;
	unsigned char *near = NULL;
	unsigned k, nsent;
	int rc = 0;

	memset(v, 0, sizeof(*v));
	memset(&s, 0, sizeof(s));
	if (ds_tokens_make(&tk, text, len, 1))
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	if (!tk.n)
		goto out;
	if (whole)
		for (i = 0; i < tk.n; i++)
			tk.v[i].sent = 0;
	nsent = whole ? 1 : tk.nsent;
	s.text = text;
	s.seen = ds_calloc(lx->ne + 1, sizeof(*s.seen));
	sent_occ = ds_calloc(nsent + 1, sizeof(*sent_occ));
	sent_tok = ds_calloc(nsent + 1, sizeof(*sent_tok));
	mh = ds_calloc(2, sizeof(*mh));
	near = ds_calloc(nsent + 2, 1);
	if (!s.seen || !sent_occ || !sent_tok || !mh || !near ||
	    find_all(lx, &tk, 0, tk.n, &s)) {
		rc = ds_err_set(err, DS_ENOMEM, "out of memory");
		goto out;
	}
	/* Where each sentence's tokens and occurrences begin. */
	for (k = 0, i = 0; k <= nsent; k++) {
		while (i < tk.n && tk.v[i].sent < k)
			i++;
		sent_tok[k] = i;
	}
	for (k = 0, i = 0; k <= nsent; k++) {
		while (i < s.n && tk.v[s.v[i].from].sent < k)
			i++;
		sent_occ[k] = i;
	}
	/* near[k + 1]: sentence k has a term or target of a category the
	 * model serves. */
	for (i = 0; i < s.n; i++)
		if (lx->cats[lx->e[s.v[i].entry].cat].model &&
		    lx->e[s.v[i].entry].kind != EXCLUDE)
			near[tk.v[s.v[i].from].sent + 1] = 1;
	/* A text as short as a post is judged by the model whole, as it
	 * was trained: its sentences are often fragments ("Stay home then.
	 * Fuck u") that say little alone.  The rules still go by window. */
	if (tk.n <= MODEL_CHUNK) {
		for (k = 1; k <= nsent && !near[k]; k++)
			;
		judge_model(lx, &tk, 0, tk.n, k <= nsent, &mh[0]);
		for (k = 0; k < nsent; k++) {
			unsigned last = k + 1 < nsent ? k + 1 : k;

			judge_rules(lx, &tk, &s, sent_occ[k],
				    sent_occ[last + 1], &mh[0], NULL, v);
		}
		goto out;
	}
	/* mh[k % 2] is sentence k's model judgement, asked when a window
	 * holding sentence k has such a term. */
	judge_model(lx, &tk, sent_tok[0], sent_tok[1],
		    near[1] || (nsent > 1 && near[2]), &mh[0]);
	for (k = 0; k < nsent; k++) {
		unsigned last = k + 1 < nsent ? k + 1 : k;

		if (last != k)
			judge_model(lx, &tk, sent_tok[last],
				    sent_tok[last + 1], near[last] ||
				    near[last + 1] || near[last + 2],
				    &mh[last % 2]);
		judge_rules(lx, &tk, &s, sent_occ[k], sent_occ[last + 1],
			    &mh[k % 2], last != k ? &mh[last % 2] : NULL, v);
	}
out:
	ds_free(near);
	ds_free(mh);
	ds_free(sent_occ);
	ds_free(sent_tok);
	scratch_release(&s);
	ds_tokens_release(&tk);
	return rc;
}

int ds_lexicon_sentence(const struct ds_lexicon *lx, const char *text,
			size_t len, struct ds_verdict *v, struct ds_err *err)
{
	return judge(lx, text, len, 1, v, err);
}

int ds_lexicon_text(const struct ds_lexicon *lx, const char *text,
		    size_t len, struct ds_verdict *v, struct ds_err *err)
{
	return judge(lx, text, len, 0, v, err);
}
