/*
 * main.c: duesearch's command line: global options, the noun/verb
 * dispatch, option parsing, help and exit codes.
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "conf.h"
#include "auth.h"
#include "mem.h"

static struct ds_conf conf;

static void usage_main(FILE *f)
{
	const struct cli_noun *n;

	fprintf(f,
"usage: duesearch [--db PATH] [--keys PATH] [--config PATH] [--as NAME]\n"
"                 [--json] <noun> <verb> [options]\n"
"\n"
"Consent-gated online searches of shortlisted candidates, as Keeping\n"
"Children Safe in Education asks, with a hash-chained audit trail.\n"
"\n"
"Global options (anywhere on the line):\n"
"  --db PATH      the case file (default $DUESEARCH_DB, the config's\n"
"                 [database] path, else ./duesearch.db)\n"
"  --keys PATH    its key file (default $DUESEARCH_KEYS, else DB.keys)\n"
"  --config PATH  configuration (default $DUESEARCH_CONFIG, else\n"
"                 ./duesearch.conf when it exists)\n"
"  --as NAME      act as another person (default $DUESEARCH_ACTOR, else\n"
"                 the person bound to this account); needs their\n"
"                 password in the file $DUESEARCH_PASSWORD_FILE names\n"
"  --json         machine-readable output on stdout\n"
"  --help         help for duesearch, a noun or a verb\n"
"  --version      print the version\n"
"\n"
"Nouns:\n");
	for (n = cli_nouns; n->name; n++)
		fprintf(f, "  %-10s %s\n", n->name, n->summary);
	fprintf(f,
"\n"
"Exit codes: 0 ok; 1 the answer is no (gate refused, audit broken);\n"
"2 partly done (run: some searched, some refused, listed above);\n"
"64 usage; 65 bad input; 66 not found; 69 unavailable; 70 bug;\n"
"74 I/O; 75 busy (locked), try again; 77 not allowed (role); 78 config.\n"
"Run 'duesearch <noun> --help' for its verbs.\n");
}

static void usage_noun(FILE *f, const struct cli_noun *n)
{
	const struct cli_verb *v;

	fprintf(f, "usage: duesearch %s <verb> [options]\n\n%s.\n\nVerbs:\n",
		n->name, n->summary);
	for (v = n->verbs; v->name; v++)
		fprintf(f, "  %-10s %s\n", v->name, v->summary);
	fprintf(f, "\nRun 'duesearch %s <verb> --help' for its options.\n",
		n->name);
}

static void usage_verb(FILE *f, const struct cli_noun *n,
		       const struct cli_verb *v)
{
	const struct cli_opt *o;
	char left[64];

	const struct cli_verb *w;
	/* A noun whose one verb bears its name ("init") is used alone. */
	int alone = strcmp(v->name, n->name) == 0;

	fprintf(f, "usage: duesearch %s%s%s%s%s%s\n\n%s.\n", n->name,
		alone ? "" : " ", alone ? "" : v->name,
		v->usage ? " " : "", v->usage ? v->usage : "",
		v->opts && v->opts->name ? " [options]" : "", v->summary);
	if (v->opts && v->opts->name) {
		fprintf(f, "\nOptions:\n");
		for (o = v->opts; o->name; o++) {
			snprintf(left, sizeof(left), "--%s%s%s", o->name,
				 o->arg ? " " : "", o->arg ? o->arg : "");
			fprintf(f, "  %-26s %s%s\n", left, o->help,
				o->kind == 'm' ? " (may repeat)" : "");
		}
	}
	/* "duesearch run --help" is the default verb's: name the others. */
	if (n->default_verb && v == n->verbs && v[1].name) {
		fprintf(f, "\n'duesearch %s [options]' is 'duesearch %s %s'. "
			"Other verbs:\n", n->name, n->name, v->name);
		for (w = v + 1; w->name; w++)
			fprintf(f, "  %-10s %s\n", w->name, w->summary);
		fprintf(f, "\nRun 'duesearch %s <verb> --help' for their "
			"options.\n", n->name);
	}
}

struct cli_opt *cli_opt(struct cli_opt *opts, const char *name)
{
	for (; opts && opts->name; opts++)
		if (strcmp(opts->name, name) == 0)
			return opts;
	return NULL;
}

