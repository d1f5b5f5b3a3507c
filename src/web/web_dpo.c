/*
 * web_dpo.c: the web pages of the DPO's subject access register and of
 * the organisation's opt-out, and people shown by name (see web_int.h).
 * Every action is one library call, as on the command line, so roles,
 * checks and the audit trail are the same.
 */
#include <stdio.h>
#include <string.h>

#include "retention.h"
#include "run.h"
#include "sar.h"
#include "text.h"
#include "web_int.h"

#define SAR_PAGE "/subject-access"
#define OPT_PAGE "/optout"

/* ---- people by name ---------------------------------------------------- */

json_t *web_people(struct view *v)
{
	json_t *list = NULL, *map = json_object(), *x;
	size_t i;

	if (map && ds_actor_list(v->ctx, &list, NULL) == 0)
		json_array_foreach(list, i, x) {
			const char *login = json_string_value(
				json_object_get(x, "name"));
			const char *dn = json_string_value(
				json_object_get(x, "display_name"));

			if (login)
				json_object_set_new(map, login, json_string(
					dn && *dn ? dn : login));
		}
	json_decref(list);
	return map;
}

/* One stored role ("dsl") as people say it ("DSL"). */
static const char *role_word(const char *r, size_t n)
{
	static const struct {
		const char *stored, *said;
	} t[] = {
		{ "recruiter", "recruiter" }, { "dsl", "DSL" },
		{ "dpo", "DPO" }, { "admin", "administrator" },
	};
	size_t k;

	for (k = 0; k < sizeof(t) / sizeof(t[0]); k++)
		if (strlen(t[k].stored) == n && strncmp(t[k].stored, r, n) == 0)
			return t[k].said;
	return NULL;
}

void web_person(struct buf *b, json_t *people, const char *login,
		const char *role)
{
	const char *dn = json_string_value(json_object_get(people,
					   login ? login : ""));
	const char *p, *end;
	int first = 1;

	web_hx(b, dn ? dn : login && *login ? login : "the system");
	if (!role || !*role)
		return;
	buf_adds(b, " (");
	for (p = role; *p; p = *end ? end + 1 : end) {
		const char *w;

		end = strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		w = role_word(p, (size_t)(end - p));
		if (!first)
			buf_adds(b, ", ");
		first = 0;
		if (w) {
			buf_adds(b, w);
		} else {
			char part[32];

			snprintf(part, sizeof(part), "%.*s", (int)(end - p), p);
			web_hx(b, part);
		}
	}
	buf_adds(b, ")");
}

void web_cand_options(struct view *v, json_t *index)
{
	json_t *x;
	size_t i;

	json_array_foreach(index, i, x) {
		buf_addf(v->b, "<option value=\"%lld\">", (long long)
			 json_integer_value(json_object_get(x, "id")));
		web_hx(v->b, json_string_value(json_object_get(x, "name")));
		buf_adds(v->b, " (");
		web_hx(v->b, json_string_value(json_object_get(x,
							      "vacancy")));
		buf_adds(v->b, ")</option>");
	}
}

int web_act_actor_name(struct view *v)
{
	snprintf(v->to, sizeof(v->to), "/people");
	return ds_actor_set_display_name(v->ctx, web_fv(v, "name"),
					 web_fv(v, "display"), v->err);
}

/* ---- the subject access register --------------------------------------- */

/* The state of a request in words: due in, overdue by, fulfilled. */
static void sar_state(struct buf *b, json_t *x)
{
	json_int_t left = json_integer_value(json_object_get(x, "days_left"));

	if (json_is_string(json_object_get(x, "completed"))) {
		buf_adds(b, "fulfilled ");
		web_uk_time(b, json_string_value(json_object_get(x,
							"completed")));
		if (json_is_true(json_object_get(x, "late")))
			buf_adds(b, " <strong>(late)</strong>");
	} else if (left < 0) {
		buf_addf(b, "<strong>OVERDUE by %lld day%s</strong>",
			 (long long)-left, left == -1 ? "" : "s");
	} else if (left == 0) {
		buf_adds(b, "<strong>due today</strong>");
	} else {
		buf_addf(b, "open: due in %lld day%s", (long long)left,
			 left == 1 ? "" : "s");
	}
}

