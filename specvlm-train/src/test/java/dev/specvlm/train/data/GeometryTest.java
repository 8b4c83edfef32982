package dev.specvlm.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import org.junit.jupiter.api.Test;

class GeometryTest {
  @Test
  void area_circle_isPiRSquared() {
    assertEquals(Math.PI * 100, Geometry.area(ShapeKind.CIRCLE.outline(50, 50, 10)), 0.5);
  }

  @Test
  void area_ring_subtractsTheHole() {
    double r = 20;
    double expected = Math.PI * (r * r - (0.52 * r) * (0.52 * r));
    assertEquals(expected, Geometry.area(ShapeKind.RING.outline(50, 50, r)), 2.0);
  }

  @Test
  void area_rectangle_isWidthTimesHeight() {
    assertEquals(200, Geometry.area(new Rectangle2D.Double(0, 0, 20, 10)), 1e-9);
  }

  @Test
  void outline_everyKind_fitsItsBoxAndHasArea() {
    for (ShapeKind kind : ShapeKind.values()) {
      Rectangle2D b = kind.outline(100, 100, 20).getBounds2D();
      assertTrue(b.getMinX() >= 79.9 && b.getMaxX() <= 120.1 && b.getMinY() >= 79.9 && b.getMaxY() <= 120.1,
          kind + " leaves its 2r box: " + b);
      assertTrue(Geometry.area(kind.outline(100, 100, 20)) > 0.15 * 1600, kind + " is too thin");
    }
  }
}
