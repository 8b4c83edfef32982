package dev.specvlm.core.compress;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The compressor branches without weights, along the visual-token axis of a row-major {@code [n, width]} array
 * (brief §7.3): prune(r) and pool(r), both giving {@code ⌈n/r⌉} rows. The trainer uses the same index rules, so
 * training and inference compress alike.
 */
public final class ParameterFreeBranches {
  private ParameterFreeBranches() {}

  /** {@code ⌈n/r⌉}: the rows prune(r), pool(r) and conv(r) make of {@code n}. */
  public static int ceilDiv(int n, int r) {
    return (n + r - 1) / r;
  }

  /**
   * The rows prune(r) keeps of {@code n}, ascending: every r-th row from row 0 ({@code 0, r, 2r, …}) when
   * {@code random} is null, else {@code ⌈n/r⌉} distinct rows drawn uniformly from {@code random}, sorted.
   */
  public static int[] pruneIndices(int n, int r, @Nullable RandomGenerator random) {
    checkRatio(n, r);
    int keep = ceilDiv(n, r);
    int[] kept = new int[keep];
    if (random == null) {
      for (int i = 0; i < keep; i++) {
        kept[i] = i * r;
      }
      return kept;
    }
    int[] all = new int[n]; // partial Fisher–Yates: the first `keep` slots end up a uniform sample
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    for (int i = 0; i < keep; i++) {
      int j = i + random.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    System.arraycopy(all, 0, kept, 0, keep);
    Arrays.sort(kept);
    return kept;
  }

  /**
   * prune(r): copies the rows of {@link #pruneIndices} from {@code in [n, width]} to {@code out [⌈n/r⌉, width]}.
   *
   * @param random null for the deterministic stride pattern
   */
  public static void prune(float[] in, int n, int width, int r, @Nullable RandomGenerator random, float[] out) {
    int[] kept = pruneIndices(n, r, random);
    for (int i = 0; i < kept.length; i++) {
      System.arraycopy(in, kept[i] * width, out, i * width, width);
    }
  }

  /**
   * pool(r): average pooling with kernel = stride = r in ceil mode: output row i is the mean of input rows
   * {@code [i·r, min((i+1)·r, n))}, so the last window averages only the rows it holds (PyTorch's
   * {@code AvgPool1d(r, r, ceil_mode=True)} without padding). {@code in [n, width]} → {@code out [⌈n/r⌉, width]}.
   */
  public static void pool(float[] in, int n, int width, int r, float[] out) {
    checkRatio(n, r);
    int rows = ceilDiv(n, r);
    for (int i = 0; i < rows; i++) {
      int from = i * r;
      int to = Math.min(from + r, n);
      int o = i * width;
      Arrays.fill(out, o, o + width, 0f);
      for (int t = from; t < to; t++) {
        int src = t * width;
        for (int c = 0; c < width; c++) {
          out[o + c] += in[src + c];
        }
      }
      float scale = 1f / (to - from);
      for (int c = 0; c < width; c++) {
        out[o + c] *= scale;
      }
    }
  }

  private static void checkRatio(int n, int r) {
    if (n < 0 || r < 1) {
      throw new IllegalArgumentException("compression needs n >= 0 rows and a ratio >= 1, got n=" + n + ", r=" + r);
    }
  }
}
