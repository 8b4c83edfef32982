package dev.specvlm.core.budget;

import dev.specvlm.core.accept.AcceptanceResult;
import dev.specvlm.core.tree.DraftTree;
import java.util.Arrays;

/**
 * One generation's tally of which drafted tokens were accepted, by depth and sibling rank (see
 * {@link AcceptanceProfile}): for each node on a round's accepted path, its children in rank order count as offered
 * up to and including the one on the path, which counts as accepted; children ranked below an accepted sibling are
 * not counted, so {@code accepted / offered} estimates the probability of a rank given that no higher rank was
 * accepted. Not thread-safe; one per generation, {@link #drainInto drained} into the decoder's
 * shared {@link AcceptanceStatistics}. No allocation per round.
 */
public final class AcceptanceCounts {
  private final long[] offered = new long[AcceptanceProfile.DEPTHS * AcceptanceProfile.RANKS];
  private final long[] accepted = new long[AcceptanceProfile.DEPTHS * AcceptanceProfile.RANKS];
  private int rounds;

  /**
   * Records one verification round. Siblings in a {@link DraftTree} are ordered by descending draft probability and
   * are always the parent's top-ranked tokens, so a child's index among its siblings is its draft rank.
   *
   * @param tree the round's tree
   * @param result what the round accepted in {@code tree}
   */
  public void record(DraftTree tree, AcceptanceResult result) {
    int[] path = result.pathNodes();
    int a = result.accepted();
    for (int i = 0; i <= a; i++) {
      int node = path[i];
      int next = i < a ? path[i + 1] : -1;
      int row = Math.min(i, AcceptanceProfile.DEPTHS - 1) * AcceptanceProfile.RANKS;
      int rank = 0;
      for (int c = tree.firstChild(node); c >= 0; c = tree.nextSibling(c), rank++) {
        if (rank < AcceptanceProfile.RANKS) {
          offered[row + rank]++;
          if (c == next) {
            accepted[row + rank]++;
          }
        }
        if (c == next) {
          break;
        }
      }
    }
    rounds++;
  }

  /** Rounds recorded since the last drain. */
  public int rounds() {
    return rounds;
  }

  /** Adds the tally to {@code statistics} and clears it. */
  public void drainInto(AcceptanceStatistics statistics) {
    if (rounds == 0) {
      return;
    }
    statistics.add(offered, accepted, rounds);
    Arrays.fill(offered, 0);
    Arrays.fill(accepted, 0);
    rounds = 0;
  }
}
