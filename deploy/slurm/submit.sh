#!/bin/sh
# Submits the shards array, then the merge to start when all of it succeeded.
set -eu
here=$(dirname "$0")
# Undated articles take the run date: one for every array task, however
# long they wait in the queue (sbatch passes the environment on).
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(date +%s)}
export SOURCE_DATE_EPOCH
shards=$(sbatch --parsable "$here/shards.sbatch")
sbatch --dependency="afterok:${shards}" "$here/merge.sbatch"
