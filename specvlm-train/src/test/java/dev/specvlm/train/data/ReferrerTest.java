package dev.specvlm.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReferrerTest {
  /** Whether {@code ref} could describe {@code o}: every attribute it names matches. */
  private static boolean fits(String ref, SceneObject o) {
    String[] words = ref.split(" ");
    for (ColorFamily f : ColorFamily.values()) {
      if (List.of(words).contains(f.word()) && o.color().family() != f) {
        return false;
      }
    }
    for (SizeClass s : SizeClass.values()) {
      if (List.of(words).contains(s.word()) && o.size() != s) {
        return false;
      }
    }
    for (ShapeKind k : ShapeKind.values()) {
      if (List.of(words).contains(k.noun())) {
        if (o.shape() != k) {
          return false;
        }
      }
    }
    for (Region r : Region.values()) {
      for (String phrase : r.phrases()) {
        if (ref.endsWith(phrase) && o.region() != r) {
          return false;
        }
      }
    }
    return true;
  }

  @Test
  void unique_everyDescription_fitsExactlyItsObject() {
    SampleGenerator g = SampleGenerator.standard();
    Choices choices = new Choices(5);
    int checked = 0;
    for (long seed = 0; seed < 400; seed++) {
      Scene scene = g.scene(seed);
      for (SceneObject target : scene.objects()) {
        for (boolean shape : new boolean[] {true, false}) {
          for (String ref : Referrer.unique(scene, target, shape, true, true, choices)) {
            long fitting = scene.objects().stream().filter(o -> fits(ref, o)).count();
            assertEquals(1, fitting, "\"" + ref + "\" in scene " + seed);
            checked++;
          }
        }
      }
    }
    assertEquals(true, checked > 1000, "descriptions checked: " + checked);
  }

  @Test
  void unique_barredAttributes_areNotNamed() {
    Scene scene = SampleGenerator.standard().scene(11);
    Choices choices = new Choices(1);
    for (SceneObject o : scene.objects()) {
      for (String ref : Referrer.unique(scene, o, true, false, false, choices)) {
        for (ColorFamily f : ColorFamily.values()) {
          assertEquals(false, List.of(ref.split(" ")).contains(f.word()), ref);
        }
      }
    }
  }
}
