package dev.specvlm.train.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A scaled array has the product's value and differentiates to the factor, round after round. */
class OwnedArraysTest {
  @Test
  void scaled_valueAndGradientAreThoseOfTheFactor() {
    try (NDManager root = NDManager.newBaseManager();
        ParameterSet p = ParameterSet.create(root, Map.of("w", new int[] {3}), Map.of("w", new float[] {1, -2, 4}),
            n -> true)) {
      for (int round = 0; round < 200; round++) {
        float factor = 0.25f + round;
        try (NDManager step = root.newSubManager();
            GradientCollector c = Engine.getInstance().newGradientCollector()) {
          NDArray y = OwnedArrays.scaled(p.get("w"), factor);
          assertArrayEquals(new float[] {factor, -2 * factor, 4 * factor}, y.toFloatArray(), 1e-4f);
          c.backward(y.sum());
        }
        NDArray gradient = p.get("w").getGradient();
        assertArrayEquals(new float[] {factor, factor, factor}, gradient.toFloatArray(), 1e-4f, "round " + round);
        gradient.muli(0);
      }
    }
  }
}
