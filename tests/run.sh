#!/bin/sh
# Run the unit-test binaries and the command-level scripts of one build.
#   tests/run.sh --label NAME --bin DIR [--valgrind] [--results FILE]
# Each test program ends with "N passed, N failed" (", N skipped" may
# follow); its counts are appended to the results file as "label program
# passed failed skipped".  A program with no summary line, or one that
# exits non-zero with none failed, or runs nothing, is a failure.
set -u
label=plain bin=build valgrind=0 results=build/results.txt
while [ $# -gt 0 ]; do
	case "$1" in
	--label) label=$2; shift ;;
	--bin) bin=$2; shift ;;
	--valgrind) valgrind=1 ;;
	--results) results=$2; shift ;;
	*) echo "run.sh: unknown option $1" >&2; exit 64 ;;
	esac
	shift
done
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$top/$bin" 2>/dev/null && pwd || echo "$bin")
mkdir -p "$(dirname "$results")"
VG=""
if [ "$valgrind" = 1 ]; then
	VG="valgrind -q --error-exitcode=99 --leak-check=full"
	VG="$VG --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

record() { # name rc logfile
	name=$1 rc=$2 log=$3
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
		echo "FAIL [$label] $name (exit $rc${why:+; $why})"
		sed 's/^/    /' "$log" | grep -v '^    ok - ' | tail -n 40
	else
		if [ "$s" != 0 ]; then
			echo "ok   [$label] $name: $p passed, $s skipped"
		else
			echo "ok   [$label] $name: $p passed"
		fi
		grep '^skip - ' "$log" | sed 's/^/     /'
	fi
	echo "$label $name $p $f $s" >> "$results"
}

for t in "$bin"/tests/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	(cd "$tmp" && DS_BUILD="$bin" DS_TOP="$top" $VG "$t") > "$tmp/$name.log" 2>&1
	record "$name" $? "$tmp/$name.log"
done

for s in "$top"/tests/cmd/t_*.sh; do
	[ -f "$s" ] || continue
	name=$(basename "$s" .sh)
	work="$tmp/$name.d"
	mkdir -p "$work"
	(cd "$work" && DS_BIN="$bin/duesearch" DS_VG="$VG" DS_TOP="$top" \
		sh "$s") > "$tmp/$name.log" 2>&1
	record "$name" $? "$tmp/$name.log"
done
exit 0
