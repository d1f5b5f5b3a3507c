# A trust with two schools (issue 17): each school's DSL sees and decides
# the findings of their own school's vacancies only, in the CLI, the web
# interface and reports; each refusal is in the audit trail.  A single
# school keeps working as a trust of one.
. "$DS_TOP/tests/cmd/lib.sh"

q() { sqlite3 -cmd '.timeout 5000' duesearch.db "$1"; }
# Act as a person: the acting person for the following commands.
act() { export DUESEARCH_ACTOR="$1"; }

act admin
ds init --org "Ash and Birch Trust" --lawful-basis public-task \
	--scope-reason "KCSIE: all shortlisted candidates"
check "a new case file is a trust of one school" \
	test "$(q 'select count(*) from school')" = 1
ds actor role admin --role admin,recruiter,dpo
expect_ok "the first school fills in the organisation's school" \
	school add --name "Ash Primary" --urn 100001 --address "1 Ash Lane"
expect_ok "a second school is added" school add --name "Birch Academy" \
	--urn 100002
expect_fail "a URN is 6 to 8 digits" 65 "bad URN" school add --name X \
	--urn 12ab
expect_fail "a URN is unique" 65 "already exists" school add --name Y \
	--urn 100002
expect_out "the schools are listed" "Birch Academy" school list
check "two schools, no more" test "$(q 'select count(*) from school')" = 2
expect_fail "with two schools a vacancy says which" 66 "say which school" \
	vacancy add --ref V0 --post Teacher
expect_ok "a vacancy of school A" vacancy add --ref VA --post Teacher \
	--school 100001 --interview-date 2026-12-10
expect_ok "a vacancy of school B" vacancy add --ref VB --post Teacher \
	--school "Birch Academy" --interview-date 2026-12-11
check "each vacancy belongs to its school" test \
	"$(q "select group_concat(ref || '=' || school_id) from vacancy")" = \
	"VA=1,VB=2"
ds candidate add --vacancy VA --name "Anna Ash" --status shortlisted
ds candidate add --vacancy VB --name "Bob Birch" --status shortlisted
ds actor add dsla --role dsl
ds actor add dslb --role dsl
ds actor add trustdsl --role dsl
expect_ok "a DSL role for school A" role grant --person dsla --role dsl \
	--school 100001
expect_ok "a DSL role for school B" role grant --person dslb --role dsl \
	--school 100002
expect_ok "a trust-wide DSL" role grant --person trustdsl --role dsl
expect_fail "a DPO is trust-wide" 64 "whole trust" role grant \
	--person dsla --role dpo --school 100001
expect_out "the school roles are listed" "dsla.*dsl.*Ash Primary" role list
# The findings a run would make, one per candidate (content sealed or not
# is beside the point here: who may see them is).
for c in 1 2; do
	q "insert into finding (candidate_id, url_mac, evidence_sha256,
	   identity, anchors, categories, severity, retrieved, created)
	   values ($c, x'0$c', 'aa', 'probable', 'name', 'violence', 3,
	   '2026-12-01T10:00:00Z', '2026-12-01T10:00:00Z')"
done

act dsla
expect_out "school A's DSL sees school A's finding" "^1 +1 +Anna Ash +VA " \
	findings list
ds findings list
check "and not school B's" sh -c '! grep -Eq "^[0-9]+ +2 " out.txt'
expect_fail "school B's finding is refused to school A's DSL" 77 \
	"outside those 'dsla' holds" findings show 2
expect_fail "deciding it is refused" 77 "outside" review 2 --decision \
	dismiss --reason "not relevant"
expect_fail "listing school B's vacancy is refused" 77 "outside" \
	findings list --vacancy VB
expect_fail "school B's candidate is refused" 77 "outside" candidate show 2
expect_fail "school B's candidate's handles are refused" 77 "outside" \
	handle list --candidate 2
