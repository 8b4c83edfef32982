package dev.specvlm.core.testmodel;

import dev.specvlm.core.model.CompressorBranch;
import dev.specvlm.core.model.CompressorModel;
import dev.specvlm.core.model.DraftModel;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A pure-Java visual compressor with random weights and the reference layouts of the learned parts (C = 2H, every
 * matrix {@code [out, in]} row-major), which the ONNX writer and the trainer follow:
 *
 * <ul>
 *   <li>conv(r): {@code weight [C, r·C]} (input index {@code k·C + c}: window offset k, channel c) and
 *       {@code bias [C]}; output row i = {@code weight · [Z[i·r] ‖ … ‖ Z[i·r+r−1]] + bias}, rows past the span
 *       counting as zeros;</li>
 *   <li>resampler(m): {@code queries [m, C]}, {@code q, k, v, o} projections {@code [C, C]} without biases,
 *       {@link #RESAMPLER_HEADS} heads; output = {@code queries + o(softmax(q(queries)·k(Z)ᵀ/√d)·v(Z))} per head;</li>
 *   <li>gate: {@code weight [E, H]}, {@code bias [E]}; logits = {@code weight · mean over rows(F) + bias}.</li>
 * </ul>
 *
 * Deterministic and thread-safe. Counts the learned-branch runs.
 */
public final class TestCompressor implements CompressorModel {
  /** Heads of the resampler's cross-attention. */
  public static final int RESAMPLER_HEADS = 2;

  private final int hidden;
  private final int width;
  private final List<CompressorBranch> branches;
  private final int weightedRatio;
  private final @Nullable DraftModel draft;
  private final float[] gateWeight; // [E, H]
  private final float[] gateBias; // [E]
  private final float[] weightedWeight; // [3, H]
  private final float[] weightedBias; // [3]
  private final long seed;
  private final AtomicInteger learnedRuns = new AtomicInteger();

  /**
   * A compressor for width {@code hidden}.
   *
   * @param branches the branches in gate order
   * @param weightedRatio the ratio of the weighted gate, 0 for none (needs conv of that ratio among the branches)
   * @param draft the jointly trained draft, or null to use the bundle's
   */
  public TestCompressor(int hidden, List<CompressorBranch> branches, int weightedRatio, @Nullable DraftModel draft,
      long seed) {
    this.hidden = hidden;
    this.width = 2 * hidden;
    this.branches = List.copyOf(branches);
    this.weightedRatio = weightedRatio;
    this.draft = draft;
    this.seed = seed;
    this.gateWeight = random(seed, 1, branches.size() * hidden, 1);
    this.gateBias = random(seed, 2, branches.size(), 0.1);
    this.weightedWeight = random(seed, 3, 3 * hidden, 1);
    this.weightedBias = random(seed, 4, 3, 0.1);
  }

  /** SpecVLM's default branches: prune20, pool20, conv3, resampler2, text-only. */
  public static List<CompressorBranch> defaultBranches() {
    return List.of(CompressorBranch.parse("prune20"), CompressorBranch.parse("pool20"), CompressorBranch.parse("conv3"),
        CompressorBranch.parse("resampler2"), CompressorBranch.textOnly());
  }

  /** Uniform values in [−scale, scale) from (seed, stream). */
  public static float[] random(long seed, int stream, int n, double scale) {
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + stream);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (scale * (2 * r.nextDouble() - 1));
    }
    return v;
  }

  /** The gate's weights {@code [E, H]} (a copy). */
  public float[] gateWeight() {
    return gateWeight.clone();
  }

  /** The gate's bias {@code [E]} (a copy). */
  public float[] gateBias() {
    return gateBias.clone();
  }

  /** The weighted gate's weights {@code [3, H]} (a copy). */
  public float[] weightedGateWeight() {
    return weightedWeight.clone();
  }

  /** The weighted gate's bias {@code [3]} (a copy). */
  public float[] weightedGateBias() {
    return weightedBias.clone();
  }

  /** conv(r)'s weight {@code [C, r·C]}, scaled so outputs stay near the inputs' size. */
  public float[] convWeight(int r) {
    return random(seed, 100 + r, width * r * width, 1 / Math.sqrt(r * width));
  }

  /** conv(r)'s bias {@code [C]}. */
  public float[] convBias(int r) {
    return random(seed, 200 + r, width, 0.1);
  }

  /** resampler(m)'s queries {@code [m, C]}. */
  public float[] queries(int m) {
    return random(seed, 300 + m, m * width, 1);
  }

  /** resampler(m)'s projection {@code which} (0 q, 1 k, 2 v, 3 o), {@code [C, C]}. */
  public float[] projection(int m, int which) {
    return random(seed, 400 + 10 * m + which, width * width, 1 / Math.sqrt(width));
  }

  /** How often a learned branch ran. */
  public int learnedRuns() {
    return learnedRuns.get();
  }

  @Override
  public List<CompressorBranch> branches() {
    return branches;
  }

  @Override
  public void gate(float[] features, int offset, int rows, float[] logits) {
    linearOfMean(features, offset, rows, gateWeight, gateBias, branches.size(), logits);
  }

  @Override
  public int weightedRatio() {
    return weightedRatio;
  }

  @Override
  public void weightedGate(float[] features, int offset, int rows, float[] logits) {
    linearOfMean(features, offset, rows, weightedWeight, weightedBias, 3, logits);
  }

  private void linearOfMean(float[] features, int offset, int rows, float[] w, float[] b, int e, float[] logits) {
    double[] mean = new double[hidden];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < hidden; j++) {
        mean[j] += features[offset + r * hidden + j];
      }
    }
    for (int k = 0; k < e; k++) {
      double sum = b[k];
      for (int j = 0; j < hidden; j++) {
        sum += w[k * hidden + j] * mean[j] / rows;
      }
      logits[k] = (float) sum;
    }
  }

  @Override
  public void compress(CompressorBranch branch, float[] pairs, int rows, float[] out) {
    if (!branches.contains(branch)) {
      throw new IllegalArgumentException("test compressor has no branch " + branch);
    }
    learnedRuns.incrementAndGet();
    switch (branch.kind()) {
      case CONV -> conv(branch.size(), pairs, rows, out);
      case RESAMPLER -> resample(branch.size(), pairs, rows, out);
      default -> throw new IllegalArgumentException(branch + " is not a learned branch");
    }
  }

  /** conv(r) as in the class comment. */
  public void conv(int r, float[] pairs, int rows, float[] out) {
    float[] w = convWeight(r);
    float[] b = convBias(r);
    int c = width;
    int outRows = (rows + r - 1) / r;
    for (int i = 0; i < outRows; i++) {
      for (int o = 0; o < c; o++) {
        double sum = b[o];
        for (int k = 0; k < r; k++) {
          int t = i * r + k;
          if (t >= rows) {
            break;
          }
          for (int ch = 0; ch < c; ch++) {
            sum += w[o * r * c + k * c + ch] * pairs[t * c + ch];
          }
        }
        out[i * c + o] = (float) sum;
      }
    }
  }

  /** resampler(m) as in the class comment. */
  public void resample(int m, float[] pairs, int rows, float[] out) {
    int c = width;
    int d = c / RESAMPLER_HEADS;
    float[] queries = queries(m);
    double[][] q = project(projection(m, 0), queries, m);
    double[][] k = project(projection(m, 1), pairs, rows);
    double[][] v = project(projection(m, 2), pairs, rows);
    double[][] attended = new double[m][c];
    for (int head = 0; head < RESAMPLER_HEADS; head++) {
      for (int i = 0; i < m; i++) {
        double[] scores = new double[rows];
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < rows; t++) {
          double s = 0;
          for (int j = 0; j < d; j++) {
            s += q[i][head * d + j] * k[t][head * d + j];
          }
          scores[t] = s / Math.sqrt(d);
          max = Math.max(max, scores[t]);
        }
        double sum = 0;
        for (int t = 0; t < rows; t++) {
          scores[t] = Math.exp(scores[t] - max);
          sum += scores[t];
        }
        for (int t = 0; t < rows; t++) {
          for (int j = 0; j < d; j++) {
            attended[i][head * d + j] += scores[t] / sum * v[t][head * d + j];
          }
        }
      }
    }
    float[] o = projection(m, 3);
    for (int i = 0; i < m; i++) {
      for (int a = 0; a < c; a++) {
        double sum = queries[i * c + a];
        for (int j = 0; j < c; j++) {
          sum += o[a * c + j] * attended[i][j];
        }
        out[i * c + a] = (float) sum;
      }
    }
  }

  /** {@code x [rows, C] · wᵀ}. */
  private double[][] project(float[] w, float[] x, int rows) {
    int c = width;
    double[][] y = new double[rows][c];
    for (int t = 0; t < rows; t++) {
      for (int a = 0; a < c; a++) {
        double sum = 0;
        for (int j = 0; j < c; j++) {
          sum += w[a * c + j] * x[t * c + j];
        }
        y[t][a] = sum;
      }
    }
    return y;
  }

  @Override
  public @Nullable DraftModel draft() {
    return draft;
  }
}
