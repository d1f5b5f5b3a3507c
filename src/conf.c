/*
 * conf.c: reading the INI configuration file.
 */
#include <errno.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <stddef.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "mem.h"
#include "text.h"

void ds_conf_init(struct ds_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->consent_required = -1;
	ds_fetch_conf_default(&c->fetch);
	ds_plan_default(&c->plan, "searxng");
	c->max_results = 10;
	c->max_posts = 30;
	c->follow = 10;
	c->sandbox = 1;
	c->retention_months = 6;
	c->web_idle_minutes = 15;
	c->web_timeout = 10;
	c->web_connections = 256;
	c->web_connections_per_ip = 16;
	c->web_sessions = 256;
	c->web_sessions_per_person = 4;
	c->web_login_table = 1024;
	c->appointee_months = 72;
	ds_identity_conf_default(&c->identity);
}

const char *ds_conf_connector_option(const struct ds_conf_connector *k,
				     const char *name)
{
	size_t i;

	for (i = 0; k && i < k->nopts; i++)
		if (strcmp(k->opt_name[i], name) == 0)
			return k->opt_value[i];
	return NULL;
}

const struct ds_conf_connector *ds_conf_connector(const struct ds_conf *c,
						  const char *name)
{
	size_t i;

	for (i = 0; i < c->nconnectors; i++)
		if (strcmp(c->connectors[i].name, name) == 0)
			return &c->connectors[i];
	return NULL;
}

void ds_conf_release(struct ds_conf *c)
{
	ds_free(c->db_path);
	ds_free(c->keys_path);
	ds_free(c->org_name);
	ds_free(c->lawful_basis);
	ds_free(c->scope);
	ds_free(c->scope_reason);
	ds_free(c->user_agent);
	ds_free(c->ca_file);
	ds_free(c->search);
	ds_free(c->taxonomy);
	ds_free(c->web_listen);
	ds_free(c->marking);
	ds_free(c->dpo_contact);
	ds_free(c->web_cert);
	ds_free(c->web_key);
	while (c->nallow)
		ds_free(c->allow[--c->nallow]);
	while (c->nweb_hosts)
		ds_free(c->web_hosts[--c->nweb_hosts]);
	while (c->nconnect_to)
		ds_free(c->connect_to[--c->nconnect_to]);
	while (c->nconnectors) {
		struct ds_conf_connector *k = &c->connectors[--c->nconnectors];

		ds_free(k->name);
		ds_free(k->base_url);
		ds_free(k->api_key_env);
		while (k->nopts) {
			k->nopts--;
			ds_free(k->opt_name[k->nopts]);
			ds_free(k->opt_value[k->nopts]);
		}
	}
	ds_conf_init(c);
}

/* Keys set once per file (not lists): how many the parser remembers. */
#define CONF_MAX_SEEN 256

/* The largest configuration file read. */
#define CONF_MAX_SIZE ((size_t)1 << 20)

/* What the handler needs to report the first problem. */
struct conf_parse {
	struct ds_conf *c;
	char problem[200];
	char seen[CONF_MAX_SEEN][96];   /* "section]name" of keys given */
	size_t nseen;
};

/*
 * Refuse a key given twice in a section (the second would silently win),
 * or an indented continuation of a value.  The list keys ([fetch] allow,
 * connect_to, [plan] step, [connectors] load) may repeat.  0 when the key
 * is new, -1 with a problem set when it is not.
 */
static int once(struct conf_parse *p, const char *section, const char *name)
{
	static const char *const lists[][2] = {
		{ "fetch", "allow" }, { "fetch", "connect_to" },
		{ "plan", "step" }, { "connectors", "load" },
		{ "web", "host" },
	};
	char key[96];
	size_t i;
	int n;

	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		if (strcmp(section, lists[i][0]) == 0 &&
		    strcmp(name, lists[i][1]) == 0)
			return 0;
	n = snprintf(key, sizeof(key), "%s]%s", section, name);
	if (n < 0 || (size_t)n >= sizeof(key))
		return 0;       /* no key that long is known: refused later */
	for (i = 0; i < p->nseen; i++)
		if (strcmp(p->seen[i], key) == 0) {
			snprintf(p->problem, sizeof(p->problem), "'%.40s' is "
				 "given twice in [%.40s] (or continued on an "
				 "indented line): keep one", name, section);
			return -1;
		}
	if (p->nseen < CONF_MAX_SEEN)
		memcpy(p->seen[p->nseen++], key, (size_t)n + 1);
	return 0;
}

