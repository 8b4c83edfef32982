package dev.specvlm.train.eval;

import static com.google.common.base.Preconditions.checkArgument;

import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpeculationMode;
import dev.specvlm.TreeBudget;
import dev.specvlm.train.data.Sample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures a model folder's draft on held-out prompts: σ (tokens committed per verification round, SpecVLM's mean
 * accepted length) with the EAGLE-2 dynamic tree, and the speedup over plain autoregressive decoding of the same
 * prompts with the same seeds. Each prompt runs AR and speculative back to back (alternating which goes first), so
 * both see the same machine load; the speedup is the ratio of summed wall times (end to end: vision, prefill, decoding).
 * At temperature 0 the two outputs must be identical (the engine is lossless); mismatches are counted, not hidden.
 */
public final class AcceptanceBenchmark {
  private AcceptanceBenchmark() {}

  /**
   * What to measure.
   *
   * @param budget the draft tree (the paper's K = 10, T = 60, D = 7 by default)
   * @param maxNewTokens the answer length limit
   * @param threads ONNX Runtime intra-op threads (0: its choice)
   * @param seed sampling seed of prompt i is {@code seed + i}
   */
  public record Settings(TreeBudget budget, int maxNewTokens, int threads, long seed) {
    /** Validates. */
    public Settings {
      checkArgument(maxNewTokens > 0, "maxNewTokens must be positive");
    }

    /** The paper's tree (K 10, T 60, D 7), answers up to 96 tokens, 2 threads. */
    public static Settings paper() {
      return new Settings(TreeBudget.of(10, 60, 7), 96, 2, 1234);
    }
  }

  /**
   * One measurement.
   *
   * @param temperature the sampling temperature
   * @param sigma tokens per round over all prompts: {@code (accepted + rounds) / rounds}
   * @param speedup AR wall time / speculative wall time, summed over prompts
   * @param arTokensPerSecond AR generated tokens per second
   * @param specTokensPerSecond speculative generated tokens per second
   * @param prompts prompts measured
   * @param tokens tokens generated speculatively
   * @param mismatches prompts whose speculative output differs from AR's (must be 0 at temperature 0)
   */
  public record Row(double temperature, double sigma, double speedup, double arTokensPerSecond,
      double specTokensPerSecond, int prompts, long tokens, int mismatches) {}

  /** Measures {@code folder} on {@code samples} at each temperature. */
  public static List<Row> run(Path folder, List<Sample> samples, Settings settings, double... temperatures) {
    List<Row> rows = new ArrayList<>();
    try (SpecDecoder decoder = SpecDecoder.builder().modelDir(folder).intraOpThreads(settings.threads()).build()) {
      // warm-up: sessions, allocators and the JIT
      Prompt first = prompt(samples.get(0));
      decoder.generate(first, config(settings, SpeculationMode.AR, 0, 0));
      decoder.generate(first, config(settings, SpeculationMode.DYNAMIC_TREE, 0, 0));
      for (double temperature : temperatures) {
        long accepted = 0;
        long rounds = 0;
        long arNanos = 0;
        long specNanos = 0;
        long arTokens = 0;
        long specTokens = 0;
        int mismatches = 0;
        for (int i = 0; i < samples.size(); i++) {
          Prompt prompt = prompt(samples.get(i));
          long seed = settings.seed() + i;
          GenerationConfig ar = config(settings, SpeculationMode.AR, temperature, seed);
          GenerationConfig spec = config(settings, SpeculationMode.DYNAMIC_TREE, temperature, seed);
          GenerationResult a;
          GenerationResult s;
          if (i % 2 == 0) {
            a = decoder.generate(prompt, ar);
            s = decoder.generate(prompt, spec);
          } else {
            s = decoder.generate(prompt, spec);
            a = decoder.generate(prompt, ar);
          }
          accepted += s.stats().acceptedTokens();
          rounds += s.stats().rounds();
          arNanos += a.stats().totalNanos();
          specNanos += s.stats().totalNanos();
          arTokens += a.tokenCount();
          specTokens += s.tokenCount();
          if (!Arrays.equals(a.tokenIds(), s.tokenIds())) {
            mismatches++;
          }
        }
        rows.add(new Row(temperature, rounds == 0 ? 0 : (double) (accepted + rounds) / rounds,
            (double) arNanos / specNanos, arTokens * 1e9 / arNanos, specTokens * 1e9 / specNanos, samples.size(),
            specTokens, mismatches));
      }
    }
    return rows;
  }

  /** The runtime prompt of a sample: its image, then its question, in the model's chat template. */
  public static Prompt prompt(Sample s) {
    return Prompt.builder().image(s.image()).text(s.question()).build();
  }

  private static GenerationConfig config(Settings settings, SpeculationMode mode, double temperature, long seed) {
    return GenerationConfig.builder().maxNewTokens(settings.maxNewTokens()).temperature(temperature).seed(seed)
        .speculation(mode).treeBudget(settings.budget()).build();
  }
}
