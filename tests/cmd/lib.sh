# tests/cmd/lib.sh: helpers for the command-level test scripts.
#
# A script t_NAME.sh sources this file, runs the built binary through
# `ds ARGS...` (under valgrind when the runner asks), checks with
# expect_ok / expect_fail / expect_out and ends with `finish`, which prints
# "N passed, N failed" (", N skipped" when `skip` was called: a check that
# cannot run here is counted apart, never as passed).  Each check counts
# as one test.  Under valgrind, a `ds` call whose run valgrind found
# errors in is a failure even when the script does not check its result.  The runner starts
# every script in an empty work folder and sets DS_BIN, DS_VG and DS_TOP.

set -u
: "${DS_BIN:?DS_BIN must name the built duesearch}"
: "${DS_TOP:?DS_TOP must name the source tree}"
DS_VG=${DS_VG:-}
T_PASSED=0
T_FAILED=0
T_SKIPPED=0
export DUESEARCH_ACTOR=admin
export DUESEARCH_BUSY_TIMEOUT_MS=200
unset DUESEARCH_DB DUESEARCH_KEYS DUESEARCH_CONFIG

# The acting person: the one named by --as, else DUESEARCH_ACTOR.  The
# operating-system account running the scripts is bound to the first admin
# by init ("admin" unless a script says otherwise); acting as anyone else
# needs their password, which ds gives from .pw-NAME, as the person would.
acting() {
	who=${DUESEARCH_ACTOR:-}
	prev=
	for a in "$@"; do
		[ "$prev" = --as ] && who=$a
		prev=$a
	done
	echo "$who"
}

# pwfile NAME: the file with NAME's password, or nothing.
pwfile() { if [ -n "$1" ] && [ -f ".pw-$1" ]; then echo "$PWD/.pw-$1"; fi; }

# After a successful 'actor add NAME', give NAME a password in .pw-NAME
# (not while ds_no_password is set: a script counting events says so).
give_password() {
	prev=
	for a in "$@"; do
		if [ "$prev" = add ] && [ "$a" != add ]; then
			printf 'pw-of-%s-for-tests\n' "$a" > ".pw-$a"
			DUESEARCH_PASSWORD_FILE=$(pwfile "$(acting "$@")") \
				"$DS_BIN" actor passwd "$a" < ".pw-$a" \
				> /dev/null 2>&1
			return
		fi
		[ "$prev" = actor ] && [ "$a" != add ] && return
		prev=$a
	done
}

# vg_shape ARGS...: a call's shape, its command words and option names
# without their values (nor the person after --as).
vg_shape() {
	shape= prev=
	for a in "$@"; do
		case "$a" in
		--*=*) shape="$shape ${a%%=*}" ;;
		-*) shape="$shape $a" ;;
		*) [ "$prev" != --as ] && case "$a" in
			*[!a-z-]*|'') ;;
			*) shape="$shape $a" ;;
			esac ;;
		esac
		prev=$a
	done
	echo "${shape# }"
}

# The wrapper for one call: under valgrind, a script's first call of each
# shape runs under it, and repeats of that shape run natively (a script
# makes dozens of `candidate add` calls; valgrind learns nothing more from
# the second).  DS_VG_ALL=1 puts every call under valgrind.
vg_for() {
	if [ -z "$DS_VG" ] || [ -n "${DS_VG_ALL:-}" ]; then
		echo "$DS_VG"
		return
	fi
	s=$(vg_shape "$@")
	if [ -f .vg-seen ] && grep -qxF -- "$s" .vg-seen; then
		echo ""
	else
		printf '%s\n' "$s" >> .vg-seen
		echo "$DS_VG"
	fi
}

