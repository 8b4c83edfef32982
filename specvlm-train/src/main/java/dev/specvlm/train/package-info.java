/**
 * Online-logit distillation of EagleVLM drafts and the recipe of the bundled tiny model.
 *
 * <ul>
 *   <li>{@link dev.specvlm.train.TinyModelBuild} — the one command that rebuilds {@code models/specvlm-tiny}
 *       (target training, export, evaluation, distillation with the per-epoch scaling study, bundle);</li>
 *   <li>{@link dev.specvlm.train.DistillCommand} — distils a draft for any model folder;</li>
 *   <li>sub-packages: {@code nn} (the architecture in DJL), {@code vlm} (the tiny VLM and its training),
 *       {@code distill} (the online distiller), {@code export} (model folders), {@code eval} (measurements),
 *       {@code loop} (schedule and progress), {@code data} (procedural scenes and tokenizer).</li>
 * </ul>
 *
 * <p>Training runs on DJL's PyTorch engine (CPU natives by default; see {@code docs/training.md} for a GPU); nothing
 * here is needed to decode.
 */
@NullMarked
package dev.specvlm.train;

import org.jspecify.annotations.NullMarked;
