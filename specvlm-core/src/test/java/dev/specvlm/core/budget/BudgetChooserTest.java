package dev.specvlm.core.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.SpeculationMode;
import dev.specvlm.TreeBudget;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BudgetChooserTest {
  private static final int VOCAB = 32000;
  private static final BudgetChooser CHOOSER = new BudgetChooser();

  /** Target cost {@code base + perToken·q} at every measured size; a flat draft cost. */
  static DeviceCosts linearCosts(double base, double perToken, double draft) {
    int[] sizes = {1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, 40, 48, 60};
    double[] t = new double[sizes.length];
    for (int i = 0; i < sizes.length; i++) {
      t[i] = base + perToken * sizes[i];
    }
    int[] rows = {1, 2, 4, 8, 16, 32};
    double[] d = new double[rows.length];
    Arrays.fill(d, draft);
    return new DeviceCosts(LatencyCurve.of(sizes, t), LatencyCurve.of(rows, d), 256);
  }

  @Test
  void choose_flatLatencyCurve_picksABigTree() {
    // verifying 60 tokens costs what verifying 1 does (a GPU far from saturation), and drafting is cheap
    DeviceCosts flat = linearCosts(10_000_000, 0, 50_000);
    BudgetChooser.Estimate e = CHOOSER.choose(SpeculationMode.DYNAMIC_TREE, flat, AcceptanceProfile.prior(), VOCAB);
    assertEquals(60, e.budget().totalTokens(), "a free verification takes the largest tree measured: " + e);
    assertTrue(e.budget().depth() >= 5, e.toString());
  }

  @Test
  void choose_steepLatencyCurve_picksASmallTree() {
    // every verified token costs as much as a whole single-token forward: a big tree can only lose
    DeviceCosts steep = linearCosts(0, 1_000_000, 100_000);
    BudgetChooser.Estimate e = CHOOSER.choose(SpeculationMode.DYNAMIC_TREE, steep, AcceptanceProfile.prior(), VOCAB);
    assertTrue(e.budget().totalTokens() <= 3, e.toString());
  }

  @Test
  void choose_cpuLikeCurve_picksAMidSizedTreeBelowTheEagleDefault() {
    // the measured shape on this project's CPU (notes §6): 4 tokens 1.3x, 8 tokens 1.8x, 60 tokens 5.7x one token
    int[] sizes = {1, 2, 4, 8, 16, 32, 60};
    double[] ratio = {1, 1.15, 1.3, 1.8, 2.5, 3.9, 5.7};
    double[] t = Arrays.stream(ratio).map(r -> r * 1_000_000).toArray();
    DeviceCosts cpu = new DeviceCosts(LatencyCurve.of(sizes, t),
        LatencyCurve.of(new int[] {1, 4, 16, 32}, new double[] {150_000, 180_000, 300_000, 450_000}), 300);
    BudgetChooser.Estimate best = CHOOSER.choose(SpeculationMode.DYNAMIC_TREE, cpu, AcceptanceProfile.prior(),
        VOCAB);
    BudgetChooser.Estimate eagle = CHOOSER.estimate(SpeculationMode.DYNAMIC_TREE, TreeBudget.eagleDefault(), cpu,
        AcceptanceProfile.prior());
    assertTrue(best.budget().totalTokens() > 3 && best.budget().totalTokens() < 60, best.toString());
    assertTrue(best.tokensPerSecond() > eagle.tokensPerSecond(), best + " vs " + eagle);
  }

  @Test
  void choose_poorAcceptance_picksTheSmallestTree() {
    AcceptanceProfile poor = AcceptanceProfile.prior(0.02, 0.5);
    BudgetChooser.Estimate e = CHOOSER.choose(SpeculationMode.DYNAMIC_TREE, linearCosts(1_000_000, 100_000, 100_000),
        poor, VOCAB);
    assertEquals(2, e.budget().totalTokens(), e.toString());
    assertTrue(e.speedupOverAutoregressive() < 1, "a draft that is never right cannot pay: " + e);
  }

  @Test
  void choose_beatsEveryFixedCandidateUnderTheModel() {
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 20; trial++) {
      DeviceCosts costs = linearCosts(1_000_000 * random.nextDouble(0.2, 2), 200_000 * random.nextDouble(),
          300_000 * random.nextDouble());
      AcceptanceProfile profile = AcceptanceProfile.prior(random.nextDouble(0.05, 0.95), random.nextDouble(0, 0.6));
      for (SpeculationMode mode : new SpeculationMode[] {SpeculationMode.DYNAMIC_TREE, SpeculationMode.STATIC_TREE}) {
        BudgetChooser.Estimate best = CHOOSER.choose(mode, costs, profile, VOCAB);
        for (TreeBudget fixed : new TreeBudget[] {TreeBudget.eagleDefault(), TreeBudget.of(4, 8, 3),
            TreeBudget.of(2, 4, 2), TreeBudget.of(8, 24, 5), TreeBudget.of(1, 2, 1)}) {
          BudgetChooser.Estimate other = CHOOSER.estimate(mode, fixed, costs, profile);
          assertTrue(best.tokensPerSecond() >= other.tokensPerSecond() * (1 - 1e-9),
              mode + " trial " + trial + ": chose " + best + " but " + other + " is faster");
        }
      }
    }
  }

  @Test
  void choose_sameMeasurements_sameBudget() {
    DeviceCosts costs = linearCosts(2_000_000, 70_000, 120_000);
    AcceptanceProfile profile = AcceptanceProfile.prior(0.7, 0.3);
    for (SpeculationMode mode : new SpeculationMode[] {SpeculationMode.CHAIN, SpeculationMode.STATIC_TREE,
        SpeculationMode.DYNAMIC_TREE}) {
      assertEquals(CHOOSER.choose(mode, costs, profile, VOCAB), CHOOSER.choose(mode, costs, profile, VOCAB));
      assertEquals(CHOOSER.choose(mode, costs, profile, VOCAB).budget(),
          new BudgetChooser().choose(mode, costs, profile, VOCAB).budget());
    }
  }

  @Test
  void choose_chain_lengthFollowsAcceptance() {
    DeviceCosts costs = linearCosts(1_000_000, 20_000, 30_000);
    TreeBudget sure = CHOOSER.choose(SpeculationMode.CHAIN, costs, AcceptanceProfile.prior(0.95, 0.1), VOCAB).budget();
    TreeBudget unsure = CHOOSER.choose(SpeculationMode.CHAIN, costs, AcceptanceProfile.prior(0.3, 0.1), VOCAB)
        .budget();
    assertEquals(1, sure.topK());
    assertEquals(sure.depth() + 1, sure.totalTokens());
    assertTrue(sure.depth() > unsure.depth(), sure + " vs " + unsure);
  }

  @Test
  void choose_expensiveDraft_draftsShallowerTrees() {
    AcceptanceProfile profile = AcceptanceProfile.prior(0.8, 0.3);
    TreeBudget cheap = CHOOSER.choose(SpeculationMode.DYNAMIC_TREE, linearCosts(1_000_000, 10_000, 20_000), profile,
        VOCAB).budget();
    TreeBudget dear = CHOOSER.choose(SpeculationMode.DYNAMIC_TREE, linearCosts(1_000_000, 10_000, 600_000), profile,
        VOCAB).budget();
    assertTrue(dear.depth() < cheap.depth(), cheap + " vs " + dear);
  }

  @Test
  void choose_smallVocabulary_capsK() {
    TreeBudget b = CHOOSER.choose(SpeculationMode.DYNAMIC_TREE, linearCosts(1_000_000, 0, 10_000),
        AcceptanceProfile.prior(0.3, 0.9), 3).budget();
    assertTrue(b.topK() <= 3, b.toString());
  }

  @Test
  void choose_autoregressive_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> CHOOSER.choose(SpeculationMode.AR,
        linearCosts(1, 1, 1), AcceptanceProfile.prior(), VOCAB));
  }

  @Test
  void dynamicPrefixSums_smallPool_matchesHandComputedBestNodes() {
    // K = 2, D = 1: level 1 {0.5, 0.3}; level 2 {0.25, 0.15, 0.15, 0.09}
    double[] sums = BudgetChooser.dynamicPrefixSums(2, 1, twoRanks(0.5, 0.3));
    assertEquals(7, sums.length);
    double[] expected = {0, 0.5, 0.8, 1.05, 1.2, 1.35, 1.44};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], sums[i], 1e-12, "best " + i + " nodes");
    }
  }

  @Test
  void dynamicPrefixSums_frontierKeepsTheBestOfEachLevel() {
    // K = 2, D = 2: level 2 {0.36, 0.12, 0.12, 0.04}; frontier {0.36, 0.12}; level 3 {0.216, 0.072, 0.072, 0.024}
    double[] sums = BudgetChooser.dynamicPrefixSums(2, 2, twoRanks(0.6, 0.2));
    assertEquals(1 + 2 + 4 + 4, sums.length);
    assertEquals(0.6 + 0.2 + 0.36 + 0.12 + 0.12 + 0.04 + 0.216 + 0.072 + 0.072 + 0.024, sums[10], 1e-12);
    assertEquals(0.6 + 0.36 + 0.216 + 0.2, sums[4], 1e-12);
  }

  @Test
  void estimate_chain_isTheSumOfPathProbabilities() {
    AcceptanceProfile profile = AcceptanceProfile.prior(0.5, 0.4);
    DeviceCosts costs = linearCosts(1_000_000, 100_000, 50_000);
    BudgetChooser.Estimate e = CHOOSER.estimate(SpeculationMode.CHAIN, TreeBudget.of(1, 4, 3), costs, profile);
    double expected = 0.5 + 0.25 + 0.125;
    assertEquals(1 + expected, e.tokensPerRound(), 1e-12);
    assertEquals(1_000_000 + 4 * 100_000 + 3 * 50_000, e.nanosPerRound(), 1e-6);
    // the static tree of K = 1 is the same chain
    BudgetChooser.Estimate s = CHOOSER.estimate(SpeculationMode.STATIC_TREE, TreeBudget.of(1, 4, 3), costs, profile);
    assertEquals(e.tokensPerRound(), s.tokensPerRound(), 1e-12);
    assertEquals(e.nanosPerRound(), s.nanosPerRound(), 1e-6);
  }

  /** A profile accepting the best token with {@code first} and the second with {@code second} at every depth. */
  private static AcceptanceProfile twoRanks(double first, double second) {
    double[] p = new double[AcceptanceProfile.DEPTHS * AcceptanceProfile.RANKS];
    for (int d = 0; d < AcceptanceProfile.DEPTHS; d++) {
      p[d * AcceptanceProfile.RANKS] = first;
      p[d * AcceptanceProfile.RANKS + 1] = second;
    }
    return AcceptanceProfile.of(p);
  }
}
