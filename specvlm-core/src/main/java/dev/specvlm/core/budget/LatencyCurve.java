package dev.specvlm.core.budget;

import java.util.Arrays;

/**
 * Measured wall-clock cost of one model forward as a function of the number of new rows {@code q}: a few measured
 * points, linear in between. Immutable.
 *
 * <p>The points are made non-decreasing at construction (each value is the running maximum of the measured ones), so
 * that measurement noise never makes a bigger forward look cheaper than a smaller one.
 */
public final class LatencyCurve {
  private final int[] rows; // [n] ascending, distinct, >= 1
  private final double[] nanos; // [n] non-decreasing

  private LatencyCurve(int[] rows, double[] nanos) {
    this.rows = rows;
    this.nanos = nanos;
  }

  /**
   * A curve through the points {@code (rows[i], nanos[i])}.
   *
   * @param rows row counts, strictly ascending, each at least 1
   * @param nanos the forward's wall-clock nanoseconds at each row count, positive and finite
   * @throws IllegalArgumentException if the arrays are empty, differ in length, or break the rules above
   */
  public static LatencyCurve of(int[] rows, double[] nanos) {
    if (rows.length == 0 || rows.length != nanos.length) {
      throw new IllegalArgumentException("a latency curve needs as many row counts as times, at least one; got "
          + rows.length + " row counts and " + nanos.length + " times");
    }
    double[] monotone = new double[nanos.length];
    double max = 0;
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] < 1 || (i > 0 && rows[i] <= rows[i - 1])) {
        throw new IllegalArgumentException("latency curve row counts must be strictly ascending and >= 1, got "
            + Arrays.toString(rows));
      }
      if (!(nanos[i] > 0) || Double.isInfinite(nanos[i])) {
        throw new IllegalArgumentException("latency curve time at " + rows[i] + " rows must be positive and finite, "
            + "got " + nanos[i]);
      }
      max = Math.max(max, nanos[i]);
      monotone[i] = max;
    }
    return new LatencyCurve(rows.clone(), monotone);
  }

  /** The largest measured row count: the curve says nothing beyond it. */
  public int maxRows() {
    return rows[rows.length - 1];
  }

  /** The smallest measured row count. */
  public int minRows() {
    return rows[0];
  }

  /** Whether {@code q} rows lie within the measured range. */
  public boolean covers(int q) {
    return q >= rows[0] && q <= maxRows();
  }

  /**
   * The interpolated cost of a forward over {@code q} rows, in nanoseconds; below the first point the first point's
   * cost (a forward never costs less than the smallest one measured).
   *
   * @throws IllegalArgumentException if {@code q} exceeds {@link #maxRows()}
   */
  public double nanos(double q) {
    if (q > maxRows()) {
      throw new IllegalArgumentException("latency of " + q + " rows asked beyond the measured " + maxRows());
    }
    if (q <= rows[0]) {
      return nanos[0];
    }
    int i = 1;
    while (rows[i] < q) {
      i++;
    }
    double f = (q - rows[i - 1]) / (rows[i] - rows[i - 1]);
    return nanos[i - 1] + f * (nanos[i] - nanos[i - 1]);
  }

  /** The measured row counts (a copy). */
  public int[] rows() {
    return rows.clone();
  }

  /** The monotone times at {@link #rows()} (a copy). */
  public double[] times() {
    return nanos.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LatencyCurve c && Arrays.equals(c.rows, rows) && Arrays.equals(c.nanos, nanos);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(rows) + Arrays.hashCode(nanos);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("LatencyCurve{");
    for (int i = 0; i < rows.length; i++) {
      s.append(i == 0 ? "" : ", ").append(rows[i]).append(": ").append(String.format("%.1f µs", nanos[i] / 1e3));
    }
    return s.append('}').toString();
  }
}
