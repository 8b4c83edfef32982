package dev.specvlm.train.vlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Object-patch accuracy leaves background patches out, whatever was predicted for them. */
class VisionPretrainerTest {
  @Test
  void accuracyOnObjects_scoresOnlyPatchesThatAnObjectCovers() {
    long[] shapeClasses = {0, 0, 0, 3, 5, 0, 5, 0}; // 0 = background
    long[] truth = {9, 9, 9, 2, 4, 9, 4, 9};
    long[] predicted = {9, 9, 9, 2, 1, 9, 4, 9}; // background all right, objects 2 of 3
    assertEquals(2.0 / 3, VisionPretrainer.accuracyOnObjects(predicted, truth, shapeClasses), 1e-12);
    long[] backgroundAlways = {9, 9, 9, 9, 9, 9, 9, 9};
    assertEquals(0.0, VisionPretrainer.accuracyOnObjects(backgroundAlways, truth, shapeClasses), 1e-12);
  }

  @Test
  void accuracyOnObjects_isNaNWithoutObjects() {
    assertTrue(Double.isNaN(VisionPretrainer.accuracyOnObjects(new long[] {1, 2}, new long[] {1, 2},
        new long[] {0, 0})));
  }
}
