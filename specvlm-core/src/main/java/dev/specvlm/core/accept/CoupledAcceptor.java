package dev.specvlm.core.accept;

/**
 * Seed-coupled sample-and-match: the token at generated index p is the inverse-CDF sample of the processed target
 * distribution with the uniform {@link PositionUniforms#uniform(long, long) uniform(seed, p)}; a drafted child is
 * accepted iff it equals that token. Autoregressive sampling uses the same rule, so with one seed the output is
 * identical with speculation on or off; each token is an exact sample of the target's processed distribution.
 */
public final class CoupledAcceptor extends TokenMatchingAcceptor {
  private final LogitsProcessor processor;
  private final TokenContext context;
  private final long seed;

  /**
   * A coupled acceptor.
   *
   * @param processor a sampling processor ({@code temperature > 0})
   * @param context the generation's committed context, for the repetition penalty
   * @param seed the generation's seed
   */
  public CoupledAcceptor(LogitsProcessor processor, TokenContext context, long seed) {
    super(processor.vocabSize());
    if (processor.greedy()) {
      throw new IllegalArgumentException("CoupledAcceptor needs a sampling (temperature > 0) processor");
    }
    this.processor = processor;
    this.context = context;
    this.seed = seed;
  }

  @Override
  int targetToken(float[] logits, int offset, int[] path, int depth, int position, int generatedIndex) {
    TokenDistribution d = processor.process(logits, offset, context, path, depth, position);
    return d.sample(PositionUniforms.uniform(seed, generatedIndex));
  }
}
