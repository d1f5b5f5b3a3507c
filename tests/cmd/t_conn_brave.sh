# conn_brave: the Brave Search API connector against the fake web server
# (tests/fakeweb.c) on loopback, with answers in the shapes of the real API
# (tests/fixtures/connectors).  The plan has a web and a news step (and
# the core follows no result to its page: [triage] follow = 0); each run
# points the connector at the host of one case (base_url) and checks the
# step outcomes, the results and exactly what was requested: the query
# terms escaped (the location holds / & # ? =) and the look-back period
# as Brave's freshness.  The API key goes in a header, which the fake
# server does not log; what is checked is that it shows nowhere else (not
# in a URL, the output, a step's detail or the database).  The cases:
# results, malformed and empty answers, 401 and Brave's 422 for a bad
# key, a plan without the search, 429 then success, 429 to the end, a
# redirect to a private address, an oversized body, and a key missing or
# unusable (nothing is sent).
. "$DS_TOP/tests/cmd/lib.sh"

unset http_proxy https_proxy HTTPS_PROXY ALL_PROXY all_proxy
export no_proxy='*'
FW="$(dirname "$DS_BIN")/fakeweb"
FIX="$DS_TOP/tests/fixtures/connectors"
KEY='BSAtestkey-0123456789-NOT-FOR-LOGS'
FW_PID=''
trap 'kill $FW_PID 2>/dev/null' EXIT

if [ ! -x "$FW" ]; then
	RC=1 OUT='' ERR=''
	fail "fakeweb is built at $FW"
	finish
fi

q() { sqlite3 -cmd '.timeout 5000' duesearch.db "$1"; }
lines() { if [ -f "$1" ]; then wc -l < "$1" | tr -d ' '; else echo 0; fi; }

# serve HOST PATH [FIXTURE] [META-LINE...]: answer GET PATH on HOST with
# the fixture (none: the meta's body or fakeweb's own) as JSON.
serve() {
	host=$1 path=$2 fix=${3:-}
	shift 2
	[ $# -gt 0 ] && shift
	mkdir -p "root/$host$(dirname "$path")"
	[ -n "$fix" ] && cp "$FIX/$fix" "root/$host$path"
	printf 'content-type: application/json\n' > "root/$host$path.meta"
	for l in "$@"; do
		printf '%s\n' "$l" >> "root/$host$path.meta"
	done
}

WEB=/res/v1/web/search
NEWS=/res/v1/news/search

# Results: two usable web results and one that is not a web address; one
# news result.
serve br-ok.example $WEB brave-web.json
serve br-ok.example $NEWS brave-news.json
# Malformed web answer; news without results.
serve br-e1.example $WEB '' 'body: {"type": "search", "web": {"results": '
serve br-e1.example $NEWS '' \
	'body: {"type": "news", "query": {"original": "x"}, "results": []}'
# The key refused: 401 for web, Brave's own 422 for news.
serve br-e2.example $WEB '' 'status: 401'
serve br-e2.example $NEWS '' 'status: 422' \
	"body: $(cat "$FIX/brave-token-invalid.json")"
# 429 once then the answer (web); 429 every time (news).
serve br-e3.example $WEB brave-web.json 'status: 429' 'count: 1' \
	'header: Retry-After: 1'
serve br-e3.example $NEWS brave-news.json 'status: 429'
# A redirect to a private address (web); an oversized body (news).
serve br-e4.example $WEB '' 'mode: redirect' \
	'location: http://10.0.0.1/res/v1/web/search'
serve br-e4.example $NEWS '' 'mode: huge' 'size: 100000'
# No web results at all (Brave leaves "web" out); a plan without news.
serve br-e5.example $WEB '' \
	'body: {"type": "search", "query": {"original": "x"}, "mixed": {}}'
serve br-e5.example $NEWS '' 'status: 400' \
	"body: $(cat "$FIX/brave-not-in-plan.json")"

"$FW" --port 0 --root root --port-file port --log log.txt \
	> fw.out 2> fw.err &
FW_PID=$!
n=0
while [ ! -s port ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n + 1)); done
PORT=$(sed -n 1p port 2>/dev/null)
if [ -z "$PORT" ]; then
	RC=1 OUT=$(cat fw.out) ERR=$(cat fw.err)
	fail "fakeweb starts"
	finish
fi

