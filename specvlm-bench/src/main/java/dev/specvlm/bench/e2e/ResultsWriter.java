package dev.specvlm.bench.e2e;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Writes a harness run into a results folder: {@value #MARKDOWN} (the machine, the settings and the tables),
 * {@value #SUMMARY_CSV} (every {@link SummaryRow}), {@value #RUNS_CSV} (every generation) and {@value #CHART}
 * (speedup and σ per setting and visual tokens, one column of panels per temperature, drawn with XChart).
 */
public final class ResultsWriter {
  /** The markdown report. */
  public static final String MARKDOWN = "results.md";
  /** The summary table as CSV. */
  public static final String SUMMARY_CSV = "summary.csv";
  /** Every measured generation as CSV. */
  public static final String RUNS_CSV = "runs.csv";
  /** The chart. */
  public static final String CHART = "speedup.png";

  /** The columns of {@value #SUMMARY_CSV}. */
  public static final String SUMMARY_HEADER = "mode,temperature,visual_tokens,runs,sigma,tokens_per_s,ttft_ms,"
      + "speedup_median,speedup_min,speedup_max,ideal_speedup,decode_speedup,efficiency,outside_model_share,budget,"
      + "matches_ar,draft_prefill_ms,draft_ms_per_round,draft_visual_tokens,branches";

  /** The columns of {@value #RUNS_CSV}. */
  public static final String RUNS_HEADER = "mode,temperature,prompt,repetition,visual_tokens,tokens,rounds,accepted,"
      + "total_ns,first_token_ns,vision_ns,prefill_ns,draft_ns,verify_ns,commit_ns,target_forward_ns,"
      + "draft_forward_ns,model_ns,budget,matches_ar,draft_prefill_ns,draft_visual_tokens,compressor_branch";

  private ResultsWriter() {}

  /**
   * Writes every file into {@code folder} (created if needed).
   *
   * @param setup lines describing the machine and the settings, printed at the top of the markdown
   */
  public static void write(Path folder, EndToEndHarness.Results results, List<SummaryRow> rows, List<String> setup) {
    try {
      Files.createDirectories(folder);
      Files.writeString(folder.resolve(MARKDOWN), markdown(results, rows, setup), StandardCharsets.UTF_8);
      Files.writeString(folder.resolve(SUMMARY_CSV), summaryCsv(rows), StandardCharsets.UTF_8);
      Files.writeString(folder.resolve(RUNS_CSV), runsCsv(results.runs()), StandardCharsets.UTF_8);
      ImageIO.write(chart(results, rows), "png", folder.resolve(CHART).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write benchmark results to " + folder.toAbsolutePath(), e);
    }
  }

  /** The markdown report. */
  public static String markdown(EndToEndHarness.Results results, List<SummaryRow> rows, List<String> setup) {
    StringBuilder md = new StringBuilder("# specvlm end-to-end benchmark\n\n");
    for (String line : setup) {
      md.append("- ").append(line).append('\n');
    }
    for (String s : results.skipped()) {
      md.append("- skipped ").append(s).append('\n');
    }
    md.append('\n');
    for (double t : results.plan().temperatures()) {
      md.append(String.format(Locale.ROOT, "## Temperature %s, all prompts%n%n", fmt(t)));
      md.append("| mode | budget | σ | tokens/s | TTFT ms | speedup (median [min–max]) | ideal | efficiency "
          + "| outside ORT | = AR |\n");
      md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (SummaryRow r : rows) {
        if (r.temperature() != t || !r.group().equals(Summary.ALL)) {
          continue;
        }
        md.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.1f | %.1f | %.2f× [%.2f–%.2f] | %.2f× | %.0f%% "
                + "| %.0f%% | %d/%d |%n", r.mode(), r.budget(), r.sigma(), r.tokensPerSecond(), r.firstTokenMillis(),
            r.speedup(), r.speedupMin(), r.speedupMax(), r.idealSpeedup(), 100 * r.efficiency(),
            100 * r.outsideModelShare(), r.matching(), r.runs()));
      }
      md.append('\n');
      List<String> groups = groups(rows);
      if (!groups.isEmpty()) {
        md.append(String.format(Locale.ROOT, "### Temperature %s: speedup (σ) by visual tokens%n%n", fmt(t)));
        md.append("| mode |");
        groups.forEach(g -> md.append(' ').append(g).append(" |"));
        md.append("\n|---|");
        groups.forEach(g -> md.append("---:|"));
        md.append('\n');
        for (String mode : modes(rows)) {
          md.append("| ").append(mode).append(" |");
          for (String g : groups) {
            SummaryRow r = find(rows, mode, t, g);
            md.append(r == null ? " – |" : String.format(Locale.ROOT, " %.2f× (%.2f) |", r.speedup(), r.sigma()));
          }
          md.append('\n');
        }
        md.append('\n');
      }
      draftSide(md, rows, t);
    }
    md.append("""
        Columns: σ = tokens per target forward; tokens/s and TTFT are medians over runs; speedup = median of paired \
        ratios (autoregressive run time / this run's time, same prompt and seed, run back to back) with the smallest \
        and largest; ideal = σ × (autoregressive time per token) / (draft + target forward time per round), the \
        decode-loop speedup the measured model costs allow; efficiency = decode-loop speedup / ideal (what the \
        engine delivers of it); \
        outside ORT = share of wall time outside model calls; = AR: runs whose tokens equal the autoregressive run's. \
        Draft side: draft visual tokens = median visual tokens the draft sees after compression; draft prefill = median \
        time of the compressor and the draft's prefill; draft/round = time building draft trees per round, pooled over \
        the runs; branches = how many runs used each compressor branch (for specvlm, the gate's choice; none = \
        uncompressed).
        """);
    return md.toString();
  }

  /**
   * The draft-side table of temperature {@code t}: per group of prompts (all, then each visual-token count) and
   * speculative setting, the draft's visual tokens, draft prefill, draft time per round, σ, speedup and branches.
   */
  private static void draftSide(StringBuilder md, List<SummaryRow> rows, double t) {
    List<String> groups = new ArrayList<>(List.of(Summary.ALL));
    groups.addAll(groups(rows));
    List<String> modes = modes(rows).stream().filter(m -> !m.equals(BenchMode.ar().name())).toList();
    if (modes.isEmpty()) {
      return;
    }
    md.append(String.format(Locale.ROOT, "### Temperature %s: draft side%n%n", fmt(t)));
    md.append("| visual tokens | mode | draft visual tokens | draft prefill ms | draft ms/round | σ | speedup "
        + "| branches |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---|\n");
    for (String g : groups) {
      for (String mode : modes) {
        SummaryRow r = find(rows, mode, t, g);
        if (r != null) {
          md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.2f | %.3f | %.2f | %.2f× | %s |%n", g, mode,
              r.draftVisualTokens(), r.draftPrefillMillis(), r.draftMillisPerRound(), r.sigma(), r.speedup(),
              branches(r, ": ", ", ")));
        }
      }
    }
    md.append('\n');
  }

  /** {@code row}'s branch histogram as {@code name<is>count} pairs joined by {@code between}. */
  static String branches(SummaryRow row, String is, String between) {
    StringBuilder text = new StringBuilder();
    row.branches().forEach((name, count) -> {
      if (!text.isEmpty()) {
        text.append(between);
      }
      text.append(name).append(is).append(count);
    });
    return text.toString();
  }

  /** The summary as CSV, with {@link #SUMMARY_HEADER}. */
  public static String summaryCsv(List<SummaryRow> rows) {
    StringBuilder csv = new StringBuilder(SUMMARY_HEADER).append('\n');
    for (SummaryRow r : rows) {
      csv.append(String.join(",", r.mode(), fmt(r.temperature()), r.group(), Integer.toString(r.runs()),
          num(r.sigma()), num(r.tokensPerSecond()), num(r.firstTokenMillis()), num(r.speedup()),
          num(r.speedupMin()), num(r.speedupMax()), num(r.idealSpeedup()), num(r.decodeSpeedup()),
          num(r.efficiency()), num(r.outsideModelShare()), '"' + r.budget() + '"', Integer.toString(r.matching()),
          num(r.draftPrefillMillis()), num(r.draftMillisPerRound()), num(r.draftVisualTokens()),
          '"' + branches(r, ":", ";") + '"')).append('\n');
    }
    return csv.toString();
  }

  /** Every run as CSV. */
  public static String runsCsv(List<RunRecord> runs) {
    StringBuilder csv = new StringBuilder(RUNS_HEADER).append('\n');
    for (RunRecord r : runs) {
      var s = r.stats();
      csv.append(String.join(",", r.mode(), fmt(r.temperature()), '"' + r.promptId() + '"',
          Integer.toString(r.repetition()), Integer.toString(s.visualTokens()), Integer.toString(s.generatedTokens()),
          Integer.toString(s.rounds()), Long.toString(s.acceptedTokens()), Long.toString(s.totalNanos()),
          Long.toString(s.firstTokenNanos()), Long.toString(s.visionNanos()), Long.toString(s.prefillNanos()),
          Long.toString(s.draftNanos()), Long.toString(s.verifyNanos()), Long.toString(s.commitNanos()),
          Long.toString(s.targetForwardNanos()), Long.toString(s.draftForwardNanos()), Long.toString(s.modelNanos()),
          '"' + s.treeBudget().toString() + '"', Boolean.toString(r.matchesAutoregressive()),
          Long.toString(s.draftPrefillNanos()), Integer.toString(s.draftVisualTokens()),
          '"' + s.compressorBranch() + '"')).append('\n');
    }
    return csv.toString();
  }

  /** The chart: rows of panels (speedup, σ), one column per temperature; categories are the visual tokens. */
  public static BufferedImage chart(EndToEndHarness.Results results, List<SummaryRow> rows) {
    List<Double> temps = results.plan().temperatures();
    int w = 640;
    int h = 400;
    BufferedImage image = new BufferedImage(w * temps.size(), 2 * h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    try {
      for (int c = 0; c < temps.size(); c++) {
        double t = temps.get(c);
        paint(g, c * w, 0, w, h, panel(rows, t, "speedup over AR (×)", SummaryRow::speedup));
        paint(g, c * w, h, w, h, panel(rows, t, "σ (tokens per target forward)", SummaryRow::sigma));
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void paint(Graphics2D g, int x, int y, int w, int h, CategoryChart chart) {
    Graphics2D sub = (Graphics2D) g.create(x, y, w, h);
    try {
      chart.paint(sub, w, h);
    } finally {
      sub.dispose();
    }
  }

  private static CategoryChart panel(List<SummaryRow> rows, double t, String yTitle,
      ToDoubleFunction<SummaryRow> value) {
    List<String> groups = groups(rows);
    boolean byGroup = !groups.isEmpty();
    List<String> categories = byGroup ? groups.stream().map(gr -> gr + " visual tokens").toList() : List.of("all");
    CategoryChart chart = new CategoryChartBuilder().width(640).height(400)
        .title(yTitle + ", temperature " + fmt(t)).xAxisTitle(byGroup ? "image size" : "").yAxisTitle(yTitle).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    for (String mode : modes(rows)) {
      List<Double> ys = new ArrayList<>();
      for (String gr : byGroup ? groups : List.of(Summary.ALL)) {
        SummaryRow r = find(rows, mode, t, gr);
        ys.add(r == null || Double.isNaN(value.applyAsDouble(r)) ? 0 : value.applyAsDouble(r));
      }
      chart.addSeries(mode, categories, ys);
    }
    return chart;
  }

  private static List<String> groups(List<SummaryRow> rows) {
    Set<String> groups = new LinkedHashSet<>();
    rows.stream().map(SummaryRow::group).filter(g -> !g.equals(Summary.ALL))
        .sorted((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b))).forEach(groups::add);
    return new ArrayList<>(groups);
  }

  private static List<String> modes(List<SummaryRow> rows) {
    Set<String> modes = new LinkedHashSet<>();
    rows.forEach(r -> modes.add(r.mode()));
    return new ArrayList<>(modes);
  }

  private static @Nullable SummaryRow find(List<SummaryRow> rows, String mode, double t, String group) {
    for (SummaryRow r : rows) {
      if (r.mode().equals(mode) && r.temperature() == t && r.group().equals(group)) {
        return r;
      }
    }
    return null;
  }

  private static String fmt(double t) {
    return t == Math.rint(t) ? Long.toString((long) t) : Double.toString(t);
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
  }
}