/* A date field, today by default and never after it. */
static void date_field(struct buf *b, const char *label, const char *name)
{
	char today[11];

	ds_date_today(today);
	buf_addf(b, "<label>%s <input type=\"date\" name=\"%s\" required "
		 "value=\"%s\" max=\"%s\"></label>", label, name, today,
		 today);
}

int web_sar_page(struct view *v)
{
	json_t *list = NULL, *index, *x;
	struct buf *b = v->b;
	size_t i;
	int rc;

	rc = ds_sar_list(v->ctx, 1, NULL, &list, v->err);
	if (rc)
		return rc;
	index = web_cand_index(v);
	web_page_start(v, "Subject access requests");
	buf_adds(b, "<p>A person may ask for a copy of everything held on "
		 "them (UK GDPR Article 15). The copy is due one calendar "
		 "month after the request arrived; it may be extended once, by "
		 "two further months, if the person is told why within the "
		 "first month. <a href=\"/dpo\">Back to data protection</a></p>"
		 "<h2>The register</h2><table><thead><tr><th>Request</th><th>"
		 "Person</th><th>Received</th><th>Due</th><th>State</th><th>"
		 "Copy</th><th>Change</th></tr></thead><tbody>");
	json_array_foreach(list, i, x) {
		long long id = (long long)json_integer_value(
			json_object_get(x, "id"));
		long long cid = (long long)json_integer_value(
			json_object_get(x, "candidate"));
		int open = !json_is_string(json_object_get(x, "completed"));

		buf_addf(b, "<tr id=\"request-%lld\"><td>%lld</td><td>", id,
			 id);
		web_cand_link(v, index, cid);
		buf_adds(b, "</td><td>");
		web_uk_time(b, json_string_value(json_object_get(x,
							"received")));
		buf_adds(b, "</td><td>");
		web_uk_time(b, json_string_value(json_object_get(x, "due")));
		if (json_is_true(json_object_get(x, "extended")))
			buf_adds(b, " (extended)");
		buf_adds(b, "</td><td>");
		sar_state(b, x);
		buf_addf(b, "</td><td><a href=\"/sar?candidate=%lld\">HTML"
			 "</a> | <a href=\"/sar?candidate=%lld&amp;format=pdf"
			 "\">PDF</a> | <a href=\"/sar?candidate=%lld&amp;"
			 "format=json\">JSON</a></td><td>", cid, cid, cid);
		if (open) {
			web_form_open(v, "/sar/done", NULL);
			web_hidden_id(v, "request", id);
			date_field(b, "Copy sent on", "on");
			web_form_close(v, "Mark fulfilled", 0);
		}
		if (open && !json_is_true(json_object_get(x, "extended"))) {
			web_form_open(v, "/sar/extend", NULL);
			web_hidden_id(v, "request", id);
			date_field(b, "Person told on", "on");
			web_form_close(v, "Extend by two months", 0);
		}
		buf_adds(b, "</td></tr>");
	}
	if (!json_array_size(list))
		buf_adds(b, "<tr><td colspan=\"7\">No request is recorded."
			 "</td></tr>");
	buf_adds(b, "</tbody></table>");
	web_form_open(v, "/sar/log", "Record a request");
	buf_adds(b, "<label>Who asked <select name=\"candidate\" required>"
		 "<option value=\"\">choose the person</option>");
	web_cand_options(v, index);
	buf_adds(b, "</select></label>");
	date_field(b, "Received on", "received");
	web_form_close(v, "Record the request", 1);
	buf_adds(b, "<form method=\"get\" action=\"/sar\"><fieldset><legend>"
		 "Make a copy now</legend><label>Person <select name=\""
		 "candidate\" required><option value=\"\">choose the person"
		 "</option>");
	web_cand_options(v, index);
	buf_adds(b, "</select></label><label>As <select name=\"format\">"
		 "<option value=\"html\">HTML (to read or print)</option>"
		 "<option value=\"pdf\">PDF (A4)</option><option value=\"json"
		 "\">JSON (machine-readable)</option></select></label><button>"
		 "Download the copy</button></fieldset></form><p>Each copy "
		 "made is recorded in the audit trail with its content "
		 "hash.</p>");
	web_page_end(v);
	json_decref(list);
	json_decref(index);
	return 0;
}

