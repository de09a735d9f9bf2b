#!/usr/bin/env python3
"""Score a credence findings.csv against the labelled name mentions.

usage: score.py [--labels labels.csv] [--rules RULES_DIR] [--per-label OUT.csv] FINDINGS.csv

A finding belongs to a label when it is in the same article and its `mention`
text (title + name as credence prints it) contains the label's `mention` as
whole words (case, periods and punctuation folded). When one article has
several labels with the same mention text (a person named correctly in one
role and wrongly in another), the role's titles from roles.csv decide which
label a finding belongs to; failing that, a finding goes to the label whose
verdict equals the finding kind, else to the fault labels.

Reported:
  faults (wrong_officeholder, outdated_officeholder, misspelled_name,
  role_mismatch): caught = any finding for the mention; right kind = a finding
  whose kind equals the verdict.
  unchecked_date: should get no error finding; "warned" = no error and the
  article has a date_unknown warning.
Only name findings count (the kinds in NAME_KINDS); a syndicated_paragraph or
boilerplate finding on the paragraph is not a finding about the mention.
  ok: false alarms = an error finding for the mention.
Standard library only.
"""
import argparse
import collections
import csv
import os
import re
import sys
import unicodedata

FAULTS = ("wrong_officeholder", "outdated_officeholder", "misspelled_name", "role_mismatch")
# findings about a name; other kinds (syndicated_paragraph, boilerplate...) are not about a mention
NAME_KINDS = FAULTS + ("name_variant",)


def norm(s):
    s = unicodedata.normalize("NFC", s or "").lower()
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace(".", "")
    s = re.sub(r"[^\w']+", " ", s)
    return " " + " ".join(s.split()) + " "


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def load_titles(rules_dir):
    titles = {}
    path = os.path.join(rules_dir, "roles.csv") if rules_dir else None
    if path and os.path.exists(path):
        with open(path, encoding="utf-8-sig") as f:
            rows = [l for l in f if not l.lstrip().startswith("#")]
        for r in csv.DictReader(rows):
            titles[r["role"]] = [norm(t) for t in r["titles"].split("|") if t.strip()]
    return titles


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("findings")
    ap.add_argument("--labels", default=os.path.join(here, "labels.csv"))
    ap.add_argument("--rules", default=None, help="rules folder (default: rules/ next to the labels)")
    ap.add_argument("--per-label", default=None, help="write one result row per label here")
    a = ap.parse_args()
    labels = read_csv(a.labels)
    rules = a.rules or os.path.join(os.path.dirname(os.path.abspath(a.labels)), "rules")
    titles = load_titles(rules)
    findings = read_csv(a.findings)

    by_article = collections.defaultdict(list)
    undated = set()
    for f in findings:
        if f["kind"] == "date_unknown":
            undated.add(f["article"])
        if f["kind"] in NAME_KINDS:
            by_article[f["article"]].append(f)

    got = collections.defaultdict(list)  # label index -> findings
    groups = collections.defaultdict(list)
    for i, l in enumerate(labels):
        groups[(l["article"], norm(l["mention"]))].append(i)
    for (art, m), idxs in groups.items():
        for f in by_article.get(art, []):
            fm = norm(f["mention"])
            if m not in fm:
                continue
            if len(idxs) == 1:
                got[idxs[0]].append(f)
                continue
            by_title = [i for i in idxs if any(t in fm for t in titles.get(labels[i]["role"], []))]
            if len(by_title) == 1:
                got[by_title[0]].append(f)
                continue
            pool = by_title or idxs
            same = [i for i in pool if labels[i]["verdict"] == f["kind"]]
            faults = [i for i in pool if labels[i]["verdict"] != "ok"]
            for i in (same or faults or pool)[:1]:
                got[i].append(f)

    stats = collections.Counter()
    per_verdict = collections.defaultdict(collections.Counter)
    per_pattern = collections.defaultdict(collections.Counter)
    out_rows = []
    for i, l in enumerate(labels):
        fs = got.get(i, [])
        kinds = sorted({f["kind"] for f in fs})
        errors = [f for f in fs if f["severity"] == "error"]
        v, p = l["verdict"], l["pattern"]
        if v in FAULTS:
            caught = bool(fs)
            right = any(f["kind"] == v for f in fs)
            res = "right_kind" if right else ("other_finding" if caught else "missed")
            stats["faults"] += 1
            stats["faults_caught"] += caught
            stats["faults_right_kind"] += right
        elif v == "unchecked_date":
            res = "error" if errors else ("warned" if l["article"] in undated else "silent")
            stats["unchecked"] += 1
            stats["unchecked_" + res] += 1
        else:
            res = "false_alarm" if errors else ("info" if fs else "clean")
            stats["ok"] += 1
            stats["ok_false_alarm"] += bool(errors)
        per_verdict[v][res] += 1
        per_pattern[p][(v if v in ("ok", "unchecked_date") else "fault") + ":" + res] += 1
        out_rows.append([l["article"], l["mention"], l["role"], v, p, res, ";".join(kinds)])

    def pct(n, d):
        return f"{n}/{d} ({100.0 * n / d:.1f}%)" if d else "0/0"

    print(f"labels: {len(labels)}  findings read: {len(findings)}")
    print(f"faults caught (any finding):   {pct(stats['faults_caught'], stats['faults'])}")
    print(f"faults with the right kind:    {pct(stats['faults_right_kind'], stats['faults'])}")
    print(f"ok mentions with an error:     {pct(stats['ok_false_alarm'], stats['ok'])}")
    print(f"unchecked_date: error {stats['unchecked_error']}, warned {stats['unchecked_warned']}, "
          f"silent {stats['unchecked_silent']} (of {stats['unchecked']})")
    print("\nper verdict:")
    for v in sorted(per_verdict):
        print(f"  {v:24s} " + ", ".join(f"{k} {n}" for k, n in sorted(per_verdict[v].items())))
    print("\nper pattern:")
    for p in sorted(per_pattern, key=lambda x: int(x)):
        print(f"  {p:>2}  " + ", ".join(f"{k} {n}" for k, n in sorted(per_pattern[p].items())))
    if a.per_label:
        with open(a.per_label, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["article", "mention", "role", "verdict", "pattern", "result", "finding_kinds"])
            w.writerows(out_rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
