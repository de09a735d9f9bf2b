#!/bin/sh
# Runs the shards, waits for all of them, then the merge; prints the merge's
# summary line. Needs kubectl pointed at the cluster and the credence-data
# volume holding /data/articles and /data/rules.
set -eu
here=$(dirname "$0")
kubectl delete job credence-shards credence-merge --ignore-not-found
kubectl apply -f "$here/shards-job.yaml"
kubectl wait --for=condition=complete --timeout=24h job/credence-shards
kubectl apply -f "$here/merge-job.yaml"
kubectl wait --for=condition=complete --timeout=24h job/credence-merge
kubectl logs job/credence-merge
