package dev.specvlm.onnx.reference;

import static dev.specvlm.onnx.reference.TensorNames.*;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.specvlm.core.model.CompressorBranch;
import dev.specvlm.onnx.graph.Dim;
import dev.specvlm.onnx.graph.ElementType;
import dev.specvlm.onnx.graph.GraphBuilder;
import dev.specvlm.onnx.graph.WeightStorage;
import java.util.Map;

/**
 * Writes the trained parts of the elastic visual compressor as ONNX graphs (opset 21, default domain only; the
 * weights of {@link CompressorWeightNames}): conv(r) and resampler(m) branches ({@link TensorNames#VISUAL_PAIRS}
 * {@code [1, n, C]} → {@link TensorNames#COMPRESSED_PAIRS} {@code [1, m, C]}, C = 2H) and gates
 * ({@link TensorNames#QUESTION_FEATURES} {@code [1, q, H]} → {@link TensorNames#GATE_LOGITS} {@code [1, E]}).
 * Linear weights are stored transposed ({@code [in, out]}). Stateless.
 */
public final class CompressorWriter {
  private static final Dim ONE = Dim.of(1);

  private CompressorWriter() {}

  /**
   * conv(r): zero-pads the span to a multiple of r rows, views it as windows of r·C values and applies
   * {@code weight [C, r·C]} and {@code bias [C]}: output row i = {@code weight · [Z[i·r] ‖ … ‖ Z[i·r+r−1]] + bias},
   * {@code ⌈n/r⌉} rows — a 1-D convolution with kernel = stride = r whose PyTorch weight {@code [C, C, r]} is
   * {@code permute(0, 2, 1).reshape(C, r·C)} of this one.
   *
   * @param weights {@code compressor.conv<r>.weight} and {@code .bias}
   */
  public static ModelProto conv(int channels, int ratio, Map<String, float[]> weights, WeightStorage storage) {
    CompressorBranch branch = new CompressorBranch(CompressorBranch.Kind.CONV, ratio);
    GraphBuilder g = builder("compressor_" + branch.name(), storage);
    String z = g.input(VISUAL_PAIRS, ElementType.FLOAT, ONE, Dim.named("n"), Dim.of(channels));
    String n = g.node("Shape").inputs(z).attr("start", 1L).attr("end", 2L).output(); // [1]: n
    String r = g.ints(ratio);
    String missing = g.op("Mod", g.op("Sub", r, g.op("Mod", n, r)), r); // [1]: (r − n mod r) mod r
    String pads = g.node("Concat").inputs(g.ints(0, 0, 0, 0), missing, g.ints(0)).attr("axis", 0L).output();
    String padded = g.op("Pad", z, pads); // [1, ⌈n/r⌉·r, C], zeros after the span
    String windows = g.op("Reshape", padded, g.ints(1, -1, (long) ratio * channels)); // [1, ⌈n/r⌉, r·C]
    String w = g.weight(CompressorWeightNames.of(branch, "weight") + ".transposed",
        new long[] {(long) ratio * channels, channels},
        transpose(require(weights, CompressorWeightNames.of(branch, "weight"), channels * ratio * channels), channels,
            ratio * channels));
    String b = g.weight(CompressorWeightNames.of(branch, "bias"), new long[] {channels},
        require(weights, CompressorWeightNames.of(branch, "bias"), channels));
    String out = g.op("Add", g.op("MatMul", windows, w), b);
    g.output(COMPRESSED_PAIRS, out, ElementType.FLOAT, ONE, Dim.named("m"), Dim.of(channels));
    return g.build();
  }

