package dev.specvlm.core.accept;

import dev.specvlm.core.tree.DraftTree;
import java.util.SplittableRandom;

/**
 * EAGLE-2's recursive rejection over siblings for deterministic drafts (brief §4.2): at each node, the processed
 * target distribution p is formed with the node's own path as context; the children are tried in descending draft
 * probability (duplicates skipped), child x accepted with probability p(x) under the current residual, otherwise x is
 * removed and p renormalised. When every child is rejected the bonus is sampled from the residual; when a leaf is
 * reached it is sampled from the leaf's full processed distribution (the HEAD fix: the processor is applied there too).
 */
public final class RejectionAcceptor implements TreeAcceptor {
  private final LogitsProcessor processor;
  private final TokenContext context;
  private final SplittableRandom random;
  private final int vocab;
  private final int[] tried; // [maxSiblings] tokens already tried at the current node

  /**
   * A rejection acceptor.
   *
   * @param processor a sampling processor ({@code temperature > 0})
   * @param context the generation's committed context, for the repetition penalty
   * @param random the generation's random stream (seeded from the generation's seed)
   * @param maxSiblings the most children a node can have
   */
  public RejectionAcceptor(LogitsProcessor processor, TokenContext context, SplittableRandom random,
      int maxSiblings) {
    if (processor.greedy()) {
      throw new IllegalArgumentException("RejectionAcceptor needs a sampling (temperature > 0) processor");
    }
    this.processor = processor;
    this.context = context;
    this.random = random;
    this.vocab = processor.vocabSize();
    this.tried = new int[Math.max(1, maxSiblings)];
  }

  @Override
  public void accept(DraftTree tree, float[] logits, int rootPosition, int nextIndex, AcceptanceResult out) {
    out.start();
    int node = 0;
    descend:
    while (true) {
      int depth = out.accepted();
      TokenDistribution p =
          processor.process(logits, node * vocab, context, out.newTokens(), depth, rootPosition + depth);
      int triedCount = 0;
      for (int child = tree.firstChild(node); child >= 0; child = tree.nextSibling(child)) {
        int x = tree.token(child);
        if (contains(tried, triedCount, x)) {
          continue;
        }
        tried[triedCount++] = x;
        if (random.nextDouble() < p.probability(x)) {
          out.acceptChild(child, x);
          node = child;
          continue descend;
        }
        p.remove(x);
      }
      out.finish(p.sample(random.nextDouble()));
      return;
    }
  }

  private static boolean contains(int[] a, int n, int x) {
    for (int i = 0; i < n; i++) {
      if (a[i] == x) {
        return true;
      }
    }
    return false;
  }
}