const char *cli_val(struct cli_opt *opts, const char *name)
{
	struct cli_opt *o = cli_opt(opts, name);

	return o && o->set ? o->value : NULL;
}

int cli_write_private(const char *path, const void *data, size_t len,
		      struct ds_err *err)
{
	struct stat st;
	size_t off = 0;
	ssize_t n;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return ds_err_set(err, DS_EIO, "cannot write '%s': %s: check "
				  "the path (a link is refused)", path,
				  strerror(errno));
	/* An older file keeps its mode when opened: narrow it first. */
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_uid != geteuid() || fchmod(fd, 0600) != 0 ||
	    ftruncate(fd, 0) != 0) {
		close(fd);
		return ds_err_set(err, DS_EIO, "cannot write '%s': not a file "
				  "of yours: choose another path", path);
	}
	while (off < len) {
		n = write(fd, (const char *)data + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			return ds_err_set(err, DS_EIO, "cannot write '%s': the "
					  "disk may be full", path);
		}
		off += (size_t)n;
	}
	if (close(fd) != 0)
		return ds_err_set(err, DS_EIO, "cannot write '%s': the disk "
				  "may be full", path);
	return 0;
}

int cli_id(const char *what, const char *s, int64_t *id, struct ds_err *err)
{
	char *end;
	long long v;

	if (!s || !*s || *s < '0' || *s > '9')
		goto bad;
	v = strtoll(s, &end, 10);
	if (*end || v <= 0)
		goto bad;
	*id = v;
	return 0;
bad:
	return ds_err_set(err, DS_EUSAGE, "bad %s id '%.32s': use the number "
			  "shown by 'duesearch %s list'", what, s ? s : "",
			  what);
}

/*
 * Take the global options out of argv wherever they stand (before a
 * "--"), leaving the rest in order.  Returns the new argc.
 */
static int take_globals(struct cli *cli, int argc, char **argv,
			int *want_help, int *want_version, struct ds_err *err)
{
	static const struct {
		const char *name;
		size_t offset;
	} valued[] = {
		{ "--db", offsetof(struct cli, db_path) },
		{ "--keys", offsetof(struct cli, keys_path) },
		{ "--config", offsetof(struct cli, config_path) },
		{ "--as", offsetof(struct cli, actor) },
	};
	int i, out = 1, done = 0;
	size_t k;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		int taken = 0;

		if (done) {
			argv[out++] = argv[i];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			done = 1;
			argv[out++] = argv[i];
			continue;
		}
		for (k = 0; k < sizeof(valued) / sizeof(valued[0]); k++) {
			size_t n = strlen(valued[k].name);
			const char **slot = (const char **)((char *)cli +
							    valued[k].offset);

			if (strncmp(a, valued[k].name, n) != 0)
				continue;
			if (a[n] == '=') {
				*slot = a + n + 1;
			} else if (a[n] == '\0') {
				if (i + 1 >= argc)
					return ds_err_set(err, DS_EUSAGE,
						"%s needs a value", a);
				*slot = argv[++i];
			} else {
				continue;
			}
			if (k == 2)
				cli->config_explicit = 1;
			taken = 1;
			break;
		}
		if (taken)
			continue;
		if (strcmp(a, "--json") == 0)
			cli->json = 1;
		else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			*want_help = 1;
		else if (strcmp(a, "--version") == 0)
			*want_version = 1;
		else
			argv[out++] = argv[i];
	}
	argv[out] = NULL;
	return out;
}

/* Parse a verb's options; positional arguments are left in args. */
static int parse_opts(const struct cli_noun *n, const struct cli_verb *v,
		      int argc, char **argv, char **args, int *nargs,
		      struct ds_err *err)
{
	int i, only_args = 0, same = strcmp(n->name, v->name) == 0;

