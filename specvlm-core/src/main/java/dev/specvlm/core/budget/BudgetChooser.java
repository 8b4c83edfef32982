package dev.specvlm.core.budget;

import dev.specvlm.SpeculationMode;
import dev.specvlm.TreeBudget;
import dev.specvlm.core.tree.StaticTreeShape;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the tree budget (K, T, D) with the highest expected tokens per second, from what forwards cost on the
 * device ({@link DeviceCosts}) and how often drafted tokens are accepted ({@link AcceptanceProfile}). A pure function
 * of its inputs: the same measurements and profile always give the same budget.
 *
 * <p>For a candidate budget the chooser models one round:
 *
 * <ul>
 *   <li>expected new tokens: {@code 1 + E}, where E is the expected number of accepted drafted tokens of the tree the
 *       mode would build — for {@link SpeculationMode#DYNAMIC_TREE}, EAGLE-2's expansion (the K best nodes of each
 *       level expanded into K children each, for D steps) with the best T−1 nodes of the pool kept, nodes valued by
 *       their path acceptance probability; for {@link SpeculationMode#STATIC_TREE}, the fixed
 *       {@link StaticTreeShape#forBudget shape}; for {@link SpeculationMode#CHAIN}, a chain of D tokens;</li>
 *   <li>cost: the target's forward over the tree's T tokens, plus the draft's forwards — one per tree level (K rows
 *       for a dynamic tree, the level's expanded nodes for a static one, 1 for a chain) and the round's stable update
 *       over the {@code 1 + E} committed tokens.</li>
 * </ul>
 *
 * <p>Candidates: T in {@link #TREE_SIZES} (within the measured curve), K in {@link #TOP_KS} (at most the vocabulary),
 * D from 1 to {@link #MAX_DEPTH} (chains: 1 to {@link #MAX_CHAIN}). Ties go to the smaller T, then the smaller D, then
 * the smaller K. Engine time outside the forwards is not modelled.
 */
public final class BudgetChooser {
  /** Tree sizes T considered (and measured by {@link LatencyProbe}). */
  static final int[] TREE_SIZES = {2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, 40, 48, 60};
  /** Branching factors K considered. */
  static final int[] TOP_KS = {1, 2, 3, 4, 5, 6, 8, 10};
  /** The deepest expansion D considered for trees. */
  static final int MAX_DEPTH = 8;
  /** The longest chain considered. */
  static final int MAX_CHAIN = 12;

  private final Function<TreeBudget, StaticTreeShape> shapes;

  /** A chooser that builds static tree shapes as needed. */
  public BudgetChooser() {
    this(b -> StaticTreeShape.forBudget(b.topK(), b.totalTokens(), b.depth()));
  }

  /** A chooser that takes static tree shapes from {@code shapes} (e.g. a decoder's cache). */
  public BudgetChooser(Function<TreeBudget, StaticTreeShape> shapes) {
    this.shapes = Objects.requireNonNull(shapes, "shapes");
  }

  /**
   * The model's view of one budget: expected tokens and nanoseconds per round.
   *
   * @param budget the budget
   * @param tokensPerRound expected tokens committed per round, {@code 1 + E} (σ)
   * @param nanosPerRound expected forward time per round: the target's verification plus the draft's forwards
   * @param autoregressiveNanos the cost of one autoregressive token on the same device
   */
  public record Estimate(TreeBudget budget, double tokensPerRound, double nanosPerRound, double autoregressiveNanos) {
    /** Expected tokens per second. */
    public double tokensPerSecond() {
      return tokensPerRound * 1e9 / nanosPerRound;
    }

    /** Expected speedup over autoregressive decoding, forwards only. */
    public double speedupOverAutoregressive() {
      return tokensPerRound * autoregressiveNanos / nanosPerRound;
    }
  }

  /**
   * The budget with the highest expected tokens per second for {@code mode}.
   *
   * @param mode a speculative mode (not {@link SpeculationMode#AR})
   * @param vocabSize the vocabulary, an upper bound on K
   * @throws IllegalArgumentException for {@link SpeculationMode#AR}, or if the curves cover no candidate
   */
  public Estimate choose(SpeculationMode mode, DeviceCosts costs, AcceptanceProfile profile, int vocabSize) {
    @Nullable Estimate best = switch (mode) {
      case AR -> throw new IllegalArgumentException("autoregressive decoding has no tree budget to choose");
      case CHAIN -> bestChain(costs, profile);
      case STATIC_TREE -> bestStatic(costs, profile, vocabSize);
      case DYNAMIC_TREE -> bestDynamic(costs, profile, vocabSize);
    };
    if (best == null) {
      throw new IllegalArgumentException("the measured latency curves (target up to " + costs.target().maxRows()
          + " rows, draft up to " + costs.draft().maxRows() + ") cover no " + mode + " budget");
    }
    return best;
  }

  /**
   * The model's estimate for one given budget.
   *
   * @throws IllegalArgumentException for {@link SpeculationMode#AR} or {@link TreeBudget#auto()}, or if the budget
   *     needs forwards larger than the curves measured
   */
  public Estimate estimate(SpeculationMode mode, TreeBudget budget, DeviceCosts costs, AcceptanceProfile profile) {
    if (budget.isAuto() || mode == SpeculationMode.AR) {
      throw new IllegalArgumentException("estimate needs a fixed budget and a speculative mode, got " + mode + " "
          + budget);
    }
    @Nullable Estimate e = switch (mode) {
      case CHAIN -> chain(budget.depth(), costs, profile);
      case STATIC_TREE -> staticTree(budget, costs, profile);
      case DYNAMIC_TREE -> {
        double[] accepted = dynamicPrefixSums(budget.topK(), budget.depth(), profile);
        int t = Math.min(budget.totalTokens(), accepted.length);
        yield dynamic(budget, t, accepted[t - 1], costs);
      }
      case AR -> throw new AssertionError("handled above");
    };
    if (e == null) {
      throw new IllegalArgumentException(mode + " " + budget + " needs forwards beyond the measured latency curves");
    }
    return e;
  }

  private static @Nullable Estimate better(@Nullable Estimate best, @Nullable Estimate candidate) {
    if (candidate == null) {
      return best;
    }
    if (best == null || candidate.tokensPerSecond() > best.tokensPerSecond() * (1 + 1e-9)) {
      return candidate;
    }
    return best;
  }

  // ---- chain ----

  private static @Nullable Estimate bestChain(DeviceCosts costs, AcceptanceProfile profile) {
    Estimate best = null;
    for (int n = 1; n <= MAX_CHAIN; n++) {
      best = better(best, chain(n, costs, profile));
    }
    return best;
  }

  private static @Nullable Estimate chain(int n, DeviceCosts costs, AcceptanceProfile profile) {
    if (!costs.target().covers(n + 1)) {
      return null;
    }
    double e = profile.expectedChainAcceptance(n);
    double draft = (n - 1) * draftNanos(costs, 1) + draftNanos(costs, 1 + e);
    return new Estimate(TreeBudget.of(1, n + 1, n), 1 + e, costs.target().nanos(n + 1) + draft,
        costs.autoregressiveNanos());
  }

  // ---- static tree ----

  private @Nullable Estimate bestStatic(DeviceCosts costs, AcceptanceProfile profile, int vocabSize) {
    Estimate best = null;
    for (int t : TREE_SIZES) {
      if (!costs.target().covers(t)) {
        continue;
      }
      for (int d = 1; d <= Math.min(MAX_DEPTH, t - 1); d++) {
        for (int k : TOP_KS) {
          if (k > vocabSize || k > t - 1 || t - 1 > k + (long) d * k * k) {
            continue;
          }
          best = better(best, staticTree(TreeBudget.of(k, t, d), costs, profile));
        }
      }
    }
    return best;
  }

  private @Nullable Estimate staticTree(TreeBudget budget, DeviceCosts costs, AcceptanceProfile profile) {
    StaticTreeShape shape = shapes.apply(budget);
    if (!costs.target().covers(shape.size())) {
      return null;
    }
    double[] value = new double[shape.size()]; // [size] path acceptance probability of each node
    value[0] = 1;
    double e = 0;
    for (int m = 1; m < shape.size(); m++) {
      int parent = shape.parent(m);
      value[m] = value[parent] * profile.probability(shape.depth(parent), shape.rank(m));
      e += value[m];
    }
    double draft = 0;
    for (int s = 0; s < shape.steps(); s++) {
      if (!costs.draft().covers(shape.stepCount(s))) {
        return null;
      }
      draft += costs.draft().nanos(shape.stepCount(s));
    }
    draft += draftNanos(costs, 1 + e);
    return new Estimate(budget, 1 + e, costs.target().nanos(shape.size()) + draft, costs.autoregressiveNanos());
  }

  // ---- dynamic tree ----

  private static @Nullable Estimate bestDynamic(DeviceCosts costs, AcceptanceProfile profile, int vocabSize) {
    Estimate best = null;
    for (int d = 1; d <= MAX_DEPTH; d++) {
      for (int k : TOP_KS) {
        if (k > vocabSize || !costs.draft().covers(k)) {
          continue;
        }
        double[] accepted = dynamicPrefixSums(k, d, profile);
        for (int t : TREE_SIZES) {
          if (t > accepted.length || !costs.target().covers(t)) {
            continue;
          }
          best = betterOrdered(best, dynamic(TreeBudget.of(k, t, d), t, accepted[t - 1], costs));
        }
      }
    }
    return best;
  }

  /** Like {@link #better}, but on equal speed prefers the smaller T, then D, then K, whatever the loop order. */
  private static @Nullable Estimate betterOrdered(@Nullable Estimate best, @Nullable Estimate candidate) {
    if (best == null || candidate == null) {
      return better(best, candidate);
    }
    double a = candidate.tokensPerSecond();
    double b = best.tokensPerSecond();
    if (a > b * (1 + 1e-9)) {
      return candidate;
    }
    if (a < b * (1 - 1e-9)) {
      return best;
    }
    TreeBudget c = candidate.budget();
    TreeBudget o = best.budget();
    int order = c.totalTokens() != o.totalTokens() ? Integer.compare(c.totalTokens(), o.totalTokens())
        : c.depth() != o.depth() ? Integer.compare(c.depth(), o.depth()) : Integer.compare(c.topK(), o.topK());
    return order < 0 ? candidate : best;
  }

  private static @Nullable Estimate dynamic(TreeBudget budget, int treeTokens, double accepted, DeviceCosts costs) {
    if (!costs.target().covers(treeTokens) || !costs.draft().covers(budget.topK())) {
      return null;
    }
    double draft = budget.depth() * costs.draft().nanos(budget.topK()) + draftNanos(costs, 1 + accepted);
    return new Estimate(budget, 1 + accepted, costs.target().nanos(treeTokens) + draft, costs.autoregressiveNanos());
  }

  /**
   * Element {@code i}: the expected accepted tokens of the best {@code i} nodes of EAGLE-2's candidate pool for (K, D)
   * (element 0 is 0); the array has {@code 1 + K + D·K²} elements.
   */
  static double[] dynamicPrefixSums(int k, int depth, AcceptanceProfile profile) {
    double[] pool = new double[k + depth * k * k]; // path acceptance probability of each pool node
    double[] frontier = new double[k];
    for (int c = 0; c < k; c++) {
      pool[c] = profile.probability(0, c);
      frontier[c] = pool[c];
    }
    int size = k;
    double[] block = new double[k * k];
    for (int step = 0; step < depth; step++) {
      for (int r = 0; r < k; r++) {
        for (int c = 0; c < k; c++) {
          block[r * k + c] = frontier[r] * profile.probability(step + 1, c);
        }
      }
      System.arraycopy(block, 0, pool, size, k * k);
      size += k * k;
      double[] sorted = block.clone();
      Arrays.sort(sorted);
      for (int j = 0; j < k; j++) {
        frontier[j] = sorted[sorted.length - 1 - j];
      }
    }
    Arrays.sort(pool);
    double[] prefix = new double[pool.length + 1];
    for (int i = 1; i < prefix.length; i++) {
      prefix[i] = prefix[i - 1] + pool[pool.length - i];
    }
    return prefix;
  }

  private static double draftNanos(DeviceCosts costs, double rows) {
    return costs.draft().nanos(Math.min(rows, costs.draft().maxRows()));
  }
}
