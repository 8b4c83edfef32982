package dev.specvlm.onnx.reference;

/**
 * The state-dict names of the reference architecture's weights (Hugging Face LLaMA / LLaVA / EAGLE style), with the
 * shape of each in PyTorch convention: a linear layer's weight is {@code [out, in]} and computes
 * {@code y = x · Wᵀ (+ b)}; a norm's weight is {@code [width]}. {@link ReferenceWeights#expectedShapes} lists the
 * complete set for a configuration.
 *
 * <p>Decoder (target), per layer {@code i}: see {@link #layer(int, String)} with the {@code *_NORM} and {@code *_PROJ}
 * leaves. Draft head: the same leaves under {@link #draftLayer(String)} plus the fusion FC. Vision encoder: see
 * {@link #visionLayer(int, String)} and the {@code VISION_*} and {@code PROJECTOR_*} names.
 */
public final class WeightNames {
  private WeightNames() {}

  /** Token embedding table {@code [V, H]} (shared by target and draft, frozen for the draft). */
  public static final String EMBED_TOKENS = "embed_tokens.weight";
  /** Final RMSNorm of the decoder {@code [H]}. */
  public static final String FINAL_NORM = "norm.weight";
  /** LM head {@code [V, H]} (the target's; the draft graph carries a copy, frozen). */
  public static final String LM_HEAD = "lm_head.weight";

  /** Leaf: RMSNorm before attention {@code [H]}. */
  public static final String INPUT_NORM = "input_layernorm.weight";
  /** Leaf: query projection {@code [numHeads·headDim, H]}. */
  public static final String Q_PROJ = "self_attn.q_proj.weight";
  /** Leaf: key projection {@code [numKvHeads·headDim, H]}. */
  public static final String K_PROJ = "self_attn.k_proj.weight";
  /** Leaf: value projection {@code [numKvHeads·headDim, H]}. */
  public static final String V_PROJ = "self_attn.v_proj.weight";
  /** Leaf: attention output projection {@code [H, numHeads·headDim]}. */
  public static final String O_PROJ = "self_attn.o_proj.weight";
  /** Leaf: RMSNorm before the MLP {@code [H]}. */
  public static final String POST_ATTENTION_NORM = "post_attention_layernorm.weight";
  /** Leaf: SwiGLU gate projection {@code [ffn, H]}. */
  public static final String GATE_PROJ = "mlp.gate_proj.weight";
  /** Leaf: SwiGLU up projection {@code [ffn, H]}. */
  public static final String UP_PROJ = "mlp.up_proj.weight";
  /** Leaf: SwiGLU down projection {@code [H, ffn]}. */
  public static final String DOWN_PROJ = "mlp.down_proj.weight";

  /** Draft fusion FC {@code [H, 2H]} over {@code concat([embedding, feature])}. */
  public static final String DRAFT_FC = "draft.fc.weight";
  /** Draft fusion FC bias {@code [H]}. */
  public static final String DRAFT_FC_BIAS = "draft.fc.bias";

  /** Patch embedding convolution {@code [visionWidth, 3, P, P]} (PyTorch {@code Conv2d}, kernel = stride = P). */
  public static final String VISION_PATCH = "vision.patch_embed.weight";
  /** Patch embedding bias {@code [visionWidth]}. */
  public static final String VISION_PATCH_BIAS = "vision.patch_embed.bias";
  /** Learned row position embedding {@code [maxGridSize, visionWidth]}, added for a patch's row. */
  public static final String VISION_POS_ROW = "vision.pos_embed_row";
  /** Learned column position embedding {@code [maxGridSize, visionWidth]}, added for a patch's column. */
  public static final String VISION_POS_COL = "vision.pos_embed_col";
  /** Final vision LayerNorm weight {@code [visionWidth]}. */
  public static final String VISION_POST_NORM = "vision.post_layernorm.weight";
  /** Final vision LayerNorm bias {@code [visionWidth]}. */
  public static final String VISION_POST_NORM_BIAS = "vision.post_layernorm.bias";
  /** Projector first linear {@code [H, visionWidth]}. */
  public static final String PROJECTOR_1 = "projector.linear_1.weight";
  /** Projector first bias {@code [H]}. */
  public static final String PROJECTOR_1_BIAS = "projector.linear_1.bias";
  /** Projector second linear {@code [H, H]}. */
  public static final String PROJECTOR_2 = "projector.linear_2.weight";
  /** Projector second bias {@code [H]}. */
  public static final String PROJECTOR_2_BIAS = "projector.linear_2.bias";

  /** Vision leaf: LayerNorm before attention, weight and {@code .bias}, {@code [visionWidth]}. */
  public static final String VISION_NORM_1 = "layer_norm1";
  /** Vision leaf: LayerNorm before the MLP, weight and {@code .bias}, {@code [visionWidth]}. */
  public static final String VISION_NORM_2 = "layer_norm2";
  /** Vision leaf: query projection, {@code .weight [vw, vw]} and {@code .bias [vw]}. */
  public static final String VISION_Q = "self_attn.q_proj";
  /** Vision leaf: key projection, {@code .weight [vw, vw]} and {@code .bias [vw]}. */
  public static final String VISION_K = "self_attn.k_proj";
  /** Vision leaf: value projection, {@code .weight [vw, vw]} and {@code .bias [vw]}. */
  public static final String VISION_V = "self_attn.v_proj";
  /** Vision leaf: attention output projection, {@code .weight [vw, vw]} and {@code .bias [vw]}. */
  public static final String VISION_OUT = "self_attn.out_proj";
  /** Vision leaf: MLP first linear, {@code .weight [visionFfn, vw]} and {@code .bias [visionFfn]} (then GELU). */
  public static final String VISION_FC1 = "mlp.fc1";
  /** Vision leaf: MLP second linear, {@code .weight [vw, visionFfn]} and {@code .bias [vw]}. */
  public static final String VISION_FC2 = "mlp.fc2";

  /** Name of decoder layer {@code i}'s {@code leaf}, e.g. {@code layer(0, Q_PROJ)} = {@code layers.0.self_attn.q_proj.weight}. */
  public static String layer(int i, String leaf) {
    return "layers." + i + "." + leaf;
  }

  /** Name of the draft layer's {@code leaf}, e.g. {@code draft.layers.0.input_layernorm.weight}. */
  public static String draftLayer(String leaf) {
    return "draft.layers.0." + leaf;
  }

  /**
   * Name of vision layer {@code i}'s {@code leaf} with a suffix, e.g. {@code visionLayer(1, VISION_Q) + ".bias"}
   * = {@code vision.layers.1.self_attn.q_proj.bias}.
   */
  public static String visionLayer(int i, String leaf) {
    return "vision.layers." + i + "." + leaf;
  }
}
