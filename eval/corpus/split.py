#!/usr/bin/env python3
"""Builds eval/corpus/{tune,holdout}.jsonl from the harvested raw/*.jsonl.

Drops malformed rows, exact and near duplicates (same letters and digits, case and
punctuation ignored) and any question also in the team's shared dev set (when
../shared/eval/dev.jsonl is beside the repository). Each remaining question goes to the
holdout when the SHA-256 of its normalised text is 0 mod 3, else to tune: a split fixed by
the text alone, made before any result was looked at, and stable when rows are added.

usage: eval/corpus/split.py
"""
import glob, hashlib, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = ["q", "source", "answerable", "expect_any", "topic", "entry", "words", "arguable", "slice"]


def norm(q):
    return re.sub(r"[^a-z0-9]+", "", q.lower())


def main():
    dev = os.path.join(HERE, "..", "..", "..", "shared", "eval", "dev.jsonl")
    banned = set()
    if os.path.exists(dev):
        banned = {norm(json.loads(l)["q"]) for l in open(dev) if l.strip()}
    seen, rows, dropped = set(), [], {"malformed": 0, "duplicate": 0, "in dev": 0}
    for path in sorted(glob.glob(os.path.join(HERE, "raw", "*.jsonl"))):
        slice_ = os.path.splitext(os.path.basename(path))[0]
        for line in open(path, encoding="utf-8"):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
                assert isinstance(r["q"], str) and r["q"].strip() and isinstance(r["answerable"], bool)
                assert isinstance(r.get("expect_any", []), list)
                assert not r["answerable"] or r["expect_any"] or r.get("arguable")
            except Exception:
                dropped["malformed"] += 1
                continue
            key = norm(r["q"])
            if key in banned:
                dropped["in dev"] += 1
                continue
            if key in seen:
                dropped["duplicate"] += 1
                continue
            seen.add(key)
            r["q"] = " ".join(r["q"].split())
            r["words"] = len(r["q"].split())
            r.setdefault("arguable", False)
            r.setdefault("entry", None)
            r["slice"] = slice_
            rows.append({k: r.get(k) for k in KEYS})
    out = {"tune": [], "holdout": []}
    for r in rows:
        h = int(hashlib.sha256(norm(r["q"]).encode()).hexdigest(), 16)
        out["holdout" if h % 3 == 0 else "tune"].append(r)
    for name, part in out.items():
        with open(os.path.join(HERE, f"{name}.jsonl"), "w", encoding="utf-8") as f:
            for r in part:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        ans = sum(r["answerable"] for r in part)
        print(f"{name}: {len(part)} questions ({ans} answerable, {len(part) - ans} off-topic)")
    print(f"dropped: {dropped}")


main()
