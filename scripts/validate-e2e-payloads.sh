#!/usr/bin/env bash
# Validates every REST request body the end-to-end tests sent to the fake Discord against
# Discord's OpenAPI spec and documented limits (the fake accepts anything; Discord answers
# 400 to a bad body). Run after the e2e tests, which write target/e2e-requests/<test>.jsonl:
#
#   cargo test --locked --test e2e && scripts/validate-e2e-payloads.sh
#
# Needs python3; installs jsonschema if it is missing. Exits non-zero on any violation.
set -euo pipefail
cd "$(dirname "$0")/.."

validator=tools/discord-spec/validate_payloads.py
dir="${CARGO_TARGET_DIR:-target}/e2e-requests"

if [[ ! -f "$validator" ]]; then
    echo "error: $validator not found (it is part of the repository: tools/discord-spec)" >&2
    exit 2
fi

shopt -s nullglob
files=("$dir"/*.jsonl)
shopt -u nullglob
if ((${#files[@]} == 0)); then
    echo "error: no recorded requests in $dir/*.jsonl; run \`cargo test --locked --test e2e\` first" >&2
    exit 2
fi

if ! python3 -c 'import jsonschema, referencing' 2>/dev/null; then
    echo "installing jsonschema for the validator" >&2
    python3 -m pip install --quiet 'jsonschema>=4.18'
fi

all=$(mktemp "${TMPDIR:-/tmp}/e2e-requests.XXXXXX.jsonl")
trap 'rm -f "$all"' EXIT
cat "${files[@]}" >"$all"
echo "validating $(wc -l <"$all") recorded requests from ${#files[@]} tests in $dir" >&2
python3 "$validator" "$all"