# Run the binary; output in $OUT (stdout), $ERR (stderr), status in $RC.
ds() {
	vg=$(vg_for "$@")
	DUESEARCH_PASSWORD_FILE=$(pwfile "$(acting "$@")") \
		$vg "$DS_BIN" "$@" >out.txt 2>err.txt
	RC=$?
	[ -n "${DS_VG_COUNT:-}" ] && echo x >> "$DS_VG_COUNT"
	case " $* " in
	*" actor add "*) [ "$RC" = 0 ] && [ -z "${ds_no_password:-}" ] &&
			 give_password "$@" ;;
	esac
	OUT=$(cat out.txt)
	ERR=$(cat err.txt)
	if [ -n "$vg" ] && [ "$RC" = 99 ]; then
		T_FAILED=$((T_FAILED + 1))
		echo "not ok - valgrind reported errors for: duesearch $*"
		sed 's/^/    /' err.txt
	fi
	return 0
}

# slow_ms MS: a time-out for a test's configuration, twelve times longer
# under valgrind (TLS there takes seconds, more so with tests in parallel).
slow_ms() { if [ -n "$DS_VG" ]; then echo $(($1 * 12)); else echo "$1"; fi; }

pass() { T_PASSED=$((T_PASSED + 1)); echo "ok - $1"; }
# skip NAME REASON: a check that cannot run here, counted as skipped.
skip() { T_SKIPPED=$((T_SKIPPED + 1)); echo "skip - $1: $2"; }
fail() {
	T_FAILED=$((T_FAILED + 1))
	echo "not ok - $1"
	echo "    exit $RC; stdout: $(echo "$OUT" | head -c 600)"
	echo "    stderr: $(echo "$ERR" | head -c 600)"
}

# expect_ok NAME ARGS...: the command succeeds.
expect_ok() {
	name=$1; shift
	ds "$@"
	if [ "$RC" = 0 ]; then pass "$name"; else fail "$name"; fi
}

# expect_fail NAME CODE PATTERN ARGS...: exits CODE with one error line on
# stderr matching the grep -E PATTERN.
expect_fail() {
	name=$1 code=$2 pat=$3; shift 3
	ds "$@"
	lines=$(grep -c 'duesearch: error:' err.txt)
	if [ "$RC" = "$code" ] && [ "$lines" = 1 ] &&
	   grep -Eq -- "$pat" err.txt; then
		pass "$name"
	else
		fail "$name (wanted exit $code, error matching: $pat)"
	fi
}

# expect_out NAME PATTERN ARGS...: succeeds and stdout matches PATTERN.
expect_out() {
	name=$1 pat=$2; shift 2
	ds "$@"
	if [ "$RC" = 0 ] && grep -Eq -- "$pat" out.txt; then
		pass "$name"
	else
		fail "$name (wanted stdout matching: $pat)"
	fi
}

# check NAME COMMAND...: any shell test.
check() {
	name=$1; shift
	if "$@"; then pass "$name"; else RC=$?; OUT=""; ERR=""; fail "$name"; fi
}

# q SQL: a count or a value from the case file (waits out a writer).
q() { sqlite3 -cmd '.timeout 5000' duesearch.db "$1"; }
# lines FILE: its number of lines, 0 when there is no such file.
lines() { if [ -f "$1" ]; then wc -l < "$1" | tr -d ' '; else echo 0; fi; }

# ---- the fake web (tests/fakeweb.c on loopback) ----------------------------

# fakeweb_need: no proxy for anything, FW names the built fake server and
# FW_PID is empty; a script whose fake server is not built ends here with
# one failure.  Set the EXIT trap that kills $FW_PID after it.
fakeweb_need() {
	unset http_proxy https_proxy HTTPS_PROXY ALL_PROXY all_proxy
	export no_proxy='*'
	FW="$(dirname "$DS_BIN")/fakeweb"
	FW_PID=''
	if [ ! -x "$FW" ]; then
		RC=1 OUT='' ERR=''
		fail "fakeweb is built at $FW"
		finish
	fi
}