	*nargs = 0;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i], *eq;
		struct cli_opt *o;
		char name[64];
		size_t len;

		if (!only_args && strcmp(a, "-o") == 0 &&
		    cli_opt(v->opts, "output")) {
			a = "--output";
		}
		if (only_args || strncmp(a, "--", 2) != 0 || a[2] == '\0') {
			if (strcmp(a, "--") == 0 && !only_args) {
				only_args = 1;
				continue;
			}
			args[(*nargs)++] = argv[i];
			continue;
		}
		eq = strchr(a, '=');
		len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
		if (len >= sizeof(name))
			len = sizeof(name) - 1;
		memcpy(name, a + 2, len);
		name[len] = '\0';
		o = cli_opt(v->opts, name);
		if (!o)
			return ds_err_set(err, DS_EUSAGE, "unknown option "
					  "'--%.40s': see 'duesearch %s %s "
					  "--help'", name, n->name, v->name);
		if (o->kind == 'f') {
			if (eq)
				return ds_err_set(err, DS_EUSAGE, "--%s takes "
						  "no value", o->name);
			o->set = 1;
			continue;
		}
		if (!eq && i + 1 >= argc)
			return ds_err_set(err, DS_EUSAGE, "--%s needs a value: "
					  "--%s %s", o->name, o->name,
					  o->arg ? o->arg : "VALUE");
		o->value = eq ? eq + 1 : argv[++i];
		if (o->kind == 'm') {
			if (o->nvalues >= CLI_MAX_VALUES)
				return ds_err_set(err, DS_EUSAGE, "--%s given "
						  "too often (at most %d)",
						  o->name, CLI_MAX_VALUES);
			o->values[o->nvalues++] = o->value;
		} else if (o->set) {
			return ds_err_set(err, DS_EUSAGE, "--%s given twice: "
					  "give it once", o->name);
		}
		o->set = 1;
	}
	if (*nargs < v->min_args || *nargs > v->max_args)
		return ds_err_set(err, DS_EUSAGE, "'duesearch %s%s%s' takes "
			"%s%s"
				  ": see 'duesearch %s%s%s --help'", n->name,
				  same ? "" : " ", same ? "" : v->name,
				  v->usage ? "arguments " : "no arguments",
				  v->usage ? v->usage : "", n->name,
				  same ? "" : " ", same ? "" : v->name);
	return 0;
}

/* The login name, for a default actor. */
/* The operating-system account running the command. */
static const char *login_name(void)
{
	struct passwd *pw = getpwuid(getuid());

	return pw ? pw->pw_name : "";
}

const char *cli_os_user(void)
{
	return login_name();
}

/* Settle paths and the actor from options, environment and config. */
static int settle(struct cli *cli, struct ds_err *err)
{
	const char *e;
	int rc;

	if (!cli->config_path) {
		e = getenv("DUESEARCH_CONFIG");
		if (e && *e) {
			cli->config_path = e;
			cli->config_explicit = 1;
		} else {
			cli->config_path = "duesearch.conf";
		}
	}
	rc = ds_conf_load(&conf, cli->config_path, !cli->config_explicit,
			  err);
	if (rc)
		return rc;
	if (!cli->db_path) {
		e = getenv("DUESEARCH_DB");
		cli->db_path = e && *e ? e : conf.db_path ? conf.db_path :
			       "duesearch.db";
	}
	if (!cli->keys_path) {
		e = getenv("DUESEARCH_KEYS");
		cli->keys_path = e && *e ? e : conf.keys_path;
	}
	if (cli->actor) {
		cli->actor_given = 1;
	} else {
		e = getenv("DUESEARCH_ACTOR");
		cli->actor_given = e && *e;
		cli->actor = e && *e ? e : login_name();
	}
	return 0;
}

/*
 * The password of the person named with --as, from the file named by
 * DUESEARCH_PASSWORD_FILE (its first line), into pw; "" when unset.
 */
static int password_from_file(char *pw, size_t size, struct ds_err *err)
{
	const char *path = getenv("DUESEARCH_PASSWORD_FILE");
	FILE *f;

	pw[0] = '\0';
	if (!path || !*path)
		return 0;
	f = fopen(path, "r");
	if (!f)
		return ds_err_set(err, DS_EUSAGE, "cannot read "
				  "DUESEARCH_PASSWORD_FILE '%s': %s: check "
				  "the path", path, strerror(errno));
	if (!fgets(pw, (int)size, f))
		pw[0] = '\0';
	fclose(f);
	pw[strcspn(pw, "\r\n")] = '\0';
	return 0;
}

