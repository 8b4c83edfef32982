/**
 * Measurements of trained models on held-out scenes, through the public decoding API: the draft's mean accepted
 * length σ and the speedup over autoregressive decoding ({@link dev.specvlm.train.eval.AcceptanceBenchmark}), and
 * whether the target uses the image and how predictable its text is ({@link dev.specvlm.train.eval.TargetEvaluation}).
 */
@NullMarked
package dev.specvlm.train.eval;

import org.jspecify.annotations.NullMarked;
