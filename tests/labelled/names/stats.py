#!/usr/bin/env python3
"""Print the counts of the labelled name set as Markdown tables (used for README.md).

usage: stats.py [--labels labels.csv] [--rules RULES_DIR] [--articles DIR]
"""
import argparse
import collections
import csv
import os

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--labels", default=os.path.join(here, "labels.csv"))
ap.add_argument("--rules", default=os.path.join(here, "rules"))
ap.add_argument("--articles", default=os.path.join(here, "articles"))
a = ap.parse_args()

labels = list(csv.DictReader(open(a.labels, encoding="utf-8")))
roles = {r["role"]: r["jurisdiction"] for r in csv.DictReader(open(os.path.join(a.rules, "roles.csv"), encoding="utf-8"))}
files = sorted(os.listdir(a.articles))
VERDICTS = ["ok", "wrong_officeholder", "outdated_officeholder", "misspelled_name", "role_mismatch", "unchecked_date"]


def table(title, key, rows):
    c = collections.defaultdict(collections.Counter)
    for r in rows:
        c[key(r)][r["verdict"]] += 1
    print(f"\n| {title} | mentions | " + " | ".join(VERDICTS) + " |")
    print("|---|---:|" + "---:|" * len(VERDICTS))
    tot = collections.Counter()
    for k in sorted(c, key=lambda x: (len(x), x) if title == "pattern" else x):
        tot.update(c[k])
        print(f"| {k} | {sum(c[k].values())} | " + " | ".join(str(c[k][v]) for v in VERDICTS) + " |")
    print(f"| **total** | {sum(tot.values())} | " + " | ".join(str(tot[v]) for v in VERDICTS) + " |")


ext = collections.Counter(os.path.splitext(f)[1] for f in files)
print(f"articles: {len(files)} ({', '.join(f'{n} {e}' for e, n in sorted(ext.items()))}); "
      f"undated: {sum(f.startswith('undated_') for f in files)}; copies: {sum(f.startswith('copy_') for f in files)}")
prefix = collections.Counter(f.split("_")[0] for f in files)
print("articles by file prefix: " + ", ".join(f"{k} {v}" for k, v in sorted(prefix.items())))
faults = sum(r["verdict"] not in ("ok", "unchecked_date") for r in labels)
print(f"label rows: {len(labels)}; ok {sum(r['verdict'] == 'ok' for r in labels)}; faults {faults}; "
      f"unchecked_date {sum(r['verdict'] == 'unchecked_date' for r in labels)}")
table("jurisdiction (of the role)", lambda r: roles[r["role"]], labels)
table("pattern", lambda r: r["pattern"], labels)
