package dev.specvlm.onnx.reference;

import static dev.specvlm.onnx.reference.WeightNames.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A plain-Java, double-precision implementation of the reference VLM, written from the architecture description and
 * independent of the graph writers: the oracle that the ONNX graphs are tested against. Slow and simple on purpose.
 */
final class ReferenceVlm {
  private final ReferenceWeights w;
  private final ReferenceConfig c;

  ReferenceVlm(ReferenceWeights weights) {
    this.w = weights;
    this.c = weights.config();
  }

  /** Per-layer key/value cache: {@code keys.get(layer)[kvHead][position][dim]}. */
  static final class Cache {
    final List<double[][][]> keys = new ArrayList<>();
    final List<double[][][]> values = new ArrayList<>();

    static Cache empty(int layers, int kvHeads) {
      Cache cache = new Cache();
      for (int i = 0; i < layers; i++) {
        cache.keys.add(new double[kvHeads][0][]);
        cache.values.add(new double[kvHeads][0][]);
      }
      return cache;
    }

    int length() {
      return keys.get(0)[0].length;
    }
  }

  /** A decoder step's results: logits of every row, features, the grown cache. */
  record DecoderStep(double[][] logits, double[][] hidden, Cache present) {}

  /** A draft step's results: predicted features, log-probabilities of every row, the grown cache. */
  record DraftStep(double[][] hidden, double[][] logProbs, Cache present) {}

  // ---------------------------------------------------------------- vision

  /** {@code pixels [3, h, w]} row-major → {@code [N, H]}, patches row-major over the grid. */
  double[][] vision(float[] pixels, int height, int width) {
    int p = c.patchSize();
    int gh = height / p;
    int gw = width / p;
    int vw = c.visionWidth();
    float[] kernel = w.data(VISION_PATCH); // [vw, 3, p, p]
    double[][] x = new double[gh * gw][vw];
    for (int r = 0; r < gh; r++) {
      for (int col = 0; col < gw; col++) {
        double[] out = x[r * gw + col];
        for (int o = 0; o < vw; o++) {
          double s = w.data(VISION_PATCH_BIAS)[o];
          for (int ch = 0; ch < 3; ch++) {
            for (int i = 0; i < p; i++) {
              for (int j = 0; j < p; j++) {
                s += kernel[((o * 3 + ch) * p + i) * p + j] * pixels[(ch * height + r * p + i) * width + col * p + j];
              }
            }
          }
          out[o] = s + w.data(VISION_POS_ROW)[r * vw + o] + w.data(VISION_POS_COL)[col * vw + o];
        }
      }
    }
    for (int l = 0; l < c.visionLayers(); l++) {
      String prefix = "vision.layers." + l + ".";
      double[][] y = layerNorm(x, prefix + VISION_NORM_1);
      double[][] q = linearBias(y, prefix + VISION_Q);
      double[][] k = linearBias(y, prefix + VISION_K);
      double[][] v = linearBias(y, prefix + VISION_V);
      double[][] attended = attend(q, splitHeads(k, c.visionHeads()), splitHeads(v, c.visionHeads()), null,
          c.visionHeads(), c.visionHeads(), c.visionHeadDim());
      x = add(x, linearBias(attended, prefix + VISION_OUT));
      y = layerNorm(x, prefix + VISION_NORM_2);
      x = add(x, linearBias(gelu(linearBias(y, prefix + VISION_FC1)), prefix + VISION_FC2));
    }
    x = layerNorm(x, "vision.post_layernorm");
    return linearBias(gelu(linearBias(x, "projector.linear_1")), "projector.linear_2");
  }

  // ---------------------------------------------------------------- text

  /** Embedding rows of {@code ids}. */
  double[][] embed(long[] ids) {
    int h = c.hiddenSize();
    double[][] out = new double[ids.length][h];
    for (int i = 0; i < ids.length; i++) {
      for (int j = 0; j < h; j++) {
        out[i][j] = w.data(EMBED_TOKENS)[(int) ids[i] * h + j];
      }
    }
    return out;
  }

  /** One target step over {@code q} rows; {@code mask [q][past + q]} is additive. */
  DecoderStep decoder(double[][] embeds, long[] positions, double[][] mask, Cache past) {
    Cache present = new Cache();
    double[][] h = embeds;
    for (int l = 0; l < c.numLayers(); l++) {
      int layer = l;
      h = decoderLayer(leaf -> layer(layer, leaf), h, positions, mask, past, l, present);
    }
    double[][] hidden = rmsNorm(h, FINAL_NORM);
    return new DecoderStep(linear(hidden, LM_HEAD), hidden, present);
  }

