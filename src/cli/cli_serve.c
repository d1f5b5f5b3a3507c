/*
 * cli_serve.c: 'duesearch serve', the local web interface.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "web.h"

const struct ds_conf *cli_conf(void);

static struct cli_opt serve_opts[] = {
	{ .name = "listen", .kind = 's', .arg = "ADDRESS:PORT",
	  .help = "where to listen (default [web] listen, else "
		  "127.0.0.1:8080; port 0 picks a free one)" },
	{ .name = "allow-remote", .kind = 'f',
	  .help = "listen beyond loopback without TLS (warned; avoid)" },
	{ .name = "port-file", .kind = 's', .arg = "FILE",
	  .help = "write the port here once listening (scripts, tests)" },
	{ 0 }
};

static int cmd_serve(struct cli *cli, struct cli_opt *o, int argc,
		     char **argv, struct ds_err *err)
{
	struct ds_web_opts wo = {
		.db_path = cli->db_path,
		.keys_path = cli->keys_path,
		.listen = cli_val(o, "listen") ? cli_val(o, "listen") :
			  cli_conf()->web_listen ? cli_conf()->web_listen :
			  "127.0.0.1:8080",
		.allow_remote = cli_opt(o, "allow-remote")->set,
		.conf = cli_conf(),
		.port_file = cli_val(o, "port-file"),
	};
	int rc;

	(void)argc;
	(void)argv;
	/*
	 * Open once to fail early on a wrong database; a missing one is made
	 * in the browser (its set-up page).
	 */
	if (access(cli->db_path, F_OK) != 0 && errno == ENOENT)
		rc = 0;
	else
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_web_serve(&wo, err);
	return rc;
}

const struct cli_verb cli_serve_verbs[] = {
	{ .name = "serve", .summary = "Serve the local web interface for "
	  "recruiters, safeguarding leads and DPOs (log-in per actor: set "
	  "passwords with 'duesearch actor passwd'; with no case file yet, "
	  "the first page sets it up)", .fn = cmd_serve,
	  .opts = serve_opts },
	{ 0 }
};
