package dev.specvlm.train.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdamWTest {
  @Test
  void step_nonFiniteGradient_skipsThatStepOnly() {
    try (NDManager m = NDManager.newBaseManager();
        ParameterSet p = ParameterSet.create(m, Map.of("w", new int[] {2}), Map.of("w", new float[] {1, 2}),
            n -> true);
        AdamW adam = new AdamW(p, 0.9, 0.95, 1e-8, 0, n -> false)) {
      try (NDManager step = m.newSubManager();
          GradientCollector c = Engine.getInstance().newGradientCollector()) {
        NDArray x = step.create(new float[] {Float.POSITIVE_INFINITY, 1});
        c.backward(p.get("w").mul(x).sum());
      }
      double norm = adam.step(0.1, 1.0);
      assertTrue(!Double.isFinite(norm));
      assertArrayEquals(new float[] {1, 2}, p.get("w").toFloatArray(), "skipped step leaves the weights");
      assertEquals(0, adam.steps());
      try (NDManager step = m.newSubManager();
          GradientCollector c = Engine.getInstance().newGradientCollector()) {
        c.backward(p.get("w").sum());
      }
      norm = adam.step(0.1, 1.0);
      assertEquals(Math.sqrt(2), norm, 1e-6, "the next step sees only its own gradient");
      assertEquals(1, adam.steps());
      float[] w = p.get("w").toFloatArray();
      assertEquals(0.9, w[0], 1e-4);
      assertEquals(1.9, w[1], 1e-4);
    }
  }
}
