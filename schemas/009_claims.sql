-- 009: what the application claims: employment history, qualifications and
-- other declared facts.  Personal data like the anchors: the claim is one
-- JSON object sealed with the candidate's data key under "claim.<kind>",
-- with a keyed blind index for duplicate checks.  The claims feed the
-- plan's qualifiers (employers, places, places of study) and the check of
-- the application's consistency.  A purge removes them with the candidate.

CREATE TABLE claim (
	id           INTEGER PRIMARY KEY,
	candidate_id INTEGER NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
	kind         TEXT NOT NULL CHECK (kind IN ('employment',
	             'qualification', 'fact')),
	claim_sealed BLOB NOT NULL,
	claim_mac    BLOB NOT NULL,
	created      TEXT NOT NULL,
	UNIQUE (candidate_id, kind, claim_mac)
);
CREATE INDEX claim_candidate ON claim(candidate_id);
