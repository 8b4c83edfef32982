package dev.specvlm.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.specvlm.core.compress.ParameterFreeBranches;
import dev.specvlm.core.model.CompressorBranch;
import dev.specvlm.onnx.reference.CompressorWeightNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * The elastic visual compressor in DJL, computing what the engine and the graphs of
 * {@code dev.specvlm.onnx.reference.CompressorWriter} compute (brief §7.3, docs/compressor.md), over a visual span of
 * draft input pairs {@code Z [n, C]} (C = 2H, rows {@code [E[j+1] ‖ f_j]}): prune(r) and pool(r) with the engine's
 * index rules ({@link ParameterFreeBranches}), conv(r) (zero-padded windows of r rows through
 * {@code weight [C, r·C]} and {@code bias [C]}), resampler(m) (m learned queries, one multi-head cross-attention layer
 * with a residual from the queries), text-only (no rows), and the gates ({@code weight · mean(F) + bias}). Parameters
 * are named by {@link CompressorWeightNames}. Not thread-safe.
 */
public final class CompressorNet {
  private final ParameterSet params;
  private final int hidden;
  private final int channels;
  private final int resamplerHeads;

  /**
   * A compressor over {@code params} for width {@code hidden}.
   *
   * @param resamplerHeads heads of the resampler's cross-attention (dividing 2H)
   */
  public CompressorNet(ParameterSet params, int hidden, int resamplerHeads) {
    this.params = Objects.requireNonNull(params, "params");
    this.hidden = hidden;
    this.channels = 2 * hidden;
    this.resamplerHeads = resamplerHeads;
    if (channels % resamplerHeads != 0) {
      throw new IllegalArgumentException("resampler heads " + resamplerHeads + " must divide 2H = " + channels);
    }
  }

  /**
   * The trained parameters of {@code branches} and the gates, with their shapes: learned branches, the select gate
   * over {@code branches.size()} logits, and (when {@code weightedRatio > 0}) the weighted gate over 3.
   */
  public static Map<String, int[]> shapes(int hidden, List<CompressorBranch> branches, int weightedRatio) {
    int c = 2 * hidden;
    Map<String, int[]> shapes = new LinkedHashMap<>();
    for (CompressorBranch b : branches) {
      if (b.kind() == CompressorBranch.Kind.CONV) {
        shapes.put(CompressorWeightNames.of(b, "weight"), new int[] {c, b.size() * c});
        shapes.put(CompressorWeightNames.of(b, "bias"), new int[] {c});
      } else if (b.kind() == CompressorBranch.Kind.RESAMPLER) {
        shapes.put(CompressorWeightNames.of(b, CompressorWeightNames.QUERIES), new int[] {b.size(), c});
        for (String p : CompressorWeightNames.PROJECTIONS) {
          shapes.put(CompressorWeightNames.of(b, p), new int[] {c, c});
        }
      }
    }
    shapes.put(CompressorWeightNames.weight(CompressorWeightNames.GATE), new int[] {branches.size(), hidden});
    shapes.put(CompressorWeightNames.bias(CompressorWeightNames.GATE), new int[] {branches.size()});
    if (weightedRatio > 0) {
      shapes.put(CompressorWeightNames.weight(CompressorWeightNames.WEIGHTED_GATE), new int[] {3, hidden});
      shapes.put(CompressorWeightNames.bias(CompressorWeightNames.WEIGHTED_GATE), new int[] {3});
    }
    return shapes;
  }

  /**
   * Initial values for {@link #shapes}: conv(r) starts as pool(r) ({@code 1/r} on each window row's own channel)
   * plus {@code N(0, std²)}; the resampler's value and output projections start as the identity and its queries,
   * query and key projections as {@code N(0, std²)} (so it starts near an attention-weighted mean of the span); gates
   * start at zero (every branch equally likely under Gumbel noise). Seeded per tensor name.
   */
  public static Map<String, float[]> initial(Map<String, int[]> shapes, double std, long seed) {
    Map<String, float[]> out = new LinkedHashMap<>();
    shapes.forEach((name, shape) -> {
      int size = 1;
      for (int d : shape) {
        size *= d;
      }
      float[] v = new float[size];
      Random random = new Random(seed * 1_000_003L + name.hashCode());
      boolean gate = name.startsWith(CompressorWeightNames.GATE + ".")
          || name.startsWith(CompressorWeightNames.WEIGHTED_GATE + ".");
      if (!gate && !name.endsWith(".bias")) {
        for (int i = 0; i < size; i++) {
          v[i] = (float) (std * random.nextGaussian());
        }
      }
      if (name.contains(".conv") && name.endsWith(".weight")) {
        int c = shape[0];
        int r = shape[1] / c;
        for (int o = 0; o < c; o++) {
          for (int k = 0; k < r; k++) {
            v[o * r * c + k * c + o] += 1f / r;
          }
        }
      } else if (name.endsWith("v_proj.weight") || name.endsWith("o_proj.weight")) {
        int c = shape[0];
        for (int i = 0; i < c; i++) {
          v[i * c + i] += 1f;
        }
      }
      out.put(name, v);
    });
    return out;
  }

