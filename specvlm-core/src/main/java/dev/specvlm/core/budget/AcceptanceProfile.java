package dev.specvlm.core.budget;

import dev.specvlm.core.tree.StaticTreeShape;
import java.util.Arrays;

/**
 * How likely a drafted token is to be accepted, by where it sits in the tree: {@code probability(d, r)} is the
 * probability that, once the node at depth {@code d} (the root has depth 0) is on the accepted path, its child of
 * sibling rank {@code r} (0 = the draft's most probable token) is accepted. Siblings exclude each other, so the
 * probabilities of one depth sum to at most 1. Immutable.
 *
 * <p>Under this model a tree's expected number of accepted drafted tokens is the sum, over its drafted nodes, of the
 * product of these probabilities along the node's path from the root.
 *
 * <p>{@link #prior()} is the documented starting point before any round has been observed: the rank prior of
 * {@link StaticTreeShape} ({@value StaticTreeShape#TOP_RANK_PRIOR}·{@value StaticTreeShape#RANK_DECAY}^r) at every
 * depth. {@link AcceptanceStatistics#profile()} refines it with observed rounds.
 */
public final class AcceptanceProfile {
  /** Depths tracked individually; deeper nodes use the deepest tracked depth's probabilities. */
  public static final int DEPTHS = 16;
  /** Ranks tracked individually; lower ranks continue the last tracked rank's value with the prior's decay. */
  public static final int RANKS = 16;

  private static final AcceptanceProfile PRIOR = prior(StaticTreeShape.TOP_RANK_PRIOR, StaticTreeShape.RANK_DECAY);

  private final double[] p; // [DEPTHS, RANKS] row-major

  private AcceptanceProfile(double[] p) {
    this.p = p;
  }

  /** The prior: {@code 0.6 · 0.4^r} at every depth. */
  public static AcceptanceProfile prior() {
    return PRIOR;
  }

  /**
   * A profile of {@code top · decay^r} at every depth.
   *
   * @param top the probability that the draft's top token is accepted, in [0, 1]
   * @param decay the factor between neighbouring ranks, in [0, 1)
   */
  public static AcceptanceProfile prior(double top, double decay) {
    if (!(top >= 0 && top <= 1) || !(decay >= 0 && decay < 1)) {
      throw new IllegalArgumentException("acceptance prior needs top in [0, 1] and decay in [0, 1), got top=" + top
          + " decay=" + decay);
    }
    double[] p = new double[DEPTHS * RANKS];
    for (int d = 0; d < DEPTHS; d++) {
      double v = top;
      for (int r = 0; r < RANKS; r++) {
        p[d * RANKS + r] = v;
        v *= decay;
      }
    }
    return of(p);
  }

  /**
   * A profile from per-depth, per-rank probabilities; each depth's row is scaled down to sum to at most 1.
   *
   * @param probabilities {@code [DEPTHS, RANKS]} row-major, each in [0, 1]
   */
  public static AcceptanceProfile of(double[] probabilities) {
    if (probabilities.length != DEPTHS * RANKS) {
      throw new IllegalArgumentException("an acceptance profile needs " + DEPTHS + "x" + RANKS + " probabilities, got "
          + probabilities.length);
    }
    double[] p = probabilities.clone();
    for (int d = 0; d < DEPTHS; d++) {
      double sum = 0;
      for (int r = 0; r < RANKS; r++) {
        double v = p[d * RANKS + r];
        if (!(v >= 0 && v <= 1)) {
          throw new IllegalArgumentException("acceptance probability at depth " + d + ", rank " + r
              + " must be in [0, 1], got " + v);
        }
        sum += v;
      }
      if (sum > 1) {
        for (int r = 0; r < RANKS; r++) {
          p[d * RANKS + r] /= sum;
        }
      }
    }
    return new AcceptanceProfile(p);
  }

  /** The probability that the child of rank {@code rank} of an accepted node at depth {@code depth} is accepted. */
  public double probability(int depth, int rank) {
    int d = Math.min(depth, DEPTHS - 1);
    if (rank < RANKS) {
      return p[d * RANKS + rank];
    }
    return p[d * RANKS + RANKS - 1] * Math.pow(StaticTreeShape.RANK_DECAY, rank - RANKS + 1);
  }

  /** The expected number of accepted tokens of a chain of {@code length} drafted tokens (each the draft's top one). */
  public double expectedChainAcceptance(int length) {
    double e = 0;
    double path = 1;
    for (int d = 0; d < length; d++) {
      path *= probability(d, 0);
      e += path;
    }
    return e;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AcceptanceProfile a && Arrays.equals(a.p, p);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(p);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("AcceptanceProfile{");
    for (int d = 0; d < 4; d++) {
      s.append(d == 0 ? "" : "; ").append("d").append(d).append(':');
      for (int r = 0; r < 3; r++) {
        s.append(String.format(" %.2f", probability(d, r)));
      }
    }
    return s.append(" …}").toString();
  }
}
