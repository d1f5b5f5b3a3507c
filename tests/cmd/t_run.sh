# run: the search run end to end against a fake SearXNG (tests/fakeweb on
# loopback; connect_to sends every host there).  The gate refuses before
# any traffic; a dry run sends and stores nothing; a real run records its
# steps and sends only the query terms; the plan is frozen at the first
# run and a change is a deviation with a reason; a withdrawn consent stops
# the next run; a run killed with -9 resumes without doing anything twice;
# the database holds no candidate data in clear.
. "$DS_TOP/tests/cmd/lib.sh"

fakeweb_need
FW_PID='' BG_PID=''
trap 'kill $FW_PID $BG_PID 2>/dev/null' EXIT

# The fake SearXNG: three results naming the query, as JSON, whose pages
# the run follows (news.example).  The third's date is the query, which
# must not be stored (in clear) as a date.
s=root/search.example
mkdir -p $s root/news.example
cat > $s/search.tmpl <<'EOF'
{"query": "{q_json}", "results": [
 {"url": "http://news.example/1.html", "title": "About {q_json}",
  "content": "first", "engine": "fake"},
 {"url": "http://news.example/2.html", "title": "More on {q_json}",
  "content": "second", "engine": "fake",
  "publishedDate": "2024-05-01T10:00:00"},
 {"url": "http://news.example/3.html", "title": "Third: {q_json}",
  "content": "third", "engine": "fake", "publishedDate": "{q_json}"}]}
EOF
printf 'content-type: application/json\n' > $s/search.meta
for i in 1 2 3; do
	cat > root/news.example/$i.html <<EOF
<html><head><title>Teaching prizes $i</title></head><body><p>Jane Smith
of Leeds, a teacher at Acme Academy, won a prize.  So did Omar Khan of
York and Ann Lee of Hull, who teaches at Beta School.</p></body></html>
EOF
done

fakeweb_start

# conf [MAX_TOTAL]: the configuration, every host sent to the fake server.
conf() {
	cat > duesearch.conf <<EOF
[fetch]
allow = 127.0.0.1:$PORT
connect_to = ::127.0.0.1:$PORT
host_rate = 0
max_total = ${1:-50}
backoff_ms = 50
[plan]
step = web searxng "{name}"
step = web searxng "{name}" {location}
step = web searxng "{name}" "{employer}"
step = news searxng "{name}" {location}
step = web searxng "{known_as}"
[connector searxng]
base_url = http://search.example/
EOF
}
conf

ds init --org "Test Trust" --lawful-basis public-task \
	--scope-reason "KCSIE: all shortlisted candidates"
ds actor role admin --role admin,recruiter,dsl,dpo
ds vacancy add --ref V1 --post Teacher --school "Oak Primary" \
	--interview-date 2026-12-10
ds candidate add --vacancy V1 --name "Jane Smith" --location Leeds \
	--employer "Acme Academy" --status shortlisted
ds handle add --candidate 1 --platform mastodon \
	--handle @jsmith99@mastodon.example

# ---- the gate, before any traffic -------------------------------------------

expect_fail "run without notice or consent is refused" 1 "gate refused" \
	run --vacancy V1
check "the refused run sent nothing" test "$(lines log.txt)" = 0
check "the refused run stored no run" test "$(q 'SELECT count(*) FROM run')" = 0
check "the refusal is audited as run.refused" \
	test "$(q "SELECT count(*) FROM audit WHERE action = 'run.refused' \
		AND candidate_id = 1")" = 1

ds notice add --candidate 1 --date 2026-11-01 --channel email
ds consent add --candidate 1 --date 2026-11-02
ds vacancy declare V1 --not-on-panel

# ---- dry run ----------------------------------------------------------------

expect_out "a dry run lists the steps and their queries" \
	'"Jane Smith" Leeds' run --vacancy V1 --dry-run
check "the dry run counts every step, skipped ones too" \
	grep -q "dry run: 5 steps for 1 candidates" out.txt
check "the dry run sent nothing" test "$(lines log.txt)" = 0
check "the dry run stored no run and no step" \
	test "$(q 'SELECT (SELECT count(*) FROM run) + (SELECT count(*)
		FROM step) + (SELECT count(*) FROM plan)')" = 0

