package dev.specvlm.core.accept;

/**
 * Greedy verification (temperature 0): walks from the root, accepting the child equal to the arg max of the target's
 * (penalised) logits at each node; the arg max where no child matches is the bonus. Equivalent to EAGLE-2's longest
 * matching retrieve path (siblings carry distinct tokens), but computes arg max only along the accepted path.
 */
public final class GreedyAcceptor extends TokenMatchingAcceptor {
  private final LogitsProcessor processor;
  private final TokenContext context;

  /**
   * A greedy acceptor.
   *
   * @param processor a processor with {@code temperature == 0}
   * @param context the generation's committed context, for the repetition penalty
   */
  public GreedyAcceptor(LogitsProcessor processor, TokenContext context) {
    super(processor.vocabSize());
    if (!processor.greedy()) {
      throw new IllegalArgumentException("GreedyAcceptor needs a greedy (temperature 0) processor");
    }
    this.processor = processor;
    this.context = context;
  }

  @Override
  int targetToken(float[] logits, int offset, int[] path, int depth, int position, int generatedIndex) {
    return processor.argmax(logits, offset, context, path, depth, position);
  }
}
