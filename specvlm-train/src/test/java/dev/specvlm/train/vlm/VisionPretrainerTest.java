package dev.specvlm.train.vlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.onnx.reference.ReferenceConfig;
import dev.specvlm.onnx.reference.ReferenceWeights;
import dev.specvlm.train.data.Resolution;
import dev.specvlm.train.distill.TinyTargets;
import dev.specvlm.train.loop.LearningRateSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pretraining trains and records the object-level head, reuses a finished run folder and refuses an encoder of another
 * shape; object-patch accuracy leaves background patches out, whatever was predicted for them.
 */
class VisionPretrainerTest {
  private static final ReferenceConfig MODEL = TinyTargets.config();

  private static VisionPretrainer.Config smoke(double objectShapeWeight) {
    return new VisionPretrainer.Config(6, 256, new LearningRateSchedule(3e-3, 0.1, 1.0), 0.02, 7L, 1000,
        objectShapeWeight);
  }

  private static VisionPretrainer.Result pretrain(VisionPretrainer.Config config, Path run,
      Map<String, float[]> start) throws IOException {
    return VisionPretrainer.pretrain(MODEL, config, List.of(Resolution.SQUARE_64), TinyVlm.imageSettings(8, 64), run,
        false, start);
  }

  @Test
  void pretrain_recordsObjectLevelAccuracyAndReusesTheFinishedRun(@TempDir Path run) throws IOException {
    VisionPretrainer.Result first = pretrain(smoke(1.0), run, Map.of());
    Set<String> encoder = ReferenceWeights.expectedShapes(MODEL).keySet().stream()
        .filter(name -> name.startsWith("vision.")).collect(Collectors.toSet());
    assertEquals(encoder, first.weights().keySet(), "the encoder's weights, no heads");
    assertTrue(first.objectLevelShapeAccuracy() >= 0 && first.objectLevelShapeAccuracy() <= 1,
        "object-level accuracy " + first.objectLevelShapeAccuracy());
    assertTrue(Files.exists(run.resolve(VisionPretrainer.CHECKPOINT)));

    VisionPretrainer.Result again = pretrain(smoke(0.0).withSteps(1), run, Map.of());
    assertEquals(first.objectLevelShapeAccuracy(), again.objectLevelShapeAccuracy());
    String name = "vision.post_layernorm.weight";
    assertArrayEquals(first.weights().get(name), again.weights().get(name), "read back, not retrained");
  }

  @Test
  void pretrain_withoutTheObjectHead_recordsNoObjectLevelAccuracy(@TempDir Path run) throws IOException {
    assertTrue(Double.isNaN(pretrain(smoke(0.0), run, Map.of()).objectLevelShapeAccuracy()));
  }

  @Test
  void pretrain_refusesAStartEncoderOfAnotherShape(@TempDir Path run) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> pretrain(smoke(1.0), run, Map.of("vision.post_layernorm.weight", new float[3])));
    assertTrue(e.getMessage().contains("vision.post_layernorm.weight"), e.getMessage());
    assertTrue(e.getMessage().contains("3 values"), e.getMessage());
  }

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
