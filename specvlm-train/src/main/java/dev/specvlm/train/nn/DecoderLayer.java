package dev.specvlm.train.nn;

import static dev.specvlm.onnx.reference.WeightNames.*;

import ai.djl.ndarray.NDArray;
import dev.specvlm.onnx.reference.ReferenceConfig;
import java.util.function.UnaryOperator;

/**
 * One pre-norm LLaMA decoder layer (RMSNorm → grouped-query attention with RoPE → residual; RMSNorm → SwiGLU →
 * residual), the same for the target's layers and the draft's single layer (whose input RMSNorm is the EagleVLM
 * change; the residual is taken from the un-normalised input).
 */
final class DecoderLayer {
  private DecoderLayer() {}

  /**
   * @param name maps a leaf ({@code WeightNames.Q_PROJ} …) to the parameter name
   * @param h {@code [B, S, H]}
   * @param cos {@code [S, hd]} (see {@link RopeTables})
   * @param sin {@code [S, hd]}
   * @param mask additive {@code [S, S]} (or broadcastable to {@code [B, heads, S, S]})
   * @return {@code [B, S, H]}
   */
  static NDArray forward(ParameterSet p, UnaryOperator<String> name, ReferenceConfig c, NDArray h, NDArray cos,
      NDArray sin, NDArray mask) {
    double eps = c.rmsNormEps();
    NDArray x = Ops.rmsNorm(h, p.get(name.apply(INPUT_NORM)), eps);
    NDArray q = Ops.rope(Ops.toHeads(Ops.linear(x, p.get(name.apply(Q_PROJ))), c.numHeads(), c.headDim()), cos, sin);
    NDArray k = Ops.rope(Ops.toHeads(Ops.linear(x, p.get(name.apply(K_PROJ))), c.numKvHeads(), c.headDim()), cos,
        sin);
    NDArray v = Ops.toHeads(Ops.linear(x, p.get(name.apply(V_PROJ))), c.numKvHeads(), c.headDim());
    NDArray attended = Ops.fromHeads(Ops.attention(q, k, v, mask));
    h = h.add(Ops.linear(attended, p.get(name.apply(O_PROJ))));
    NDArray y = Ops.rmsNorm(h, p.get(name.apply(POST_ATTENTION_NORM)), eps);
    NDArray gated = Ops.silu(Ops.linear(y, p.get(name.apply(GATE_PROJ)))).mul(Ops.linear(y, p.get(name.apply(UP_PROJ))));
    return h.add(Ops.linear(gated, p.get(name.apply(DOWN_PROJ))));
  }
}