# ---- a real run -------------------------------------------------------------

expect_ok "a run of the vacancy succeeds" run --vacancy V1
check "the run reports its steps" grep -q "step .* web searxng: ok" out.txt
ds --json run show 1
check "run show: the run is done" grep -q '"status": "done"' out.txt
check "run show: four steps ok with three results each" \
	test "$(grep -c '"results": 3' out.txt)" = 4 -a \
	"$(grep -c '"outcome": "ok"' out.txt)" = 4
check "run show: the step without an anchor is skipped" \
	test "$(grep -c '"outcome": "skipped"' out.txt)" = 1
check "run show: nothing pending" \
	test "$(grep -c '"status": "pending"' out.txt)" = 0

# What reached the server: the query terms, then the result pages.
cat > want.txt <<'EOF'
categories=general&q=%22Jane%20Smith%22
categories=general&q=%22Jane%20Smith%22%20%22Acme%20Academy%22
categories=general&q=%22Jane%20Smith%22%20Leeds
categories=news&q=%22Jane%20Smith%22%20Leeds
EOF
form='^GET search\.example /search?format=json&'
form="$form\\(categories=[a-z]*&q=[A-Za-z0-9%._~-]*\\) duesearch/[0-9].*\$"
sed -n "s|$form|\\1|p" log.txt | sort > sent.txt
pages='^GET news\.example /\(robots\.txt\|[123]\.html\) duesearch/[0-9]'
check "the server saw the four searches, as planned" \
	cmp -s want.txt sent.txt
check "it saw the result pages followed" \
	test "$(grep -c "$pages" log.txt)" -ge 2
check "every request had one of those forms (nothing else was sent)" \
	test "$(lines log.txt)" = \
	"$(($(lines sent.txt) + $(grep -c "$pages" log.txt)))"
check "the handle did not leave with the web steps" \
	test "$(grep -c -e jsmith99 -e mastodon log.txt)" = 0
# Evidence rows per step as its step.done audit event counted them.
ev_mismatch() {
	q "SELECT count(*) FROM step s JOIN audit a ON a.action = \
		'step.done' AND a.object_id = s.id WHERE s.run_id = '$1' AND \
		(SELECT count(*) FROM evidence e WHERE e.step_id = s.id) != \
		CAST(substr(a.detail, instr(a.detail, 'evidence=') + 9) AS \
		INTEGER)"
}
check "the followed pages are kept as evidence, once each" \
	test "$(q 'SELECT count(*) FROM evidence')" -ge 4 -a \
	"$(ev_mismatch 1)" = 0
check "findings are linked to their steps as counted" \
	test "$(q "SELECT count(*) FROM step s WHERE s.findings != (SELECT \
		count(*) FROM finding_step f WHERE f.step_id = s.id)")" = 0
check "a result's date is kept when it is one" \
	test "$(q "SELECT count(*) FROM evidence WHERE \
		published = '2024-05-01'")" -ge 1
d='[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
check "and dropped when it is not (it is stored in clear)" \
	test "$(q "SELECT count(*) FROM (SELECT published FROM evidence \
		UNION ALL SELECT published FROM finding UNION ALL SELECT \
		published FROM hit) WHERE published IS NOT NULL AND \
		published NOT GLOB '$d'")" = 0

# ---- the plan: frozen at the first run --------------------------------------

ds --json plan show --vacancy V1
check "the plan is frozen at the first run as version 1" \
	grep -q '"version": 1,' out.txt
check "the frozen plan has a date" grep -Eq '"frozen": "20[0-9]{2}-' out.txt
check "the frozen plan has its SHA-256" \
	grep -Eq '"sha256": "[0-9a-f]{64}"' out.txt
SHA1=$(sed -n 's/^  "sha256": "\([0-9a-f]*\)".*/\1/p' out.txt)

ds candidate add --vacancy V1 --name "Omar Khan" --location York \
	--status shortlisted
