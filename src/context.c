/*
 * context.c: is the concern the candidate's own conduct (see context.h)?
 *
 * The page text is folded once (triage.h: ds_fold) and every mention of
 * the candidate found in it.  The text is then cut into lines (the page's
 * blocks) and sentences.  Lines that carry a date and little else are the
 * headers of posts and comments; the short lines above one name its
 * author.  Each sentence gets a role: the candidate's own words, or, for
 * a sentence that names them, what the words around the name say they
 * did (acted, suffered, saw, judged, reported).  A sentence that does not
 * name them inherits the role of the one before when it refers back
 * ("She", "The teacher") in the same post.  Cue words are matched on the
 * folded text, whole words only.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "context.h"
#include "handle.h"
#include "lexicon.h"
#include "mem.h"

#define MAX_FORMS 64
#define MAX_MENTIONS 4096
#define MAX_WORDS 200           /* words of a sentence looked at */

static const char *const role_names[DS_CTX_COUNT] = {
	[DS_CTX_NONE] = "none", [DS_CTX_ACTOR] = "actor",
	[DS_CTX_OWN] = "own-words", [DS_CTX_VICTIM] = "victim",
	[DS_CTX_WITNESS] = "witness", [DS_CTX_OFFICIAL] = "official-role",
	[DS_CTX_REPORTER] = "reporter", [DS_CTX_QUOTED] = "quoted-abuse",
	[DS_CTX_OTHERS] = "third-party", [DS_CTX_TEACHING] = "teaching",
	[DS_CTX_GENRE] = "document-kind", [DS_CTX_SPORT] = "sport-or-game"
};

const char *ds_ctx_role_name(enum ds_ctx_role r)
{
	return r < DS_CTX_COUNT ? role_names[r] : "unknown";
}

void ds_ctx_roles_format(unsigned bits, char *out, size_t size)
{
	size_t i, len = 0;

	if (!size)
		return;
	out[0] = '\0';
	for (i = 1; i < DS_CTX_COUNT; i++) {
		if (!(bits & (1u << i)))
			continue;
		len += (size_t)snprintf(out + len, len < size ? size - len : 0,
					"%s%s", len ? "," : "", role_names[i]);
	}
	if (len >= size)
		out[size - 1] = '\0';
}

/* ---- cue words (folded: lowercase ASCII, words apart by one space) --- */

/* Words just before the name that make them the one acted upon. */
static const char *const victim_before[] = {
	"victim", "victims", "attacked", "assaulted", "punched", "kicked",
	"shoved", "pushed", "threatened", "abused", "harassed", "stalked",
	"targeted", "target", "robbed", "injured", "stabbed", "headbutted",
	"bullied",
	"trolled", "insulted", "spat at", "against", "towards", "abusing",
	"attacking", "threatening", "harassing", "assaulting", "shoving",
	"pushing", "aimed at", "directed at", "shouted at", "hurled at",
	"sent to", "abuse at", "attack on", "assault on", "messages to",
	"message to", "threats to", "letters to", "emails to", "texts to",
	"calls to", "targeting", "harassment of", "stalking of",
	"intimidation of", "abuse of", "sent", "messaged", "emailed",
	"texted", "communications to", "communication to", "letter to",
	"email to", "text to", "note to", "notes to", "voicemails to",
	"remarks to", "remarks about", "comments about", "posts about",
	NULL
};
/* Words that open a noun phrase before a name ("aimed at our manager,
 * Jo Bloggs"): the cue before it may stand further back. */
static const char *const determiners[] = {
	"our", "the", "their", "his", "her", "my", "a", "an", NULL
};
/* After the name: "was (verbally) attacked", "had been abused". */
static const char *const passive_aux[] = {
	"was", "were", "been", "being", "got", "is", NULL
};
static const char *const victim_participle[] = {
	"attacked", "assaulted", "punched", "hit", "kicked", "shoved",
	"pushed", "threatened", "abused", "harassed", "stalked", "targeted",
	"robbed", "injured", "stabbed", "headbutted", "bullied", "trolled",
	"insulted", "spat", "subjected", "racially", "verbally", "physically",
	"sexually", "mugged", "hurt", "knocked", "called", "glassed",
	"bottled", "jumped", "battered", "decked", "lamped", "slapped",
	"smacked", "bitten", "knifed", "shanked", "glassing", "nutted",
	"tricked", "scammed", "conned", "duped", "defrauded", "swindled",
	NULL
};
/* Before a name, with "a" after it: the names they were called. */
static const char *const called_before[] = {
	"called", "calling", "branded", NULL
};
/* Before a passive in their own words: "I got glassed", "Got jumped". */
static const char *const own_passive_aux[] = {
	"got", "was", "been", "get", "getting", NULL
};
static const char *const victim_after[] = {
	"the victim", "a victim", "who was attacked", "received abuse",
	"suffered", "was the target", "received threats", "said the caller",
	"said a caller", "said the scammer", "said the fraudster",
	"said the fraudsters", "said the scammers",
	/* Damage they came back to: "returned to her car on Tuesday to
	 * find"; not "returned to find him crying". */
	"returned to her car", "returned to his car", "returned to their car",
	NULL
};
/* Anywhere in a sentence about them: what was said or done to them. */
static const char *const victim_any[] = {
	"calling her", "calling him", "called her a", "called him a",
	"telling her to", "telling him to", "told her to", "told him to",
	"abuse she received", "abuse he received", "screenshots",
	"reported the abuse", "targeted by", "subjected to",
	"on the receiving end", "racially abused", "spat at", "abuse aimed",
	"abuse directed", "messages calling", "threats against her",
	"threats against him", NULL
};
/* A game, a sport or play: "murdered them in the scrum", "slaughtered them on
 * the picture round". */
static const char *const sport_cues[] = {
	"a tackle", "the tackle", "late tackle", "sliding tackle",
	"rugby tackle", "scrum", "hat trick", "innings", "wicket",
	"goalkeeper", "penalty shootout", "final whistle", "the kick off",
	"before kick off", "after kick off",
	"quiz", "pub quiz", "music round", "picture round", "league table",
	"match report", "semi final", "opening try", "the try line",
	"first half", "second half", "extra time", "the bowling",
	"boxing session", "boxing club", "boxing gym", "boxing class",
	"boxing match", "boxing programme", "sparring", "punch bag",
	"punchbag", "boxing pads",
	/* Play: a dressing-up day's cardboard swords. */
	"cardboard", "pool noodle", "pool noodles", "foam sword",
	"foam swords", "toy sword", "toy swords", "fancy dress", "dressing up",
	"pirate day", NULL
};
/* Near the name: they saw it happen. */
static const char *const witness_cues[] = {
	"witness", "witnesses", "saw", "seen", "witnessed", "gave evidence",
	"described seeing", "ran to help", "called police",
	"called the police", "called 999", "dialled 999", "raised the alarm",
	"heard shouting", "came to help", "went to help", "tried to help",
	"giving evidence", "gives evidence", "told the jury how",
	"told a jury how", "court heard from", "jury heard from",
	"passer by", "a bystander", "an onlooker", "filmed the",
	"handed the footage", "handed footage", NULL
};
/* Anywhere in the sentence, a rescue: whom they grabbed they saved
 * (not "staff led the class to safety" after someone else's blow). */
static const char *const rescue_cues[] = {
	"pulled him clear", "pulled her clear", "pulled them clear",
	"pulled him to safety", "pulled her to safety",
	"pulled them to safety", "dragged him to safety",
	"dragged her to safety", "dragged them to safety",
	"carried him to safety", "carried her to safety",
	"out of the path of", "out of harms way", NULL
};
/* A defendant's own evidence is no witness's. */
static const char *const own_defence[] = {
	"own defence", "own defense", "his defence", "her defence", NULL
};
/* Just before the name: the office they hold in the story. */
static const char *const official_before[] = {
	"magistrate", "magistrates", "chair of the bench", "bench chair",
	"judge", "recorder", "district judge", "prosecuting", "prosecutor",
	"defending", "solicitor", "barrister", "coroner", "inspector",
	"sergeant", "detective", "constable", "officer", "pc", "dc", "ds",
	"di", "chairman", "chairwoman", "chair", "investigating", "lado",
	"juror", "foreman of the jury", NULL
};
/* Just after it. */
/* Verbs whose object the name is: "the footage showed Jo Bloggs". */
static const char *const shown_verbs[] = {
	"showed", "shows", "showing", "saw", "heard", "told", "found",
	"watched", "filmed", "caught", "described", "named", "identified",
	NULL
};
static const char *const official_after[] = {
	"presiding", "chairing", "sitting as", "prosecuting", "defending",
	"for the prosecution", "for the defence", "who chaired",
	"who sentenced", "sentencing", "the magistrate", "the judge", NULL
};
/* A byline: "By Jane Smith, Crime reporter". */
static const char *const reporter_after[] = {
	"reporter", "correspondent", "editor", "columnist", "journalist",
	"writes", "reports", NULL
};
/* A reporter's job in a byline ("Court Reporter"); not a columnist's. */
static const char *const byline_jobs[] = {
	"reporter", "correspondent", "journalist", NULL
};
/* A sentence about their reporting: the concern is the news they
 * covered ("eight years of court reporting: a stabbing, ..."). */
static const char *const reporting_cues[] = {
	"court reporting", "council reporting", "news reporting",
	"years of reporting", "my reporting", "as a reporter",
	"as a journalist", "court reporter", "crime reporter",
	"chief reporter", "years covering", "covering the courts",
	"covered the courts", "covering courts", "covering crime",
	"covered crime", "for the paper", "newsroom", "my clips",
	"selected clips", "cuttings", NULL
};
/* The concern is what they teach, campaign or raise money against. */
static const char *const teaching_cues[] = {
	"awareness", "anti bullying", "anti racism", "anti racist",
	"assembly", "assemblies", "workshop", "workshops", "lesson on",
	"lessons on", "lesson about", "talk on", "talk about", "session on",
	"sessions on", "training on", "training about", "training for staff",
	"staff training", "safeguarding training", "training course",
	"training courses", "training session on", "training sessions on",
	"delivered training", "delivers training", "deliver training",
	"training day", "inset", "prevention", "campaign against bullying",
	"campaign against racism", "campaign against hate",
	"campaign against knife", "campaign against violence",
	"campaign against drugs", "campaign against abuse",
	"fundraiser", "fundraising", "raising money", "raised money",
	"sponsored", "curriculum", "pshe", "rshe", "designated safeguarding",
	"safeguarding lead", "online safety", "e safety", "taught pupils",
	"what to look out for", "signs to look out for", "how to spot",
	"warning signs",
	"teaches pupils", "reminded pupils", "warned pupils", "road safety",
	"first aid", "staying safe", "stay safe",
	/* Weapons given up, not carried. */
	"knife amnesty", "knife bin", "knife bins", "surrender bin",
	"surrender bins",
	/* Research about a harm, not the harm. */
	"our paper", "group paper", "research paper", "citations",
	"our research", "research into", "our study", "peer reviewed",
	"journal article", "conference paper", "my thesis", NULL
};
/* A court's verdict on them: never a lesson or a campaign. */
static const char *const verdict_cues[] = {
	"found guilty", "pleaded guilty", "admitted", "convicted",
	"was sentenced", "was fined", "were fined", "was jailed",
	"was charged", NULL
};
/* Abuse they received, quoted in their own words. */
static const char *const received_cues[] = {
	"called me", "told me to", "sent me", "messaged me", "emailed me",
	"tweeted me", "wrote to me", "troll", "trolls", "trolled",
	"i was called", "below the line", "dms", "inbox", "my mentions",
	"hate mail", NULL
};
/* Someone else speaking: what follows or comes before in quotation
 * marks is their words, not the writer's ("she said \"...\").  Not
 * "they say": a saying quoted is the writer's own. */
static const char *const others_speech[] = {
	"he said", "she said", "they said", "he says", "she says",
	"he shouted", "she shouted", "he yelled", "she yelled",
	"he screamed", "she screamed", "he wrote", "she wrote", "he told",
	"she told", "he texted", "she texted", "he replied", "she replied",
	"someone said", "someone wrote", "he laughed", "she laughed",
	/* A pupil's answer quoted by their teacher. */
	"kid wrote", "kids wrote", "pupil wrote", "pupils wrote",
	"student wrote", "students wrote", "child wrote", "kid said",
	"pupil said", "student said", "child said", "kid asked",
	"pupil asked", "student asked", NULL
};
/* A line that introduces what they received, set out below it. */
static const char *const received_intro[] = {
	"what arrived", "a sample of", "some of the messages",
	"some of the comments", "messages i received", "messages ive had",
	"what i received", "what ive received", "what lands in my inbox",
	"what people send me", "a selection of the", "heres what landed",
	"here is what landed", "heres a taste", NULL
};
/* The writer alone: "we" may be the abuse's own word. */
static const char *const first_singular[] = {
	"i", "im", "ive", "id", "ill", "me", "my", "myself", NULL
};
/* The names someone called them, unquoted ("a dad called me a useless
 * cow at pick-up"): the words after, to the end of the clause. */
static const char *const called_cues[] = {
	"called me", "calling me", "calls me", "i was called", NULL
};
/* Words that end the clause of a name they were called. */
static const char *const clause_words[] = {
	"so", "and", "then", "but", "because", "cos", "after", "before",
	"which", "when", "while", "until", "till", "where", "i", "im",
	NULL
};
/* A sentence about a book, play or film, not about life. */
static const char *const review_cues[] = {
	"chapter", "chapters", "the author", "the novel", "the plot",
	"the narrator", "the protagonist", "the book", "this book",
	"the film", "this film", "the play", "the series", "thriller",
	"thrillers", "whodunnit", "crime fiction", "page turner",
	"reading shelf", "my rating", "spoilers", "spoiler", "stars",
	/* Songs: a folk night's murder ballads. */
	"ballad", "ballads", "folk song", "folk songs", "the song",
	"the lyrics", "the chorus", "setlist", "set list",
	/* The set texts of school English: a class's Macbeth. */
	"macbeth", "lady macbeth", "romeo and juliet", "an inspector calls",
	"of mice and men", "lord of the flies", "a christmas carol",
	"jekyll and hyde", "blood brothers", "to kill a mockingbird",
	"the crucible", "frankenstein", "othello", "hamlet", "julius caesar",
	"king lear", "the tempest",
	/* A show children put on: a nativity's donkey, a panto's villain. */
	"nativity", "nativity play", "panto", "pantomime", "school play",
	"the school show", "dress rehearsal", NULL
};
/* In their own words: what they saw or judged, not what they did. */
static const char *const own_witness[] = {
	"i have seen", "ive seen", "i saw", "i watched", "i witnessed",
	"we have seen", "weve seen", "we saw", NULL
};
static const char *const own_official[] = {
	"magistrate", "magistrates", "the bench", "on the bench",
	"defendant", "defendants", "in the dock", "came before",
	"in court i", "youth court", "jury service", "jury duty",
	"on a jury", "on the jury", "juror", "licensing committee",
	"licensing sub committee", "revoked the licence", "revoked its licence",
	"review of the licence", NULL
};
/* A sentence that starts with one of these refers back. */
static const char *const backref_first[] = {
	"he", "she", "they", "his", "her", "their", "him", "hers", "both",
	"banned", "fined", "jailed", "given", "ordered", "sentenced",
	"remanded", "bailed", "committed", "disqualified", "cautioned",
	"charged", "convicted", "acquitted", "cleared", "admitted",
	"pleaded", "denied", NULL
};
/* "The teacher", "the 36 year old". */
static const char *const backref_the[] = {
	"teacher", "teaching", "defendant", "accused", "woman", "man",
	"mother", "father", "coach", "headteacher", "tutor", "assistant",
	"nursery", "former", NULL
};
/*
 * Jobs in a school, said of the candidate in a sentence about them or in
 * the author lines of their own post ("works as a teaching assistant",
 * "Teacher's wage", "Verified teacher: Jo Bloggs"): evidence that the
 * person named is the one applying to work with children.
 */
static const char *const occupations[] = {
	"teacher", "teachers", "teaching assistant", "teaching assistants",
	"learning support assistant", "supply teacher", "headteacher",
	"head teacher", "deputy head", "deputy headteacher", "senco",
	"nursery nurse", "nursery worker", "early years practitioner",
	"form tutor", "lunchtime supervisor", "works at a primary school",
	"works at a secondary school", "works at a school",
	"works in a school", NULL
};
/* Job titles that count only as written, in capitals ("TA & proud mum";
 * "ta" is also thanks). */
static const char *const occupation_caps[] = {
	"TA", "HLTA", "LSA", "SENCO", "SENDCo", "NQT", "ECT", NULL
};

/* Does text[s, e) hold one of occupation_caps as a word, as written? */
static int has_caps_job(const char *text, size_t s, size_t e)
{
	size_t i, k, n;

	for (i = s; i < e; i++) {
		if (i > s && isalnum((unsigned char)text[i - 1]))
			continue;
		for (k = 0; occupation_caps[k]; k++) {
			n = strlen(occupation_caps[k]);
			if (i + n > e ||
			    memcmp(text + i, occupation_caps[k], n) != 0)
				continue;
			if (i + n == e ||
			    !isalnum((unsigned char)text[i + n]))
				return 1;
		}
	}
	return 0;
}

/*
 * The candidate agreeing with what the page reports ("every word on them
 * is true", "they're not wrong"): when the page carries hate speech (a
 * special category), their agreement is theirs to answer for.
 */
static const char *const endorse_cues[] = {
	"every word on them is true", "every word of it is true",
	"every word is true", "every word of that is true",
	"agree with every word", "theyre not wrong", "theyre right",
	"they were right", "were right about everything", "not wrong though",
	"said what we are all thinking", "saying what we are all thinking",
	"what were all thinking", "what everyone is thinking",
	"what everyones thinking", "about time someone said it",
	"finally someone said it", "no lies detected",
	"couldnt have put it better", "couldnt agree more", "well said",
	"hear hear", "spot on", "said it better myself", NULL
};

/* A page that is a policy, lesson, curriculum, novel or review. */
static const char *const genre_words[] = {
	"policy", "policies", "lesson", "lessons", "curriculum",
	"scheme of work", "schemes of work", "pshe", "rshe", "syllabus",
	"lesson plan", "worksheet", "book review", "book reviews",
	"novel", "novels", "fiction", "reading list", "book club",
	"short story", "poem", "poetry", "film review", "film reviews",
	"theatre review", "what i read", "books", "revision guide",
	"study guide", "set text", "set texts", "glossary",
	/* A page that teaches about a harm. */
	"awareness week", "awareness day", "awareness month", "how to talk",
	"how to spot", "advice for parents", "a guide to",
	"what parents need to know", "ballad", "ballads", "folk song",
	"folk songs", NULL
};
/* Titles before a surname. */
static const char *const titles[] = {
	"mr", "mrs", "miss", "ms", "mx", "dr", "prof", "professor", "sir",
	"dame", "coach", "rev", "father", NULL
};
static const char *const months[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december", "jan",
	"feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
	"nov", "dec", NULL
};

/* ---- folded-text helpers ---------------------------------------------- */

/* Is word (folded, may hold spaces) at s[at] as whole words, before to? */
static int word_at(const char *s, size_t at, size_t to, const char *word)
{
	size_t wl = strlen(word);

	if (at + wl > to || memcmp(s + at, word, wl) != 0)
		return 0;
	return at + wl == to || s[at + wl] == ' ';
}

/* Does s[from, to) hold one of list as whole words? */
static int range_has(const char *s, size_t from, size_t to,
		     const char *const *list)
{
	size_t i;

	for (i = from; i < to; i++) {
		size_t k;

		if (i > from && s[i - 1] != ' ')
			continue;
		for (k = 0; list[k]; k++)
			if (list[k][0] == s[i] && word_at(s, i, to, list[k]))
				return 1;
	}
	return 0;
}

/* Is s[0, n) one of list (ASCII case aside: folded text, or as
 * written)? */
static int in_list(const char *s, size_t n, const char *const *list)
{
	size_t k;

	for (k = 0; list[k]; k++)
		if (strlen(list[k]) == n && strncasecmp(list[k], s, n) == 0)
			return 1;
	return 0;
}

