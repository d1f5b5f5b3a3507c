#!/usr/bin/python3
"""Derive schemas/places/places.tsv from OS Open Names' place list.

Usage: tests/places.py PLACES.CSV > schemas/places/places.tsv
       (make places does this from ../shared/data/uk-places/places.csv)

Each line: a place name folded as src/triage.c folds text (lowercase ASCII,
accents off, apostrophes dropped, other runs of non-alphanumerics one
space), a tab, and the largest kind of settlement of that name: C city,
T town, V village, S suburban area, H hamlet, O other settlement.  Lines are
sorted bytewise for a binary search.  Northern Ireland is not in OS Open
Names: its cities and larger towns are added by hand below (kind T or C),
and so are the English names of Welsh towns listed under their Welsh name.
"""
import csv
import hashlib
import sys
import unicodedata

RANK = {"City": "C", "Town": "T", "Village": "V", "Suburban Area": "S",
        "Hamlet": "H", "Other Settlement": "O"}
ORDER = "OHSVTC"
# Northern Ireland's cities and larger towns (not covered by OS Open Names).
NI = {"Belfast": "C", "Derry": "C", "Londonderry": "C", "Lisburn": "C",
      "Newry": "C", "Armagh": "C", "Bangor": "T", "Ballymena": "T",
      "Coleraine": "T", "Omagh": "T", "Enniskillen": "T", "Craigavon": "T",
      "Portadown": "T", "Lurgan": "T", "Newtownabbey": "T",
      "Carrickfergus": "T", "Larne": "T", "Antrim": "T", "Dungannon": "T",
      "Strabane": "T", "Downpatrick": "T", "Banbridge": "T",
      "Limavady": "T", "Magherafelt": "T", "Cookstown": "T",
      "Ballymoney": "T", "Newtownards": "T", "Holywood": "T",
      "Comber": "T", "Ballyclare": "T", "Portrush": "T", "Dungiven": "T"}

# Welsh places whose OS Open Names entry in the list is their Welsh name
# only (Abertawe, Wrecsam): their English names, added by hand.
WALES = {"Swansea": "C", "Wrexham": "C", "St Asaph": "C",
         "Carmarthen": "T", "Merthyr Tydfil": "T", "Caerphilly": "T",
         "Colwyn Bay": "T", "Monmouth": "T", "Brecon": "T",
         "Cardigan": "T", "Chepstow": "T", "Abergavenny": "T",
         "Haverfordwest": "T", "Pembroke": "T", "Tenby": "T",
         "Lampeter": "T", "Builth Wells": "T", "Llandrindod Wells": "T",
         "Ebbw Vale": "T", "Milford Haven": "T", "Connah's Quay": "T",
         "Bala": "T", "Pontypool": "T", "Presteigne": "T",
         "Hay-on-Wye": "T", "Crickhowell": "T", "Fishguard": "T",
         "Narberth": "T", "Kidwelly": "T", "Ammanford": "T",
         "Mumbles": "S", "Mountain Ash": "T", "Abertillery": "T",
         "Newcastle Emlyn": "T", "Barmouth": "T", "Criccieth": "T",
         "Menai Bridge": "T"}


def fold(s):
    out, space = [], True
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    for ch in s:
        if ch == "'":
            continue
        base = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in base if not unicodedata.combining(c))
        base = base.replace("\u00df", "ss").replace("\u00e6", "ae")
        c = base.lower()
        if len(c) >= 1 and all(x.isascii() and x.isalnum() for x in c):
            out.append(c)
            space = False
        elif not space:
            out.append(" ")
            space = True
    return "".join(out).strip()


def main():
    path = sys.argv[1]
    raw = open(path, "rb").read()
    best = {}
    for row in csv.DictReader(raw.decode("utf-8").splitlines()):
        k = RANK.get(row["type"])
        name = fold(row["name"])
        if not k or len(name) < 3:
            continue
        if name not in best or ORDER.index(k) > ORDER.index(best[name]):
            best[name] = k
    for n, k in list(NI.items()) + list(WALES.items()):
        best[fold(n)] = k
    sha = hashlib.sha256(raw).hexdigest()
    sys.stdout.write("# derived by tests/places.py (make places) from "
                     "places.csv sha256 %s\n" % sha)
    sys.stdout.write("# Contains OS data \u00a9 Crown copyright and database "
                     "right 2019 (Open Government Licence v3.0)\n")
    for n in sorted(best, key=lambda x: x.encode()):
        sys.stdout.write("%s\t%s\n" % (n, best[n]))


main()