# fakeweb_start [ARGS...]: serve the folder root (requests logged in
# log.txt, its output in fw.out and fw.err), ARGS passed on; sets FW_PID
# and PORT.  A server that does not start ends the script with one
# failure.  The configuration sends every host there with
#   allow = 127.0.0.1:$PORT
#   connect_to = ::127.0.0.1:$PORT
fakeweb_start() {
	"$FW" --port 0 --root root --port-file port --log log.txt "$@" \
		> fw.out 2> fw.err &
	FW_PID=$!
	n=0
	while [ ! -s port ] && [ $n -lt 200 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	PORT=$(cat port 2>/dev/null)
	if [ -z "$PORT" ]; then
		RC=1 OUT=$(cat fw.out) ERR=$(cat fw.err)
		fail "fakeweb starts"
		finish
	fi
}

# fake_searxng N [META...]: a fake SearXNG at search.example whose JSON
# answer names the query and lists N results, news.example/1.html to
# N.html, titled "Result I: QUERY"; each META line ("hold: go",
# "latency-ms: 400") goes to its sidecar after the content type.
fake_searxng() {
	fs_n=$1
	shift
	mkdir -p root/search.example root/news.example
	{
		printf '{"query": "{q_json}", "results": ['
		fs_i=1
		while [ "$fs_i" -le "$fs_n" ]; do
			[ "$fs_i" = 1 ] || printf ','
			printf '\n {"url": "http://news.example/%d.html", ' "$fs_i"
			printf '"title": "Result %d: {q_json}",\n' "$fs_i"
			printf '  "content": "result %d", "engine": "fake"}' \
				"$fs_i"
			fs_i=$((fs_i + 1))
		done
		printf ']}\n'
	} > root/search.example/search.tmpl
	{
		echo 'content-type: application/json'
		for fs_m in "$@"; do echo "$fs_m"; done
	} > root/search.example/search.meta
}

# news_pages N TITLE TEXT: the pages news.example/1.html to N.html, titled
# "TITLE I", each one paragraph of TEXT.
news_pages() {
	mkdir -p root/news.example
	np_i=1
	while [ "$np_i" -le "$1" ]; do
		printf '<html><head><title>%s %d</title></head><body><p>%s' \
			"$2" "$np_i" "$3" > root/news.example/$np_i.html
		printf '</p></body></html>\n' >> root/news.example/$np_i.html
		np_i=$((np_i + 1))
	done
}

# fakeweb_conf [STEP...]: a duesearch.conf sending every host to the fake
# web at $PORT, unthrottled, with SearXNG at search.example and a [plan] of
# the STEP lines ('web searxng "{name}"').
fakeweb_conf() {
	{
		printf '[fetch]\nallow = 127.0.0.1:%s\n' "$PORT"
		printf 'connect_to = ::127.0.0.1:%s\nhost_rate = 0\n' "$PORT"
		printf '[connector searxng]\nbase_url = http://search.example\n'
		printf '[plan]\n'
		for fc_step in "$@"; do printf 'step = %s\n' "$fc_step"; done
	} > duesearch.conf
}

# A database and its snapshot, to prove a failed command changed nothing.
snapshot() { sqlite3 duesearch.db .dump > snap.sql; }
unchanged() { sqlite3 duesearch.db .dump | cmp -s - snap.sql; }

# A ready case file: org, admin with every role, one vacancy, one
# shortlisted candidate (id 1) with notice and consent, panel declared.
setup_case() {
	ds init --org "Test Trust" --lawful-basis public-task \
		--scope-reason "KCSIE: all shortlisted candidates"
	ds actor role admin --role admin,recruiter,dsl,dpo
	ds vacancy add --ref V1 --post Teacher --school "Oak Primary" \
		--interview-date 2026-12-10
	ds candidate add --vacancy V1 --name "Jane Smith" --location Leeds \
		--status shortlisted
	ds notice add --candidate 1 --date 2026-11-01 --channel email
	ds consent add --candidate 1 --date 2026-11-02
	ds vacancy declare V1 --not-on-panel
}

# set_decided REF DATE: give vacancy REF the decision date DATE straight in
# the file, standing in for the months a test cannot wait: the product
# refuses a decision date in the future or before the vacancy's searches.
set_decided() {
	sqlite3 duesearch.db "UPDATE vacancy SET decided = '$2' WHERE ref = '$1'"
}

finish() {
	if [ "$T_SKIPPED" != 0 ]; then
		echo "$T_PASSED passed, $T_FAILED failed, $T_SKIPPED skipped"
	else
		echo "$T_PASSED passed, $T_FAILED failed"
	fi
	[ "$T_FAILED" = 0 ]
	exit $?
}
