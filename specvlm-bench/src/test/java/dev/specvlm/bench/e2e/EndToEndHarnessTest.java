package dev.specvlm.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.GenerationConfig;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpeculationMode;
import dev.specvlm.core.model.CompressorBranch;
import dev.specvlm.onnx.CompressorFixtures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness on the ONNX fixture model: every file written with the expected structure, every run lossless. */
class EndToEndHarnessTest {
  @TempDir Path dir;

  @Test
  void run_fixtureModel_writesTablesAndChartAndEveryModeReproducesAutoregressiveTokens() throws IOException {
    Path model = Fixtures.model(dir.resolve("model"));
    PromptSet prompts = PromptSet.read(Fixtures.prompts(dir.resolve("prompts"), 3));
    EndToEndHarness.Plan plan = new EndToEndHarness.Plan(
        BenchMode.parseList("chain-4,static-auto,dynamic-4/8/3,dynamic-auto,specvlm"), List.of(0.0, 1.0),
        GenerationConfig.builder().maxNewTokens(12).ignoreEos(true).build(), 1, 1, 7);
    assertEquals("ar", plan.modes().get(0).name(), "the baseline comes first");
    List<String> labels = new ArrayList<>();
    EndToEndHarness.Results results;
    try (SpecDecoder decoder = SpecDecoder.builder().modelDir(model).intraOpThreads(1).build()) {
      results = EndToEndHarness.run(decoder, prompts, plan, labels::add);
      assertEquals(EndToEndHarness.generations(plan, 3, decoder.modelInfo()), labels.size());
    }
    assertEquals(5 * 2 * (1 + 3), labels.size(), "5 modes (specvlm skipped) x 2 temperatures x (warm-up + 3)");
    assertEquals(List.of("specvlm: the model has no visual compressor"), results.skipped());
    List<String> modes = List.of("ar", "chain-4", "static-auto", "dynamic-4/8/3", "dynamic-auto");
    assertEquals(modes, results.plan().modes().stream().map(BenchMode::name).toList());
    assertEquals(3 * 2 * modes.size(), results.runs().size());
    for (RunRecord r : results.runs()) {
      assertTrue(r.matchesAutoregressive(), r.mode() + " at T=" + r.temperature() + " on " + r.promptId());
      assertEquals(12, r.stats().generatedTokens());
      assertTrue(r.stats().modelNanos() > 0 && r.stats().modelNanos() <= r.stats().totalNanos());
      assertFalse(r.mode().endsWith("auto") && r.stats().treeBudget().isAuto(), "auto is resolved: " + r);
    }

    List<SummaryRow> rows = Summary.of(results);
    // per temperature and mode: all prompts plus each of the three image sizes
    assertEquals(2 * modes.size() * 4, rows.size());
    for (SummaryRow row : rows) {
      assertEquals(row.runs(), row.matching());
      if (row.mode().equals("ar")) {
        assertEquals(1.0, row.sigma());
        assertEquals(1.0, row.speedup());
        assertEquals("-", row.budget());
      } else {
        assertTrue(row.sigma() >= 1 && row.idealSpeedup() > 0 && row.efficiency() > 0, row.toString());
        assertTrue(row.speedupMin() <= row.speedup() && row.speedup() <= row.speedupMax(), row.toString());
      }
      assertTrue(row.outsideModelShare() >= 0 && row.outsideModelShare() < 1, row.toString());
    }
    assertEquals(List.of("all", "64", "256", "576"), rows.stream().filter(r -> r.mode().equals("ar")
        && r.temperature() == 0).map(SummaryRow::group).toList());

    Path out = dir.resolve("results");
    ResultsWriter.write(out, results, rows, List.of("machine: test"));
    List<String> summary = Files.readAllLines(out.resolve(ResultsWriter.SUMMARY_CSV));
    assertEquals(ResultsWriter.SUMMARY_HEADER, summary.get(0));
    assertEquals(rows.size() + 1, summary.size());
    for (String line : summary.subList(1, summary.size())) {
      assertEquals(20, line.split(",", -1).length, line);
    }
    List<String> runsCsv = Files.readAllLines(out.resolve(ResultsWriter.RUNS_CSV));
    assertEquals(results.runs().size() + 1, runsCsv.size());
    assertEquals(ResultsWriter.RUNS_HEADER, runsCsv.get(0));
    String md = Files.readString(out.resolve(ResultsWriter.MARKDOWN));
    assertTrue(md.contains("| mode | budget | σ | tokens/s |"), md);
    assertTrue(md.contains("## Temperature 0, all prompts") && md.contains("## Temperature 1, all prompts"), md);
    assertTrue(md.contains("| dynamic-auto |") && md.contains("skipped specvlm"), md);
    assertTrue(md.contains("| 64 | 256 | 576 |"), md);
    assertTrue(md.contains("### Temperature 0: draft side") && md.contains("| 576 | dynamic-auto | 576 | "), md);
    BufferedImage chart = ImageIO.read(out.resolve(ResultsWriter.CHART).toFile());
    assertEquals(2 * 640, chart.getWidth());
    assertEquals(2 * 400, chart.getHeight());
    assertTrue(results.runs().stream().anyMatch(r -> r.stats().mode() != SpeculationMode.AR
        && r.stats().meanAcceptedLength() > 1.5), "the predictable fixture's draft is accepted");
  }

