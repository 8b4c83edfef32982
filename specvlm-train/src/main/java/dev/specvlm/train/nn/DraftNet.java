package dev.specvlm.train.nn;

import static dev.specvlm.onnx.reference.WeightNames.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.specvlm.onnx.reference.ReferenceConfig;
import dev.specvlm.onnx.reference.WeightNames;
import java.util.Objects;

/**
 * The EagleVLM draft head in DJL, computing what {@code draft.onnx} computes: {@code h = fc(concat[e, f]) + b}, one
 * decoder layer with the input RMSNorm (residual from the un-normalised h), no final norm; the (frozen) LM head of
 * the target turns its predicted features into logits.
 *
 * <p>Parameters: {@code draft.fc.weight [H, 2H]}, {@code draft.fc.bias [H]}, {@code draft.layers.0.*} and
 * {@code lm_head.weight [V, H]}. Not thread-safe.
 */
public final class DraftNet {
  private final ReferenceConfig config;
  private final ParameterSet params;
  private final RopeTables rope;

  /** A draft over {@code params}; {@code config} gives the layer's heads, FFN size, norm epsilon and RoPE base. */
  public DraftNet(ReferenceConfig config, ParameterSet params) {
    this.config = Objects.requireNonNull(config, "config");
    this.params = Objects.requireNonNull(params, "params");
    this.rope = new RopeTables(config.ropeTheta(), config.headDim(), config.contextLength());
  }

  /**
   * Predicted features for draft rows at positions 0..S-1 under a causal mask.
   *
   * @param nextEmbeds {@code [B, S, H]}: row j holds {@code E[j+1]}, the embedding of the next element (a visual
   *     embedding for an image slot)
   * @param features {@code [B, S, H]}: row j holds the target feature {@code f_j}
   * @return {@code [B, S, H]}: row j predicts {@code f_{j+1}}
   */
  public NDArray forward(NDArray nextEmbeds, NDArray features) {
    NDManager m = nextEmbeds.getManager();
    int s = (int) nextEmbeds.getShape().get(1);
    NDArray[] cosSin = rope.sequential(m, s);
    NDArray h = Ops.linear(nextEmbeds.concat(features, 2), params.get(DRAFT_FC), params.get(DRAFT_FC_BIAS));
    return DecoderLayer.forward(params, WeightNames::draftLayer, config, h, cosSin[0], cosSin[1],
        Ops.causalMask(m, s));
  }

  /** Logits through the target's LM head: {@code [.., H]} → {@code [.., V]}. */
  public NDArray logits(NDArray predicted) {
    return Ops.linear(predicted, params.get(LM_HEAD));
  }
}
