-- 008: the DPO's register of subject access requests (UK GDPR Article
-- 15).  due is one calendar month after received (clamped to the last day
-- of a shorter month: 31 January gives 28 or 29 February); an extension
-- (Article 12(3), once) makes it three calendar months after received.
-- Dates only: what was sent is the export, whose hash is in the audit
-- trail.  A purge of the candidate removes their requests with them.

CREATE TABLE sar_request (
	id           INTEGER PRIMARY KEY,
	candidate_id INTEGER NOT NULL REFERENCES candidate(id)
	             ON DELETE CASCADE,
	received     TEXT NOT NULL,
	due          TEXT NOT NULL,
	extended     INTEGER NOT NULL DEFAULT 0 CHECK (extended IN (0, 1)),
	completed    TEXT,
	created      TEXT NOT NULL
);
CREATE INDEX sar_request_candidate ON sar_request(candidate_id);