# conf HOST LOOKBACK-DAYS [EXTRA-FETCH-LINE]: the case hosts sent to the
# fake server by name (so a redirect to 10.0.0.1 is not).
conf() {
	{
		echo "[fetch]"
		echo "allow = 127.0.0.1:$PORT"
		for h in br-ok br-e1 br-e2 br-e3 br-e4 br-e5; do
			echo "connect_to = $h.example:80:127.0.0.1:$PORT"
		done
		echo "host_rate = 0"
		echo "backoff_ms = 50"
		echo "max_retry_after_ms = 2000"
		echo "total_timeout_ms = $(slow_ms 5000)"
		[ -n "${3:-}" ] && echo "$3"
		echo "[triage]"
		echo "follow = 0"
		echo "[plan]"
		echo "lookback_days = $2"
		echo 'step = web brave "{name}"'
		echo 'step = news brave "{name}" {location}'
		echo "[connector brave]"
		echo "base_url = http://$1.example"
		echo "api_key_env = DS_TEST_BRAVE_KEY"
	} > duesearch.conf
}

# run_case NAME HOST [EXTRA-FETCH-LINE]: a run with the connector pointed
# at one case; R is the run, sent.txt its requests as "METHOD HOST
# TARGET", and out.txt and err.txt what the command printed.
run_case() {
	conf "$2" "$LOOKBACK" "${3:-}"
	before=$(lines log.txt)
	expect_ok "$1: the run finishes" --json run --vacancy V1
	R=$(q 'SELECT max(id) FROM run')
	tail -n +$((before + 1)) log.txt | cut -d' ' -f1-3 | sort > sent.txt
	if grep -q -e "$KEY" out.txt err.txt; then
		KEY_SHOWN=1
	fi
}
# The look-back period, set in both the configuration and the plan (a
# change after the first run is a recorded deviation).
lookback() {
	LOOKBACK=$1
	conf br-ok "$1"
	ds plan set --vacancy V1 --file duesearch.conf \
		--reason "news look-back of $1 days"
}
# The outcome, detail and results (hits recorded) of the $1 (web or news)
# step of run R.
outcome() { q "SELECT outcome FROM step WHERE run_id = $R AND kind = '$1'"; }
detail() { q "SELECT detail FROM step WHERE run_id = $R AND kind = '$1'"; }
hits() { q "SELECT results FROM step WHERE run_id = $R AND kind = '$1'"; }
# sent_exactly NAME LINE...: the run's requests were exactly these.
sent_exactly() {
	name=$1
	shift
	printf '%s\n' "$@" | sort > want.txt
	check "$name" cmp -s want.txt sent.txt
	cmp -s want.txt sent.txt || diff want.txt sent.txt | sed 's/^/    /'
}

LOOKBACK=365
KEY_SHOWN=0
conf br-ok 365
ds init --org "Test Trust" --lawful-basis public-task \
	--scope-reason "KCSIE: all shortlisted candidates"
ds actor role admin --role admin,recruiter,dsl,dpo
ds vacancy add --ref V1 --post Teacher --school "Oak Primary" \
	--interview-date 2026-12-10
expect_ok "a location with / & # ? = is accepted" candidate add \
	--vacancy V1 --name "Jane Smith" \
	--location 'Leeds/Bradford & Co #1?x=y' --status shortlisted
ds notice add --candidate 1 --date 2026-11-01 --channel email
ds consent add --candidate 1 --date 2026-11-02
ds vacancy declare V1 --not-on-panel

Q_WEB='q=%22Jane%20Smith%22&count=20'
Q_NEWS='q=%22Jane%20Smith%22%20Leeds%2FBradford%20%26%20Co%20%231%3Fx%3Dy'
Q_NEWS="$Q_NEWS&count=20"

# ---- no key, an unusable key: nothing is sent --------------------------------

unset DS_TEST_BRAVE_KEY
run_case "no key" br-ok
check "no key: both steps skipped" \
	test "$(outcome web)/$(outcome news)" = skipped/skipped
check "no key: the detail names the fix" \
	eval 'detail web | grep -q "no API key: set the environment variable"'
check "no key: nothing was sent" test "$(lines sent.txt)" = 0

export DS_TEST_BRAVE_KEY="$KEY
X-Injected: 1"
run_case "a key with a line break" br-ok
check "a key a header cannot carry: skipped, nothing sent" \
	test "$(outcome web)/$(outcome news)/$(lines sent.txt)" = \
	skipped/skipped/0
check "and the detail says what to check" \
	eval 'detail news | grep -q "api_key_env"'
export DS_TEST_BRAVE_KEY="$KEY"

# ---- results -----------------------------------------------------------------

run_case results br-ok
check "results: web ok with the two web addresses (ftp left out)" \
	test "$(outcome web)/$(hits web)" = ok/2
check "results: news ok with its one result" \
	test "$(outcome news)/$(hits news)" = ok/1