/* Parse a port 1-65535 written as digits; -1 when s is not one. */
static long port_number(const char *s)
{
	long v = 0;

	if (!*s || strlen(s) > 5)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v >= 1 && v <= 65535 ? v : -1;
}

/*
 * An [fetch] allow entry: an IP address, or an address and a port
 * (127.0.0.1:8080, [::1]:8080 or ::1:8080), written back in the form the
 * fetcher compares with (inet_ntop's, then ":PORT").  No host names, no
 * ranges (CIDR): the guard compares exact addresses.  -1 on a bad entry.
 */
static int allow_entry(const char *v, char *out, size_t outsize)
{
	unsigned char addr[16];
	char host[64], ip[INET6_ADDRSTRLEN];
	const char *colon, *port = NULL;
	size_t hl;
	int af, n;

	if (v[0] == '[') {
		colon = strchr(v, ']');
		if (!colon || colon[1] != ':')
			return -1;
		hl = (size_t)(colon - v - 1);
		if (hl >= sizeof(host))
			return -1;
		memcpy(host, v + 1, hl);
		host[hl] = '\0';
		port = colon + 2;
		af = AF_INET6;
	} else if (strlen(v) < sizeof(host) &&
		   inet_pton(AF_INET6, v, addr) == 1) {
		memcpy(host, v, strlen(v) + 1);
		af = AF_INET6;
	} else {
		colon = strrchr(v, ':');
		hl = colon ? (size_t)(colon - v) : strlen(v);
		if (hl >= sizeof(host))
			return -1;
		memcpy(host, v, hl);
		host[hl] = '\0';
		port = colon ? colon + 1 : NULL;
		af = strchr(host, ':') ? AF_INET6 : AF_INET;
	}
	if (inet_pton(af, host, addr) != 1 ||
	    !inet_ntop(af, addr, ip, sizeof(ip)))
		return -1;
	if (port && port_number(port) < 0)
		return -1;
	n = port ? snprintf(out, outsize, "%s:%ld", ip, port_number(port)) :
		   snprintf(out, outsize, "%s", ip);
	return n < 0 || (size_t)n >= outsize ? -1 : 0;
}

/* A host name (letters, digits, '-', '.') or a bracketed IPv6 address. */
static int host_ok(const char *s, size_t n)
{
	unsigned char addr[16];
	char v6[INET6_ADDRSTRLEN];
	size_t i;

	if (n >= 2 && s[0] == '[' && s[n - 1] == ']') {
		if (n - 2 >= sizeof(v6))
			return 0;
		memcpy(v6, s + 1, n - 2);
		v6[n - 2] = '\0';
		return inet_pton(AF_INET6, v6, addr) == 1;
	}
	if (n == 0 || n > 253)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
		      s[i] == '.'))
			return 0;
	return 1;
}

/*
 * A [fetch] connect_to entry as curl reads it, HOST:PORT:TO-HOST:TO-PORT,
 * where HOST and PORT may be empty (any) and a host may be [IPv6]: 0 when
 * it is one, -1 when not.
 */
static int connect_to_ok(const char *v)
{
	const char *f[4], *p = v;
	size_t len[4];
	char port[8];
	int i;

	for (i = 0; i < 4; i++) {
		const char *end;

		f[i] = p;
		if (i % 2 == 0 && *p == '[') {
			end = strchr(p, ']');
			if (!end)
				return -1;
			end++;
		} else {
			end = i == 3 ? p + strlen(p) : strchr(p, ':');
		}
		if (!end || (i < 3 && *end != ':') || (i == 3 && *end))
			return -1;
		len[i] = (size_t)(end - p);
		p = i < 3 ? end + 1 : end;
	}
	for (i = 0; i < 4; i++) {
		if (len[i] == 0 && i < 2)
			continue;       /* any host, any port */
		if (i % 2 == 0 && !host_ok(f[i], len[i]))
			return -1;
		if (i % 2 == 1) {
			if (len[i] >= sizeof(port))
				return -1;
			memcpy(port, f[i], len[i]);
			port[len[i]] = '\0';
			if (port_number(port) < 0)
				return -1;
		}
	}
	return 0;
}