  @Test
  void run_fixtureWithCompressor_reportsDraftSideAndBranchesPerVisualTokens() throws IOException {
    Path model = Fixtures.model(dir.resolve("compressed"));
    CompressorFixtures.add(model, 5, true);
    PromptSet prompts = PromptSet.read(Fixtures.prompts(dir.resolve("prompts"), 3));
    EndToEndHarness.Plan plan = new EndToEndHarness.Plan(
        BenchMode.parseList("dynamic-4/8/3,specvlm@4/8/3,specvlm-weighted@4/8/3,specvlm-pool20@4/8/3"),
        List.of(0.0, 1.0), GenerationConfig.builder().maxNewTokens(8).ignoreEos(true).build(), 1, 1, 7);
    EndToEndHarness.Results results;
    try (SpecDecoder decoder = SpecDecoder.builder().modelDir(model).intraOpThreads(1).build()) {
      results = EndToEndHarness.run(decoder, prompts, plan, label -> { });
    }
    assertEquals(List.of(), results.skipped());
    assertEquals(3 * 2 * 5, results.runs().size());
    for (RunRecord r : results.runs()) {
      assertTrue(r.matchesAutoregressive(), r.mode() + " at T=" + r.temperature() + " on " + r.promptId());
    }
    List<SummaryRow> rows = Summary.of(results);
    CompressorBranch pool = CompressorBranch.parse("pool20");
    for (SummaryRow row : rows) {
      assertEquals(row.runs(), row.branches().values().stream().mapToInt(Integer::intValue).sum(), row.toString());
      switch (row.mode()) {
        case "ar" -> assertEquals(Map.of("none", row.runs()), row.branches());
        case "dynamic-4/8/3" -> {
          assertEquals(Map.of("none", row.runs()), row.branches());
          if (!row.group().equals(Summary.ALL)) {
            assertEquals(Integer.parseInt(row.group()), row.draftVisualTokens(), 0, row.toString());
          }
        }
        case "specvlm-pool20@4/8/3" -> {
          assertEquals(Map.of("pool20", row.runs()), row.branches());
          if (!row.group().equals(Summary.ALL)) {
            assertEquals(pool.outputTokens(Integer.parseInt(row.group())), row.draftVisualTokens(), 0, row.toString());
          }
        }
        case "specvlm-weighted@4/8/3" -> assertEquals(Map.of("weighted3", row.runs()), row.branches());
        default -> assertTrue(row.mode().equals("specvlm@4/8/3") && !row.branches().containsKey("none")
            && !row.branches().containsKey("weighted3"), "the gate picks one branch per request: " + row);
      }
      if (!row.mode().equals("ar")) {
        assertTrue(row.draftPrefillMillis() > 0 && row.draftMillisPerRound() > 0, row.toString());
      }
    }
    Path out = dir.resolve("compressed-results");
    ResultsWriter.write(out, results, rows, List.of("machine: test"));
    String md = Files.readString(out.resolve(ResultsWriter.MARKDOWN));
    assertTrue(md.contains("| 64 | specvlm-pool20@4/8/3 | 4 | "), md);
    assertTrue(md.contains("| 576 | specvlm-pool20@4/8/3 | 29 | ") && md.contains("| pool20: 1 |"), md);
    List<String> runsCsv = Files.readAllLines(out.resolve(ResultsWriter.RUNS_CSV));
    assertTrue(runsCsv.stream().anyMatch(l -> l.startsWith("specvlm-pool20@4/8/3,") && l.endsWith(",4,\"pool20\"")),
        String.join("\n", runsCsv));
  }
}
