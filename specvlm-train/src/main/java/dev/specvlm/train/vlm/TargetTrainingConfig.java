package dev.specvlm.train.vlm;

import static com.google.common.base.Preconditions.checkArgument;

import dev.specvlm.train.loop.LearningRateSchedule;

/**
 * How the target is trained.
 *
 * @param totalPositions the run ends after this many (unpadded) positions, visual slots included
 * @param schedule the learning rate over the fraction of positions done
 * @param weightDecay AdamW decay of matrices (not of norms, biases, embeddings or position tables)
 * @param maxGradNorm global gradient-norm clip
 * @param positionBudget positions per batch (B = budget / (visual slots + 64), at least 1)
 * @param initStd standard deviation of the initial matrices and embeddings (residual output projections get
 *     {@code initStd / sqrt(2 · layers)})
 * @param seed initial weights and the resolution of each batch
 * @param checkpointMinutes a checkpoint at least this often (and at the end)
 * @param logEvery a plain log line every this many steps
 * @param maxSeconds stop (with a checkpoint) after this much wall time in this process; 0 for no limit
 */
public record TargetTrainingConfig(long totalPositions, LearningRateSchedule schedule, double weightDecay,
    double maxGradNorm, int positionBudget, double initStd, long seed, double checkpointMinutes, int logEvery,
    long maxSeconds) {

  /** Validates. */
  public TargetTrainingConfig {
    checkArgument(totalPositions > 0, "totalPositions must be positive, got %s", totalPositions);
    checkArgument(positionBudget > 0, "positionBudget must be positive, got %s", positionBudget);
    checkArgument(initStd > 0, "initStd must be positive, got %s", initStd);
    checkArgument(maxGradNorm >= 0 && weightDecay >= 0, "maxGradNorm and weightDecay must be >= 0");
  }

  /**
   * The bundled model's recipe: 2 million positions (about two hours at ~300 positions/s on two shared cores), peak
   * learning rate 8e-4 with 3 % warm-up and cosine decay to a tenth, decay 0.1, clip 1.0, 2048 positions a batch.
   */
  public static TargetTrainingConfig bundled() {
    return new TargetTrainingConfig(2_000_000, new LearningRateSchedule(8e-4, 0.03, 0.1), 0.1, 1.0, 2048, 0.02,
        20250917L, 10, 10, 0);
  }

  /**
   * The grounding continuation of the bundled model's target ({@link BatchEmphasis}): 4 million positions (about
   * 1.6 hours on two cores) from the trained target with a fresh optimizer, peak 5e-4 with 3 % warm-up and cosine
   * decay to a tenth; otherwise as {@link #bundled()}.
   */
  public static TargetTrainingConfig grounding() {
    return new TargetTrainingConfig(4_000_000, new LearningRateSchedule(5e-4, 0.03, 0.1), 0.1, 1.0, 2048, 0.02,
        20251129L, 10, 10, 0);
  }

  /** A copy with another position total. */
  public TargetTrainingConfig withTotalPositions(long positions) {
    return new TargetTrainingConfig(positions, schedule, weightDecay, maxGradNorm, positionBudget, initStd, seed,
        checkpointMinutes, logEvery, maxSeconds);
  }

  /** A copy with another per-process time limit (0 for none). */
  public TargetTrainingConfig withMaxSeconds(long seconds) {
    return new TargetTrainingConfig(totalPositions, schedule, weightDecay, maxGradNorm, positionBudget, initStd,
        seed, checkpointMinutes, logEvery, seconds);
  }

  /** A copy with another batch budget. */
  public TargetTrainingConfig withPositionBudget(int budget) {
    return new TargetTrainingConfig(totalPositions, schedule, weightDecay, maxGradNorm, budget, initStd, seed,
        checkpointMinutes, logEvery, maxSeconds);
  }
}
