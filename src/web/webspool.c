/*
 * webspool.c: the web server's private folder beside the case file (see
 * webspool.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "webspool.h"

/*
 * Remove everything in the folder open as fd: files, and folders of
 * files one level down (an export's).  Names are taken relative to the
 * descriptors, and links are removed, never followed.
 */
static void sweep(int fd, int depth)
{
	struct dirent *e;
	DIR *d;
	int dup_fd = dup(fd);

	if (dup_fd < 0)
		return;
	d = fdopendir(dup_fd);
	if (!d) {
		close(dup_fd);
		return;
	}
	rewinddir(d);
	while ((e = readdir(d)) != NULL) {
		int sub;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (unlinkat(fd, e->d_name, 0) == 0 || depth > 0)
			continue;
		sub = openat(fd, e->d_name, O_RDONLY | O_DIRECTORY |
			     O_NOFOLLOW | O_CLOEXEC);
		if (sub < 0)
			continue;
		sweep(sub, depth + 1);
		close(sub);
		unlinkat(fd, e->d_name, AT_REMOVEDIR);
	}
	closedir(d);
}

int web_spool_open(const char *db_path, char *dir, size_t size,
		   struct ds_err *err)
{
	struct stat st;
	int n, fd;

	n = snprintf(dir, size, "%s.spool", db_path);
	if (n < 0 || (size_t)n >= size)
		return ds_err_set(err, DS_EUSAGE, "the case file's path is too "
				  "long for its spool folder: use a shorter "
				  "--db");
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return ds_err_set(err, DS_EIO, "cannot make the folder "
				  "'%.200s' for uploads: check the case "
				  "file's folder", dir);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return ds_err_set(err, DS_EIO, "cannot open '%.200s': it "
				  "must be a folder (not a link): remove it",
				  dir);
	if (fstat(fd, &st) != 0 || st.st_uid != geteuid() ||
	    (st.st_mode & 077) != 0) {
		close(fd);
		return ds_err_set(err, DS_EPERM, "'%.200s' must be a folder "
				  "of yours that only you may open (mode "
				  "0700): fix or remove it", dir);
	}
	/*
	 * Every server holds a shared lock while it runs; one that can take
	 * it alone is the only one, and empties what a crash left.
	 */
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		sweep(fd, 0);
	flock(fd, LOCK_SH);
	return fd;
}

void web_spool_close(int fd, const char *dir)
{
	if (fd < 0)
		return;
	/* Only the last server on it removes the folder. */
	if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
		sweep(fd, 0);
		rmdir(dir);
	}
	close(fd);
}
