package dev.specvlm.onnx.reference;

import static dev.specvlm.onnx.reference.WeightNames.*;

import dev.specvlm.onnx.graph.GraphBuilder;
import dev.specvlm.onnx.graph.WeightStorage;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The building blocks the four graph writers share: linear layers (weights stored transposed, {@code [in, out]}, so
 * {@code MatMul} consumes them directly), norms, RoPE, attention in the three {@link AttentionKind}s, and a whole
 * LLaMA decoder layer. Shapes in comments: {@code S} new rows, {@code T} keys (past + S).
 */
final class LayerWriter {
  final GraphBuilder g;
  final ReferenceWeights weights;
  final ReferenceConfig config;
  final AttentionKind kind;
  private @Nullable String ropeCos; // [contextLength, headDim/2]
  private @Nullable String ropeSin;
  private final java.util.Map<String, String> added = new java.util.HashMap<>(); // weight name -> value name

  LayerWriter(String graphName, ReferenceWeights weights, WriterOptions options) {
    this.weights = weights;
    this.config = weights.config();
    this.kind = options.attention();
    WeightStorage storage = options.weightStorage();
    this.g = new GraphBuilder(graphName, storage);
    if (kind == AttentionKind.STANDARD) {
      g.opset("", 23).irVersion(11);
    } else {
      g.opset("", 21).irVersion(10);
    }
    g.opset(GraphBuilder.MICROSOFT_DOMAIN, 1);
  }

  /** A weight as stored in the file, under its own name (no transposition; conv kernels, tables, norms, biases). */
  String tensor(String name) {
    return added.computeIfAbsent(name, n -> {
      FloatTensor t = weights.tensor(n);
      return g.weight(n, t.dims(), t.data());
    });
  }

  /** {@code x · Wᵀ} for the linear weight {@code name} of shape {@code [out, in]}: {@code [.., in] -> [.., out]}. */
  String linear(String x, String name) {
    return fusedLinear(x, name, name)[0];
  }

  /** {@code x · Wᵀ + b} for {@code prefix.weight [out, in]} and {@code prefix.bias [out]}. */
  String linearWithBias(String x, String prefix) {
    return g.op("Add", linear(x, prefix + ".weight"), tensor(prefix + ".bias"));
  }

  /**
   * Several linear layers over the same input as one {@code MatMul} on the concatenated weights followed by a
   * {@code Split}; returns one output per name, in order.
   *
   * @param fusedName the initializer's name in the file
   * @param names the linear weights {@code [out_i, in]}, all with the same {@code in}
   */
  String[] fusedLinear(String x, String fusedName, String... names) {
    String product = g.op("MatMul", x, added.computeIfAbsent(fusedName, n -> transposedWeight(n, names)));
    if (names.length == 1) {
      return new String[] {product};
    }
    long[] sizes = new long[names.length];
    for (int i = 0; i < names.length; i++) {
      sizes[i] = weights.tensor(names[i]).shape()[0];
    }
    return g.node("Split").inputs(product, g.ints(sizes)).attr("axis", -1L).outputs(names.length);
  }

  /** The weights {@code names} ({@code [out_i, in]}) concatenated along out and transposed: {@code [in, sum out_i]}. */
  private String transposedWeight(String fusedName, String... names) {
    int in = weights.tensor(names[0]).shape()[1];
    int totalOut = 0;
    for (String name : names) {
      int[] shape = weights.tensor(name).shape();
      if (shape.length != 2 || shape[1] != in) {
        throw new IllegalArgumentException("cannot fuse " + name + " " + java.util.Arrays.toString(shape)
            + " with inputs of width " + in);
      }
      totalOut += shape[0];
    }
    float[] transposed = new float[in * totalOut]; // [in, totalOut]
    int column = 0;
    for (String name : names) {
      float[] w = weights.data(name); // [out, in]
      int out = w.length / in;
      for (int o = 0; o < out; o++) {
        for (int i = 0; i < in; i++) {
          transposed[i * totalOut + column + o] = w[o * in + i];
        }
      }
      column += out;
    }
    return g.weight(fusedName, new long[] {in, totalOut}, transposed);
  }

  /** RMSNorm over the last axis with weight {@code name}: {@code x / sqrt(mean(x²) + eps) · w}. */
  String rmsNorm(String x, String name) {
    return g.node("SimplifiedLayerNormalization")
        .inputs(x, tensor(name))
        .attr("axis", -1L)
        .attr("epsilon", (float) config.rmsNormEps())
        .attr("stash_type", 1L)
        .output();
  }

  /** LayerNorm over the last axis with {@code prefix.weight} and {@code prefix.bias}. */
  String layerNorm(String x, String prefix) {
    return g.node("LayerNormalization")
        .inputs(x, tensor(prefix + ".weight"), tensor(prefix + ".bias"))
        .attr("axis", -1L)
        .attr("epsilon", (float) config.layerNormEps())
        .output();
  }

  /** Exact (erf) GELU. */
  String gelu(String x) {
    return g.node("Gelu").domain(GraphBuilder.MICROSOFT_DOMAIN).inputs(x).output();
  }

