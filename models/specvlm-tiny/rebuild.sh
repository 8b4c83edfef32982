#!/bin/sh
# Rebuilds models/specvlm-tiny from scratch: trains the target VLM and continues it with a grounding emphasis,
# exports and evaluates it, distils the draft (measuring sigma after each epoch), writes the model folder, its
# MODEL_CARD.md and docs/training-scaling.*, then distils the visual compressor with its own draft into the folder
# and writes the held-out prompt folder heldout/.
# Run from the repository root. About 3.3 hours on 2 CPU cores (measured: vision 17 min, target 51 min, ground 1.6 h,
# evaluate 2.5 min, draft distillation with sigma after each epoch 11 min, compressor 8 min); resumable: run it again
# if interrupted.
#   models/specvlm-tiny/rebuild.sh [RUN_DIR] [stage ...]
#   (stages: vision target ground export evaluate distill bundle compressor prompts; all of them when none is named)
# SPECVLM_JAVA_OPTS passes system properties, e.g. -Dspecvlm.groundPositions=6000000 to train the grounding longer.
set -e
RUN=${1:-target/specvlm-tiny-run}
[ $# -gt 0 ] && shift
mvn -q -pl specvlm-train -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile="$PWD/target/specvlm-train.classpath"
# glibc keeps freed activation memory instead of returning (and re-faulting) it every step; OpenMP threads sleep
# instead of spinning when the machine is shared
export MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=17179869184 OMP_WAIT_POLICY=PASSIVE
exec java ${SPECVLM_JAVA_OPTS:-} -Xmx6g -Dai.djl.offline=true \
    -cp "specvlm-train/target/classes:$(cat target/specvlm-train.classpath)" \
    dev.specvlm.train.TinyModelBuild "$RUN" "$@"
