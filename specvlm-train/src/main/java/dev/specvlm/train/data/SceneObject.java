package dev.specvlm.train.data;

import java.util.Objects;

/**
 * One object of a scene, the ground truth that answers are checked against.
 *
 * @param shape what kind of object
 * @param color its named colour (the painted colour is {@code rgb})
 * @param rgb the colour actually painted, {@code 0xRRGGBB}: the named colour with a small per-object jitter
 * @param size its size class
 * @param centerX centre x in pixels
 * @param centerY centre y in pixels
 * @param radius half-extent in pixels (see {@link ShapeKind#outline})
 * @param box the painted outline's bounds in pixels
 * @param region the 3×3 grid cell holding the centre
 */
public record SceneObject(
    ShapeKind shape,
    NamedColor color,
    int rgb,
    SizeClass size,
    double centerX,
    double centerY,
    double radius,
    BoundingBox box,
    Region region) {

  /** Validates. */
  public SceneObject {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(color, "color");
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(box, "box");
    Objects.requireNonNull(region, "region");
  }

  /** The painted area in square pixels, from the outline geometry. */
  public double area() {
    return Geometry.area(shape.outline(centerX, centerY, radius));
  }
}
