package dev.specvlm.train.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/** Paints a {@link Scene} into an RGB image with anti-aliased object edges. Stateless and thread-safe. */
final class SceneRenderer {
  /** The amplitude of {@link BackgroundKind#NOISE} grain, in 0..255 units per channel. */
  private static final int GRAIN = 18;

  private SceneRenderer() {}

  /** A new {@link BufferedImage#TYPE_INT_RGB} image of the scene; the caller owns it. */
  static BufferedImage render(Scene scene) {
    int w = scene.resolution().width();
    int h = scene.resolution().height();
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    paintBackground(image, scene);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      if (scene.background().kind() == BackgroundKind.DOTS) {
        paintDots(g, scene);
      }
      for (SceneObject o : scene.objects()) {
        g.setColor(new Color(o.rgb()));
        g.fill(o.shape().outline(o.centerX(), o.centerY(), o.radius()));
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void paintBackground(BufferedImage image, Scene scene) {
    Background bg = scene.background();
    int w = image.getWidth();
    int h = image.getHeight();
    int a = bg.primary().rgb();
    int b = bg.secondary().rgb();
    int period = bg.period();
    Random grain = new Random(scene.textureSeed());
    int[] row = new int[w]; // [w] 0xRRGGBB
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        row[x] = switch (bg.kind()) {
          case PLAIN, DOTS -> a;
          case GRADIENT -> mix(a, b, along(bg.orientation(), x, y, w, h));
          case NOISE -> shift(a, grain.nextInt(2 * GRAIN + 1) - GRAIN);
          case STRIPES -> (int) Math.floor(stripeCoordinate(bg.orientation(), x, y) / period) % 2 == 0 ? a : b;
          case CHECKERBOARD -> (x / period + y / period) % 2 == 0 ? a : b;
        };
      }
      image.setRGB(0, y, w, 1, row, 0, w);
    }
  }

  private static void paintDots(Graphics2D g, Scene scene) {
    Background bg = scene.background();
    int period = bg.period();
    double radius = Math.max(1.0, 0.2 * period);
    g.setColor(new Color(bg.secondary().rgb()));
    for (double y = period / 2.0; y < scene.resolution().height(); y += period) {
      for (double x = period / 2.0; x < scene.resolution().width(); x += period) {
        g.fill(new Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius));
      }
    }
  }

  /** Position along a gradient in [0, 1]. */
  private static double along(Orientation o, int x, int y, int w, int h) {
    return switch (o) {
      case VERTICAL -> y / (double) (h - 1);
      case HORIZONTAL -> x / (double) (w - 1);
      case DIAGONAL -> (x + y) / (double) (w + h - 2);
    };
  }

  private static double stripeCoordinate(Orientation o, int x, int y) {
    return switch (o) {
      case VERTICAL -> y;
      case HORIZONTAL -> x;
      case DIAGONAL -> (x + y) / Math.sqrt(2);
    };
  }

  private static int mix(int a, int b, double t) {
    int out = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
      double v = ((a >> shift) & 0xFF) * (1 - t) + ((b >> shift) & 0xFF) * t;
      out |= (int) Math.round(v) << shift;
    }
    return out;
  }

  private static int shift(int rgb, int delta) {
    int out = 0;
    for (int s = 16; s >= 0; s -= 8) {
      out |= Math.max(0, Math.min(255, ((rgb >> s) & 0xFF) + delta)) << s;
    }
    return out;
  }
}
