#!/bin/sh
# Distils an EagleVLM draft head for a specvlm model folder (online-logit distillation; the folder's target is the
# teacher). Run from the repository root; resumable (run the same command again after an interruption).
#   specvlm-train/distill.sh MODEL_DIR RUN_DIR [--epochs N] [--samples N] [--ffn N] [--compressor] [--write]
# --compressor trains the elastic visual compressor with a draft of its own (SpecVLM); --write then adds both to
# MODEL_DIR and keeps its draft.onnx (the EagleVLM draft).
set -e
mvn -q -pl specvlm-train -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile="$PWD/target/specvlm-train.classpath"
export MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=17179869184 OMP_WAIT_POLICY=PASSIVE
exec java -Xmx6g -Dai.djl.offline=true \
    -cp "specvlm-train/target/classes:$(cat target/specvlm-train.classpath)" \
    dev.specvlm.train.DistillCommand "$@"
