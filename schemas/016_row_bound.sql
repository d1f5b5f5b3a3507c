-- 016: sealed fields bound to their row (issue 16).  A review's reason,
-- a response's text and a piece of evidence's addresses and title are
-- sealed with their row's id in the associated data, so a blob moved to
-- another row of the same candidate no longer opens.  Rows sealed before
-- are sealed again, once, by the first open after this migration (it
-- clears rows_bound to 0 here); a new case file starts with 1.
ALTER TABLE org ADD COLUMN rows_bound INTEGER NOT NULL DEFAULT 0;
