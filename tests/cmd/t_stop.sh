# stop: a run stops a candidate the moment the gate no longer allows them,
# whatever another process did while it was in flight.  The fake server
# holds the first search's answer until the file "go" exists; meanwhile a
# second duesearch process withdraws consent, opts the organisation out
# or purges the candidate.  After that change: no request about the
# candidate reaches the server, nothing of theirs is stored (the held
# answer is dropped), the run counts them stopped and the audit trail says
# why.  Nothing here waits on a guess of how long something takes.
. "$DS_TOP/tests/cmd/lib.sh"

fakeweb_need
FW_PID='' BG_PID=''
trap 'touch go; kill $FW_PID $BG_PID 2>/dev/null' EXIT

# A fake SearXNG whose answers name the query and lead to pages that are
# about every candidate here; each answer waits for the file "go".
fake_searxng 2 "hold: go"
news_pages 2 "Court report" "Jane Smith of
Leeds, Omar Khan of York and Ann Lee of Hull, teachers, were convicted of
assault and fraud at the crown court."

fakeweb_start

# One request in flight at a time, so the held search is the only one
# sent before the change; the others wait in the fetcher's queue.
cat > duesearch.conf <<EOF
[fetch]
allow = 127.0.0.1:$PORT
connect_to = ::127.0.0.1:$PORT
host_rate = 0
max_total = 1
backoff_ms = 50
[plan]
step = web searxng "{name}"
step = web searxng "{name}" {location}
step = news searxng "{name}" {location}
step = web searxng "{name}" teacher
[connector searxng]
base_url = http://search.example/
EOF

D1=$(date -u -d '-20 days' +%F)
D2=$(date -u -d '-19 days' +%F)
TODAY=$(date -u +%F)
ds init --org "Test Trust" --lawful-basis public-task \
	--scope-reason "KCSIE: all shortlisted candidates"
ds actor role admin --role admin,recruiter,dsl,dpo
# add_case REF NAME LOCATION: a vacancy with one candidate who may be
# searched (notice, consent, panel declared).
add_case() {
	ds vacancy add --ref "$1" --post Teacher --school "Oak Primary" \
		--interview-date 2027-01-10
	ds vacancy declare "$1" --not-on-panel
	ds candidate add --vacancy "$1" --name "$2" --location "$3" \
		--status shortlisted
	CID=$(q "SELECT max(id) FROM candidate")
	ds notice add --candidate "$CID" --date "$D1" --channel email
	ds consent add --candidate "$CID" --date "$D2"
}

# The fake server's log since the current run started.
new_lines() { tail -n +$((LOG_START + 1)) log.txt 2>/dev/null; }

# during_run REF PATTERN ARGS...: run vacancy REF in the background; once
# the server has the search matching PATTERN (held), run duesearch ARGS as
# a second process, note the log and the audit trail, then let the answer
# go and wait for the run.
during_run() {
	ref=$1 pat=$2; shift 2
	rm -f go
	LOG_START=$(lines log.txt)
	$DS_VG "$DS_BIN" run --vacancy "$ref" > run.out 2> run.err &
	BG_PID=$!
	n=0
	while [ "$(new_lines | grep -c "$pat")" = 0 ] && [ $n -lt 1200 ] &&
	      kill -0 $BG_PID 2>/dev/null; do
		sleep 0.05
		n=$((n + 1))
	done
	SENT_BEFORE=$(new_lines | grep -c "$pat")
	ds "$@"
	ACT_RC=$RC
	LOG_AT=$(lines log.txt)
	SEQ_AT=$(q "SELECT max(seq) FROM audit")
	touch go
	wait $BG_PID
	RUN_RC=$?
	BG_PID=''
	RUN=$(q "SELECT max(id) FROM run")
}

# stopped NAME CID PATTERN CODE: the checks every case shares.
stopped() {
	sn=$1 cid=$2 code=$4
	OUT=$(cat run.out) ERR=$(cat run.err) RC=$RUN_RC
	check "$sn: the search was in flight when it happened" \
		test "$SENT_BEFORE" = 1 -a "$ACT_RC" = 0
	check "$sn: the run ended cleanly" test "$RUN_RC" = 0
	check "$sn: the summary counts the candidate stopped" \
		grep -q "1 stopped" run.out
	check "$sn: the run says why" \
		grep -q "candidate $cid: stopped ($code)" run.out
	check "$sn: nothing about the candidate was sent after it" \
		test "$(tail -n +$((LOG_AT + 1)) log.txt | \
			grep -vc ' /robots.txt ')" = 0
	check "$sn: the held answer and the rest were not stored" \
		test "$(q "SELECT (SELECT count(*) FROM evidence WHERE \
			candidate_id = $cid) + (SELECT count(*) FROM finding \
			WHERE candidate_id = $cid) + (SELECT count(*) FROM \
			hit WHERE candidate_id = $cid) + (SELECT count(*) \
			FROM step WHERE candidate_id = $cid AND (results > 0 \
			OR outcome != 'skipped'))")" = 0
	check "$sn: after it the trail has only the stop and skipped steps" \
		test "$(q "SELECT count(*) FROM audit WHERE seq > $SEQ_AT \
			AND candidate_id = $cid AND NOT (action = 'run.stop' \
			OR (action = 'step.done' AND detail LIKE \
			'outcome=skipped %'))")" = 0
	check "$sn: the stop is audited once, with the gate's reason" \
		test "$(q "SELECT count(*) FROM audit WHERE seq > $SEQ_AT \
			AND action = 'run.stop' AND object_id = $RUN AND \
			candidate_id = $cid AND detail LIKE \
			'reasons=%$code%'")" = 1
	check "$sn: the run is done, nothing left pending" \
		test "$(q "SELECT status FROM run WHERE id = $RUN")" = done -a \
		"$(q "SELECT count(*) FROM step WHERE run_id = $RUN AND \
			status = 'pending'")" = 0
}