expect_fail "and claims" 77 "outside" claim list --candidate 2
expect_fail "and evidence" 77 "outside" evidence list --candidate 2
expect_out "the candidate list holds school A's candidate" "Anna Ash" \
	candidate list
check "and not school B's" sh -c '! grep -q "Bob Birch" out.txt'
expect_fail "school B's report is refused" 77 "outside" report \
	--candidate 2 --output rb.html
check "and no report was written" test ! -e rb.html
expect_ok "school A's finding is decided by its DSL" review 1 \
	--decision dismiss --reason "an old matter, known"
check "nothing of school B's was changed" \
	test "$(q 'select status from finding where id = 2')" = open
act dslb
expect_out "school B's DSL sees school B's finding" "^candidate: +2$" \
	findings show 2
act trustdsl
ds findings list
check "a trust-wide DSL sees both schools' findings" \
	sh -c 'grep -Eq "^1 +1 " out.txt && grep -Eq "^2 +2 " out.txt'
act admin
check "each refusal is audited with its reason" test \
	"$(q "select count(*) from audit a join actor p on p.id = a.actor_id
	   where a.action = 'scope.refuse' and p.name = 'dsla' and
	   a.detail like 'reason=other-school%'")" = 8
check "the refusal of the report names it" test \
	"$(q "select count(*) from audit where action = 'scope.refuse' and
	   detail like '%what=report'")" = 1
expect_out "the trail still verifies" "audit trail OK" audit verify
act admin
ds actor add reca --role admin
act reca
ds role grant --person reca --role recruiter --school 100001
ds gate check --candidate 2 --json
check "a recruiter for school A may not search school B's candidate" \
	grep -q '"other-school"' out.txt
act admin