/* First folded index whose original offset is at least off. */
static size_t fidx(const struct ds_fold *f, size_t off)
{
	size_t lo = 0, hi = f->len;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (f->map[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* ---- the candidate's names -------------------------------------------- */

struct names {
	char form[MAX_FORMS][160];      /* full forms and handles */
	size_t nform;
	char surname[8][64];
	size_t nsurname;
	char first[16][64];             /* first names, to tell "Mark Jones" */
	size_t nfirst;
	char role[32][64];              /* the claimed jobs' cue words */
	const char *roles[33];          /* the same, NULL-terminated */
	size_t nrole;
	char title[8][64];              /* claimed jobs of two words or more */
	size_t ntitle;
};

static void add_form(struct names *nm, const char *s)
{
	size_t i;

	if (!s[0] || nm->nform >= MAX_FORMS || strlen(s) >= 160)
		return;
	for (i = 0; i < nm->nform; i++)
		if (strcmp(nm->form[i], s) == 0)
			return;
	memcpy(nm->form[nm->nform++], s, strlen(s) + 1);
}

/* Fold a short string into out[size]; "" when it does not fit. */
static int fold_into(const char *in, char *out, size_t size)
{
	struct ds_fold f;

	out[0] = '\0';
	if (ds_fold(in, strlen(in), 0, &f) != 0)
		return DS_ENOMEM;
	if (f.len < size)
		memcpy(out, f.s, f.len + 1);
	ds_fold_release(&f);
	return 0;
}

/* The forms people write a name in (as triage.c's identity does). */
static int add_name(struct names *nm, const char *name)
{
	char f[160], *tok[8], form[200];
	size_t n = 0;
	char *p, *sp;

	if (fold_into(name, f, sizeof(f)))
		return DS_ENOMEM;
	if (!f[0])
		return 0;
	add_form(nm, f);
	for (p = f; n < 8; p = sp + 1) {
		tok[n++] = p;
		sp = strchr(p, ' ');
		if (!sp)
			break;
		*sp = '\0';
	}
	if (n < 2)
		return 0;
	snprintf(form, sizeof(form), "%s %s", tok[0], tok[n - 1]);
	add_form(nm, form);
	snprintf(form, sizeof(form), "%s %s", tok[n - 1], tok[0]);
	add_form(nm, form);
	snprintf(form, sizeof(form), "%c %s", tok[0][0], tok[n - 1]);
	add_form(nm, form);
	if (n >= 3) {
		snprintf(form, sizeof(form), "%s %c %s", tok[0], tok[1][0],
			 tok[n - 1]);
		add_form(nm, form);
	}
	/* A double-barrelled surname is one: "D Whitworth-Haigh". */
	sp = strrchr(name, ' ');
	if (n >= 3 && sp && strchr(sp, '-')) {
		char sur[160];

		if (fold_into(sp + 1, sur, sizeof(sur)))
			return DS_ENOMEM;
		snprintf(form, sizeof(form), "%c %s", tok[0][0], sur);
		add_form(nm, form);
		snprintf(form, sizeof(form), "%s %s", sur, tok[0]);
		add_form(nm, form);
	}
	if (nm->nsurname < 8 && strlen(tok[n - 1]) >= 3 &&
	    strlen(tok[n - 1]) < 64)
		memcpy(nm->surname[nm->nsurname++], tok[n - 1],
		       strlen(tok[n - 1]) + 1);
	if (nm->nfirst < 16 && strlen(tok[0]) < 64)
		memcpy(nm->first[nm->nfirst++], tok[0], strlen(tok[0]) + 1);
	return 0;
}

/* Words of a job title that say nothing of the job alone. */
static const char *const role_generic[] = {
	"of", "and", "the", "in", "for", "a", "an", "to", "at", "with",
	"teacher", "assistant", "worker", "officer", "manager", "lead",
	"leader", "head", "senior", "junior", "deputy", "support", "staff",
	"member", "team", "level", "main", "scale", "acting", "interim",
	"temporary", "trainee", "part", "time", "full", "school", "primary",
	"secondary", "learning", "development", "youth", "service",
	"services", "general", "teaching", "cover", NULL
};

static void add_role_cue(struct names *nm, const char *w, size_t n)
{
	size_t i;

	if (nm->nrole >= 32 || n == 0 || n >= 64)
		return;
	for (i = 0; i < nm->nrole; i++)
		if (strlen(nm->role[i]) == n && memcmp(nm->role[i], w, n) == 0)
			return;
	memcpy(nm->role[nm->nrole], w, n);
	nm->role[nm->nrole][n] = '\0';
	nm->roles[nm->nrole] = nm->role[nm->nrole];
	nm->nrole++;
	nm->roles[nm->nrole] = NULL;
}

/*
 * A claimed job's cues: its title ("cover supervisor"), and each of its
 * words that says what the job is ("coach" of "Youth Development Coach",
 * "mathematics" and "maths" of "Teacher of Mathematics").
 */
static int add_role(struct names *nm, const char *role)
{
	char f[160];
	size_t i, s;

	if (fold_into(role, f, sizeof(f)))
		return DS_ENOMEM;
	add_role_cue(nm, f, strlen(f));
	if (strchr(f, ' ') && strlen(f) < 64 && nm->ntitle < 8)
		memcpy(nm->title[nm->ntitle++], f, strlen(f) + 1);
	for (i = 0; f[i]; ) {
		while (f[i] == ' ')
			i++;
		s = i;
		while (f[i] && f[i] != ' ')
			i++;
		if (i - s < 4 || in_list(f + s, i - s, role_generic))
			continue;
		add_role_cue(nm, f + s, i - s);
		if (i - s == 11 && memcmp(f + s, "mathematics", 11) == 0)
			add_role_cue(nm, "maths", 5);
	}
	return 0;
}

static int names_init(struct names *nm, const struct ds_plan_anchors *a,
		      const char *url)
{
	size_t k;
	int rc = 0;
	char h[160];

	memset(nm, 0, sizeof(*nm));
	if (a->name)
		rc |= add_name(nm, a->name);
	for (k = 0; k < a->nknown_as; k++)
		rc |= add_name(nm, a->known_as[k]);
	for (k = 0; k < a->nprevious_name; k++)
		rc |= add_name(nm, a->previous_name[k]);
	nm->roles[0] = NULL;
	for (k = 0; k < a->nrole; k++)
		rc |= add_role(nm, a->role[k]);
	for (k = 0; k < a->nhandles; k++) {
		char user[160];

		/* A forum declared by its address posts under the
		 * username the address ends in, on that forum. */
		if (strcmp(a->handle_platform[k], "url") == 0) {
			if (!ds_url_same_host(url, a->handle[k]) ||
			    !ds_url_user(a->handle[k], user, sizeof(user)))
				continue;
			rc |= fold_into(user, h, sizeof(h));
		} else {
			rc |= fold_into(a->handle[k], h, sizeof(h));
		}
		/* A handle of one short common word says little. */
		if (strlen(h) >= 4)
			add_form(nm, h);
	}
	return rc ? DS_ENOMEM : 0;
}

struct mention {
	size_t s, e;            /* folded offsets */
	int full;               /* a full name or handle, not a surname */
};

static int mention_cmp(const void *x, const void *y)
{
	const struct mention *a = x, *b = y;

	return a->s < b->s ? -1 : a->s > b->s;
}

static int is_upper_at(const struct ds_fold *f, const char *text, size_t i)
{
	return isupper((unsigned char)text[f->map[i]]);
}

/* First names that are also words ("Will you ...", "Grace period"). */
static const char *const first_words[] = {
	"will", "mark", "grace", "rose", "may", "june", "april", "bill",
	"pat", "jack", "hope", "faith", "joy", "dawn", "summer", "holly",
	"ivy", "amber", "ruby", "sky", "rich", "guy", "frank", "chase",
	"hunter", "art", "gene", "max", "sunny", "ray", "don", "rob", "sue",
	"carol", "robin", "jay", "drew", "penny", "ginger", "page", "ben",
	NULL
};

/* Is the word at folded offset i another capitalised word, following a
 * space as written ("Daniel Jones": Jones after Daniel)? */
static int upper_word_at(const struct ds_fold *f, const char *text,
			 size_t i)
{
	return i < f->len && is_upper_at(f, text, i) &&
	       f->map[i] > 0 && text[f->map[i] - 1] == ' ';
}

/*
 * A first name alone ("Daniel has twice been reminded"), on a page that
 * names the candidate in full: each capitalised use not followed by
 * another capitalised word is a mention, unless the page also names
 * someone else of that first name ("Daniel Jones") or the name is also
 * a word.  Adds to m[n..]; returns the new count.
 */
static size_t first_mentions(const struct ds_fold *f, const char *text,
			     const struct names *nm, const char *first,
			     struct mention *m, size_t n)
{
	size_t wl = strlen(first), from, s, e, k, start = n;
	const char *p;

	if (wl < 3 || in_list(first, wl, first_words))
		return n;
	for (from = 0; n < MAX_MENTIONS &&
	     (p = strstr(f->s + from, first)); ) {
		s = (size_t)(p - f->s);
		e = s + wl;
		from = s + 1;
		if ((s && f->s[s - 1] != ' ') || (e < f->len &&
						   f->s[e] != ' ') ||
		    !is_upper_at(f, text, s))
			continue;
		if (e + 1 < f->len && upper_word_at(f, text, e + 1)) {
			/* Their own surname: a full mention already. */
			for (k = 0; k < nm->nsurname; k++)
				if (word_at(f->s, e + 1, f->len,
					    nm->surname[k]))
					break;
			if (k == nm->nsurname)
				return start;   /* another person's name */
			continue;
		}
		m[n].s = s;
		m[n].e = e;
		m[n++].full = 0;
	}
	return n;
}

/*
 * Every mention of the candidate in the folded page, in order.  A
 * surname alone counts only on a page that names them in full, written
 * with a capital, and not after another first name ("Mark Jones").
 */
static size_t find_mentions(const struct ds_fold *f, const char *text,
			    const struct names *nm, struct mention *m)
{
	size_t n = 0, k, from, full = 0;
	const char *p;

	for (k = 0; k < nm->nform; k++) {
		size_t wl = strlen(nm->form[k]);

		for (from = 0; n < MAX_MENTIONS &&
		     (p = strstr(f->s + from, nm->form[k])); ) {
			size_t s = (size_t)(p - f->s);

			from = s + 1;
			if ((s && f->s[s - 1] != ' ') ||
			    (s + wl < f->len && f->s[s + wl] != ' '))
				continue;
			m[n].s = s;
			m[n].e = s + wl;
			m[n++].full = 1;
			full++;
		}
	}
	for (k = 0; full && k < nm->nsurname; k++) {
		size_t wl = strlen(nm->surname[k]);

		for (from = 0; n < MAX_MENTIONS &&
		     (p = strstr(f->s + from, nm->surname[k])); ) {
			size_t s = (size_t)(p - f->s), b;

			from = s + 1;
			if ((s && f->s[s - 1] != ' ') ||
			    (s + wl < f->len && f->s[s + wl] != ' ') ||
			    !is_upper_at(f, text, s))
				continue;
			/* The word before: a title, or another person's
			 * first name? */
			if (s >= 2) {
				b = s - 1;
				while (b > 0 && f->s[b - 1] != ' ')
					b--;
				if (in_list(f->s + b, s - 1 - b, titles)) {
					m[n].s = b;
					m[n].e = s + wl;
					m[n++].full = 0;
					continue;
				}
				if (is_upper_at(f, text, b) &&
				    text[f->map[s - 1]] == ' ') {
					size_t i, fl = s - 1 - b;
					int mine = 0;

					for (i = 0; i < nm->nfirst; i++)
						if (strlen(nm->first[i]) == fl
						    && memcmp(nm->first[i],
							      f->s + b,
							      fl) == 0)
							mine = 1;
					if (!mine)
						continue;
				}
			}
			m[n].s = s;
			m[n].e = s + wl;
			m[n++].full = 0;
		}
	}
	for (k = 0; full && k < nm->nfirst; k++)
		n = first_mentions(f, text, nm, nm->first[k], m, n);
	qsort(m, n, sizeof(*m), mention_cmp);
	/* A surname inside a full mention is that mention. */
	for (k = 0, from = 0; k < n; k++)
		if (!from || m[k].s >= m[from - 1].e)
			m[from++] = m[k];
	return from;
}

/* ---- lines and posts ---------------------------------------------- */

struct line {
	size_t s, e;            /* original bytes, '\n' left out */
	size_t fs, fe;          /* folded */
	size_t words;
	int date, punct, header, author, comments;
};

static size_t count_words(const char *s, size_t from, size_t to)
{
	size_t i, n = 0;

	for (i = from; i < to; i++)
		if (s[i] != ' ' && (i == from || s[i - 1] == ' '))
			n++;
	return n;
}

/* The words of the folded range that are numbers ("1 204", "2025"). */
static size_t count_numbers(const char *s, size_t from, size_t to)
{
	size_t i, n = 0;

	for (i = from; i < to; i++)
		if (isdigit((unsigned char)s[i]) &&
		    (i == from || s[i - 1] == ' ')) {
			size_t j = i;

			while (j < to && isdigit((unsigned char)s[j]))
				j++;
			n += j == to || s[j] == ' ';
		}
	return n;
}

/* Does the folded range hold a date ("24 November 2025", "2025 11 24",
 * "3 days ago")? */
static int has_date(const char *s, size_t from, size_t to)
{
	size_t i, w = 0, len[MAX_WORDS], at[MAX_WORDS];

	for (i = from; i < to && w < MAX_WORDS; i++)
		if (s[i] != ' ' && (i == from || s[i - 1] == ' '))
			at[w++] = i;
	for (i = 0; i < w; i++) {
		size_t e = at[i];

		while (e < to && s[e] != ' ')
			e++;
		len[i] = e - at[i];
	}
	for (i = 0; i < w; i++) {
		const char *p = s + at[i];
		int num = isdigit((unsigned char)p[0]);

		if (in_list(p, len[i], months) && i + 1 < w &&
		    isdigit((unsigned char)s[at[i + 1]]))
			return 1;
		if (num && len[i] == 4 && i + 2 < w && len[i + 1] <= 2 &&
		    len[i + 2] <= 2 && isdigit((unsigned char)s[at[i + 1]]) &&
		    isdigit((unsigned char)s[at[i + 2]]))
			return 1;
		/* "04/02/2026", folded "04 02 2026". */
		if (num && len[i] <= 2 && i + 2 < w && len[i + 1] <= 2 &&
		    len[i + 2] == 4 && isdigit((unsigned char)s[at[i + 1]]) &&
		    isdigit((unsigned char)s[at[i + 2]]))
			return 1;
		if (num && i + 2 < w && word_at(s, at[i + 2], to, "ago"))
			return 1;
	}
	return 0;
}

/* "4 comments", "Comments (3)", "Leave a reply", "Replies". */
static int comments_heading(const char *s, size_t from, size_t to)
{
	static const char *const heads[] = {
		"comment", "comments", "replies", "responses", "reactions",
		"leave a comment", "leave a reply", "discussion", NULL
	};
	size_t k;

	while (from < to && (isdigit((unsigned char)s[from]) ||
			     s[from] == ' '))
		from++;
	while (to > from && (isdigit((unsigned char)s[to - 1]) ||
			     s[to - 1] == ' '))
		to--;
	for (k = 0; heads[k]; k++)
		if (to - from == strlen(heads[k]) &&
		    memcmp(s + from, heads[k], to - from) == 0)
			return 1;
	return 0;
}

/* ---- sentences ---------------------------------------------------- */

/* Does a sentence end at text[i] ('.', '!' or '?')? */
static int sentence_end(const char *t, size_t s, size_t e, size_t i)
{
	size_t j = i + 1, b;

	if (t[i] != '.' && t[i] != '!' && t[i] != '?')
		return 0;
	while (j < e && (t[j] == '"' || t[j] == ')' || t[j] == '\'' ||
			 t[j] == '.' || t[j] == '!' || t[j] == '?'))
		j++;
	if (j < e && t[j] != ' ')
		return 0;
	if (t[i] != '.')
		return 1;
	/* "Mr. Smith", "J. Smith": not an end. */
	for (b = i; b > s && isalpha((unsigned char)t[b - 1]); b--)
		;
	if (i - b == 1 && isupper((unsigned char)t[b]))
		return 0;
	if (i - b <= 4 && i > b) {
		char w[5];
		size_t k;

		for (k = 0; k < i - b; k++)
			w[k] = (char)tolower((unsigned char)t[b + k]);
		if (in_list(w, i - b, titles) || in_list(w, i - b,
		    (const char *const[]){ "st", "no", "vs", "etc", NULL }))
			return 0;
	}
	return 1;
}

/* ---- roles ---------------------------------------------------------- */

struct words {
	size_t at[MAX_WORDS], n;
};

static void words_of(const char *s, size_t from, size_t to,
		     struct words *w)
{
	size_t i;

	w->n = 0;
	for (i = from; i < to && w->n < MAX_WORDS; i++)
		if (s[i] != ' ' && (i == from || s[i - 1] == ' '))
			w->at[w->n++] = i;
}

/* The end of word k of w in s (the sentence ends at fe), without the
 * spaces the folding leaves for the punctuation after it. */
static size_t word_end(const char *s, const struct words *w, size_t k,
		       size_t fe)
{
	size_t e = k + 1 < w->n ? w->at[k + 1] - 1 : fe;

	while (e > w->at[k] && s[e - 1] == ' ')
		e--;
	return e;
}

/* Someone else who acts in a sentence about the candidate. */
static const char *const other_agents[] = {
	"a man", "a woman", "a youth", "a teenager", "a stranger", "someone",
	"somebody", "a passenger", "a customer", "a driver", "a parent",
	"a father", "a mother", "messages", "emails", "comments", "accounts",
	"trolls", "people", "a group", "a gang", "youths", "the defendant",
	"the man", "the woman", NULL
};

/*
 * Does the sentence, from its subject's end (folded subj) to fe, say what
 * someone else said or did to them: another agent, then victim_any?  "A
 * man got on and told him to" does; "Jo Bloggs screamed at him and told
 * him to" does not.
 */
/* Their account of what was done to them: "Jo said the man approached
 * her, shouted abuse, then hit her in the face". */
static const char *const told_cues[] = {
	"said", "says", "told police", "told officers", "described how",
	"recalled how", NULL
};
static const char *const harm_done[] = {
	"hit her", "hit him", "punched her", "punched him", "attacked her",
	"attacked him", "assaulted her", "assaulted him", "kicked her",
	"kicked him", "slapped her", "slapped him", "grabbed her",
	"grabbed him", "pushed her", "pushed him", "shoved her", "shoved him",
	"threatened her", "threatened him", "spat at her", "spat at him",
	"headbutted her", "headbutted him", "stabbed her", "stabbed him",
	"confronted her", "confronted him", "cornered her", "cornered him",
	NULL
};
/* Words that open a clause of what happened to them: "was leaving
 * work when a man confronted her". */
static const char *const while_cues[] = {
	"when", "as", "while", "until", NULL
};

static int victim_later(const char *s, size_t fe, size_t subj)
{
	size_t i, q;

	for (i = subj; i < fe; i++) {
		size_t k;

		if (i > subj && s[i - 1] != ' ')
			continue;
		for (k = 0; other_agents[k]; k++) {
			size_t b = i - 1, he;

			if (other_agents[k][0] != s[i] ||
			    !word_at(s, i, fe, other_agents[k]))
				continue;
			if (range_has(s, i, fe, victim_any) ||
			    (range_has(s, subj, i, told_cues) &&
			     range_has(s, i, fe, harm_done)))
				return 1;
			/* "... when the man confronted her": the agent
			 * opens a clause, its verb follows it at once. */
			while (b > subj && s[b - 1] != ' ')
				b--;
			he = i + strlen(other_agents[k]) + 1;
			if (i <= subj || b < subj || he >= fe ||
			    !in_list(s + b, i - 1 - b, while_cues))
				return 0;
			for (q = 0; harm_done[q]; q++)
				if (word_at(s, he, fe, harm_done[q]))
					return 1;
			return 0;
		}
	}
	return 0;
}

/* Index of the word that starts at or after folded offset off. */
static size_t word_index(const struct words *w, size_t off)
{
	size_t i;

	for (i = 0; i < w->n && w->at[i] < off; i++)
		;
	return i;
}

/* "said she received more than forty abusive messages": "received"
 * and, within six words, abuse ("a suspended sentence" is none); so is
 * what they said the mail held ("said the letters contained racist
 * abuse"). */
static int received_abuse(const char *s, size_t from, size_t to)
{
	static const char *const abuse[] = {
		"abusive", "abuse", "racist", "threatening", "threats",
		"hateful", "vile", NULL
	};
	static const char *const mail[] = {
		"letters", "letter", "messages", "message", "emails", "email",
		"cards", "card", "notes", "note", "texts", NULL
	};
	struct words w;
	size_t k, j;

	words_of(s, from, to, &w);
	for (k = 0; k < w.n; k++) {
		if (!word_at(s, w.at[k], to, "received") &&
		    !(k >= 3 && (word_at(s, w.at[k], to, "contained") ||
				 word_at(s, w.at[k], to, "included")) &&
		      word_at(s, w.at[k - 3], to, "said") &&
		      word_at(s, w.at[k - 2], to, "the") &&
		      in_list(s + w.at[k - 1], w.at[k] - 1 - w.at[k - 1],
			      mail)))
			continue;
		for (j = k + 1; j < w.n && j <= k + 6; j++) {
			size_t e = j + 1 < w.n ? w.at[j + 1] - 1 : to;

			if (in_list(s + w.at[j], e - w.at[j], abuse))
				return 1;
		}
	}
	return 0;
}

/*
 * "..., said she had been called racial slurs": within 16 words after the
 * name (word mj on), what they said was done to them, a passive of harm
 * within four words of "said she".
 */
static int said_harmed(const char *s, const struct words *w, size_t mj,
		       size_t fe)
{
	static const char *const said[] = {
		"said", "says", "told", "explained", "added", NULL
	};
	static const char *const pron[] = { "she", "he", "they", NULL };
	size_t k, j, n;

	for (k = mj; k + 2 < w->n && k < mj + 16; k++) {
		if (!in_list(s + w->at[k], word_end(s, w, k, fe) - w->at[k],
			     said) ||
		    !in_list(s + w->at[k + 1],
			     word_end(s, w, k + 1, fe) - w->at[k + 1], pron))
			continue;
		for (j = k + 2; j + 1 < w->n && j <= k + 5; j++) {
			if (!in_list(s + w->at[j],
				     word_end(s, w, j, fe) - w->at[j],
				     passive_aux))
				continue;
			for (n = j + 1; n < w->n && n <= j + 2; n++)
				if (in_list(s + w->at[n],
					    word_end(s, w, n, fe) - w->at[n],
					    victim_participle))
					return 1;
		}
	}
	return 0;
}

static const char *const relative_pron[] = {
	"who", "whom", "whose", "which", "that", NULL
};

/*
 * The role of a sentence ([fs, fe) folded) that names the candidate at
 * [ms, me): what the words around the name say.
 */
static enum ds_ctx_role mention_role(const char *s, size_t fs, size_t fe,
				 size_t ms, size_t me)
{
	struct words w;
	size_t mi, mj, b, a, k;

	words_of(s, fs, fe, &w);
	mi = word_index(&w, ms);
	mj = word_index(&w, me);
	/* Up to 4 words before, 16 after, in the sentence. */
	b = mi >= 4 ? w.at[mi - 4] : fs;
	a = mj + 16 < w.n ? w.at[mj + 16] : fe;
	if (mi > 0 && mi <= w.n && word_at(s, w.at[0], fe, "by") &&
	    mi <= 1)
		return DS_CTX_REPORTER;
	if (mj < w.n && range_has(s, w.at[mj],
				  mj + 3 < w.n ? w.at[mj + 3] : fe,
				  reporter_after))
		return DS_CTX_REPORTER;
	/* "Magistrate Jo Bloggs"; not "footage played to magistrates
	 * showed Jo Bloggs", where the name is what the verb shows. */
	if (mi > 0 && range_has(s, b, ms, official_before) &&
	    !in_list(s + w.at[mi - 1], word_end(s, &w, mi - 1, fe) -
		     w.at[mi - 1], shown_verbs))
		return DS_CTX_OFFICIAL;
	if (mj < w.n && range_has(s, w.at[mj],
				  mj + 6 < w.n ? w.at[mj + 6] : fe,
				  official_after))
		return DS_CTX_OFFICIAL;
	/* "attacked by Jo Bloggs", "messages sent by Jo": the one who
	 * did it.  Before "our manager, Jo Bloggs" the cue may stand two
	 * words further back. */
	k = mi >= 2 && in_list(s + w.at[mi - 2], word_end(s, &w, mi - 2, fe) -
			       w.at[mi - 2], determiners) ? 5 : 3;
	if (mi > 0 && range_has(s, mi >= k ? w.at[mi - k] : fs, ms,
				victim_before) &&
	    !word_at(s, w.at[mi - 1], ms, "by"))
		return DS_CTX_VICTIM;
	/* "called batsman Jo Smith a ...": named as the one called names
	 * ("a man called Jo Smith" has no "a" after the name). */
	if (mi > 0 && mj < w.n &&
	    range_has(s, mi >= 3 ? w.at[mi - 3] : fs, ms, called_before) &&
	    (word_at(s, w.at[mj], fe, "a") || word_at(s, w.at[mj], fe, "an")))
		return DS_CTX_VICTIM;
	for (k = mj; k + 1 < w.n && k < mj + 8; k++) {
		size_t e = word_end(s, &w, k, fe), n2;

		if (!in_list(s + w.at[k], e - w.at[k], passive_aux))
			continue;
		for (n2 = k + 1; n2 < w.n && n2 <= k + 2; n2++) {
			size_t e2 = word_end(s, &w, n2, fe);

			if (in_list(s + w.at[n2], e2 - w.at[n2],
				    victim_participle))
				return DS_CTX_VICTIM;
		}
	}
	/* Further on, "needed treatment after being punched by a man":
	 * harm done to them by someone named after it, unless a clause
	 * about someone else ("who", "whose") comes between. */
	for (k = mj; k + 2 < w.n; k++) {
		size_t e = word_end(s, &w, k, fe), n2;

		if (in_list(s + w.at[k], e - w.at[k], relative_pron))
			break;
		if (!word_at(s, w.at[k], e, "being") &&
		    !word_at(s, w.at[k], e, "been"))
			continue;
		for (n2 = k + 1; n2 + 1 < w.n && n2 <= k + 2; n2++)
			if (in_list(s + w.at[n2], word_end(s, &w, n2, fe) -
				    w.at[n2], victim_participle) &&
			    word_at(s, w.at[n2 + 1],
				    word_end(s, &w, n2 + 1, fe), "by"))
				return DS_CTX_VICTIM;
	}
	if (range_has(s, me, a, victim_after) ||
	    victim_later(s, fe, me) || received_abuse(s, me, a) ||
	    said_harmed(s, &w, mj, fe))
		return DS_CTX_VICTIM;
	if ((range_has(s, b, a, witness_cues) ||
	     range_has(s, fs, fe, rescue_cues)) &&
	    !range_has(s, fs, fe, own_defence))
		return DS_CTX_WITNESS;
	return DS_CTX_ACTOR;
}

/*
 * A news lede that names no one ([fs, fe) folded, "A chemistry teacher
 * has accepted a police caution after ..."): DS_CTX_NONE unless it opens
 * on "A" or "An"; else the role its words give the person it describes,
 * as if its first two words named them.
 */
static enum ds_ctx_role lede_role(const char *s, size_t fs, size_t fe)
{
	struct words w;

	words_of(s, fs, fe, &w);
	if (w.n < 4 || !(word_at(s, w.at[0], fe, "a") ||
			 word_at(s, w.at[0], fe, "an")))
		return DS_CTX_NONE;
	return mention_role(s, fs, fe, w.at[0], w.at[2] - 1);
}

/* A lede's person with no job said: "A Hallow Moor woman who crashed
 * ...", "A man has been jailed ...". */
static const char *const lede_people[] = {
	"driver", "motorist", "resident", "pensioner", "worker", "carer",
	"coach", "volunteer", "nurse", "lecturer", "instructor",
	"childminder", "nanny", "youth leader", "scout leader", NULL
};
static const char *const lede_men[] = {
	"man", "father", "dad", "grandfather", NULL
};
static const char *const lede_women[] = {
	"woman", "mother", "mum", "grandmother", NULL
};

/* The end of the lede [fs, fe)'s first words, where it names its
 * person (five words, or four of a short lede); 0 for a lede of fewer
 * than four words. */
static size_t lede_window(const char *s, size_t fs, size_t fe)
{
	struct words w;

	words_of(s, fs, fe, &w);
	if (w.n < 4)
		return 0;
	return word_end(s, &w, w.n > 5 ? 4 : 3, fe);
}

/* Does the lede [fs, fe) name its person within its first five words
 * ("A former children's home worker")? */
static int lede_person(const char *s, size_t fs, size_t fe)
{
	fe = lede_window(s, fs, fe);
	if (!fe)
		return 0;
	return range_has(s, fs, fe, lede_people) ||
	       range_has(s, fs, fe, lede_men) ||
	       range_has(s, fs, fe, lede_women);
}

/* Does the sentence [fs, fe) speak of someone of the other sex than the
 * lede's person [lfs, lfe) ("A man who crashed ...", then "Jo Bloggs,
 * whose car he hit, said she ...")? */
static int lede_other_sex(const char *s, size_t lfs, size_t lfe,
			  size_t fs, size_t fe)
{
	static const char *const he[] = { "he", "him", "his", NULL };
	static const char *const she[] = { "she", "her", "hers", NULL };
	struct words w;
	size_t e;

	words_of(s, lfs, lfe, &w);
	if (w.n < 4)
		return 0;
	e = word_end(s, &w, 3, lfe);
	if (range_has(s, lfs, e, lede_men))
		return range_has(s, fs, fe, she);
	if (range_has(s, lfs, e, lede_women))
		return range_has(s, fs, fe, he);
	return 0;
}

/* Does the sentence [fs, fe) speak of the lede's person [lfs, lfe) as
 * someone else: "the man" for "A 30-year-old man has been charged"
 * ("Jo Bloggs, a passer-by, filmed the man running off")? */
static int lede_named_apart(const char *s, size_t lfs, size_t lfe,
			    size_t fs, size_t fe)
{
	static const char *const *const lists[] = {
		lede_people, lede_men, lede_women, NULL
	};
	size_t e = lede_window(s, lfs, lfe), k, q, i;
	char the[64];

	if (!e)
		return 0;
	for (k = 0; lists[k]; k++)
		for (q = 0; lists[k][q]; q++) {
			if (!range_has(s, lfs, e, (const char *const[]){
					       lists[k][q], NULL }))
				continue;
			snprintf(the, sizeof(the), "the %s", lists[k][q]);
			for (i = fs; i < fe; i++)
				if ((i == fs || s[i - 1] == ' ') &&
				    word_at(s, i, fe, the))
					return 1;
		}
	return 0;
}

/* Third-person pronouns: a sentence holding one may refer back. */
static const char *const pronouns[] = {
	"he", "she", "his", "her", "him", "hers", "himself", "herself", NULL
};

/*
 * Does the sentence [fs, fe) refer back to someone: it starts with a
 * pronoun, "The teacher" or a court round-up's "Fined", or (when loose)
 * holds a third-person pronoun anywhere?
 */
/* A decision's words for what the person named did ("The panel found
 * this conduct dishonest"). */
static const char *const conduct_refs[] = {
	"this conduct", "that conduct", "such conduct", "the conduct",
	"this behaviour", "that behaviour", "such behaviour",
	"the allegation", "the allegations", "this allegation",
	"these allegations", "the facts found", "the facts proved", NULL
};

static int refers_back(const char *s, size_t fs, size_t fe, int loose)
{
	struct words w;
	size_t e;

	words_of(s, fs, fe, &w);
	if (!w.n)
		return 0;
	e = w.n > 1 ? w.at[1] - 1 : fe;
	if (in_list(s + w.at[0], e - w.at[0], backref_first))
		return 1;
	if (loose && range_has(s, fs, fe, pronouns))
		return 1;
	if (range_has(s, fs, fe, conduct_refs))
		return 1;
	if (w.n > 1 && word_at(s, w.at[0], fe, "the")) {
		size_t e2 = w.n > 2 ? w.at[2] - 1 : fe;

		if (in_list(s + w.at[1], e2 - w.at[1], backref_the) ||
		    isdigit((unsigned char)s[w.at[1]]))
			return 1;
	}
	return 0;
}

/* On a page whose title names the candidate (a decision, a profile), the
 * roles that stand for them: "the panel found that the coach had used". */
static const char *const subject_roles[] = {
	"coach", "teacher", "registrant", "respondent", "participant",
	"individual", "employee", "instructor", "tutor", "practitioner",
	"volunteer", "claimant", "appellant", NULL
};

/* Where in the sentence [fs, fe) "the" and a subject role are: [*ms,
 * *me); 0 when nowhere.  The role the page gave them (prole, "" for
 * none) may also follow "a" when any_det ("A teacher at X has been
 * suspended ...", above "Parents named the teacher as Jo Bloggs"). */
static int subject_ref(const char *s, size_t fs, size_t fe,
		       const char *prole, int any_det, size_t *ms, size_t *me)
{
	struct words w;
	size_t i, e, pl = strlen(prole);
	int the;

	words_of(s, fs, fe, &w);
	for (i = 0; i + 1 < w.n; i++) {
		the = word_at(s, w.at[i], fe, "the");
		if (!the && !(pl && any_det &&
			      (word_at(s, w.at[i], fe, "a") ||
			       word_at(s, w.at[i], fe, "an"))))
			continue;
		e = i + 2 < w.n ? w.at[i + 2] - 1 : fe;
		if ((the && in_list(s + w.at[i + 1], e - w.at[i + 1],
				    subject_roles)) ||
		    (pl && w.at[i + 1] + pl <= fe &&
		     memcmp(s + w.at[i + 1], prole, pl) == 0 &&
		     (w.at[i + 1] + pl == fe ||
		      s[w.at[i + 1] + pl] == ' '))) {
			*ms = w.at[i];
			*me = pl && !memcmp(s + w.at[i + 1], prole, pl) ?
			      w.at[i + 1] + pl : e;
			return 1;
		}
	}
	return 0;
}

/* Where the first third-person pronoun of [fs, fe) is: [*ms, *me). */
static int pronoun_at(const char *s, size_t fs, size_t fe, size_t *ms,
		      size_t *me)
{
	struct words w;
	size_t i, e;

	words_of(s, fs, fe, &w);
	for (i = 0; i < w.n; i++) {
		e = i + 1 < w.n ? w.at[i + 1] - 1 : fe;
		if (in_list(s + w.at[i], e - w.at[i], pronouns)) {
			*ms = w.at[i];
			*me = e;
			return 1;
		}
	}
	return 0;
}

/* The length of the word at s[at] (before to). */
static size_t word_len(const char *s, size_t at, size_t to)
{
	size_t e = at;

	while (e < to && s[e] != ' ')
		e++;
	return e - at;
}

/* A record's field line ("Plea: guilty", "Offences: theft from a
 * shop"): a capitalised label of up to three words, a colon and a
 * space.  The label's length, or 0. */
static size_t field_label(const char *t, size_t s, size_t e)
{
	size_t i = s, words = 1;

	while (i < e && t[i] == ' ')
		i++;
	s = i;
	if (i >= e || !isupper((unsigned char)t[i]))
		return 0;
	for (; i < e && i - s < 40; i++) {
		if (t[i] == ':')
			return i + 1 < e && t[i + 1] == ' ' ? i - s : 0;
		if (t[i] == ' ') {
			if (++words > 3)
				return 0;
		} else if (!isalpha((unsigned char)t[i]) && t[i] != '\'' &&
			   t[i] != '-') {
			return 0;
		}
	}
	return 0;
}

/* A field's label before their name on a record about them ("Registered
 * person: Jo Bloggs", "Defendant Jo Bloggs"). */
static const char *const role_labels[] = {
	"registered person", "registrant", "defendant", "respondent",
	"childminder", "provider", "applicant", "licensee", "licence holder",
	"practitioner", "teacher", "accused", "employee", "individual",
	"claimant", "appellant",
	"the registered person", "registered provider", NULL
};

/*
 * The role a page gives the candidate, into out (folded, "" for none):
 * a label before a full mention at the start of its line or the line
 * above ("Registered person" / "Jo Bloggs"), the label in apposition
 * ("the claimant, Mr Jo Bloggs,"), or "named the teacher as Jo
 * Bloggs".  That role in the page's other sentences is them; after
 * "the" only, for a label, and "a" too when the page named them (1).
 */
static int page_role(const struct ds_fold *f, const struct line *ln,
		     size_t nl, const struct mention *m, size_t nm_n,
		     char *out, size_t outsz)
{
	size_t i, k, b, ls, w[6], nw, j, ms;
	const char *s = f->s;

	out[0] = '\0';
	for (i = 0; i < nm_n && !out[0]; i++) {
		if (!m[i].full)
			continue;
		for (k = 0; k < nl; k++)
			if (ln[k].fs <= m[i].s && m[i].s <= ln[k].fe)
				break;
		if (k == nl)
			continue;
		/* Up to six words before the mention, on its line. */
		for (nw = 0, b = m[i].s; b > ln[k].fs && nw < 6; ) {
			while (b > ln[k].fs && s[b - 1] == ' ')
				b--;
			if (b == ln[k].fs)
				break;
			while (b > ln[k].fs && s[b - 1] != ' ')
				b--;
			w[nw++] = b;
		}
		/* A title before the name is the name's ("Mr Ryan ..."). */
		ms = m[i].s;
		if (nw && in_list(s + w[0], word_len(s, w[0], ms), titles)) {
			ms = w[0];
			for (j = 1; j < nw; j++)
				w[j - 1] = w[j];
			nw--;
		}
		/* "the claimant, Mr Ryan Hepplewhite". */
		if (nw >= 2 && word_at(s, w[1], ms, "the") &&
		    in_list(s + w[0], word_len(s, w[0], ms), role_labels) &&
		    word_len(s, w[0], ms) < outsz) {
			memcpy(out, s + w[0], word_len(s, w[0], ms));
			out[word_len(s, w[0], ms)] = '\0';
			continue;
		}
		/* "named the W as" or "named the W W as". */
		for (j = 2; j < nw && j <= 4; j++) {
			size_t e = ms;

			if (!word_at(s, w[j], e, "named") ||
			    !word_at(s, w[j - 1], e, "the") ||
			    !word_at(s, w[0], e, "as") || j - 1 < 2)
				continue;
			ls = w[0];
			while (ls > w[j - 2] && s[ls - 1] == ' ')
				ls--;
			if (ls - w[j - 2] < outsz) {
				memcpy(out, s + w[j - 2], ls - w[j - 2]);
				out[ls - w[j - 2]] = '\0';
				return 1;
			}
			break;
		}
		/* A label: the words before it on its line, or the whole
		 * line above when it opens its line. */
		if (nw) {
			ls = ms;
			while (ls > ln[k].fs && s[ls - 1] == ' ')
				ls--;
			b = ln[k].fs;
			while (b < ls && s[b] == ' ')
				b++;
		} else if (k > 0) {
			b = ln[k - 1].fs;
			ls = ln[k - 1].fe;
			while (b < ls && s[b] == ' ')
				b++;
			while (ls > b && s[ls - 1] == ' ')
				ls--;
		} else {
			continue;
		}
		if (ls > b && ls - b < outsz && in_list(s + b, ls - b,
							role_labels)) {
			if (ls - b > 4 && !memcmp(s + b, "the ", 4))
				b += 4;
			memcpy(out, s + b, ls - b);
			out[ls - b] = '\0';
		}
	}
	return 0;
}

/*
 * A claimed job of two words or more said beside a full mention ("the
 * School Business Manager (Mr Andrew Taylor)", "Andrew Taylor, School
 * Business Manager"): the page's "the School Business Manager" is them.
 */
static int title_defined(const struct ds_fold *f, const struct names *nm,
			 const struct mention *m, size_t nm_n)
{
	size_t i, k, n, from, to;
	const char *p;

	for (i = 0; i < nm_n; i++) {
		if (!m[i].full)
			continue;
		from = m[i].s > 40 ? m[i].s - 40 : 0;
		to = m[i].e + 40 < f->len ? m[i].e + 40 : f->len;
		for (k = 0; k < nm->ntitle; k++) {
			n = strlen(nm->title[k]);
			for (p = f->s + from; (size_t)(p - f->s) + n <= to;
			     p++) {
				size_t at = (size_t)(p - f->s);

				if (memcmp(p, nm->title[k], n) != 0)
					continue;
				size_t lo = at < m[i].s ? at : m[i].e;
				size_t hi = at < m[i].s ? m[i].s : at;

				/* In the same line. */
				if (hi >= lo && !memchr(f->s + lo, '\n',
							hi - lo))
					return 1;
			}
		}
	}
	return 0;
}

/* Where in the sentence [fs, fe) "the" and a claimed job's title are. */
static int title_ref(const char *s, size_t fs, size_t fe,
		     const struct names *nm, size_t *ms, size_t *me)
{
	size_t k, n;
	const char *p;

	for (k = 0; k < nm->ntitle; k++) {
		n = strlen(nm->title[k]);
		for (p = s + fs; (size_t)(p - s) + n <= fe; p++) {
			if (memcmp(p, nm->title[k], n) != 0 ||
			    (size_t)(p - s) < fs + 4 ||
			    memcmp(p - 4, "the ", 4) != 0 ||
			    isalnum((unsigned char)p[n]))
				continue;
			*ms = (size_t)(p - 4 - s);
			*me = (size_t)(p - s) + n;
			return 1;
		}
	}
	return 0;
}

/* Does the title name the candidate in full? */
static int title_names(const char *title, const struct names *nm)
{
	struct ds_fold f;
	const char *p;
	size_t k, wl, at;
	int yes = 0;

	if (!title || ds_fold(title, strlen(title), 1, &f) != 0)
		return 0;
	for (k = 0; k < nm->nform && !yes; k++) {
		wl = strlen(nm->form[k]);
		for (p = f.s; !yes && (p = strstr(p, nm->form[k])); p++) {
			at = (size_t)(p - f.s);
			yes = (!at || f.s[at - 1] == ' ') &&
			      (at + wl >= f.len || f.s[at + wl] == ' ');
		}
	}
	ds_fold_release(&f);
	return yes;
}

/* Is the page a policy, lesson, curriculum, novel or review? */
/* A court report's section or headline: "lessons" in "took parents'
 * money for lessons he never gave avoids jail" is no lesson page. */
static const char *const court_report_words[] = {
	"jail", "jailed", "admits", "admitted", "sentenced", "convicted",
	"fined", "avoids jail", "spared jail", "in the dock", NULL
};

static int is_genre(const char *url, const char *title)
{
	char buf[600];
	struct ds_fold f;
	int yes;

	snprintf(buf, sizeof(buf), "%.300s %.280s", url ? url : "",
		 title ? title : "");
	if (ds_fold(buf, strlen(buf), 0, &f) != 0)
		return 0;
	yes = range_has(f.s, 0, f.len, genre_words) &&
	      !range_has(f.s, 0, f.len, court_report_words);
	ds_fold_release(&f);
	return yes;
}

/* Does line i or one of the four above it say abuse was received ("in
 * my inbox", "trolls")?  Quotations under it are that abuse. */
static int received_above(const struct ds_fold *f, const struct line *ln,
			  size_t i)
{
	size_t j;

	for (j = i + 1; j-- > 0 && i - j <= 4;)
		if (range_has(f->s, ln[j].fs, ln[j].fe, received_cues))
			return 1;
	return 0;
}

static int has_quote(const char *t, size_t s, size_t e)
{
	size_t i;

	for (i = s; i < e; i++)
		if (t[i] == '"' || (i + 2 < e && (unsigned char)t[i] == 0xe2 &&
				    (unsigned char)t[i + 1] == 0x80 &&
				    ((unsigned char)t[i + 2] == 0x9c ||
				     (unsigned char)t[i + 2] == 0x9d)))
			return 1;
	return 0;
}

/* A star rating (U+2605, U+2606) in text[s, e): a review. */
static int has_stars(const char *t, size_t s, size_t e)
{
	size_t i;

	for (i = s; i + 2 < e; i++)
		if ((unsigned char)t[i] == 0xe2 &&
		    (unsigned char)t[i + 1] == 0x98 &&
		    ((unsigned char)t[i + 2] == 0x85 ||
		     (unsigned char)t[i + 2] == 0x86))
			return 1;
	return 0;
}

/* Quotation marks in t[s, e): how many open or close a quotation. */
static size_t quotes_in(const char *t, size_t s, size_t e)
{
	size_t i, n = 0;

	for (i = s; i < e; i++)
		if (t[i] == '"' || (i + 2 < e && (unsigned char)t[i] == 0xe2 &&
				    (unsigned char)t[i + 1] == 0x80 &&
				    ((unsigned char)t[i + 2] == 0x9c ||
				     (unsigned char)t[i + 2] == 0x9d)))
			n++;
	return n;
}

static int add_passage(struct ds_context *c, size_t s, size_t e,
		       enum ds_ctx_role r, int own)
{
	struct ds_passage *np;

	if (c->n && c->p[c->n - 1].role == r && c->p[c->n - 1].own == own &&
	    c->p[c->n - 1].end + 2 >= s &&
	    e - c->p[c->n - 1].start < 2000) {
		c->p[c->n - 1].end = e;
		return 0;
	}
	if (c->n == c->alloc) {
		size_t na = c->alloc ? c->alloc * 2 : 16;

		np = ds_realloc(c->p, na * sizeof(*np));
		if (!np)
			return DS_ENOMEM;
		c->p = np;
		c->alloc = na;
	}
	c->p[c->n].start = s;
	c->p[c->n].end = e;
	c->p[c->n].own = own;
	c->p[c->n++].role = r;
	return 0;
}

/*
 * Words between a subject and a passive's auxiliary that say nothing of
 * whose harm it is: "you're (just) getting glassed", "he'll get battered".
 */
static const char *const aux_filler[] = {
	"are", "is", "will", "gonna", "gunna", "going", "to", "just", "about",
	"so", "defo", "def", "definitely", "literally", "actually", "soon",
	"be", "gon", "na", "prob", "probably", "deffo", "well", NULL
};
/* A subject that makes the harm someone else's. */
static const char *const other_subjects[] = {
	"you", "youre", "youll", "u", "ur", "yous", "youse", "ya", "yer",
	"he", "hes", "hell", "she", "shes", "shell", "they", "theyre",
	"theyll", "someone", "somebody", "anyone", "whoever", "him", "them",
	NULL
};

/*
 * Is the subject of the auxiliary at b[at] (text as written or folded)
 * someone other than the writer?  Up to four words back, past filler,
 * within the sentence; no subject at all ("Got jumped") is the writer's.
 */
static int other_subject_before(const char *b, size_t at)
{
	char w[16];
	size_t i = at, e, n, k;
	int words;

	for (words = 0; words < 4; words++) {
		while (i > 0 && (b[i - 1] == ' ' || b[i - 1] == ','))
			i--;
		if (i == 0 || strchr(".!?;:\n", b[i - 1]))
			return 0;
		e = i;
		while (i > 0 && (isalnum((unsigned char)b[i - 1]) ||
				 b[i - 1] == '\'' ||
				 (unsigned char)b[i - 1] >= 0x80))
			i--;
		if (i == e)
			return 0;
		for (n = 0, k = i; k < e && n + 1 < sizeof(w); k++)
			if (isalnum((unsigned char)b[k]))
				w[n++] = (char)tolower((unsigned char)b[k]);
		w[n] = '\0';
		if (n && in_list(w, n, other_subjects))
			return 1;
		if (!n || !in_list(w, n, aux_filler))
			return 0;
	}
	return 0;
}

/* Offices that act on others' conduct: "As licensing chair I refused". */
static const char *const office_nouns[] = {
	"chair", "chairman", "chairwoman", "councillor", "cllr", "governor",
	"mayor", "magistrate", "trustee", "inspector", "officer", NULL
};

/* Does s[fs, fe) open "As" an office, within three words ("As licensing
 * chair, I ...", "As a councillor I ...")? */
static int acting_as_office(const char *s, size_t fs, size_t fe)
{
	struct words w;
	size_t k;

	words_of(s, fs, fe, &w);
	if (w.n < 3 || word_end(s, &w, 0, fe) - w.at[0] != 2 ||
	    strncasecmp(s + w.at[0], "as", 2) != 0)
		return 0;
	for (k = 1; k < w.n && k <= 3; k++) {
		size_t e = word_end(s, &w, k, fe);

		while (e > w.at[k] && s[e - 1] == ',')
			e--;
		if (in_list(s + w.at[k], e - w.at[k], office_nouns))
			return 1;
	}
	return 0;
}

/* What is seen that makes no witness: a record read, not an event
 * ("I've seen his attendance file"). */
static const char *const record_nouns[] = {
	"file", "files", "record", "records", "notes", "report", "reports",
	"paperwork", "folder", "history", "results", NULL
};

/* Does s[fs, fe) see a record: a cue of own_witness, then a record's
 * noun within three words? */
static int seen_record(const char *s, size_t fs, size_t fe)
{
	struct words w;
	size_t k, j, n;

	words_of(s, fs, fe, &w);
	for (k = 0; k < w.n; k++) {
		for (n = 0; own_witness[n]; n++)
			if (word_at(s, w.at[k], fe, own_witness[n]))
				break;
		if (!own_witness[n])
			continue;
		for (j = k + 1; j < w.n && j <= k + 5; j++) {
			size_t e = word_end(s, &w, j, fe);

			if (in_list(s + w.at[j], e - w.at[j], record_nouns))
				return 1;
		}
	}
	return 0;
}

/* Getting or passing on abuse: "gets around 40 abusive messages a
 * week", "reported another 30 threats to the police". */
static const char *const receive_verbs[] = {
	"get", "gets", "getting", "got", "receive", "receives", "received",
	"receiving", "report", "reports", "reported", "reporting",
	"forward", "forwarded", "forwarding", "logged", "logging", NULL
};
static const char *const abuse_nouns[] = {
	"abuse", "threats", "slurs", "trolling", NULL
};
static const char *const abuse_adjectives[] = {
	"abusive", "threatening", "racist", "hateful", "vile", "nasty",
	"sexist", "misogynist", "homophobic", "islamophobic", "antisemitic",
	NULL
};
static const char *const message_nouns[] = {
	"messages", "emails", "calls", "comments", "letters", "posts",
	"texts", "tweets", "replies", "dms", "voicemails", NULL
};

/*
 * The end of a getting or reporting of abuse at s[i]: a verb of getting
 * or reporting, then within four words abuse itself ("reported the
 * threats") or abusive words of a message ("gets around 40 abusive
 * messages"; "I get abusive" is not); or 0.
 */
static size_t received_abuse_at(const char *s, size_t n, size_t i)
{
	size_t j = i, ws, we, words;
	int adj = 0;

	while (j < n && isalpha((unsigned char)s[j]))
		j++;
	if (j == i || !in_list(s + i, j - i, receive_verbs))
		return 0;
	for (words = 0; words < 4 && j < n; words++) {
		while (j < n && s[j] == ' ')
			j++;
		for (ws = j; j < n && isalpha((unsigned char)s[j]); j++)
			;
		we = j;
		while (j < n && s[j] != ' ')
			j++;
		if (adj)
			return in_list(s + ws, we - ws, message_nouns) ? we : 0;
		if (in_list(s + ws, we - ws, abuse_nouns))
			return we;
		adj = in_list(s + ws, we - ws, abuse_adjectives);
	}
	return 0;
}

/* Does s[fs, fe) say someone gets or reports abuse? */
static int receives_abuse(const char *s, size_t fs, size_t fe)
{
	size_t i;

	for (i = fs; i < fe; i++)
		if ((i == fs || s[i - 1] == ' ') &&
		    received_abuse_at(s, fe, i))
			return 1;
	return 0;
}

/*
 * Harm received, in their own words: a passive ("I got glassed", "was
 * punched", "Got jumped").  What they did themselves in the sentence is
 * judged again without it (blank_received).
 */
/* Harm someone else did to the writer: "a man shouted at me", "he
 * punched me" (never "I": the verb's subject is someone else). */
static const char *const harm_to_me[] = {
	"shouted at me", "screamed at me", "swore at me", "spat at me",
	"lunged at me", "punched me", "hit me", "attacked me", "assaulted me",
	"threatened me", "grabbed me", "pushed me", "shoved me", "kicked me",
	"slapped me", "headbutted me", "abused me", "harassed me",
	"stalked me", "bullied me", "groped me", "mugged me", "robbed me",
	"glassed me", NULL
};

static size_t cue_at(const char *b, size_t n, size_t i,
		     const char *const *cues);

/* Is b[i, n) (as written or folded) a harm_to_me phrase whose subject
 * is not "I"?  Its length, or 0. */
static size_t harm_to_me_at(const char *b, size_t n, size_t i)
{
	size_t k = cue_at(b, n, i, harm_to_me), j = i;

	if (!k && i + 1 < n) {
		/* At the end of the text: no space after it. */
		size_t q;

		for (q = 0; harm_to_me[q]; q++) {
			size_t cl = strlen(harm_to_me[q]);

			if (i + cl == n &&
			    strncasecmp(b + i, harm_to_me[q], cl) == 0)
				k = cl;
		}
	}
	if (!k)
		return 0;
	while (j > 0 && b[j - 1] == ' ')
		j--;
	if (j >= 1 && (j == 1 || !isalnum((unsigned char)b[j - 2])) &&
	    (b[j - 1] == 'i' || b[j - 1] == 'I'))
		return 0;
	return k;
}

static int own_harmed(const char *s, size_t fs, size_t fe)
{
	struct words w;
	size_t k, j;

	for (k = fs; k < fe; k++)
		if ((k == fs || s[k - 1] == ' ') && harm_to_me_at(s, fe, k))
			return 1;
	words_of(s, fs, fe, &w);
	for (k = 0; k < w.n; k++) {
		size_t e = word_end(s, &w, k, fe);

		if (!in_list(s + w.at[k], e - w.at[k], own_passive_aux) ||
		    other_subject_before(s, w.at[k]))
			continue;
		for (j = k + 1; j < w.n && j <= k + 2; j++) {
			size_t e2 = word_end(s, &w, j, fe);

			if (in_list(s + w.at[j], e2 - w.at[j],
				    victim_participle))
				return 1;
		}
	}
	return 0;
}

/* Someone else's case in their own words: "He was convicted of ...". */
static const char *const third_subjects[] = {
	"he", "she", "they", "a man", "a woman", "the man", "the woman",
	"the driver", "the defendant", NULL
};
static const char *const case_words[] = {
	"convicted", "charged", "arrested", "jailed", "sentenced", "fined",
	"cautioned", "prosecuted", "guilty", "remanded", "imprisoned",
	"bailed", NULL
};
/* The speaker as subject ("He and I were charged"). */
static const char *const first_person[] = {
	"i", "we", "im", "ive", "id", "weve", "myself", NULL
};

/*
 * A sentence of their own that opens on someone else and tells of that
 * person's case, with no word of their own in it ("He was convicted of
 * racially aggravated harassment in December"): not their conduct.
 */
static int others_case(const char *s, size_t fs, size_t fe)
{
	struct words w;
	size_t k, n = 0;

	static const char *const day[] = {
		"yesterday", "today", "tonight", NULL
	};
	static const char *const when[] = { "this", "last", "on", NULL };
	size_t f0 = 0, e0;

	words_of(s, fs, fe, &w);
	/* "He and I were charged" is theirs too; "the messages he sent
	 * me" is not. */
	if (!w.n || range_has(s, fs, fe, first_person))
		return 0;
	/* "Yesterday a man was jailed", "Last week the driver was
	 * fined": the time first. */
	e0 = word_end(s, &w, 0, fe);
	if (in_list(s + w.at[0], e0 - w.at[0], day))
		f0 = 1;
	else if (in_list(s + w.at[0], e0 - w.at[0], when))
		f0 = 2;
	for (k = 0; third_subjects[k]; k++)
		if (f0 < w.n && word_at(s, w.at[f0], fe, third_subjects[k]))
			break;
	if (!third_subjects[k])
		return 0;
	for (k = 1; k < w.n && k <= 5; k++) {
		size_t e = word_end(s, &w, k, fe);

		if (in_list(s + w.at[k], e - w.at[k], case_words))
			n++;
	}
	return n > 0;
}

void ds_context_release(struct ds_context *c)
{
	ds_free(c->p);
	memset(c, 0, sizeof(*c));
}

/* Does t[s, e) hold the end of a sentence before its last word? */
static int has_sentence_break(const char *t, size_t s, size_t e)
{
	size_t i;

	for (i = s; i + 1 < e; i++)
		if ((t[i] == '.' || t[i] == '!' || t[i] == '?') &&
		    t[i + 1] == ' ' && i > s &&
		    isalpha((unsigned char)t[i - 1]))
			return 1;
	return 0;
}

/*
 * Does line l begin with the full-name mention mn followed by a comma: a
 * sign-off ("Jo Bloggs, maths, Bay Academy")?
 */
/* Words of a report about someone, never in a sign-off. */
static const char *const reported_speech[] = {
	"said", "says", "told", "added", "explained", NULL
};

static int signed_off(const char *text, const struct ds_fold *f,
		      const struct line *l, const struct mention *mn)
{
	size_t i;

	if (mn->s != l->fs || mn->e == 0 || mn->e > f->len)
		return 0;
	/* Past the name's last character (UTF-8 continuation bytes too). */
	i = f->map[mn->e - 1] + 1;
	while (i < l->e && ((unsigned char)text[i] & 0xc0) == 0x80)
		i++;
	while (i < l->e && text[i] == ' ')
		i++;
	if (i >= l->e || text[i] != ',')
		return 0;
	/* News, not a sign-off: "Jo Bloggs, 32, said ...". */
	for (i++; i < l->e && text[i] == ' '; i++)
		;
	if (i < l->e && isdigit((unsigned char)text[i]))
		return 0;
	return !range_has(f->s, l->fs, l->fe, reported_speech);
}

/*
 * Does line l (a post's first) introduce its writer as the full-name
 * mention mn: "Jo Bloggs here, ...", "I'm Jo Bloggs", "my name is Jo
 * Bloggs", "this is Jo Bloggs"?
 */
static int self_introduced(const struct ds_fold *f, const struct line *l,
			   const struct mention *mn)
{
	static const char *const before[] = {
		"im ", "i am ", "my name is ", "this is ", "its ", "hi im ",
		"hi i am ", "hello im ", "hello i am ", NULL
	};
	size_t k, n;

	if (mn->s < l->fs || mn->e > l->fe)
		return 0;
	if (mn->s == l->fs)
		return mn->e + 5 <= l->fe &&
		       !memcmp(f->s + mn->e, " here", 5) &&
		       (mn->e + 5 == l->fe || f->s[mn->e + 5] == ' ');
	for (k = 0; before[k]; k++) {
		n = strlen(before[k]);
		if (mn->s == l->fs + n && !memcmp(f->s + l->fs, before[k], n))
			return 1;
	}
	return 0;
}

/*
 * Does a sentence say the writer is the full-name mention mn: "It's Jo
 * Bloggs btw", "I'm Jo Bloggs.", "My name is Jo Bloggs, and ..."; not
 * "It's Jo Bloggs who ..."?  The words before the name open a sentence;
 * after it comes its end, a comma, "btw" or "here".
 */
static int owns_up(const char *text, size_t len, const struct ds_fold *f,
		   const struct mention *mn)
{
	static const char *const before[] = {
		"it's ", "its ", "it\xe2\x80\x99s ", "i'm ", "im ",
		"i\xe2\x80\x99m ", "i am ", "my name is ", "this is ", NULL
	};
	static const char *const after[] = {
		" btw", " here", " by the way", NULL
	};
	size_t o, e, k, n;

	if (mn->e == 0 || mn->e > f->len)
		return 0;
	o = f->map[mn->s];
	e = f->map[mn->e - 1] + 1;
	for (k = 0; before[k]; k++) {
		n = strlen(before[k]);
		if (o < n || strncasecmp(text + o - n, before[k], n) != 0)
			continue;
		/* The sentence opens there. */
		if (o - n > 0 && !(o - n >= 2 &&
				   strchr(".!?", text[o - n - 2]) &&
				   text[o - n - 1] == ' ') &&
		    text[o - n - 1] != '\n')
			continue;
		if (e >= len || text[e] == '.' || text[e] == ',' ||
		    text[e] == '!' || text[e] == '\n')
			return 1;
		for (n = 0; after[n]; n++)
			if (e + strlen(after[n]) <= len &&
			    strncasecmp(text + e, after[n],
					strlen(after[n])) == 0)
				return 1;
	}
	return 0;
}

/* Mark header lines (a date and little else) and their author blocks. */
/* The profile line a social site puts over a comment. */
static const char *const profile_cues[] = {
	"works at", "lives in", "studied at", "top contributor",
	"group admin", NULL
};

static const char *const relative_who[] = { "who", "that", NULL };

/* Does text [s, e) set its parts apart with "·", "•" or "|"? */
static int parted(const char *text, size_t s, size_t e)
{
	size_t i;

	for (i = s; i < e; i++)
		if (text[i] == '|' ||
		    (i + 1 < e && !memcmp(text + i, "\xc2\xb7", 2)) ||
		    (i + 2 < e && !memcmp(text + i, "\xe2\x80\xa2", 3)))
			return 1;
	return 0;
}

/* An author line of the owner's answer to a review. */
static const char *const reply_cues[] = {
	"reply from", "response from", "owner replied", "owners reply",
	"owner response", "owners response", NULL
};

/* Does an age under 16 follow the name ending at folded me: "NAME, 10,"
 * or "NAME (9)" (not "NAME, 15 Station Road")? */
static int child_age_after(const char *text, const struct ds_fold *f,
			   size_t me, size_t le)
{
	size_t i, d;
	int age = 0;

	if (me == 0 || me > f->len)
		return 0;
	i = f->map[me - 1] + 1;
	while (i < le && ((unsigned char)text[i] & 0xc0) == 0x80)
		i++;
	if (i + 1 < le && (text[i] == ',' || text[i] == '('))
		i++;
	else
		return 0;
	while (i < le && text[i] == ' ')
		i++;
	for (d = 0; i < le && d < 3 && isdigit((unsigned char)text[i]); d++)
		age = age * 10 + (text[i++] - '0');
	if (d == 0 || d > 2 || age >= 16)
		return 0;
	return i == le || text[i] == ',' || text[i] == ')';
}

/* Does "N year old", N under 16, end just before folded ms ("Nine-year-old
 * Gwen Jopson")? */
static int child_age_before(const char *s, size_t fs, size_t ms)
{
	static const char *const ages[] = {
		"one", "two", "three", "four", "five", "six", "seven", "eight",
		"nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
		"fifteen", NULL
	};
	struct words w;
	size_t n, e;

	words_of(s, fs, ms, &w);
	n = w.n;
	if (n < 3 || !word_at(s, w.at[n - 2], ms, "year") ||
	    !word_at(s, w.at[n - 1], ms, "old"))
		return 0;
	e = w.at[n - 2] - 1;
	if (in_list(s + w.at[n - 3], e - w.at[n - 3], ages))
		return 1;
	if (e - w.at[n - 3] == 1)
		return isdigit((unsigned char)s[w.at[n - 3]]);
	return e - w.at[n - 3] == 2 && s[w.at[n - 3]] == '1' &&
	       s[w.at[n - 3] + 1] >= '0' && s[w.at[n - 3] + 1] <= '5';
}

/* A forum poster's profile field: "Joined: May 2016", "Member since
 * 2019", "Location: Leeds", "Posts: 1,204". */
static int profile_field(const struct ds_fold *f, const struct line *l)
{
	static const char *const labels[] = {
		"joined", "member since", "registered", "location", "posts",
		"reputation", "karma", "messages", "from", NULL
	};
	size_t k, n;

	if (l->words > 6)
		return 0;
	for (k = 0; labels[k]; k++) {
		n = strlen(labels[k]);
		if (l->fs + n <= l->fe &&
		    memcmp(f->s + l->fs, labels[k], n) == 0 &&
		    (l->fs + n == l->fe || f->s[l->fs + n] == ' '))
			return 1;
	}
	return 0;
}

/* Does a header line [fs, fe) (folded) name its poster: a word in it
 * that is no part of a date or a post's number ("quadraticqueen 14
 * January 2025 #3"; not "14 January 2025" nor "Posted on 3 May")? */
static int header_named(const char *s, size_t fs, size_t fe)
{
	static const char *const dateish[] = {
		"posted", "on", "at", "am", "pm", "ago", "replied", "wrote",
		"said", "edited", "reply", "post", "monday", "tuesday",
		"wednesday", "thursday", "friday", "saturday", "sunday",
		"mon", "tue", "wed", "thu", "fri", "sat", "sun", "today",
		"yesterday", "updated", "published", "by", NULL
	};
	struct words w;
	size_t k;

	words_of(s, fs, fe, &w);
	for (k = 0; k < w.n; k++) {
		size_t e = word_end(s, &w, k, fe), i;
		int digit = 0;

		for (i = w.at[k]; i < e; i++)
			digit |= isdigit((unsigned char)s[i]) != 0;
		if (!digit && !in_list(s + w.at[k], e - w.at[k], months) &&
		    !in_list(s + w.at[k], e - w.at[k], dateish))
			return 1;
	}
	return 0;
}

/* Does text [s, e) open on a dash, a sign-off ("- Jo Bloggs, captain",
 * "— Jo")? */
static int dash_signed(const char *text, size_t s, size_t e)
{
	while (s < e && text[s] == ' ')
		s++;
	if (s + 1 < e && (text[s] == '-' || text[s] == '~') &&
	    text[s + 1] == ' ')
		return 1;
	/* An en or em dash. */
	return s + 3 < e && (unsigned char)text[s] == 0xe2 &&
	       (unsigned char)text[s + 1] == 0x80 &&
	       ((unsigned char)text[s + 2] == 0x93 ||
		(unsigned char)text[s + 2] == 0x94);
}

static void find_posts(const char *text, const struct ds_fold *f,
		       struct line *ln, size_t nl)
{
	size_t i, prev = 0, names, fields;

	for (i = 0; i < nl; i++) {
		struct line *l = &ln[i];
		size_t k;
		int short_line;

		l->words = count_words(f->s, l->fs, l->fe);
		/* Only a short line can head a post (its numbers aside: a
		 * forum's "1,204 posts 1 May 2025 #2"). */
		short_line = l->words <= 14 ||
			     l->words - count_numbers(f->s, l->fs, l->fe) <=
			     12;
		l->date = short_line && has_date(f->s, l->fs, l->fe);
		l->punct = l->e > l->s && strchr(".!?", text[l->e - 1]) &&
			   text[l->e - 1] != '\0';
		l->comments = l->words <= 4 &&
			      comments_heading(f->s, l->fs, l->fe);
		/* A social site's comment heads with its author's profile
		 * instead of a date: "Jo Bloggs Works at X · Lives in Y",
		 * its parts set apart ("·", "|") or short; a headline's
		 * "teacher who lives in X" is not one. */
		if (!l->date && !l->punct && l->words <= 20 &&
		    (l->words <= 8 || parted(text, l->s, l->e)) &&
		    range_has(f->s, l->fs, l->fe, profile_cues) &&
		    !range_has(f->s, l->fs, l->fe, relative_who)) {
			l->date = 1;
			short_line = 1;
		}
		/* The owner's answer to a review heads its words with no
		 * date: "Response from Kit (owner)". */
		if (!l->date && !l->punct && l->words <= 8 &&
		    range_has(f->s, l->fs, l->fe, reply_cues)) {
			l->date = 1;
			short_line = 1;
		}
		/* A forum poster's profile field ("Joined: May 2016") is
		 * part of the header below it, not a header. */
		if (!l->date || !short_line || l->punct ||
		    profile_field(f, l))
			continue;
		l->header = 1;
		/* A date right under a profile's line continues its header:
		 * "Jo Bloggs / Tolbury - works at X / 14/11/2025" heads one
		 * post (a list of dated entries is many). */
		l->author = !(i > 0 && ln[i - 1].header &&
			      !has_date(f->s, ln[i - 1].fs, ln[i - 1].fe));
		/* "Jo said on 1 May 2025:" leads the words below it, never
		 * those above (the last comment's). */
		if (l->e > l->s && text[l->e - 1] == ':') {
			prev = i + 1;
			continue;
		}
		/* Up to two lines above name the poster ("Jo Bloggs / TA,
		 * Oakfield"); over profile fields, one ("Jo_B / Joined: May
		 * 2016 / Location: Leeds"), so the last post's signature is
		 * not taken for the next poster. */
		for (k = i, names = 0, fields = 0; k > prev; k--) {
			struct line *u = &ln[k - 1];

			if (u->header || u->punct || u->words > 12 ||
			    u->comments || !u->words ||
			    has_sentence_break(text, u->s, u->e))
				break;
			if (profile_field(f, u)) {
				if (++fields > 4)
					break;
			} else if (names++ >= (fields ? 1 : 2)) {
				break;
			} else if (names == 2 && ln[k].words == 1 &&
				   (parted(text, u->s, u->e) ||
				    dash_signed(text, u->s, u->e))) {
				/* "NAME | coach | Leeds" over a handle: the
				 * last post's signature. */
				break;
			} else if (k == i && parted(text, u->s, u->e) &&
				   header_named(f->s, l->fs, l->fe)) {
				/* So over a header that names its own
				 * poster ("jo_b 14 May 2025 #3"). */
				break;
			}
			u->author = 1;
		}
		prev = i + 1;
	}
}

/* Words after a name that make it a greeting: "Jo Bloggs you legend". */
static const char *const vocative_next[] = {
	"you", "u", "ya", "mate", "lad", "pal", "haha", "lol", "lmao", "hun",
	"babe", "ffs", "omg", "man", "bro", "mucker", "ha", NULL
};

#define NAMED_MAX 8

/* Posts' authors (their first author line) known to be the candidate. */
struct named {
	size_t line[NAMED_MAX];
	size_t n;
};

/* The name on an author line: its words before a date or a number
 * ("jo bloggs" of "Jo_Bloggs 3 May 2025 #2"), folded offsets. */
static void author_key(const struct ds_fold *f, const struct line *l,
		       size_t *ks, size_t *ke)
{
	size_t i = l->fs, w;

	*ks = *ke = l->fs;
	while (i < l->fe) {
		for (w = i; w < l->fe && f->s[w] != ' '; w++)
			;
		if (isdigit((unsigned char)f->s[i]) ||
		    in_list(f->s + i, w - i, months))
			break;
		*ke = w;
		i = w + 1;
	}
	if (*ke == *ks)
		*ke = l->fe;
}

/* Are author lines a..b (inclusive) a date and nothing else ("1 March
 * 2026", "04/02/2026 21:14"), naming no one? */
static int date_only(const struct ds_fold *f, const struct line *a,
		     const struct line *b)
{
	size_t i, w;

	for (i = a->fs; i < b->fe; i = w + 1) {
		while (i < b->fe && f->s[i] == ' ')
			i++;
		for (w = i; w < b->fe && f->s[w] != ' '; w++)
			;
		if (w > i && !isdigit((unsigned char)f->s[i]) &&
		    !in_list(f->s + i, w - i, months) &&
		    !word_at(f->s, i, w, "am") && !word_at(f->s, i, w, "pm"))
			return 0;
	}
	return 1;
}

/* A line of a post's words: a sentence's end, or long. */
static int text_line(const struct line *l)
{
	return !l->header && l->words && (l->punct || l->words > 12);
}

/* A line that may be a poster's name and role: short, no sentence. */
static int name_line(const struct line *l)
{
	return !l->header && !l->date && !l->punct && l->words >= 1 &&
	       l->words <= 6;
}

/*
 * Posts dated at their foot: "Jo Bloggs Chemistry teacher", the post,
 * then "12 Feb 2020, 19:40".  When every date-only header of the page
 * (two or more) follows a post's words and comes before the next poster's
 * name (or ends the posts), the names head the posts, not the dates: the
 * date under a post is not the next one's author.
 */
static void footer_dates(const struct ds_fold *f, struct line *ln, size_t nl)
{
	size_t i, k, n = 0, first = nl, last = nl;

	for (i = 0; i < nl; i++) {
		if (!ln[i].header)
			continue;
		last = i;
		if (!date_only(f, &ln[i], &ln[i]) || i == 0 ||
		    !text_line(&ln[i - 1]))
			return;
		if (first == nl)
			first = i;
		n++;
		/* Past the last post: the site's footer. */
		if (i + 1 < nl && !name_line(&ln[i + 1])) {
			for (k = i + 1; k < nl && !ln[k].header; k++)
				;
			if (k < nl)
				return;
		}
	}
	/* A post after the last date: dates head entries (a feed's "4 Oct
	 * 2025 / River recce / Left my Year 5s ..."), they end none. */
	if (n < 2 || (last + 2 < nl && name_line(&ln[last + 1]) &&
		      text_line(&ln[last + 2])))
		return;
	for (k = first; k > 0 && text_line(&ln[k - 1]); k--)
		;
	if (k == 0 || k == first || !name_line(&ln[k - 1]))
		return;
	for (i = 0; i < nl; i++)
		if (ln[i].author && !ln[i].header)
			ln[i].author = 0;
	ln[k - 1].header = ln[k - 1].author = 1;
	for (i = first; i < nl; i++) {
		if (!ln[i].header || ln[i].author == 2)
			continue;
		ln[i].header = ln[i].author = 0;
		if (i + 1 < nl && name_line(&ln[i + 1])) {
			ln[i + 1].header = 1;
			ln[i + 1].author = 2;   /* not a date to undo */
		}
	}
	for (i = 0; i < nl; i++)
		if (ln[i].author == 2)
			ln[i].author = 1;
}

/* Is an author line's name one anyone posts under ("Guest", "Reply")? */
static int generic_author(const struct ds_fold *f, const struct line *l)
{
	static const char *const generic[] = {
		"guest", "anonymous", "anon", "reply", "posted", "comment",
		"admin", "moderator", "user", "member", NULL
	};
	size_t ks, ke, w;

	author_key(f, l, &ks, &ke);
	for (w = ks; w < ke && f->s[w] != ' '; w++)
		;
	return ke - ks < 4 || in_list(f->s + ks, w - ks, generic);
}

/* Is an author line's name four words or more before its date ("River
 * recce, Kestle leat - 6.2 km · 4 Oct 2025"), with no role in brackets,
 * handle or post number: an entry's title on their own page, not
 * someone's name? */
static int entry_title(const char *text, const struct ds_fold *f,
		       const struct line *l)
{
	size_t ks, ke, i;

	/* "gaffer_gary (U15 manager) · #2", "@jo": a poster's name. */
	for (i = l->s; i < l->e; i++)
		if (text[i] == '(' || text[i] == '@' || text[i] == '#')
			return 0;
	author_key(f, l, &ks, &ke);
	return ke < l->fe && count_words(f->s, ks, ke) >= 4;
}

/* Is author line a the same name as author line b? */
static int same_author(const struct ds_fold *f, const struct line *a,
		       const struct line *b)
{
	size_t as, ae, bs, be;

	author_key(f, a, &as, &ae);
	author_key(f, b, &bs, &be);
	return ae - as == be - bs && ae > as &&
	       memcmp(f->s + as, f->s + bs, ae - as) == 0;
}

/*
 * A reply that opens by greeting the candidate by full name ("Jo Bloggs
 * you absolute state") answers the post before it: that post's author,
 * under whatever forum name, is the candidate, and so are their other
 * posts in the thread.
 */
static void find_named_authors(const struct ds_fold *f,
			       const struct line *ln, size_t nl,
			       const struct mention *m, size_t nm_n,
			       struct named *out)
{
	size_t i, j, b, am, prev = (size_t)-1;

	out->n = 0;
	for (i = 0; i < nl; i++) {
		if (!ln[i].author)
			continue;
		for (j = i; j < nl && !ln[j].header; j++)
			;
		/* A short greeting may pass for the next post's author
		 * line: only a header ends the look. */
		for (b = j + 1; b < nl && b <= j + 2 && !ln[b].header; b++) {
			size_t e, w;

			for (am = 0; am < nm_n && m[am].s < ln[b].fs; am++)
				;
			if (am == nm_n || !m[am].full || m[am].s != ln[b].fs)
				continue;
			e = m[am].e;
			while (e < ln[b].fe && f->s[e] == ' ')
				e++;
			for (w = e; w < ln[b].fe && f->s[w] != ' '; w++)
				;
			if (e < ln[b].fe &&
			    !in_list(f->s + e, w - e, vocative_next))
				break;
			if (prev != (size_t)-1 && out->n < NAMED_MAX &&
			    !same_author(f, &ln[prev], &ln[i]))
				out->line[out->n++] = prev;
			break;
		}
		prev = i;
		i = j;
	}
}

/* Words around a name that make them the page's owner ("Owner: Jo
 * Bloggs", "run by Jo Bloggs", "Jo Bloggs (proprietor)"). */
static const char *const owner_before[] = {
	"owner", "proprietor", "run by", "owned by", "director", NULL
};
static const char *const owner_after[] = {
	"owner", "proprietor", NULL
};

/* Does the page name the candidate as the owner of what it reviews? */
static int page_owner(const struct ds_fold *f, const struct mention *m,
		      size_t nm_n)
{
	size_t i, b, a, w;

	for (i = 0; i < nm_n; i++) {
		if (!m[i].full)
			continue;
		/* Up to 3 words before, 2 after. */
		for (b = m[i].s, w = 0; b > 0 && w < 3; w++)
			for (b--; b > 0 && f->s[b - 1] != ' '; b--)
				;
		for (a = m[i].e, w = 0; a < f->len && w < 3; a++)
			if (f->s[a] == ' ')
				w++;
		if (range_has(f->s, b, m[i].s, owner_before) ||
		    range_has(f->s, m[i].e, a, owner_after))
			return 1;
	}
	return 0;
}

/*
 * Is a post of the page (its author lines up to its header) headed by one
 * of their names or usernames?  Then, on their own account's page, the
 * posts of others are theirs no more for coming first: a thread their
 * profile links to opens with someone else's post.
 */
static int named_post(const struct line *ln, size_t nl,
		      const struct mention *m, size_t nm_n)
{
	size_t i, j, am = 0;

	for (i = 0; i < nl; i++) {
		if (!ln[i].author)
			continue;
		for (j = i; j < nl && !ln[j].header; j++)
			;
		if (j >= nl)
			return 0;
		while (am < nm_n && m[am].s < ln[i].fs)
			am++;
		/* The poster's name opens an author line ("Sam Hart to
		 * Jo Bloggs" names whom Sam answers). */
		for (; am < nm_n && m[am].s < ln[j].fe; am++) {
			size_t l;

			for (l = i; l <= j && ln[l].fs != m[am].s &&
			     ln[l].fs + 1 != m[am].s; l++)
				;
			if (m[am].full && l <= j)
				return 1;
		}
		i = j;
	}
	return 0;
}

int ds_context_find(const struct ds_plan_anchors *a, const char *text,
		    size_t len, const char *url, const char *title,
		    int declared, struct ds_context *c)
{
	struct ds_fold f = { 0 };
	struct names *nm = NULL;
	struct mention *m = NULL;
	struct line *ln = NULL;
	size_t nm_n = 0, nl = 0, i, mi = 0, posts = 0, k0;
	enum ds_ctx_role cont = DS_CTX_NONE, region, quoted = DS_CTX_NONE;
	size_t open_q = 0;
	int genre, rc = DS_ENOMEM, own_post = 0, after_comments = 0;
	int occ, lede_occ = 0, owner, row, subject, titled_role;
	int field, record = 0;  /* a "Label: value" line; a record's */
	int named_posts;        /* a post headed by their name or handle */
	int recv_left = 0, recv_line;
	int reporting = 0;      /* their own words told of their reporting */
	char prole[40];
	int prole_any;
	size_t lede_s = 0, lede_e = 0, lede_fs = 0, lede_fe = 0;
	long my_head = -1;      /* the head of a post of theirs */
	size_t own_block = 0;   /* past an own post's author block */
	size_t rs, re;
	struct named named;

	memset(c, 0, sizeof(*c));
	c->declared = declared;
	nm = ds_malloc(sizeof(*nm));
	m = ds_malloc(MAX_MENTIONS * sizeof(*m));
	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			nl++;
	ln = ds_calloc(nl + 1, sizeof(*ln));
	if (!nm || !m || !ln || names_init(nm, a, url) ||
	    ds_fold(text, len, 1, &f))
		goto out;
	nm_n = find_mentions(&f, text, nm, m);
	/* A page that names them only as "Mr Hartley" beside their
	 * employer (ds_identity_titled): that is their name here. */
	for (i = 0; i < nm_n && !m[i].full; i++)
		;
	if (i == nm_n && ds_identity_titled(a, text, len)) {
		static const char *const tt[] = {
			"mr", "mrs", "miss", "ms", "mx", "dr", NULL
		};
		char form[80];
		size_t k, t;

		for (k = 0; k < nm->nsurname; k++)
			for (t = 0; tt[t]; t++) {
				snprintf(form, sizeof(form), "%s %s", tt[t],
					 nm->surname[k]);
				add_form(nm, form);
			}
		nm_n = find_mentions(&f, text, nm, m);
	}
	/* Lines. */
	nl = 0;
	for (i = 0; i < len; ) {
		size_t e = i;

		while (e < len && text[e] != '\n')
			e++;
		ln[nl].s = i;
		ln[nl].e = e;
		while (ln[nl].e > i && (text[ln[nl].e - 1] == ' ' ||
					 text[ln[nl].e - 1] == '\r'))
			ln[nl].e--;
		ln[nl].fs = fidx(&f, i);
		ln[nl].fe = fidx(&f, e);
		nl++;
		i = e + 1;
	}
	find_posts(text, &f, ln, nl);
	footer_dates(&f, ln, nl);
	find_named_authors(&f, ln, nl, m, nm_n, &named);
	owner = page_owner(&f, m, nm_n);
	genre = is_genre(url, title);
	/* A thread of posts is people talking ("Drum lessons rant"), not
	 * a lesson or a policy. */
	for (i = 0, k0 = 0; genre && i < nl; i++)
		k0 += ln[i].header;
	if (k0 >= 2)
		genre = 0;
	subject = title_names(title, nm);
	titled_role = title_defined(&f, nm, m, nm_n);
	prole_any = page_role(&f, ln, nl, m, nm_n, prole, sizeof(prole));
	region = declared ? DS_CTX_OWN : DS_CTX_NONE;
	named_posts = declared && named_post(ln, nl, m, nm_n);
	for (i = 0; i < nl; i++) {
		struct line *l = &ln[i];
		size_t s = l->s, k;

		/* A "Comments" heading, not a menu's item at the top. */
		if (l->comments && (posts || i >= 5)) {
			after_comments = 1;
			region = DS_CTX_OTHERS;
			cont = DS_CTX_NONE;
		}
		if (l->author && i >= own_block) {
			/* A post starts: whose is it? */
			size_t j = i, am = mi;
			int mine = 0;

			while (j < nl && !ln[j].header)
				j++;
			while (am < nm_n && m[am].s < ln[i].fs)
				am++;
			for (; am < nm_n && j < nl && m[am].s < ln[j].fe; am++)
				if (m[am].full)
					mine = 1;
			if (declared && j < nl &&
			    range_has(f.s, ln[i].fs, ln[j].fe,
				      (const char *const[]){ "author", NULL }))
				mine = 1;
			/* Or the owner's reply to a review, on a page that
			 * names them its owner. */
			if (!mine && owner && j < nl &&
			    range_has(f.s, ln[i].fs, ln[j].fe, reply_cues))
				mine = 1;
			/* Or greeted by name in a reply (above). */
			for (am = 0; !mine && am < named.n; am++)
				mine = same_author(&f, &ln[named.line[am]],
						   &ln[i]);
			/* Or signed: the post's last line, short, names
			 * them ("Jo Bloggs, Bay till I die"), or begins
			 * with their full name and a comma, a sign-off of
			 * any length ("Jo Bloggs, maths, Bay Academy, if
			 * SLT are reading"). */
			if (!mine && j < nl) {
				size_t q = j + 1;

				while (q < nl && !ln[q].author &&
				       !ln[q].comments)
					q++;
				for (am = mi; q > j + 1 && am < nm_n &&
				     m[am].s < ln[q - 1].fe; am++) {
					if (!m[am].full ||
					    m[am].s < ln[q - 1].fs)
						continue;
					if ((ln[q - 1].words <= 12 &&
					     !ln[q - 1].punct) ||
					    signed_off(text, &f, &ln[q - 1],
						       &m[am]))
						mine = 1;
				}
			}
			/* Or introduced: the post's first line says who
			 * writes ("Jo Bloggs here, TA by day"). */
			for (am = mi; !mine && j + 1 < nl && am < nm_n &&
			     m[am].s < ln[j + 1].fe; am++)
				if (m[am].full &&
				    self_introduced(&f, &ln[j + 1], &m[am]))
					mine = 1;
			/* Or a sentence of it says so: "It's Jo Bloggs btw,
			 * I don't hide behind a username". */
			if (!mine && j + 1 < nl) {
				size_t q = j + 1;

				while (q < nl && !ln[q].author &&
				       !ln[q].comments)
					q++;
				for (am = mi; !mine && am < nm_n &&
				     m[am].s < ln[q - 1].fe; am++)
					mine = m[am].full &&
					       m[am].s >= ln[j + 1].fs &&
					       owns_up(text, len, &f, &m[am]);
			}
			/* Or by the name that headed a post of theirs
			 * above ("KarenW wrote on", signed by them). */
			if (!mine && my_head >= 0 &&
			    !generic_author(&f, &ln[i]))
				mine = same_author(&f, &ln[my_head], &ln[i]);
			if (mine)
				my_head = (long)i;
			/* On their own page, a post headed by a date alone
			 * (a feed of their posts) is theirs too. */
			own_post = mine || (declared && !after_comments &&
					   ((posts == 0 && !named_posts) ||
					    (j < nl &&
					     date_only(&f, &ln[j], &ln[j])) ||
					    entry_title(text, &f, &ln[i])));
			/* Their own post's author lines may say their job. */
			if (mine && j < nl &&
			    (range_has(f.s, ln[i].fs, ln[j].fe, occupations) ||
			     range_has(f.s, ln[i].fs, ln[j].fe, nm->roles) ||
			     has_caps_job(text, ln[i].s, ln[j].e)))
				c->role_seen = 1;
			/* A report they wrote as a reporter ("By Jo Bloggs,
			 * Court Reporter") tells of others: read it as any
			 * news page, where only what names them counts.  A
			 * column's opinions stay theirs. */
			if (own_post && mine && !declared && j < nl &&
			    range_has(f.s, ln[i].fs, ln[j].fe, byline_jobs))
				own_post = 0;
			/* Someone else's post: on the candidate's own page, in
			 * comments or on a forum (a second post); a news
			 * story's byline makes no such region. */
			region = own_post ? DS_CTX_OWN :
				 declared || after_comments || posts ?
				 DS_CTX_OTHERS : DS_CTX_NONE;
			cont = DS_CTX_NONE;
			reporting = 0;
			posts++;
			if (j >= nl)
				break;
			/* On their own page the lines above a date may be
			 * the post itself ("caption", then "1 March 2026"):
			 * they are read as theirs. */
			if (declared && own_post && j > i) {
				own_block = j + 1;
				goto sentences;
			}
			while (mi < nm_n && m[mi].s < ln[j].fe)
				mi++;
			i = j;  /* the author lines count for nothing */
			continue;
		}
sentences:
		/* Lines under "this is a sample of what arrived" are what
		 * they received, quoted or not, until they speak again
		 * ("I have reported the messages"). */
		recv_line = 0;
		if (recv_left && region == DS_CTX_OWN) {
			if (range_has(f.s, l->fs, l->fe, first_singular))
				recv_left = 0;
			else {
				recv_line = 1;
				recv_left--;
			}
		}
		/* Sentences of the line.  A table's row (page.c writes its
		 * cells apart with " | ") is about whom it names: its later
		 * sentences need no pronoun to refer back. */
		open_q = 0;
		quoted = DS_CTX_NONE;
		for (row = 0, k = l->s; !row && k + 3 <= l->e; k++)
			row = memcmp(text + k, " | ", 3) == 0;
		/* Each row is a record of its own. */
		if (row)
			cont = DS_CTX_NONE;
		/* So is each "Defendant: NAME" and the field lines under it
		 * ("Offences: ...", "Plea: guilty"). */
		field = field_label(text, l->s, l->e) > 0;
		if (!field)
			record = 0;
		else if (range_has(f.s, l->fs, l->fe, role_labels))
			cont = DS_CTX_NONE;
		for (k = l->s; k <= l->e; k++) {
			size_t fs, fe;
			enum ds_ctx_role r = DS_CTX_NONE;

			if (k < l->e && !sentence_end(text, l->s, l->e, k))
				continue;
			if (k < l->e)
				k++;
			while (k < l->e && (text[k] == '"' || text[k] == ')' ||
					    text[k] == '\''))
				k++;
			fs = fidx(&f, s);
			fe = fidx(&f, k);
			while (mi < nm_n && m[mi].s < fs)
				mi++;
			if (region == DS_CTX_OWN) {
				r = DS_CTX_OWN;
				if (recv_line ||
				    (has_quote(text, s, k) &&
				     (range_has(f.s, fs, fe, received_cues) ||
				      range_has(f.s, fs, fe, others_speech) ||
				      received_above(&f, ln, i))) ||
				    range_has(f.s, fs, fe, called_cues))
					r = DS_CTX_QUOTED;
				else if (range_has(f.s, fs, fe, own_official) ||
					 acting_as_office(f.s, fs, fe))
					r = DS_CTX_OFFICIAL;
				else if (own_harmed(f.s, fs, fe) ||
					 receives_abuse(f.s, fs, fe))
					r = DS_CTX_VICTIM;
				else if (others_case(f.s, fs, fe))
					r = DS_CTX_OTHERS;
				else if (range_has(f.s, fs, fe, own_witness) &&
					 !seen_record(f.s, fs, fe))
					r = DS_CTX_WITNESS;
			} else if (quoted != DS_CTX_NONE) {
				/* Still inside the words they were quoted
				 * saying. */
				r = quoted;
			} else if (mi < nm_n && m[mi].s < fe) {
				r = mention_role(f.s, fs, fe, m[mi].s,
						 m[mi].e);
				/* A later mention in the sentence acting
				 * outweighs an earlier one acted upon. */
				while (r != DS_CTX_ACTOR && mi + 1 < nm_n &&
				       m[mi + 1].s < fe) {
					mi++;
					if (mention_role(f.s, fs, fe, m[mi].s,
							 m[mi].e) ==
					    DS_CTX_ACTOR)
						r = DS_CTX_ACTOR;
				}
				if (r == DS_CTX_ACTOR &&
				    receives_abuse(f.s, fs, fe))
					r = DS_CTX_VICTIM;
				/* "Andrew Tyson, 10, grabbed her coat": a
				 * child then, not an adult's conduct. */
				if (r == DS_CTX_ACTOR &&
				    (child_age_after(text, &f, m[mi].e, l->e) ||
				     child_age_before(f.s, fs, m[mi].s)))
					r = DS_CTX_NONE;
				cont = r;
				record = field;
			} else if (cont != DS_CTX_NONE &&
				   (refers_back(f.s, fs, fe, 1) || row ||
				    (field && record))) {
				r = cont;
				if (r == DS_CTX_ACTOR &&
				    victim_later(f.s, fe, fs))
					r = cont = DS_CTX_VICTIM;
			} else if (region == DS_CTX_NONE &&
				   (((subject || prole[0]) &&
				     subject_ref(f.s, fs, fe, prole, prole_any,
						 &rs, &re)) ||
				    (titled_role &&
				     title_ref(f.s, fs, fe, nm, &rs, &re)))) {
				/* The page is about them: "the coach" is; so
				 * is "the School Business Manager" on a page
				 * that says they are. */
				r = cont = mention_role(f.s, fs, fe, rs, re);
			} else if (region == DS_CTX_NONE && subject &&
				   pronoun_at(f.s, fs, fe, &rs, &re)) {
				/* On a page its title says is theirs ("Mr D
				 * Bloggs v Oak College"), "he" and "him" are
				 * theirs: "The college dismissed him for gross
				 * misconduct". */
				r = cont = mention_role(f.s, fs, fe, rs, re);
			} else {
				cont = DS_CTX_NONE;
				if (region == DS_CTX_OTHERS)
					r = DS_CTX_OTHERS;
			}
			/* A quotation they open runs on into the next
			 * sentences until it closes. */
			open_q += quotes_in(text, s, k);
			if (open_q % 2 == 0)
				quoted = DS_CTX_NONE;
			else if (r == DS_CTX_ACTOR && quoted == DS_CTX_NONE)
				quoted = DS_CTX_ACTOR;
			if ((r == DS_CTX_ACTOR || r == DS_CTX_OWN) &&
			    range_has(f.s, fs, fe, teaching_cues) &&
			    !range_has(f.s, fs, fe, verdict_cues))
				r = DS_CTX_TEACHING;
			if ((r == DS_CTX_ACTOR || r == DS_CTX_OWN) &&
			    range_has(f.s, fs, fe, sport_cues))
				r = DS_CTX_SPORT;
			if ((r == DS_CTX_ACTOR || r == DS_CTX_OWN) &&
			    range_has(f.s, fs, fe, reporting_cues) &&
			    !range_has(f.s, fs, fe, verdict_cues)) {
				r = DS_CTX_REPORTER;
				reporting = region == DS_CTX_OWN;
			}
			/* Below it, their stories' headlines, one a line
			 * ("Wrayholme man jailed for robbery"), are the
			 * news they covered too. */
			if (r == DS_CTX_OWN && reporting && !l->punct &&
			    l->words <= 14 &&
			    !range_has(f.s, fs, fe, first_singular))
				r = DS_CTX_REPORTER;
			if ((genre || range_has(f.s, fs, fe, review_cues) ||
			     has_stars(text, s, k)) &&
			    (r == DS_CTX_ACTOR || r == DS_CTX_OWN)) {
				/* What a class's Macbeth did next is the
				 * play's too ("The jury found her guilty"). */
				if (cont == DS_CTX_ACTOR)
					cont = DS_CTX_GENRE;
				r = DS_CTX_GENRE;
			}
			/* Their job in the sentence, or in the one just
			 * before that names no one: a news lede, "An English
			 * teacher at X has been suspended", then the name. */
			occ = range_has(f.s, fs, fe, occupations) ||
			      range_has(f.s, fs, fe, nm->roles) ||
			      has_caps_job(text, s, k);
			if ((r == DS_CTX_ACTOR || r == DS_CTX_OWN) &&
			    (occ || lede_occ))
				c->role_seen = 1;
			/* That lede is about them too when this sentence
			 * opens on their name, acting ("A chemistry teacher
			 * has accepted a caution. Jo Bloggs, 38, of ..."),
			 * unless the lede's own words make them a victim or
			 * a witness. */
			if (lede_occ && r == DS_CTX_ACTOR && region ==
			    DS_CTX_NONE && mi < nm_n && m[mi].s <= fs + 1 &&
			    lede_role(f.s, lede_fs, lede_fe) == DS_CTX_ACTOR &&
			    !lede_other_sex(f.s, lede_fs, lede_fe, fs, fe) &&
			    !lede_named_apart(f.s, lede_fs, lede_fe, fs, fe) &&
			    add_passage(c, lede_s, lede_e, DS_CTX_ACTOR, 0))
				goto out;
			lede_occ = (occ || lede_person(f.s, fs, fe)) &&
				   r == DS_CTX_NONE &&
				   region == DS_CTX_NONE &&
				   lede_role(f.s, fs, fe) != DS_CTX_NONE;
			lede_s = s;
			lede_e = k;
			lede_fs = fs;
			lede_fe = fe;
			if (r != DS_CTX_NONE && fe > fs &&
			    add_passage(c, s, k, r, region == DS_CTX_OWN &&
					!recv_line))
				goto out;
			while (k < l->e && text[k] == ' ')
				k++;
			s = k;
		}
		if (region == DS_CTX_OWN &&
		    range_has(f.s, l->fs, l->fe, received_intro))
			recv_left = 6;
		/* A reference back may cross into the next line only; in
		 * a post (a forum's, a review's), a pronoun anywhere in its
		 * next line will do ("My nephew says he lets them in"). */
		if (cont != DS_CTX_NONE && i + 1 < nl &&
		    !refers_back(f.s, ln[i + 1].fs, ln[i + 1].fe,
				 posts > 0 && !ln[i + 1].author &&
				 !ln[i + 1].header) &&
		    !(mi < nm_n && m[mi].s < ln[i + 1].fe) &&
		    !(record && field_label(text, ln[i + 1].s, ln[i + 1].e)))
			cont = DS_CTX_NONE;
	}
	rc = 0;
out:
	if (rc)
		ds_context_release(c);
	ds_fold_release(&f);
	ds_free(nm);
	ds_free(m);
	ds_free(ln);
	return rc;
}

/* ---- judging a result ---------------------------------------------- */

/* Append a quoted sentence to the explanation's list. */
static void add_sentence(char *out, size_t size, size_t *len,
			 const char *ex)
{
	if (*len < size)
		*len += (size_t)snprintf(out + *len, size - *len,
					 "%s\xe2\x80\x9c%s\xe2\x80\x9d",
					 *len ? " / " : "", ex);
}

/* The length of the phrase of cues that b[i, n) starts with, followed
 * by a space (ASCII case aside), or 0. */
static size_t cue_at(const char *b, size_t n, size_t i,
		     const char *const *cues)
{
	size_t k;

	for (k = 0; cues[k]; k++) {
		size_t cl = strlen(cues[k]);

		if (i + cl < n && b[i + cl] == ' ' &&
		    strncasecmp(b + i, cues[k], cl) == 0)
			return cl;
	}
	return 0;
}

/*
 * Blank out of b[0, n) the names someone called them, unquoted: up to 8
 * words after a called_cues phrase, to the clause's end (punctuation or
 * clause_words), so that what they did in the same sentence still counts.
 */
static void blank_called(char *b, size_t n)
{
	size_t i, k, j, ws, words;

	for (i = 0; i < n; i++) {
		if (i && isalnum((unsigned char)b[i - 1]))
			continue;
		k = cue_at(b, n, i, called_cues);
		if (!k)
			continue;
		j = i + k;
		for (words = 0; words < 8 && j < n; words++) {
			while (j < n && b[j] == ' ')
				j++;
			if (j >= n || strchr(",.;:!?()\n", b[j]))
				break;
			for (ws = j; j < n && b[j] != ' ' &&
			     !strchr(",.;:!?()\n", b[j]); j++)
				;
			if (in_list(b + ws, j - ws, clause_words))
				break;
			memset(b + ws, ' ', j - ws);
		}
		i = j;
	}
}

/* Blank abuse got or reported ("gets 40 abusive messages"): it is what
 * they received. */
static void blank_received(char *b, size_t n)
{
	size_t i, e;

	for (i = 0; i < n; i++) {
		if (i && isalnum((unsigned char)b[i - 1]))
			continue;
		e = received_abuse_at(b, n, i);
		if (e)
			memset(b + i, ' ', e - i);
	}
}

/*
 * Blank out of b[0, n) each passive of harm received ("got glassed",
 * "was badly punched"): the auxiliary, up to one word, the participle;
 * and harm done to them ("a man shouted at me").
 */
static void blank_harm(char *b, size_t n)
{
	size_t i, k, j, ws, words, cut;

	for (i = 0; i < n; i++) {
		if (i && isalnum((unsigned char)b[i - 1]))
			continue;
		k = harm_to_me_at(b, n, i);
		if (k) {
			memset(b + i, ' ', k);
			continue;
		}
		k = cue_at(b, n, i, own_passive_aux);
		if (!k || other_subject_before(b, i))
			continue;
		j = i + k;
		cut = 0;
		for (words = 0; words < 2 && j < n; words++) {
			while (j < n && b[j] == ' ')
				j++;
			for (ws = j; j < n && isalpha((unsigned char)b[j]);
			     j++)
				;
			if (ws == j)
				break;
			if (in_list(b + ws, j - ws, victim_participle)) {
				cut = j;
				break;
			}
		}
		if (cut)
			memset(b + i, ' ', cut - i);
	}
}

/*
 * Triage s[0, n) with every double-quoted span blanked out ("..." and
 * curly quotes), every name someone called them (blank_called) and every
 * harm they received (blank_harm): 1
 * with *tr's categories and reasons replaced when a
 * category holds on the words outside the quotation (its excerpt, from
 * the text as written, kept), 0 when none does, or DS_ENOMEM.
 */
static int outside_quotes(const struct ds_taxonomy *t, const char *s,
			  size_t n, struct ds_triage_result *tr,
			  struct ds_err *err)
{
	struct ds_triage_result r;
	char *b = ds_malloc(n + 1);
	size_t i;
	int in = 0, rc;

	if (!b)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		const unsigned char *u = (const unsigned char *)s + i;
		int curly = i + 2 < n && u[0] == 0xe2 && u[1] == 0x80;

		if (u[0] == '"' || (curly && u[2] == 0x9c) ||
		    (curly && u[2] == 0x9d && in)) {
			in = u[0] == '"' ? !in : u[2] == 0x9c;
			b[i] = ' ';
			if (u[0] != '"') {
				b[++i] = ' ';
				b[++i] = ' ';
			}
			continue;
		}
		b[i] = in ? ' ' : s[i];
	}
	b[n] = '\0';
	blank_called(b, n);
	blank_harm(b, n);
	blank_received(b, n);
	rc = ds_triage_text(t, b, n, &r, err);
	ds_free(b);
	if (rc)
		return rc;
	if (!r.cats)
		return 0;
	memcpy(r.excerpt, tr->excerpt, sizeof(r.excerpt));
	*tr = r;
	return 1;
}

/* Does passage p of text hold one of list (folded, whole words)? */
static int passage_has(const char *text, const struct ds_passage *p,
		       const char *const *list)
{
	struct ds_fold f;
	int yes;

	if (ds_fold(text + p->start, p->end - p->start, 0, &f) != 0)
		return 0;
	yes = range_has(f.s, 0, f.len, list);
	ds_fold_release(&f);
	return yes;
}

/*
 * The candidate agrees (endorse_cues) in passage p with what the page
 * says: when the page as a whole carries hate speech, so does their
 * agreement.  The finding quotes their sentence and names the page's
 * terms.  Returns 0 or DS_ENOMEM.
 */
static int judge_endorsement(const struct ds_taxonomy *t, const char *text,
			     size_t len, const struct ds_passage *p,
			     struct ds_judgement *j, size_t *sl, char *sent,
			     size_t sent_size, char *why, size_t why_size,
			     struct ds_err *err)
{
	struct ds_triage_result page;
	unsigned special = ds_taxonomy_special_cats(t);
	size_t n, wl = strlen(why);
	int rc, had = j->tr.cats != 0;

	rc = ds_triage_text(t, text, len, &page, err);
	if (rc || !(page.cats & special))
		return rc;
	j->tr.cats |= page.cats & special;
	j->tr.special_care = 1;
	if (page.severity > j->tr.severity)
		j->tr.severity = page.severity;
	if (!had) {
		/* Their sentence is the excerpt, not the page's hit. */
		n = p->end - p->start;
		if (n > DS_EXCERPT_MAX) {
			n = DS_EXCERPT_MAX;
			while (n > 0 && ((unsigned char)text[p->start + n] &
					 0xc0) == 0x80)
				n--;
		}
		memset(j->tr.excerpt, 0, sizeof(j->tr.excerpt));
		memcpy(j->tr.excerpt, text + p->start, n);
		add_sentence(sent, sent_size, sl, j->tr.excerpt);
	}
	if (wl < why_size &&
	    snprintf(why + wl, why_size - wl, "%sagrees with the page, "
		     "which reads: %s", wl ? "; " : "", page.why) >=
	    (int)(why_size - wl))
		why[why_size - 1] = '\0';
	return 0;
}

/*
 * The identity level once the passages are known.  A school job said of
 * the candidate (context.h's occupations) is one more anchor, weighing as
 * an employer does: a name, the town and "works as a teaching assistant"
 * in a court report are the candidate.
 */
static void judge_identity(const struct ds_identity_conf *conf,
			   const struct ds_context *c, struct ds_judgement *j)
{
	struct ds_identity_result *id = &j->id;

	if (c->role_seen && !(id->matched & DS_MATCH_ROLE)) {
		id->matched |= DS_MATCH_ROLE;
		id->score += conf->employer;
		if (id->score >= conf->confirmed &&
		    !(id->matched & DS_MATCH_TITLED))
			id->level = DS_ID_CONFIRMED;
		else if (id->score >= conf->probable &&
			 id->level < DS_ID_PROBABLE)
			id->level = DS_ID_PROBABLE;
	}
}

/* ---- children named in the candidate's own post ---------------------- */

/* A first name as written: a capital, then small letters, a hyphen
 * joining another ("Lily-Mae"); the length of the word at t[i], or 0. */
static size_t first_name_at(const char *t, size_t i, size_t e)
{
	size_t j = i + 1;

	if (i >= e || !isupper((unsigned char)t[i]))
		return 0;
	while (j < e && (islower((unsigned char)t[j]) ||
			 (t[j] == '-' && j + 1 < e &&
			  isupper((unsigned char)t[j + 1])) ||
			 (isupper((unsigned char)t[j]) && t[j - 1] == '-')))
		j++;
	if (j - i < 2 || j - i > 15 || (j < e && isalnum((unsigned char)t[j])))
		return 0;
	return j - i;
}

/* The longest run of first names in t[s, e) joined by ", ", " and " or
 * " & ". */
static size_t name_run(const char *t, size_t s, size_t e)
{
	size_t i = s, run = 0, best = 0, n;

	while (i < e) {
		n = (i == s || !isalnum((unsigned char)t[i - 1])) ?
		    first_name_at(t, i, e) : 0;
		if (!n) {
			run = 0;
			i++;
			continue;
		}
		run++;
		if (run > best)
			best = run;
		i += n;
		if (i + 1 < e && t[i] == ',' && t[i + 1] == ' ')
			i += 2;
		else if (i + 5 <= e && strncmp(t + i, " and ", 5) == 0)
			i += 5;
		else if (i + 3 <= e && strncmp(t + i, " & ", 3) == 0)
			i += 3;
		else
			run = 0;
	}
	return best;
}

/* A year group as a word at t[i]: "Y2", "Y10s", "Yr 6", "Year 4s". */
static int year_group_at(const char *t, size_t i, size_t e)
{
	size_t j = i;
	int year;

	if ((i > 0 && isalnum((unsigned char)t[i - 1])) ||
	    (t[i] != 'Y' && t[i] != 'y'))
		return 0;
	if (j + 4 < e && strncasecmp(t + j, "year ", 5) == 0)
		j += 5;
	else if (j + 3 < e && strncasecmp(t + j, "yr ", 3) == 0)
		j += 3;
	else
		j++;
	if (j >= e || !isdigit((unsigned char)t[j]))
		return 0;
	year = t[j++] - '0';
	if (j < e && isdigit((unsigned char)t[j]))
		year = year * 10 + (t[j++] - '0');
	if (year < 1 || year > 13)
		return 0;
	if (j < e && t[j] == 's')
		j++;
	return j >= e || !isalnum((unsigned char)t[j]);
}

/* Words of a class of young pupils. */
static const char *const class_words[] = {
	"reception", "nursery", "preschool", "eyfs", "pupils", "class",
	"classroom", NULL
};

/* Has t[s, e) one of list's words or phrases, in any case? */
static int has_word(const char *t, size_t s, size_t e,
		    const char *const *list)
{
	size_t i, k, n;

	for (i = s; i < e; i++) {
		if (i > s && isalpha((unsigned char)t[i - 1]))
			continue;
		for (k = 0; list[k]; k++) {
			n = strlen(list[k]);
			if (i + n <= e && strncasecmp(t + i, list[k], n) == 0 &&
			    (i + n == e || !isalpha((unsigned char)t[i + n])))
				return 1;
		}
	}
	return 0;
}

/*
 * A post in the candidate's own words listing five or more children's
 * first names beside a class ("my Reception superstars Amy, Ben, ..."),
 * or three beside words of children in care ("Kai, Mia, Rocco and little
 * Bex. Care kids get a bad rap"), names pupils in public: conduct with
 * children.
 */
static int names_pupils(const char *t, size_t s, size_t e)
{
	static const char *const care_words[] = {
		"care kids", "lookedafter", "looked after children",
		"looked-after", "children in care", "kids in care",
		"children's home", "childrens home", "foster kids",
		"my foster", NULL
	};
	size_t i, run = name_run(t, s, e);

	/* Children in care, named: three names are enough. */
	if (run >= 3 && has_word(t, s, e, care_words))
		return 1;
	if (run < 5)
		return 0;
	for (i = s; i < e; i++)
		if (year_group_at(t, i, e))
			return 1;
	return has_word(t, s, e, class_words);
}

/* Words of a street's name, after a capitalised word ("Elm Close"). */
static const char *const street_words[] = {
	"Close", "Road", "Street", "Avenue", "Lane", "Drive", "Crescent",
	"Grove", "Gardens", "Terrace", "Court", "Way", "Rise", "Mews", NULL
};
/* Words that make a post's names children's. */
static const char *const little_words[] = {
	"little ones", "kids", "children", "nursery", "babies", "toddlers",
	"twins", "twinnies", "pupils", "tots", NULL
};

/*
 * A post in the candidate's own words naming children ("Alfie &
 * Archie") and their street ("(Elm Close massive lol)") beside words of
 * children: children identified with where they live.
 */
static int line_names_child_home(const char *t, size_t s, size_t e)
{
	size_t i, n, k, m;
	int street = 0;

	if (name_run(t, s, e) < 2 ||
	    !has_word(t, s, e, little_words))
		return 0;
	for (i = s; i < e && !street; i++) {
		if (i > s && isalnum((unsigned char)t[i - 1]))
			continue;
		n = first_name_at(t, i, e);
		if (!n || i + n + 1 >= e || t[i + n] != ' ')
			continue;
		for (k = 0; street_words[k] && !street; k++) {
			m = strlen(street_words[k]);
			street = i + n + 1 + m <= e &&
				 strncmp(t + i + n + 1, street_words[k], m) ==
				 0 && (i + n + 1 + m == e ||
				       !isalnum((unsigned char)
						t[i + n + 1 + m]));
		}
	}
	return street;
}

static int names_child_home(const char *t, size_t s, size_t e)
{
	size_t ls, le;

	/* The names, the children and the street in one line: not an
	 * imprint's "Promoted by Jo Bloggs, Beck Lane" under a post about
	 * children. */
	for (ls = s; ls < e; ls = le + 1) {
		for (le = ls; le < e && t[le] != '\n'; le++)
			;
		if (line_names_child_home(t, ls, le))
			return 1;
	}
	return 0;
}

/* Capitalised words that come before a letter without being a name
 * ("Mr B", "Plan B", "Set 3"). */
static const char *const not_first_names[] = {
	"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Plan", "Part", "Paper", "Team",
	"Group", "Set", "Grade", "Level", "Year", "Room", "Block", "Section",
	"Unit", "Question", "Option", "Class", "Form", "Tier", "Key", "Stage",
	"Phase", "Vitamin", "Type", "Side", "Gate", "Floor", "Wing", "Zone",
	NULL
};

/* "(14)" at t[i]: an age under 18 in brackets. */
static int bracket_age_at(const char *t, size_t i, size_t e)
{
	size_t c;
	int age = 0;

	if (i + 2 >= e || t[i] != '(' || !isdigit((unsigned char)t[i + 1]))
		return 0;
	for (c = i + 1; c < e && isdigit((unsigned char)t[c]) && age < 100;
	     c++)
		age = age * 10 + (t[c] - '0');
	return c < e && t[c] == ')' && age < 18;
}

/* Is the word at t[i], n long, one of not_first_names? */
static int not_a_first_name(const char *t, size_t i, size_t n)
{
	size_t k;

	for (k = 0; not_first_names[k]; k++)
		if (strlen(not_first_names[k]) == n &&
		    strncmp(t + i, not_first_names[k], n) == 0)
			return 1;
	return 0;
}

/* A school class's code as a word at t[i] (ds_class_code). */
static int class_code_at(const char *t, size_t i, size_t e)
{
	size_t j = i;

	if (i > 0 && isalnum((unsigned char)t[i - 1]))
		return 0;
	while (j < e && isalnum((unsigned char)t[j]))
		j++;
	return ds_class_code(t + i, j - i);
}

/* Words that place a post in a school: "parents' evening", "my Y2s". */
static const char *const school_cues[] = {
	"parents' evening", "parents evening", "parents\xe2\x80\x99 evening",
	"my class", "my pupils", "my form", "tutor group", "my set", NULL
};

/*
 * A post in the candidate's own words naming one pupil by a first name
 * and an initial beside the class's code or a school's words ("Marking
 * 10X2 mocks. Kacey-Leigh P has written ...", "My Y2s on our trip! Look
 * at Mason P"): a pupil identified in public.
 */
static int names_a_pupil(const char *t, size_t s, size_t e)
{
	size_t i, n, k, a;
	int code = 0, cue = 0, named = 0, owned = 0;

	for (i = s; i < e; i++) {
		if (!code && class_code_at(t, i, e))
			code = 1;
		if (!cue && year_group_at(t, i, e))
			cue = 1;
		for (k = 0; !cue && school_cues[k]; k++)
			if (i + strlen(school_cues[k]) <= e &&
			    strncasecmp(t + i, school_cues[k],
					strlen(school_cues[k])) == 0)
				cue = 1;
		if (i > s && isalnum((unsigned char)t[i - 1]))
			continue;
		n = first_name_at(t, i, e);
		/* "Your son (Kai, 9K)": a name and the class's code. */
		if (n >= 3 && i + n + 2 < e && t[i + n] == ',' &&
		    t[i + n + 1] == ' ' && class_code_at(t, i + n + 2, e)) {
			named = code = 1;
			continue;
		}
		if (n < 3 || i + n + 2 > e || t[i + n] != ' ' ||
		    !isupper((unsigned char)t[i + n + 1]) ||
		    t[i + n + 1] == 'I' || t[i + n + 1] == 'A' ||
		    (i + n + 2 < e && isalnum((unsigned char)t[i + n + 2])))
			continue;
		if (not_a_first_name(t, i, n))
			continue;
		/* An apostrophe after the letter: "Alfie W's mum" is an
		 * initial, "Shiv O'Keeffe" a surname. */
		a = i + n + 2;
		k = a < e && t[a] == '\'' ? 1 :
		    a + 2 < e && memcmp(t + a, "\xe2\x80\x99", 3) == 0 ? 3 : 0;
		if (k && (a + k >= e || t[a + k] != 's' ||
			  (a + k + 1 < e &&
			   isalnum((unsigned char)t[a + k + 1]))))
			continue;
		named = 1;
		/* Said as a child is: "Alfie W's mum", "Mason P and
		 * Ruby-Leigh". */
		if (k || (a + 5 < e && memcmp(t + a, " and ", 5) == 0 &&
			  first_name_at(t, a + 5, e)))
			owned = 1;
	}
	/* A class's code will do; a year group or parents' evening only
	 * beside a name said as a child's. */
	return named && (code || (cue && owned));
}


/* Does t[s, e) hold one of list, case aside, the words whole at
 * their start (an emoji anywhere)? */
static int has_ci(const char *t, size_t s, size_t e,
		  const char *const *list)
{
	size_t i, k, n;

	for (i = s; i < e; i++)
		for (k = 0; list[k]; k++) {
			n = strlen(list[k]);
			if (i + n > e || strncasecmp(t + i, list[k], n) != 0)
				continue;
			if ((unsigned char)list[k][0] >= 0x80)
				return 1;
			if ((i == s || !isalnum((unsigned char)t[i - 1])) &&
			    (i + n == e || !isalnum((unsigned char)t[i + n])))
				return 1;
		}
	return 0;
}

/* The start of the last of list's words in t[s, e) (as has_ci finds
 * them), or e when none. */
static size_t last_ci(const char *t, size_t s, size_t e,
		      const char *const *list)
{
	size_t i, k, n, last = e;

	for (i = s; i < e; i++)
		for (k = 0; list[k]; k++) {
			n = strlen(list[k]);
			if (i + n > e || strncasecmp(t + i, list[k], n) != 0)
				continue;
			if ((unsigned char)list[k][0] >= 0x80 ||
			    ((i == s || !isalnum((unsigned char)t[i - 1])) &&
			     (i + n == e || !isalnum((unsigned char)t[i + n]))))
				last = i;
		}
	return last;
}

/*
 * A post in the candidate's own words that laughs ("😂", "lol") at one
 * child or one class it identifies before the laughter ("Year 9 lad got
 * flattened 😂", "8C meeting the Bunsen burner 😂", "sat on one of mine
 * 😂"; not "lost a shoe 😂 four weeks till I'm back in front of Year
 * 9"), with no praise in it: a child made fun of in public.
 */
static int laughs_at_child(const struct ds_taxonomy *tx, const char *t,
			   size_t s, size_t e)
{
	const char *const *laughs = ds_taxonomy_cues(tx, DS_CUE_LAUGHTER);
	const char *const *one_child = ds_taxonomy_cues(tx, DS_CUE_ONE_CHILD);
	const char *const *praise = ds_taxonomy_cues(tx, DS_CUE_PRAISE);
	static const char *const staff[] = {
		"teacher", "team", "staff", "lead", "leader", "ta", "tutor",
		"teaching", NULL
	};
	size_t i, ls, le, k, lp;
	int child;

	if (has_ci(t, s, e, praise))
		return 0;
	/* The child and the laughter in one line. */
	for (ls = s; ls < e; ls = le + 1) {
		for (le = ls; le < e && t[le] != '\n'; le++)
			;
		if (!has_ci(t, ls, le, laughs))
			continue;
		/* The child is named before the last laughter. */
		lp = last_ci(t, ls, le, laughs);
		child = has_ci(t, ls, lp, one_child);
		for (i = ls; i < lp && !child; i++) {
			size_t w = i + 16 < le ? i + 16 : le;

			if (!class_code_at(t, i, le) &&
			    !year_group_at(t, i, le))
				continue;
			/* "Y4 teacher" is a job, not a child. */
			for (k = 0; staff[k]; k++)
				if (has_ci(t, i, w, (const char *const[]){
						   staff[k], NULL }))
					break;
			child = !staff[k];
		}
		if (child)
			return 1;
	}
	return 0;
}


/* Words of the candidate's own family: their child's news is theirs. */
static const char *const own_family[] = {
	"my son", "my daughter", "our son", "our daughter", "my sons",
	"my daughters", "our sons", "our daughters", "my little boy",
	"my little girl", "my grandson", "my granddaughter", "my niece",
	"my nephew", "my stepson", "my stepdaughter", NULL
};

/*
 * One child identified in t[ls, le) by a first name: an age under 18 in
 * brackets after it ("Zara (3)"); brackets after it (or after its
 * surname) that hold a child's details ("Kacey-Mae Price (PMLD, tube
 * fed)"); "little" before it ("little Jayden"); or, in a line with a
 * year group, a full name between commas ("Year 8 lad, Tyler Mellor,").
 */
static int child_identified(const char *const *details, const char *t,
			    size_t ls, size_t le)
{
	size_t i, n, j, m, c;
	int year = 0;

	for (i = ls; i < le && !year; i++)
		year = year_group_at(t, i, le);
	for (i = ls; i < le; i++) {
		if (i > ls && isalnum((unsigned char)t[i - 1]))
			continue;
		n = first_name_at(t, i, le);
		if (n < 3 || not_a_first_name(t, i, n))
			continue;
		j = i + n;
		if (j + 1 < le && t[j] == ' ' && bracket_age_at(t, j + 1, le))
			return 1;
		if (i >= ls + 7 && strncmp(t + i - 7, "little ", 7) == 0 &&
		    (i == ls + 7 || !isalnum((unsigned char)t[i - 8])))
			return 1;
		m = j + 1 < le && t[j] == ' ' ? first_name_at(t, j + 1, le) : 0;
		if (m >= 2 && !not_a_first_name(t, j + 1, m)) {
			if (year && j + 1 + m < le && t[j + 1 + m] == ',' &&
			    i >= ls + 2 && t[i - 2] == ',')
				return 1;
			j += 1 + m;
		}
		if (j + 2 < le && t[j] == ' ' && t[j + 1] == '(') {
			for (c = j + 2; c < le && t[c] != ')'; c++)
				;
			if (c < le && has_ci(t, j + 2, c, details))
				return 1;
		}
	}
	return 0;
}

/*
 * A post in the candidate's own words that identifies one child and, in
 * the same line, their health, care or safeguarding details ("Zara (3)
 * ... our little autistic superstar. EHCP here we come!"): a child's
 * confidential details made public, whatever the tone.  Not a line about
 * the candidate's own son or daughter.
 */
static int child_details_public(const struct ds_taxonomy *tx,
				const char *t, size_t s, size_t e)
{
	const char *const *details =
		ds_taxonomy_cues(tx, DS_CUE_CHILD_DETAILS);
	size_t ls, le;

	for (ls = s; ls < e; ls = le + 1) {
		for (le = ls; le < e && t[le] != '\n'; le++)
			;
		if (has_ci(t, ls, le, details) &&
		    !has_ci(t, ls, le, own_family) &&
		    child_identified(details, t, ls, le))
			return 1;
	}
	return 0;
}

/* ---- threats of harm to a person ---------------------------------------- */

#define TW_MAX 64               /* words of a sentence read */
#define TW_LEN 24               /* bytes of a word kept */

/* Is t[i] a double quotation mark: 1 an opening or straight one, 2 a
 * closing one, 0 none; *len its bytes. */
static int quote_at(const char *t, size_t i, size_t e, size_t *len)
{
	*len = 1;
	if (t[i] == '"')
		return 1;
	*len = 3;
	if (i + 2 < e && memcmp(t + i, "\xe2\x80\x9c", 3) == 0)
		return 1;
	if (i + 2 < e && memcmp(t + i, "\xe2\x80\x9d", 3) == 0)
		return 2;
	return 0;
}

/* The words of t[s, e) outside double quotation marks (*inq: inside
 * them, carried from sentence to sentence), lower case, apostrophes
 * dropped ("I'll" is "ill", "you’re" "youre"); the count. */
static size_t sentence_words(const char *t, size_t s, size_t e,
			     char (*w)[TW_LEN], size_t max, int *inq)
{
	size_t n = 0, i = s, l, ql;
	int q;

	while (i < e && n < max) {
		while (i < e && (*inq || !isalnum((unsigned char)t[i]))) {
			q = quote_at(t, i, e, &ql);
			if (q)
				*inq = q == 1 && (t[i] != '"' || !*inq);
			i += q ? ql : 1;
		}
		l = 0;
		while (i < e) {
			if (isalnum((unsigned char)t[i])) {
				if (l + 1 < TW_LEN)
					w[n][l++] = (char)tolower(
						(unsigned char)t[i]);
				i++;
			} else if (t[i] == '\'' && i + 1 < e &&
				   isalpha((unsigned char)t[i + 1])) {
				i++;
			} else if (i + 3 < e &&
				   memcmp(t + i, "\xe2\x80\x99", 3) == 0 &&
				   isalpha((unsigned char)t[i + 3])) {
				i += 3;
			} else {
				break;
			}
		}
		if (l) {
			w[n][l] = '\0';
			n++;
		}
	}
	/* Past the words kept, the quotation marks still count. */
	for (; i < e; i++) {
		q = quote_at(t, i, e, &ql);
		if (q) {
			*inq = q == 1 && (t[i] != '"' || !*inq);
			i += ql - 1;
		}
	}
	return n;
}

/* Does phrase (words, lower case) start at word i of w?  The number of
 * its words, or 0. */
static size_t phrase_at(char (*w)[TW_LEN], size_t nw, size_t i,
			const char *phrase)
{
	size_t k = 0;
	const char *p = phrase;

	while (*p) {
		size_t l = strcspn(p, " ");

		if (i + k >= nw || strlen(w[i + k]) != l ||
		    strncmp(w[i + k], p, l) != 0)
			return 0;
		k++;
		p += l;
		while (*p == ' ')
			p++;
	}
	return k;
}

/* Is word a harm verb's form: the verb, or it with s, es, ed, d, ing,
 * or a doubled last letter and ed or ing ("batters", "glassed",
 * "decking", "stabbed")? */
static int verb_form(const char *word, const char *verb, size_t vl)
{
	const char *r;

	if (!vl || strncmp(word, verb, vl) != 0)
		return 0;
	r = word + vl;
	if (*r == verb[vl - 1] && r[1])
		r++;
	return !*r || !strcmp(r, "s") || !strcmp(r, "es") ||
	       !strcmp(r, "ed") || !strcmp(r, "d") || !strcmp(r, "ing");
}

/*
 * Does the harm at word j of w ("batter", "swing for", "break+") fall on
 * a person?  Its words, then him, her, you, them (not before "a", "an",
 * "some": "I'll shoot you a message" gives), or your, his, her, their
 * before a body part; a harm marked "+" needs the body part.
 */
static int harms_person(char (*w)[TW_LEN], size_t nw, size_t j,
			const char *harm, const char *const *parts)
{
	static const char *const persons[] = {
		"him", "her", "you", "ya", "u", "thee", "thi", "them", "em",
		NULL
	};
	static const char *const owners[] = {
		"your", "yer", "his", "her", "their", "ur", NULL
	};
	static const char *const gives[] = {
		"a", "an", "some", "one", "the", "this", "my", "up", "in",
		"home", "off", "out", "back", NULL
	};
	char verb[TW_LEN * 3];
	size_t hl = strlen(harm), vl, o, k;
	int part_only = hl && harm[hl - 1] == '+';
	const char *sp;

	snprintf(verb, sizeof(verb), "%.*s", (int)(part_only ? hl - 1 : hl),
		 harm);
	sp = strchr(verb, ' ');
	vl = sp ? (size_t)(sp - verb) : strlen(verb);
	if (!verb_form(w[j], verb, vl))
		return 0;
	o = j + 1;
	/* "swing for", "stamp on": the rest of the harm's words; a
	 * phrasal verb may hold its person inside ("knock him out"). */
	if (sp) {
		size_t m = phrase_at(w, nw, o, sp + 1);

		if (!m && !part_only && o + 1 < nw &&
		    phrase_at(w, nw, o + 1, sp + 1)) {
			for (k = 0; persons[k]; k++)
				if (!strcmp(w[o], persons[k]))
					return 1;
		}
		if (!m)
			return 0;
		o += m;
	}
	if (o >= nw)
		return 0;
	for (k = 0; owners[k]; k++)
		if (!strcmp(w[o], owners[k]) && o + 1 < nw) {
			size_t p;

			for (p = 0; parts[p]; p++)
				if (!strcmp(w[o + 1], parts[p]))
					return 1;
		}
	if (part_only)
		return 0;
	for (k = 0; persons[k]; k++)
		if (!strcmp(w[o], persons[k]))
			break;
	if (!persons[k])
		return 0;
	for (k = 0; o + 1 < nw && gives[k]; k++)
		if (!strcmp(w[o + 1], gives[k]))
			return 0;
	return 1;
}

/*
 * "get decked", "be glassed": a blow to come, said in the passive at word
 * j of w.  Not a harm that may befall anyone ("you'll get hurt", "get
 * killed on that road"), not one that needs a body part, not "kicked
 * out".
 */
static int harmed(char (*w)[TW_LEN], size_t nw, size_t j, const char *harm)
{
	static const char *const risks[] = {
		"hurt", "kill", "murder", "drown", "end", "bury", "cripple",
		"torch", "smash", "hospitalise", "hospitalize", NULL
	};
	size_t hl = strlen(harm), k, l;

	if (j + 1 >= nw || (strcmp(w[j], "get") && strcmp(w[j], "be") &&
			    strcmp(w[j], "getting")))
		return 0;
	if (strchr(harm, ' ') || harm[hl - 1] == '+')
		return 0;
	for (k = 0; risks[k]; k++)
		if (!strcmp(harm, risks[k]))
			return 0;
	l = strlen(w[j + 1]);
	if (l < 3 || strcmp(w[j + 1] + l - 1, "d") ||
	    !verb_form(w[j + 1], harm, hl))
		return 0;
	return j + 2 >= nw || (strcmp(w[j + 2], "out") &&
			       strcmp(w[j + 2], "off"));
}

/* A harm of the list at word j of w that falls on a person, actively or
 * in the passive. */
static int harm_at(char (*w)[TW_LEN], size_t nw, size_t j,
		   const char *const *harm, const char *const *parts)
{
	size_t h;

	for (h = 0; harm[h]; h++)
		if (harms_person(w, nw, j, harm[h], parts) ||
		    harmed(w, nw, j, harm[h]))
			return 1;
	return 0;
}

/*
 * A sentence that says harm to come to a person: a future (threat_will)
 * then, within three words, a harm (threat_harm) that falls on him, her,
 * you, them or a body part of theirs ("I'll absolutely batter him", "my
 * brothers will be round to break your legs"); not in a sentence about
 * a contest ("we'll smash them in the quiz").
 */
static int threatens(const struct ds_taxonomy *tx, const char *t, size_t s,
		     size_t e)
{
	const char *const *will = ds_taxonomy_cues(tx, DS_CUE_THREAT_WILL);
	const char *const *harm = ds_taxonomy_cues(tx, DS_CUE_THREAT_HARM);
	const char *const *parts = ds_taxonomy_cues(tx, DS_CUE_THREAT_PARTS);
	const char *const *contests = ds_taxonomy_cues(tx, DS_CUE_CONTESTS);
	char w[TW_MAX][TW_LEN];
	size_t ss, se, nw, i, j, k, m;
	int inq = 0;

	/* What it quotes is someone else's ("\"Ah'll bray thi!\" is what
	 * your grandad said"); single quotes are too often apostrophes to
	 * count. */
	for (ss = s; ss < e; ss = se + 1) {
		/* A quotation ends with its line. */
		if (ss > s && t[ss - 1] == '\n')
			inq = 0;
		for (se = ss; se < e && !strchr(".!?\n", t[se]); se++)
			;
		nw = sentence_words(t, ss, se, w, TW_MAX, &inq);
		for (i = 0; i < nw; i++)
			for (k = 0; contests[k]; k++)
				if (phrase_at(w, nw, i, contests[k]))
					goto next;
		for (i = 0; i < nw; i++)
			for (k = 0; will[k]; k++) {
				m = phrase_at(w, nw, i, will[k]);
				for (j = i + m; m && j < nw && j <= i + m + 3;
				     j++)
					if (harm_at(w, nw, j, harm, parts))
						return 1;
			}
next:
		;
	}
	return 0;
}

/*
 * A post in the candidate's own words that leers ("😏", "👀") at girls
 * or women in one line ("Some of the girls will fill them out better
 * than the staff 😏"), with no praise in it: sexual content.
 */
static int leers_at(const struct ds_taxonomy *tx, const char *t, size_t s,
		    size_t e)
{
	const char *const *leers = ds_taxonomy_cues(tx, DS_CUE_LEERS);
	const char *const *looked_at = ds_taxonomy_cues(tx, DS_CUE_LOOKED_AT);
	const char *const *praise = ds_taxonomy_cues(tx, DS_CUE_PRAISE);
	size_t ls, le;

	if (has_ci(t, s, e, praise))
		return 0;
	for (ls = s; ls < e; ls = le + 1) {
		for (le = ls; le < e && t[le] != '\n'; le++)
			;
		if (has_ci(t, ls, le, leers) && has_ci(t, ls, le, looked_at))
			return 1;
	}
	return 0;
}

/* "12 to 14s", "11-16s": an age group of children at t[i]. */
static int age_range_at(const char *t, size_t i, size_t e)
{
	int a = 0, b = 0;
	size_t j = i;

	while (j < e && isdigit((unsigned char)t[j]))
		a = a * 10 + (t[j++] - '0');
	if (j + 4 <= e && strncmp(t + j, " to ", 4) == 0)
		j += 4;
	else if (j < e && t[j] == '-')
		j++;
	else
		return 0;
	while (j < e && isdigit((unsigned char)t[j]))
		b = b * 10 + (t[j++] - '0');
	return a >= 4 && b > a && b <= 17 && j < e && t[j] == 's';
}

/* Does line t[s, e) identify children: a cue of [cues] young (not when
 * strict: "the lads" may be grown men), a class, a year group, an age in
 * brackets or a range of ages? */
static int names_child(const struct ds_taxonomy *tx, const char *t, size_t s,
		       size_t e, int strict)
{
	static const char *const pupils[] = {
		"tutor group", "form group", "my form", "my class", "pupils",
		"my students", NULL
	};
	size_t i;

	if (has_ci(t, s, e, strict ? pupils :
		   ds_taxonomy_cues(tx, DS_CUE_YOUNG)))
		return 1;
	for (i = s; i < e; i++)
		if (class_code_at(t, i, e) || year_group_at(t, i, e) ||
		    bracket_age_at(t, i, e) ||
		    (isdigit((unsigned char)t[i]) &&
		     (i == s || !isalnum((unsigned char)t[i - 1])) &&
		     age_range_at(t, i, e)))
			return 1;
	return 0;
}

/* Is a drink named within 40 bytes after a giving cue in t[s, e), in
 * the same clause ("bought them ice lollies, then a gin" is not)? */
static int given_drink(const struct ds_taxonomy *tx, const char *t, size_t s,
		       size_t e)
{
	const char *const *gave = ds_taxonomy_cues(tx, DS_CUE_GIVING);
	const char *const *drinks = ds_taxonomy_cues(tx, DS_CUE_DRINKS);
	size_t i, k, n, c;

	for (i = s; i < e; i++)
		for (k = 0; gave[k]; k++) {
			n = strlen(gave[k]);
			if (i + n > e || strncasecmp(t + i, gave[k], n) != 0 ||
			    (i > s && isalnum((unsigned char)t[i - 1])))
				continue;
			for (c = i + n; c < e && c < i + n + 40 &&
			     !strchr(",;.!?", t[c]); c++)
				;
			if (has_ci(t, i + n, c, drinks))
				return 1;
			/* "Tequila round on me": the drink just before a
			 * round stood. */
			if (n > 6 && !strcmp(gave[k] + n - 6, " on me")) {
				for (c = i; c > s && c + 30 > i &&
				     !strchr(",;.!?", t[c - 1]); c--)
					;
				if (has_ci(t, c, i, drinks))
					return 1;
			}
		}
	return 0;
}

/*
 * A post in the candidate's own words that gives drink to children it
 * identifies, in one line ("Y11 prom afterparty ... bought the lads a
 * round of Jagers", "Overnighter with the 12 to 14s: everyone got a
 * thimble of my sloe gin"): conduct with children.
 */
static int drink_to_children(const struct ds_taxonomy *tx, const char *t,
			     size_t s, size_t e)
{
	size_t ls, le;

	for (ls = s; ls < e; ls = le + 1) {
		for (le = ls; le < e && t[le] != '\n'; le++)
			;
		if (given_drink(tx, t, ls, le) && names_child(tx, t, ls, le, 0))
			return 1;
	}
	return 0;
}

/*
 * A post in the candidate's own words that has children it identifies
 * gamble, in one line ("Grand National sweep with my Year 10 tutor group,
 * £2 a horse"): conduct with children, and gambling.
 */
/* Is t[s, i) ended by a word of denial ("Nobody placed a bet", "never
 * a bet on")? */
static int denied_before(const char *t, size_t s, size_t i)
{
	static const char *const deny[] = {
		"nobody", "no one", "noone", "never", "not", "didnt",
		"didn't", "didn\xe2\x80\x99t", "no", NULL
	};
	size_t b = i;
	int words;

	/* Back over up to two words. */
	for (words = 0; words < 2 && b > s; words++) {
		while (b > s && t[b - 1] == ' ')
			b--;
		while (b > s && t[b - 1] != ' ')
			b--;
		if (has_ci(t, b, i, deny))
			return 1;
	}
	return 0;
}

static int gamble_with_children(const struct ds_taxonomy *tx, const char *t,
				size_t s, size_t e)
{
	const char *const *bets = ds_taxonomy_cues(tx, DS_CUE_GAMBLES);
	size_t ls, le, i, k;

	for (ls = s; ls < e; ls = le + 1) {
		int bet = 0;

		for (le = ls; le < e && t[le] != '\n'; le++)
			;
		/* A bet, not one denied ("Nobody placed a bet"). */
		for (i = ls; i < le && !bet; i++) {
			if (i > ls && isalnum((unsigned char)t[i - 1]))
				continue;
			for (k = 0; bets[k] && !bet; k++) {
				size_t n = strlen(bets[k]);

				bet = i + n <= le &&
				      strncasecmp(t + i, bets[k], n) == 0 &&
				      (i + n == le ||
				       !isalnum((unsigned char)t[i + n])) &&
				      !denied_before(t, ls, i);
			}
		}
		if (bet && names_child(tx, t, ls, le, 1))
			return 1;
	}
	return 0;
}

/*
 * A category a rule of this file found in passage p (bit, 0 when the
 * taxonomy lacks it), added to tr with its severity and reason; the
 * passage's start is the excerpt when nothing else made one.
 */
static void add_rule_cat(struct ds_triage_result *tr, const char *text,
			 const struct ds_passage *p, unsigned bit,
			 int severity, const char *why)
{
	size_t n = p->end - p->start;

	if (!bit || (tr->cats & bit))
		return;
	if (!tr->cats) {
		n = n < 300 ? n : 300;
		while (n > 0 && n < p->end - p->start &&
		       (text[p->start + n] & 0xc0) == 0x80)
			n--;
		memcpy(tr->excerpt, text + p->start, n);
		tr->excerpt[n] = '\0';
		tr->why[0] = '\0';
	}
	tr->cats |= bit;
	if (tr->severity < severity)
		tr->severity = severity;
	n = strlen(tr->why);
	snprintf(tr->why + n, sizeof(tr->why) - n, "%s%s", n ? "; " : "",
		 why);
}

/* ---- sexual content beside a child ------------------------------------- */

static unsigned cat_bit(const struct ds_taxonomy *t, const char *name)
{
	size_t i;

	for (i = 0; i < ds_taxonomy_ncats(t) && i < 32; i++)
		if (strcmp(ds_taxonomy_cat_name(t, i), name) == 0)
			return 1u << i;
	return 0;
}

/* The start of the sentence before the one starting at start: the
 * paragraph's, or the last of the paragraph before (a block ends in
 * '\n'; a news story's paragraphs are often one sentence each). */
static size_t sentence_before(const char *t, size_t len, size_t start)
{
	size_t i = start;

	while (i > 0 && t[i - 1] == ' ')
		i--;
	if (i > 0 && t[i - 1] == '\n')
		i--;
	while (i > 0 && t[i - 1] == ' ')
		i--;
	if (i == 0 || t[i - 1] == '\n')
		return start;
	i--;
	while (i > 0 && t[i - 1] != '\n' && !sentence_end(t, 0, len, i - 1))
		i--;
	while (i < start && (t[i] == ' ' || t[i] == '\n'))
		i++;
	return i;
}

/* The end of the sentence after the one ending at end, in the same
 * paragraph or the next. */
static size_t sentence_after(const char *t, size_t len, size_t end)
{
	size_t i = end;

	while (i < len && t[i] == ' ')
		i++;
	if (i < len && t[i] == '\n')
		i++;
	while (i < len && t[i] == ' ')
		i++;
	if (i >= len || t[i] == '\n')
		return end;
	while (i < len && t[i] != '\n' && !sentence_end(t, 0, len, i))
		i++;
	return i < len && t[i] != '\n' ? i + 1 : i;
}

/*
 * Sexual content said of the candidate, with a pupil or a child in the
 * sentence before or after it, is conduct with children as well: a report
 * of a "sexualised" routine for Year 8 girls in one sentence and the
 * teacher who choreographed it in the next.  Adds the children category
 * (the taxonomy's [children]) to j and its terms to why.
 */
static int sexual_beside_child(const struct ds_taxonomy *t, const char *text,
			       size_t len, const struct ds_passage *p,
			       struct ds_judgement *j, char *why, size_t wsize,
			       size_t *wl, struct ds_err *err)
{
	unsigned sexual = cat_bit(t, "sexual");
	unsigned children = cat_bit(t, "children");
	struct ds_triage_result tr;
	size_t ws, we;

	if (!sexual || !children || !(j->tr.cats & sexual) ||
	    (j->tr.cats & children))
		return 0;
	ws = sentence_before(text, len, p->start);
	we = sentence_after(text, len, p->end);
	if (ws == p->start && we == p->end)
		return 0;
	if (ds_triage_text(t, text + ws, we - ws, &tr, err))
		return -1;
	if (!(tr.cats & children))
		return 0;
	j->tr.cats |= children;
	if (*wl < wsize)
		*wl += (size_t)snprintf(why + *wl, wsize - *wl,
					"%schildren beside it: %s",
					*wl ? "; " : "", tr.why);
	return 0;
}

int ds_context_judge(const struct ds_taxonomy *t,
		     const struct ds_plan_anchors *a,
		     const struct ds_identity_conf *conf, const char *text,
		     size_t len, const char *url, const char *title,
		     int declared, struct ds_judgement *j,
		     struct ds_err *err)
{
	struct ds_context c;
	char sent[900], why[256], anchors[160], roles[160];
	size_t i, sl = 0, wl = 0, nsent = 0;
	int best = -1, protected_hit = 0, rc = 0, own_any = 0, actor_any = 0;
	int own = declared;
	long endorse = -1;      /* a passage agreeing with the page */

	memset(j, 0, sizeof(*j));
	sent[0] = why[0] = '\0';
	ds_identity_score(a, text, len, url, declared, conf, &j->id);
	if (j->id.level == DS_ID_NOT)
		return 0;
	/* An account under one of their declared usernames speaks for
	 * them as their declared ones do (identity says how sure). */
	for (i = 0; !own && url && i < a->nhandles; i++)
		own = strcmp(a->handle_platform[i], "url") != 0 &&
		      strlen(a->handle[i]) >= 3 && strstr(url, a->handle[i]);
	if (ds_context_find(a, text, len, url, title, own, &c))
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	for (i = 0; i < c.n; i++) {
		const struct ds_passage *p = &c.p[i];
		enum ds_ctx_role role = p->role;
		struct ds_triage_result tr;

		rc = ds_triage_text(t, text + p->start, p->end - p->start,
				    &tr, err);
		if (rc)
			goto out;
		/* Abuse they received is what they quote; what they say
		 * around the quotation is still their own words.  So is
		 * harm they say they received.  Lines set out under "a
		 * sample of what arrived" (not their own) are all quoted. */
		if (tr.cats && ((p->role == DS_CTX_QUOTED && p->own) ||
				(p->role == DS_CTX_VICTIM && p->own))) {
			rc = outside_quotes(t, text + p->start,
					    p->end - p->start, &tr, err);
			if (rc < 0)
				goto out;
			role = rc ? DS_CTX_OWN : p->role;
			rc = 0;
		}
		if ((role == DS_CTX_ACTOR || role == DS_CTX_OWN) &&
		    endorse < 0 && passage_has(text, p, endorse_cues))
			endorse = (long)i;
		if (role == DS_CTX_OWN &&
		    (names_pupils(text, p->start, p->end) ||
		     names_child_home(text, p->start, p->end)))
			add_rule_cat(&tr, text, p, cat_bit(t, "children"), 3,
				     "children: children's first names listed "
				     "beside a class or their street");
		if (role == DS_CTX_OWN &&
		    drink_to_children(t, text, p->start, p->end))
			add_rule_cat(&tr, text, p, cat_bit(t, "children"), 3,
				     "children: drink given to children it "
				     "names by their age or year");
		if (role == DS_CTX_OWN &&
		    gamble_with_children(t, text, p->start, p->end)) {
			add_rule_cat(&tr, text, p, cat_bit(t, "children"), 3,
				     "children: children it names by their "
				     "age or year gambling");
			add_rule_cat(&tr, text, p, cat_bit(t, "substances"),
				     2, "substances: gambling with children");
		}
		if (role == DS_CTX_OWN && leers_at(t, text, p->start, p->end))
			add_rule_cat(&tr, text, p, cat_bit(t, "sexual"), 3,
				     "sexual: girls or women leered at in "
				     "public");
		if (role == DS_CTX_OWN &&
		    laughs_at_child(t, text, p->start, p->end))
			add_rule_cat(&tr, text, p, cat_bit(t, "misconduct"), 2,
				     "misconduct: a child or class identified "
				     "and laughed at in public");
		if (role == DS_CTX_OWN &&
		    child_details_public(t, text, p->start, p->end))
			add_rule_cat(&tr, text, p, cat_bit(t, "misconduct"), 2,
				     "misconduct: a child identified beside "
				     "their health, care or safeguarding "
				     "details in public");
		if ((role == DS_CTX_OWN || role == DS_CTX_ACTOR) &&
		    threatens(t, text, p->start, p->end))
			add_rule_cat(&tr, text, p, cat_bit(t, "violence"), 3,
				     "violence: harm to come to a person "
				     "(a threat)");
		if (role == DS_CTX_OWN &&
		    names_a_pupil(text, p->start, p->end))
			add_rule_cat(&tr, text, p, cat_bit(t, "misconduct"), 2,
				     "misconduct: a pupil named by first name "
				     "and initial beside a class or year "
				     "group");
		if (!tr.cats) {
			if (tr.protected_only && (p->role == DS_CTX_ACTOR ||
						  p->role == DS_CTX_OWN))
				protected_hit = 1;
			continue;
		}
		/* A game's words are a game's ("murdered them in the
		 * scrum", "got hammered 5-0"), but a slur or a sexual word
		 * said of the other side is no less one. */
		if (role == DS_CTX_SPORT &&
		    (tr.cats & ~(cat_bit(t, "violence") |
				 cat_bit(t, "substances")))) {
			j->set_aside |= 1u << role;
			rc = ds_triage_text_but(t, text + p->start,
						p->end - p->start,
						cat_bit(t, "violence") |
						cat_bit(t, "substances"), &tr,
						err);
			if (rc)
				goto out;
			role = p->own ? DS_CTX_OWN : DS_CTX_ACTOR;
		}
		if (role != DS_CTX_ACTOR && role != DS_CTX_OWN) {
			j->set_aside |= 1u << role;
			continue;
		}
		if (role == DS_CTX_OWN)
			own_any = 1;
		else
			actor_any = 1;
		j->tr.cats |= tr.cats;
		j->tr.special_care |= tr.special_care;
		j->tr.criminal |= tr.criminal;
		if (tr.severity > j->tr.severity) {
			j->tr.severity = tr.severity;
			best = (int)i;
			memcpy(j->tr.excerpt, tr.excerpt, sizeof(tr.excerpt));
		}
		if (nsent < 3) {
			add_sentence(sent, sizeof(sent), &sl, tr.excerpt);
			nsent++;
		}
		if (wl < sizeof(why) && !strstr(why, tr.why))
			wl += (size_t)snprintf(why + wl, sizeof(why) - wl,
					       "%s%s", wl ? "; " : "", tr.why);
		if (sexual_beside_child(t, text, len, p, j, why,
					sizeof(why), &wl, err)) {
			rc = -1;
			goto out;
		}
	}
	if (endorse >= 0 && !(j->tr.cats & ds_taxonomy_special_cats(t))) {
		int had = j->tr.cats != 0;

		rc = judge_endorsement(t, text, len, &c.p[endorse], j, &sl,
				       sent, sizeof(sent), why, sizeof(why),
				       err);
		if (rc)
			goto out;
		wl = strlen(why);
		if (!had && j->tr.cats) {
			actor_any = c.p[endorse].role == DS_CTX_ACTOR;
			own_any = !actor_any;
		}
	}
	/* A school job said of them is evidence of who they are, with a
	 * concern or without one (an inconsistency is judged after). */
	if (!declared)
		judge_identity(conf, &c, j);
	else if (c.role_seen)
		/* Said on their own account: no more sure (it is theirs),
		 * but an anchor an account found under their username
		 * needs (ds_identity_score_discovered). */
		j->id.matched |= DS_MATCH_ROLE;
	if (!j->tr.cats) {
		j->tr.protected_only = protected_hit;
		goto out;
	}
	(void)best;
	j->own_words = own_any && !actor_any;
	if (sl >= sizeof(sent))
		memcpy(sent + sizeof(sent) - 4, "\xe2\x80\xa6", 4);
	if (wl >= sizeof(why))
		why[sizeof(why) - 1] = '\0';
	ds_match_format(j->id.matched, anchors, sizeof(anchors));
	ds_ctx_roles_format(j->set_aside, roles, sizeof(roles));
	snprintf(j->explain, sizeof(j->explain),
		 "sentences: %s\ncategory: %s (taxonomy terms)\n"
		 "identity: %s on %s\nwords: %s\n%s%s%s",
		 sent, why, ds_identity_name(j->id.level),
		 anchors[0] ? anchors : "no anchor",
		 own_any && actor_any ? "the candidate's own words, and a "
		 "passage naming them as the one acting" :
		 own_any ? "the candidate's own words" :
		 "someone else's, naming the candidate as the one acting",
		 roles[0] ? "set aside: " : "", roles,
		 roles[0] ? "\n" : "");
out:
	ds_context_release(&c);
	return rc;
}
