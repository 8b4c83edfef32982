package dev.specvlm.bench.e2e;

import dev.specvlm.GenerationResult;
import dev.specvlm.SpecStats;
import java.util.Objects;

/**
 * One measured generation of the harness.
 *
 * @param mode the decoding setting's name
 * @param temperature the sampling temperature
 * @param promptId the prompt's id
 * @param repetition which repetition of the prompt set (0-based)
 * @param matchesAutoregressive whether the tokens equal those of the autoregressive run of the same prompt,
 *     temperature and repetition (same seed)
 * @param stats the generation's statistics
 */
public record RunRecord(String mode, double temperature, String promptId, int repetition,
    boolean matchesAutoregressive, SpecStats stats) {
  /** Validates. */
  public RunRecord {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(promptId, "promptId");
    Objects.requireNonNull(stats, "stats");
  }

  /** A record of {@code result}. */
  static RunRecord of(String mode, double temperature, String promptId, int repetition, boolean matches,
      GenerationResult result) {
    return new RunRecord(mode, temperature, promptId, repetition, matches, result.stats());
  }

  /** The group the summary puts this run in: the image's visual tokens. */
  public int visualTokens() {
    return stats.visualTokens();
  }

  /** Wall time after the first token (the decode loop): total minus vision, prefill and the first token. */
  public long decodeNanos() {
    return Math.max(0, stats.totalNanos() - stats.visionNanos() - stats.prefillNanos());
  }

  /** Tokens produced by the decode loop (all but the first, which comes from the prefill). */
  public int decodeTokens() {
    return Math.max(0, stats.generatedTokens() - 1);
  }
}