  /** One draft step: {@code embeds} are the next elements' embeddings, {@code features} the paired features. */
  DraftStep draft(double[][] embeds, double[][] features, long[] positions, double[][] mask, Cache past) {
    double[][] fused = new double[embeds.length][];
    for (int i = 0; i < embeds.length; i++) {
      fused[i] = concat(embeds[i], features[i]);
    }
    double[][] h = linearBias(fused, "draft.fc");
    Cache present = new Cache();
    double[][] out = decoderLayer(WeightNames::draftLayer, h, positions, mask, past, 0, present);
    double[][] logits = linear(out, LM_HEAD);
    double[][] logProbs = new double[logits.length][];
    for (int i = 0; i < logits.length; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (double v : logits[i]) {
        max = Math.max(max, v);
      }
      double sum = 0;
      for (double v : logits[i]) {
        sum += Math.exp(v - max);
      }
      double logZ = max + Math.log(sum);
      logProbs[i] = new double[logits[i].length];
      for (int j = 0; j < logits[i].length; j++) {
        logProbs[i][j] = logits[i][j] - logZ;
      }
    }
    return new DraftStep(out, logProbs, present);
  }

  private double[][] decoderLayer(UnaryOperator<String> name, double[][] hidden, long[] positions, double[][] mask,
      Cache past, int layer, Cache present) {
    int kvHeads = c.numKvHeads();
    double[][] x = rmsNorm(hidden, name.apply(INPUT_NORM));
    double[][] q = rope(linear(x, name.apply(Q_PROJ)), positions, c.numHeads());
    double[][] k = rope(linear(x, name.apply(K_PROJ)), positions, kvHeads);
    double[][] v = linear(x, name.apply(V_PROJ));
    double[][][] keys = appendRows(past.keys.get(layer), splitHeads(k, kvHeads));
    double[][][] values = appendRows(past.values.get(layer), splitHeads(v, kvHeads));
    present.keys.add(keys);
    present.values.add(values);
    double[][] attended = attend(q, keys, values, mask, c.numHeads(), kvHeads, c.headDim());
    double[][] h = add(hidden, linear(attended, name.apply(O_PROJ)));
    double[][] y = rmsNorm(h, name.apply(POST_ATTENTION_NORM));
    double[][] gate = linear(y, name.apply(GATE_PROJ));
    double[][] up = linear(y, name.apply(UP_PROJ));
    for (int i = 0; i < gate.length; i++) {
      for (int j = 0; j < gate[i].length; j++) {
        double g = gate[i][j];
        gate[i][j] = g / (1 + Math.exp(-g)) * up[i][j];
      }
    }
    return add(h, linear(gate, name.apply(DOWN_PROJ)));
  }

  // ---------------------------------------------------------------- primitives

  /** Rotate-half RoPE of each head of {@code x [S][heads·hd]}. */
  private double[][] rope(double[][] x, long[] positions, int heads) {
    int hd = c.headDim();
    int half = hd / 2;
    double[][] out = new double[x.length][x[0].length];
    for (int s = 0; s < x.length; s++) {
      for (int h = 0; h < heads; h++) {
        for (int j = 0; j < half; j++) {
          double angle = positions[s] * Math.pow(c.ropeTheta(), -2.0 * j / hd);
          double a = x[s][h * hd + j];
          double b = x[s][h * hd + j + half];
          out[s][h * hd + j] = a * Math.cos(angle) - b * Math.sin(angle);
          out[s][h * hd + j + half] = b * Math.cos(angle) + a * Math.sin(angle);
        }
      }
    }
    return out;
  }

