package dev.specvlm.train.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The gate's training input follows the engine's rule (GenerationRun.chooseCompression) in all three layouts. */
class CompressorStudentTest {
  /** Row r of a [8, 2] feature matrix is (r, 10 r). */
  private static float[] features() {
    float[] f = new float[8 * 2];
    for (int r = 0; r < 8; r++) {
      f[2 * r] = r;
      f[2 * r + 1] = 10 * r;
    }
    return f;
  }

  @Test
  void gateInput_questionAfterTheImage_isTheMeanOfTheQuestionRows() {
    assertArrayEquals(new float[] {5.5f, 55f}, CompressorStudent.gateInput(features(), 2, new int[] {2, 5}, 7));
  }

  @Test
  void gateInput_noTextAfterTheImage_isTheMeanOfTheTextBeforeIt() {
    // before the fix this averaged zero rows (NaN)
    assertArrayEquals(new float[] {0.5f, 5f}, CompressorStudent.gateInput(features(), 2, new int[] {2, 5}, 5));
  }

  @Test
  void gateInput_imageAlone_isItsLastSlot() {
    assertArrayEquals(new float[] {2f, 20f}, CompressorStudent.gateInput(features(), 2, new int[] {0, 3}, 3));
  }
}
