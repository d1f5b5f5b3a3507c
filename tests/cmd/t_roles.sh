# roles: who may do what.  A stranger, a disabled actor and each role
# outside its remit are refused with exit 77 and a message naming the
# fix, and every refusal leaves the case file exactly as it was.
. "$DS_TOP/tests/cmd/lib.sh"

# refused NAME PATTERN ARGS...: exit 77 with one error line matching
# PATTERN, and the database unchanged since the last snapshot.
refused() {
	name=$1 pat=$2; shift 2
	expect_fail "$name" 77 "$pat" "$@"
	check "$name: nothing changed" unchanged
}

ds init --org "Test Trust" --lawful-basis public-task --scope-reason KCSIE
ds actor add rec --role recruiter
ds actor add dsl --role dsl
ds actor add dpo --role dpo
ds actor add gone --role recruiter,dpo
expect_ok "an admin may disable an actor" actor disable gone
expect_out "actor list shows each person's roles" \
	"^[0-9]+ +rec +recruiter +no " actor list
expect_out "actor list shows who is disabled" "^[0-9]+ +gone +.* +yes " \
	actor list

# The recruiter records the case.
expect_ok "a recruiter may add a vacancy" --as rec vacancy add --ref V1 \
	--post Teacher --school "Oak Primary"
expect_ok "a recruiter may add a candidate" --as rec candidate add \
	--vacancy V1 --name "Jane Smith" --status shortlisted
expect_ok "a recruiter may record a notice" --as rec notice add \
	--candidate 1 --date 2026-11-01 --channel email
expect_out "a DSL may read a candidate's case" "Jane Smith" \
	--as dsl candidate show 1
expect_out "a DPO may verify the audit trail" "^audit trail OK" \
	--as dpo audit verify
snapshot

refused "a stranger may not read" \
	"'stranger' may not list vacancies: not a registered actor: ask an admin \
to run 'duesearch actor add stranger" \
	--as stranger vacancy list
refused "a stranger may not write" "not a registered actor" \
	--as stranger vacancy add --ref V9 --post X --school Y
refused "a disabled actor may not act" \
	"'gone' may not add a vacancy: that actor was disabled" \
	--as gone vacancy add --ref V9 --post X --school Y
refused "a recruiter may not add an actor" \
	"'rec' may not add an actor: it needs the role admin" \
	--as rec actor add eve --role admin
refused "a recruiter may not raise their own roles" \
	"may not change an actor's roles: it needs the role admin" \
	--as rec actor role rec --role recruiter,admin
refused "a recruiter may not disable an actor" \
	"may not disable an actor" --as rec actor disable dsl
refused "a recruiter may not verify the audit trail" \
	"'rec' may not verify the audit trail: it needs the role dpo,admin" \
	--as rec audit verify
refused "a DSL may not add a candidate" \
	"'dsl' may not add a candidate: it needs the role recruiter" \
	--as dsl candidate add --vacancy V1 --name "Sam Jones"
refused "a DSL may not record consent" "may not record consent" \
	--as dsl consent add --candidate 1 --date 2026-11-02
refused "a DPO may not change a candidate's status" \
	"may not change a candidate's status" \
	--as dpo candidate status 1 applied
refused "an admin without the recruiter role may not add a vacancy" \
	"'admin' may not add a vacancy: it needs the role recruiter" \
	vacancy add --ref V9 --post X --school Y

expect_fail "an admin may not remove their own admin role" 65 \
	"cannot remove your own admin role: ask another admin" \
	actor role admin --role recruiter
check "removing one's own admin role changed nothing" unchanged
expect_fail "an admin may not disable themselves" 65 \
	"cannot disable yourself: ask another admin" actor disable admin
check "disabling oneself changed nothing" unchanged
expect_fail "a disabled actor's roles cannot be changed" 66 \
	"unknown or disabled actor 'gone'" actor role gone --role dsl
check "changing a disabled actor changed nothing" unchanged
expect_fail "a bad role name is refused" 65 "bad role list 'boss'" \
	actor add eve --role boss
check "a bad role name changed nothing" unchanged

# An admin may hand out roles, and they take effect at once.
expect_ok "an admin may give a DSL the recruiter role" \
	actor role dsl --role dsl,recruiter
expect_ok "with it, the DSL may add a candidate" --as dsl candidate add \
	--vacancy V1 --name "Sam Jones"
expect_ok "an admin may add a second admin" \
	actor add ann --role admin
expect_ok "a second admin may change the first one's roles" \
	--as ann actor role admin --role admin,recruiter
expect_ok "with it, the first admin may add a vacancy" \
	vacancy add --ref V2 --post TA --school Elm
# Issue 16, defect 13: the command line acts as the person bound to the
# operating-system account; acting as another needs their password.
me=$(id -un)
check "init bound this account to the first admin" test "$(sqlite3 \
	duesearch.db "select os_user from actor where name = 'admin'")" = "$me"
snapshot
mv .pw-ann ann.pw
expect_fail "acting as another admin without their password is refused" 77 \
	"acting as 'ann' needs their password" --as ann actor add zed \
	--role dsl
printf 'not her password\n' > .pw-ann
expect_fail "a wrong password is refused" 77 \
	"cannot act as 'ann': the password is wrong" --as ann actor add zed \
	--role dsl
DUESEARCH_ACTOR=ann
expect_fail "DUESEARCH_ACTOR is no way round it" 77 \
	"cannot act as 'ann'" actor add zed --role dsl
DUESEARCH_ACTOR=admin
check "refused impersonation changed nothing" unchanged
mv ann.pw .pw-ann
expect_ok "with her password, ann acts" --as ann actor add zed --role dsl
check "and the audit trail names her" test "$(sqlite3 duesearch.db \
	"select a.name from audit u join actor a on a.id = u.actor_id \
	 where u.action = 'actor.add' order by u.seq desc limit 1")" = ann
unset DUESEARCH_ACTOR
expect_out "without --as, the account's own person acts" "^[0-9]+ +zed " actor list
expect_ok "an admin unbinds the account" actor os-user admin
expect_fail "an unbound account acts as nobody" 77 "not a registered actor" \
	vacancy list
expect_ok "an admin binds it again (with the admin's password)" \
	--as ann actor os-user admin "$me"
expect_fail "one account, one person" 65 "already bound to another person" \
	--as ann actor os-user ann "$me"
export DUESEARCH_ACTOR=admin
finish