/* The string settings: section, key, where it goes. */
static char **string_slot(struct ds_conf *c, const char *section,
			  const char *name)
{
	static const struct {
		const char *section, *name;
		size_t offset;
	} keys[] = {
		{ "database", "path", offsetof(struct ds_conf, db_path) },
		{ "database", "keys", offsetof(struct ds_conf, keys_path) },
		{ "organisation", "name", offsetof(struct ds_conf, org_name) },
		{ "organisation", "lawful_basis",
		  offsetof(struct ds_conf, lawful_basis) },
		{ "organisation", "scope", offsetof(struct ds_conf, scope) },
		{ "organisation", "marking",
		  offsetof(struct ds_conf, marking) },
		{ "organisation", "scope_reason",
		  offsetof(struct ds_conf, scope_reason) },
		{ "organisation", "dpo_contact",
		  offsetof(struct ds_conf, dpo_contact) },
		{ "fetch", "user_agent", offsetof(struct ds_conf, user_agent) },
		{ "fetch", "ca_file", offsetof(struct ds_conf, ca_file) },
		{ "plan", "search", offsetof(struct ds_conf, search) },
		{ "triage", "taxonomy", offsetof(struct ds_conf, taxonomy) },
		{ "web", "listen", offsetof(struct ds_conf, web_listen) },
		{ "web", "cert", offsetof(struct ds_conf, web_cert) },
		{ "web", "key", offsetof(struct ds_conf, web_key) },
	};
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(section, keys[i].section) == 0 &&
		    strcmp(name, keys[i].name) == 0)
			return (char **)((char *)c + keys[i].offset);
	return NULL;
}

/* Parse a whole number in [min, max]; -1 when it is not one. */
static int number(const char *v, long long min, long long max,
		  long long *out)
{
	char *end;
	long long n;

	if (!*v)
		return -1;
	n = strtoll(v, &end, 10);
	if (*end || n < min || n > max)
		return -1;
	*out = n;
	return 0;
}