  /** The branch {@code b} over {@code z [n, C]} (n ≥ 1): {@code [b.outputTokens(n), C]}; text-only is not run here. */
  public NDArray branch(CompressorBranch b, NDArray z) {
    int n = (int) z.getShape().get(0);
    NDManager m = z.getManager();
    return switch (b.kind()) {
      // both constants are kept for the backward pass, so they must be PyTorch-owned copies (see OwnedArrays.owned)
      case PRUNE -> z.get(OwnedArrays.owned(m.create(toLongs(ParameterFreeBranches.pruneIndices(n, b.size(), null)))));
      case POOL -> OwnedArrays.owned(m.create(poolMatrix(n, b.size()), new Shape(ParameterFreeBranches.ceilDiv(n, b.size()), n)))
          .matMul(z);
      case CONV -> conv(b, z);
      case RESAMPLER -> resample(b, z);
      case TEXT_ONLY -> throw new IllegalArgumentException("text-only has no output rows to compute");
    };
  }

  private NDArray conv(CompressorBranch b, NDArray z) {
    int n = (int) z.getShape().get(0);
    int r = b.size();
    int pad = (r - n % r) % r;
    NDArray padded = pad == 0 ? z : z.concat(z.getManager().zeros(new Shape(pad, channels)), 0);
    NDArray windows = padded.reshape((n + pad) / r, (long) r * channels);
    return Ops.linear(windows, params.get(CompressorWeightNames.of(b, "weight")),
        params.get(CompressorWeightNames.of(b, "bias")));
  }

  private NDArray resample(CompressorBranch b, NDArray z) {
    int n = (int) z.getShape().get(0);
    int q = b.size();
    int d = channels / resamplerHeads;
    NDArray queries = params.get(CompressorWeightNames.of(b, CompressorWeightNames.QUERIES));
    NDArray[] w = new NDArray[4];
    for (int i = 0; i < 4; i++) {
      w[i] = params.get(CompressorWeightNames.of(b, CompressorWeightNames.PROJECTIONS[i]));
    }
    NDArray qh = OwnedArrays.scaled(Ops.linear(queries, w[0]), 1 / Math.sqrt(d)).reshape(q, resamplerHeads, d)
        .transpose(1, 0, 2);
    NDArray kh = Ops.linear(z, w[1]).reshape(n, resamplerHeads, d).transpose(1, 2, 0); // [h, d, n]
    NDArray vh = Ops.linear(z, w[2]).reshape(n, resamplerHeads, d).transpose(1, 0, 2); // [h, n, d]
    NDArray context = qh.matMul(kh).softmax(2).matMul(vh); // [h, q, d]
    NDArray merged = context.transpose(1, 0, 2).reshape(q, channels);
    return Ops.linear(merged, w[3]).add(queries);
  }

  /** The select gate's logits {@code [E]} over question features {@code f [q, H]}. */
  public NDArray gate(NDArray features) {
    return gateOf(CompressorWeightNames.GATE, features);
  }

  /** The weighted gate's logits {@code [3]} (prune, pool, conv) over {@code f [q, H]}. */
  public NDArray weightedGate(NDArray features) {
    return gateOf(CompressorWeightNames.WEIGHTED_GATE, features);
  }

  private NDArray gateOf(String prefix, NDArray features) {
    NDArray mean = features.mean(new int[] {0}); // [H]
    return Ops.linear(mean.reshape(1, hidden), params.get(CompressorWeightNames.weight(prefix)),
        params.get(CompressorWeightNames.bias(prefix))).reshape(-1);
  }

  /** {@code [⌈n/r⌉, n]}: row i averages input rows {@code [i·r, min((i+1)·r, n))}. */
  private static float[] poolMatrix(int n, int r) {
    int rows = ParameterFreeBranches.ceilDiv(n, r);
    float[] p = new float[rows * n];
    for (int i = 0; i < rows; i++) {
      int from = i * r;
      int to = Math.min(from + r, n);
      for (int t = from; t < to; t++) {
        p[i * n + t] = 1f / (to - from);
      }
    }
    return p;
  }

  private static long[] toLongs(int[] v) {
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }
}
