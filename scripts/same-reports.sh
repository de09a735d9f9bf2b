#!/usr/bin/env bash
# Shows that a change keeps credence's reports byte-identical.
#
#   scripts/same-reports.sh BASE_REV [MB]
#
# Builds `credence` at BASE_REV (in a temporary git worktree) and at the
# working tree, runs both on the seeds, on every scenario under
# tests/corpora/ (with its rules/ and args), and on a gen-corpus corpus of MB
# megabytes (default 20, 0 to skip), each with --jobs 1 and --jobs 2, then
# compares byte for byte every report the base wrote (a report that only the
# working tree writes, such as a new one, is listed, not compared). Every
# difference is printed with diff and the run goes on; exits 0 when every
# report is identical, 1 when any differs or is missing, 2 on a usage error.
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

different=()

# reports DIR: the report files in DIR, one per line, sorted (credence's own
# files, such as the incremental cache with its version stamp, left out).
reports() {
    (cd "$1" && find . -type f ! -name '.credence*' | sed 's|^\./||' | LC_ALL=C sort)
}

# compare OLD NEW: diffs every report OLD has with NEW's. Returns 1 when one
# differs or is missing in NEW.
compare() {
    local a=$1 b=$2 f rc=0
    while IFS= read -r f; do
        if [ ! -f "$b/$f" ]; then
            echo "missing in the working tree's reports: $f"
            rc=1
        elif ! cmp -s "$a/$f" "$b/$f"; then
            diff "$a/$f" "$b/$f" || true
            rc=1
        fi
    done < <(reports "$a")
    return $rc
}

# run NAME RULES INPUT [ARGS...]: both binaries, both job counts.
run() {
    local name=$1 rules=$2 input=$3
    shift 3
    local bin tag jobs same=1 extra
    for jobs in 1 2; do
        for tag in old new; do
            [ "$tag" = old ] && bin=$old || bin=$new
            mkdir -p "$work/$tag/$name-j$jobs"
            "$bin" score "$input" --rules "$rules" --out "$work/$tag/$name-j$jobs" \
                -q --no-progress --jobs "$jobs" "$@" || [ $? -eq 1 ]
        done
        if ! compare "$work/old/$name-j$jobs" "$work/new/$name-j$jobs"; then
            echo "DIFFERENT: $name (--jobs $jobs)" >&2
            different+=("$name (--jobs $jobs)")
            same=0
        fi
    done
    extra=$(LC_ALL=C comm -13 <(reports "$work/old/$name-j1") <(reports "$work/new/$name-j1") |
        paste -sd ' ' -)
    [ $same = 0 ] || echo "same: $name${extra:+ (not compared, new: $extra)}"
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
if [ ${#different[@]} -gt 0 ]; then
    echo "reports differ from $base in: ${different[*]}" >&2
    exit 1
fi
echo "all reports identical to $base"
