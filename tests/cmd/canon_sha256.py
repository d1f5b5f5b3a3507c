#!/usr/bin/python3
"""Recompute a report's content hash from the JSON file given: the SHA-256
of its canonical form (keys sorted, no white space, UTF-8 as is) without
the content_sha256 member itself, as the product computes it.  Prints the
hex digest; with --stored, prints the top-level content_sha256 the file
carries instead.  Used by the command tests to check the hash a report carries
rather than only its shape."""
import hashlib
import json
import sys

stored = sys.argv[1] == "--stored"
with open(sys.argv[-1], encoding="utf-8") as f:
    doc = json.load(f)
if stored:
    print(doc.get("content_sha256", ""))
    sys.exit(0)
doc.pop("content_sha256", None)
canon = json.dumps(doc, sort_keys=True, separators=(",", ":"),
                   ensure_ascii=False)
print(hashlib.sha256(canon.encode("utf-8")).hexdigest())
