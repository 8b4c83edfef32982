package dev.specvlm.core.budget;

import java.util.Objects;

/**
 * What forwards cost on the device a decoder runs on: the target's verification forward over {@code q} tree tokens
 * and the draft's forward over {@code q} rows, both measured over a committed context of {@code contextLength}
 * positions.
 *
 * @param target the target forward's cost by tree size (row count 1 is plain autoregressive decoding)
 * @param draft the draft forward's cost by row count (a tree level of K rows, or a round's stable update)
 * @param contextLength committed positions in the caches while measuring
 */
public record DeviceCosts(LatencyCurve target, LatencyCurve draft, int contextLength) {
  /** Validates. */
  public DeviceCosts {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(draft, "draft");
    if (target.minRows() != 1) {
      throw new IllegalArgumentException("the target's latency curve must start at 1 row (autoregressive decoding), "
          + "got " + target.minRows());
    }
  }

  /** The cost of one plain autoregressive step: a target forward over one token. */
  public double autoregressiveNanos() {
    return target.nanos(1);
  }
}
