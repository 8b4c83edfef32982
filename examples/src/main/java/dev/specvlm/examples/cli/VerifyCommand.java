package dev.specvlm.examples.cli;

import dev.specvlm.GenerationConfig;
import dev.specvlm.LosslessnessReport;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpeculationMode;
import dev.specvlm.bench.e2e.PromptCase;
import dev.specvlm.bench.e2e.PromptSet;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code specvlm verify}: checks on a set of prompts that speculation reproduces autoregressive decoding. */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Checks that speculative decoding changes no output on your model: every prompt is generated with "
        + "speculation and without, at each temperature, and compared token for token (greedy) or seed-coupled "
        + "(sampling). The first divergence of a prompt is shown with its position and both tokens' probabilities; "
        + "divergences within the tie tolerance (batched and single-token kernels rounding differently) are listed "
        + "as numeric ties and do not fail the check."},
    footer = {"", "Exit status: 0 lossless (ties allowed), 1 a divergence that is not a numeric tie, 3 a specvlm "
        + "error.", "", "Example:", "  specvlm verify --prompts models/specvlm-tiny/heldout --temperatures 0,1"})
public final class VerifyCommand implements Callable<Integer> {
  @Mixin ModelOptions model = new ModelOptions();
  @Mixin SamplingOptions sampling = new SamplingOptions();

  @Option(names = {"-p", "--prompts"}, paramLabel = "DIR", description = "Prompt folder holding prompts.jsonl "
      + "(default: the model's heldout/ folder, else one text prompt).")
  @Nullable Path prompts;

  @Option(names = "--limit", paramLabel = "N", description = "Use only the first N prompts.")
  @Nullable Integer limit;

  @Option(names = "--temperatures", paramLabel = "LIST", split = ",", defaultValue = "0,1",
      description = "Temperatures to check (default: ${DEFAULT-VALUE}); sampling ones are seed-coupled.")
  List<Double> temperatures = List.of(0.0, 1.0);

  @Option(names = "--tie-tolerance", paramLabel = "X", defaultValue = "1e-3", description = "Logit distance under "
      + "which a divergence is a numeric tie (default: ${DEFAULT-VALUE}; larger for float16 models).")
  double tieTolerance = LosslessnessReport.DEFAULT_TIE_TOLERANCE;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<String> ids = new ArrayList<>();
    List<Prompt> list = new ArrayList<>();
    Path folder = prompts != null ? prompts : model.model().resolve("heldout");
    if (prompts != null || Files.isRegularFile(folder.resolve(PromptSet.FILE_NAME))) {
      PromptSet set = PromptSet.read(folder);
      if (limit != null) {
        set = set.limit(limit);
      }
      for (PromptCase c : set.cases()) {
        ids.add(c.id());
        list.add(c.toPrompt());
      }
      out.printf(Locale.ROOT, "%d prompts from %s%n", list.size(), folder);
    } else {
      ids.add("text");
      list.add(Prompt.of("Describe the image."));
      out.println("no prompt folder given (and none at " + folder + "): checking one text prompt; pass --prompts DIR");
    }
    GenerationConfig base = sampling.config();
    if (base.speculation() == SpeculationMode.AR) {
      base = base.toBuilder().speculation(SpeculationMode.DYNAMIC_TREE).build();
    }
    boolean lossless = true;
    try (SpecDecoder decoder = model.open()) {
      for (double t : temperatures) {
        LosslessnessReport r = decoder.verifyLossless(list, base.toBuilder().temperature(t).build(), tieTolerance);
        lossless &= r.lossless();
        print(out, r, ids);
      }
    }
    out.println(lossless ? "lossless: speculation reproduced autoregressive decoding"
        : "NOT lossless: see the divergences above");
    return lossless ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  private static void print(PrintWriter out, LosslessnessReport r, List<String> ids) {
    long ties = r.divergences().stream().filter(LosslessnessReport.Divergence::numericTie).count();
    long real = r.divergences().size() - ties;
    double sigma = r.prompts().stream().mapToDouble(LosslessnessReport.PromptResult::meanAcceptedLength).average()
        .orElse(0);
    out.printf(Locale.ROOT, "%s, temperature %s: %d prompts, %d tokens compared, mean σ %.2f — %s%n", r.mode(),
        r.temperature() == 0 ? "0 (greedy)" : r.temperature() + " (seed-coupled)", r.prompts().size(),
        r.comparedTokens(), sigma, real == 0 && ties == 0 ? "identical"
            : real + " divergence(s), " + ties + " numeric tie(s)");
    for (LosslessnessReport.Divergence d : r.divergences()) {
      out.printf(Locale.ROOT, "  prompt %s: %s%n", ids.get(d.promptIndex()), describe(d));
    }
  }

  private static String describe(LosslessnessReport.Divergence d) {
    return String.format(Locale.ROOT, "token %d: autoregressive %d (p=%.4g, logit %.6g) vs speculative %d (p=%.4g, "
            + "logit %.6g)%s", d.position(), d.autoregressiveToken(), d.autoregressiveProbability(),
        d.autoregressiveLogit(), d.speculativeToken(), d.speculativeProbability(), d.speculativeLogit(),
        d.numericTie() ? " — numeric tie (within the tolerance): kernels rounding differently, not an error"
            : " — DIVERGENCE");
  }
}
