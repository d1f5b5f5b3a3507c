# gate: a search is refused for every reason in src/gate.c, each on its
# own, with exit 1 and the reason's code; it is allowed when every rule is
# met.  Every check names its date, so the result does not depend on today.
. "$DS_TOP/tests/cmd/lib.sh"

# The reason codes of the last command's --json output, space-separated.
json_codes() {
	sed -n 's/^ *"code": "\([a-z-]*\)",$/\1/p' out.txt | tr '\n' ' ' |
		sed 's/ $//'
}

# gate_no NAME CODES ARGS...: 'gate check --json ARGS' exits 1 with
# "allowed": false and exactly the reason codes CODES, in the gate's order.
gate_no() {
	name=$1 want=$2; shift 2
	ds --json gate check "$@"
	got=$(json_codes)
	if [ "$RC" = 1 ] && grep -q '^  "allowed": false,$' out.txt &&
	   [ "$got" = "$want" ]; then
		pass "$name"
	else
		fail "$name (wanted exit 1 and reasons '$want', got '$got')"
	fi
}

# gate_no_text NAME CODE ARGS...: the same in text: exit 1, "may NOT run"
# and a table of the reasons (code, reason) whose one row is CODE's.
gate_no_text() {
	name=$1 code=$2; shift 2
	ds gate check "$@"
	n=$(($(wc -l < out.txt) - 2))
	if [ "$RC" = 1 ] && grep -q 'the search may NOT run' out.txt &&
	   grep -Eq '^code +reason$' out.txt &&
	   grep -Eq "^$code +[^ ]" out.txt && [ "$n" = 1 ]; then
		pass "$name"
	else
		fail "$name (wanted exit 1 and the one reason $code)"
	fi
}

# The id of candidate $1's legal-name anchor, from 'candidate show --json'.
legal_name_id() {
	ds --json candidate show "$1"
	awk '/"id":/ { gsub(/[^0-9]/, ""); id = $0 }
	     /"kind": "legal-name"/ { print id; exit }' out.txt
}

D=2026-11-20            # a search date after every notice and consent

# Candidate 1 is shortlisted, with notice (11-01), consent (11-02) and the
# acting admin declared not on the panel: the search may run.
setup_case
expect_out "allowed: text says the search may run" \
	"^candidate 1: the search may run$" gate check --candidate 1 --date $D
ds --json gate check --candidate 1 --date $D
check "allowed: --json says allowed with no reasons" \
	test "$RC" = 0 -a -n "$(grep '^  "allowed": true,$' out.txt)" \
	-a -n "$(grep '^  "reasons": \[\]$' out.txt)"

# Candidate 2: everything but the status.
ds candidate add --vacancy V1 --name "Sam Applied" --status applied
ds notice add --candidate 2 --date 2026-11-01 --channel email
ds consent add --candidate 2 --date 2026-11-01
gate_no "not-shortlisted: an applicant is refused" "not-shortlisted" \
	--candidate 2 --date $D
gate_no_text "not-shortlisted: the text names the reason" \
	not-shortlisted --candidate 2 --date $D

# Candidate 3: no notice.
ds candidate add --vacancy V1 --name "Nina Notice" --status shortlisted
ds consent add --candidate 3 --date 2026-11-01
gate_no "no-notice: no notice recorded" "no-notice" --candidate 3 --date $D

# Candidate 4: notice but no consent, then consent given and withdrawn.
ds candidate add --vacancy V1 --name "Carl Consent" --status shortlisted
ds notice add --candidate 4 --date 2026-11-01 --channel letter
gate_no "no-consent: consent required and none recorded" "no-consent" \
	--candidate 4 --date $D
ds consent add --candidate 4 --date 2026-11-01
ds consent withdraw --candidate 4 --date 2026-11-10
gate_no "consent-withdrawn: withdrawn consent refuses" \
	"consent-withdrawn" --candidate 4 --date $D

# Candidate 1 on a date before its consent (but on its notice date).
gate_no "consent-after-search: consent dated after the search" \
	"consent-after-search" --candidate 1 --date 2026-11-01

# Searchers.
gate_no "searcher-unknown: --searcher nobody" "searcher-unknown" \
	--candidate 1 --date $D --searcher nobody