/* After a register action, and after its refusal: the register. */
static void to_register(struct view *v)
{
	snprintf(v->to, sizeof(v->to), SAR_PAGE);
	snprintf(v->fix, sizeof(v->fix), SAR_PAGE);
	v->fix_label = "The subject access register";
}

int web_act_sar_log(struct view *v)
{
	int64_t cid = web_record_id(web_fv(v, "candidate"));

	to_register(v);
	if (cid <= 0)
		return ds_err_set(v->err, DS_EUSAGE, "choose the person who "
				  "asked");
	return ds_sar_log(v->ctx, cid, web_fv(v, "received"), NULL, NULL,
			  v->err);
}

int web_act_sar_extend(struct view *v)
{
	int64_t id = web_record_id(web_fv(v, "request"));

	to_register(v);
	if (id <= 0)
		return ds_err_set(v->err, DS_EUSAGE, "bad request id: use the "
				  "register's buttons");
	return ds_sar_extend(v->ctx, id, web_fopt(v, "on"), NULL, v->err);
}

int web_act_sar_done(struct view *v)
{
	int64_t id = web_record_id(web_fv(v, "request"));

	to_register(v);
	if (id <= 0)
		return ds_err_set(v->err, DS_EUSAGE, "bad request id: use the "
				  "register's buttons");
	return ds_sar_done(v->ctx, id, web_fopt(v, "on"), v->err);
}

/* ---- the organisation's opt-out ---------------------------------------- */

int web_optout_page(struct view *v)
{
	struct ds_audit_filter f = { .action = "org", .limit = 20 };
	json_t *org = NULL, *hist = NULL, *people, *x;
	struct buf *b = v->b;
	size_t i;
	int rc;

	rc = ds_org_show(v->ctx, &org, v->err);
	if (rc)
		return rc;
	people = web_people(v);
	web_page_start(v, "Searching or not");
	if (json_is_string(json_object_get(org, "opted_out"))) {
		buf_adds(b, "<p class=\"err\"><strong>The organisation decided "
			 "on ");
		web_uk_time(b, json_string_value(json_object_get(org,
							"opted_out")));
		buf_adds(b, " not to carry out online searches.</strong> "
			 "Every search is refused until it opts in again. "
			 "Reason given: ");
		web_hx(b, json_string_value(json_object_get(org,
						"opt_out_reason")));
		buf_adds(b, "</p>");
		web_form_open(v, "/optin", "Search again (opt in)");
		buf_adds(b, "<label><input type=\"checkbox\" name=\"confirm\" "
			 "value=\"1\" required> The organisation has decided "
			 "to carry out online searches again</label>");
		web_form_close(v, "Opt in", 1);
	} else {
		buf_adds(b, "<p class=\"ok\">The organisation carries out "
			 "online searches of shortlisted candidates, with "
			 "their notice (and consent where it asks for it)."
			 "</p>");
		web_form_open(v, "/optout", "Stop searching (opt out)");
		buf_adds(b, "<p>Once opted out, no search runs, for any "
			 "vacancy, until the organisation opts in again. "
			 "Records already held are kept and purged as "
			 "usual.</p><label>Why (recorded with the decision) "
			 "<textarea name=\"reason\" required "
			 "maxlength=\"1000\">"
			 "</textarea></label><label><input type=\"checkbox\" "
			 "name=\"confirm\" value=\"1\" required> Stop every "
			 "search from now on</label>");
		web_form_close(v, "Opt out", 1);
	}
	buf_adds(b, "<h2>Decisions made</h2><ul>");
	if (ds_audit_show(v->ctx, &f, &hist, NULL) == 0)
		json_array_foreach(hist, i, x) {
			const char *act = json_string_value(json_object_get(x,
							"action"));

			buf_adds(b, "<li>");
			web_uk_time(b, json_string_value(json_object_get(x,
							"at")));
			buf_adds(b, ": ");
			web_person(b, people, json_string_value(
				json_object_get(x, "actor")),
				json_string_value(json_object_get(x, "role")));
			buf_adds(b, act && strcmp(act, "org.opt-out") == 0 ?
				 " opted out" : act && strcmp(act,
				 "org.opt-in") == 0 ? " opted in" : " changed "
				 "the organisation's settings");
			buf_adds(b, "</li>");
		}
	if (!json_array_size(hist))
		buf_adds(b, "<li>None since the case file was made.</li>");
	buf_adds(b, "</ul>");
	web_page_end(v);
	json_decref(org);
	json_decref(hist);
	json_decref(people);
	return 0;
}

