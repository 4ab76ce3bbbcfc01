"""What the graders share: the embed text a right answer is looked for in, the keyword
rule, and one run of `rolecall ask --json` over many questions. (`grade.py` stays a
verbatim copy of the team's grader.)"""
import json, re, subprocess, sys

MAX_CHARS = 2500


def embed_text(e):
    """Title, description, fields and footer of an embed, one per line."""
    if not isinstance(e, dict):
        return ""
    parts = [e.get("title") or "", e.get("description") or ""]
    for f in e.get("fields") or []:
        parts += [f.get("name") or "", f.get("value") or ""]
    parts.append((e.get("footer") or {}).get("text") or "")
    return "\n".join(parts)


def has(text, kw):
    """True when `kw` starts a word of `text` (case-insensitive), as grade.py reads it."""
    return re.search(r"(?<![a-z0-9])" + re.escape(kw.strip().lower()), text.lower()) is not None


def right(row, out):
    """True when an answerable row's reply answered with one of its keywords."""
    text = embed_text(out.get("embed"))
    return bool(out.get("answered")) and len(text) <= MAX_CHARS and any(has(text, k) for k in row["expect_any"])


def ask(binary, qs):
    """Runs `binary ask --json` once over `qs`; one parsed reply per question."""
    p = subprocess.run([binary, "ask", "--json"], input="".join(" ".join(q.split()) + "\n" for q in qs),
                       capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        sys.exit(f"`{binary} ask --json` exited {p.returncode}: {p.stderr[-800:]}")
    outs = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    assert len(outs) == len(qs), f"{len(qs)} in, {len(outs)} out"
    return outs
