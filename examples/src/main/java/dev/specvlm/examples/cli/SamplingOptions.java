package dev.specvlm.examples.cli;

import dev.specvlm.GenerationConfig;
import dev.specvlm.InvalidRequestException;
import dev.specvlm.SpeculationMode;
import dev.specvlm.TreeBudget;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Length, sampling and speculation flags; shared by {@code generate} and {@code verify}. */
public final class SamplingOptions {
  @Option(names = {"-n", "--max-tokens"}, paramLabel = "N", defaultValue = "128",
      description = "Most new tokens (default: ${DEFAULT-VALUE}).")
  int maxTokens = 128;

  @Option(names = {"-t", "--temperature"}, paramLabel = "T", defaultValue = "0",
      description = "Sampling temperature; 0 is greedy (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--top-k", paramLabel = "K", defaultValue = "0", description = "Keep the K most likely tokens "
      + "when sampling; 0 disables (default).")
  int topK;

  @Option(names = "--top-p", paramLabel = "P", defaultValue = "1", description = "Nucleus mass when sampling; 1 "
      + "disables (default).")
  double topP = 1;

  @Option(names = "--min-p", paramLabel = "P", defaultValue = "0", description = "Drop tokens below P times the top "
      + "probability; 0 disables (default).")
  double minP;

  @Option(names = "--repetition-penalty", paramLabel = "R", defaultValue = "1", description = "Hugging Face style "
      + "repetition penalty; 1 disables (default).")
  double repetitionPenalty = 1;

  @Option(names = "--seed", paramLabel = "N", description = "Random seed, for reproducible sampling.")
  @Nullable Long seed;

  @Option(names = "--mode", paramLabel = "MODE", defaultValue = "dynamic", description = "How tokens are proposed: "
      + "dynamic (EAGLE-2 tree, default), static, chain or ar.")
  String mode = "dynamic";

  @Option(names = "--budget", paramLabel = "K/T/D", defaultValue = "auto", description = "Tree budget: auto "
      + "(fitted to this machine, default), eagle (10/60/7), or K/T/D, e.g. 4/8/3.")
  String budget = "auto";

  @Option(names = "--ignore-eos", description = "Keep generating past end-of-sequence, up to --max-tokens.")
  boolean ignoreEos;

  /** The speculation mode named by {@code --mode}. */
  SpeculationMode speculation() {
    return switch (mode.trim().toLowerCase(Locale.ROOT)) {
      case "dynamic", "dynamic_tree", "eaglevlm" -> SpeculationMode.DYNAMIC_TREE;
      case "static", "static_tree" -> SpeculationMode.STATIC_TREE;
      case "chain" -> SpeculationMode.CHAIN;
      case "ar" -> SpeculationMode.AR;
      default -> throw new InvalidRequestException("unknown --mode '" + mode + "'; use dynamic, static, chain or ar");
    };
  }

  /** The tree budget named by {@code --budget}. */
  TreeBudget treeBudget() {
    String b = budget.trim().toLowerCase(Locale.ROOT);
    if (b.equals("auto")) {
      return TreeBudget.auto();
    }
    if (b.equals("eagle")) {
      return TreeBudget.eagleDefault();
    }
    String[] p = b.split("/");
    try {
      if (p.length == 3) {
        return TreeBudget.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new InvalidRequestException("unknown --budget '" + budget + "'; use auto, eagle or K/T/D such as 4/8/3");
  }

  /** The configuration these flags describe (validated by the builder: bad values name the setting and range). */
  GenerationConfig config() {
    GenerationConfig.Builder b = GenerationConfig.builder().maxNewTokens(maxTokens).temperature(temperature)
        .topK(topK).topP(topP).minP(minP).repetitionPenalty(repetitionPenalty).speculation(speculation())
        .treeBudget(treeBudget()).ignoreEos(ignoreEos);
    if (seed != null) {
      b.seed(seed);
    }
    return b.build();
  }
}
