package dev.specvlm.train.data;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Draws a random {@link Scene}: a background and 1–6 non-overlapping objects whose colours contrast with it. Stateless;
 * all randomness comes from the {@link Random} passed in, so a seeded generator gives the same scene every time.
 */
final class SceneGenerator {
  /** The most objects a scene holds. */
  static final int MAX_OBJECTS = 6;

  /** The least {@link NamedColor#distance} between an object colour and each background colour. */
  private static final double MIN_CONTRAST = 200;

  /** The least luminance difference between an object colour and each background colour. */
  private static final double MIN_LUMA_GAP = 30;

  private static final int PLACEMENT_ATTEMPTS = 80;

  private static final BackgroundKind[] KINDS = BackgroundKind.values();
  private static final Orientation[] ORIENTATIONS = Orientation.values();
  private static final ShapeKind[] SHAPES = ShapeKind.values();
  private static final SizeClass[] SIZES = SizeClass.values();

  private SceneGenerator() {}

  /** A scene of {@code resolution} drawn from {@code random}. */
  static Scene generate(Resolution resolution, Random random) {
    Background background = background(resolution, random);
    List<NamedColor> colors = contrastingColors(background);
    int wanted = 1 + random.nextInt(MAX_OBJECTS);
    List<SceneObject> objects = new ArrayList<>(wanted);
    for (int i = 0; i < wanted; i++) {
      ShapeKind shape = SHAPES[random.nextInt(SHAPES.length)];
      NamedColor color = colors.get(random.nextInt(colors.size()));
      SizeClass size = SIZES[random.nextInt(SIZES.length)];
      SceneObject placed = place(resolution, shape, color, size, objects, random);
      if (placed != null) {
        objects.add(placed);
      }
    }
    return new Scene(resolution, background, objects, random.nextLong());
  }

  private static Background background(Resolution resolution, Random random) {
    boolean dark = random.nextDouble() < 0.3;
    List<NamedColor> palette = dark ? NamedColor.DARK_BACKGROUNDS : NamedColor.LIGHT_BACKGROUNDS;
    BackgroundKind kind = KINDS[random.nextInt(KINDS.length)];
    NamedColor primary = palette.get(random.nextInt(palette.size()));
    NamedColor secondary = primary;
    if (kind != BackgroundKind.PLAIN && kind != BackgroundKind.NOISE) {
      int j = random.nextInt(palette.size() - 1);
      secondary = palette.get(j >= palette.indexOf(primary) ? j + 1 : j);
    }
    Orientation orientation = ORIENTATIONS[random.nextInt(ORIENTATIONS.length)];
    double fraction = switch (kind) {
      case STRIPES -> 0.08 + 0.08 * random.nextDouble();
      case CHECKERBOARD -> 0.10 + 0.10 * random.nextDouble();
      case DOTS -> 0.08 + 0.06 * random.nextDouble();
      default -> 0;
    };
    int period = Math.max(4, (int) Math.round(fraction * resolution.shortSide()));
    return new Background(kind, primary, secondary, orientation, period, dark);
  }

  /** The object colours that stand out from both background colours. */
  static List<NamedColor> contrastingColors(Background background) {
    List<NamedColor> out = new ArrayList<>();
    for (NamedColor c : NamedColor.OBJECT_COLORS) {
      if (contrasts(c, background.primary()) && contrasts(c, background.secondary())) {
        out.add(c);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("no object colour contrasts with background " + background
          + "; widen NamedColor.OBJECT_COLORS or lower MIN_CONTRAST");
    }
    return out;
  }

  private static boolean contrasts(NamedColor object, NamedColor background) {
    return NamedColor.distance(object.rgb(), background.rgb()) >= MIN_CONTRAST
        && Math.abs(object.luma() - background.luma()) >= MIN_LUMA_GAP;
  }

  /**
   * An object of the given kind placed where its bounding circle keeps a gap to every other object and to the image
   * border, shrinking it one size class when no place is found; null if even the smallest size does not fit.
   */
  private static @Nullable SceneObject place(
      Resolution res, ShapeKind shape, NamedColor color, SizeClass size, List<SceneObject> others, Random random) {
    double gap = 0.03 * res.shortSide();
    for (int s = size.ordinal(); s >= 0; s--) {
      SizeClass cls = SIZES[s];
      double r = res.shortSide() * (cls.minRadius() + (cls.maxRadius() - cls.minRadius()) * random.nextDouble());
      double margin = r + 1;
      for (int attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
        double cx = margin + (res.width() - 2 * margin) * random.nextDouble();
        double cy = margin + (res.height() - 2 * margin) * random.nextDouble();
        if (fits(cx, cy, r, gap, others)) {
          Rectangle2D b = shape.outline(cx, cy, r).getBounds2D();
          BoundingBox box = new BoundingBox(b.getMinX(), b.getMinY(), b.getMaxX(), b.getMaxY());
          Region region = Region.of(b.getCenterX(), b.getCenterY(), res.width(), res.height());
          return new SceneObject(shape, color, jitter(color.rgb(), random), cls, cx, cy, r, box, region);
        }
      }
    }
    return null;
  }

  private static boolean fits(double cx, double cy, double r, double gap, List<SceneObject> others) {
    for (SceneObject o : others) {
      double min = r + o.radius() + gap;
      double dx = cx - o.centerX();
      double dy = cy - o.centerY();
      if (dx * dx + dy * dy < min * min) {
        return false;
      }
    }
    return true;
  }

  /** {@code rgb} with each channel moved by up to ±8. */
  private static int jitter(int rgb, Random random) {
    int out = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
      int v = ((rgb >> shift) & 0xFF) + random.nextInt(17) - 8;
      out |= Math.max(0, Math.min(255, v)) << shift;
    }
    return out;
  }
}