int cli_open(struct cli *cli, struct ds_err *err)
{
	char pw[DS_PASSWORD_MAX + 2];
	struct ds_open_opts o = {
		.db_path = cli->db_path,
		.keys_path = cli->keys_path,
		/* Without --as, the person bound to this account acts. */
		.actor = cli->actor_given ? cli->actor : NULL,
		.os_user = login_name(),
		.password = pw,
	};
	int rc;

	rc = password_from_file(pw, sizeof(pw), err);
	if (!rc)
		rc = ds_open(&o, &cli->ctx, err);
	ds_wipe(pw, sizeof(pw));
	return rc;
}

/* Defaults for init that come from the configuration. */
const struct ds_conf *cli_conf(void);
const struct ds_conf *cli_conf(void)
{
	return &conf;
}

static void report_error(struct cli *cli, const struct ds_err *err)
{
	if (cli->json) {
		json_t *j = json_pack("{s:{s:s s:s}}", "error", "code",
				      ds_err_name(err->code), "message",
				      err->msg);

		cli_print_json(j);
		json_decref(j);
	}
	fprintf(stderr, "duesearch: error: %s\n", err->msg[0] ? err->msg :
		ds_err_name(err->code));
}

int cli_main(int argc, char **argv)
{
	struct cli cli = { 0 };
	struct ds_err err;
	const struct cli_noun *n;
	const struct cli_verb *v;
	char **args = NULL;
	int help = 0, version = 0, nargs, rc;

	ds_err_init(&err);
	ds_conf_init(&conf);
	umask(077);
	argc = take_globals(&cli, argc, argv, &help, &version, &err);
	if (argc < 0 || err.code) {
		rc = err.code ? err.code : DS_EUSAGE;
		goto fail;
	}
	if (version) {
		printf("duesearch %s\n", DS_VERSION);
		return 0;
	}
	if (argc < 2) {
		usage_main(help ? stdout : stderr);
		return help ? 0 : 64;
	}
	if (strcmp(argv[1], "help") == 0) {
		usage_main(stdout);
		return 0;
	}
	for (n = cli_nouns; n->name; n++)
		if (strcmp(n->name, argv[1]) == 0)
			break;
	if (!n->name) {
		rc = ds_err_set(&err, DS_EUSAGE, "unknown command '%.40s': see "
				"'duesearch --help'", argv[1]);
		goto fail;
	}
	/* A noun with one verb named like itself ("init") needs no verb. */
	v = n->verbs;
	if (n->default_verb && (argc < 3 || argv[2][0] == '-')) {
		/* "duesearch run --vacancy X" is "duesearch run start ...". */
		argv[1] = (char *)v->name;
	} else if (!(v->name && strcmp(v->name, n->name) == 0 &&
		     !v[1].name)) {
		if (argc < 3) {
			usage_noun(help ? stdout : stderr, n);
			return help ? 0 : 64;
		}
		for (; v->name; v++)
			if (strcmp(v->name, argv[2]) == 0)
				break;
		if (!v->name) {
			rc = ds_err_set(&err, DS_EUSAGE, "unknown verb '%.40s' "
					"for '%s': see 'duesearch %s --help'",
					argv[2], n->name, n->name);
			goto fail;
		}
		argc--;
		argv++;
	}
	if (help) {
		usage_verb(stdout, n, v);
		return 0;
	}
	args = ds_calloc((size_t)argc + 1, sizeof(*args));
	if (!args) {
		rc = ds_err_set(&err, DS_ENOMEM, "out of memory");
		goto fail;
	}
	rc = parse_opts(n, v, argc - 2, argv + 2, args, &nargs, &err);
	if (!rc)
		rc = settle(&cli, &err);
	if (!rc)
		rc = v->fn(&cli, v->opts, nargs, args, &err);
fail:
	ds_free(args);
	ds_close(cli.ctx);
	ds_conf_release(&conf);
	if (rc == DS_EREFUSED && !err.msg[0])
		return 1;
	if (rc) {
		if (!err.code)
			ds_err_set(&err, rc, "%s", ds_err_name(rc));
		report_error(&cli, &err);
		return ds_err_exit_code(rc);
	}
	return cli.exit_code;
}

int main(int argc, char **argv)
{
	/* First: SQLite takes its allocator only before it initialises. */
	if (ds_mem_hook_libraries() != 0) {
		fprintf(stderr, "duesearch: error: cannot set SQLite's "
			"allocator: report this bug\n");
		return 70;
	}
	return cli_main(argc, argv);
}
