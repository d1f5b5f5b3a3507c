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

# Run the binary; output in $OUT (stdout), $ERR (stderr), status in $RC.
ds() {
	DUESEARCH_PASSWORD_FILE=$(pwfile "$(acting "$@")") \
		$DS_VG "$DS_BIN" "$@" >out.txt 2>err.txt
	RC=$?
	case " $* " in
	*" actor add "*) [ "$RC" = 0 ] && [ -z "${ds_no_password:-}" ] &&
			 give_password "$@" ;;
	esac
	OUT=$(cat out.txt)
	ERR=$(cat err.txt)
	if [ -n "$DS_VG" ] && [ "$RC" = 99 ]; then
		T_FAILED=$((T_FAILED + 1))
		echo "not ok - valgrind reported errors for: duesearch $*"
		sed 's/^/    /' err.txt
	fi
	return 0
}

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