# The news result's snippet touches the taxonomy ("messaged pupils"), but
# with follow = 0 no page is read, and a snippet alone never makes a
# finding: the results are counted as not read.
check "results: no page read, so no finding from a snippet" \
	test "$(q "SELECT count(*) FROM finding")" = 0
check "results: the results not read are counted on the step" \
	eval 'detail news | grep -q "1 past the follow limit not read"'
sent_exactly "results: exactly two requests, the terms escaped, freshness py" \
	"GET br-ok.example $WEB?$Q_WEB" \
	"GET br-ok.example $NEWS?$Q_NEWS&freshness=py"

# ---- malformed; empty --------------------------------------------------------

run_case malformed br-e1
check "malformed: inconclusive, never nothing" \
	test "$(outcome web)/$(hits web)" = inconclusive/0
check "malformed: the detail says so" \
	eval 'detail web | grep -q malformed'
check "empty: news without results is nothing found" \
	test "$(outcome news)/$(hits news)" = nothing-found/0

# ---- the key refused; a plan without the search; freshness pm ----------------

lookback 31
run_case "key refused" br-e2
REFUSED="the API refused the key: check the environment variable named by"
check "401: skipped, with what to check" \
	test "$(outcome web)" = skipped -a \
	"$(detail web)" = "$REFUSED api_key_env"
check "Brave's 422 SUBSCRIPTION_TOKEN_INVALID: skipped the same way" \
	test "$(outcome news)" = skipped -a "$(detail news)" = "$(detail web)"
sent_exactly "a look-back of 31 days is freshness pm" \
	"GET br-e2.example $WEB?$Q_WEB" \
	"GET br-e2.example $NEWS?$Q_NEWS&freshness=pm"

# ---- 429 then the answer; 429 to the end; freshness pw -----------------------

lookback 7
run_case "rate limited" br-e3 "max_retries = 2"
check "429 with Retry-After, then the answer: web ok" \
	test "$(outcome web)/$(hits web)" = ok/2
check "429 every time: news inconclusive, never nothing" \
	test "$(outcome news)/$(hits news)" = inconclusive/0
check "429: the detail says rate-limited" \
	eval 'detail news | grep -q rate-limited'
check "429: web sent twice, news three times (two retries), freshness pw" \
	test "$(grep -c " $WEB?$Q_WEB\$" sent.txt)" = 2 -a \
	"$(grep -c " $NEWS?$Q_NEWS&freshness=pw\$" sent.txt)" = 3 -a \
	"$(lines sent.txt)" = 5

# ---- a redirect to a private address; oversized ------------------------------

lookback 365
run_case "refused and oversized" br-e4 "max_body = 2048"
check "a redirect (to 10.0.0.1) is not followed, the key stays: inconclusive" \
	test "$(outcome web)" = inconclusive -a \
	"$(detail web | grep -c 'HTTP 302')" = 1
check "an oversized body: inconclusive" \
	test "$(outcome news)" = inconclusive -a \
	"$(detail news | grep -c 'larger than the 2048-byte limit')" = 1
check "only the first hop reached the server" test "$(lines sent.txt)" = 2

# ---- no web results; a plan without news; no freshness beyond a year ---------

lookback 3650
run_case "no web, no news plan" br-e5
check "an answer without web results is nothing found" \
	test "$(outcome web)/$(hits web)" = nothing-found/0
check "OPTION_NOT_IN_PLAN: skipped, with what to change" \
	test "$(outcome news)" = skipped -a \
	"$(detail news | grep -c 'plan does not include')" = 1
sent_exactly "a look-back of 3650 days sends no freshness" \
	"GET br-e5.example $WEB?$Q_WEB" \
	"GET br-e5.example $NEWS?$Q_NEWS"

# ---- the key went nowhere but the header -------------------------------------

check "no command printed the key" test "$KEY_SHOWN" = 0
check "the server's log never saw the key" \
	test "$(grep -c -e "$KEY" -e BSAtestkey log.txt)" = 0
check "no step detail holds the key" \
	test "$(q "SELECT count(*) FROM step WHERE \
		detail LIKE '%BSAtestkey%'")" = 0
check "the database does not hold the key" \
	eval '! grep -aq BSAtestkey duesearch.db'
ONLY='^/res/v1/[a-z]*/search?q=[A-Za-z0-9%._~-]*&count=20'
ONLY="$ONLY"'\(&freshness=p[dwmy]\)\{0,1\}$'
check "no request carried anything but q, count and freshness" \
	test "$(cut -d' ' -f3 log.txt | grep -cv "$ONLY")" = 0
expect_out "the audit trail verifies" "audit trail OK" audit verify
finish
