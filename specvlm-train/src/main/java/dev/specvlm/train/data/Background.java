package dev.specvlm.train.data;

import java.util.Objects;

/**
 * A scene's background.
 *
 * @param kind how it is painted
 * @param primary the main colour (the start of a gradient)
 * @param secondary the second colour of a gradient, stripes, checkerboard or dots; equal to {@code primary} for
 *     {@link BackgroundKind#PLAIN} and {@link BackgroundKind#NOISE}
 * @param orientation the direction of a gradient or stripes (ignored by other kinds)
 * @param period the stripe width, checker cell or dot spacing in pixels (ignored by other kinds)
 * @param dark whether the scene is a dark one (dark background, bright objects)
 */
public record Background(
    BackgroundKind kind, NamedColor primary, NamedColor secondary, Orientation orientation, int period,
    boolean dark) {

  /** Validates. */
  public Background {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(secondary, "secondary");
    Objects.requireNonNull(orientation, "orientation");
  }
}
