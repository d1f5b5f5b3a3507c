/*
 * webspool.h: the web server's private folder for files in progress
 * (uploaded evidence while its form is read, subject access exports
 * while they are sent).
 *
 * It lives beside the case file ("CASE.db.spool", mode 0700, owned by
 * the server's user), never in a shared temporary folder, so what a
 * crash leaves is as private as the case file itself.  Each server holds
 * a shared lock on it while it runs; one that starts alone removes
 * whatever an earlier one left there, and the last to stop removes it.
 */
#ifndef DS_WEBSPOOL_H
#define DS_WEBSPOOL_H

#include <stddef.h>

#include "err.h"

/*
 * Make or open the folder for the case file db_path, write its path to
 * dir (size bytes), lock it and empty it of leftovers.  Returns a
 * descriptor to pass to web_spool_close (>= 0), or a negative code with
 * err set: the folder cannot be made, is not a folder, belongs to
 * another user or is open to others.
 */
int web_spool_open(const char *db_path, char *dir, size_t size,
		   struct ds_err *err);

/* Empty and remove the folder (unless another server holds it too). */
void web_spool_close(int fd, const char *dir);

#endif