/* The numeric [fetch] and [plan] keys. */
static int numeric_key(struct conf_parse *p, const char *section,
		       const char *name, const char *value)
{
	struct ds_fetch_conf *f = &p->c->fetch;
	long long n;
	static const struct {
		const char *section, *name;
		long long min, max;
	} keys[] = {
		{ "fetch", "max_total", 1, 1000 },
		{ "fetch", "max_per_host", 1, 100 },
		{ "fetch", "host_rate", 0, 1000 },
		{ "fetch", "connect_timeout_ms", 100, 600000 },
		{ "fetch", "total_timeout_ms", 100, 3600000 },
		{ "fetch", "max_body", 1024, 1LL << 30 },
		{ "fetch", "max_redirects", 0, 50 },
		{ "fetch", "max_retries", 0, 10 },
		{ "fetch", "backoff_ms", 0, 600000 },
		{ "fetch", "max_retry_after_ms", 0, 3600000 },
		{ "plan", "lookback_days", 1, 36500 },
		{ "plan", "max_results", 1, 100 },
		{ "triage", "follow", 0, 50 },
		{ "triage", "name", 0, 10 },
		{ "triage", "other_name", 0, 10 },
		{ "triage", "location", 0, 10 },
		{ "triage", "employer", 0, 10 },
		{ "triage", "handle", 0, 10 },
		{ "triage", "confirmed", 1, 50 },
		{ "triage", "probable", 1, 50 },
		{ "triage", "possible", 1, 50 },
		{ "retention", "months", 1, 120 },
		{ "retention", "appointee_months", 1, 600 },
		{ "web", "idle_minutes", 1, 1440 },
		{ "web", "timeout", 1, 3600 },
		{ "web", "connections", 4, 4096 },
		{ "web", "connections_per_ip", 1, 4096 },
		{ "web", "sessions", 1, 65536 },
		{ "web", "sessions_per_person", 1, 64 },
		{ "web", "login_table", 2, 1 << 20 },
		{ "plan", "max_posts", 1, 100 },
	};
	struct ds_identity_conf *idc = &p->c->identity;
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(section, keys[i].section) == 0 &&
		    strcmp(name, keys[i].name) == 0)
			break;
	if (i == sizeof(keys) / sizeof(keys[0]))
		return 0;
	if (number(value, keys[i].min, keys[i].max, &n) != 0) {
		snprintf(p->problem, sizeof(p->problem), "%s must be a whole "
			 "number from %lld to %lld", name, keys[i].min,
			 keys[i].max);
		return -1;
	}
	switch (i) {
	case 0: f->max_total = (unsigned)n; break;
	case 1: f->max_per_host = (unsigned)n; break;
	case 2: f->host_rate = (double)n; break;
	case 3: f->connect_timeout_ms = (long)n; break;
	case 4: f->total_timeout_ms = (long)n; break;
	case 5: f->max_body = (size_t)n; break;
	case 6: f->max_redirects = (long)n; break;
	case 7: f->max_retries = (unsigned)n; break;
	case 8: f->backoff_ms = (long)n; break;
	case 9: f->max_retry_after_ms = (long)n; break;
	case 10: p->c->plan.lookback_days = (int)n; break;
	case 11: p->c->max_results = (unsigned)n; break;
	case 12: p->c->follow = (unsigned)n; break;
	case 13: idc->name = (int)n; break;
	case 14: idc->other_name = (int)n; break;
	case 15: idc->location = (int)n; break;
	case 16: idc->employer = (int)n; break;
	case 17: idc->handle = (int)n; break;
	case 18: idc->confirmed = (int)n; break;
	case 19: idc->probable = (int)n; break;
	case 20: idc->possible = (int)n; break;
	case 21: p->c->retention_months = (int)n; break;
	case 22: p->c->appointee_months = (int)n; break;
	case 23: p->c->web_idle_minutes = (int)n; break;
	case 24: p->c->web_timeout = (int)n; break;
	case 25: p->c->web_connections = (int)n; break;
	case 26: p->c->web_connections_per_ip = (int)n; break;
	case 27: p->c->web_sessions = (int)n; break;
	case 28: p->c->web_sessions_per_person = (int)n; break;
	case 29: p->c->web_login_table = (int)n; break;
	default: p->c->max_posts = (unsigned)n; break;
	}
	return 1;
}

static int list_add(struct conf_parse *p, char **list, size_t *n,
		    const char *name, const char *value);

/*
 * [web] host: names (or addresses) the server answers to, with an
 * optional :PORT, comma-separated or repeated.  Letters, digits, '.',
 * '-' and brackets with ':' for IPv6 only.  1 when kept, 0 with a
 * problem set.
 */
static int web_hosts(struct conf_parse *p, const char *value)
{
	const char *s = value;

	while (*s) {
		char one[256];
		size_t n = strcspn(s, ","), i, k = 0;

		for (i = 0; i < n; i++)
			if (s[i] != ' ' && s[i] != '\t' && k < sizeof(one) - 1)
				one[k++] = s[i];
		one[k] = '\0';
		if (!k || k >= sizeof(one) - 1 ||
		    strspn(one, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRS"
			   "TUVWXYZ0123456789.-:[]") != k) {
			snprintf(p->problem, sizeof(p->problem), "bad host "
				 "'%.60s': name the host the browser asks for "
				 "(school.example.org, or with :PORT)", value);
			return 0;
		}
		if (!list_add(p, p->c->web_hosts, &p->c->nweb_hosts, "host",
			      one))
			return 0;
		s += n;
		if (*s == ',')
			s++;
	}
	return 1;
}

/* Append a copy of value to a list; 0 with a problem set on failure. */
static int list_add(struct conf_parse *p, char **list, size_t *n,
		    const char *name, const char *value)
{
	if (*n >= DS_CONF_MAX_LIST) {
		snprintf(p->problem, sizeof(p->problem), "%s given more than "
			 "%d times", name, DS_CONF_MAX_LIST);
		return 0;
	}
	list[*n] = ds_strdup(value);
	if (!list[*n]) {
		snprintf(p->problem, sizeof(p->problem), "out of memory");
		return 0;
	}
	(*n)++;
	return 1;
}

