package dev.specvlm.onnx.image;

/**
 * Separable resizing with an antialiasing filter, streaming over the source rows: each source row is read once,
 * resized horizontally and added into the output rows whose vertical filter window covers it. Memory is one source
 * row plus the output, whatever the source size.
 */
final class Resampler {
  private Resampler() {}

  /**
   * Per-axis filter weights: output index {@code i} reads inputs {@code [start[i], start[i] + count[i])} with
   * weights {@code weights[i * stride + j]}, normalised to sum 1. Windows move monotonically with {@code i}.
   */
  record Weights(int[] start, int[] count, double[] weights, int stride) {
    static Weights of(int inSize, int outSize, Resample filter) {
      double scale = (double) inSize / outSize;
      double filterScale = Math.max(1.0, scale);
      double support = filter.support() * filterScale;
      int stride = (int) Math.ceil(support) * 2 + 1;
      int[] start = new int[outSize];
      int[] count = new int[outSize];
      double[] w = new double[outSize * stride];
      for (int i = 0; i < outSize; i++) {
        double center = (i + 0.5) * scale;
        int lo = Math.max(0, (int) (center - support + 0.5));
        int hi = Math.min(inSize, (int) (center + support + 0.5));
        int n = Math.min(hi - lo, stride);
        double sum = 0;
        for (int j = 0; j < n; j++) {
          double v = filter.weight((j + lo - center + 0.5) / filterScale);
          w[i * stride + j] = v;
          sum += v;
        }
        if (sum != 0) {
          for (int j = 0; j < n; j++) {
            w[i * stride + j] /= sum;
          }
        }
        start[i] = lo;
        count[i] = n;
      }
      return new Weights(start, count, w, stride);
    }
  }

  /**
   * Resizes {@code rows} to {@code outH × outW} and returns planar RGB {@code [3, outH, outW]} in {@code [0, 255]}
   * (clamped, as an 8-bit resize would be).
   */
  static float[] resize(PixelRows rows, int outH, int outW, Resample filter) {
    Weights wx = Weights.of(rows.width, outW, filter);
    Weights wy = Weights.of(rows.height, outH, filter);
    int plane = outH * outW;
    float[] out = new float[3 * plane]; // [3, outH, outW]
    float[] src = new float[rows.width * 3]; // [inW, 3]
    float[] line = new float[outW * 3]; // [outW, 3]
    int first = 0;
    for (int y = 0; y < rows.height; y++) {
      while (first < outH && wy.start[first] + wy.count[first] <= y) {
        first++;
      }
      if (first == outH || wy.start[first] > y) {
        continue; // no output row reads this source row
      }
      rows.read(y, src);
      resizeLine(src, line, wx);
      for (int i = first; i < outH && wy.start[i] <= y; i++) {
        int j = y - wy.start[i];
        if (j >= wy.count[i]) {
          continue;
        }
        float wgt = (float) wy.weights[i * wy.stride + j];
        if (wgt == 0f) {
          continue;
        }
        int row = i * outW;
        for (int x = 0; x < outW; x++) {
          out[row + x] += wgt * line[x * 3];
          out[plane + row + x] += wgt * line[x * 3 + 1];
          out[2 * plane + row + x] += wgt * line[x * 3 + 2];
        }
      }
    }
    for (int k = 0; k < out.length; k++) {
      out[k] = Math.min(255f, Math.max(0f, out[k]));
    }
    return out;
  }

  private static void resizeLine(float[] src, float[] dst, Weights wx) {
    int outW = dst.length / 3;
    for (int x = 0; x < outW; x++) {
      double r = 0;
      double g = 0;
      double b = 0;
      int base = x * wx.stride;
      int s = wx.start[x];
      for (int j = 0; j < wx.count[x]; j++) {
        double w = wx.weights[base + j];
        int p = (s + j) * 3;
        r += w * src[p];
        g += w * src[p + 1];
        b += w * src[p + 2];
      }
      dst[x * 3] = (float) r;
      dst[x * 3 + 1] = (float) g;
      dst[x * 3 + 2] = (float) b;
    }
  }
}
