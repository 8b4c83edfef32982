package dev.specvlm.onnx.reference;

/**
 * File names and graph input/output names of the four reference graphs (the model-folder contract; Hugging Face /
 * ONNX Runtime GenAI naming). Symbolic dimensions: {@code q} new positions, {@code past} cached positions,
 * {@code total = past + q}, {@code n} kept logit rows, {@code k} top-k width, {@code height}/{@code width} image
 * pixels, {@code patches} visual tokens.
 */
public final class TensorNames {
  private TensorNames() {}

  /** The vision encoder file: {@value}. */
  public static final String VISION_FILE = "vision.onnx";
  /** The token embedding file: {@value}. */
  public static final String EMBED_FILE = "embed.onnx";
  /** The target decoder file: {@value}. */
  public static final String DECODER_FILE = "decoder.onnx";
  /** The draft head file: {@value}. */
  public static final String DRAFT_FILE = "draft.onnx";

  /** Vision input {@code [1, 3, height, width] f32}, normalised pixels; sides multiples of the patch size. */
  public static final String PIXEL_VALUES = "pixel_values";
  /** Vision output {@code [1, patches, H] f32}, patches row-major over the (row, column) grid. */
  public static final String IMAGE_EMBEDS = "image_embeds";

  /** Embed input {@code [1, q] i64}. */
  public static final String INPUT_IDS = "input_ids";
  /** Embed output, and decoder/draft input, {@code [1, q, H] f32}. */
  public static final String INPUTS_EMBEDS = "inputs_embeds";

  /** Draft input {@code [1, q, H] f32}: the target feature paired with each next-element embedding. */
  public static final String FEATURES = "features";
  /** Decoder/draft input {@code [1, q] i64}: the RoPE position of each new row (repeats allowed in trees). */
  public static final String POSITION_IDS = "position_ids";
  /** Decoder/draft input {@code [1, 1, q, total] f32}, additive: 0 keeps, -inf (or a large negative) drops. */
  public static final String ATTENTION_MASK = "attention_mask";
  /**
   * Decoder/draft input {@code [1] i64}: logits (or top-k) are computed for the last {@code n} rows only; 0 means
   * all rows (Hugging Face semantics), values above q are clamped to q.
   */
  public static final String NUM_LOGITS_TO_KEEP = "num_logits_to_keep";
  /** Draft input {@code [1] i64}: the width k of the top-k outputs (1 ≤ k ≤ V). */
  public static final String TOP_K = "top_k";

  /** Decoder output {@code [1, n, V] f32}: logits of the last n rows. */
  public static final String LOGITS = "logits";
  /**
   * Decoder output {@code [1, q, H] f32}: the post-final-norm features (what the LM head consumes). Draft output of
   * the same shape: the predicted next features (no final norm).
   */
  public static final String HIDDEN_STATES = "hidden_states";
  /** Draft output {@code [1, n, k] f32}: the k largest log-probabilities of each kept row, descending. */
  public static final String TOPK_LOG_PROBS = "topk_log_probs";
  /** Draft output {@code [1, n, k] i64}: the token ids of {@link #TOPK_LOG_PROBS}. */
  public static final String TOPK_IDS = "topk_ids";

  /**
   * Compressor branch input {@code [1, n, 2H] f32}: the draft's input pairs over one visual span, each row
   * {@code [E[j+1] ‖ f_j]} (next element's embedding, then the target feature).
   */
  public static final String VISUAL_PAIRS = "visual_pairs";
  /** Compressor branch output {@code [1, m, 2H] f32}: the compressed pairs, same layout. */
  public static final String COMPRESSED_PAIRS = "compressed_pairs";
  /** Compressor gate input {@code [1, q, H] f32}: the target's post-prefill features of the question. */
  public static final String QUESTION_FEATURES = "question_features";
  /** Compressor gate output {@code [1, E] f32}: one logit per branch. */
  public static final String GATE_LOGITS = "gate_logits";

  /** Decoder/draft input {@code [1, kvH, past, headDim] f32}: cached keys of layer {@code layer}. */
  public static String pastKey(int layer) {
    return "past_key_values." + layer + ".key";
  }

  /** Decoder/draft input {@code [1, kvH, past, headDim] f32}: cached values of layer {@code layer}. */
  public static String pastValue(int layer) {
    return "past_key_values." + layer + ".value";
  }

  /** Decoder/draft output {@code [1, kvH, total, headDim] f32}: the past keys followed by the q new ones. */
  public static String presentKey(int layer) {
    return "present." + layer + ".key";
  }

  /** Decoder/draft output {@code [1, kvH, total, headDim] f32}: the past values followed by the q new ones. */
  public static String presentValue(int layer) {
    return "present." + layer + ".value";
  }
}
