package dev.specvlm.train.data;

/** How a scene's background is painted. */
public enum BackgroundKind {
  /** One flat colour. */
  PLAIN,
  /** A linear blend from the primary to the secondary colour. */
  GRADIENT,
  /** The primary colour with per-pixel grain. */
  NOISE,
  /** Bands alternating between the primary and the secondary colour. */
  STRIPES,
  /** Squares alternating between the primary and the secondary colour. */
  CHECKERBOARD,
  /** Small dots of the secondary colour on the primary. */
  DOTS
}
