#!/usr/bin/env python3
"""Every number issue 17 asks for, on one or more question sets, from one run of
`rolecall ask --json`:

- answerable: right (grade.py's rule), answered wrong (confident, but not right), no help;
  the same split for messages over 15 words and for shorter ones;
- off-topic: declined;
- channel mode: answerable questions answered at the channel bar (default 0.75), and how
  many answers at or above that bar are right (precision);
- did-you-mean: for answerable questions that got suggestions, how often the first one is
  the labelled entry (`entry` key) or holds an expected keyword.

usage: report.py SET.jsonl [SET.jsonl …] [--bin PATH] [--channel 0.75] [--show]
"""
import argparse, json, sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from gradelib import MAX_CHARS, ask, embed_text, has  # noqa: E402

def pct(a, b):
    return f"{a}/{b} = {a / b:.0%}" if b else "0/0"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="+")
    ap.add_argument("--bin", default="target/release/rolecall")
    ap.add_argument("--channel", type=float, default=0.75)
    ap.add_argument("--show", action="store_true")
    a = ap.parse_args()
    rows = [json.loads(l) for s in a.sets for l in open(s) if l.strip()]
    rows = [r for r in rows if not r.get("arguable")]
    outs = ask(a.bin, [r["q"] for r in rows])
    c = {k: 0 for k in "n_a right wrong nohelp n_o declined long_n long_right short_n short_right "
         "chan_ans chan_right chan_all dym dym_first".split()}
    for r, o in zip(rows, outs):
        text = embed_text(o.get("embed"))
        answered = bool(o.get("answered"))
        conf = o.get("confidence") or 0
        words = len(r["q"].split())
        if r["answerable"]:
            good = answered and len(text) <= MAX_CHARS and any(has(text, k) for k in r["expect_any"])
            c["n_a"] += 1
            c["right"] += good
            c["wrong"] += answered and not good
            c["nohelp"] += not answered and not o.get("suggestions")
            key = "long" if words > 15 else "short"
            c[key + "_n"] += 1
            c[key + "_right"] += good
            if answered and conf >= a.channel:
                c["chan_ans"] += good
            sugg = o.get("suggestions") or []
            if not answered and sugg:
                c["dym"] += 1
                first = sugg[0]
                hit = first.get("entry") == r.get("entry") or any(
                    has(first.get("title", "") + " " + first.get("label", ""), k) for k in r["expect_any"])
                c["dym_first"] += hit
            tag = "RIGHT" if good else ("WRONG" if answered else "MISS")
        else:
            good = not answered
            c["n_o"] += 1
            c["declined"] += good
            tag = "OK" if good else "ANSWERED"
        if answered and conf >= a.channel:
            c["chan_all"] += 1
            c["chan_right"] += good
        if a.show and tag in ("WRONG", "MISS", "ANSWERED"):
            sugg = ",".join(s.get("entry") or "?" for s in o.get("suggestions") or [])
            print(f"{tag} [{r.get('entry') or r['topic']}] {r['q'][:160]!r}\n    → {o.get('entry')} {conf} sugg=[{sugg}]")
    print(f"answerable right {pct(c['right'], c['n_a'])}; answered wrong {pct(c['wrong'], c['n_a'])}; "
          f"no help {pct(c['nohelp'], c['n_a'])}")
    print(f"  over 15 words right {pct(c['long_right'], c['long_n'])}; 15 or fewer {pct(c['short_right'], c['short_n'])}")
    print(f"off-topic declined {pct(c['declined'], c['n_o'])}")
    print(f"channel bar {a.channel}: answerable answered right {pct(c['chan_ans'], c['n_a'])}; "
          f"answers at the bar right {pct(c['chan_right'], c['chan_all'])}")
    print(f"did you mean: right entry first {pct(c['dym_first'], c['dym'])}")


main()
