package dev.specvlm.core.tree;

import dev.specvlm.core.kv.DraftKv;

/**
 * Builds one round's draft tree with the draft model. The engine first appends the round's stable pairs to the draft
 * (their last row predicts the root's children: {@code rootWidth()} top tokens and the root's predicted feature), then
 * calls {@link #draft}, which runs the tree levels as tentative draft rows and fills a {@link DraftTree}. Not
 * thread-safe; one per generation.
 */
public interface TreeDrafter {
  /** How many top tokens the last stable row must return: the root's candidate children. */
  int rootWidth();

  /** The most tree tokens, root included (the verification width T). */
  int maxTreeTokens();

  /** The most drafted tokens on one path. */
  int maxDepth();

  /** The most tentative draft rows one round appends. */
  int maxTentativeRows();

  /** The most children one node can have. */
  int maxSiblings();

  /**
   * Drafts a tree.
   *
   * @param draft the draft KV, tentative region empty; its stable length is the draft position of the root's children
   * @param rootToken the root (the last committed token, not yet in the target cache)
   * @param rootFeature holds the draft's predicted feature for the root's pair at {@code [offset, offset + H)}
   * @param rootIds the root's top tokens {@code [rootWidth()]}, descending draft log-probability
   * @param rootLogProbs their log-probabilities {@code [rootWidth()]}
   * @param out receives the tree, {@link DraftTree#finish() finished}
   */
  void draft(DraftKv draft, int rootToken, float[] rootFeature, int offset, int[] rootIds, float[] rootLogProbs,
      DraftTree out);
}
