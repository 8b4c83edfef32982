package dev.specvlm.onnx.reference;

/**
 * Sizes of the reference LLaVA-style VLM: a ViT vision encoder with an MLP projector, a LLaMA-style decoder (RMSNorm,
 * RoPE rotate-half, grouped-query attention, SwiGLU) and a one-layer EagleVLM draft head of the decoder's width.
 *
 * @param hiddenSize H, the decoder width (embeddings, features, image embeddings)
 * @param numLayers decoder layers
 * @param numHeads query heads per decoder (and draft) attention
 * @param numKvHeads key/value heads (grouped-query attention when fewer than {@code numHeads}; must divide it)
 * @param headDim channels per head (even, for RoPE); {@code numHeads * headDim} need not equal H
 * @param ffnSize SwiGLU intermediate size of the decoder and draft MLPs
 * @param vocabSize V, the vocabulary of embeddings and the LM head
 * @param ropeTheta RoPE base (10000 in LLaMA-2)
 * @param rmsNormEps epsilon of every RMSNorm
 * @param contextLength the most positions (prompt plus generated plus tree) a sequence may use; position ids must be
 *     below it (the RoPE tables have this many rows)
 * @param patchSize P, the side of a square image patch; image sides must be multiples of P
 * @param visionWidth the vision transformer's width
 * @param visionLayers vision transformer layers
 * @param visionHeads vision attention heads (must divide {@code visionWidth})
 * @param visionFfnSize the vision MLP's intermediate size
 * @param maxGridSize the most patches along either image side (so images up to {@code maxGridSize * P} pixels a side)
 * @param layerNormEps epsilon of the vision LayerNorms
 */
