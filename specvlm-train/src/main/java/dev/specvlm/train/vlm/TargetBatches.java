package dev.specvlm.train.vlm;

import static com.google.common.base.Preconditions.checkArgument;

import dev.specvlm.ImageInput;
import dev.specvlm.onnx.image.ImagePreprocessor;
import dev.specvlm.onnx.image.ImageSettings;
import dev.specvlm.train.data.ConversationFormat;
import dev.specvlm.train.data.DataSplit;
import dev.specvlm.train.data.EncodedConversation;
import dev.specvlm.train.data.Resolution;
import dev.specvlm.train.data.Sample;
import dev.specvlm.train.data.SampleGenerator;
import dev.specvlm.train.data.SpecialTokens;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Makes the target's training batches on the fly from the procedural scenes: batch {@code k} draws one resolution
 * from the mix (a pure function of the seed and k), then takes as many consecutive training seeds as fit a budget of
 * positions. Resuming from a step and a sample cursor reproduces the same batches. Images are prepared by the
 * runtime's own {@link ImagePreprocessor}, so training sees exactly what inference sees. Not thread-safe.
 */
public final class TargetBatches {
  private final List<Resolution> mix;
  private final ConversationFormat format;
  private final ImagePreprocessor images;
  private final int positionBudget;
  private final long seed;
  private final BatchEmphasis emphasis;
  private final Map<Resolution, SampleGenerator> generators = new HashMap<>();

  /**
   * @param mix resolutions, each entry drawn equally often
   * @param positionBudget a batch holds {@code max(1, budget / (visual slots + 64))} samples
   * @param seed chooses the resolution of each batch
   */
  public TargetBatches(List<Resolution> mix, ConversationFormat format, ImageSettings imageSettings,
      int positionBudget, long seed) {
    this(mix, format, imageSettings, positionBudget, seed, BatchEmphasis.none());
  }

  /**
   * Batches with an {@link BatchEmphasis}: {@code turnsPerImage} conversations' worth of text per image, and the
   * batch holds {@code max(1, budget / (visual slots + 64 · turns))} samples.
   */
  public TargetBatches(List<Resolution> mix, ConversationFormat format, ImageSettings imageSettings,
      int positionBudget, long seed, BatchEmphasis emphasis) {
    checkArgument(!mix.isEmpty(), "resolution mix is empty");
    checkArgument(positionBudget > 0, "position budget must be positive, got %s", positionBudget);
    this.mix = List.copyOf(mix);
    this.format = format;
    this.images = new ImagePreprocessor(imageSettings);
    this.positionBudget = positionBudget;
    this.seed = seed;
    this.emphasis = Objects.requireNonNull(emphasis, "emphasis");
  }

  /** Batch number {@code step}, starting at training sample {@code cursor}. */
  public TargetBatch batch(long step, long cursor) {
    Resolution resolution = mix.get(new Random(seed * 0x9E3779B97F4A7C15L + step).nextInt(mix.size()));
    int slots = resolution.visualTokens(format.patchSize());
    int size = Math.max(1, positionBudget / (slots + 64 * emphasis.turnsPerImage()));
    SampleGenerator generator = generators.computeIfAbsent(resolution, r -> SampleGenerator.of(List.of(r)));
    List<EncodedConversation> rows = new ArrayList<>(size);
    List<float[]> pixels = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      Sample sample = generator.sample(DataSplit.TRAIN.seed(cursor + i));
      rows.add(format.encode(generator.dialogues(sample, emphasis.turnsPerImage()), slots));
      pixels.add(images.preprocess(ImageInput.of(sample.image())).pixels());
    }
    return assemble(rows, pixels, resolution.height(), resolution.width(), size, emphasis);
  }

  /** Pads and flattens encoded samples of one image size into a batch. */
  static TargetBatch assemble(List<EncodedConversation> rows, List<float[]> pixels, int height, int width,
      int samples, BatchEmphasis emphasis) {
    int b = rows.size();
    int t = 0;
    for (EncodedConversation row : rows) {
      t = Math.max(t, row.length());
    }
    int plane = 3 * height * width;
    float[] pixelData = new float[b * plane];
    long[] ids = new long[b * t];
    java.util.Arrays.fill(ids, SpecialTokens.PAD_ID);
    List<Long> lossRows = new ArrayList<>();
    List<Long> lossTargets = new ArrayList<>();
    List<Float> lossWeights = new ArrayList<>();
    long positions = 0;
    int imageStart = rows.get(0).imageStart();
    int imageLength = rows.get(0).imageLength();
    for (int r = 0; r < b; r++) {
      EncodedConversation row = rows.get(r);
      checkArgument(row.imageStart() == imageStart && row.imageLength() == imageLength,
          "row %s has its image at %s+%s, row 0 at %s+%s; a batch needs one image layout", r, row.imageStart(),
          row.imageLength(), imageStart, imageLength);
      float[] p = pixels.get(r);
      checkArgument(p.length == plane, "image %s has %s values, expected 3x%sx%s", r, p.length, height, width);
      System.arraycopy(p, 0, pixelData, r * plane, plane);
      int[] rowIds = row.ids();
      for (int i = 0; i < rowIds.length; i++) {
        ids[r * t + i] = rowIds[i];
      }
      boolean[] mask = row.lossMask();
      for (int i = 0; i + 1 < rowIds.length; i++) {
        if (mask[i + 1]) {
          lossRows.add((long) r * t + i);
          lossTargets.add((long) rowIds[i + 1]);
          lossWeights.add(emphasis.weight(rowIds[i + 1]));
        }
      }
      positions += rowIds.length;
    }
    return new TargetBatch(b, height, width, pixelData, t, ids, imageStart, imageLength,
        lossRows.stream().mapToLong(Long::longValue).toArray(),
        lossTargets.stream().mapToLong(Long::longValue).toArray(), floats(lossWeights), positions, samples);
  }

  private static float[] floats(List<Float> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
