package dev.specvlm.core.accept;

import dev.specvlm.core.tree.DraftTree;

/**
 * Decides, from the target's logits over a verified draft tree, which drafted path is kept and which bonus token
 * follows it (brief §4). Implementations keep the target's output distribution exactly. Not thread-safe; one per
 * generation.
 */
public interface TreeAcceptor {
  /**
   * Accepts a path of {@code tree}.
   *
   * @param tree the verified tree, {@link DraftTree#finish() finished}; siblings in descending draft probability
   * @param logits the target's logits {@code [tree.size(), V]} row-major, row m = node m
   * @param rootPosition the sequence position of the root (row m is at {@code rootPosition + depth(m)}), for errors
   * @param nextIndex the generated-token index of the root's children (tokens generated so far)
   * @param out receives the path and the new tokens
   */
  void accept(DraftTree tree, float[] logits, int rootPosition, int nextIndex, AcceptanceResult out);
}
