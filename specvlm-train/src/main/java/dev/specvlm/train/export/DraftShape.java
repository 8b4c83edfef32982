package dev.specvlm.train.export;

import static com.google.common.base.Preconditions.checkArgument;

import dev.specvlm.onnx.reference.ReferenceConfig;

/**
 * The shape of an EagleVLM draft head for a target of width {@code hidden} and vocabulary {@code vocab}: one LLaMA
 * decoder layer with its own heads and SwiGLU width, RoPE base and norm epsilon.
 *
 * @param hidden H, the target's width (embeddings and features)
 * @param vocab V, the target's vocabulary (the draft shares its LM head)
 * @param numHeads query heads of the draft layer
 * @param numKvHeads key/value heads of the draft layer
 * @param headDim channels per head (even)
 * @param ffnSize SwiGLU width
 * @param ropeTheta RoPE base of the draft's positions
 * @param rmsNormEps epsilon of the draft's RMSNorms
 * @param contextLength the most draft positions (the RoPE tables' rows)
 */
public record DraftShape(int hidden, int vocab, int numHeads, int numKvHeads, int headDim, int ffnSize,
    double ropeTheta, double rmsNormEps, int contextLength) {

  /** Validates. */
  public DraftShape {
    checkArgument(hidden > 0 && vocab > 1 && numHeads > 0 && numKvHeads > 0 && headDim > 0 && ffnSize > 0
        && contextLength > 1, "draft sizes must be positive");
    checkArgument(numHeads % numKvHeads == 0, "numKvHeads %s must divide numHeads %s", numKvHeads, numHeads);
    checkArgument(headDim % 2 == 0, "headDim %s must be even for RoPE", headDim);
  }

  /**
   * A draft layer shaped like a LLaMA layer of width {@code hidden}: heads of {@code headDim} channels
   * ({@code hidden / headDim} query heads over {@code kvHeads}), SwiGLU width {@code 8H/3} rounded up to a multiple of
   * 64, RoPE base 10000, epsilon 1e-5.
   */
  public static DraftShape llamaLike(int hidden, int vocab, int kvHeads, int headDim, int contextLength) {
    int heads = Math.max(1, hidden / headDim);
    int kv = heads % kvHeads == 0 ? kvHeads : heads;
    int ffn = (int) Math.ceil(8.0 * hidden / 3 / 64) * 64;
    return new DraftShape(hidden, vocab, heads, kv, headDim, ffn, 10_000, 1e-5, contextLength);
  }

  /**
   * A {@link ReferenceConfig} whose draft part has this shape (the decoder and vision parts are minimal: the writer
   * reads only the draft names and the LM head when it writes {@code draft.onnx}).
   */
  public ReferenceConfig referenceConfig() {
    return ReferenceConfig.builder().hiddenSize(hidden).numLayers(1).numHeads(numHeads).numKvHeads(numKvHeads)
        .headDim(headDim).ffnSize(ffnSize).vocabSize(vocab).ropeTheta(ropeTheta).rmsNormEps(rmsNormEps)
        .contextLength(contextLength).patchSize(1).visionWidth(1).visionLayers(1).visionHeads(1).visionFfnSize(1)
        .maxGridSize(1).build();
  }

  /** The draft shape of a reference configuration (its draft layer is sized like its decoder layers). */
  public static DraftShape of(ReferenceConfig c) {
    return new DraftShape(c.hiddenSize(), c.vocabSize(), c.numHeads(), c.numKvHeads(), c.headDim(), c.ffnSize(),
        c.ropeTheta(), c.rmsNormEps(), c.contextLength());
  }

  /** This shape with SwiGLU width {@code ffn}. */
  public DraftShape withFfnSize(int ffn) {
    return new DraftShape(hidden, vocab, numHeads, numKvHeads, headDim, ffn, ropeTheta, rmsNormEps, contextLength);
  }
}