  /**
   * Softmax attention of {@code q [S][heads·d]} over {@code keys/values [kvHeads][T][d]}; query head h reads kv head
   * {@code h / (heads / kvHeads)}; {@code mask [S][T]} additive or null.
   */
  static double[][] attend(double[][] q, double[][][] keys, double[][][] values, @Nullable double[][] mask, int heads,
      int kvHeads, int d) {
    int group = heads / kvHeads;
    int total = keys[0].length;
    double[][] out = new double[q.length][heads * d];
    double[] scores = new double[total];
    for (int s = 0; s < q.length; s++) {
      for (int h = 0; h < heads; h++) {
        double[][] k = keys[h / group];
        double[][] v = values[h / group];
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < total; t++) {
          double dot = 0;
          for (int j = 0; j < d; j++) {
            dot += q[s][h * d + j] * k[t][j];
          }
          scores[t] = dot / Math.sqrt(d) + (mask == null ? 0 : mask[s][t]);
          max = Math.max(max, scores[t]);
        }
        double sum = 0;
        for (int t = 0; t < total; t++) {
          scores[t] = Math.exp(scores[t] - max);
          sum += scores[t];
        }
        for (int t = 0; t < total; t++) {
          for (int j = 0; j < d; j++) {
            out[s][h * d + j] += scores[t] / sum * v[t][j];
          }
        }
      }
    }
    return out;
  }

  /** {@code [S][heads·d] -> [heads][S][d]}. */
  private static double[][][] splitHeads(double[][] x, int heads) {
    int d = x[0].length / heads;
    double[][][] out = new double[heads][x.length][d];
    for (int s = 0; s < x.length; s++) {
      for (int h = 0; h < heads; h++) {
        System.arraycopy(x[s], h * d, out[h][s], 0, d);
      }
    }
    return out;
  }

  private static double[][][] appendRows(double[][][] past, double[][][] added) {
    double[][][] out = new double[past.length][][];
    for (int h = 0; h < past.length; h++) {
      out[h] = new double[past[h].length + added[h].length][];
      System.arraycopy(past[h], 0, out[h], 0, past[h].length);
      System.arraycopy(added[h], 0, out[h], past[h].length, added[h].length);
    }
    return out;
  }

  /** {@code x · Wᵀ} with {@code W [out, in]}. */
  private double[][] linear(double[][] x, String name) {
    FloatTensor t = w.tensor(name);
    int out = t.shape()[0];
    int in = t.shape()[1];
    double[][] y = new double[x.length][out];
    for (int s = 0; s < x.length; s++) {
      for (int o = 0; o < out; o++) {
        double sum = 0;
        for (int i = 0; i < in; i++) {
          sum += t.data()[o * in + i] * x[s][i];
        }
        y[s][o] = sum;
      }
    }
    return y;
  }

  private double[][] linearBias(double[][] x, String prefix) {
    double[][] y = linear(x, prefix + ".weight");
    float[] b = w.data(prefix + ".bias");
    for (double[] row : y) {
      for (int o = 0; o < row.length; o++) {
        row[o] += b[o];
      }
    }
    return y;
  }

  private double[][] rmsNorm(double[][] x, String name) {
    float[] g = w.data(name);
    double[][] y = new double[x.length][x[0].length];
    for (int s = 0; s < x.length; s++) {
      double ms = 0;
      for (double v : x[s]) {
        ms += v * v;
      }
      double inv = 1 / Math.sqrt(ms / x[s].length + c.rmsNormEps());
      for (int j = 0; j < x[s].length; j++) {
        y[s][j] = x[s][j] * inv * g[j];
      }
    }
    return y;
  }

  private double[][] layerNorm(double[][] x, String prefix) {
    float[] g = w.data(prefix + ".weight");
    float[] b = w.data(prefix + ".bias");
    double[][] y = new double[x.length][x[0].length];
    for (int s = 0; s < x.length; s++) {
      double mean = 0;
      for (double v : x[s]) {
        mean += v;
      }
      mean /= x[s].length;
      double var = 0;
      for (double v : x[s]) {
        var += (v - mean) * (v - mean);
      }
      double inv = 1 / Math.sqrt(var / x[s].length + c.layerNormEps());
      for (int j = 0; j < x[s].length; j++) {
        y[s][j] = (x[s][j] - mean) * inv * g[j] + b[j];
      }
    }
    return y;
  }

  private static double[][] gelu(double[][] x) {
    double[][] y = new double[x.length][x[0].length];
    for (int s = 0; s < x.length; s++) {
      for (int j = 0; j < x[s].length; j++) {
        y[s][j] = 0.5 * x[s][j] * (1 + erf(x[s][j] / Math.sqrt(2)));
      }
    }
    return y;
  }

  /** The error function to ~1e-13: Maclaurin series below 3, the erfc continued fraction above. */
  static double erf(double x) {
    double a = Math.abs(x);
    double result;
    if (a < 3) {
      double term = a;
      double sum = a;
      for (int n = 1; n < 100; n++) {
        term *= -a * a / n;
        sum += term / (2 * n + 1);
      }
      result = 2 / Math.sqrt(Math.PI) * sum;
    } else {
      double t = a;
      for (int n = 80; n >= 1; n--) {
        t = a + (n / 2.0) / t;
      }
      result = 1 - Math.exp(-a * a) / (Math.sqrt(Math.PI) * t);
    }
    return x < 0 ? -result : result;
  }

  private static double[][] add(double[][] a, double[][] b) {
    double[][] y = new double[a.length][a[0].length];
    for (int s = 0; s < a.length; s++) {
      for (int j = 0; j < a[s].length; j++) {
        y[s][j] = a[s][j] + b[s][j];
      }
    }
    return y;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] y = new double[a.length + b.length];
    System.arraycopy(a, 0, y, 0, a.length);
    System.arraycopy(b, 0, y, a.length, b.length);
    return y;
  }
}
