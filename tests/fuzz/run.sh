#!/bin/sh
# Run the libFuzzer targets of build/fuzz (make fuzz-build):
#   tests/fuzz/run.sh [--bin DIR] [--seconds N] [--label NAME]
#                     [--results FILE] [--keep DIR] [TARGET...]
# For each target fuzz_NAME two checks: its seeds, tests/fuzz/corpus/NAME/
# (the regression inputs among them), each run once; then N seconds of
# fuzzing from them.  A crash, a sanitizer report, a leak, a broken
# promise (FUZZ_ASSERT) or an input slower than 10 s fails the check; the
# input is kept in DIR/crashes/ (FUZZ_TIMEOUT, default 10 s, is the
# time-out; long runs on a busy machine may need more).  --keep keeps what the fuzzer learns in
# DIR/NAME/ for the next run (make fuzz); otherwise it is thrown away.
# One "ok"/"FAIL" line per target, then "N passed, N failed"; each target's
# counts are appended to the results file as "label target passed failed".
# The exit status is 0 when nothing failed, or when there is a results
# file (make check's summary counts the failures).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=$top/build/fuzz seconds=7 label=fuzz results="" keep=""
timeout=${FUZZ_TIMEOUT:-10}
while [ $# -gt 0 ]; do
	case "$1" in
	--bin) bin=$2; shift ;;
	--seconds) seconds=$2; shift ;;
	--label) label=$2; shift ;;
	--results) results=$2; shift ;;
	--keep) keep=$2; shift ;;
	-*) echo "run.sh: unknown option $1" >&2; exit 64 ;;
	*) break ;;
	esac
	shift
done
case "$seconds" in
''|*[!0-9]*) echo "run.sh: --seconds takes a number" >&2; exit 64 ;;
esac
targets=$*
if [ -z "$targets" ]; then
	for t in "$bin"/fuzz_*; do
		case "$t" in *.d) continue ;; esac
		[ -x "$t" ] || continue
		targets="$targets $(basename "$t" | sed 's/^fuzz_//')"
	done
fi
[ -n "$results" ] && mkdir -p "$(dirname "$results")"
crashes=$bin/crashes
mkdir -p "$crashes"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
passed=0 failed=0
[ -n "$targets" ] || { echo "FAIL [$label] no fuzz targets in $bin"; failed=1; }

# final NAME LOG: a final statistic of libFuzzer's, or 0.
final() {
	v=$(sed -n "s/^stat::$1: *//p" "$2" | tail -n 1)
	echo "${v:-0}"
}

for name in $targets; do
	exe=$bin/fuzz_$name seeds=$top/tests/fuzz/corpus/$name
	p=0 f=0 why=""
	if [ ! -x "$exe" ]; then
		f=2 why="no target $exe: run make fuzz-build"
	elif [ -z "$(ls -A "$seeds" 2>/dev/null)" ]; then
		f=2 why="no seed corpus in $seeds"
	fi
	# The seeds, each once: a regression input that crashes again fails.
	if [ "$f" = 0 ]; then
		if "$exe" -timeout="$timeout" "$seeds"/* >"$tmp/$name.seeds" 2>&1; then
			p=$((p + 1))
		else
			f=$((f + 1)) why="a seed input fails"
			log=$tmp/$name.seeds
		fi
	fi
	# Fuzzing from the seeds for a while.
	if [ "$f" = 0 ]; then
		if [ -n "$keep" ]; then
			work=$keep/$name
		else
			work=$tmp/$name.corpus
		fi
		mkdir -p "$work"
		log=$tmp/$name.log
		if "$exe" -max_total_time="$seconds" -timeout="$timeout" \
		   -rss_limit_mb=2048 -print_final_stats=1 \
		   -artifact_prefix="$crashes/$name-" "$work" "$seeds" \
		   >"$log" 2>&1; then
			p=$((p + 1))
		else
			f=$((f + 1)) why="the fuzzer found a failing input"
		fi
	fi
	if [ "$f" = 0 ]; then
		runs=$(final number_of_executed_units "$log")
		if [ "$runs" = 0 ]; then
			p=$((p - 1)) f=$((f + 1))
			why="no input was run: is the target broken?"
		fi
	fi
	if [ "$f" = 0 ]; then
		rate=$(final average_exec_per_sec "$log")
		# libFuzzer's last "cov:" figure: the code edges reached.
		cov=$(sed -n 's/^#[0-9].* cov: \([0-9]*\) .*/\1/p' "$log" |
			tail -n 1)
		echo "ok   [$label] fuzz_$name: $p passed ($runs runs," \
		     "$rate/s, ${cov:-?} edges, $(ls "$seeds" | wc -l) seeds," \
		     "corpus $(ls "$work" | wc -l))"
	else
		echo "FAIL [$label] fuzz_$name: $why"
		if [ -n "${log:-}" ] && [ -f "$log" ]; then
			grep -v -E '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse)' \
				"$log" | tail -n 40 | sed 's/^/    /'
			art=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' \
				"$log" | tail -n 1)
			[ -n "$art" ] && echo "    input kept: $art" &&
			echo "    reproduce: $exe $art" &&
			echo "    once fixed, add it to $seeds/ as a" \
			     "regression input"
		fi
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	[ -n "$results" ] && echo "$label fuzz_$name $p $f" >> "$results"
	log=""
done
echo "$passed passed, $failed failed"
# With a results file the summary of make check decides, as in run.sh.
[ -n "$results" ] || [ "$failed" = 0 ]