  /**
   * Rotate-half RoPE of every head of {@code x [1, S, heads·headDim]} at {@code positionIds [1, S]}, through
   * {@code com.microsoft.RotaryEmbedding} (input order: input, position_ids, cos_cache, sin_cache).
   */
  String rope(String x, String positionIds) {
    if (ropeCos == null) {
      int half = config.headDim() / 2;
      int rows = config.contextLength();
      float[] cos = new float[rows * half];
      float[] sin = new float[rows * half];
      for (int p = 0; p < rows; p++) {
        for (int j = 0; j < half; j++) {
          double angle = p * RopeTables.inverseFrequency(config, j);
          cos[p * half + j] = (float) Math.cos(angle);
          sin[p * half + j] = (float) Math.sin(angle);
        }
      }
      ropeCos = g.constantFloat("rope.cos_cache", new long[] {rows, half}, cos);
      ropeSin = g.constantFloat("rope.sin_cache", new long[] {rows, half}, sin);
    }
    return g.node("RotaryEmbedding")
        .domain(GraphBuilder.MICROSOFT_DOMAIN)
        .inputs(x, positionIds, ropeCos, ropeSin)
        .attr("interleaved", 0L)
        .output();
  }

  /** {@code [1, S, heads·dim] -> [1, heads, S, dim]}. */
  String toHeads(String x, int heads, int dim) {
    String split = g.op("Reshape", x, g.ints(0, 0, heads, dim));
    return g.node("Transpose").inputs(split).attrInts("perm", 0, 2, 1, 3).output();
  }

  /**
   * Scaled dot-product attention with plain {@code MatMul}/{@code Softmax} of {@code q [1, S, heads·dim]} over
   * {@code k, v [1, kvHeads, T, dim]} with an optional additive {@code mask [1, 1, S, T]}; query head {@code h} reads
   * key/value head {@code h / (heads/kvHeads)} (Hugging Face {@code repeat_kv}), computed by grouping the query heads
   * per key/value head so keys are never repeated. Returns {@code [1, S, heads·dim]}.
   */
  String primitiveAttention(String q, String k, String v, @Nullable String mask, int heads, int kvHeads, int dim) {
    int group = heads / kvHeads;
    String scaled = g.op("Mul", q, g.scalar((float) (1 / Math.sqrt(dim))));
    String grouped = g.op("Reshape", scaled, g.ints(0, 0, kvHeads, group, dim)); // [1, S, kvH, g, d]
    String q5 = g.node("Transpose").inputs(grouped).attrInts("perm", 0, 2, 3, 1, 4).output(); // [1, kvH, g, S, d]
    String kT = g.node("Transpose").inputs(k).attrInts("perm", 0, 1, 3, 2).output(); // [1, kvH, d, T]
    String scores = g.op("MatMul", q5, g.op("Unsqueeze", kT, g.ints(2))); // [1, kvH, g, S, T]
    if (mask != null) {
      scores = g.op("Add", scores, mask); // mask broadcasts as [1, 1, 1, S, T]
    }
    String probs = g.node("Softmax").inputs(scores).attr("axis", -1L).output();
    String context = g.op("MatMul", probs, g.op("Unsqueeze", v, g.ints(2))); // [1, kvH, g, S, d]
    String bshd = g.node("Transpose").inputs(context).attrInts("perm", 0, 3, 1, 2, 4).output(); // [1, S, kvH, g, d]
    return g.op("Reshape", bshd, g.ints(0, 0, -1));
  }

  /**
   * {@code com.microsoft.MultiHeadAttention} over the cache: {@code q [1, S, heads·dim]}, new {@code k, v
   * [1, S, kvHeads·dim]}, past {@code [1, kvHeads, P, dim]}; returns the attention output {@code [1, S, heads·dim]}
   * and the presents {@code [1, kvHeads, P + S, dim]}. Under grouped-query attention the op runs with
   * {@code kvHeads} heads and the g query heads of each key/value head stacked as g blocks of query rows (the mask
   * repeated to match), so keys and values are never copied per query head.
   */
  String[] cachedMultiHeadAttention(String q, String k, String v, String mask, String pastKey, String pastValue,
      int heads, int kvHeads, int dim) {
    int group = heads / kvHeads;
    String query = q;
    String rowMask = mask;
    if (group > 1) {
      String grouped = g.op("Reshape", q, g.ints(0, 0, kvHeads, group, dim)); // [1, S, kvH, g, d]
      String rows = g.node("Transpose").inputs(grouped).attrInts("perm", 0, 3, 1, 2, 4).output(); // [1, g, S, kvH, d]
      query = g.op("Reshape", rows, g.ints(1, -1, (long) kvHeads * dim)); // [1, g·S, kvH·d]
      rowMask = groupedMask(mask, group); // [1, 1, g·S, T]
    }
    String[] out = g.node("MultiHeadAttention").domain(GraphBuilder.MICROSOFT_DOMAIN)
        .inputs(query, k, v, "", "", rowMask, pastKey, pastValue) // bias, key_padding_mask absent
        .attr("num_heads", (long) kvHeads)
        .outputs(3);
    if (group > 1) {
      String blocks = g.op("Reshape", out[0], g.ints(1, group, -1, kvHeads, dim)); // [1, g, S, kvH, d]
      String bshd = g.node("Transpose").inputs(blocks).attrInts("perm", 0, 2, 3, 1, 4).output(); // [1, S, kvH, g, d]
      out[0] = g.op("Reshape", bshd, g.ints(0, 0, -1));
    }
    return out;
  }

