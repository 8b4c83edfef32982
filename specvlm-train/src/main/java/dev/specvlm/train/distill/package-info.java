/**
 * Online-logit distillation (SpecVLM §3.5): an EagleVLM draft head trained against a target that is run on the fly,
 * with nothing written to disk but checkpoints.
 *
 * <ul>
 *   <li>{@link dev.specvlm.train.distill.OnlineDistiller} — the loop: teacher pass, student step, AdamW, progress,
 *       checkpoints, per-epoch export;</li>
 *   <li>{@link dev.specvlm.train.distill.OnnxTeacher} — the target model folder on ONNX Runtime (teacher forcing
 *       over a conversation: post-norm features of every position, logits of the answer positions);</li>
 *   <li>{@link dev.specvlm.train.distill.DraftInputs} — the shift-by-one pairing (brief §2.3, §8.3) and the loss
 *       alignment; the seam where the elastic visual compressor will shorten the visual span (brief §6.4, §7);</li>
 *   <li>{@link dev.specvlm.train.distill.DistillationLoss} — 1.0·SmoothL1(features) + 0.1·soft cross-entropy;</li>
 *   <li>{@link dev.specvlm.train.distill.DistillationData} and
 *       {@link dev.specvlm.train.distill.SceneConversations} — what the teacher is run on.</li>
 * </ul>
 */
@NullMarked
package dev.specvlm.train.distill;

import org.jspecify.annotations.NullMarked;
