/**
 * The bundled tiny VLM: its sizes ({@link dev.specvlm.train.vlm.TinyVlm}), its training on procedural scenes
 * with next-token loss on the answer tokens ({@link dev.specvlm.train.vlm.TargetTrainer}), the batches it trains
 * on ({@link dev.specvlm.train.vlm.TargetBatches}) and the measurement of what it learned
 * ({@link dev.specvlm.train.vlm.TargetEvaluation}).
 */
@NullMarked
package dev.specvlm.train.vlm;

import org.jspecify.annotations.NullMarked;