  /**
   * resampler(m): m learned queries and one multi-head cross-attention layer over the span,
   * {@code queries + o(softmax(q(queries) · k(Z)ᵀ / √d) · v(Z))} per head of d = C / heads channels; m rows.
   *
   * @param weights {@code compressor.resampler<m>.queries} and the four projections
   */
  public static ModelProto resampler(int channels, int queries, int heads, Map<String, float[]> weights,
      WeightStorage storage) {
    if (channels % heads != 0) {
      throw new IllegalArgumentException("resampler channels " + channels + " are not divisible by " + heads
          + " heads");
    }
    CompressorBranch branch = new CompressorBranch(CompressorBranch.Kind.RESAMPLER, queries);
    int d = channels / heads;
    GraphBuilder g = builder("compressor_" + branch.name(), storage);
    String z = g.input(VISUAL_PAIRS, ElementType.FLOAT, ONE, Dim.named("n"), Dim.of(channels));
    String[] w = new String[4];
    for (int i = 0; i < 4; i++) {
      String name = CompressorWeightNames.of(branch, CompressorWeightNames.PROJECTIONS[i]);
      w[i] = g.weight(name + ".transposed", new long[] {channels, channels},
          transpose(require(weights, name, channels * channels), channels, channels));
    }
    String queryRows = g.weight(CompressorWeightNames.of(branch, CompressorWeightNames.QUERIES),
        new long[] {1, queries, channels},
        require(weights, CompressorWeightNames.of(branch, CompressorWeightNames.QUERIES), queries * channels));
    String q = heads(g, g.op("Mul", g.op("MatMul", queryRows, w[0]), g.scalar((float) (1 / Math.sqrt(d)))), heads,
        d); // [1, h, m, d]
    String k = heads(g, g.op("MatMul", z, w[1]), heads, d); // [1, h, n, d]
    String v = heads(g, g.op("MatMul", z, w[2]), heads, d); // [1, h, n, d]
    String kT = g.node("Transpose").inputs(k).attrInts("perm", 0, 1, 3, 2).output(); // [1, h, d, n]
    String probs = g.node("Softmax").inputs(g.op("MatMul", q, kT)).attr("axis", -1L).output(); // [1, h, m, n]
    String context = g.node("Transpose").inputs(g.op("MatMul", probs, v)).attrInts("perm", 0, 2, 1, 3).output();
    String merged = g.op("Reshape", context, g.ints(1, queries, channels)); // [1, m, C]
    String out = g.op("Add", queryRows, g.op("MatMul", merged, w[3]));
    g.output(COMPRESSED_PAIRS, out, ElementType.FLOAT, ONE, Dim.of(queries), Dim.of(channels));
    return g.build();
  }

  /**
   * A gate: {@code weight · mean over rows(F) + bias}, {@code F [1, q, H]} → {@code [1, E]}.
   *
   * @param prefix {@link CompressorWeightNames#GATE} or {@link CompressorWeightNames#WEIGHTED_GATE}
   */
  public static ModelProto gate(int hidden, int logits, String prefix, Map<String, float[]> weights,
      WeightStorage storage) {
    GraphBuilder g = builder(prefix.replace('.', '_'), storage);
    String f = g.input(QUESTION_FEATURES, ElementType.FLOAT, ONE, Dim.named("q"), Dim.of(hidden));
    String mean = g.node("ReduceMean").inputs(f, g.ints(1)).attr("keepdims", 0L).output(); // [1, H]
    String w = g.weight(CompressorWeightNames.weight(prefix) + ".transposed", new long[] {hidden, logits},
        transpose(require(weights, CompressorWeightNames.weight(prefix), logits * hidden), logits, hidden));
    String b = g.weight(CompressorWeightNames.bias(prefix), new long[] {logits},
        require(weights, CompressorWeightNames.bias(prefix), logits));
    g.output(GATE_LOGITS, g.op("Add", g.op("MatMul", mean, w), b), ElementType.FLOAT, ONE, Dim.of(logits));
    return g.build();
  }

  private static GraphBuilder builder(String name, WeightStorage storage) {
    return new GraphBuilder(name, storage).opset("", 21).irVersion(10);
  }

  /** {@code [1, rows, h·d]} → {@code [1, h, rows, d]}. */
  private static String heads(GraphBuilder g, String x, int heads, int d) {
    String split = g.op("Reshape", x, g.ints(1, -1, heads, d));
    return g.node("Transpose").inputs(split).attrInts("perm", 0, 2, 1, 3).output();
  }

  private static float[] require(Map<String, float[]> weights, String name, int size) {
    float[] v = weights.get(name);
    if (v == null || v.length != size) {
      throw new IllegalArgumentException("compressor weight " + name + " needs " + size + " values, got "
          + (v == null ? "none" : v.length));
    }
    return v;
  }

  /** {@code [rows, cols]} → {@code [cols, rows]}. */
  private static float[] transpose(float[] x, int rows, int cols) {
    float[] t = new float[x.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t[j * rows + i] = x[i * cols + j];
      }
    }
    return t;
  }
}