# ---- consent withdrawn during the run ----------------------------------------

add_case V1 "Jane Smith" Leeds
during_run V1 'Jane%20Smith' consent withdraw --candidate 1 \
	--date "$TODAY"
stopped "withdrawal" 1 'Jane%20Smith' consent-withdrawn
check "withdrawal: every step is recorded stopped with the reason" \
	test "$(q "SELECT count(*) FROM step WHERE candidate_id = 1 AND \
		detail LIKE 'stopped (consent-withdrawn)%'")" = 4
check "withdrawal: the held answer is counted as dropped" \
	test "$(q "SELECT count(*) FROM audit WHERE action = 'step.done' \
		AND candidate_id = 1 AND detail LIKE '% dropped=1'")" = 1

# ---- the organisation opts out during the run --------------------------------

add_case V2 "Omar Khan" York
during_run V2 'Omar%20Khan' org opt-out --reason "Board decision: no \
online searches"
stopped "opt-out" 2 'Omar%20Khan' organisation-opted-out
ds org opt-in
check "opt-out: undone for the next case" test "$RC" = 0

# ---- the candidate is purged during the run ----------------------------------

add_case V3 "Ann Lee" Hull
set_decided V3 "$(date -u -d '-7 months' +%F)"
during_run V3 'Ann%20Lee' retention purge
stopped "purge" 3 'Ann%20Lee' candidate-removed
check "purge: the candidate and their steps are gone" \
	test "$(q "SELECT (SELECT count(*) FROM candidate WHERE id = 3) + \
		(SELECT count(*) FROM step WHERE candidate_id = 3)")" = 0
check "purge: the run did not make them a new key" \
	test "$(sqlite3 duesearch.db.keys \
		'SELECT count(*) FROM dek WHERE candidate_id = 3' 2>/dev/null \
		|| echo 0)" = 0

# ---- one candidate of two withdraws: the other is searched as usual ----------

add_case V5 "Jane Smith" Leeds
A=$CID
ds candidate add --vacancy V5 --name "Omar Khan" --location York \
	--status shortlisted
B=$(q "SELECT max(id) FROM candidate")
ds notice add --candidate "$B" --date "$D1" --channel email
ds consent add --candidate "$B" --date "$D2"
during_run V5 'Jane%20Smith' consent withdraw --candidate "$A" \
	--date "$TODAY"
OUT=$(cat run.out) ERR=$(cat run.err) RC=$RUN_RC
check "two candidates: the first's search was in flight" \
	test "$SENT_BEFORE" = 1 -a "$ACT_RC" = 0 -a "$RUN_RC" = 0
check "two candidates: one stopped, both counted searched" \
	grep -q "2 candidates searched, 0 refused, 1 stopped" run.out
check "two candidates: nothing about the first was sent after it" \
	test "$(tail -n +$((LOG_AT + 1)) log.txt | grep -c 'Jane%20Smith')" = 0
check "two candidates: the second's searches all went" \
	test "$(tail -n +$((LOG_AT + 1)) log.txt | grep -c 'Omar%20Khan')" = 4
check "two candidates: nothing of the first's was stored" \
	test "$(q "SELECT (SELECT count(*) FROM evidence WHERE \
		candidate_id = $A) + (SELECT count(*) FROM step WHERE \
		candidate_id = $A AND outcome != 'skipped')")" = 0
check "two candidates: the second's steps are ok, with evidence" \
	test "$(q "SELECT count(*) FROM step WHERE candidate_id = $B AND \
		outcome = 'ok'")" = 4 -a "$(q "SELECT count(*) FROM \
		evidence WHERE candidate_id = $B")" -ge 2
check "two candidates: only the first is audited as stopped" \
	test "$(q "SELECT group_concat(candidate_id) FROM audit WHERE \
		action = 'run.stop' AND object_id = $RUN")" = "$A"

# ---- an undisturbed run is not stopped ---------------------------------------

add_case V4 "Jane Smith" Leeds
touch go
expect_out "a run nobody disturbs stops nothing" "0 stopped" run --vacancy V4
check "and it stored what it found" \
	test "$(q "SELECT count(*) FROM evidence WHERE candidate_id = \
		$CID")" -ge 2
expect_out "the audit trail verifies" "audit trail OK" audit verify

finish