ds notice add --candidate 2 --date 2026-11-01 --channel email
ds consent add --candidate 2 --date 2026-11-02
expect_ok "a later run of a second candidate" run --candidate 2
check "it used the same plan (one plan row, version 1)" \
	test "$(q 'SELECT count(DISTINCT plan_id) FROM run')" = 1 -a \
	"$(q 'SELECT count(*) FROM plan')" = 1
ds --json plan show --vacancy V1
check "the plan's hash did not change" \
	grep -q "\"sha256\": \"$SHA1\"" out.txt
# Three searches: Omar Khan has no employer recorded.
check "the second run searched the second candidate only" \
	test "$(grep -c 'Omar%20Khan' log.txt)" = 3 -a \
	"$(grep -c 'Jane%20Smith' log.txt)" = 4

printf '[plan]\nstep = web searxng "{name}" teacher\n' > plan2.ini
snapshot
expect_fail "a change to a frozen plan needs a reason" 64 "--reason" \
	plan set --vacancy V1 --file plan2.ini
check "the refused change stored nothing" unchanged
expect_ok "with a reason it is recorded" plan set --vacancy V1 \
	--file plan2.ini --reason "narrower search agreed with the DSL"
ds --json plan show --vacancy V1
check "the change is version 2 with its reason" \
	grep -q '"reason": "narrower search agreed with the DSL"' out.txt
check "the history keeps both versions" \
	test "$(grep -c '"version": [12],' out.txt)" = 3
check "the deviation is audited" \
	test "$(q "SELECT count(*) FROM audit WHERE action = 'plan.set' \
		AND detail LIKE 'version=2 %'")" = 1
expect_fail "replacing the deviation also needs a reason" 64 "--reason" \
	plan set --vacancy V1 --file plan2.ini
check "the deviation kept its reason" \
	test "$(q 'SELECT reason FROM plan WHERE version = 2')" = \
	"narrower search agreed with the DSL"

# ---- consent withdrawn ------------------------------------------------------

ds consent withdraw --candidate 2 --date 2026-11-20
before=$(lines log.txt)
expect_fail "after consent is withdrawn the next run is refused" 1 \
	"gate refused" run --candidate 2
check "the refused run sent nothing" test "$(lines log.txt)" = "$before"
check "that refusal is audited too" \
	test "$(q "SELECT count(*) FROM audit WHERE action = 'run.refused' \
		AND candidate_id = 2")" = 1

# ---- kill -9 and resume -----------------------------------------------------

# One request at a time, each answered after 400 ms.
conf 1
printf 'content-type: application/json\nlatency-ms: 400\n' > $s/search.meta
ds vacancy add --ref V2 --post Head --school "Elm High" \
	--interview-date 2026-12-11
ds vacancy declare V2 --not-on-panel
ds candidate add --vacancy V2 --name "Ann Lee" --location Hull \
	--employer "Beta School" --status shortlisted
ds notice add --candidate 3 --date 2026-11-01 --channel email
ds consent add --candidate 3 --date 2026-11-02
$DS_VG "$DS_BIN" run --vacancy V2 > bg.out 2> bg.err &
BG_PID=$!
done_ok() {
	q "SELECT count(*) FROM step s JOIN run r ON r.id = s.run_id JOIN \
		vacancy v ON v.id = r.vacancy_id WHERE v.ref = 'V2' AND \
		s.status = 'done' AND s.outcome = 'ok'" 2>/dev/null
}
n=0
while [ "$(done_ok)" -lt 1 ] 2>/dev/null && [ $n -lt 600 ] &&
	kill -0 $BG_PID 2>/dev/null; do
	sleep 0.05
	n=$((n + 1))
done
kill -9 $BG_PID 2>/dev/null
wait $BG_PID 2>/dev/null
BG_PID=''
R=$(q "SELECT r.id FROM run r JOIN vacancy v ON v.id = r.vacancy_id \
	WHERE v.ref = 'V2'")
TOTAL=$(q "SELECT count(*) FROM step WHERE run_id = '$R'")
PENDING=$(q "SELECT count(*) FROM step WHERE run_id = '$R' AND \
	status = 'pending'")
check "the killed run had started ($TOTAL steps) and left steps pending" \
	test "$TOTAL" = 5 -a "${PENDING:-0}" -ge 1
check "the killed run is still running" \
	test "$(q "SELECT status FROM run WHERE id = '$R'")" = running
