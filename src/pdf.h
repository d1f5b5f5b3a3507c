/*
 * pdf.h: a report's HTML printed to an A4 PDF by headless Chromium, run
 * as a child process with a private profile and no network.
 */
#ifndef DS_PDF_H
#define DS_PDF_H

#include <stddef.h>

#include "buf.h"
#include "err.h"

/*
 * The browser used: $DUESEARCH_CHROMIUM when set, else the first of
 * chromium, chromium-browser, google-chrome on $PATH, into path[size].
 * 0 when found; DS_ECONFIG with a message naming the package otherwise.
 */
int ds_pdf_browser(char *path, size_t size, struct ds_err *err);

/*
 * Print html (a self-contained page) to PDF, appended to out.  The page
 * and the browser's profile live in a private temporary folder removed
 * afterwards; the browser gets no network (every host name fails to
 * resolve, a dead proxy, background networking off) and at most two
 * minutes.  DS_ECONFIG when no browser is installed, DS_EIO when it fails.
 */
int ds_pdf_print(const char *html, size_t len, struct buf *out,
		 struct ds_err *err);

#endif
