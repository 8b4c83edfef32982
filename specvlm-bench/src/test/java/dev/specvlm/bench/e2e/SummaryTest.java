package dev.specvlm.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specvlm.GenerationConfig;
import dev.specvlm.SpecStats;
import dev.specvlm.SpeculationMode;
import dev.specvlm.TreeBudget;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {
  /** Stats with the fields the summary reads; times in microseconds for readability. */
  private static SpecStats stats(SpeculationMode mode, int tokens, int rounds, long accepted, long totalMicros,
      long prefillMicros, long targetForwardMicros, long draftForwardMicros, long modelMicros) {
    return new SpecStats(mode, TreeBudget.of(4, 8, 3), 1, 10, 64, 64, "none", tokens, rounds, 7L * rounds, accepted,
        List.of(), 0, prefillMicros * 1000, 0, 0, 0, 0, targetForwardMicros * 1000, draftForwardMicros * 1000,
        modelMicros * 1000, totalMicros * 1000, prefillMicros * 1000, 0);
  }

  @Test
  void of_pairedRuns_givesMedianSpeedupIdealAndEfficiency() {
    EndToEndHarness.Plan plan = new EndToEndHarness.Plan(List.of(BenchMode.parse("dynamic-4/8/3")), List.of(0.0),
        GenerationConfig.defaults(), 3, 0, 1);
    // AR: 21 tokens = prefill (1 token) + 20 one-token rounds of 100 µs each; 2000 µs decode, 100 µs prefill
    // speculative: 21 tokens in 5 rounds (σ = 4: 15 accepted + 5 bonus = 20), each 120 µs of forwards
    List<RunRecord> runs = List.of(
        new RunRecord("ar", 0, "a", 0, true, stats(SpeculationMode.AR, 21, 20, 0, 2100, 100, 2000, 0, 1900)),
        new RunRecord("dynamic-4/8/3", 0, "a", 0, true,
            stats(SpeculationMode.DYNAMIC_TREE, 21, 5, 15, 1100, 100, 400, 200, 800)),
        new RunRecord("ar", 0, "a", 1, true, stats(SpeculationMode.AR, 21, 20, 0, 2100, 100, 2000, 0, 1900)),
        new RunRecord("dynamic-4/8/3", 0, "a", 1, true,
            stats(SpeculationMode.DYNAMIC_TREE, 21, 5, 15, 700, 100, 400, 200, 600)),
        new RunRecord("ar", 0, "a", 2, true, stats(SpeculationMode.AR, 21, 20, 0, 2100, 100, 2000, 0, 1900)),
        new RunRecord("dynamic-4/8/3", 0, "a", 2, false,
            stats(SpeculationMode.DYNAMIC_TREE, 21, 5, 15, 1500, 100, 400, 200, 1000)));
    List<SummaryRow> rows = Summary.of(new EndToEndHarness.Results(plan, runs, List.of()));
    assertEquals(2, rows.size(), "one group of prompts: no per-size rows");
    SummaryRow spec = rows.get(1);
    assertEquals("dynamic-4/8/3", spec.mode());
    assertEquals(Summary.ALL, spec.group());
    assertEquals(4.0, spec.sigma(), 1e-12);
    assertEquals(2100.0 / 1100, spec.speedup(), 1e-12);
    assertEquals(2100.0 / 1500, spec.speedupMin(), 1e-12);
    assertEquals(3.0, spec.speedupMax(), 1e-12);
    // AR decode time per token: 2000 µs / 20; forwards per round: 600 µs / 5 = 120 µs; ideal = 4 × 100 / 120
    assertEquals(4 * 100.0 / 120, spec.idealSpeedup(), 1e-12);
    // decode loop: AR 6000 µs / 60 tokens; speculative (1000 + 600 + 1400) µs / 60 tokens
    assertEquals(6000.0 / 3000, spec.decodeSpeedup(), 1e-12);
    assertEquals(2.0 / (4 * 100.0 / 120), spec.efficiency(), 1e-12);
    assertEquals(1 - 2400.0 / 3300, spec.outsideModelShare(), 1e-12);
    assertEquals(2, spec.matching());
    assertEquals("K=4 T=8 D=3", spec.budget());
    SummaryRow ar = rows.get(0);
    assertEquals(1.0, ar.speedup());
    assertEquals(1.0, ar.idealSpeedup());
    assertEquals(1.0, ar.efficiency(), 1e-12);
  }

  @Test
  void medianOf_evenAndOddCounts() {
    assertEquals(2.5, Summary.medianOf(new double[] {1, 2, 3, 4}));
    assertEquals(2, Summary.medianOf(new double[] {1, 2, 3}));
    assertEquals(Double.NaN, Summary.medianOf(new double[0]));
  }
}