/* A key of a [connector NAME] section. */
static int connector_key(struct conf_parse *p, const char *cname,
			 const char *name, const char *value)
{
	struct ds_conf *c = p->c;
	struct ds_conf_connector *k = NULL;
	char **slot;
	size_t i;

	if (!ds_connector_find(cname)) {
		snprintf(p->problem, sizeof(p->problem), "unknown connector "
			 "'%.40s': see 'duesearch connectors list'", cname);
		return 0;
	}
	for (i = 0; i < c->nconnectors; i++)
		if (strcmp(c->connectors[i].name, cname) == 0)
			k = &c->connectors[i];
	if (!k) {
		if (c->nconnectors >= DS_CONF_MAX_CONNECTORS) {
			snprintf(p->problem, sizeof(p->problem), "too many "
				 "connector sections");
			return 0;
		}
		k = &c->connectors[c->nconnectors];
		k->name = ds_strdup(cname);
		if (!k->name) {
			snprintf(p->problem, sizeof(p->problem),
				 "out of memory");
			return 0;
		}
		c->nconnectors++;
	}
	if (strcmp(name, "base_url") == 0) {
		slot = &k->base_url;
	} else if (strcmp(name, "api_key_env") == 0) {
		slot = &k->api_key_env;
	} else {
		const struct ds_connector *conn = ds_connector_find(cname);
		const char *const *o = conn->options;

		for (; o && *o && strcmp(*o, name) != 0; o++)
			;
		if (!o || !*o || k->nopts >= 8) {
			snprintf(p->problem, sizeof(p->problem), "unknown key "
				 "'%.40s' in [connector %.40s]: see README.md, "
				 "Configuration", name, cname);
			return 0;
		}
		for (i = 0; i < k->nopts && strcmp(k->opt_name[i], name); i++)
			;
		if (i == k->nopts) {
			k->opt_name[i] = ds_strdup(name);
			k->opt_value[i] = NULL;
			if (!k->opt_name[i]) {
				snprintf(p->problem, sizeof(p->problem),
					 "out of memory");
				return 0;
			}
			k->nopts++;
		}
		slot = &k->opt_value[i];
	}
	ds_free(*slot);
	*slot = ds_strdup(value);
	if (!*slot) {
		snprintf(p->problem, sizeof(p->problem), "out of memory");
		return 0;
	}
	return 1;
}

