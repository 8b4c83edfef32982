package dev.specvlm.onnx.reference;

import java.util.Random;

/** Array helpers and masks shared by the parity tests. */
final class Fixtures {
  private Fixtures() {}

  /** Additive value of a hidden column, as the engine writes it. */
  static final float DROP = Float.NEGATIVE_INFINITY;

  /** {@code [rows][cols]} row-major into one array. */
  static float[] flat(double[][] x) {
    int cols = x.length == 0 ? 0 : x[0].length;
    float[] out = new float[x.length * cols];
    for (int r = 0; r < x.length; r++) {
      for (int j = 0; j < cols; j++) {
        out[r * cols + j] = (float) x[r][j];
      }
    }
    return out;
  }

  /** {@code [heads][T][d]} row-major into one array (the {@code [1, heads, T, d]} cache layout). */
  static float[] flat(double[][][] x) {
    int t = x[0].length;
    int d = t == 0 ? 0 : x[0][0].length;
    float[] out = new float[x.length * t * d];
    for (int h = 0; h < x.length; h++) {
      for (int s = 0; s < t; s++) {
        for (int j = 0; j < d; j++) {
          out[(h * t + s) * d + j] = (float) x[h][s][j];
        }
      }
    }
    return out;
  }

  /** The rows {@code from..} of {@code x}. */
  static double[][] lastRows(double[][] x, int count) {
    return java.util.Arrays.copyOfRange(x, x.length - count, x.length);
  }

  /** Max |a − b| over two equally long arrays. */
  static double maxAbsDiff(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
    }
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs((double) a[i] - b[i]));
    }
    return max;
  }

  static double maxAbsDiff(double[][] a, double[][] b) {
    return maxAbsDiff(flat(a), flat(b));
  }

  /** Causal mask over {@code q} new rows after {@code past} visible positions: {@code [q][past + q]} additive. */
  static double[][] causal(int past, int q) {
    double[][] m = new double[q][past + q];
    for (int r = 0; r < q; r++) {
      for (int col = past + r + 1; col < past + q; col++) {
        m[r][col] = DROP;
      }
    }
    return m;
  }

  /**
   * Tree mask: row r sees every past position, itself and its ancestors ({@code parent[r]}, -1 for a root).
   */
  static double[][] tree(int past, int[] parent) {
    int q = parent.length;
    double[][] m = new double[q][past + q];
    for (int r = 0; r < q; r++) {
      for (int col = 0; col < q; col++) {
        m[r][past + col] = DROP;
      }
      for (int a = r; a >= 0; a = parent[a]) {
        m[r][past + a] = 0;
      }
    }
    return m;
  }

  /** Gaussian {@code [rows][cols]}. */
  static double[][] gaussian(Random random, int rows, int cols) {
    double[][] x = new double[rows][cols];
    for (double[] row : x) {
      for (int j = 0; j < cols; j++) {
        row[j] = random.nextGaussian();
      }
    }
    return x;
  }

  /** Uniform ids in {@code [0, vocab)}. */
  static long[] ids(Random random, int count, int vocab) {
    long[] ids = new long[count];
    for (int i = 0; i < count; i++) {
      ids[i] = random.nextInt(vocab);
    }
    return ids;
  }

  static long[] range(int from, int count) {
    long[] p = new long[count];
    for (int i = 0; i < count; i++) {
      p[i] = from + i;
    }
    return p;
  }
}
