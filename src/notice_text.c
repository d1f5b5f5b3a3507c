/*
 * notice_text.c: the notice text for a vacancy's application pack (see
 * notice_text.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "connector.h"
#include "core.h"
#include "db.h"
#include "mem.h"
#include "notice_text.h"
#include "run.h"
#include "school.h"
#include "text.h"

/* The notice's text is small: a hard cap well above it. */
#define NOTICE_MAX (64 * 1024)

/* A writer of Markdown or HTML: headings, paragraphs, list items. */
struct out {
	struct buf *b;
	int html;
	int in_list;
};

/* Text into the output, escaped for HTML. */
static void put_text(struct out *o, const char *s)
{
	if (!o->html) {
		buf_adds(o->b, s);
		return;
	}
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_adds(o->b, "&amp;"); break;
		case '<': buf_adds(o->b, "&lt;"); break;
		case '>': buf_adds(o->b, "&gt;"); break;
		case '"': buf_adds(o->b, "&quot;"); break;
		default: buf_addc(o->b, *s);
		}
	}
}

static void list_end(struct out *o)
{
	if (o->in_list && o->html)
		buf_adds(o->b, "</ul>\n");
	else if (o->in_list)
		buf_adds(o->b, "\n");
	o->in_list = 0;
}

/* A heading, a paragraph or a list item of text made from fmt. */
static void put(struct out *o, char kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void put(struct out *o, char kind, const char *fmt, ...)
{
	struct buf line;
	va_list ap;

	buf_init(&line, NOTICE_MAX);
	va_start(ap, fmt);
	buf_vaddf(&line, fmt, ap);
	va_end(ap);
	if (kind != 'l')
		list_end(o);
	if (kind == 'l' && !o->in_list) {
		if (o->html)
			buf_adds(o->b, "<ul>\n");
		o->in_list = 1;
	}
	if (o->html)
		buf_adds(o->b, kind == 'h' ? "<h2>" : kind == 't' ? "<h1>" :
			 kind == 'l' ? "<li>" : "<p>");
	else
		buf_adds(o->b, kind == 'h' ? "## " : kind == 't' ? "# " :
			 kind == 'l' ? "- " : "");
	put_text(o, line.ptr);
	buf_release(&line);
	if (o->html)
		buf_adds(o->b, kind == 'h' ? "</h2>\n" : kind == 't' ?
			 "</h1>\n" : kind == 'l' ? "</li>\n" : "</p>\n");
	else
		buf_adds(o->b, kind == 'l' ? "\n" : "\n\n");
}

/* What one kind of step searches, in the candidate's words. */
static void describe_step(struct out *o, const char *kind,
			  const char *connector, const char *tmpl,
			  int lookback_days)
{
	int with = tmpl && (strstr(tmpl, "{location}") ||
			    strstr(tmpl, "{employer}") ||
			    strstr(tmpl, "{school}"));

	if (strcmp(kind, "web") == 0)
		put(o, 'l', "A web search (through %s) for the names you give "
		    "us: [your name], [any other names you are known by] "
		    "and [previous names]%s.", connector, with ? ", with the "
		    "places and employers in your application" : "");
	else if (strcmp(kind, "news") == 0)
		put(o, 'l', "A search of news sites (through %s) for the same "
		    "names, going back %d years.", connector,
		    lookback_days / 365 ? lookback_days / 365 : 1);
	else if (strcmp(kind, "profile") == 0)
		put(o, 'l', "The public pages of the social-media accounts and "
		    "websites you tell us about: [your declared handles].");
	else if (strcmp(kind, "discovery") == 0)
		put(o, 'l', "Whether the user names you declare "
		    "([your declared handles]) are used on other public "
		    "sites.");
	else if (strcmp(kind, "manual") == 0)
		put(o, 'l', "A look, by a person, at public pages we cannot "
		    "search automatically ([your declared handles]).");
}

/* The facts the text is made from. */
struct facts {
	char org[201], post[201], school[201], interview[11];
	char basis[32], scope[16];
	int consent;
	json_t *plan;           /* ds_plan_show's answer */
	int64_t vid;
};

static int read_facts(struct ds_ctx *ctx, const struct ds_conf *conf,
		      const char *ref, struct facts *f, struct ds_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	memset(f, 0, sizeof(*f));
	rc = ds_vacancy_id(ctx, ref, &f->vid, err);
	if (!rc)
		rc = ds_scope_check(ctx, DS_ROLE_RECRUITER | DS_ROLE_DPO,
				    f->vid, 0, "vacancy", f->vid,
				    "notice.draft", err);
	if (!rc)
		rc = ds_db_prepare(ctx->db, &st, err, "SELECT o.name, "
				   "o.lawful_basis, o.scope, "
				   "o.consent_required, v.post, "
				   "coalesce(s.name, v.school), "
				   "coalesce(v.interview_date, '') FROM "
				   "vacancy v LEFT JOIN school s ON s.id = "
				   "v.school_id, org o WHERE v.id = ?", "i",
				   (sqlite3_int64)f->vid);
	if (!rc && ds_db_step(ctx->db, st, "cannot read the vacancy",
			      err) == 1) {
		snprintf(f->org, sizeof(f->org), "%s",
			 sqlite3_column_text(st, 0));
		snprintf(f->basis, sizeof(f->basis), "%s",
			 sqlite3_column_text(st, 1));
		snprintf(f->scope, sizeof(f->scope), "%s",
			 sqlite3_column_text(st, 2));
		f->consent = sqlite3_column_int(st, 3);
		snprintf(f->post, sizeof(f->post), "%s",
			 sqlite3_column_text(st, 4));
		snprintf(f->school, sizeof(f->school), "%s",
			 sqlite3_column_text(st, 5));
		snprintf(f->interview, sizeof(f->interview), "%s",
			 sqlite3_column_text(st, 6));
	}
	sqlite3_finalize(st);
	if (!rc)
		rc = ds_plan_show(ctx, conf, ref, &f->plan, err);
	return rc;
}

/* Whether the comma-separated list holds kind. */
static int has_kind(const char *list, const char *kind)
{
	size_t n = strlen(kind);
	const char *p = list;

	while ((p = strstr(p, kind)) != NULL) {
		if ((p == list || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return 1;
		p += n;
	}
	return 0;
}

/* Write the notice into o; kinds gets the kinds of step described. */
static void write_notice(struct out *o, const struct ds_conf *conf,
			 const struct facts *f, char *kinds, size_t ksize)
{
	json_t *plan = json_object_get(f->plan, "plan");
	json_t *steps = json_object_get(plan, "steps"), *s;
	int lookback = (int)json_integer_value(json_object_get(plan,
						"lookback_days"));
	size_t i, klen = 0;

	kinds[0] = '\0';
	put(o, 't', "Online searches of shortlisted candidates");
	if (strcmp(f->school, f->org) == 0)
		put(o, 'p', "%s at %s", f->post, f->school);
	else
		put(o, 'p', "%s at %s, part of %s", f->post, f->school, f->org);
	put(o, 'h', "What we will do");
	put(o, 'p', "If you are %s, we will search online for information "
	    "about you that is public, as the government's guidance "
	    "Keeping Children Safe in Education asks schools to consider.",
	    strcmp(f->scope, "preferred") == 0 ? "our preferred candidate" :
	    "shortlisted");
	put(o, 'p', "We do it after shortlisting and before the "
	    "interview%s%s, so that we can ask you about anything we find. "
	    "A member of our recruitment staff who does not sit on the "
	    "interview panel does the search; the panel does not see it.",
	    f->interview[0] ? " on " : "", f->interview);
	put(o, 'h', "What we search");
	json_array_foreach(steps, i, s) {
		const char *kind = json_string_value(json_object_get(s,
								 "kind"));

		if (!kind || has_kind(kinds, kind))
			continue;
		describe_step(o, kind, json_string_value(json_object_get(s,
			      "connector")), json_string_value(
			      json_object_get(s, "template")), lookback);
		klen += (size_t)snprintf(kinds + klen, klen < ksize ?
					 ksize - klen : 0, "%s%s",
					 klen ? "," : "", kind);
	}
	put(o, 'p', "Every shortlisted candidate for this post is searched in "
	    "the same way.");
	put(o, 'h', "What we do not search");
	put(o, 'l', "We never log in to anything, follow you, ask to connect "
	    "with you or use anyone else's account.");
	put(o, 'l', "We do not look at private messages, private posts or "
	    "anything behind a log-in.");
	put(o, 'l', "We never use your age, disability, gender reassignment, "
	    "marriage or civil partnership, pregnancy or maternity, race, "
	    "religion or belief, sex or sexual orientation. Anything of "
	    "that kind the search turns up is left out.");
	put(o, 'h', "Why we may do this");
	if (strcmp(f->basis, "public-task") == 0)
		put(o, 'p', "Keeping children safe is part of our public task "
		    "(UK GDPR Article 6(1)(e)).");
	else
		put(o, 'p', "We have a legitimate interest in keeping children "
		    "safe (UK GDPR Article 6(1)(f)).");
	if (f->consent)
		put(o, 'p', "We will also ask for your consent before we "
		    "search. If you do not give it, or you withdraw it before "
		    "the search, we will not search; tell us and we will "
		    "talk it through with you.");
	else
		put(o, 'p', "We do not ask for your consent: we are telling "
		    "you so that you know before it happens.");
	put(o, 'h', "What happens to anything we find");
	put(o, 'p', "Our designated safeguarding lead, a person, reads what "
	    "the search finds and decides whether it is about you and "
	    "whether it matters for working with children. Anything that "
	    "does is put to you at interview, so you can explain. No "
	    "decision is made by a computer.");
	put(o, 'h', "How long we keep it");
	put(o, 'p', "We keep the record of the search for %d months after we "
	    "decide who to appoint, then delete it. If you are appointed, "
	    "a summary stays on your personnel file for %d years.",
	    conf->retention_months, conf->appointee_months / 12);
	put(o, 'h', "Your rights");
	put(o, 'p', "You can ask for a copy of what we hold about you, ask us "
	    "to correct it, and object to the search. You can also "
	    "complain to the Information Commissioner's Office "
	    "(ico.org.uk).");
	put(o, 'p', "Our data protection officer: %s.", conf->dpo_contact ?
	    conf->dpo_contact : "[contact: set dpo_contact in the "
	    "[organisation] section of the configuration]");
	list_end(o);
}

int ds_notice_draft(struct ds_ctx *ctx, const struct ds_conf *conf,
		    const char *vacancy_ref, const char *format, char **text,
		    char hex[65], struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "notice.draft",
				     .object = "vacancy" };
	uint8_t sum[DS_SHA256_LEN];
	struct facts f;
	struct buf b;
	struct out o;
	char kinds[128], detail[160], now[21];
	const char *plan_hash;
	size_t len = 0;
	int rc;

	*text = NULL;
	hex[0] = '\0';
	rc = ds_require(ctx, DS_ROLE_RECRUITER | DS_ROLE_DPO, "draft a notice",
			err);
	if (rc)
		return rc;
	if (!format)
		format = "md";
	if (strcmp(format, "md") != 0 && strcmp(format, "html") != 0)
		return ds_err_set(err, DS_EUSAGE, "bad format '%.16s': use md "
				  "or html", format);
	rc = read_facts(ctx, conf, vacancy_ref, &f, err);
	if (rc) {
		json_decref(f.plan);
		return rc;
	}
	buf_init(&b, NOTICE_MAX);
	o.b = &b;
	o.html = strcmp(format, "html") == 0;
	o.in_list = 0;
	write_notice(&o, conf, &f, kinds, sizeof(kinds));
	plan_hash = json_string_value(json_object_get(f.plan, "sha256"));
	ds_sha256(b.ptr, b.len, sum);
	ds_hex(sum, sizeof(sum), hex);
	rc = ds_db_begin(ctx->db, err);
	if (rc)
		goto out;
	ds_time_now(now);
	rc = ds_db_exec(ctx->db, err, "INSERT OR IGNORE INTO notice_text "
			"(sha256, vacancy_id, plan_sha256, kinds, format, "
			"text, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
			"tittttt", hex, (sqlite3_int64)f.vid,
			plan_hash ? plan_hash : "", kinds, format, b.ptr,
			now);
	snprintf(detail, sizeof(detail), "text=%s plan=%.16s kinds=%s", hex,
		 plan_hash ? plan_hash : "", kinds);
	ev.object_id = ev.vacancy_id = f.vid;
	ev.detail = detail;
	if (!rc)
		rc = ds_audit_append(ctx, &ev, err);
	if (!rc)
		rc = ds_db_commit(ctx->db, err);
	else
		ds_db_rollback(ctx->db);
out:
	json_decref(f.plan);
	if (rc) {
		buf_release(&b);
		hex[0] = '\0';
		return rc;
	}
	*text = buf_detach(&b, &len);
	return *text ? 0 : ds_err_set(err, DS_ENOMEM, "out of memory");
}
