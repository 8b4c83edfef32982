package dev.specvlm.train.vlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.train.data.ColorFamily;
import dev.specvlm.train.data.DataSplit;
import dev.specvlm.train.data.Resolution;
import dev.specvlm.train.data.Scene;
import dev.specvlm.train.data.SceneObject;
import dev.specvlm.train.data.SampleGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Patch labels follow the painted objects: the patch under an object's centre is that object, a far one background. */
class PatchLabelsTest {
  @Test
  void of_labelsObjectAndBackgroundPatches() {
    SampleGenerator generator = SampleGenerator.of(List.of(Resolution.SQUARE_128));
    int checked = 0;
    for (long i = 0; i < 200 && checked < 5; i++) {
      Scene scene = generator.scene(DataSplit.TRAIN.seed(i));
      if (scene.objects().size() != 1 || scene.objects().get(0).radius() < 12) {
        continue;
      }
      SceneObject o = scene.objects().get(0);
      PatchLabels labels = PatchLabels.of(scene, 8);
      assertEquals(16 * 16, labels.colors().length);
      int centre = (int) (o.centerY() / 8) * 16 + (int) (o.centerX() / 8);
      assertEquals(1 + o.shape().ordinal(), labels.shapes()[centre], "shape under the centre of " + o);
      assertEquals(o.color().family().ordinal(), labels.colors()[centre], "colour under the centre of " + o);
      assertEquals(1, labels.objects()[centre], "the only object under its centre");
      int background = ColorFamily.values().length + scene.background().primary().family().ordinal();
      int objectPatches = 0;
      for (int p = 0; p < labels.shapes().length; p++) {
        assertEquals(labels.shapes()[p] == 0 ? 0 : 1, labels.objects()[p], "object index of patch " + p);
        if (labels.shapes()[p] == 0) {
          assertEquals(background, labels.colors()[p], "background patch " + p);
        } else {
          objectPatches++;
        }
      }
      assertTrue(objectPatches > 0 && objectPatches < 16 * 16 / 2, objectPatches + " object patches for " + o);
      checked++;
    }
    assertEquals(5, checked, "found too few single-object scenes");
  }
}
