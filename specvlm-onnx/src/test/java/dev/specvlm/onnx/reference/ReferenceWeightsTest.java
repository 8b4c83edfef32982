package dev.specvlm.onnx.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceWeightsTest {
  private static final ReferenceConfig CONFIG = ReferenceConfig.tiny();

  private static Map<String, float[]> values() {
    Map<String, float[]> v = new LinkedHashMap<>();
    ReferenceWeights.random(CONFIG, 1).tensors().forEach((name, t) -> v.put(name, t.data()));
    return v;
  }

  @Test
  void expectedShapes_followPyTorchLinearLayout() {
    Map<String, int[]> shapes = ReferenceWeights.expectedShapes(CONFIG);
    assertArrayEquals(new int[] {CONFIG.queryWidth(), CONFIG.hiddenSize()},
        shapes.get(WeightNames.layer(1, WeightNames.Q_PROJ)));
    assertArrayEquals(new int[] {CONFIG.kvWidth(), CONFIG.hiddenSize()},
        shapes.get(WeightNames.draftLayer(WeightNames.K_PROJ)));
    assertArrayEquals(new int[] {CONFIG.hiddenSize(), 2 * CONFIG.hiddenSize()}, shapes.get(WeightNames.DRAFT_FC));
    assertArrayEquals(new int[] {CONFIG.visionWidth(), 3, CONFIG.patchSize(), CONFIG.patchSize()},
        shapes.get(WeightNames.VISION_PATCH));
    assertTrue(shapes.containsKey(WeightNames.draftLayer(WeightNames.INPUT_NORM)), "EagleVLM input norm");
  }

  @Test
  void random_isReproducibleAndSeedDependent() {
    float[] a = ReferenceWeights.random(CONFIG, 5).data(WeightNames.LM_HEAD);
    assertArrayEquals(a, ReferenceWeights.random(CONFIG, 5).data(WeightNames.LM_HEAD));
    assertNotEquals(a[0], ReferenceWeights.random(CONFIG, 6).data(WeightNames.LM_HEAD)[0]);
  }

  @Test
  void of_missingTensor_isNamed() {
    Map<String, float[]> v = values();
    v.remove(WeightNames.FINAL_NORM);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReferenceWeights.of(CONFIG, v));
    assertTrue(e.getMessage().contains(WeightNames.FINAL_NORM) && e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void of_extraTensor_isNamed() {
    Map<String, float[]> v = values();
    v.put("layers.9.mlp.gate_proj.weight", new float[1]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReferenceWeights.of(CONFIG, v));
    assertTrue(e.getMessage().contains("layers.9"), e.getMessage());
  }

  @Test
  void of_wrongSize_namesShape() {
    Map<String, float[]> v = values();
    v.put(WeightNames.EMBED_TOKENS, new float[10]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReferenceWeights.of(CONFIG, v));
    assertTrue(e.getMessage().contains("[256, 64]"), e.getMessage());
  }

  @Test
  void config_rejectsKvHeadsThatDoNotDivideHeads() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CONFIG.toBuilder().numHeads(6).numKvHeads(4).build());
    assertTrue(e.getMessage().contains("numKvHeads 4"), e.getMessage());
    assertEquals(2, CONFIG.groupSize());
  }
}
