#!/bin/sh
# Run the unit-test binaries and the command-level scripts of one build.
#   tests/run.sh --label NAME --bin DIR [--valgrind] [--results FILE]
#                [--jobs N] [--not "TEST..." --why TEXT] [TEST...]
# Up to N programs run at once (default: the number of processors; each
# works in its own folder, and servers take port 0); their results are
# printed in a fixed order, each with the seconds it took.  --not leaves
# the programs it names out, each counted as one skipped test with --why.
# Each test program ends with "N passed, N failed" (", N skipped" may
# follow); its counts are appended to the results file as "label program
# passed failed skipped".  A program with no summary line, or one that
# exits non-zero with none failed, or runs nothing, is a failure.
set -u
label=plain bin=build valgrind=0 results=build/results.txt
jobs=$(nproc 2>/dev/null || echo 2)
not="" why_not="left out"
while [ $# -gt 0 ]; do
	case "$1" in
	--label) label=$2; shift ;;
	--bin) bin=$2; shift ;;
	--valgrind) valgrind=1 ;;
	--results) results=$2; shift ;;
	--jobs) jobs=$2; shift ;;
	--not) not=$2; shift ;;
	--why) why_not=$2; shift ;;
	-*) echo "run.sh: unknown option $1" >&2; exit 64 ;;
	*) break ;;
	esac
	shift
done
only=$*
case "$jobs" in
''|*[!0-9]*|0) echo "run.sh: --jobs takes a number above 0" >&2; exit 64 ;;
esac
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$top/$bin" 2>/dev/null && pwd || echo "$bin")
mkdir -p "$(dirname "$results")"
times=$bin/test-times.$label
VG=""
if [ "$valgrind" = 1 ]; then
	VG="valgrind -q --error-exitcode=99 --leak-check=full"
	VG="$VG --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

record() { # name rc logfile seconds
	name=$1 rc=$2 log=$3 secs=$4
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$' \
		"$log" | tail -n 1)
	p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
	f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
	s=$(echo "$line" | sed -n 's/.* \([0-9]*\) skipped$/\1/p')
	[ -n "$s" ] || s=0
	why=""
	if [ -z "$line" ]; then
		p=0 f=1 why="no summary line"
	elif [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		f=1 why="exit $rc with no failed test: a crash or a tool's error"
	elif [ "$rc" = 0 ] && [ "$f" != 0 ]; then
		why="failures with exit 0"
	elif [ "$p" = 0 ] && [ "$s" = 0 ]; then
		f=1 why="it ran no test"
	fi
	if [ "$f" != 0 ]; then
		echo "FAIL [$label] $name (exit $rc${why:+; $why}; ${secs} s)"
		sed 's/^/    /' "$log" | grep -v '^    ok - ' | tail -n 40
	else
		if [ "$s" != 0 ]; then
			echo "ok   [$label] $name: $p passed, $s skipped" \
			     "(${secs} s)"
		else
			echo "ok   [$label] $name: $p passed (${secs} s)"
		fi
		grep '^skip - ' "$log" | sed 's/^/     /'
	fi
	echo "$label $name $p $f $s" >> "$results"
}

# The programs, slowest first so that the parallel run ends together:
# the command scripts (whole journeys), then the unit tests.
list=$tmp/list
: > "$list"
for s in "$top"/tests/cmd/t_*.sh; do
	[ -f "$s" ] && echo "cmd $(basename "$s" .sh) $s" >> "$list"
done
for t in "$bin"/tests/test_*; do
	[ -x "$t" ] && echo "unit $(basename "$t") $t" >> "$list"
done
if [ -n "$only" ]; then
	grep -E " ($(echo $only | tr ' ' '|')) " "$list" > "$list.only"
	mv "$list.only" "$list"
fi
for n in $not; do
	if grep -q " $n " "$list"; then
		grep -v " $n " "$list" > "$list.not"
		mv "$list.not" "$list"
		echo "skip [$label] $n: $why_not"
		echo "$label $n 0 0 1" >> "$results"
	fi
done
# Longest first, by the last run's times where known, else by
# tests/test-times.txt (seconds of a reference run, plain).
order=$times
[ -s "$order" ] || order=$top/tests/test-times.txt
if [ -s "$order" ]; then
	awk 'NR == FNR { t[$1] = $2; next }
	     { print (($2 in t) ? t[$2] : 0), $0 }' "$order" "$list" |
		sort -s -k1,1nr | cut -d' ' -f2- > "$list.sorted"
	mv "$list.sorted" "$list"
fi

# one KIND NAME PATH: run one program; its log, exit status and seconds.
one() {
	kind=$1 name=$2 path=$3
	start=$(date +%s)
	if [ "$kind" = unit ]; then
		(cd "$tmp" && DS_BUILD="$bin" DS_TOP="$top" $VG "$path") \
			> "$tmp/$name.log" 2>&1
	else
		work="$tmp/$name.d"
		mkdir -p "$work"
		(cd "$work" && DS_BIN="$bin/duesearch" DS_VG="$VG" \
			DS_TOP="$top" sh "$path") > "$tmp/$name.log" 2>&1
	fi
	rc=$?
	echo $(( $(date +%s) - start )) > "$tmp/$name.secs"
	echo $rc > "$tmp/$name.rc.new" && mv "$tmp/$name.rc.new" "$tmp/$name.rc"
}

# reap: print, in the list's order, the results of the programs that
# have ended and all before them have too.
next=1
reap() {
	while :; do
		entry=$(sed -n "${next}p" "$list")
		[ -n "$entry" ] || return 0
		n=$(echo "$entry" | cut -d' ' -f2)
		[ -f "$tmp/$n.rc" ] || return 0
		record "$n" "$(cat "$tmp/$n.rc")" "$tmp/$n.log" \
			"$(cat "$tmp/$n.secs")"
		next=$((next + 1))
	done
}

# A pool of $jobs workers taking the list in order (record and reap use
# their own variables, so the loops here keep theirs apart).
started=0
while read -r qkind qname qpath; do
	while [ $((started - $(ls "$tmp" | grep -c '\.rc$'))) -ge "$jobs" ]; do
		sleep 0.2
		reap
	done
	one "$qkind" "$qname" "$qpath" < /dev/null &
	started=$((started + 1))
	reap
done < "$list"
wait
reap
: > "$times.new"
while read -r qkind qname qpath; do
	echo "$qname $(cat "$tmp/$qname.secs")" >> "$times.new"
done < "$list"
mv "$times.new" "$times"
exit 0
