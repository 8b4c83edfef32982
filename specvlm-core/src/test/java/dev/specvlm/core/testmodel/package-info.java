/**
 * Pure-Java test models for the engine, shipped in specvlm-core's test-jar so that backends and benchmarks can reuse
 * them.
 *
 * <ul>
 *   <li>{@link dev.specvlm.core.testmodel.ReferenceTarget} — a language model whose next-token distribution is a hash
 *       of every KV row it can see (each row a hash of the input embedding and the position), folded in cache order:
 *       a wrong commit, gather order, rollback, position or mask changes its output;</li>
 *   <li>{@link dev.specvlm.core.testmodel.TunableDraft} — an EAGLE-style draft over (feature, next embedding) pairs
 *       that reconstructs the target's distribution and adds deterministic noise of tunable strength (0 = the
 *       target's own ranking, large = near random), and checks the engine's tree feature routing, positions and
 *       masks;</li>
 *   <li>{@link dev.specvlm.core.testmodel.TestEmbedder}, {@link dev.specvlm.core.testmodel.TestTokenizer} (byte
 *       pieces, multi-letter pieces, a two-byte character split over two tokens),
 *       {@link dev.specvlm.core.testmodel.StubVision} (N visual slots per image);</li>
 *   <li>{@link dev.specvlm.core.testmodel.TestModels} — builds a {@link dev.specvlm.core.model.ModelBundle} of
 *       them.</li>
 * </ul>
 */
@NullMarked
package dev.specvlm.core.testmodel;

import org.jspecify.annotations.NullMarked;
