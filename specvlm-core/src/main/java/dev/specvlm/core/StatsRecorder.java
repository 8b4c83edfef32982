package dev.specvlm.core;

import dev.specvlm.SpecStats;
import dev.specvlm.SpeculationMode;
import dev.specvlm.TreeBudget;
import java.util.ArrayList;
import java.util.List;

/** Collects one generation's {@link SpecStats}: counts per round and wall-clock time per phase. */
final class StatsRecorder {
  /** The compressor branch reported when the draft sees every visual token. */
  static final String NO_COMPRESSOR = "none";

  private final SpeculationMode mode;
  private final TreeBudget budget;
  private final long seed;
  private final long start;
  private final long[] acceptedPerDepth; // [max drafted tokens on a path]
  int promptTokens;
  int visualTokens;
  int draftVisualTokens;
  String compressorBranch = NO_COMPRESSOR;
  long visionNanos;
  long prefillNanos;
  long draftPrefillNanos;
  long draftNanos;
  long verifyNanos;
  long commitNanos;
  long targetForwardNanos;
  long draftForwardNanos;
  long modelNanos;
  long firstTokenNanos = -1;
  private int rounds;
  private long drafted;
  private long accepted;
  private long peakKvBytes;

  StatsRecorder(SpeculationMode mode, TreeBudget budget, long seed, long start, int maxDepth) {
    this.mode = mode;
    this.budget = budget;
    this.seed = seed;
    this.start = start;
    this.acceptedPerDepth = new long[maxDepth];
  }

  /** Records a verification round that sent {@code draftedTokens} drafted tokens and accepted {@code acceptedTokens}. */
  void round(int draftedTokens, int acceptedTokens) {
    rounds++;
    drafted += draftedTokens;
    accepted += acceptedTokens;
    for (int d = 0; d < acceptedTokens; d++) {
      acceptedPerDepth[d]++;
    }
  }

  /** Records the current KV footprint. */
  void kvBytes(long bytes) {
    peakKvBytes = Math.max(peakKvBytes, bytes);
  }

  /** Records the first committed token, once. */
  void firstToken(long now) {
    if (firstTokenNanos < 0) {
      firstTokenNanos = now - start;
    }
  }

  SpecStats build(int generatedTokens, long end) {
    List<Integer> perDepth = new ArrayList<>(acceptedPerDepth.length);
    for (long n : acceptedPerDepth) {
      perDepth.add((int) n);
    }
    return new SpecStats(mode, budget, seed, promptTokens, visualTokens, draftVisualTokens, compressorBranch,
        generatedTokens, rounds, drafted, accepted, perDepth, visionNanos, prefillNanos, draftPrefillNanos, draftNanos, verifyNanos,
        commitNanos, targetForwardNanos, draftForwardNanos, modelNanos, end - start, Math.max(0, firstTokenNanos),
        peakKvBytes);
  }
}
