package dev.specvlm.train.vlm;

import dev.specvlm.onnx.image.ImageSettings;
import dev.specvlm.onnx.image.Resample;
import dev.specvlm.onnx.image.ResizePolicy;
import dev.specvlm.onnx.image.Rgb;
import dev.specvlm.onnx.reference.ReferenceConfig;
import dev.specvlm.train.data.Resolution;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of the bundled tiny VLM ({@code models/specvlm-tiny}). The decoder is deep next to its LM head (16
 * layers of width 256 against a vocabulary of about 2.3 thousand), like a real VLM, so that one draft step (fusion FC,
 * one layer, the LM head: 1.7 M parameters) costs about a tenth of a target step (16.3 M); a patch of 8 pixels turns
 * 64, 128 and 256 pixel images into 64, 256 and 1024 visual tokens.
 *
 * <p>Width 256 rather than the 384 first planned: DJL trained the 384-wide model at ~195 positions/s on the two
 * shared cores of the build machine (not the ~600 measured on an idle one), which would have taken over four hours;
 * the 256-wide model keeps the same depth and draft-to-target cost ratio at about 60 % of the training cost.
 */
public final class TinyVlm {
  /** The decoder width H. */
  public static final int HIDDEN = 256;
  /** Decoder layers. */
  public static final int LAYERS = 16;
  /** Query heads (head dim 64). */
  public static final int HEADS = 4;
  /** Key/value heads (grouped-query attention, 2 query heads each). */
  public static final int KV_HEADS = 2;
  /** SwiGLU width. */
  public static final int FFN = 1024;
  /** Patch side in pixels. */
  public static final int PATCH = 8;
  /** The largest image side in pixels (a 32 × 32 grid). */
  public static final int MAX_SIDE = 256;
  /** The most positions a sequence may hold (1024 visual slots, prompt, answer and a draft tree fit easily). */
  public static final int CONTEXT = 2048;

  private TinyVlm() {}

  /** The reference configuration of the tiny VLM for a vocabulary of {@code vocab} ids. */
  public static ReferenceConfig config(int vocab) {
    return ReferenceConfig.builder().hiddenSize(HIDDEN).numLayers(LAYERS).numHeads(HEADS).numKvHeads(KV_HEADS)
        .headDim(HIDDEN / HEADS).ffnSize(FFN).vocabSize(vocab).ropeTheta(10_000).rmsNormEps(1e-5)
        .contextLength(CONTEXT).patchSize(PATCH).visionWidth(192).visionLayers(4).visionHeads(3)
        .visionFfnSize(768).maxGridSize(MAX_SIDE / PATCH).layerNormEps(1e-5).build();
  }

  /**
   * How the runtime prepares images for the tiny VLM: sides rounded to multiples of 8 within 256 × 256 pixels
   * (the scenes' own sizes pass unchanged), pixels scaled to {@code [-1, 1]}.
   */
  public static ImageSettings imageSettings(int patchSize, int maxSide) {
    return new ImageSettings(patchSize, 1, new Rgb(0.5f, 0.5f, 0.5f), new Rgb(0.5f, 0.5f, 0.5f),
        new ResizePolicy.PixelBudget(0, (long) maxSide * maxSide, maxSide), Resample.BILINEAR,
        ImageSettings.DEFAULT_MAX_INPUT_PIXELS);
  }

  /**
   * The resolution mix of training and evaluation: 70 % 64 × 64 (64 visual tokens), 15 % 128 × 64 (128), 10 %
   * 128 × 128 (256), 2.5 % each 96 × 192 (288) and 256 × 256 (1024) — visual slots cost training time like any position.
   * Each entry is drawn equally often (repeats weight it).
   */
  public static List<Resolution> resolutionMix() {
    List<Resolution> mix = new ArrayList<>();
    add(mix, Resolution.SQUARE_64, 28);
    add(mix, Resolution.WIDE_128X64, 6);
    add(mix, Resolution.SQUARE_128, 4);
    add(mix, Resolution.TALL_96X192, 1);
    add(mix, Resolution.SQUARE_256, 1);
    return List.copyOf(mix);
  }

  private static void add(List<Resolution> mix, Resolution r, int times) {
    for (int i = 0; i < times; i++) {
      mix.add(r);
    }
  }
}
