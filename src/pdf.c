/*
 * pdf.c: reports printed to PDF by headless Chromium (see pdf.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pdf.h"

#define PDF_TIMEOUT_S 120
#define PDF_MAX (64u << 20)

/* Is dir/name an executable file?  Its path into out[size]. */
static int executable(const char *dir, size_t dlen, const char *name,
		      char *out, size_t size)
{
	int n = snprintf(out, size, "%.*s/%s", (int)dlen, dir, name);

	return n > 0 && (size_t)n < size && access(out, X_OK) == 0;
}

int ds_pdf_browser(char *path, size_t size, struct ds_err *err)
{
	static const char *const names[] = {
		"chromium", "chromium-browser", "google-chrome", NULL
	};
	const char *env = getenv("DUESEARCH_CHROMIUM");
	const char *p, *end;
	int i, n;

	if (env && env[0]) {
		n = snprintf(path, size, "%s", env);
		if (n > 0 && (size_t)n < size && access(path, X_OK) == 0)
			return 0;
		return ds_err_set(err, DS_ECONFIG, "DUESEARCH_CHROMIUM '%s' is "
				  "not an executable file", env);
	}
	for (i = 0; names[i]; i++) {
		p = getenv("PATH");
		if (!p || !p[0])
			p = "/usr/bin:/bin";
		for (; *p; p = *end ? end + 1 : end) {
			end = strchr(p, ':');
			if (!end)
				end = p + strlen(p);
			if (end > p && executable(p, (size_t)(end - p),
						  names[i], path, size))
				return 0;
		}
	}
	return ds_err_set(err, DS_ECONFIG, "cannot make a PDF: Chromium is not "
			  "installed (apt install chromium, or set "
			  "DUESEARCH_CHROMIUM); or write --format html and "
			  "print it from a browser");
}

/* Remove a folder and everything in it (no link is followed). */
static void remove_tree(int parent, const char *name)
{
	struct dirent *e;
	DIR *d;
	int fd;

	fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
	if (fd < 0) {
		unlinkat(parent, name, 0);
		return;
	}
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (unlinkat(fd, e->d_name, 0) != 0)
			remove_tree(fd, e->d_name);
	}
	closedir(d);
	unlinkat(parent, name, AT_REMOVEDIR);
}

/* Write all of data to path, created 0600. */
static int write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	ssize_t w;

	if (fd < 0)
		return -1;
	while (len) {
		w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			close(fd);
			return -1;
		}
		data += w;
		len -= (size_t)w;
	}
	return close(fd);
}

/* Append the file at path to out (at most PDF_MAX bytes). */
static int read_file(const char *path, struct buf *out)
{
	char chunk[65536];
	ssize_t r;
	size_t total = 0;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		return -1;
	for (;;) {
		r = read(fd, chunk, sizeof(chunk));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		total += (size_t)r;
		if (total > PDF_MAX || buf_add(out, chunk, (size_t)r)) {
			r = -1;
			break;
		}
	}
	close(fd);
	return r < 0 ? -1 : 0;
}

/*
 * Run the browser on dir/report.html into dir/report.pdf and wait for it,
 * at most PDF_TIMEOUT_S seconds; the browser and its helpers are one
 * process group, ended together on a timeout.
 */
static int run_browser(const char *browser, const char *dir,
		       struct ds_err *err)
{
	char profile[4200], pdf[4200], page[4200], crash[4200];
	const char *argv[32];
	struct timespec nap = { 0, 50 * 1000 * 1000 };
	int i = 0, status, waited = 0, devnull;
	pid_t pid, r;

