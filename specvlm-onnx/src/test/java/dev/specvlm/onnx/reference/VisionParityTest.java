package dev.specvlm.onnx.reference;

import static dev.specvlm.onnx.reference.DecoderParityTest.assertClose;
import static dev.specvlm.onnx.reference.Fixtures.*;
import static dev.specvlm.onnx.reference.TensorNames.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The vision graph equals the reference to 1e-4 at several grids, square and not; N follows the resolution. */
class VisionParityTest {
  private static final ReferenceConfig CONFIG = ReferenceConfig.tiny(); // patch 4, grids up to 32
  private static final ReferenceWeights WEIGHTS = ReferenceWeights.random(CONFIG, 3);
  private static final ReferenceVlm REFERENCE = new ReferenceVlm(WEIGHTS);

  private static float[] pixels(Random random, int height, int width) {
    float[] p = new float[3 * height * width];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) random.nextGaussian();
    }
    return p;
  }

  private static void assertImage(OrtModel model, Random random, int height, int width) throws Exception {
    float[] pixels = pixels(random, height, width);
    OrtModel.Outputs out = model.run(new OrtModel.Inputs().floats(PIXEL_VALUES, pixels, 1, 3, height, width));
    int patches = (height / CONFIG.patchSize()) * (width / CONFIG.patchSize());
    assertArrayEquals(new long[] {1, patches, CONFIG.hiddenSize()}, out.shape(IMAGE_EMBEDS));
    assertClose(flat(REFERENCE.vision(pixels, height, width)), out.floats(IMAGE_EMBEDS),
        "image_embeds " + height + "x" + width);
  }

  @ParameterizedTest
  @EnumSource(AttentionKind.class)
  void vision_squareAndNonSquareGrids_matchReference(AttentionKind kind) throws Exception {
    Random random = new Random(1);
    try (OrtModel model = OrtModel.of(ReferenceModelWriter.vision(WEIGHTS, WriterOptions.defaults()
        .withAttention(kind)))) {
      assertImage(model, random, 32, 32); // 8 x 8 = 64 tokens
      assertImage(model, random, 24, 40); // 6 x 10 = 60 tokens
    }
  }

  @Test
  void vision_largestGrids_matchReference() throws Exception {
    Random random = new Random(2);
    try (OrtModel model = OrtModel.of(ReferenceModelWriter.vision(WEIGHTS, WriterOptions.defaults()))) {
      assertImage(model, random, 64, 64); // 16 x 16 = 256 tokens
      assertImage(model, random, 128, 128); // 32 x 32 = 1024 tokens, the largest grid
      assertImage(model, random, 128, 8); // 32 x 2
    }
  }

  @Test
  void reference_positionEmbedding_dependsOnRowAndColumn() {
    Random random = new Random(3);
    float[] pixels = pixels(random, 8, 16); // grid 2 x 4
    // the same 8 patches laid out as a 1 x 8 strip, in the grid's row-major order
    float[] strip = new float[pixels.length];
    int p = CONFIG.patchSize();
    int stripWidth = 8 * p;
    for (int ch = 0; ch < 3; ch++) {
      for (int r = 0; r < 2; r++) {
        for (int c = 0; c < 4; c++) {
          for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
              strip[(ch * p + i) * stripWidth + (r * 4 + c) * p + j] =
                  pixels[(ch * 8 + r * p + i) * 16 + c * p + j];
            }
          }
        }
      }
    }
    double[][] grid = REFERENCE.vision(pixels, 8, 16);
    double[][] asStrip = REFERENCE.vision(strip, p, stripWidth);
    assertTrue(maxAbsDiff(grid, asStrip) > 0.05, "the same patches at other (row, col) must embed differently");
  }
}