# ---- revoking a role for one school ----------------------------------------
# role list's people with their schools, "name:role:urn" sorted.
scopes() { q "select group_concat(a.name || ':' || r.role || ':' || s.urn)
	from (select * from role_scope order by school_id) r join actor a on
	a.id = r.actor_id join school s on s.id = r.school_id where
	a.name = '$1'"; }
act admin
ds actor add recb --role recruiter
ds role grant --person recb --role recruiter --school 100001
ds role grant --person recb --role recruiter --school 100002
expect_ok "a recruiter role is revoked for school B" role revoke \
	--person recb --role recruiter --school 100002
check "school A's limit is left" test "$(scopes recb)" = \
	"recb:recruiter:100001"
expect_fail "a school the role is not held for is refused" 66 \
	"does not hold the role recruiter for that school" role revoke \
	--person recb --role recruiter --school 100002
expect_ok "the last school is revoked" role revoke --person recb \
	--role recruiter --school 100001
check "which takes the role, never widening it to the trust" \
	test "$(q "select roles from actor where name = 'recb'")" = 0
check "and leaves no school row" test -z "$(scopes recb)"
expect_fail "a role held trust-wide is not revoked for one school" 65 \
	"holds the role dsl trust-wide" role revoke --person trustdsl \
	--role dsl --school 100001
expect_fail "the DPO is never revoked for one school" 64 "whole trust" \
	role revoke --person admin --role dpo --school 100001
expect_fail "nor is a role the person does not hold" 65 "does not hold" \
	role revoke --person dsla --role recruiter
expect_ok "a role is revoked everywhere" role revoke --person trustdsl \
	--role dsl
check "each revocation is audited" test "$(q "select group_concat(detail,
	'|') from audit where action = 'role.revoke'")" = \
	"roles=recruiter school=2 dropped=none|roles=recruiter school=1 \
dropped=recruiter|roles=dsl school=0 dropped=dsl"
# 'actor role' taking a role away takes its school limit with it.
ds actor add dslc --role dsl
ds role grant --person dslc --role dsl --school 100002
expect_ok "actor role takes the DSL role away" actor role dslc \
	--role recruiter
check "and its school limit with it" test -z "$(scopes dslc)"
expect_ok "the DSL role given back by actor role" actor role dslc --role dsl
check "is trust-wide, without the old school limit" test -z "$(scopes dslc)"
ds actor add dsld --role dsl
ds role grant --person dsld --role dsl --school 100002
expect_ok "actor role keeping the DSL role" actor role dsld \
	--role dsl,recruiter
check "keeps its school limit" test "$(scopes dsld)" = "dsld:dsl:100002"

# ---- a recruiter for some schools -------------------------------------------
ds actor add reconly --role recruiter
ds role grant --person reconly --role recruiter --school 100001
printf '[plan]\nstep = web searxng "{name}"\n' > plan1.ini
act reconly
expect_ok "school A's recruiter adds a vacancy to school A" vacancy add \
	--ref VA2 --post Cook --school 100001
expect_fail "and is refused one for school B" 77 \
	"may not act on school 2" vacancy add --ref VB2 --post Cook \
	--school 100002
check "which was not added" test "$(q "select count(*) from vacancy
	where ref = 'VB2'")" = 0
expect_ok "school A's plan is set by its recruiter" plan set --vacancy VA \
	--file plan1.ini
expect_fail "school B's plan is refused" 77 "outside" plan set \
	--vacancy VB --file plan1.ini
check "which has no plan" test "$(q "select count(*) from plan p join
	vacancy v on v.id = p.vacancy_id where v.ref = 'VB'")" = 0
expect_fail "school B's plan is not shown either" 77 "outside" plan show \
	--vacancy VB
expect_fail "a run of school B's vacancy is refused" 77 "outside" run \
	--vacancy VB
expect_fail "and of its candidate" 77 "outside" run --candidate 2
expect_fail "a dry run too" 77 "outside" run --vacancy VB --dry-run
check "no run was made" test "$(q 'select count(*) from run')" = 0
ds vacancy list
check "the vacancy list holds school A's vacancies" \
	sh -c 'grep -q VA out.txt && grep -q VA2 out.txt'
check "and not school B's" sh -c '! grep -q VB out.txt'
act dslb
ds vacancy list
check "school B's DSL lists school B's vacancy only" \
	sh -c 'grep -q VB out.txt && ! grep -q VA out.txt'
act admin
ds vacancy list
check "a trust-wide person lists them all" \
	sh -c 'grep -q VA2 out.txt && grep -q VB out.txt'
check "each recruiter refusal is audited with its reason" test \
	"$(q "select group_concat(substr(a.detail, instr(a.detail, 'what=')),
	   ',') from audit a join actor p on p.id = a.actor_id where
	   a.action = 'scope.refuse' and p.name = 'reconly' and
	   a.detail like 'reason=other-school role=recruiter%'")" = \
	"what=vacancy.add,what=plan.set,what=plan.show,what=run.start,\
what=run.start,what=run.dry"

# ---- the web interface ------------------------------------------------------
echo "correct horse battery" > pw.txt
act dsla
ds actor passwd dsla < pw.txt
act admin
ds serve --listen 127.0.0.1:0 --port-file web.port --check > /dev/null
"$DS_BIN" serve --listen 127.0.0.1:0 --port-file web.port 2> serve.err &
webpid=$!
trap 'kill $webpid 2>/dev/null; wait 2>/dev/null' EXIT
for _ in $(seq 200); do [ -s web.port ] && break; sleep 0.05; done
base="http://127.0.0.1:$(cat web.port)"
code() { curl -s -o body.html -w '%{http_code}' "$@"; }
curl -s -c jar -o /dev/null -d 'name=dsla&password=correct+horse+battery' \
	"$base/login"
check "the web review queue of school A's DSL" \
	test "$(code -b jar "$base/review?all=1")" = 200
check "holds school A's finding" grep -q 'id="f1"' body.html
check "and not school B's" sh -c '! grep -q "id=\"f2\"" body.html'
check "school B's candidate's findings are refused on the web" \
	test "$(code -b jar "$base/review?candidate=2")" = 403
check "with no word of them" sh -c '! grep -q "id=\"f2\"" body.html'
# School A's recruiter on the vacancy pages and the run page.
curl -s -c rjar -o /dev/null \
	-d 'name=reconly&password=pw-of-reconly-for-tests' "$base/login"
check "the recruiter's home page" test "$(code -b rjar "$base/")" = 200
check "lists school A's vacancies" grep -q 'ref=VA2"' body.html
check "and not school B's" sh -c '! grep -q "ref=VB\"" body.html'
check "school A's vacancy page opens" \
	test "$(code -b rjar "$base/vacancy?ref=VA")" = 200
check "school B's vacancy page is refused" \
	test "$(code -b rjar "$base/vacancy?ref=VB")" = 403
check "with no word of its candidate" sh -c '! grep -q "Bob Birch" body.html'
check "school B's plan page is refused" \
	test "$(code -b rjar "$base/plan?vacancy=VB")" = 403
check "school A's run page opens" \
	test "$(code -b rjar "$base/run?vacancy=VA")" = 200
check "school B's run page is refused" \
	test "$(code -b rjar "$base/run?vacancy=VB")" = 403
check "and so is its candidate's" \
	test "$(code -b rjar "$base/run?candidate=2")" = 403
csrf=$(curl -s -b rjar "$base/" |
	sed -n 's/.*name="csrf" value="\([0-9a-f]\{64\}\)".*/\1/p' | head -n 1)
check "a vacancy for school A is added on the web" test "$(code -b rjar \
	-d "csrf=$csrf&ref=VA3&post=Cook&school=100001" \
	"$base/vacancy/add")" = 303
check "one for school B is refused" test "$(code -b rjar \
	-d "csrf=$csrf&ref=VB3&post=Cook&school=100002" \
	"$base/vacancy/add")" = 403
check "and not added" test "$(q "select count(*) from vacancy where
	ref = 'VB3'")" = 0
check "starting school B's search is refused" test "$(code -b rjar \
	-d "csrf=$csrf&vacancy=VB" "$base/run")" = 403
check "and no run was made" test "$(q 'select count(*) from run')" = 0
kill $webpid 2>/dev/null
wait $webpid 2>/dev/null
check "the web refusal is audited" test \
	"$(q "select count(*) from audit a join actor p on p.id = a.actor_id
	   where a.action = 'scope.refuse' and p.name = 'dsla'")" = 9
check "and so are the recruiter's" test "$(q "select count(*) from audit a
	join actor p on p.id = a.actor_id where a.action = 'scope.refuse' and
	p.name = 'reconly' and a.detail like 'reason=other-school%'")" = 12

# An unfinished run of school B's vacancy (as a crash would leave it).
act admin
ds plan set --vacancy VB --file plan1.ini
q "insert into run (vacancy_id, plan_id, searcher_id, status, started)
   select v.id, p.id, 1, 'running', '2026-12-01T10:00:00Z' from vacancy v
   join plan p on p.vacancy_id = v.id where v.ref = 'VB'"
act reconly
ds run list
check "school A's recruiter does not list school B's run" \
	sh -c '! grep -q VB out.txt'
expect_fail "nor resumes it by its number" 77 "may not act on run" run \
	resume --run "$(q 'select max(id) from run')"
expect_fail "nor among every unfinished run" 65 "no unfinished run" run \
	resume
check "which is still unfinished" test "$(q "select status from run")" = \
	running
check "the refusal is audited" test "$(q "select count(*) from audit
	where action = 'scope.refuse' and detail like '%what=run.resume'")" = 1
act admin

# ---- a single school, as before --------------------------------------------
mkdir one && cd one
setup_case
check "an existing-style case works unchanged" test "$(q "select
	count(*) from vacancy where school_id = 1 and school = 'Oak Primary'")" = 1
expect_out "its gate allows the search" '"allowed": true' gate check \
	--candidate 1 --json
finish
