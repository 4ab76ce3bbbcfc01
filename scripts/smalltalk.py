#!/usr/bin/env python3
"""How often rolecall answers everyday chat: the English lines of the public
`chatterbot-corpus` package (greetings, small talk, money, food; nothing about the roles).

Downloads the package from PyPI with pip (no install), reads every English conversation
line, runs them all through `rolecall ask --json` in one process, and prints how many got a
confident answer (the /ask bar) and how many would be answered in a channel (at the channel
bar, ROLECALL_CHANNEL_THRESHOLD, default 0.75), then the answered lines.

usage: scripts/smalltalk.py [--bin target/release/rolecall] [--channel 0.75]
"""
import argparse, glob, json, os, subprocess, sys, tempfile, zipfile

def lines(folder):
    try:
        import yaml
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "pyyaml"], check=True)
        import yaml
    out = []
    for f in sorted(glob.glob(os.path.join(folder, "*.yml"))):
        for conv in (yaml.safe_load(open(f, encoding="utf-8")) or {}).get("conversations") or []:
            out += [str(s).replace("\n", " ") for s in conv if s is not None]
    return out

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/rolecall")
    ap.add_argument("--channel", type=float, default=0.75)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", tmp,
                        "chatterbot-corpus==1.3.3"], check=True)
        wheel = glob.glob(os.path.join(tmp, "*.whl"))[0]
        zipfile.ZipFile(wheel).extractall(tmp)
        qs = lines(os.path.join(tmp, "chatterbot_corpus", "data", "english"))
    p = subprocess.run([a.bin, "ask", "--json"], input="".join(q + "\n" for q in qs),
                       capture_output=True, text=True, check=True)
    rows = [json.loads(l) for l in p.stdout.splitlines()]
    assert len(rows) == len(qs), f"{len(qs)} lines in, {len(rows)} out"
    answered = [r for r in rows if r["answered"]]
    channel = [r for r in answered if r["confidence"] >= a.channel]
    print(f"{len(rows)} lines: {len(answered)} answered ({100 * len(answered) / len(rows):.2f}%), "
          f"{len(channel)} at the channel bar ({a.channel})")
    for r in sorted(answered, key=lambda r: -r["confidence"]):
        print(f"  {r['confidence']:.2f} {r['entry']:<24} {r['question'][:90]}")

main()
