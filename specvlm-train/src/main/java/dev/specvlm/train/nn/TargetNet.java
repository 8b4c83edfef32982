package dev.specvlm.train.nn;

import static dev.specvlm.onnx.reference.WeightNames.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.specvlm.onnx.reference.ReferenceConfig;
import dev.specvlm.onnx.reference.WeightNames;
import java.util.Objects;

/**
 * The reference LLaVA-style target in DJL: vision encoder and projector ({@code vision.onnx}), token embedding
 * ({@code embed.onnx}) and LLaMA decoder ({@code decoder.onnx}), computing what those graphs compute, over batches of
 * equally sized images and right-padded token rows (the causal mask keeps padding from reaching real rows).
 *
 * <p>Holds no arrays of its own beyond the {@link ParameterSet} it reads. Not thread-safe.
 */
public final class TargetNet {
  private final ReferenceConfig config;
  private final ParameterSet params;
  private final RopeTables rope;

  /** A network over {@code params}, which must hold the vision and decoder names of {@code config}. */
  public TargetNet(ReferenceConfig config, ParameterSet params) {
    this.config = Objects.requireNonNull(config, "config");
    this.params = Objects.requireNonNull(params, "params");
    this.rope = new RopeTables(config.ropeTheta(), config.headDim(), config.contextLength());
  }

  /** The sizes. */
  public ReferenceConfig config() {
    return config;
  }

  /**
   * Visual embeddings of normalised {@code pixels [B, 3, h, w]} (sides multiples of P): {@code [B, N, H]}, patches
   * row-major over the {@code (h/P) × (w/P)} grid.
   */
  public NDArray vision(NDArray pixels) {
    return project(visionFeatures(pixels));
  }

  /**
   * The vision transformer's output before the projector: {@code [B, N, visionWidth]} after the final LayerNorm
   * (what a pretraining head reads).
   */
  public NDArray visionFeatures(NDArray pixels) {
    ReferenceConfig c = config;
    long b = pixels.getShape().get(0);
    int p = c.patchSize();
    int gh = (int) (pixels.getShape().get(2) / p);
    int gw = (int) (pixels.getShape().get(3) / p);
    if (gh > c.maxGridSize() || gw > c.maxGridSize()) {
      throw new IllegalArgumentException("image grid " + gh + "x" + gw + " exceeds maxGridSize " + c.maxGridSize());
    }
    int vw = c.visionWidth();
    // [B, 3, gh, P, gw, P] -> [B, gh, gw, 3, P, P] -> [B, N, 3·P·P], the order of the Conv kernel [vw, 3, P, P]
    NDArray patches = pixels.reshape(b, 3, gh, p, gw, p).transpose(0, 2, 4, 1, 3, 5).reshape(b, (long) gh * gw,
        3L * p * p);
    NDArray kernel = params.get(VISION_PATCH).reshape(vw, 3L * p * p);
    NDArray x = Ops.linear(patches, kernel, params.get(VISION_PATCH_BIAS));
    NDArray rows = params.get(VISION_POS_ROW).get(new NDIndex(":{}", gh)).expandDims(1); // [gh, 1, vw]
    NDArray cols = params.get(VISION_POS_COL).get(new NDIndex(":{}", gw)).expandDims(0); // [1, gw, vw]
    x = x.add(rows.add(cols).reshape((long) gh * gw, vw));
    for (int i = 0; i < c.visionLayers(); i++) {
      NDArray y = layerNorm(x, visionLayer(i, VISION_NORM_1));
      NDArray q = Ops.toHeads(linearWithBias(y, visionLayer(i, VISION_Q)), c.visionHeads(), c.visionHeadDim());
      NDArray k = Ops.toHeads(linearWithBias(y, visionLayer(i, VISION_K)), c.visionHeads(), c.visionHeadDim());
      NDArray v = Ops.toHeads(linearWithBias(y, visionLayer(i, VISION_V)), c.visionHeads(), c.visionHeadDim());
      x = x.add(linearWithBias(Ops.fromHeads(Ops.attention(q, k, v, null)), visionLayer(i, VISION_OUT)));
      y = layerNorm(x, visionLayer(i, VISION_NORM_2));
      y = linearWithBias(Ops.gelu(linearWithBias(y, visionLayer(i, VISION_FC1))), visionLayer(i, VISION_FC2));
      x = x.add(y);
    }
    return layerNorm(x, "vision.post_layernorm");
  }

  /** The projector: {@code [.., visionWidth]} → {@code [.., H]} (Linear, GELU, Linear). */
  public NDArray project(NDArray visionFeatures) {
    return linearWithBias(Ops.gelu(linearWithBias(visionFeatures, "projector.linear_1")), "projector.linear_2");
  }

  /** Token embeddings of {@code ids [B, T]} (int32 or int64): {@code [B, T, H]}. */
  public NDArray embed(NDArray ids) {
    // one-hot product rather than a gather: the result lands in the ids' manager and the gradient is a plain matmul
    return ids.oneHot(config.vocabSize(), DataType.FLOAT32).matMul(params.get(EMBED_TOKENS));
  }

  /**
   * The decoder over {@code embeds [B, T, H]} at positions 0..T-1 with a causal mask: the post-final-norm features
   * {@code [B, T, H]} (what {@code hidden_states} of {@code decoder.onnx} holds).
   */
  public NDArray features(NDArray embeds) {
    NDManager m = embeds.getManager();
    int t = (int) embeds.getShape().get(1);
    NDArray[] cosSin = rope.sequential(m, t);
    NDArray mask = Ops.causalMask(m, t);
    NDArray h = embeds;
    for (int i = 0; i < config.numLayers(); i++) {
      int layer = i;
      h = DecoderLayer.forward(params, leaf -> WeightNames.layer(layer, leaf), config, h, cosSin[0], cosSin[1], mask);
    }
    return Ops.rmsNorm(h, params.get(FINAL_NORM), config.rmsNormEps());
  }

  /** LM-head logits of {@code features [.., H]}: {@code [.., V]}. */
  public NDArray logits(NDArray features) {
    return Ops.linear(features, params.get(LM_HEAD));
  }

  private NDArray layerNorm(NDArray x, String prefix) {
    return Ops.layerNorm(x, params.get(prefix + ".weight"), params.get(prefix + ".bias"), config.layerNormEps());
  }

  private NDArray linearWithBias(NDArray x, String prefix) {
    return Ops.linear(x, params.get(prefix + ".weight"), params.get(prefix + ".bias"));
  }
}
