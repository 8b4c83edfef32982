package dev.specvlm.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.Prompt;
import dev.specvlm.SpeculationMode;
import dev.specvlm.TreeBudget;
import dev.specvlm.core.budget.AcceptanceProfile;
import dev.specvlm.core.budget.BudgetChooser;
import dev.specvlm.core.budget.DeviceCosts;
import dev.specvlm.core.budget.LatencyCurve;
import dev.specvlm.core.budget.LatencyProbe;
import dev.specvlm.core.testmodel.TestModels;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@link TreeBudget#auto()} through the engine: measured once, chosen by the chooser, refined by live acceptance. */
class TreeBudgetAutoTest {
  private static final GenerationConfig AUTO = GenerationConfig.builder().temperature(0).maxNewTokens(40)
      .ignoreEos(true).build();

  /** A CPU-like curve: a forward over q tokens costs 1 ms + 0.1 ms·q; a draft forward 0.1 ms. */
  private static DeviceCosts cpuLike() {
    int[] sizes = {1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, 40, 48, 60};
    double[] t = new double[sizes.length];
    for (int i = 0; i < sizes.length; i++) {
      t[i] = 1_000_000 + 100_000.0 * sizes[i];
    }
    return new DeviceCosts(LatencyCurve.of(sizes, t),
        LatencyCurve.of(new int[] {1, 32}, new double[] {100_000, 100_000}), 256);
  }

  private static EngineDecoder open(TestModels.Bundle bundle, Supplier<DeviceCosts> costs) {
    long[] next = {0};
    return new EngineDecoder(bundle, null, () -> ++next[0], AcceptorFactory.STANDARD, costs);
  }

  @Test
  void auto_isTheDefaultAndUsesTheChoosersBudget() {
    AtomicInteger probes = new AtomicInteger();
    TestModels.Bundle bundle = TestModels.builder().build();
    try (EngineDecoder d = open(bundle, () -> {
      probes.incrementAndGet();
      return cpuLike();
    })) {
      GenerationResult r = d.generate(Prompt.ofTokens(5, 6, 7), AUTO);
      TreeBudget expected = new BudgetChooser().choose(SpeculationMode.DYNAMIC_TREE, cpuLike(),
          AcceptanceProfile.prior(), bundle.spec().vocabSize()).budget();
      assertEquals(expected, r.stats().treeBudget(), "the first request knows only the prior");
      for (int i = 0; i < 3; i++) {
        d.generate(Prompt.ofTokens(5, 6, 7 + i), AUTO);
      }
      assertEquals(1, probes.get(), "the device is measured once per decoder");
      GenerationResult ar = d.generate(Prompt.ofTokens(5, 6, 7), AUTO.toBuilder().speculation(SpeculationMode.AR)
          .build());
      assertArrayEquals(ar.tokenIds(), r.tokenIds(), "auto stays lossless");
    }
  }

  @Test
  void auto_draftThatIsNeverRight_shrinksTheTree() {
    TestModels.Bundle bundle = TestModels.builder().draftNoise(1e6).build();
    try (EngineDecoder d = open(bundle, TreeBudgetAutoTest::cpuLike)) {
      TreeBudget first = d.generate(Prompt.ofTokens(5, 6, 7), AUTO).stats().treeBudget();
      TreeBudget last = first;
      for (int i = 0; i < 12; i++) {
        last = d.generate(Prompt.ofTokens(5, 6, 8 + i), AUTO).stats().treeBudget();
      }
      assertTrue(first.totalTokens() > 2, "the prior expects a useful draft: " + first);
      assertEquals(2, last.totalTokens(), "after seeing a draft that is almost never accepted: " + last);
      AcceptanceProfile seen = d.budgets().statistics(AUTO).profile();
      assertTrue(seen.probability(0, 0) < 0.2, seen.toString());
    }
  }

  @Test
  void auto_exactDraft_keepsATreeAndLearnsHighAcceptance() {
    TestModels.Bundle bundle = TestModels.builder().sharpness(12).draftNoise(0).build();
    try (EngineDecoder d = open(bundle, TreeBudgetAutoTest::cpuLike)) {
      TreeBudget last = null;
      for (int i = 0; i < 6; i++) {
        last = d.generate(Prompt.ofTokens(5, 6, 8 + i), AUTO).stats().treeBudget();
      }
      AcceptanceProfile seen = d.budgets().statistics(AUTO).profile();
      assertTrue(seen.probability(0, 0) > 0.9, seen.toString());
      assertTrue(last != null && last.depth() >= 3, "a draft that is always right earns a deep tree: " + last);
      assertEquals(AcceptanceProfile.prior().probability(0, 0),
          d.budgets().statistics(AUTO.toBuilder().temperature(1).build()).profile().probability(0, 0), 1e-12,
          "sampling keeps its own statistics");
    }
  }

  @Test
  void auto_chainAndStaticModes_chooseTheirOwnShapes() {
    TestModels.Bundle bundle = TestModels.builder().build();
    try (EngineDecoder d = open(bundle, TreeBudgetAutoTest::cpuLike)) {
      TreeBudget chain = d.generate(Prompt.ofTokens(5, 6), AUTO.toBuilder().speculation(SpeculationMode.CHAIN)
          .build()).stats().treeBudget();
      assertEquals(1, chain.topK());
      assertEquals(chain.depth() + 1, chain.totalTokens());
      GenerationResult s = d.generate(Prompt.ofTokens(5, 6), AUTO.toBuilder()
          .speculation(SpeculationMode.STATIC_TREE).build());
      assertTrue(!s.stats().treeBudget().isAuto());
    }
  }

  @Test
  void measure_testModels_givesCurvesFromOneRowAndClosesItsStates() {
    TestModels.Bundle bundle = TestModels.builder().build();
    DeviceCosts costs = LatencyProbe.measure(bundle);
    assertEquals(1, costs.target().minRows());
    assertTrue(costs.target().maxRows() >= 2);
    assertEquals(1, costs.draft().minRows());
    assertTrue(costs.draft().maxRows() >= 10, "covers the K values the chooser considers");
    assertEquals(0, bundle.referenceTarget().openStates());
    assertEquals(0, java.util.Objects.requireNonNull(bundle.tunableDraft()).openStates());
    assertTrue(costs.contextLength() > 0);
  }
}
