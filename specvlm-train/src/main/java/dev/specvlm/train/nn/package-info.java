/**
 * The reference VLM written in DJL NDArray operations for training: the same math as the ONNX graphs of
 * {@code dev.specvlm.onnx.reference} (weights by the same PyTorch-layout state-dict names), with autograd.
 *
 * <ul>
 *   <li>{@link dev.specvlm.train.nn.ParameterSet} — named parameters and their manager;</li>
 *   <li>{@link dev.specvlm.train.nn.TargetNet} — vision encoder, projector and LLaMA decoder over padded batches;</li>
 *   <li>{@link dev.specvlm.train.nn.DraftNet} — the EagleVLM draft head (fusion FC, input RMSNorm, one layer);</li>
 *   <li>{@link dev.specvlm.train.nn.AdamW} — AdamW with global-norm clipping and checkpointable state;</li>
 *   <li>{@link dev.specvlm.train.nn.Checkpoint} — named float tensors on disk, written atomically.</li>
 * </ul>
 *
 * <p>DJL's PyTorch engine computes in float32 only here (see the notes on bf16 and fp16 on CPU). Results of an
 * operation belong to the manager of its first operand, so parameters' managers collect temporaries; callers run
 * {@link dev.specvlm.train.nn.ParameterSet#releaseTemporaries()} after each optimizer step.
 */
@NullMarked
package dev.specvlm.train.nn;

import org.jspecify.annotations.NullMarked;
