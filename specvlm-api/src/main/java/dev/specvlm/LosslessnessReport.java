package dev.specvlm;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link SpecDecoder#verifyLossless} found: for each prompt, whether the speculative run produced exactly the
 * autoregressive run's tokens, and where it first differed. Immutable.
 *
 * <p>At temperature 0 the comparison is token for token against greedy autoregressive decoding. Under sampling it is
 * seed-coupled: both runs use the same seed and {@link VerificationSampler#COUPLED}, which draws the token at each
 * output position with the same uniform, so a lossless engine reproduces autoregressive sampling exactly.
 *
 * <p>A divergence is a <em>numeric tie</em> when the two tokens are separated by less than the report's
 * {@link #tieTolerance()} at that position — greedy: their logits (after the repetition penalty) differ by at most the
 * tolerance; sampling: the position's uniform lies within the cumulative-probability shift that logit changes of that
 * size can cause ({@code expm1(2·tolerance / temperature)}) of the speculative token's interval. Such a divergence
 * comes from the batched (tree) and single-token kernels rounding differently, not from the algorithm; it is reported,
 * never hidden, but does not make {@link #lossless()} false.
 *
 * @param mode the speculative mode compared with {@link SpeculationMode#AR}
 * @param temperature the sampling temperature (0: greedy)
 * @param tieTolerance the logit distance under which a divergence counts as a numeric tie
 * @param prompts one result per prompt, in the order given
 */
public record LosslessnessReport(SpeculationMode mode, double temperature, double tieTolerance,
    List<PromptResult> prompts) {
  /** The default {@link #tieTolerance()}: 1e-3 in logit units, above float32 rounding of batched versus single-token kernels. */
  public static final double DEFAULT_TIE_TOLERANCE = 1e-3;

  /** Validates and copies. */
  public LosslessnessReport {
    Objects.requireNonNull(mode, "mode");
    prompts = List.copyOf(prompts);
  }

  /** Whether every prompt matched, ties aside: no divergence that is not a {@link Divergence#numericTie()}. */
  public boolean lossless() {
    return prompts.stream().allMatch(p -> p.divergence() == null || p.divergence().numericTie());
  }

  /** Whether every prompt matched token for token, ties included. */
  public boolean identical() {
    return prompts.stream().allMatch(p -> p.divergence() == null);
  }

  /** The divergences found, in prompt order (ties included). */
  public List<Divergence> divergences() {
    return prompts.stream().map(PromptResult::divergence).filter(Objects::nonNull).toList();
  }

  /** Tokens compared over all prompts (each prompt's matching prefix, plus the diverging token if any). */
  public long comparedTokens() {
    return prompts.stream().mapToLong(p -> p.matchingTokens() + (p.divergence() == null ? 0 : 1)).sum();
  }

  /**
   * One prompt's comparison.
   *
   * @param promptIndex the prompt's index in the list given
   * @param seed the seed both runs used
   * @param autoregressiveTokens tokens the autoregressive run generated
   * @param speculativeTokens tokens the speculative run generated
   * @param matchingTokens the length of the common prefix
   * @param autoregressiveFinish why the autoregressive run ended
   * @param speculativeFinish why the speculative run ended
   * @param meanAcceptedLength σ of the speculative run
   * @param divergence the first difference, or null if the runs agree (a run cut short by a timeout or cancellation
   *     is compared over its length)
   */
  public record PromptResult(int promptIndex, long seed, int autoregressiveTokens, int speculativeTokens,
      int matchingTokens, FinishReason autoregressiveFinish, FinishReason speculativeFinish,
      double meanAcceptedLength, @Nullable Divergence divergence) {
    /** Validates. */
    public PromptResult {
      Objects.requireNonNull(autoregressiveFinish, "autoregressiveFinish");
      Objects.requireNonNull(speculativeFinish, "speculativeFinish");
    }
  }

  /**
   * The first output position where the two runs differ, scored by teacher forcing: the target is run token by token
   * (as autoregressive decoding runs it) over the prompt and the common prefix, and the two tokens are looked up in
   * the distribution it gives for the diverging position.
   *
   * @param promptIndex the prompt's index
   * @param position the generated-token index of the divergence (0 = the first generated token)
   * @param autoregressiveToken the autoregressive run's token there, or −1 if that run had ended
   * @param speculativeToken the speculative run's token there, or −1 if that run had ended
   * @param autoregressiveProbability the probability of {@code autoregressiveToken} (NaN for −1): the processed
   *     sampling distribution when sampling, the softmax of the penalised logits when greedy
   * @param speculativeProbability the same for {@code speculativeToken}
   * @param autoregressiveLogit the logit of {@code autoregressiveToken} after the repetition penalty (NaN for −1)
   * @param speculativeLogit the same for {@code speculativeToken}
   * @param numericTie whether the two tokens are within the report's tie tolerance (see {@link LosslessnessReport})
   */
  public record Divergence(int promptIndex, int position, int autoregressiveToken, int speculativeToken,
      double autoregressiveProbability, double speculativeProbability, double autoregressiveLogit,
      double speculativeLogit, boolean numericTie) {
    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT,
          "prompt %d, token %d: autoregressive %d (p=%.4g, logit %.6g) vs speculative %d (p=%.4g, logit %.6g)%s",
          promptIndex, position, autoregressiveToken, autoregressiveProbability, autoregressiveLogit,
          speculativeToken, speculativeProbability, speculativeLogit, numericTie ? " — numeric tie" : "");
    }
  }
}
