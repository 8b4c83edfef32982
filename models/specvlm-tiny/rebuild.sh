#!/bin/sh
# Rebuilds models/specvlm-tiny from scratch: trains the target VLM, exports it, evaluates it, distils the draft
# (measuring sigma after each epoch) and writes the model folder, its MODEL_CARD.md and docs/training-scaling.*.
# Run from the repository root. About 3-4 hours on 2 CPU cores; resumable: run it again after an interruption.
#   models/specvlm-tiny/rebuild.sh [RUN_DIR] [stage ...]     (stages: target export evaluate distill bundle)
set -e
RUN=${1:-target/specvlm-tiny-run}
[ $# -gt 0 ] && shift
mvn -q -pl specvlm-train -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile="$PWD/target/specvlm-train.classpath"
# glibc keeps freed activation memory instead of returning (and re-faulting) it every step; OpenMP threads sleep
# instead of spinning when the machine is shared
export MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=17179869184 OMP_WAIT_POLICY=PASSIVE
exec java -Xmx6g -Dai.djl.offline=true \
    -cp "specvlm-train/target/classes:$(cat target/specvlm-train.classpath)" \
    dev.specvlm.train.TinyModelBuild "$RUN" "$@"
