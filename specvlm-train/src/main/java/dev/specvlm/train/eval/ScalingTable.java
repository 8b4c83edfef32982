package dev.specvlm.train.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The training-time scaling effect (SpecVLM Table 7): one row per distillation epoch with σ and speedup at
 * temperature 0 and 1, kept as CSV in the run folder and rendered as a Markdown table and a PNG plot.
 */
public final class ScalingTable {
  private static final String HEADER =
      "epoch,samples,train_seconds,feature_loss,soft_ce,top1_agreement,sigma_t0,speedup_t0,sigma_t1,speedup_t1,"
          + "mismatches_t0,prompts";

  /**
   * One epoch's measurements.
   *
   * @param epoch 1-based
   * @param samples conversations distilled so far
   * @param trainSeconds distillation seconds so far
   * @param featureLoss the epoch's mean SmoothL1
   * @param softCe the epoch's mean soft cross-entropy
   * @param agreement the epoch's share of answer positions where student and teacher agree on the top-1 token
   * @param t0 the benchmark at temperature 0
   * @param t1 the benchmark at temperature 1
   */
  public record Row(int epoch, long samples, double trainSeconds, double featureLoss, double softCe,
      double agreement, AcceptanceBenchmark.Row t0, AcceptanceBenchmark.Row t1) {}

  private ScalingTable() {}

  /** Appends {@code row} to the CSV file (writing the header first if the file is new). */
  public static void append(Path csv, Row row) {
    try {
      if (!Files.exists(csv)) {
        Files.writeString(csv, HEADER + "\n");
      }
      Files.writeString(csv, String.format(Locale.ROOT, "%d,%d,%.1f,%.5f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%d,%d%n",
          row.epoch(), row.samples(), row.trainSeconds(), row.featureLoss(), row.softCe(), row.agreement(),
          row.t0().sigma(), row.t0().speedup(), row.t1().sigma(), row.t1().speedup(), row.t0().mismatches(),
          row.t0().prompts()),
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + csv, e);
    }
  }

  /** The rows of a CSV file written by {@link #append} as numbers, header excluded: {@code [row][column]}. */
  public static List<double[]> read(Path csv) {
    try {
      List<double[]> rows = new ArrayList<>();
      for (String line : Files.readAllLines(csv)) {
        if (line.isBlank() || line.startsWith("epoch")) {
          continue;
        }
        String[] parts = line.split(",");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
          v[i] = Double.parseDouble(parts[i]);
        }
        rows.add(v);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + csv, e);
    }
  }

  /** A Markdown table of the CSV rows. */
  public static String markdown(List<double[]> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("| epoch | conversations | distillation time | SmoothL1 | soft CE | top-1 agreement | σ (T=0) |"
        + " speedup (T=0) | σ (T=1) | speedup (T=1) |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (double[] r : rows) {
      sb.append(String.format(Locale.ROOT, "| %d | %d | %.0f s | %.4f | %.3f | %.3f | %.2f | %.2f× | %.2f | %.2f× |%n",
          (int) r[0], (long) r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]));
    }
    return sb.toString();
  }

  /** Whether column {@code column} strictly increases from each row to the next. */
  public static boolean increasing(List<double[]> rows, int column) {
    for (int i = 1; i < rows.size(); i++) {
      if (rows.get(i)[column] <= rows.get(i - 1)[column]) {
        return false;
      }
    }
    return true;
  }

  /** How column {@code column} moves over the rows, in words: "grows monotonically", or where it does not. */
  public static String trend(List<double[]> rows, int column) {
    if (increasing(rows, column)) {
      return "grows monotonically";
    }
    StringBuilder sb = new StringBuilder("does not grow monotonically (");
    String sep = "";
    for (int i = 1; i < rows.size(); i++) {
      if (rows.get(i)[column] <= rows.get(i - 1)[column]) {
        sb.append(sep).append(String.format(Locale.ROOT, "epoch %d → %d: %.2f → %.2f", (int) rows.get(i - 1)[0],
            (int) rows.get(i)[0], rows.get(i - 1)[column], rows.get(i)[column]));
        sep = "; ";
      }
    }
    return sb.append(')').toString();
  }

  /** Column index of the number of mismatching greedy outputs at temperature 0. */
  public static final int MISMATCHES_T0 = 10;
  /** Column index of the number of prompts measured. */
  public static final int PROMPTS = 11;

  /** Column index of σ at temperature 0 in {@link #read} rows. */
  public static final int SIGMA_T0 = 6;
  /** Column index of σ at temperature 1. */
  public static final int SIGMA_T1 = 8;
  /** Column index of the speedup at temperature 0. */
  public static final int SPEEDUP_T0 = 7;
  /** Column index of the speedup at temperature 1. */
  public static final int SPEEDUP_T1 = 9;

  /** Plots σ and speedup at both temperatures against the epoch into a PNG file. */
  public static void plot(List<double[]> rows, Path png, String title) {
    System.setProperty("java.awt.headless", "true");
    double[] epochs = rows.stream().mapToDouble(r -> r[0]).toArray();
    XYChart chart = new XYChartBuilder().width(720).height(440).title(title).xAxisTitle("distillation epochs")
        .yAxisTitle("σ (tokens per round) / speedup (×)").build();
    chart.getStyler().setXAxisDecimalPattern("0");
    chart.getStyler().setYAxisMin(0.0);
    add(chart, "σ, T=0", epochs, rows, SIGMA_T0);
    add(chart, "σ, T=1", epochs, rows, SIGMA_T1);
    add(chart, "speedup, T=0", epochs, rows, SPEEDUP_T0);
    add(chart, "speedup, T=1", epochs, rows, SPEEDUP_T1);
    try {
      Files.createDirectories(png.toAbsolutePath().getParent());
      BitmapEncoder.saveBitmap(chart, png.toString().replaceAll("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write plot " + png, e);
    }
  }

  private static void add(XYChart chart, String name, double[] x, List<double[]> rows, int column) {
    chart.addSeries(name, x, rows.stream().mapToDouble(r -> r[column]).toArray()).setMarker(SeriesMarkers.CIRCLE);
  }
}
