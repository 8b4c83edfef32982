package dev.specvlm.bench.e2e;

import dev.specvlm.SpecStats;
import dev.specvlm.SpeculationMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Turns the harness's runs into {@link SummaryRow}s: per setting, temperature and group of prompts (their visual
 * tokens, and {@link #ALL}). See {@link SummaryRow} for each figure's definition.
 */
public final class Summary {
  /** The group of every prompt. */
  public static final String ALL = "all";

  private Summary() {}

  private record Key(double temperature, String promptId, int repetition) {}

  /** The rows, ordered by temperature, then setting (plan order), then group ({@link #ALL} first). */
  public static List<SummaryRow> of(EndToEndHarness.Results results) {
    Map<Key, RunRecord> baseline = new HashMap<>();
    for (RunRecord r : results.runs()) {
      if (r.stats().mode() == SpeculationMode.AR) {
        baseline.put(key(r), r);
      }
    }
    TreeSet<Integer> groups = results.runs().stream().map(RunRecord::visualTokens)
        .collect(Collectors.toCollection(TreeSet::new));
    List<SummaryRow> rows = new ArrayList<>();
    for (double t : results.plan().temperatures()) {
      for (BenchMode m : results.plan().modes()) {
        List<RunRecord> all = results.runs().stream()
            .filter(r -> r.mode().equals(m.name()) && r.temperature() == t).toList();
        if (all.isEmpty()) {
          continue;
        }
        rows.add(row(m.name(), t, ALL, all, baseline));
        if (groups.size() > 1) {
          for (int g : groups) {
            List<RunRecord> in = all.stream().filter(r -> r.visualTokens() == g).toList();
            if (!in.isEmpty()) {
              rows.add(row(m.name(), t, Integer.toString(g), in, baseline));
            }
          }
        }
      }
    }
    return rows;
  }

  private static Key key(RunRecord r) {
    return new Key(r.temperature(), r.promptId(), r.repetition());
  }

  private static SummaryRow row(String mode, double t, String group, List<RunRecord> runs,
      Map<Key, RunRecord> baseline) {
    long rounds = sum(runs, s -> s.rounds());
    long committed = sum(runs, s -> s.acceptedTokens() + s.rounds());
    double sigma = rounds == 0 ? 1 : (double) committed / rounds;
    double tps = median(runs, r -> r.stats().tokensPerSecond());
    double ttft = median(runs, r -> r.stats().firstTokenNanos() / 1e6);
    double[] ratios = runs.stream().filter(r -> baseline.containsKey(key(r)))
        .mapToDouble(r -> (double) baseline.get(key(r)).stats().totalNanos() / r.stats().totalNanos()).toArray();
    Arrays.sort(ratios);
    List<RunRecord> pairedBaseline = runs.stream().map(r -> baseline.get(key(r))).filter(b -> b != null).toList();
    double arDecodePerToken = ratio(pairedBaseline.stream().mapToLong(RunRecord::decodeNanos).sum(),
        pairedBaseline.stream().mapToLong(RunRecord::decodeTokens).sum());
    double decodePerToken = ratio(runs.stream().mapToLong(RunRecord::decodeNanos).sum(),
        runs.stream().mapToLong(RunRecord::decodeTokens).sum());
    double decodeSpeedup = arDecodePerToken / decodePerToken;
    double forwardsPerRound = ratio(sum(runs, s -> s.targetForwardNanos() + s.draftForwardNanos()), rounds);
    boolean ar = runs.get(0).stats().mode() == SpeculationMode.AR;
    double ideal = ar ? 1 : sigma * arDecodePerToken / forwardsPerRound;
    long total = sum(runs, s -> s.totalNanos());
    double outside = total == 0 ? 0 : (double) (total - sum(runs, s -> s.modelNanos())) / total;
    String budget = ar ? "-" : runs.stream().map(r -> r.stats().treeBudget().toString())
        .collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new, Collectors.counting()))
        .entrySet().stream().max(Comparator.comparingLong(Map.Entry<String, Long>::getValue)).orElseThrow().getKey();
    int matching = (int) runs.stream().filter(RunRecord::matchesAutoregressive).count();
    double draftPrefill = ar ? Double.NaN : median(runs, r -> r.stats().draftPrefillNanos() / 1e6);
    double draftPerRound = ar ? Double.NaN : ratio(sum(runs, s -> s.draftNanos()), rounds) / 1e6;
    double draftVisual = ar ? Double.NaN : median(runs, r -> r.stats().draftVisualTokens());
    return new SummaryRow(mode, t, group, runs.size(), sigma, tps, ttft,
        ratios.length == 0 ? Double.NaN : medianOf(ratios), ratios.length == 0 ? Double.NaN : ratios[0],
        ratios.length == 0 ? Double.NaN : ratios[ratios.length - 1], ideal, decodeSpeedup,
        decodeSpeedup / ideal, outside, budget, matching, draftPrefill, draftPerRound, draftVisual,
        branches(runs));
  }

  /** How many of {@code runs} used each compressor branch, by name. */
  static Map<String, Integer> branches(List<RunRecord> runs) {
    Map<String, Integer> counts = new TreeMap<>();
    for (RunRecord r : runs) {
      counts.merge(r.stats().compressorBranch(), 1, Integer::sum);
    }
    return counts;
  }

  private static long sum(List<RunRecord> runs, java.util.function.ToLongFunction<SpecStats> f) {
    return runs.stream().mapToLong(r -> f.applyAsLong(r.stats())).sum();
  }

  private static double ratio(long a, long b) {
    return b == 0 ? Double.NaN : (double) a / b;
  }

  private static double median(List<RunRecord> runs, ToDoubleFunction<RunRecord> f) {
    double[] v = runs.stream().mapToDouble(f).sorted().toArray();
    return medianOf(v);
  }

  /** The median of sorted values (the mean of the middle two for an even count). */
  static double medianOf(double[] sorted) {
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