public record ReferenceConfig(
    int hiddenSize,
    int numLayers,
    int numHeads,
    int numKvHeads,
    int headDim,
    int ffnSize,
    int vocabSize,
    double ropeTheta,
    double rmsNormEps,
    int contextLength,
    int patchSize,
    int visionWidth,
    int visionLayers,
    int visionHeads,
    int visionFfnSize,
    int maxGridSize,
    double layerNormEps) {

  /** Validates every size and the divisibility rules. */
  public ReferenceConfig {
    positive("hiddenSize", hiddenSize);
    positive("numLayers", numLayers);
    positive("numHeads", numHeads);
    positive("numKvHeads", numKvHeads);
    positive("headDim", headDim);
    positive("ffnSize", ffnSize);
    positive("vocabSize", vocabSize);
    positive("contextLength", contextLength);
    positive("patchSize", patchSize);
    positive("visionWidth", visionWidth);
    positive("visionLayers", visionLayers);
    positive("visionHeads", visionHeads);
    positive("visionFfnSize", visionFfnSize);
    positive("maxGridSize", maxGridSize);
    if (numHeads % numKvHeads != 0) {
      throw new IllegalArgumentException("numKvHeads " + numKvHeads + " must divide numHeads " + numHeads
          + " (each key/value head serves numHeads/numKvHeads query heads)");
    }
    if (headDim % 2 != 0) {
      throw new IllegalArgumentException("headDim " + headDim + " must be even: RoPE rotates half-dimension pairs");
    }
    if (visionWidth % visionHeads != 0) {
      throw new IllegalArgumentException(
          "visionHeads " + visionHeads + " must divide visionWidth " + visionWidth);
    }
    if (!(ropeTheta > 1) || !(rmsNormEps > 0) || !(layerNormEps > 0)) {
      throw new IllegalArgumentException("ropeTheta must be > 1 and epsilons > 0, got ropeTheta=" + ropeTheta
          + " rmsNormEps=" + rmsNormEps + " layerNormEps=" + layerNormEps);
    }
  }

  /** Query heads per key/value head ({@code numHeads / numKvHeads}). */
  public int groupSize() {
    return numHeads / numKvHeads;
  }

  /** Width of the query projection and the attention output ({@code numHeads * headDim}). */
  public int queryWidth() {
    return numHeads * headDim;
  }

  /** Width of each key and value projection ({@code numKvHeads * headDim}). */
  public int kvWidth() {
    return numKvHeads * headDim;
  }

  /** Channels per vision head. */
  public int visionHeadDim() {
    return visionWidth / visionHeads;
  }

  /**
   * A tiny configuration for fixtures and tests: H=64, 2 layers, 4 heads over 2 KV heads of 16 channels, vocabulary
   * 256, patch 4, vision width 32 with 2 layers, grids up to 32 × 32.
   */
  public static ReferenceConfig tiny() {
    return builder().build();
  }

  /** A builder preset to {@link #tiny()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder preset to this configuration. */
  public Builder toBuilder() {
    return new Builder()
        .hiddenSize(hiddenSize).numLayers(numLayers).numHeads(numHeads).numKvHeads(numKvHeads).headDim(headDim)
        .ffnSize(ffnSize).vocabSize(vocabSize).ropeTheta(ropeTheta).rmsNormEps(rmsNormEps)
        .contextLength(contextLength).patchSize(patchSize).visionWidth(visionWidth).visionLayers(visionLayers)
        .visionHeads(visionHeads).visionFfnSize(visionFfnSize).maxGridSize(maxGridSize).layerNormEps(layerNormEps);
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + value);
    }
  }

  /** Builds a {@link ReferenceConfig}; every setter is named after the record component it sets. */
  public static final class Builder {
    private int hiddenSize = 64;
    private int numLayers = 2;
    private int numHeads = 4;
    private int numKvHeads = 2;
    private int headDim = 16;
    private int ffnSize = 128;
    private int vocabSize = 256;
    private double ropeTheta = 10_000;
    private double rmsNormEps = 1e-5;
    private int contextLength = 2048;
    private int patchSize = 4;
    private int visionWidth = 32;
    private int visionLayers = 2;
    private int visionHeads = 2;
    private int visionFfnSize = 64;
    private int maxGridSize = 32;
    private double layerNormEps = 1e-5;

    private Builder() {}

    /** Sets {@link ReferenceConfig#hiddenSize()}. */
    public Builder hiddenSize(int v) {
      hiddenSize = v;
      return this;
    }

    /** Sets {@link ReferenceConfig#numLayers()}. */
    public Builder numLayers(int v) {
      numLayers = v;
      return this;
    }

    /** Sets {@link ReferenceConfig#numHeads()}. */
    public Builder numHeads(int v) {
      numHeads = v;
      return this;
    }

    /** Sets {@link ReferenceConfig#numKvHeads()}. */
    public Builder numKvHeads(int v) {
      numKvHeads = v;
      return this;
    }

    /** Sets {@link ReferenceConfig#headDim()}. */
    public Builder headDim(int v) {
      headDim = v;
      return this;
    }

    /** Sets {@link ReferenceConfig#ffnSize()}. */
    public Builder ffnSize(int v) {
      ffnSize = v;
      return this;
    }

    /** Sets {@link ReferenceConfig#vocabSize()}. */
    public Builder vocabSize(int v) {
      vocabSize = v;
      return this;
    }

    /** Sets {@link ReferenceConfig#ropeTheta()}. */
    public Builder ropeTheta(double v) {
      ropeTheta = v;
      return this;
    }

    /** Sets {@link ReferenceConfig#rmsNormEps()}. */
    public Builder rmsNormEps(double v) {
      rmsNormEps = v;
      return this;
    }

    /** Sets {@link ReferenceConfig#contextLength()}. */
    public Builder contextLength(int v) {
      contextLength = v;
      return this;
    }

    /** Sets {@link ReferenceConfig#patchSize()}. */
    public Builder patchSize(int v) {
      patchSize = v;
      return this;
    }

    /** Sets {@link ReferenceConfig#visionWidth()}. */
    public Builder visionWidth(int v) {
      visionWidth = v;
      return this;
    }

    /** Sets {@link ReferenceConfig#visionLayers()}. */
    public Builder visionLayers(int v) {
      visionLayers = v;
      return this;
    }

    /** Sets {@link ReferenceConfig#visionHeads()}. */
    public Builder visionHeads(int v) {
      visionHeads = v;
      return this;
    }

    /** Sets {@link ReferenceConfig#visionFfnSize()}. */
    public Builder visionFfnSize(int v) {
      visionFfnSize = v;
      return this;
    }

    /** Sets {@link ReferenceConfig#maxGridSize()}. */
    public Builder maxGridSize(int v) {
      maxGridSize = v;
      return this;
    }

    /** Sets {@link ReferenceConfig#layerNormEps()}. */
    public Builder layerNormEps(double v) {
      layerNormEps = v;
      return this;
    }

    /** Validates and builds. */
    public ReferenceConfig build() {
      return new ReferenceConfig(hiddenSize, numLayers, numHeads, numKvHeads, headDim, ffnSize, vocabSize, ropeTheta,
          rmsNormEps, contextLength, patchSize, visionWidth, visionLayers, visionHeads, visionFfnSize, maxGridSize,
          layerNormEps);
    }
  }
}
