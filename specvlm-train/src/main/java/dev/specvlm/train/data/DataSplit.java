package dev.specvlm.train.data;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The seed ranges of the data: a sample is a pure function of its seed, so a split is a range of seeds. Training draws
 * from {@link #TRAIN}; evaluation (accuracy of the trained model, acceptance lengths of its draft) uses only
 * {@link #HELD_OUT}, which training never touches.
 *
 * <ul>
 *   <li>{@link #TRAIN}: seeds {@code [0, 2^40)};</li>
 *   <li>{@link #HELD_OUT}: seeds {@code [2^40, 2^40 + 2^20)} (1,048,576 samples).</li>
 * </ul>
 */
public enum DataSplit {
  /** Seeds {@code [0, 2^40)}. */
  TRAIN(0, 1L << 40),
  /** Seeds {@code [2^40, 2^40 + 2^20)}. */
  HELD_OUT(1L << 40, (1L << 40) + (1L << 20));

  private final long first;
  private final long end;

  DataSplit(long first, long end) {
    this.first = first;
    this.end = end;
  }

  /** The first seed of the range. */
  public long first() {
    return first;
  }

  /** One past the last seed of the range. */
  public long end() {
    return end;
  }

  /** The number of seeds in the range. */
  public long size() {
    return end - first;
  }

  /** Whether {@code seed} belongs to this split. */
  public boolean contains(long seed) {
    return seed >= first && seed < end;
  }

  /**
   * The seed of the {@code index}-th sample of this split.
   *
   * @throws IllegalArgumentException if {@code index} is outside {@code [0, size())}
   */
  public long seed(long index) {
    checkArgument(index >= 0 && index < size(), "sample index %s is outside split %s of %s seeds", index, name(),
        size());
    return first + index;
  }
}
