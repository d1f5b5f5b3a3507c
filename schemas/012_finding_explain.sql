-- 012: every finding explains itself (issue 14, item 7).  explain_sealed
-- holds, sealed like the excerpt, the sentences that triggered it, the
-- categories and their terms, the anchors matched and whose words they
-- are; own_words is 1 when the triggering text is the candidate's own.
-- Wiped with the other sealed fields when the DSL says "not the
-- candidate".

ALTER TABLE finding ADD COLUMN explain_sealed BLOB;
ALTER TABLE finding ADD COLUMN own_words INTEGER NOT NULL DEFAULT 0;
