/**
 * Logits processing and acceptance: how the target's verification logits decide which drafted tokens are kept and
 * which bonus token follows (brief §4).
 *
 * <ul>
 *   <li>{@link dev.specvlm.core.accept.LogitsProcessor} turns one row of target logits into the processed
 *       distribution ({@link dev.specvlm.core.accept.TokenDistribution}) exactly as autoregressive sampling does:
 *       repetition penalty, temperature, top-k, top-p, min-p;</li>
 *   <li>{@link dev.specvlm.core.accept.TreeAcceptor} walks a verified {@link dev.specvlm.core.tree.DraftTree}:
 *       {@link dev.specvlm.core.accept.GreedyAcceptor} (temperature 0),
 *       {@link dev.specvlm.core.accept.CoupledAcceptor} (seed-coupled sample-and-match) and
 *       {@link dev.specvlm.core.accept.RejectionAcceptor} (EAGLE-2 recursive sibling rejection);</li>
 *   <li>{@link dev.specvlm.core.accept.PositionUniforms} gives the per-position uniforms that make coupled sampling
 *       identical with speculation on or off; {@link dev.specvlm.core.accept.TopK} is the shared deterministic
 *       top-k selection (value descending, lower index first on ties).</li>
 * </ul>
 */
@NullMarked
package dev.specvlm.core.accept;

import org.jspecify.annotations.NullMarked;
