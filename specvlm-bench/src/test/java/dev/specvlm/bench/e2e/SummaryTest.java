package dev.specvlm.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.GenerationConfig;
import dev.specvlm.SpecStats;
import dev.specvlm.SpeculationMode;
import dev.specvlm.TreeBudget;
import java.util.List;
import java.util.Map;
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

  /** Stats of a run with a compressor; draft times in microseconds. */
  private static SpecStats compressed(SpeculationMode mode, int visual, int draftVisual, String branch, int rounds,
      long draftPrefillMicros, long draftMicros) {
    return new SpecStats(mode, TreeBudget.of(4, 8, 3), 1, 10 + visual, visual, draftVisual, branch, rounds + 1,
        rounds, 7L * rounds, rounds, List.of(), 0, 2 * draftPrefillMicros * 1000, draftPrefillMicros * 1000,
        draftMicros * 1000, 0, 0, 0, draftMicros * 500, 0, 1000_000, 1000, 0);
  }

  private static RunRecord run(String mode, String prompt, SpecStats stats) {
    return new RunRecord(mode, 1, prompt, 0, true, stats);
  }

  @Test
  void of_compressedRuns_givesMedianDraftPrefillPooledDraftPerRoundAndBranchesPerGroup() {
    EndToEndHarness.Plan plan = new EndToEndHarness.Plan(List.of(BenchMode.parse("specvlm")), List.of(1.0),
        GenerationConfig.defaults(), 1, 0, 1);
    SpeculationMode ar = SpeculationMode.AR;
    SpeculationMode tree = SpeculationMode.DYNAMIC_TREE;
    // 64 visual tokens: draft prefill 1, 2, 9 ms (median 2, mean 4); draft 100 µs / 10 rounds, 900 / 10, 200 / 40
    // (pooled 1200 / 60 = 20 µs per round; the median of the runs' own ratios would be 10, their mean 35)
    // 256 visual tokens: one run, 300 µs over 20 rounds
    List<RunRecord> runs = List.of(
        run("ar", "a", compressed(ar, 64, 64, "none", 20, 0, 0)),
        run("specvlm", "a", compressed(tree, 64, 4, "pool20", 10, 1000, 100)),
        run("ar", "b", compressed(ar, 64, 64, "none", 20, 0, 0)),
        run("specvlm", "b", compressed(tree, 64, 0, "text-only", 10, 9000, 900)),
        run("ar", "c", compressed(ar, 64, 64, "none", 20, 0, 0)),
        run("specvlm", "c", compressed(tree, 64, 4, "pool20", 40, 2000, 200)),
        run("ar", "d", compressed(ar, 256, 256, "none", 20, 0, 0)),
        run("specvlm", "d", compressed(tree, 256, 13, "prune20", 20, 5000, 300)));
    List<SummaryRow> rows = Summary.of(new EndToEndHarness.Results(plan, runs, List.of()));
    assertEquals(List.of("ar all", "ar 64", "ar 256", "specvlm all", "specvlm 64", "specvlm 256"),
        rows.stream().map(r -> r.mode() + " " + r.group()).toList());
    SummaryRow small = rows.get(4);
    assertEquals(2.0, small.draftPrefillMillis(), 1e-12);
    assertEquals(0.020, small.draftMillisPerRound(), 1e-12);
    assertEquals(4.0, small.draftVisualTokens());
    assertEquals(Map.of("pool20", 2, "text-only", 1), small.branches());
    SummaryRow all = rows.get(3);
    assertEquals((2.0 + 5.0) / 2, all.draftPrefillMillis(), 1e-12, "median of 1, 2, 5, 9 ms");
    assertEquals(1.5 / 80, all.draftMillisPerRound(), 1e-12, "1500 µs over 80 rounds");
    assertEquals(4.0, all.draftVisualTokens(), "median of 0, 4, 4, 13");
    assertEquals(List.of("pool20", "prune20", "text-only"), List.copyOf(all.branches().keySet()), "sorted by name");
    assertEquals(List.of(2, 1, 1), List.copyOf(all.branches().values()));
    assertEquals(Map.of("prune20", 1), rows.get(5).branches());
    assertEquals(0.015, rows.get(5).draftMillisPerRound(), 1e-12);
    SummaryRow arRow = rows.get(0);
    assertTrue(Double.isNaN(arRow.draftPrefillMillis()) && Double.isNaN(arRow.draftMillisPerRound())
        && Double.isNaN(arRow.draftVisualTokens()), "AR has no draft: " + arRow);
    assertEquals(Map.of("none", 4), arRow.branches());

    String csv = ResultsWriter.summaryCsv(rows);
    assertTrue(csv.contains(",2.0000,0.0200,4.0000,\"pool20:2;text-only:1\"\n"), csv);
    String md = ResultsWriter.markdown(new EndToEndHarness.Results(plan, runs, List.of()), rows, List.of());
    assertTrue(md.contains("### Temperature 1: draft side"), md);
    assertTrue(md.contains("| 64 | specvlm | 4 | 2.00 | 0.020 | "), md);
    assertTrue(md.contains("| pool20: 2, text-only: 1 |"), md);
    assertFalse(md.contains("| all | ar |"), "no draft-side row for AR: " + md);
  }

  @Test
  void medianOf_evenAndOddCounts() {
    assertEquals(2.5, Summary.medianOf(new double[] {1, 2, 3, 4}));
    assertEquals(2, Summary.medianOf(new double[] {1, 2, 3}));
    assertEquals(Double.NaN, Summary.medianOf(new double[0]));
  }
}
