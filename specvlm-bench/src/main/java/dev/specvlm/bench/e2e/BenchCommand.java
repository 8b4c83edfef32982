package dev.specvlm.bench.e2e;

import dev.specvlm.GenerationConfig;
import dev.specvlm.SpecDecoder;
import dev.specvlm.ModelInfo;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code specvlm bench}: the end-to-end benchmark on a model folder and a prompt folder, written to a results folder.
 * Also runnable alone through {@link EndToEndBenchmark}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs decoding modes side by side on a model and a prompt folder and writes markdown tables (speed, "
        + "and the draft side: draft prefill, draft time per round, draft visual tokens, compressor branches), CSV "
        + "files and a chart of speedup and σ per mode and image size.",
        "Modes are interleaved (A B C A B C …) after a warm-up; every speedup is the median of ratios to an "
            + "autoregressive run of the same prompt and seed made just before."},
    footer = {"", "Modes: ar, chain-N, chain-auto, static-K/T/D, static-auto, dynamic-K/T/D, dynamic-auto, eaglevlm "
        + "(= dynamic-10/60/7), specvlm (the gate picks a compressor branch per request), specvlm-weighted, "
        + "specvlm-<branch> e.g. specvlm-pool20, each with an optional @K/T/D or @auto (SpecVLM modes need a model "
        + "with a visual compressor).",
        "Prompt folder: prompts.jsonl with one {\"id\", \"image\", \"question\", \"tags\"} object per line; see "
            + "docs/benchmarks.md."})
public final class BenchCommand implements Callable<Integer> {
  /** Exit status when a speculative run did not reproduce the autoregressive tokens. */
  public static final int MISMATCH = 1;


  @Option(names = {"-m", "--model"}, paramLabel = "DIR", description = "Model folder holding specvlm.json "
      + "(default: ${DEFAULT-VALUE}).", defaultValue = ModelFolders.BUNDLED_MODEL)
  Path model = Path.of(ModelFolders.BUNDLED_MODEL);

  @Option(names = {"-p", "--prompts"}, paramLabel = "DIR", description = "Prompt folder holding prompts.jsonl "
      + "(default: the model's heldout/ folder).")
  @Nullable Path prompts;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Results folder (default: "
      + "bench-results/<date-time>).")
  @Nullable Path out;

  @Option(names = "--modes", paramLabel = "LIST", description = "Comma-separated modes (default: ${DEFAULT-VALUE}).",
      defaultValue = BenchMode.DEFAULTS)
  String modes = BenchMode.DEFAULTS;

  @Option(names = "--temperatures", paramLabel = "LIST", split = ",", description = "Temperatures "
      + "(default: ${DEFAULT-VALUE}).", defaultValue = "0,1")
  List<Double> temperatures = List.of(0.0, 1.0);

  @Option(names = {"-n", "--max-tokens"}, paramLabel = "N", description = "New tokens per generation "
      + "(default: ${DEFAULT-VALUE}).", defaultValue = "64")
  int maxTokens = 64;

  @Option(names = {"-r", "--repeats"}, paramLabel = "N", description = "Passes over the prompt set "
      + "(default: ${DEFAULT-VALUE}).", defaultValue = "3")
  int repeats = 3;

  @Option(names = "--warmup", paramLabel = "N", description = "Prompts run once per mode before measuring "
      + "(default: ${DEFAULT-VALUE}).", defaultValue = "2")
  int warmup = 2;

  @Option(names = "--limit", paramLabel = "N", description = "Use only the first N prompts.")
  @Nullable Integer limit;

  @Option(names = "--ignore-eos", description = "Generate maxTokens tokens even past end-of-sequence.")
  boolean ignoreEos;

  @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime intra-op threads (default: 0, the "
      + "runtime's choice).", defaultValue = "0")
  int threads;

  @Option(names = "--seed", paramLabel = "N", description = "Base seed for sampling (default: ${DEFAULT-VALUE}).",
      defaultValue = "1")
  long seed = 1;

  @Option(names = "--no-progress", description = "Do not draw a progress bar.")
  boolean noProgress;

  @Override
  public Integer call() {
    ModelFolders.requireModel(model);
    Path promptFolder = prompts != null ? prompts : model.resolve("heldout");
    Path results = out != null ? out : Path.of("bench-results",
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
    PromptSet set = PromptSet.read(promptFolder);
    if (limit != null) {
      set = set.limit(limit);
    }
    EndToEndHarness.Plan plan = new EndToEndHarness.Plan(BenchMode.parseList(modes), temperatures,
        GenerationConfig.builder().maxNewTokens(maxTokens).ignoreEos(ignoreEos).build(), repeats, warmup, seed);
    List<String> setup = new ArrayList<>(MachineDescription.describe());
    String loadBefore = MachineDescription.loadAverage();
    EndToEndHarness.Results r;
    ModelInfo info;
    try (SpecDecoder decoder = SpecDecoder.builder().modelDir(model).intraOpThreads(threads).build()) {
      info = decoder.modelInfo();
      long total = EndToEndHarness.generations(plan, set.cases().size(), info);
      if (noProgress) {
        r = EndToEndHarness.run(decoder, set, plan, label -> { });
      } else {
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("bench").setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
          Consumer<String> step = label -> {
            bar.setExtraMessage(label);
            bar.step();
          };
          r = EndToEndHarness.run(decoder, set, plan, step);
        }
      }
    }
    setup.add("load average: " + loadBefore + " before, " + MachineDescription.loadAverage() + " after");
    setup.add(String.format(Locale.ROOT, "model: %s (%s), vocabulary %d, hidden %d, on %s, intra-op threads %s",
        info.name(), model, info.vocabSize(), info.hiddenSize(), info.executionDevice(),
        threads == 0 ? "runtime default" : Integer.toString(threads)));
    setup.add(String.format(Locale.ROOT, "prompts: %d from %s; %d new tokens%s; %d repetitions after %d warm-up "
            + "prompts; temperatures %s; seed %d", set.cases().size(), promptFolder, maxTokens,
        ignoreEos ? " (EOS ignored)" : "", repeats, warmup, temperatures, seed));
    List<SummaryRow> rows = Summary.of(r);
    ResultsWriter.write(results, r, rows, setup);
    System.out.println(ResultsWriter.markdown(r, rows, setup));
    System.out.println("results written to " + results.toAbsolutePath());
    long mismatched = r.runs().stream().filter(x -> !x.matchesAutoregressive()).count();
    if (mismatched > 0) {
      System.err.println("warning: " + mismatched + " runs did not reproduce the autoregressive tokens; run "
          + "'specvlm verify' on the same prompts to see where they diverge");
      return MISMATCH;
    }
    return 0;
  }
}