  /** Self-attention without cache or mask over {@code [1, S, heads·dim]} projections (the vision encoder). */
  String bidirectionalAttention(String q, String k, String v, int heads, int dim) {
    if (kind == AttentionKind.STANDARD) {
      return g.node("Attention").inputs(q, k, v)
          .attr("q_num_heads", (long) heads).attr("kv_num_heads", (long) heads).output();
    }
    if (kind == AttentionKind.MULTI_HEAD) {
      return g.node("MultiHeadAttention").domain(GraphBuilder.MICROSOFT_DOMAIN).inputs(q, k, v)
          .attr("num_heads", (long) heads).output();
    }
    return primitiveAttention(q, toHeads(k, heads, dim), toHeads(v, heads, dim), null, heads, heads, dim);
  }

  /** The outputs of one decoder layer. */
  record LayerOutputs(String hidden, String presentKey, String presentValue) {}

  /**
   * One LLaMA decoder layer (pre-norm; RMSNorm → GQA attention with RoPE → residual; RMSNorm → SwiGLU → residual)
   * over {@code hidden [1, S, H]}, with weights named by {@code name(leaf)}.
   */
  LayerOutputs decoderLayer(UnaryOperator<String> name, String hidden, String positionIds, String mask,
      String pastKey, String pastValue) {
    int heads = config.numHeads();
    int kvHeads = config.numKvHeads();
    int dim = config.headDim();
    String x = rmsNorm(hidden, name.apply(INPUT_NORM));
    String[] qkv = fusedLinear(x, name.apply("self_attn.qkv_proj.weight"),
        name.apply(Q_PROJ), name.apply(K_PROJ), name.apply(V_PROJ));
    String q = rope(qkv[0], positionIds); // [1, S, heads·dim]
    String k = rope(qkv[1], positionIds); // [1, S, kvHeads·dim]
    String attended;
    String presentKey;
    String presentValue;
    if (kind == AttentionKind.PRIMITIVE) {
      presentKey = g.node("Concat").inputs(pastKey, toHeads(k, kvHeads, dim)).attr("axis", 2L).output();
      presentValue = g.node("Concat").inputs(pastValue, toHeads(qkv[2], kvHeads, dim)).attr("axis", 2L).output();
      attended = primitiveAttention(q, presentKey, presentValue, mask, heads, kvHeads, dim);
    } else {
      String[] out = kind == AttentionKind.STANDARD
          ? g.node("Attention").inputs(q, k, qkv[2], mask, pastKey, pastValue)
              .attr("q_num_heads", (long) heads).attr("kv_num_heads", (long) kvHeads).outputs(3)
          : cachedMultiHeadAttention(q, k, qkv[2], mask, pastKey, pastValue, heads, kvHeads, dim);
      attended = out[0];
      presentKey = out[1];
      presentValue = out[2];
    }
    String h = g.op("Add", hidden, linear(attended, name.apply(O_PROJ)));
    String y = rmsNorm(h, name.apply(POST_ATTENTION_NORM));
    String[] gateUp = fusedLinear(y, name.apply("mlp.gate_up_proj.weight"),
        name.apply(GATE_PROJ), name.apply(UP_PROJ));
    String swish = g.op("Mul", gateUp[0], g.op("Sigmoid", gateUp[0]));
    String mlp = linear(g.op("Mul", swish, gateUp[1]), name.apply(DOWN_PROJ));
    return new LayerOutputs(g.op("Add", h, mlp), presentKey, presentValue);
  }

  /** The last {@code keep} rows of {@code x [1, S, W]} (all rows when keep is 0; clamped to S). */
  String lastRows(String x, String keep) {
    return g.op("Slice", x, g.op("Neg", keep), g.ints(Long.MAX_VALUE), g.ints(1));
  }

  /** {@code mask [1, 1, S, T]} repeated {@code group} times along the rows: {@code [1, 1, group·S, T]}; once per graph. */
  private String groupedMask(String mask, int group) {
    return added.computeIfAbsent("mask/grouped", n -> {
      String expanded = g.op("Expand", g.op("Unsqueeze", mask, g.ints(2)), g.ints(1, 1, group, 1, 1)); // [1,1,g,S,T]
      String columns = g.node("Shape").inputs(mask).attr("start", 3L).output(); // [T]
      String shape = g.node("Concat").inputs(g.ints(1, 1, -1), columns).attr("axis", 0L).output();
      return g.op("Reshape", expanded, shape);
    });
  }
}
