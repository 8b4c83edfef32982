package dev.specvlm.core.budget;

/**
 * A decoder's running record of accepted drafted tokens by depth and rank, fed by its generations
 * ({@link AcceptanceCounts#drainInto}) and read by the tree budget chooser. Thread-safe.
 *
 * <p>{@link #profile()} estimates, for each depth d and rank r, the conditional probability {@code c(d, r)} that the
 * rank-r child is accepted given that its parent was and no higher-ranked sibling was, as {@code (accepted + w·prior)
 * / (offered + w)} with a prior weight {@code w} of {@value #PRIOR_WEIGHT} observations; then {@code probability(d, r)
 * = c(d, r)·Π_{j<r}(1 − c(d, j))}, so siblings never sum above 1. The prior of a cell borrows from its neighbours:
 * depth 0, rank 0 starts from the prior profile ({@link AcceptanceProfile#prior()}, whose conditional probability is
 * 0.6 at every rank); a lower rank at depth 0 from the estimate of the rank above; a deeper cell from the estimate of
 * the same rank one level up. Cells never observed (depths or ranks the chosen budgets never reach) thus follow what
 * was observed nearby rather than a fixed guess.
 */
public final class AcceptanceStatistics {
  /** Pseudo-observations of the prior per cell. */
  public static final double PRIOR_WEIGHT = 8;

  private final AcceptanceProfile prior;
  private final long[] offered = new long[AcceptanceProfile.DEPTHS * AcceptanceProfile.RANKS];
  private final long[] accepted = new long[AcceptanceProfile.DEPTHS * AcceptanceProfile.RANKS];
  private long rounds;

  /** Statistics starting from {@link AcceptanceProfile#prior()}. */
  public AcceptanceStatistics() {
    this(AcceptanceProfile.prior());
  }

  /** Statistics starting from {@code prior}. */
  public AcceptanceStatistics(AcceptanceProfile prior) {
    this.prior = prior;
  }

  synchronized void add(long[] offeredCounts, long[] acceptedCounts, int roundCount) {
    for (int i = 0; i < offered.length; i++) {
      offered[i] += offeredCounts[i];
      accepted[i] += acceptedCounts[i];
    }
    rounds += roundCount;
  }

  /** Verification rounds observed so far. */
  public synchronized long rounds() {
    return rounds;
  }

  /** The current estimate (the prior before any round). */
  public synchronized AcceptanceProfile profile() {
    int ranks = AcceptanceProfile.RANKS;
    double[] c = new double[offered.length]; // [DEPTHS, RANKS] conditional acceptance
    double[] p = new double[offered.length]; // [DEPTHS, RANKS] probability
    for (int d = 0; d < AcceptanceProfile.DEPTHS; d++) {
      double none = 1; // probability that no higher rank was accepted
      for (int r = 0; r < ranks; r++) {
        double cellPrior;
        if (d > 0) {
          cellPrior = c[(d - 1) * ranks + r];
        } else if (r > 0) {
          cellPrior = c[r - 1];
        } else {
          cellPrior = prior.probability(0, 0);
        }
        int i = d * ranks + r;
        c[i] = (accepted[i] + PRIOR_WEIGHT * cellPrior) / (offered[i] + PRIOR_WEIGHT);
        p[i] = none * c[i];
        none *= 1 - c[i];
      }
    }
    return AcceptanceProfile.of(p);
  }
}
