package dev.specvlm;

import java.util.List;
import java.util.Objects;

/**
 * Statistics of one generation; they belong to that request only. Times are wall-clock nanoseconds measured by the
 * engine around each phase.
 *
 * <p>A <em>round</em> is one verification forward of the target: it commits the drafted tokens it accepts plus one
 * token sampled from the target (the bonus). In {@link SpeculationMode#AR} every target forward is a round that
 * commits one token. {@link #meanAcceptedLength()} is SpecVLM's σ: tokens committed per round.
 *
 * @param mode the speculation mode used
 * @param treeBudget the tree budget used (resolved if {@link TreeBudget#auto()} was requested)
 * @param seed the random seed used (the configured one, or the fresh one drawn for this request)
 * @param promptTokens positions of the prompt as the target sees it, visual slots included
 * @param visualTokens visual slots in the target's prompt
 * @param draftVisualTokens visual slots the draft sees after compression (equal to {@code visualTokens} without one)
 * @param compressorBranch the visual compressor branch used for this request (e.g. {@code "pool20"}; {@code "weighted3"}
 *     for the weighted mixture of ratio 3), or {@code "none"} when the draft saw every visual token (no compression,
 *     no visual tokens, or no draft)
 * @param generatedTokens tokens in the result
 * @param rounds verification rounds (target forwards after the prefill)
 * @param draftedTokens drafted tokens sent to verification, over all rounds (tree roots not counted)
 * @param acceptedTokens drafted tokens accepted, over all rounds
 * @param acceptedPerDepth element {@code d}: how many rounds accepted a drafted token at tree depth {@code d + 1}
 * @param visionNanos time in the vision encoder
 * @param prefillNanos time in the target and draft prefill (after vision)
 * @param draftPrefillNanos the draft side of {@code prefillNanos}: the compressor's gate and branch, and the draft's
 *     prefill forward over the (compressed) prompt; 0 without a draft
 * @param draftNanos time building draft trees
 * @param verifyNanos time in target verification forwards
 * @param commitNanos time in acceptance sampling and KV commits
 * @param targetForwardNanos time inside the target's forward calls after the prefill (the verification forwards; in
 *     {@link SpeculationMode#AR} every decoding step), a part of {@code verifyNanos}
 * @param draftForwardNanos time inside the draft's forward calls after the draft prefill (tree levels and the stable
 *     update of each round), a part of {@code draftNanos}
 * @param modelNanos time inside every model call of this generation: vision encoder, target and draft forwards
 *     (prefill included). For the ONNX backend this is ONNX Runtime's session runs plus the backend's staging of
 *     inputs and outputs; {@code totalNanos - modelNanos} is the engine's own time
 * @param totalNanos time from the call to the result
 * @param firstTokenNanos time from the call to the first committed token
 * @param peakKvBytes the largest number of KV-cache bytes this generation held (target and draft)
 */
public record SpecStats(
    SpeculationMode mode,
    TreeBudget treeBudget,
    long seed,
    int promptTokens,
    int visualTokens,
    int draftVisualTokens,
    String compressorBranch,
    int generatedTokens,
    int rounds,
    long draftedTokens,
    long acceptedTokens,
    List<Integer> acceptedPerDepth,
    long visionNanos,
    long prefillNanos,
    long draftPrefillNanos,
    long draftNanos,
    long verifyNanos,
    long commitNanos,
    long targetForwardNanos,
    long draftForwardNanos,
    long modelNanos,
    long totalNanos,
    long firstTokenNanos,
    long peakKvBytes) {

  /** Validates and copies the per-depth list. */
  public SpecStats {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(treeBudget, "treeBudget");
    Objects.requireNonNull(compressorBranch, "compressorBranch");
    acceptedPerDepth = List.copyOf(acceptedPerDepth);
  }

  /** σ: mean tokens committed per round, {@code (acceptedTokens + rounds) / rounds}; 0 before the first round. */
  public double meanAcceptedLength() {
    return rounds == 0 ? 0 : (double) (acceptedTokens + rounds) / rounds;
  }

  /** The share of drafted tokens that were accepted; 0 when nothing was drafted. */
  public double acceptanceRate() {
    return draftedTokens == 0 ? 0 : (double) acceptedTokens / draftedTokens;
  }

  /**
   * The share of wall time spent outside model calls, {@code 1 - modelNanos / totalNanos}: what the engine itself
   * (tree building, acceptance, KV bookkeeping, streaming) costs. 0 when nothing was timed.
   */
  public double outsideModelShare() {
    return totalNanos == 0 ? 0 : Math.max(0, 1 - (double) modelNanos / totalNanos);
  }

  /** Generated tokens per second over the whole call (vision and prefill included). */
  public double tokensPerSecond() {
    return totalNanos == 0 ? 0 : generatedTokens * 1e9 / totalNanos;
  }
}
