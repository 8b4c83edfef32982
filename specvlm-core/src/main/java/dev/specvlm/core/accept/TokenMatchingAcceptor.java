package dev.specvlm.core.accept;

import dev.specvlm.core.tree.DraftTree;

/**
 * Acceptance by matching: at each node the target's own token for the next position is decided first, then the
 * drafted child carrying that token (if any) is accepted, else that token is the bonus. Greedy and coupled sampling
 * differ only in how the target's token is decided; the output is therefore, token for token, what autoregressive
 * decoding with the same rule produces.
 */
abstract class TokenMatchingAcceptor implements TreeAcceptor {
  private final int vocab;

  TokenMatchingAcceptor(int vocab) {
    this.vocab = vocab;
  }

  /**
   * The target's token after node row {@code node}.
   *
   * @param path the drafted tokens from the root's child down to this node, {@code path[0, depth)}
   * @param generatedIndex the generated-token index being decided
   */
  abstract int targetToken(float[] logits, int offset, int[] path, int depth, int position, int generatedIndex);

  @Override
  public final void accept(DraftTree tree, float[] logits, int rootPosition, int nextIndex, AcceptanceResult out) {
    out.start();
    int node = 0;
    while (true) {
      int depth = out.accepted();
      int token = targetToken(logits, node * vocab, out.newTokens(), depth, rootPosition + depth, nextIndex + depth);
      int child = tree.childWithToken(node, token);
      if (child < 0) {
        out.finish(token);
        return;
      }
      out.acceptChild(child, token);
      node = child;
    }
  }
}
