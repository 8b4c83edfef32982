package dev.specvlm.train.data;

/**
 * An axis-aligned box in pixels, y growing downward.
 *
 * @param x0 left edge
 * @param y0 top edge
 * @param x1 right edge
 * @param y1 bottom edge
 */
public record BoundingBox(double x0, double y0, double x1, double y1) {
  /** The width in pixels. */
  public double width() {
    return x1 - x0;
  }

  /** The height in pixels. */
  public double height() {
    return y1 - y0;
  }

  /**
   * The box as fractions of an image of {@code imageWidth × imageHeight}, clamped to [0, 1], in the order
   * {@code [x0, y0, x1, y1]}.
   */
  public double[] normalized(int imageWidth, int imageHeight) {
    return new double[] {
      clamp(x0 / imageWidth), clamp(y0 / imageHeight), clamp(x1 / imageWidth), clamp(y1 / imageHeight)
    };
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
