package dev.specvlm;

import java.util.Objects;

/**
 * The size of the draft tree verified per round: branching {@code topK} (K), total tree tokens including the root
 * {@code totalTokens} (T), and expansion {@code depth} (D). Immutable.
 *
 * <p>{@link #eagleDefault()} is SpecVLM's setting (K=10, T=60, D=7), tuned for large GPUs. {@link #auto()} lets the
 * decoder fit the budget to the measured cost of the device it runs on. In {@link SpeculationMode#CHAIN} mode only
 * the depth counts: the chain has {@code depth} drafted tokens.
 */
public final class TreeBudget {
  /** Largest accepted {@link #topK()}. */
  public static final int MAX_TOP_K = 64;
  /** Largest accepted {@link #depth()}. */
  public static final int MAX_DEPTH = 32;
  /** Largest accepted {@link #totalTokens()}. */
  public static final int MAX_TOTAL_TOKENS = 1024;

  private static final TreeBudget EAGLE_DEFAULT = new TreeBudget(10, 60, 7, false);
  private static final TreeBudget AUTO = new TreeBudget(0, 0, 0, true);

  private final int topK;
  private final int totalTokens;
  private final int depth;
  private final boolean auto;

  private TreeBudget(int topK, int totalTokens, int depth, boolean auto) {
    this.topK = topK;
    this.totalTokens = totalTokens;
    this.depth = depth;
    this.auto = auto;
  }

  /**
   * A fixed budget.
   *
   * @param topK K, children kept per expanded node and nodes expanded per level, in [1, {@value #MAX_TOP_K}]
   * @param totalTokens T, tree tokens verified per round including the root, in [2, {@value #MAX_TOTAL_TOKENS}]
   *     and at most {@code 1 + K + D·K²} (the size of the candidate pool)
   * @param depth D, expansion steps after the first level, in [1, {@value #MAX_DEPTH}]
   * @throws InvalidRequestException naming the value and its allowed range
   */
  public static TreeBudget of(int topK, int totalTokens, int depth) {
    check(topK >= 1 && topK <= MAX_TOP_K, "topK (K) must be in [1, %s], got %s", MAX_TOP_K, topK);
    check(depth >= 1 && depth <= MAX_DEPTH, "depth (D) must be in [1, %s], got %s", MAX_DEPTH, depth);
    check(totalTokens >= 2 && totalTokens <= MAX_TOTAL_TOKENS,
        "totalTokens (T) must be in [2, %s], got %s", MAX_TOTAL_TOKENS, totalTokens);
    long pool = 1L + topK + (long) depth * topK * topK;
    check(totalTokens <= pool,
        "totalTokens (T) = %s exceeds the candidate pool 1 + K + D·K² = %s for K=%s, D=%s; lower T or raise K or D",
        totalTokens, pool, topK, depth);
    return new TreeBudget(topK, totalTokens, depth, false);
  }

  /** SpecVLM's and EAGLE-2's setting: K=10, T=60, D=7. */
  public static TreeBudget eagleDefault() {
    return EAGLE_DEFAULT;
  }

  /**
   * Fit the budget to the device (the default of {@link GenerationConfig}): the first generation that asks for it
   * measures what the target's verification forward costs for a range of tree sizes, and what a draft forward costs,
   * on the device the decoder runs on (about a hundred forwards over a synthetic context, once per decoder); every
   * generation then runs with the budget (K, T, D) of the highest expected tokens per second under those costs and
   * the acceptance observed in the decoder's earlier rounds (a documented prior before any: the draft's top token
   * accepted with probability 0.6, each lower rank 0.4 times the one above). {@link SpecStats#treeBudget()} reports
   * the budget chosen. In {@link SpeculationMode#CHAIN} mode it picks the chain length.
   */
  public static TreeBudget auto() {
    return AUTO;
  }

  private static void check(boolean ok, String template, Object... args) {
    if (!ok) {
      throw new InvalidRequestException(String.format(template, args));
    }
  }

  /** Whether this is {@link #auto()}; the numeric accessors of the auto budget return 0. */
  public boolean isAuto() {
    return auto;
  }

  /** K: children kept per expanded node, and nodes expanded per level. */
  public int topK() {
    return topK;
  }

  /** T: tokens verified per round, including the root. */
  public int totalTokens() {
    return totalTokens;
  }

  /** D: expansion steps after the first level; a drafted path has at most {@code D + 1} tokens. */
  public int depth() {
    return depth;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TreeBudget b
        && b.auto == auto && b.topK == topK && b.totalTokens == totalTokens && b.depth == depth;
  }

  @Override
  public int hashCode() {
    return Objects.hash(auto, topK, totalTokens, depth);
  }

  @Override
  public String toString() {
    return auto ? "auto" : "K=" + topK + " T=" + totalTokens + " D=" + depth;
  }
}