gate_no_text "searcher-unknown: the text names the reason" \
	searcher-unknown --candidate 1 --date $D --searcher nobody
ds actor add pat --role recruiter
ds --as pat vacancy declare V1 --on-panel
gate_no "searcher-on-panel: a panel member may not search" \
	"searcher-on-panel" --candidate 1 --date $D --searcher pat
ds actor add rex --role recruiter
gate_no "no-panel-declaration: the searcher has not declared" \
	"no-panel-declaration" --candidate 1 --date $D --searcher rex
ds --as rex vacancy declare V1 --not-on-panel
ds actor role rex --role dsl
gate_no "searcher-not-recruiter: a DSL-only searcher is refused" \
	"searcher-not-recruiter" --candidate 1 --date $D --searcher rex
gate_no_text "searcher-not-recruiter: also as the acting person" \
	searcher-not-recruiter --as rex --candidate 1 --date $D

# No identity: candidate 1's legal name removed.
aid=$(legal_name_id 1)
check "the legal-name anchor is found" test -n "$aid"
expect_ok "the legal-name anchor can be removed" anchor remove "$aid"
gate_no "no-identity: no legal name recorded" "no-identity" \
	--candidate 1 --date $D
gate_no_text "no-identity: the text names the reason" no-identity \
	--candidate 1 --date $D
check "no-identity: the advice names a real command" \
	grep -q "'duesearch anchor add --candidate 1 --kind legal-name" out.txt
ds candidate add --vacancy V1 --name "Una Ready"
gate_no "every reason is listed at once" \
	"not-shortlisted no-notice no-consent searcher-unknown" \
	--candidate 5 --date $D --searcher nobody
expect_fail "an unknown candidate is not found" 66 \
	"unknown candidate 99: see 'duesearch candidate list'" \
	gate check --candidate 99 --date $D
expect_fail "a bad search date is refused" 65 "use YYYY-MM-DD" \
	gate check --candidate 5 --date 20-11-2026

# An organisation that searches the preferred candidate only.
ds --db pref.db init --org "Pref Trust" --lawful-basis public-task \
	--scope preferred --scope-reason "ICO: the preferred candidate only"
ds --db pref.db actor role admin --role admin,recruiter
ds --db pref.db vacancy add --ref P1 --post Head --school Elm
ds --db pref.db candidate add --vacancy P1 --name "Pia Pref" \
	--status shortlisted
ds --db pref.db notice add --candidate 1 --date 2026-11-01 --channel email
ds --db pref.db consent add --candidate 1 --date 2026-11-01
ds --db pref.db vacancy declare P1 --not-on-panel
gate_no "scope-preferred-only: a shortlisted candidate is refused" \
	"scope-preferred-only" --db pref.db --candidate 1 --date $D
ds --db pref.db candidate status 1 preferred
expect_out "scope-preferred-only: the preferred candidate is allowed" \
	"the search may run" --db pref.db gate check --candidate 1 --date $D

# An organisation that does not require consent: notice alone allows, but
# consent once given and withdrawn still refuses.
ds --db nc.db init --org "Notice Trust" --lawful-basis legitimate-interests \
	--scope-reason "KCSIE" --no-consent-required
ds --db nc.db actor role admin --role admin,recruiter
ds --db nc.db vacancy add --ref N1 --post TA --school Ash
ds --db nc.db candidate add --vacancy N1 --name "Ned Notice" \
	--status shortlisted
ds --db nc.db notice add --candidate 1 --date 2026-11-05 --channel portal
ds --db nc.db vacancy declare N1 --not-on-panel
expect_out "no consent required: notice alone allows the search" \
	"the search may run" --db nc.db gate check --candidate 1 --date $D
gate_no "notice-after-search: notice dated after the search" \
	"notice-after-search" --db nc.db --candidate 1 --date 2026-11-04
ds --db nc.db consent add --candidate 1 --date 2026-11-05
ds --db nc.db consent withdraw --candidate 1 --date 2026-11-06
gate_no "consent-withdrawn: refuses even when consent is not required" \
	"consent-withdrawn" --db nc.db --candidate 1 --date $D
finish
