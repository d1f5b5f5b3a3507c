# The command line's one output convention (src/cli/cli_out.h): for people,
# a list is a table whose columns line up (counted in characters, not
# bytes) and a record is "label: value" lines; no tab and no key=value;
# for machines, --json parses for every command that prints data.
. "$DS_TOP/tests/cmd/lib.sh"

fakeweb_need
trap 'kill $FW_PID 2>/dev/null' EXIT
fake_searxng 1
news_pages 1 "Leeds teacher in court" "Jane Smith, a teacher at Elmwood \
Primary School in Leeds, was charged with assault after she punched a man \
at a bus stop."
fakeweb_start
fakeweb_conf 'web searxng "{name}"'

# A case with a finding, a hold and a request; names in UTF-8 and one far
# longer than a column.
setup_case
ds anchor add --candidate 1 --kind employer --value "Elmwood Primary School"
ds claim add --candidate 1 --kind employment --organisation "Elmwood Primary \
School" --role Teacher --from 2019-09 --to current
ds claim add --candidate 1 --kind qualification --title "PGCE Primary" \
	--institution "University of Exbury" --year 2015
ds candidate add --vacancy V1 --name "Zoë Ñúñez-O'Brien" --status shortlisted
long="Alexandra Bartholomew-Cunningham Davenport-Ellsworth Fitzgerald \
Greenwood-Hathaway Isherwood"
ds candidate add --vacancy V1 --name "$long" --status applied
ds run --vacancy V1
check "a candidate refused in a run has the gate's reasons as a table" \
	sh -c 'grep -q "^candidate 2: refused by the gate" out.txt &&
	grep -Eq "^  code +reason$" out.txt &&
	grep -Eq "^  no-notice +no notice that" out.txt'
check "the run made a finding to show" \
	test "$(q 'select count(*) from finding')" -ge 1
F=$(q 'select min(id) from finding')
ds hold add --candidate 2 --reason "ET claim 2026/0042"
ds sar log --candidate 1 --received 2026-11-10

cat > conv.py <<'PY'
"""conv.py MODE FILE: check people's output against the convention.

table: a header line, then rows whose fields (runs of text between two or
more spaces) start at the header's columns, in characters.  record:
"label: value" lines whose values start at one column; a bare "label:"
opens a nested block two spaces in, a table or a record.  Any mode: no
tab, no control character, no trailing space, no key=value.
"""
import re
import sys

def starts(line):
    return [m.start() for m in re.finditer(r"(?:^|(?<=  ))(?=\S)", line)]

def table(lines, where):
    head = starts(lines[0])
    for row in lines[1:]:
        if starts(row) != head:
            sys.exit("%s: row %r does not line up with %r" %
                     (where, row, lines[0]))

def record(lines, where):
    at = None
    i = 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^([^ :][^:]*):( +)(\S)", line)
        if m:
            col = m.start(3)
            if at is not None and col != at:
                sys.exit("%s: value of %r not at column %d" % (where, line, at))
            at = col
            i += 1
            while i < len(lines) and lines[i].startswith(" " * col) and \
                    lines[i][col:col + 1] != " ":
                i += 1          # a value's further lines
            continue
        if not re.match(r"^[^ :][^:]*:$", line):
            sys.exit("%s: %r is neither 'label: value' nor 'label:'" %
                     (where, line))
        i += 1
        block = []
        while i < len(lines) and lines[i].startswith("  "):
            block.append(lines[i][2:])
            i += 1
        if not block:
            sys.exit("%s: %r has nothing under it" % (where, line))
        if re.match(r"^[^ :][^:]*:( |$)", block[0]):
            record(block, where + " " + line)
        else:
            table(block, where + " " + line)

mode, path = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
lines = text.split("\n")[:-1]
if not lines:
    sys.exit("%s: no output" % path)
