#!/usr/bin/env python3
"""Shows the rewritten tests bite: applies each small break to the code, runs the test that
names that behaviour, expects it to FAIL, and puts the file back (also when interrupted).

    python3 scripts/mutants.py      # from the repository root; one line per break
"""
import os
import subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
M = [
 ("complete.rs at_most_25: 25 -> 26 choices", "crates/core/src/limits.rs", "pub const CHOICES: usize = 25;", "pub const CHOICES: usize = 26;", "cargo test -q -p rolecall-core --lib complete::tests::at_most_25"),
 ("complete.rs at_most_25: names cut at 101", "crates/core/src/limits.rs", "pub const CHOICE_NAME: usize = 100;", "pub const CHOICE_NAME: usize = 101;", "cargo test -q -p rolecall-core --lib complete::tests::at_most_25"),
 ("learn a_suggested: candidates not rounded", "crates/core/src/learn/mod.rs", "confidence: crate::matching::rounded(c),", "confidence: c,", "cargo test -q -p rolecall-core --lib learn::tests::a_suggested"),
 ("learn a_suggested: two candidates kept", "crates/core/src/learn/mod.rs", "pub const MAX_CANDIDATES: usize = 3;", "pub const MAX_CANDIDATES: usize = 2;", "cargo test -q -p rolecall-core --lib learn::tests::a_suggested"),
 ("buttons none_of_these: two examples", "crates/core/src/knowledge/naming.rs", "pub const EXAMPLES: usize = 3;", "pub const EXAMPLES: usize = 2;", "cargo test -q --lib discord::buttons::tests::none_of_these"),
 ("buttons none_of_these: another title", "crates/core/src/reply/matched.rs", "\"Let's try that another way\"", "\"Try again\"", "cargo test -q --lib discord::buttons::tests::none_of_these"),
 ("messages too_long: a wrong limit said", "crates/core/src/reply/matched.rs", "                cfg.max_question_chars,\n", "                cfg.max_question_chars + 1,\n", "cargo test -q --lib discord::messages::tests::an_over_long"),
 ("help lists commands: /faq dropped", "crates/core/src/reply/matched.rs", "\"`/faq` a common question or a term\",", "\"a common question or a term\",", "cargo test -q --lib discord::commands::help::tests::help_is_private"),
 ("help lists commands: /compare renamed", "src/discord/commands/compare.rs", "pub const NAME: &str = \"compare\";", "pub const NAME: &str = \"versus\";", "cargo test -q --lib discord::commands::help::tests::help_is_private"),
 ("limits: title constant 257", "crates/core/src/limits.rs", "pub const TITLE: usize = 256;", "pub const TITLE: usize = 257;", "cargo test -q -p rolecall-core --test core limits::"),
 ("limits: field value constant 1025", "crates/core/src/limits.rs", "pub const FIELD_VALUE: usize = 1024;", "pub const FIELD_VALUE: usize = 1025;", "cargo test -q -p rolecall-core --test core limits::"),
 ("limits: total constant 6001", "crates/core/src/limits.rs", "pub const TOTAL: usize = 6000;", "pub const TOTAL: usize = 6001;", "cargo test -q -p rolecall-core --test core limits::"),
]
ok = True
for name, f, old, new, cmd in M:
    path = os.path.join(ROOT, f)
    src = open(path).read()
    if src.count(old) != 1:
        print(f"SKIP {name}: pattern found {src.count(old)} times"); ok = False; continue
    open(path, "w").write(src.replace(old, new))
    try:
        r = subprocess.run(cmd, shell=True, cwd=ROOT, capture_output=True, text=True, timeout=900)
    finally:
        open(path, "w").write(src)
    failed = r.returncode != 0
    compile_err = "error[" in r.stderr or "could not compile" in r.stderr
    print(f"{'FAILS (good)' if failed and not compile_err else ('COMPILE ERROR' if compile_err else 'PASSES (bad)')}: {name}")
    if not failed or compile_err: ok = False
sys.exit(0 if ok else 1)
