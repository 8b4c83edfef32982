package dev.specvlm.train.data;

import java.awt.Shape;
import java.awt.geom.PathIterator;

/** Plane geometry of outlines. */
final class Geometry {
  private Geometry() {}

  /**
   * The area enclosed by {@code shape} in square pixels: the shoelace formula over its flattened sub-paths, signed,
   * so that holes (which {@link java.awt.geom.Area} winds the other way) are subtracted.
   */
  static double area(Shape shape) {
    PathIterator it = shape.getPathIterator(null, 0.05);
    double[] p = new double[6];
    double total = 0;
    double startX = 0;
    double startY = 0;
    double lastX = 0;
    double lastY = 0;
    double loop = 0;
    while (!it.isDone()) {
      switch (it.currentSegment(p)) {
        case PathIterator.SEG_MOVETO -> {
          total += loop;
          loop = 0;
          startX = lastX = p[0];
          startY = lastY = p[1];
        }
        case PathIterator.SEG_LINETO -> {
          loop += lastX * p[1] - p[0] * lastY;
          lastX = p[0];
          lastY = p[1];
        }
        case PathIterator.SEG_CLOSE -> {
          loop += lastX * startY - startX * lastY;
          lastX = startX;
          lastY = startY;
        }
        default -> throw new IllegalStateException("flattened path has a curve segment");
      }
      it.next();
    }
    total += loop;
    return Math.abs(total) / 2;
  }
}
