#!/usr/bin/python3
"""Run the whole job on a test town and score it (make bench-town).

A test town (../shared/towns/larkspur) is a folder with a fake internet
(server.py), what the tool is given (town.json), ground truth (labels.json)
and a scorer (score.py).  This script does what a recruiter would do with
the real duesearch command line, from town.json only: the organisation, its
vacancies, each candidate with the anchors and handles of the application,
the notice and consent, the searcher's panel declaration; then it runs each
vacancy's plan against the town's server and exports what the product
reports (its findings, the addresses it recorded as not public, and the
candidates its gate refused) in the JSON lines score.py reads.  Nothing here
knows the labels: they are read by score.py alone, and by the collection
count below, which compares the server's log with the must-find addresses.

Output, in OUT (default build/bench-town):
  results.jsonl   the export score.py reads
  score.json      score.py --json --server-log
  requests.jsonl  the server's request log
  run-*.jsonl     the run's JSON events, per vacancy
  notes.txt       what could not be recorded and why
and it prints score.py's report, the collection count and the gaps.

Usage: bench_town.py [--town DIR] [--bin DUESEARCH] [--out DIR]
                     [--fail-pct P] [--seed N] [--latency-ms MS]
                     [--plan full|default] [--allow-categories LIST]
                     [--extra-conf FILE]
Python 3 standard library only.  Not part of make check.
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse

# The product's taxonomy names and the scorer's (a fixed translation of
# names; unknown names are passed through as they are).
CATEGORY = {
    "violence": "violence_threats",
    "hate": "hate_discrimination_extremism",
    "sexual": "sexual_content",
    "children": "conduct_children",
    "substances": "drugs_alcohol_gambling",
    "abuse": "abuse_bullying_harassment",
    "criminal": "criminal_proceedings",
    "misconduct": "professional_misconduct",
    "inconsistency": "inconsistency_application",
}

STATUS = {
    "shortlisted": "shortlisted",
    "not shortlisted": "unsuccessful",
    "withdrawn": "withdrawn",
    "preferred": "preferred",
}

RECRUITER = "bench-recruiter"
DSL = "bench-dsl"


class Bench:
    def __init__(self, args):
        self.args = args
        self.town = os.path.abspath(args.town)
        self.out = os.path.abspath(args.out)
        self.bin = os.path.abspath(args.bin)
        self.notes = []
        self.server = None
        self.port = None
        self.env = dict(os.environ)
        for k in ("DUESEARCH_DB", "DUESEARCH_KEYS", "DUESEARCH_CONFIG",
                  "http_proxy", "https_proxy", "HTTPS_PROXY", "ALL_PROXY",
                  "all_proxy"):
            self.env.pop(k, None)
        self.env["no_proxy"] = "*"
        self.env["DUESEARCH_ACTOR"] = RECRUITER

    def note(self, msg):
        self.notes.append(msg)
        print("note: " + msg, file=sys.stderr)

    # The command line, as a recruiter types it.  Acting as another
    # person (the DSL) needs their password: given from the file pw-NAME
    # that set it, as the person would.
    def ds(self, *argv, actor=None, check=True, json_out=False, stdin=None):
        cmd = [self.bin]
        env = self.env
        if actor:
            cmd += ["--as", actor]
            env = dict(self.env)
            env["DUESEARCH_PASSWORD_FILE"] = os.path.join(self.out,
                                                          "pw-" + actor)
        if json_out:
            cmd.append("--json")
        cmd += [str(a) for a in argv]
        p = subprocess.run(cmd, cwd=self.out, env=env, input=stdin,
                           capture_output=True, text=True)
        if check and p.returncode != 0:
            raise SystemExit("bench-town: '%s' failed (%d): %s"
                             % (" ".join(cmd[1:]), p.returncode,
                                p.stderr.strip()))
        return p

    def start_server(self):
        log = os.path.join(self.out, "requests.jsonl")
        cmd = ["/usr/bin/python3", os.path.join(self.town, "server.py"),
               "--port", "0", "--log", log, "--max-seconds", "3600"]
        if self.args.fail_pct:
            cmd += ["--fail-pct", str(self.args.fail_pct),
                    "--seed", str(self.args.seed)]
        if self.args.latency_ms:
            cmd += ["--latency-ms", str(self.args.latency_ms)]
        self.server = subprocess.Popen(cmd, stdout=subprocess.PIPE,
                                       stderr=subprocess.DEVNULL, text=True)
        line = self.server.stdout.readline()
        m = re.search(r"127\.0\.0\.1:(\d+)", line)
        if not m:
            self.stop_server()
            raise SystemExit("bench-town: the town server did not start: "
                             + line.strip())
        self.port = int(m.group(1))

    def stop_server(self):
        if self.server and self.server.poll() is None:
            self.server.send_signal(signal.SIGTERM)
            try:
                self.server.wait(10)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()

    # The site list, downloaded as the organisation's administrator would.
    def fetch_site_list(self, url):
        import http.client
        u = urllib.parse.urlsplit(url)
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        c.request("GET", u.path or "/", headers={"Host": u.netloc})
        r = c.getresponse()
        body = r.read()
        c.close()
        if r.status != 200:
            raise SystemExit("bench-town: site list %s: HTTP %d"
                             % (url, r.status))
        path = os.path.join(self.out, "site-list.json")
        with open(path, "wb") as f:
            f.write(body)
        return path

    def configure(self, t):
        org = t["organisation"]
        ep = t.get("endpoints", {})
        conf = ["[fetch]",
                "allow = 127.0.0.1:%d" % self.port,
                "connect_to = ::127.0.0.1:%d" % self.port]
        if not org.get("requires_consent", True):
            conf.append("[organisation]")
            conf.append("consent_required = no")
        years = org.get("news_look_back_years")
        plan = []
        if years:
            plan.append("lookback_days = %d" % int(years * 365.25))
        # The full plan: step 7 of DOMAIN.md (other public profiles under
        # the declared usernames), which a policy may choose and which
        # the town's labels include (the route site_list_same_handle).
        if self.args.plan == "full":
            plan.append("discovery = yes")
        if plan:
            conf += ["[plan]"] + plan
        if ep.get("searxng"):
            conf += ["[connector searxng]", "base_url = " + ep["searxng"]]
        if ep.get("mastodon"):
            conf += ["[connector mastodon]", "base_url = " + ep["mastodon"]]
        if ep.get("bluesky_appview"):
            conf += ["[connector bluesky]",
                     "base_url = " + ep["bluesky_appview"]]
        if ep.get("brave"):
            conf += ["[connector brave]", "base_url = " + ep["brave"],
                     "api_key_env = BENCH_BRAVE_KEY"]
            self.env["BENCH_BRAVE_KEY"] = ep.get("brave_key", "")
        if ep.get("whatsmyname_list"):
            conf += ["[connector profiles]",
                     "site_list = " + self.fetch_site_list(
                         ep["whatsmyname_list"])]
            # Of the sensitive site-list categories, the full plan's
            # discovery checks adult and dating sites (sexual content, and
            # a profile aimed at pupils' ages, are concerns; the
            # orientation a dating profile shows is protected and never a
            # finding); health, religion and politics stay off.
            allow = [c for c in self.args.allow_categories.split(",") if c]
            for cat in ("adult", "dating"):
                if self.args.plan == "full" and cat not in allow:
                    allow.append(cat)
            if allow:
                conf.append("allow_categories = " + ",".join(allow))
        # The organisation's own policy, if the measurement gives one (a
        # plan with a discovery step, say): appended as it is.
        if self.args.extra_conf:
            with open(self.args.extra_conf, encoding="utf-8") as f:
                conf.append(f.read())
        with open(os.path.join(self.out, "duesearch.conf"), "w") as f:
            f.write("\n".join(conf) + "\n")

    def set_up(self, t):
        org = t["organisation"]
        basis = org.get("lawful_basis", "").lower()
        basis = ("legitimate-interests" if "legitimate" in basis
                 else "public-task")
        scope = ("preferred" if "preferred" in
                 org.get("scope_policy", "").lower().split(" only")[0]
                 else "shortlisted")
        argv = ["init", "--org", org["name"], "--lawful-basis", basis,
                "--scope", scope, "--scope-reason",
                org.get("scope_policy") or "KCSIE"]
        if not org.get("requires_consent", True):
            argv.append("--no-consent-required")
        self.ds(*argv)
        self.ds("actor", "role", RECRUITER, "--role", "admin,recruiter")
        self.ds("actor", "add", DSL, "--role", "dsl")
        pw = "bench password of %s\n" % DSL
        with open(os.path.join(self.out, "pw-" + DSL), "w") as f:
            f.write(pw)
        self.ds("actor", "passwd", DSL, stdin=pw)
        schools = {s["name"] for s in org.get("schools", [])}
        for v in t["vacancies"]:
            argv = ["vacancy", "add", "--ref", v["id"], "--post", v["title"]]
            if v.get("school"):
                argv += ["--school", v["school"]]
            if v.get("interview_date"):
                argv += ["--interview-date", v["interview_date"]]
            self.ds(*argv)
            self.ds("vacancy", "declare", v["id"], "--not-on-panel")
        self.ids = {}      # town id -> product id
        self.town_id = {}  # product id -> town id
        self.claims = self.claim_options()
        for c in t["candidates"]:
            self.add_candidate(c, schools)

    def add_candidate(self, c, schools):
        argv = ["candidate", "add", "--vacancy", c["vacancy"],
                "--name", c["legal_name"],
                "--status", STATUS.get(c.get("status"), "applied")]
        for n in c.get("known_as", []):
            argv += ["--known-as", n]
        for n in c.get("previous_names", []):
            argv += ["--previous-name", n]
        places = [c["town"]] if c.get("town") else []
        for e in c.get("employers", []):
            if e.get("location") and e["location"] not in places:
                places.append(e["location"])
        for p in places:
            argv += ["--location", p]
        for e in c.get("employers", []):
            argv += ["--employer", e["organisation"]]
        # Where they studied, from the application's qualifications: a
        # school in the anchors' sense (DOMAIN.md step 1).
        studied = []
        for q in c.get("qualifications", []):
            if q.get("institution") and q["institution"] not in studied:
                studied.append(q["institution"])
        for i in studied:
            argv += ["--school", i]
        p = self.ds(*argv, json_out=True)
        cid = json.loads(p.stdout)["candidate"]
        self.ids[c["id"]] = cid
        self.town_id[cid] = c["id"]
        for h in c.get("declared_handles", []):
            self.add_handle(cid, c["id"], h)
        for e in c.get("employers", []):
            self.add_claim(cid, c["id"], "employment", e)
        for q in c.get("qualifications", []):
            self.add_claim(cid, c["id"], "qualification", q)
        if c.get("notice_date"):
            self.ds("notice", "add", "--candidate", cid, "--date",
                    c["notice_date"], "--channel", "email")
        if c.get("consent_date"):
            self.ds("consent", "add", "--candidate", cid, "--date",
                    c["consent_date"], "--scope",
                    "online-search-and-handles")

    def add_handle(self, cid, tid, h):
        platform = (h.get("platform") or "").strip().lower()
        if h.get("handle"):
            p = self.ds("handle", "add", "--candidate", cid, "--platform",
                        platform, "--handle", h["handle"], check=False)
            if p.returncode == 0:
                return
            why = p.stderr.strip().splitlines()[-1:] or [""]
            why[0] = why[0].replace("duesearch: error: ", "").split(":")[0]
            if not h.get("url"):
                self.note("%s: handle %s on %s not recorded: %s"
                          % (tid, h["handle"], h["platform"], why[0]))
                return
            self.note("%s: %s handle not accepted (%s); recorded its "
                      "address instead" % (tid, h["platform"], why[0]))
        if h.get("url"):
            p = self.ds("handle", "add", "--candidate", cid, "--url",
                        h["url"], check=False)
            if p.returncode != 0:
                self.note("%s: declared address %s not recorded: %s"
                          % (tid, h["url"], p.stderr.strip()))

    # The claims of the application (employment, qualifications), where the
    # product has a 'claim' noun; its options are read from its help.
    def claim_options(self):
        p = self.ds("claim", "add", "--help", check=False)
        if p.returncode != 0:
            self.note("no 'claim add' in this build: employment and "
                      "qualification claims not recorded")
            return None
        return set(re.findall(r"--([a-z][a-z-]*)", p.stdout + p.stderr))

    def add_claim(self, cid, tid, kind, item):
        if self.claims is None:
            return
        o = self.claims
        argv = ["claim", "add", "--candidate", cid]
        if "kind" in o:
            argv += ["--kind", kind]
        fields = {
            "organisation": item.get("organisation"),
            "employer": item.get("organisation"),
            "role": item.get("role"),
            "title": item.get("title"),
            "institution": item.get("institution"),
            "from": item.get("from"),
            # to: null is the current post.
            "to": item.get("to") or ("current" if kind == "employment"
                                     and "to" in item else None),
            "year": (str(item["year"]) if item.get("year") is not None
                     else None),
            "location": item.get("location"),
        }
        used = set()
        for k, v in fields.items():
            if k in o and v is not None and k not in used:
                if k == "employer" and "organisation" in used:
                    continue
                argv += ["--" + k, v]
                used.add(k)
        if "text" in o and not used:
            argv += ["--text", ", ".join(str(v) for v in item.values()
                                          if v is not None)]
        p = self.ds(*argv, check=False)
        if p.returncode != 0:
            self.note("%s: %s claim not recorded: %s"
                      % (tid, kind, p.stderr.strip()))

    def run(self, t):
        self.refused = set()
        self.summaries = []
        for v in t["vacancies"]:
            p = self.ds("run", "--vacancy", v["id"], json_out=True,
                        check=False)
            with open(os.path.join(self.out, "run-%s.jsonl" % v["id"]),
                      "w") as f:
                f.write(p.stdout)
            # 1: every candidate refused; 2: some refused, others searched.
            if p.returncode not in (0, 1, 2):
                raise SystemExit("bench-town: run --vacancy %s failed (%d): "
                                 "%s" % (v["id"], p.returncode,
                                         p.stderr.strip()))
            for line in p.stdout.splitlines():
                try:
                    ev = json.loads(line)
                except ValueError:
                    continue
                if ev.get("event") == "refused":
                    self.refused.add(ev.get("candidate"))
                elif ev.get("event") == "summary":
                    self.summaries.append(ev)
        # A candidate of a searched vacancy that the gate would not let
        # through was refused, whether or not the run listed it.
        for tid, cid in self.ids.items():
            if cid in self.refused:
                continue
            p = self.ds("gate", "check", "--candidate", cid, check=False)
            if p.returncode == 1:
                self.refused.add(cid)

    def export(self, t):
        rows = []
        for cid in sorted(self.refused):
            rows.append({"candidate": self.town_id[cid],
                         "status": "refused"})
        p = self.ds("findings", "list", actor=DSL, json_out=True)
        for f in json.loads(p.stdout):
            if f.get("identity") == "not-the-candidate":
                continue
            s = json.loads(self.ds("findings", "show", f["id"], actor=DSL,
                                   json_out=True).stdout)
            cats = f.get("categories") or []
            if isinstance(cats, str):
                cats = [c for c in re.split(r"[,\s]+", cats) if c]
            rows.append({"candidate": self.town_id[f["candidate"]],
                         "url": s.get("url"),
                         "categories": [CATEGORY.get(c, c) for c in cats],
                         "identity": f.get("identity"),
                         "status": "finding"})
        self.steps = []
        runs = json.loads(self.ds("run", "list", json_out=True).stdout)
        for r in runs:
            j = json.loads(self.ds("run", "show", r["id"],
                                   json_out=True).stdout)
            self.steps += j.get("steps", [])
        seen = set()
        for s in self.steps:
            for url in not_public_urls(s):
                key = (s["candidate"], url)
                if key in seen:
                    continue
                seen.add(key)
                rows.append({"candidate": self.town_id[s["candidate"]],
                             "url": url, "status": "not_public"})
        path = os.path.join(self.out, "results.jsonl")
        with open(path, "w") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        return path

    def score(self, results):
        score = os.path.join(self.town, "score.py")
        log = os.path.join(self.out, "requests.jsonl")
        p = subprocess.run(["/usr/bin/python3", score, results,
                            "--server-log", log], capture_output=True,
                           text=True)
        print(p.stdout, end="")
        if p.returncode:
            raise SystemExit("bench-town: score.py failed: " + p.stderr)
        p = subprocess.run(["/usr/bin/python3", score, results,
                            "--server-log", log, "--json"],
                           capture_output=True, text=True)
        if p.returncode:
            raise SystemExit("bench-town: score.py --json failed: "
                             + p.stderr)
        rep = json.loads(p.stdout)
        rep["collection"] = self.collection(log)
        rep["gaps"] = self.gaps()
        rep["bench"] = {"fail_pct": self.args.fail_pct,
                        "seed": self.args.seed,
                        "latency_ms": self.args.latency_ms,
                        "seconds": round(self.seconds, 1),
                        "notes": self.notes}
        with open(os.path.join(self.out, "score.json"), "w") as f:
            json.dump(rep, f, indent=2, ensure_ascii=False)
            f.write("\n")
        return rep

    # How many must-find pages the server was asked for.  A post on
    # Mastodon or Bluesky is reached through its account's API, so there
    # the account's statuses or feed being asked for counts (shown apart).
    def collection(self, log):
        with open(os.path.join(self.town, "labels.json"),
                  encoding="utf-8") as f:
            labels = json.load(f)
        asked = set()
        feeds = set()
        with open(log, encoding="utf-8") as f:
            for line in f:
                try:
                    r = json.loads(line)
                except ValueError:
                    continue
                host = (r.get("host") or "").lower().split(":")[0]
                path = urllib.parse.unquote(r.get("path") or "/")
                asked.add(host + (path.rstrip("/") or "/"))
                params = r.get("params") or dict(
                    urllib.parse.parse_qsl(r.get("query") or ""))
                if path.endswith("app.bsky.feed.getAuthorFeed"):
                    feeds.add(("bsky", params.get("actor", "")))
                m = re.match(r"/api/v1/accounts/([^/]+)/statuses", path)
                if m:
                    feeds.add(("mastodon-id", m.group(1)))
                if path.endswith("/api/v1/accounts/lookup"):
                    feeds.add(("mastodon-lookup",
                               params.get("acct", "").split("@")[0]))
        pages = api = pages_hit = api_hit = 0
        missed = []
        for c in labels["candidates"]:
            for m in c.get("must_find", []):
                u = urllib.parse.urlsplit(m["url"])
                host = (u.hostname or "").lower()
                path = urllib.parse.unquote(u.path or "/").rstrip("/") or "/"
                bm = re.match(r"/profile/([^/]+)/post/", path)
                mm = re.match(r"/@([^/]+)/\d+$", path)
                if host.startswith("bsky.") and bm:
                    api += 1
                    ok = ("bsky", bm.group(1)) in feeds
                    api_hit += ok
                elif host.startswith("mastodon.") and mm:
                    api += 1
                    # the statuses call needs the looked-up account first
                    ok = (("mastodon-lookup", mm.group(1)) in feeds and
                          any(k == "mastodon-id" for k, _ in feeds))
                    api_hit += ok
                else:
                    pages += 1
                    ok = (host + path) in asked
                    pages_hit += ok
                if not ok:
                    missed.append("%s %s (%s)" % (c["id"], m["url"],
                                                  m.get("route")))
        total = pages + api
        return {"must_find": total, "requested": pages_hit + api_hit,
                "recall": round((pages_hit + api_hit) / total, 4)
                if total else None,
                "pages": pages, "pages_requested": pages_hit,
                "api_posts": api, "api_accounts_requested": api_hit,
                "not_requested": missed}

    def gaps(self):
        out = {}
        for s in self.steps:
            o = s.get("outcome") or s.get("status") or "pending"
            out[o] = out.get(o, 0) + 1
        g = {"step_outcomes": out, "inconclusive": [], "not_read": []}
        for s in self.steps:
            if s.get("outcome") == "inconclusive":
                g["inconclusive"].append("%s %s %s: %s" % (
                    self.town_id.get(s["candidate"]), s.get("connector"),
                    s.get("query"), s.get("detail")))
            for p in (s.get("pages") or {}).get("not_read") or []:
                g["not_read"].append("%s %s (%s)" % (
                    self.town_id.get(s["candidate"]), p.get("url"),
                    p.get("outcome")))
        g["pages"] = {}
        for ev in self.summaries:
            for k, v in (ev.get("pages") or {}).items():
                g["pages"][k] = g["pages"].get(k, 0) + v
        return g

    def main(self):
        t0 = time.monotonic()
        if os.path.isdir(self.out):
            shutil.rmtree(self.out)
        os.makedirs(self.out)
        with open(os.path.join(self.town, "town.json"),
                  encoding="utf-8") as f:
            t = json.load(f)
        self.start_server()
        try:
            self.configure(t)
            self.set_up(t)
            self.run(t)
            self.seconds = time.monotonic() - t0
            results = self.export(t)
        finally:
            self.stop_server()
        with open(os.path.join(self.out, "notes.txt"), "w") as f:
            f.write("".join(n + "\n" for n in self.notes))
        rep = self.score(results)
        c = rep["collection"]
        print("must-find pages requested:      %d/%d (%s): pages %d/%d, "
              "posts via their account's API %d/%d"
              % (c["requested"], c["must_find"], c["recall"],
                 c["pages_requested"], c["pages"],
                 c["api_accounts_requested"], c["api_posts"]))
        for m in c["not_requested"]:
            print("  - not requested: " + m)
        g = rep["gaps"]
        print("step outcomes:                  %s" % json.dumps(
            g["step_outcomes"], sort_keys=True))
        print("inconclusive steps:             %d" % len(g["inconclusive"]))
        for m in g["inconclusive"]:
            print("  - " + m)
        if g["pages"]:
            print("result pages (run summaries):   %s"
                  % json.dumps(g["pages"], sort_keys=True))
        print("pages not read (gaps):          %d" % len(g["not_read"]))
        for m in g["not_read"]:
            print("  - " + m)
        print("run time:                       %.1f s (fail-pct %s)"
              % (self.seconds, self.args.fail_pct))
        print("written: %s" % os.path.join(self.out, "score.json"))
        return 0


# The addresses a step recorded as not public: the step's own target when
# the step is, and every page the step lists as not public.
def not_public_urls(s):
    urls = []
    if s.get("outcome") == "not-public":
        q = s.get("query") or ""
        if re.match(r"https?://", q):
            urls.append(q)
        elif s.get("url"):
            urls.append(s["url"])
    for u in (s.get("pages") or {}).get("not_public") or []:
        if u and u not in urls:
            urls.append(u)
    return urls


def main():
    top = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--town", default=os.path.join(
        top, "..", "shared", "towns", "larkspur"))
    ap.add_argument("--bin", default=os.path.join(top, "build", "duesearch"))
    ap.add_argument("--out", default=os.path.join(top, "build", "bench-town"))
    ap.add_argument("--fail-pct", type=float, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--latency-ms", type=int, default=0)
    ap.add_argument("--plan", choices=("full", "default"), default="full",
                    help="full: the default plan with step 7 (discovery "
                    "under the declared usernames, adult sites allowed); "
                    "default: the product's default plan")
    ap.add_argument("--allow-categories", default="",
                    help="the policy's sensitive site-list categories")
    ap.add_argument("--extra-conf", default="",
                    help="configuration lines to append (a [plan], ...)")
    a = ap.parse_args()
    if not os.path.isfile(os.path.join(a.town, "town.json")):
        print("bench-town: no town.json in %s" % a.town, file=sys.stderr)
        return 2
    return Bench(a).main()


if __name__ == "__main__":
    sys.exit(main())
