-- 015: the operating-system account each person acts from on the command
-- line (issue 16).  The CLI acts as the actor bound to the account that
-- runs it; acting as anyone else needs that person's password.
ALTER TABLE actor ADD COLUMN os_user TEXT;
CREATE UNIQUE INDEX actor_os_user ON actor(os_user) WHERE os_user IS NOT NULL;
