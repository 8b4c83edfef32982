package dev.specvlm.train.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Definite descriptions that pick out exactly one object of a scene ("circle", "red circle", "circle in the top left
 * corner"), used by questions. A description may be barred from naming an attribute the question asks about.
 */
final class Referrer {
  /** What a description may mention. */
  enum Attribute { SHAPE, COLOR, SIZE, REGION }

  private Referrer() {}

  /**
   * Every description (without article) built from the allowed attributes that fits {@code target} and no other object
   * of the scene, shortest first; empty if the allowed attributes cannot single it out. Descriptions without
   * {@link Attribute#SHAPE} use a generic noun ("red shape"). Phrase variants are drawn from {@code choices}.
   */
  static List<String> unique(Scene scene, SceneObject target, boolean shape, boolean color, boolean region,
      Choices choices) {
    List<String> out = new ArrayList<>();
    // attribute sets in order of length: bit 0 = colour, bit 1 = size, bit 2 = region
    int[] sets = {0, 1, 2, 4, 3, 5};
    for (int set : sets) {
      boolean useColor = (set & 1) != 0;
      boolean useSize = (set & 2) != 0;
      boolean useRegion = (set & 4) != 0;
      if (useColor && !color || useRegion && !region) {
        continue;
      }
      if (count(scene, target, shape, useColor, useSize, useRegion) == 1) {
        String noun = shape ? target.shape().noun() : choices.pick("shape", "object");
        String words = Text.join(useSize ? target.size().word() : "",
            useColor ? target.color().family().word() : "", noun,
            useRegion ? choices.pick(target.region().phrases()) : "");
        out.add(words);
      }
    }
    return out;
  }

  private static int count(Scene scene, SceneObject t, boolean shape, boolean color, boolean size, boolean region) {
    int n = 0;
    for (SceneObject o : scene.objects()) {
      if ((!shape || o.shape() == t.shape())
          && (!color || o.color().family() == t.color().family())
          && (!size || o.size() == t.size())
          && (!region || o.region() == t.region())) {
        n++;
      }
    }
    return n;
  }
}
