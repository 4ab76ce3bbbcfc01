#!/usr/bin/env python3
"""How sure rolecall's answers are, against how right they are: for calibrating confidence.

For every answered question of the sets (arguable rows left out), reads the ranked
candidates from `rolecall ask --explain` and reports, by kind of entry answered (fact,
comparison, role card, FAQ or term) and by the lead of the best candidate over the next,
how many answers are right and how many wrong, below and at the channel bar. This is what
the lead bonus for facts (`matching/rerank.rs`) was fitted on; a change of calibration
should keep "at the bar" right at least 97% of the time.

usage: eval/margins.py SET.jsonl... [--bin PATH] [--channel 0.75] [--show]
  --show  also lists the wrong answers at the bar, with their two best candidates
Run from the repository root (ask reads knowledge/ there) or pass --bin.
"""
import argparse, collections, json, os, re, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gradelib import ask, right  # noqa: E402

LEADS = [(0.0, 0.1), (0.1, 0.2), (0.2, 0.3), (0.3, 2.0)]


def candidates(binary, q):
    """The ranked candidates `ask --explain` prints for `q`: [(entry id, score)]."""
    p = subprocess.run([binary, "ask", "--explain", q], capture_output=True, text=True, timeout=60)
    lines = [l for l in p.stderr.splitlines() if l.startswith("explain: candidates:")]
    return [(e, float(s)) for e, s in re.findall(r"(\S+)=([0-9.]+)", lines[-1])] if lines else []


def kind(entry, roles):
    """Kind of an entry id: fact (`po.metrics`), comparison (`pm+po…`), role card, FAQ or term."""
    if "+" in entry:
        return "comparison"
    if "." in entry:
        return "fact"
    return "role card" if entry in roles else "faq/term"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="+")
    ap.add_argument("--bin", default="target/release/rolecall")
    ap.add_argument("--channel", type=float, default=0.75)
    ap.add_argument("--show", action="store_true")
    a = ap.parse_args()
    rows = [json.loads(l) for s in a.sets for l in open(s, encoding="utf-8") if l.strip()]
    rows = [r for r in rows if not r.get("arguable")]
    outs = ask(a.bin, [r["q"] for r in rows])
    roles = {"pm", "po"}
    roles_file = os.path.join("knowledge", "roles.toml")
    if os.path.exists(roles_file):
        roles = set(re.findall(r'^id = "([^".+]+)"', open(roles_file, encoding="utf-8").read(), re.M))
    table = collections.Counter()
    wrong_at_bar = []
    for r, o in zip(rows, outs):
        if not o.get("answered"):
            continue
        ok = right(r, o) if r["answerable"] else False
        cands = candidates(a.bin, r["q"])
        if not cands:
            continue
        lead = cands[0][1] - (cands[1][1] if len(cands) > 1 else 0.0)
        band = next(f"{lo:.1f}-{hi:.1f}" if hi < 2 else f"{lo:.1f}+" for lo, hi in LEADS if lo <= lead < hi)
        at_bar = (o.get("confidence") or 0) >= a.channel
        table[(kind(cands[0][0], roles), band, at_bar, ok)] += 1
        if at_bar and not ok:
            wrong_at_bar.append((o.get("confidence"), cands[:2], r["q"]))
    print(f"{'kind':<11} {'lead':<8} {'below the bar: right / wrong':>30} {'at the bar: right / wrong':>28}")
    for k in ["fact", "comparison", "role card", "faq/term"]:
        for lo, hi in LEADS:
            band = f"{lo:.1f}-{hi:.1f}" if hi < 2 else f"{lo:.1f}+"
            c = [table[(k, band, at, ok)] for at in (False, True) for ok in (True, False)]
            if any(c):
                print(f"{k:<11} {band:<8} {c[0]:>21} / {c[1]:<7} {c[2]:>19} / {c[3]:<7}")
    at = sum(v for (_, _, b, _), v in table.items() if b)
    ok = sum(v for (_, _, b, good), v in table.items() if b and good)
    print(f"at the bar {a.channel}: {ok}/{at} right" + (f" = {100 * ok / at:.0f}%" if at else ""))
    if a.show:
        for conf, cands, q in sorted(wrong_at_bar, key=lambda x: -(x[0] or 0)):
            print(f"  {conf} {cands} {q[:100]}")


main()
