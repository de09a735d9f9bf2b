#!/usr/bin/env bash
# Shows that a change keeps credence's reports byte-identical.
#
#   scripts/same-reports.sh BASE_REV [MB]
#
# Builds `credence` at BASE_REV (in a temporary git worktree) and at the
# working tree, runs both on the seeds, on every scenario under
# tests/corpora/ (with its rules/ and args), and on a gen-corpus corpus of MB
# megabytes (default 20, 0 to skip), each with --jobs 1 and --jobs 2, then
# compares all reports byte for byte. Exits 0 when every report is identical,
# 1 on the first difference (printed with diff), 2 on a usage error.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?usage: scripts/same-reports.sh BASE_REV [MB]}
mb=${2:-20}
work=$(mktemp -d "${TMPDIR:-/tmp}/same-reports.XXXXXX")
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git worktree add --detach "$work/base" "$base" >/dev/null
# The base build gets its own target folder so the two builds never mix.
cargo build --release --quiet --manifest-path "$work/base/Cargo.toml" \
    --target-dir "${SAME_REPORTS_BASE_TARGET:-target/same-reports-base}"
cargo build --release --quiet
old="${SAME_REPORTS_BASE_TARGET:-target/same-reports-base}/release/credence"
new=target/release/credence
gen=target/release/gen-corpus

# run NAME RULES INPUT [ARGS...]: both binaries, both job counts.
run() {
    local name=$1 rules=$2 input=$3
    shift 3
    local bin tag jobs
    for jobs in 1 2; do
        for tag in old new; do
            [ "$tag" = old ] && bin=$old || bin=$new
            mkdir -p "$work/$tag/$name-j$jobs"
            "$bin" score "$input" --rules "$rules" --out "$work/$tag/$name-j$jobs" \
                -q --no-progress --jobs "$jobs" "$@" || [ $? -eq 1 ]
        done
        # The incremental cache holds the binary's own version stamp; compare reports only.
        if ! diff -r -x '.credence*' "$work/old/$name-j$jobs" "$work/new/$name-j$jobs"; then
            echo "DIFFERENT: $name (--jobs $jobs)" >&2
            exit 1
        fi
    done
    echo "same: $name"
}

run seeds rules seeds --as-of 2026-02-20
for dir in tests/corpora/*/; do
    name=$(basename "$dir")
    rules=rules
    [ -d "$dir/rules" ] && rules="$dir/rules"
    args=()
    if [ -f "$dir/args" ]; then
        while IFS= read -r line; do
            line=${line%$'\r'}
            [ -n "$line" ] && args+=("$line")
        done <"$dir/args"
    fi
    run "$name" "$rules" "$dir/input" --no-bom "${args[@]}"
done
if [ "$mb" != 0 ]; then
    "$gen" --size "$mb" --out "$work/gen" >/dev/null
    run "gen-$mb-MB" rules "$work/gen/articles"
fi
echo "all reports identical to $base"
