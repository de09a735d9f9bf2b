#!/bin/sh
# credence on one machine, in N processes: shard K/N for K in 0..N-1 with
# xargs -P (or GNU parallel when asked), then the merge.
#
#   deploy/local/shards.sh INPUT RULES WORK [N] [xargs|parallel]
#
# Partials go to WORK/parts/K, the reports to WORK/reports. Each process
# holds one shard's batch of texts, so N processes need N times the memory of
# one; give each --jobs 1 and let N be the number of cores.
set -eu
input=${1:?usage: shards.sh INPUT RULES WORK [N] [xargs|parallel]}
rules=${2:?rules folder}
work=${3:?work folder}
n=${4:-$(nproc 2>/dev/null || echo 2)}
runner=${5:-xargs}
credence=${CREDENCE:-credence}
# Undated articles take the run date: one for every shard, even when the
# run crosses midnight (the merge checks that they agree).
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(date +%s)}
export SOURCE_DATE_EPOCH
mkdir -p "$work/parts"
rm -rf "$work"/parts/*

# One shard: the shard number K comes last, after the fixed arguments, as
# a positional parameter (never substituted into a path, which may hold
# any character).
one_shard='exec "$0" score "$1" --rules "$2" --shard "$5/$3" --out "$4/parts/$5" --jobs 1 --quiet'

case "$runner" in
xargs)
    seq 0 $((n - 1)) | xargs -P "$n" -n 1 \
        sh -c "$one_shard" "$credence" "$input" "$rules" "$n" "$work"
    ;;
parallel)
    seq 0 $((n - 1)) | parallel -q --halt now,fail=1 -j "$n" \
        sh -c "$one_shard" "$credence" "$input" "$rules" "$n" "$work"
    ;;
*)
    echo "shards.sh: runner is xargs or parallel, not $runner" >&2
    exit 2
    ;;
esac
"$credence" merge "$work"/parts/* --rules "$rules" --out "$work/reports"
