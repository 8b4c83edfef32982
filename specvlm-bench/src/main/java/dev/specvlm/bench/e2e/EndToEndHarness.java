package dev.specvlm.bench.e2e;

import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.ModelInfo;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs decoding settings side by side on one decoder: after a warm-up, for each repetition, each prompt and each
 * temperature, every setting in turn (A B C A B C …), so that slow drifts of the machine hit all settings alike and
 * each setting's run has an autoregressive run of the same prompt right before it to be paired with. Runs at one
 * (prompt, temperature, repetition) share a seed, so with the default coupled sampler every setting must produce the
 * autoregressive tokens, at temperature 1 as at 0; each record says whether it did.
 *
 * <p>Settings the model cannot run (SpecVLM without a visual compressor) are left out and listed in
 * {@link Results#skipped()}.
 */
public final class EndToEndHarness {
  /**
   * What to run.
   *
   * @param modes the settings; the autoregressive baseline is added first if missing
   * @param temperatures the temperatures, each run for every setting
   * @param base the generation settings shared by every run (length, sampling filters); mode, budget, temperature and
   *     seed are set per run
   * @param repetitions how many times the prompt set is run
   * @param warmupPrompts prompts run once per setting and temperature before measuring (not recorded)
   * @param seed the seed of repetition 0, prompt 0; others are derived from it
   */
  public record Plan(List<BenchMode> modes, List<Double> temperatures, GenerationConfig base, int repetitions,
      int warmupPrompts, long seed) {
    /** Validates, copies, and puts the autoregressive baseline first. */
    public Plan {
      List<BenchMode> m = new ArrayList<>();
      m.add(BenchMode.ar());
      for (BenchMode b : modes) {
        if (!b.isAutoregressive()) {
          m.add(b);
        }
      }
      modes = List.copyOf(m);
      temperatures = List.copyOf(temperatures);
      Objects.requireNonNull(base, "base");
      if (temperatures.isEmpty() || repetitions < 1 || warmupPrompts < 0) {
        throw new IllegalArgumentException("a plan needs a temperature, repetitions >= 1 and warmupPrompts >= 0");
      }
    }
  }

  /**
   * What a run produced.
   *
   * @param plan the plan, with the settings actually run
   * @param runs every measured generation, in the order run
   * @param skipped settings left out, each with the reason
   */
  public record Results(Plan plan, List<RunRecord> runs, List<String> skipped) {
    /** Copies. */
    public Results {
      runs = List.copyOf(runs);
      skipped = List.copyOf(skipped);
    }
  }

  private EndToEndHarness() {}

  /** The number of generations {@link #run} will make on a model like {@code model} (warm-up included). */
  public static long generations(Plan plan, int prompts, ModelInfo model) {
    long perPass = (long) runnable(plan, model, new ArrayList<>()).size() * plan.temperatures().size();
    return perPass * (Math.min(plan.warmupPrompts(), prompts) + (long) prompts * plan.repetitions());
  }

  /** The plan's settings that {@code model} can run; the others go to {@code skipped} with the reason. */
  private static List<BenchMode> runnable(Plan plan, ModelInfo model, List<String> skipped) {
    List<BenchMode> modes = new ArrayList<>();
    boolean hasCompressor = !model.compressorBranches().isEmpty();
    for (BenchMode m : plan.modes()) {
      if (m.compressed() && !hasCompressor) {
        skipped.add(m.name() + ": the model has no visual compressor");
      } else {
        modes.add(m);
      }
    }
    return modes;
  }

  /**
   * Runs {@code plan} on {@code prompts}.
   *
   * @param progress called after each generation with a short label
   */
  public static Results run(SpecDecoder decoder, PromptSet prompts, Plan plan, Consumer<String> progress) {
    List<String> skipped = new ArrayList<>();
    List<BenchMode> modes = runnable(plan, decoder.modelInfo(), skipped);
    Plan effective = new Plan(modes, plan.temperatures(), plan.base(), plan.repetitions(), plan.warmupPrompts(),
        plan.seed());
    List<PromptCase> cases = prompts.cases();
    List<Prompt> built = prompts.prompts();
    for (int p = 0; p < Math.min(plan.warmupPrompts(), cases.size()); p++) {
      for (double t : plan.temperatures()) {
        for (BenchMode m : modes) {
          decoder.generate(built.get(p), config(effective, m, t, seed(plan.seed(), -1, p)));
          progress.accept("warm-up " + m.name());
        }
      }
    }
    List<RunRecord> runs = new ArrayList<>();
    for (int rep = 0; rep < plan.repetitions(); rep++) {
      for (int p = 0; p < cases.size(); p++) {
        for (double t : plan.temperatures()) {
          long seed = seed(plan.seed(), rep, p);
          int[] reference = null;
          for (BenchMode m : modes) {
            GenerationResult r = decoder.generate(built.get(p), config(effective, m, t, seed));
            int[] tokens = r.tokenIds();
            if (reference == null) {
              reference = tokens; // the autoregressive run comes first
            }
            runs.add(RunRecord.of(m.name(), t, cases.get(p).id(), rep, Arrays.equals(reference, tokens), r));
            progress.accept(m.name() + " T=" + t);
          }
        }
      }
    }
    return new Results(effective, runs, skipped);
  }

  private static GenerationConfig config(Plan plan, BenchMode mode, double temperature, long seed) {
    return mode.configure(plan.base().toBuilder().temperature(temperature).seed(seed).build());
  }

  private static long seed(long base, int repetition, int prompt) {
    return base + 1_000_003L * (repetition + 1) + prompt;
  }
}