	if (snprintf(profile, sizeof(profile), "--user-data-dir=%s/profile",
		     dir) >= (int)sizeof(profile) ||
	    snprintf(crash, sizeof(crash), "--crash-dumps-dir=%s/profile",
		     dir) >= (int)sizeof(crash) ||
	    snprintf(pdf, sizeof(pdf), "--print-to-pdf=%s/report.pdf",
		     dir) >= (int)sizeof(pdf) ||
	    snprintf(page, sizeof(page), "file://%s/report.html", dir) >=
	    (int)sizeof(page))
		return ds_err_set(err, DS_EIO, "temporary folder name too "
				  "long: set TMPDIR to a shorter path");
	argv[i++] = browser;
	argv[i++] = "--headless";
	if (geteuid() == 0)
		argv[i++] = "--no-sandbox";     /* refused as root otherwise */
	argv[i++] = "--disable-gpu";
	argv[i++] = "--no-first-run";
	argv[i++] = "--no-default-browser-check";
	argv[i++] = "--disable-background-networking";
	argv[i++] = "--disable-component-update";
	argv[i++] = "--disable-sync";
	argv[i++] = "--disable-extensions";
	argv[i++] = "--disable-default-apps";
	argv[i++] = "--disable-domain-reliability";
	argv[i++] = "--disable-breakpad";
	argv[i++] = "--disable-quic";
	argv[i++] = "--no-pings";
	argv[i++] = "--host-resolver-rules=MAP * ~NOTFOUND";
	argv[i++] = "--proxy-server=http://127.0.0.1:9";
	argv[i++] = "--no-pdf-header-footer";
	argv[i++] = profile;
	argv[i++] = crash;
	argv[i++] = pdf;
	argv[i++] = page;
	argv[i] = NULL;

	pid = fork();
	if (pid < 0)
		return ds_err_set(err, DS_EIO, "cannot start %s: %s", browser,
				  strerror(errno));
	if (pid == 0) {
		setpgid(0, 0);
		devnull = open("/dev/null", O_RDWR);
		if (devnull >= 0) {
			dup2(devnull, 0);
			dup2(devnull, 1);
			dup2(devnull, 2);
		}
		execv(browser, (char *const *)argv);
		_exit(127);
	}
	setpgid(pid, pid);
	for (;;) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			return ds_err_set(err, DS_EIO, "lost the browser: %s",
					  strerror(errno));
		if (++waited > PDF_TIMEOUT_S * 20) {
			kill(-pid, SIGKILL);
			waitpid(pid, &status, 0);
			return ds_err_set(err, DS_EIO, "%s took more than %d "
					  "seconds to print the report: "
					  "stopped", browser, PDF_TIMEOUT_S);
		}
		nanosleep(&nap, NULL);
	}
	/* Helpers left behind by the browser go with it. */
	kill(-pid, SIGKILL);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return ds_err_set(err, DS_EIO, "%s could not print the report "
				  "(exit %d)", browser, WIFEXITED(status) ?
				  WEXITSTATUS(status) : 128 +
				  WTERMSIG(status));
	return 0;
}

int ds_pdf_print(const char *html, size_t len, struct buf *out,
		 struct ds_err *err)
{
	char browser[4096], tmpl[4096], path[4200];
	const char *tmp = getenv("TMPDIR");
	size_t start = out->len;
	char *dir, *slash;
	int rc, n;

	rc = ds_pdf_browser(browser, sizeof(browser), err);
	if (rc)
		return rc;
	if (!tmp || tmp[0] != '/')
		tmp = "/tmp";
	n = snprintf(tmpl, sizeof(tmpl), "%s/duesearch-pdf.XXXXXX", tmp);
	if (n < 0 || (size_t)n >= sizeof(tmpl))
		return ds_err_set(err, DS_EIO, "TMPDIR is too long");
	dir = mkdtemp(tmpl);
	if (!dir)
		return ds_err_set(err, DS_EIO, "cannot make a private folder "
				  "in %s: %s", tmp, strerror(errno));
	n = snprintf(path, sizeof(path), "%s/report.html", dir);
	if (n < 0 || (size_t)n >= sizeof(path) ||
	    write_file(path, html, len) != 0) {
		rc = ds_err_set(err, DS_EIO, "cannot write %s", path);
		goto out;
	}
	rc = run_browser(browser, dir, err);
	if (rc)
		goto out;
	snprintf(path, sizeof(path), "%s/report.pdf", dir);
	if (read_file(path, out) != 0 || out->len - start < 5 ||
	    memcmp(out->ptr + start, "%PDF-", 5) != 0)
		rc = ds_err_set(err, DS_EIO, "%s made no readable PDF",
				browser);
out:
	slash = strrchr(dir, '/');
	if (slash) {
		int pfd;

		*slash = '\0';
		pfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (pfd >= 0) {
			remove_tree(pfd, slash + 1);
			close(pfd);
		}
	}
	return rc;
}