/* A change of whether the organisation searches: confirmed first. */
static int opt_checked(struct view *v)
{
	snprintf(v->to, sizeof(v->to), OPT_PAGE);
	snprintf(v->fix, sizeof(v->fix), OPT_PAGE);
	v->fix_label = "Searching or not";
	if (!web_fopt(v, "confirm"))
		return ds_err_set(v->err, DS_EUSAGE, "the change needs its "
				  "confirmation: tick the box");
	return 0;
}

int web_act_opt_out(struct view *v)
{
	int rc = opt_checked(v);

	if (!rc && !web_fopt(v, "reason"))
		rc = ds_err_set(v->err, DS_EUSAGE, "say why the organisation "
				"does not search");
	return rc ? rc : ds_org_opt_out(v->ctx, web_fv(v, "reason"), v->err);
}

int web_act_opt_in(struct view *v)
{
	int rc = opt_checked(v);

	return rc ? rc : ds_org_opt_in(v->ctx, v->err);
}

/* ---- the searches of a vacancy ----------------------------------------- */

void web_searches(struct view *v, const char *ref, json_t *people)
{
	json_t *list = NULL, *x;
	struct buf *b = v->b;
	size_t i, n = 0;

	buf_adds(b, "<h2 id=\"searches\">Searches</h2><ul>");
	if (ds_run_list(v->ctx, &list, NULL) == 0)
		json_array_foreach(list, i, x) {
			if (strcmp(json_string_value(json_object_get(x,
					"vacancy")) ? json_string_value(
					json_object_get(x, "vacancy")) : "",
				   ref) != 0)
				continue;
			n++;
			buf_addf(b, "<li>Search %lld by ", (long long)
				 json_integer_value(json_object_get(x, "id")));
			web_person(b, people, json_string_value(
				json_object_get(x, "searcher")), "recruiter");
			buf_adds(b, ", started ");
			web_uk_time(b, json_string_value(json_object_get(x,
							"started")));
			buf_addf(b, "; plan version %lld; %lld steps, %lld "
				 "still open; ", (long long)json_integer_value(
				 json_object_get(x, "plan_version")),
				 (long long)json_integer_value(json_object_get(
				 x, "steps")), (long long)json_integer_value(
				 json_object_get(x, "pending")));
			web_hx(b, json_string_value(json_object_get(x,
							"status")));
			buf_adds(b, "</li>");
		}
	if (!n)
		buf_adds(b, "<li>No search has been run.</li>");
	buf_adds(b, "</ul>");
	json_decref(list);
}
