#!/bin/sh
# Submits the shards array, then the merge to start when all of it succeeded.
set -eu
here=$(dirname "$0")
shards=$(sbatch --parsable "$here/shards.sbatch")
sbatch --dependency="afterok:${shards}" "$here/merge.sbatch"