/* inih calls this for every key; 0 stops the parse with that line. */
static int on_key(void *user, const char *section, const char *name,
		  const char *value)
{
	struct conf_parse *p = user;
	char **slot;
	int rc;

	/* After an error, inih goes on; the first error is the one to tell. */
	if (p->problem[0])
		return 1;
	if (once(p, section, name) != 0)
		return 0;
	if (strncmp(section, "connector ", 10) == 0)
		return connector_key(p, section + 10, name, value);
	if (strcmp(section, "connectors") == 0 && strcmp(name, "load") == 0) {
		struct ds_err e;

		/* Loaded now, so its [connector NAME] section can follow. */
		ds_err_init(&e);
		if (ds_connector_load(value, &e) != 0) {
			snprintf(p->problem, sizeof(p->problem), "%.190s",
				 e.msg);
			return 0;
		}
		return 1;
	}
	rc = numeric_key(p, section, name, value);
	if (rc)
		return rc > 0;
	if (strcmp(section, "fetch") == 0 && strcmp(name, "allow") == 0) {
		char norm[INET6_ADDRSTRLEN + 8];

		if (allow_entry(value, norm, sizeof(norm)) != 0) {
			snprintf(p->problem, sizeof(p->problem), "bad allow "
				 "'%.60s': use one IP address, with a port if "
				 "wanted (127.0.0.1:8080, [::1]:8080), not a "
				 "name or a range", value);
			return 0;
		}
		return list_add(p, p->c->allow, &p->c->nallow, name, norm);
	}
	if (strcmp(section, "web") == 0 && strcmp(name, "host") == 0)
		return web_hosts(p, value);
	if (strcmp(section, "fetch") == 0 && strcmp(name, "connect_to") == 0) {
		if (connect_to_ok(value) != 0) {
			snprintf(p->problem, sizeof(p->problem), "bad "
				 "connect_to '%.60s': use HOST:PORT:TO-HOST:"
				 "TO-PORT (HOST and PORT may be empty)", value);
			return 0;
		}
		return list_add(p, p->c->connect_to, &p->c->nconnect_to, name,
				value);
	}
	if (strcmp(section, "fetch") == 0 && strcmp(name, "robots") == 0) {
		p->c->fetch.robots = strcasecmp(value, "no") != 0;
		return 1;
	}
	if (strcmp(section, "fetch") == 0 && strcmp(name, "sandbox") == 0) {
		if (strcasecmp(value, "yes") == 0) {
			p->c->sandbox = 1;
		} else if (strcasecmp(value, "no") == 0) {
			p->c->sandbox = 0;
		} else {
			snprintf(p->problem, sizeof(p->problem),
				 "sandbox must be yes or no");
			return 0;
		}
		return 1;
	}
	if (strcmp(section, "plan") == 0 && strcmp(name, "discovery") == 0) {
		if (strcasecmp(value, "yes") == 0) {
			p->c->discovery = 1;
		} else if (strcasecmp(value, "no") == 0) {
			p->c->discovery = 0;
		} else {
			snprintf(p->problem, sizeof(p->problem),
				 "discovery must be yes or no");
			return 0;
		}
		return 1;
	}
	if (strcmp(section, "plan") == 0 && strcmp(name, "step") == 0) {
		struct ds_err e;

		if (!p->c->plan_steps_given) {
			p->c->plan.nsteps = 0;
			p->c->plan_steps_given = 1;
		}
		ds_err_init(&e);
		if (ds_plan_add_line(&p->c->plan, value, &e) != 0) {
			snprintf(p->problem, sizeof(p->problem), "%.190s",
				 e.msg);
			return 0;
		}
		return 1;
	}
	if (strcmp(section, "organisation") == 0 &&
	    strcmp(name, "consent_required") == 0) {
		if (strcasecmp(value, "yes") == 0 ||
		    strcasecmp(value, "true") == 0)
			p->c->consent_required = 1;
		else if (strcasecmp(value, "no") == 0 ||
			 strcasecmp(value, "false") == 0)
			p->c->consent_required = 0;
		else {
			snprintf(p->problem, sizeof(p->problem),
				 "consent_required must be yes or no");
			return 0;
		}
		return 1;
	}
	slot = string_slot(p->c, section, name);
	if (!slot) {
		snprintf(p->problem, sizeof(p->problem), "unknown key '%.40s' "
			 "in section [%.40s]", name, section);
		return 0;
	}
	if (!ds_utf8_valid(value, strlen(value))) {
		snprintf(p->problem, sizeof(p->problem), "'%.40s' is not "
			 "valid UTF-8", name);
		return 0;
	}
	ds_free(*slot);
	*slot = ds_strdup(value);
	if (!*slot) {
		snprintf(p->problem, sizeof(p->problem), "out of memory");
		return 0;
	}
	return 1;
}

/* Settle what depends on several keys once the file is read. */
static int ds_conf_finish(struct ds_conf *c, const char *path,
			  struct ds_err *err)
{
	if (c->search && !c->plan_steps_given) {
		int days = c->plan.lookback_days;

		if (!ds_connector_find(c->search))
			return ds_err_set(err, DS_ECONFIG, "%s: [plan] search: "
					  "unknown connector '%.40s': see "
					  "'duesearch connectors list'", path,
					  c->search);
		ds_plan_default(&c->plan, c->search);
		c->plan.lookback_days = days;
	}
	/*
	 * Step 7 of the KCSIE plan, by policy: the declared usernames on the
	 * other sites of the profile site list (possible matches only).  A
	 * plan of its own steps writes its discovery step itself.
	 */
	if (c->discovery && !c->plan_steps_given &&
	    ds_plan_add_line(&c->plan, "discovery profiles {handle}", err))
		return DS_ECONFIG;
	if (c->ca_file) {
		struct stat st;

		if (stat(c->ca_file, &st) != 0 || !S_ISREG(st.st_mode) ||
		    access(c->ca_file, R_OK) != 0)
			return ds_err_set(err, DS_ECONFIG, "%s: [fetch] "
					  "ca_file '%.80s' is not a readable "
					  "file: name the CA bundle (PEM)",
					  path, c->ca_file);
	}
	c->fetch.allow = (const char *const *)c->allow;
	c->fetch.nallow = c->nallow;
	c->fetch.connect_to = (const char *const *)c->connect_to;
	c->fetch.nconnect_to = c->nconnect_to;
	c->fetch.user_agent = c->user_agent;
	c->fetch.ca_file = c->ca_file;
	return 0;
}

