package dev.specvlm.train.loop;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Linear warm-up over the first {@code warmup} fraction of training, then cosine decay to {@code floor · peak} at the
 * end. Progress is a fraction in {@code [0, 1]} (of positions, samples or steps, whatever the loop counts).
 *
 * @param peak the learning rate after warm-up
 * @param warmup the fraction of training spent warming up, in {@code [0, 1)}
 * @param floor the final learning rate as a fraction of the peak, in {@code [0, 1]}
 */
public record LearningRateSchedule(double peak, double warmup, double floor) {
  /** Validates. */
  public LearningRateSchedule {
    checkArgument(peak > 0, "peak learning rate must be positive, got %s", peak);
    checkArgument(warmup >= 0 && warmup < 1, "warm-up fraction must be in [0, 1), got %s", warmup);
    checkArgument(floor >= 0 && floor <= 1, "floor must be in [0, 1], got %s", floor);
  }

  /** A constant learning rate after a warm-up. */
  public static LearningRateSchedule constant(double peak, double warmup) {
    return new LearningRateSchedule(peak, warmup, 1.0);
  }

  /** The learning rate at {@code progress} (clamped to {@code [0, 1]}). */
  public double at(double progress) {
    double p = Math.min(1, Math.max(0, progress));
    if (p < warmup) {
      return peak * (p / warmup);
    }
    double decay = warmup >= 1 ? 1 : (p - warmup) / (1 - warmup);
    return peak * (floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * decay)));
  }
}
