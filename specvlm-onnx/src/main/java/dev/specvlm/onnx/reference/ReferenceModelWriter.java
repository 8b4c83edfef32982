package dev.specvlm.onnx.reference;

import static dev.specvlm.onnx.reference.TensorNames.*;
import static dev.specvlm.onnx.reference.WeightNames.*;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.specvlm.onnx.graph.Dim;
import dev.specvlm.onnx.graph.ElementType;
import dev.specvlm.onnx.graph.GraphBuilder;
import dev.specvlm.onnx.graph.OnnxFileWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Writes the four ONNX graphs of the reference VLM from its {@link ReferenceWeights}: {@value TensorNames#VISION_FILE},
 * {@value TensorNames#EMBED_FILE}, {@value TensorNames#DECODER_FILE} and {@value TensorNames#DRAFT_FILE}, with the
 * inputs and outputs of {@link TensorNames}. The graphs run on ONNX Runtime 1.24 (CPU; the operators also have CUDA
 * kernels) and compute in float32 whatever the weight storage.
 *
 * <p>Stateless and thread-safe. Linear weights appear in the files transposed ({@code [in, out]}), and the q/k/v and
 * gate/up projections of a layer fused into one initializer each ({@code self_attn.qkv_proj.weight},
 * {@code mlp.gate_up_proj.weight}); everything else keeps its {@link WeightNames} name and shape.
 */
public final class ReferenceModelWriter {
  private static final Dim ONE = Dim.of(1);
  private static final Dim Q = Dim.named("q");

  private ReferenceModelWriter() {}

  /**
   * Writes the four graphs into {@code dir} (created if missing) under their {@link TensorNames} file names, replacing
   * existing files.
   *
   * @return the written model files in the order vision, embed, decoder, draft
   * @throws java.io.UncheckedIOException if a file cannot be written
   */
  public static List<Path> writeAll(Path dir, ReferenceWeights weights, WriterOptions options) {
    Objects.requireNonNull(dir, "dir");
    List<Path> files = List.of(dir.resolve(VISION_FILE), dir.resolve(EMBED_FILE), dir.resolve(DECODER_FILE),
        dir.resolve(DRAFT_FILE));
    long threshold = options.externalDataThresholdBytes();
    OnnxFileWriter.write(vision(weights, options), files.get(0), threshold);
    OnnxFileWriter.write(embed(weights, options), files.get(1), threshold);
    OnnxFileWriter.write(decoder(weights, options), files.get(2), threshold);
    OnnxFileWriter.write(draft(weights, options), files.get(3), threshold);
    return files;
  }

  /**
   * The vision encoder: {@code pixel_values [1, 3, h, w]} → {@code image_embeds [1, (h/P)·(w/P), H]}.
   *
   * <p>Patch embedding is a {@code Conv} with kernel = stride = P. Position embeddings are factorised and learned: the
   * patch at grid (row, col) gets {@code pos_embed_row[row] + pos_embed_col[col]}, both tables sliced inside the graph
   * to the grid the image's shape yields, so any grid up to {@code maxGridSize} a side works, square or not. Then
   * pre-norm transformer layers (LayerNorm → bidirectional multi-head attention with biases → residual; LayerNorm →
   * Linear → GELU → Linear → residual), a final LayerNorm, and the projector Linear → GELU → Linear to H. Patches are
   * ordered row-major over the grid.
   */
  public static ModelProto vision(ReferenceWeights weights, WriterOptions options) {
    LayerWriter w = new LayerWriter("vision", weights, options);
    GraphBuilder g = w.g;
    ReferenceConfig c = w.config;
    int width = c.visionWidth();
    int p = c.patchSize();
    String pixels = g.input(PIXEL_VALUES, ElementType.FLOAT, ONE, Dim.of(3), Dim.named("height"), Dim.named("width"));
    String grid = g.node("Conv").inputs(pixels, w.tensor(VISION_PATCH), w.tensor(VISION_PATCH_BIAS))
        .attrInts("kernel_shape", p, p).attrInts("strides", p, p).output(); // [1, vw, gh, gw]
    String rows = g.node("Shape").inputs(grid).attr("start", 2L).attr("end", 3L).output(); // [gh]
    String cols = g.node("Shape").inputs(grid).attr("start", 3L).attr("end", 4L).output(); // [gw]
    String rowEmbed = g.op("Slice", w.tensor(VISION_POS_ROW), g.ints(0), rows, g.ints(0)); // [gh, vw]
    String colEmbed = g.op("Slice", w.tensor(VISION_POS_COL), g.ints(0), cols, g.ints(0)); // [gw, vw]
    String position = g.op("Add", g.op("Unsqueeze", rowEmbed, g.ints(1)), g.op("Unsqueeze", colEmbed, g.ints(0)));
    position = g.op("Reshape", position, g.ints(1, -1, width)); // [1, N, vw]
    String patches = g.op("Reshape", grid, g.ints(0, width, -1)); // [1, vw, N]
    String x = g.op("Add", g.node("Transpose").inputs(patches).attrInts("perm", 0, 2, 1).output(), position);
    for (int i = 0; i < c.visionLayers(); i++) {
      String y = w.layerNorm(x, visionLayer(i, VISION_NORM_1));
      String[] qkv = w.fusedLinear(y, visionLayer(i, "self_attn.qkv_proj.weight"),
          visionLayer(i, VISION_Q) + ".weight", visionLayer(i, VISION_K) + ".weight",
          visionLayer(i, VISION_V) + ".weight");
      String q = g.op("Add", qkv[0], w.tensor(visionLayer(i, VISION_Q) + ".bias"));
      String k = g.op("Add", qkv[1], w.tensor(visionLayer(i, VISION_K) + ".bias"));
      String v = g.op("Add", qkv[2], w.tensor(visionLayer(i, VISION_V) + ".bias"));
      String attended = w.bidirectionalAttention(q, k, v, c.visionHeads(), c.visionHeadDim());
      x = g.op("Add", x, w.linearWithBias(attended, visionLayer(i, VISION_OUT)));
      y = w.layerNorm(x, visionLayer(i, VISION_NORM_2));
      y = w.linearWithBias(w.gelu(w.linearWithBias(y, visionLayer(i, VISION_FC1))), visionLayer(i, VISION_FC2));
      x = g.op("Add", x, y);
    }
    x = w.layerNorm(x, "vision.post_layernorm");
    String projected = w.linearWithBias(w.gelu(w.linearWithBias(x, "projector.linear_1")), "projector.linear_2");
    g.output(IMAGE_EMBEDS, projected, ElementType.FLOAT, ONE, Dim.named("patches"), Dim.of(c.hiddenSize()));
    return g.build();
  }

  /** The token embedding: {@code input_ids [1, q] i64} → {@code inputs_embeds [1, q, H]} (a {@code Gather}). */
  public static ModelProto embed(ReferenceWeights weights, WriterOptions options) {
    LayerWriter w = new LayerWriter("embed", weights, options);
    String ids = w.g.input(INPUT_IDS, ElementType.INT64, ONE, Q);
    String embeds = w.g.op("Gather", w.tensor(EMBED_TOKENS), ids);
    w.g.output(INPUTS_EMBEDS, embeds, ElementType.FLOAT, ONE, Q, Dim.of(w.config.hiddenSize()));
    return w.g.build();
  }

  /**
   * The target decoder (LLaMA style): inputs {@code inputs_embeds [1, q, H]}, {@code position_ids [1, q]},
   * {@code attention_mask [1, 1, q, total]} (additive, honoured exactly), {@code past_key_values.{i}.key/value
   * [1, kvH, past, hd]} (past may be 0), {@code num_logits_to_keep [1]}; outputs {@code logits [1, n, V]} for the
   * last n rows, {@code hidden_states [1, q, H]} after the final RMSNorm, {@code present.{i}.key/value
   * [1, kvH, total, hd]}.
   */
  public static ModelProto decoder(ReferenceWeights weights, WriterOptions options) {
    LayerWriter w = new LayerWriter("decoder", weights, options);
    GraphBuilder g = w.g;
    ReferenceConfig c = w.config;
    StepInputs in = StepInputs.declare(g, c, c.numLayers());
    String keep = g.input(NUM_LOGITS_TO_KEEP, ElementType.INT64, ONE);
    String h = in.embeds;
    String[] presents = new String[2 * c.numLayers()];
    for (int i = 0; i < c.numLayers(); i++) {
      int layer = i;
      LayerWriter.LayerOutputs out = w.decoderLayer(leaf -> layer(layer, leaf), h, in.positions, in.mask,
          in.pastKeys[i], in.pastValues[i]);
      h = out.hidden();
      presents[2 * i] = out.presentKey();
      presents[2 * i + 1] = out.presentValue();
    }
    String hidden = w.rmsNorm(h, FINAL_NORM);
    String logits = w.linear(w.lastRows(hidden, keep), LM_HEAD);
    g.output(LOGITS, logits, ElementType.FLOAT, ONE, Dim.named("n"), Dim.of(c.vocabSize()));
    g.output(HIDDEN_STATES, hidden, ElementType.FLOAT, ONE, Q, Dim.of(c.hiddenSize()));
    StepInputs.declarePresents(g, c, presents);
    return g.build();
  }

  /**
   * The EagleVLM draft head: inputs {@code inputs_embeds [1, q, H]} (embedding of the next element),
   * {@code features [1, q, H]}, {@code position_ids}, {@code attention_mask}, {@code past_key_values.0.key/value},
   * {@code num_logits_to_keep [1]}, {@code top_k [1]}; body: {@code h = fc(concat[embedding, feature]) + b}, one
   * decoder layer with the input RMSNorm (residual from the un-normalised h), no final norm; then the target's LM head,
   * log-softmax and TopK. Outputs {@code hidden_states [1, q, H]} (predicted features), {@code topk_log_probs
   * [1, n, k]}, {@code topk_ids [1, n, k] i64} (descending), {@code present.0.key/value}. No full-vocabulary output.
   */
  public static ModelProto draft(ReferenceWeights weights, WriterOptions options) {
    LayerWriter w = new LayerWriter("draft", weights, options);
    GraphBuilder g = w.g;
    ReferenceConfig c = w.config;
    StepInputs in = StepInputs.declare(g, c, 1);
    String features = g.input(FEATURES, ElementType.FLOAT, ONE, Q, Dim.of(c.hiddenSize()));
    String keep = g.input(NUM_LOGITS_TO_KEEP, ElementType.INT64, ONE);
    String topK = g.input(TOP_K, ElementType.INT64, ONE);
    String fused = g.node("Concat").inputs(in.embeds, features).attr("axis", -1L).output(); // [1, q, 2H]
    String h = w.linearWithBias(fused, "draft.fc");
    LayerWriter.LayerOutputs out = w.decoderLayer(WeightNames::draftLayer, h, in.positions, in.mask,
        in.pastKeys[0], in.pastValues[0]);
    String logits = w.linear(w.lastRows(out.hidden(), keep), LM_HEAD);
    String logProbs = g.node("LogSoftmax").inputs(logits).attr("axis", -1L).output();
    String[] top = g.node("TopK").inputs(logProbs, topK)
        .attr("axis", -1L).attr("largest", 1L).attr("sorted", 1L).outputs(2);
    g.output(HIDDEN_STATES, out.hidden(), ElementType.FLOAT, ONE, Q, Dim.of(c.hiddenSize()));
    g.output(TOPK_LOG_PROBS, top[0], ElementType.FLOAT, ONE, Dim.named("n"), Dim.named("k"));
    g.output(TOPK_IDS, top[1], ElementType.INT64, ONE, Dim.named("n"), Dim.named("k"));
    StepInputs.declarePresents(g, c, new String[] {out.presentKey(), out.presentValue()});
    return g.build();
  }

  /** The inputs a decoder step and a draft step share. */
  private record StepInputs(String embeds, String positions, String mask, String[] pastKeys, String[] pastValues) {
    static StepInputs declare(GraphBuilder g, ReferenceConfig c, int layers) {
      String embeds = g.input(INPUTS_EMBEDS, ElementType.FLOAT, ONE, Q, Dim.of(c.hiddenSize()));
      String positions = g.input(POSITION_IDS, ElementType.INT64, ONE, Q);
      String mask = g.input(ATTENTION_MASK, ElementType.FLOAT, ONE, ONE, Q, Dim.named("total"));
      String[] keys = new String[layers];
      String[] values = new String[layers];
      for (int i = 0; i < layers; i++) {
        keys[i] = g.input(pastKey(i), ElementType.FLOAT, cacheShape(c, "past"));
        values[i] = g.input(pastValue(i), ElementType.FLOAT, cacheShape(c, "past"));
      }
      return new StepInputs(embeds, positions, mask, keys, values);
    }

    /** Declares {@code present.{i}.key/value} from alternating key and value names. */
    static void declarePresents(GraphBuilder g, ReferenceConfig c, String[] presents) {
      for (int i = 0; i < presents.length / 2; i++) {
        g.output(presentKey(i), presents[2 * i], ElementType.FLOAT, cacheShape(c, "total"));
        g.output(presentValue(i), presents[2 * i + 1], ElementType.FLOAT, cacheShape(c, "total"));
      }
    }

    private static Dim[] cacheShape(ReferenceConfig c, String length) {
      return new Dim[] {ONE, Dim.of(c.numKvHeads()), Dim.named(length), Dim.of(c.headDim())};
    }
  }
}