/*
 * Read the whole configuration file into *out (NUL-terminated), at most
 * CONF_MAX_SIZE bytes.  A NUL byte in it is refused with its line: inih
 * would end the value there and silently drop the rest.
 */
static int read_text(const char *path, char **out, struct ds_err *err)
{
	char *t = NULL, *z;
	size_t n = 0, got;
	FILE *f;
	int rc = 0;

	*out = NULL;
	f = fopen(path, "rb");
	if (!f)
		return ds_err_set(err, DS_ECONFIG, "cannot read configuration "
				  "'%s': %s: check --config", path,
				  strerror(errno));
	t = ds_malloc(CONF_MAX_SIZE + 1);
	if (!t) {
		rc = ds_err_set(err, DS_ENOMEM, "out of memory");
		goto out;
	}
	while (n <= CONF_MAX_SIZE &&
	       (got = fread(t + n, 1, CONF_MAX_SIZE + 1 - n, f)) > 0)
		n += got;
	if (ferror(f)) {
		rc = ds_err_set(err, DS_ECONFIG, "cannot read configuration "
				"'%s': check --config", path);
		goto out;
	}
	if (n > CONF_MAX_SIZE) {
		rc = ds_err_set(err, DS_ECONFIG, "configuration '%s' is larger "
				"than %zu bytes: check --config", path,
				CONF_MAX_SIZE);
		goto out;
	}
	z = memchr(t, '\0', n);
	if (z) {
		size_t line = 1;
		char *q;

		for (q = t; q < z; q++)
			line += *q == '\n';
		rc = ds_err_set(err, DS_ECONFIG, "%s:%zu: a NUL byte: save the "
				"file as plain text", path, line);
		goto out;
	}
	t[n] = '\0';
	*out = t;
	t = NULL;
out:
	ds_free(t);
	fclose(f);
	return rc;
}

int ds_conf_load(struct ds_conf *c, const char *path, int missing_ok,
		 struct ds_err *err)
{
	struct conf_parse p = { .c = c };
	struct stat st;
	char *text;
	int line, rc;

	if (stat(path, &st) != 0) {
		if (errno == ENOENT && missing_ok)
			return ds_conf_finish(c, path, err);
		return ds_err_set(err, DS_ECONFIG, "cannot read configuration "
				  "'%s': %s: check --config", path,
				  strerror(errno));
	}
	if (!S_ISREG(st.st_mode))
		return ds_err_set(err, DS_ECONFIG, "configuration '%s' is not "
				  "a file: check --config", path);
	/* It can load code and widen the SSRF guard: only its owner writes. */
	if ((st.st_mode & 022) || (st.st_uid != geteuid() && st.st_uid != 0))
		return ds_err_set(err, DS_ECONFIG, "configuration '%s' may be "
				  "changed by someone else (owner or mode "
				  "%03o): run 'chmod go-w %s' as its owner",
				  path, (unsigned)(st.st_mode & 0777), path);
	rc = read_text(path, &text, err);
	if (rc)
		return rc;
	line = ini_parse_string(text, on_key, &p);
	ds_free(text);
	if (line == -1)
		return ds_err_set(err, DS_ECONFIG, "cannot read configuration "
				  "'%s': check --config", path);
	if (line == -2)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	if (line > 0)
		return ds_err_set(err, DS_ECONFIG, "%s:%d: %s: fix that line "
				  "(see README.md, Configuration)", path, line,
				  p.problem[0] ? p.problem :
				  "not a 'key = value' or '[section]' line");
	return ds_conf_finish(c, path, err);
}
