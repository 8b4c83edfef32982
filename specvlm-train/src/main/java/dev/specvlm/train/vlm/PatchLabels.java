package dev.specvlm.train.vlm;

import dev.specvlm.train.data.ColorFamily;
import dev.specvlm.train.data.Scene;
import dev.specvlm.train.data.SceneObject;
import dev.specvlm.train.data.ShapeKind;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Per-patch ground truth of a scene for pretraining the vision encoder: for every patch (row-major over the grid),
 * the colour family and the shape kind of the object that covers it, or for a background patch the background's main
 * colour family and "background". Objects are painted into a label
 * map in the renderer's order (later ones on top), without antialiasing; a patch takes the object with the most pixels
 * in it if that object covers at least a quarter of the patch.
 *
 * @param colors {@code [N]} colour class: {@code ColorFamily.ordinal()} of the object, or
 *     {@code families + ordinal()} of the background's main colour
 * @param shapes {@code [N]} shape class: 0 background, {@code 1 + ShapeKind.ordinal()} otherwise
 * @param objects {@code [N]} which object: 0 background, {@code 1 + } the object's index in {@code scene.objects()}
 *     otherwise (the object-level loss pools each object's patches)
 */
public record PatchLabels(int[] colors, int[] shapes, int[] objects) {
  /** Colour classes (every family, as an object's colour and as the background's). */
  public static final int COLOR_CLASSES = 2 * ColorFamily.values().length;
  /** Shape classes (background and every kind). */
  public static final int SHAPE_CLASSES = 1 + ShapeKind.values().length;

  /** The labels of {@code scene}'s patches of side {@code patch} pixels. */
  public static PatchLabels of(Scene scene, int patch) {
    int w = scene.resolution().width();
    int h = scene.resolution().height();
    List<SceneObject> objects = scene.objects();
    BufferedImage map = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB); // pixel = object index + 1, 0 empty
    Graphics2D g = map.createGraphics();
    try {
      for (int i = 0; i < objects.size(); i++) {
        SceneObject o = objects.get(i);
        g.setColor(new Color(i + 1));
        g.fill(o.shape().outline(o.centerX(), o.centerY(), o.radius()));
      }
    } finally {
      g.dispose();
    }
    int gh = h / patch;
    int gw = w / patch;
    int[] colors = new int[gh * gw];
    int[] shapes = new int[gh * gw];
    int[] objectOf = new int[gh * gw];
    int[] counts = new int[objects.size() + 1];
    int background = ColorFamily.values().length + scene.background().primary().family().ordinal();
    for (int r = 0; r < gh; r++) {
      for (int c = 0; c < gw; c++) {
        java.util.Arrays.fill(counts, 0);
        for (int y = r * patch; y < (r + 1) * patch; y++) {
          for (int x = c * patch; x < (c + 1) * patch; x++) {
            counts[map.getRGB(x, y) & 0xFFFFFF]++;
          }
        }
        int best = 0; // the object with the most pixels in the patch, 0 if none
        for (int i = 1; i < counts.length; i++) {
          if (counts[i] > (best == 0 ? 0 : counts[best])) {
            best = i;
          }
        }
        if (best > 0 && counts[best] * 4 >= patch * patch) {
          SceneObject o = objects.get(best - 1);
          colors[r * gw + c] = o.color().family().ordinal();
          shapes[r * gw + c] = 1 + o.shape().ordinal();
          objectOf[r * gw + c] = best;
        } else {
          colors[r * gw + c] = background;
        }
      }
    }
    return new PatchLabels(colors, shapes, objectOf);
  }
}