for line in lines:
    if re.search(r"[\x00-\x1f\x7f]", line):
        sys.exit("%s: a tab or control character in %r" % (path, line))
    if line != line.rstrip(" "):
        sys.exit("%s: trailing space in %r" % (path, line))
    if re.search(r"(^|\s)[A-Za-z_]+=\S", line):
        sys.exit("%s: key=value in %r" % (path, line))
(table if mode == "table" else record)(lines, path)
PY

# conv MODE NAME ARGS...: the command's people's output follows the
# convention for MODE (table or record).
conv() {
	mode=$1 name=$2; shift 2
	ds "$@"
	if [ "$RC" = 0 ] && python3 conv.py "$mode" out.txt > conv.err 2>&1; then
		pass "$name"
	else
		ERR="$ERR $(cat conv.err)"
		fail "$name"
	fi
}

conv table "actor list: columns line up" actor list
conv table "school list" school list
conv table "vacancy list" vacancy list
conv table "candidate list, with names in UTF-8" candidate list
conv table "claim list" claim list --candidate 1
conv table "handle platforms" handle platforms
conv table "run list" run list
conv table "evidence list" evidence list --candidate 1
conv table "findings list" findings list
conv table "retention due" retention due
conv table "hold list" hold list
conv table "sar list" sar list
conv table "connectors list" connectors list
printf 'He stabbed a man\nA lovely day\n' > in.txt
conv table "taxonomy test" taxonomy test < in.txt
conv record "org show: one record" org show
conv record "vacancy show: a record with tables under it" vacancy show V1
conv record "candidate show" candidate show 1
conv record "run show" run show 1
conv record "plan show" plan show --vacancy V1
conv record "findings show" findings show "$F"
conv record "consent report" consent report

# Widths are characters: the UTF-8 name's row ends where a byte count
# would not put it; a long text is cut with an ellipsis.
ds candidate list
check "the name in UTF-8 reads whole" grep -q "Zoë Ñúñez-O'Brien" out.txt
check "a long name is cut with an ellipsis" \
	grep -q "Alexandra Bartholomew-Cunningham.*…" out.txt
check "and the row stays short" \
	test "$(grep Alexandra out.txt | python3 -c \
	'import sys; print(len(sys.stdin.read().rstrip("\n")))')" -le 120
ds --json candidate list
check "--json keeps the long name whole" grep -q "Greenwood-Hathaway Isherwood" \
	out.txt
ds hold list
check "hold list names the candidate held by id and name" \
	grep -Eq "^[0-9]+ +2 +Zoë Ñúñez-O'Brien +- " out.txt
ds run show 1
check "run show gives each step's counts" \
	grep -Eq "^ +step +candidate +kind +connector +status +outcome +results +not_candidate +not_relevant +protected +findings +query$" out.txt

# --json parses for every command that prints data.
jparse() {
	python3 -c 'import json, sys; json.load(sys.stdin)' < out.txt
}
while read -r cmd; do
	# shellcheck disable=SC2086
	ds --json $cmd
	if [ "$RC" -le 2 ] && jparse 2>/dev/null; then
		pass "--json parses: $cmd"
	else
		fail "--json parses: $cmd"
	fi
done <<EOF
org show
actor list
school list
role list
vacancy list
vacancy show V1
candidate list
candidate show 1
claim list --candidate 1
handle list --candidate 1
handle platforms
gate check --candidate 1
gate check --candidate 3
audit show --limit 3
audit head
audit verify
plan show --vacancy V1
run list
run show 1
evidence list --candidate 1
findings list
findings show $F
retention due
retention purge --dry-run
hold list
consent report
sar list
connectors list
EOF
ds --json taxonomy test < in.txt
check "--json parses: taxonomy test, one object a line" python3 -c '
import json, sys
lines = open("out.txt").read().splitlines()
assert len(lines) == 2 and all(json.loads(l)["line"] for l in lines)'
ds --json findings list
check "findings list --json gives the categories as an array" python3 -c '
import json
assert all(isinstance(f["categories"], list) for f in json.load(open("out.txt")))'
finish
