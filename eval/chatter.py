#!/usr/bin/env python3
"""Chatter invariance: does a right answer survive the chatter people wrap around it?

For every question of the given sets, asks `rolecall ask --json` plainly, then wrapped in
chatter frames from eval/chatter.toml (prefix, a sentence of context, suffix; each picked at
random with a fixed seed drawn per question, each possibly left out; at least one present). An answerable
question answered right plainly (as grade.py judges it) must get the same entry wrapped; an
off-topic question declined plainly must stay declined, also wrapped in talk about the
roles (`role_context`). Prints both rates and, with --show, what broke.

usage: chatter.py SET.jsonl [SET.jsonl …] [--bin PATH] [--per N] [--seed S] [--show]
"""
import argparse, json, random, sys, tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from gradelib import ask, right  # noqa: E402

def wrap(rng, frames, q, role_context=False):
    while True:
        pre = rng.choice(frames["prefixes"]) if rng.random() < 0.6 else ""
        ctx = rng.choice(frames["contexts"]) + " " if rng.random() < 0.5 else ""
        suf = rng.choice(frames["suffixes"]) if rng.random() < 0.6 else ""
        if role_context:
            pre = rng.choice(frames["role_context"]) if rng.random() < 0.7 else pre
        if pre or ctx or suf:
            return f"{pre}{ctx}{q}{suf}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="+")
    ap.add_argument("--bin", default="target/release/rolecall")
    ap.add_argument("--frames", default=str(Path(__file__).with_name("chatter.toml")))
    ap.add_argument("--per", type=int, default=4, help="wrapped variants per question")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--show", action="store_true")
    a = ap.parse_args()
    frames = tomllib.loads(Path(a.frames).read_text())
    rows = [json.loads(l) for s in a.sets for l in open(s) if l.strip()]
    rows = [r for r in rows if not r.get("arguable")]
    plain = ask(a.bin, [r["q"] for r in rows])
    cases = []  # (row, plain out, wrapped text)
    for r, o in zip(rows, plain):
        # Each question's frames come from its own seed, so fixing one answer does not
        # re-draw every other question's wraps.
        rng = random.Random(f"{a.seed}:{r['q']}")
        if r["answerable"] and right(r, o):
            cases += [(r, o, wrap(rng, frames, r["q"])) for _ in range(a.per)]
        elif not r["answerable"] and not o.get("answered"):
            cases += [(r, o, wrap(rng, frames, r["q"], role_context=(i % 2 == 1))) for i in range(a.per)]
    wrapped = ask(a.bin, [c[2] for c in cases])
    kept = {True: [0, 0], False: [0, 0]}
    for (r, o, text), w in zip(cases, wrapped):
        if r["answerable"]:
            ok = bool(w.get("answered")) and w.get("entry") == o.get("entry")
        else:
            ok = not w.get("answered")
        kept[r["answerable"]][0] += ok
        kept[r["answerable"]][1] += 1
        if a.show and not ok:
            print(f"BROKE {o.get('entry')} → {w.get('entry')} ({w.get('confidence')}): {text!r}")
    (ka, na), (kd, nd) = kept[True], kept[False]
    print(f"chatter invariance: answers kept {ka}/{na} = {ka / max(na, 1):.1%}; "
          f"declines kept {kd}/{nd} = {kd / max(nd, 1):.1%}")


main()
