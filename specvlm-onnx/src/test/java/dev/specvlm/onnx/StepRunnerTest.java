package dev.specvlm.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.InferenceException;
import dev.specvlm.core.model.AttentionMask;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class StepRunnerTest {
  private static final int[] POSITIONS = {40, 41, 42};

  @Test
  void copyChecked_finiteValues_areCopied() {
    float[] out = new float[6];
    StepRunner.copyChecked("target", FloatBuffer.wrap(new float[] {1, 2, 3, 4, 5, 6, 7}), out, 6, "logits", true, 2,
        0, POSITIONS);
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, out);
  }

  @Test
  void copyChecked_nanOrInfinity_namesRoleRowAndPosition() {
    float[] values = {0, 1, 2, Float.NaN}; // the last 2 of 3 rows, 2 wide: NaN in row 2, column 1
    var e = assertThrows(InferenceException.class, () -> StepRunner.copyChecked("target", FloatBuffer.wrap(values),
        new float[4], 4, "features", false, 2, 1, POSITIONS));
    assertTrue(e.getMessage().startsWith("target model produced NaN in features of row 2 (position 42), column 1"),
        e.getMessage());
    values[3] = Float.POSITIVE_INFINITY;
    assertThrows(InferenceException.class, () -> StepRunner.copyChecked("draft", FloatBuffer.wrap(values),
        new float[4], 4, "logits", true, 2, 1, POSITIONS));
  }

  @Test
  void copyChecked_negativeInfinity_isAllowedOnlyInScores() {
    float[] values = {0, Float.NEGATIVE_INFINITY};
    float[] out = new float[2];
    StepRunner.copyChecked("target", FloatBuffer.wrap(values), out, 2, "logits", true, 2, 0, POSITIONS);
    assertEquals(Float.NEGATIVE_INFINITY, out[1]);
    assertThrows(InferenceException.class, () -> StepRunner.copyChecked("target", FloatBuffer.wrap(values), out, 2,
        "features", false, 2, 0, POSITIONS));
  }

  @Test
  void maskWriter_treeAfterPrefix_writesAdditiveRows() {
    AttentionMask tree = new AttentionMask(2, 3).reset(2, 3);
    tree.set(0, 0);
    tree.set(0, 1);
    tree.set(1, 0);
    tree.set(1, 2);
    FloatBuffer out = Tensors.floats(2 * 5);
    assertEquals(5, MaskWriter.write(out, tree, 2));
    float n = Float.NEGATIVE_INFINITY;
    float[] got = new float[10];
    out.get(0, got);
    assertArrayEquals(new float[] {0, 0, 0, 0, n, 0, 0, 0, n, 0}, got);
    FloatBuffer causal = Tensors.floats(3 * 4);
    MaskWriter.write(causal, new AttentionMask(3, 3).setCausal(3), 1);
    got = new float[12];
    causal.get(0, got);
    assertArrayEquals(new float[] {0, 0, n, n, 0, 0, 0, n, 0, 0, 0, 0}, got);
  }
}