expect_out "run resume carries on" "run $R: 5 steps(, [0-9] not applicable \\(skipped\\))?(, [0-9] done before)?, [1-9] to run" \
	run resume
check "the resumed run is done" \
	test "$(q "SELECT status FROM run WHERE id = '$R'")" = done
check "the total of steps is unchanged, none pending" \
	test "$(q "SELECT count(*) FROM step WHERE run_id = '$R'")" = 5 -a \
	"$(q "SELECT count(*) FROM step WHERE run_id = '$R' AND \
		status = 'pending'")" = 0
check "four steps ok, one skipped" \
	test "$(q "SELECT group_concat(outcome || ':' || n) FROM (SELECT \
		outcome, count(*) AS n FROM step WHERE run_id = '$R' GROUP BY \
		outcome ORDER BY outcome)")" = "ok:4,skipped:1"
check "no evidence is duplicated: rows per step as its event said" \
	test "$(ev_mismatch "$R")" = 0 -a "$(q "SELECT count(*) FROM \
		evidence e JOIN step s ON s.id = e.step_id WHERE \
		s.run_id = '$R'")" -ge 4
check "every ok step has its three results" \
	test "$(q "SELECT count(*) FROM step WHERE run_id = '$R' AND \
		outcome = 'ok' AND results = 3")" = 4
check "each step was finished exactly once" \
	test "$(q "SELECT count(*) FROM audit WHERE action = 'step.done' \
		AND object_id IN (SELECT id FROM step WHERE run_id = '$R')")" \
	= 4 -a \
	"$(q "SELECT count(*) FROM (SELECT object_id FROM audit WHERE \
		action = 'step.done' GROUP BY object_id HAVING \
		count(*) > 1)")" = 0
check "the resume is audited" \
	test "$(q "SELECT count(*) FROM audit WHERE action = 'run.resume' \
		AND object_id = '$R'")" = 1
expect_out "the audit trail verifies" "audit trail OK" audit verify

# ---- nothing in clear -------------------------------------------------------

in_clear() {
	for f in duesearch.db duesearch.db-wal; do
		[ -f "$f" ] || continue
		if grep -aq -e "$1" "$f"; then
			return 0
		fi
	done
	return 1
}
# A control first: what is stored in clear is found.
check "the search finds what is in clear (the school)" in_clear "Oak Primary"
for v in "Jane Smit" "Jane%20Smith" "Omar Khan" "Ann Lee" Leeds \
	"Acme Academy" jsmith99 "news.example" "More on"; do
	check "the database does not hold '$v' in clear" eval '! in_clear "$v"'
done

# ---- some searched, some refused: exit 2 -----------------------------------

ds vacancy add --ref V7 --post Teacher --school "Elm Primary" \
	--interview-date 2026-12-11
ds candidate add --vacancy V7 --name "Ann Lee" --status shortlisted
A=$(q "SELECT max(id) FROM candidate")
ds candidate add --vacancy V7 --name "Bo Tran" --status shortlisted
B=$(q "SELECT max(id) FROM candidate")
ds notice add --candidate "$A" --date 2026-11-01 --channel email
ds consent add --candidate "$A" --date 2026-11-02
ds vacancy declare V7 --not-on-panel
ds run --vacancy V7
check "a run with some refused exits 2, not 1" test "$RC" = 2
check "the refused candidate is listed with the reason" \
	grep -q "candidate $B: refused by the gate" out.txt
check "the allowed candidate was searched" \
	test "$(q "SELECT count(*) FROM step WHERE candidate_id = $A")" -gt 0
check "the refused candidate was not searched" \
	test "$(q "SELECT count(*) FROM step WHERE candidate_id = $B")" = 0
ds run --candidate "$B"
check "a run where everyone is refused still exits 1" test "$RC" = 1

# ---- errors -----------------------------------------------------------------

expect_fail "run needs a vacancy or a candidate" 64 "--vacancy REF" run
expect_fail "an unknown vacancy" 66 "unknown vacancy 'NOPE'" run --vacancy NOPE
expect_fail "nothing to resume" 65 "no unfinished run to resume" run resume
finish
