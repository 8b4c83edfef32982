package dev.specvlm.core.accept;

import dev.specvlm.core.tree.DraftTree;
import java.util.SplittableRandom;

/** Deliberately wrong acceptors, to show that the losslessness checks detect broken acceptance. */
public final class BrokenAcceptors {
  private BrokenAcceptors() {}

  /** Greedy-looking but trusts the draft: always accepts the first child down to a leaf. */
  public static TreeAcceptor trustTheDraft(LogitsProcessor processor, TokenContext context) {
    return (tree, logits, rootPosition, nextIndex, out) -> {
      out.start();
      int node = 0;
      while (tree.firstChild(node) >= 0) {
        node = tree.firstChild(node);
        out.acceptChild(node, tree.token(node));
      }
      int depth = out.accepted();
      out.finish(processor.argmax(logits, node * processor.vocabSize(), context, out.newTokens(), depth,
          rootPosition + depth));
    };
  }

  /**
   * Recursive rejection that forgets the residual: after rejecting siblings it samples the bonus from the full
   * distribution, giving rejected tokens back their mass.
   */
  public static TreeAcceptor rejectionWithoutResidual(LogitsProcessor processor, TokenContext context, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return (tree, logits, rootPosition, nextIndex, out) -> {
      out.start();
      int node = 0;
      while (true) {
        int depth = out.accepted();
        TokenDistribution p = processor.process(logits, node * processor.vocabSize(), context, out.newTokens(),
            depth, rootPosition + depth);
        int accepted = -1;
        for (int c = tree.firstChild(node); c >= 0 && accepted < 0; c = tree.nextSibling(c)) {
          if (random.nextDouble() < p.probability(tree.token(c))) {
            accepted = c;
          }
        }
        if (accepted < 0) {
          out.finish(p.sample(random.nextDouble()));
          return;
        }
        out.acceptChild(accepted, tree.token(accepted));
        node = accepted;
      }
    };
  }

  /** Coupled sample-and-match with the uniforms shifted by one position: right distribution, wrong coupling. */
  public static TreeAcceptor coupledOffByOne(LogitsProcessor processor, TokenContext context, long seed) {
    CoupledAcceptor shifted = new CoupledAcceptor(processor, context, seed);
    return (DraftTree tree, float[] logits, int rootPosition, int nextIndex, AcceptanceResult out) ->
        shifted.accept(tree, logits, rootPosition, nextIndex + 1, out);
  }
}
