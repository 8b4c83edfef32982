package dev.specvlm.train.data;

/** The direction of a gradient or of stripes. */
public enum Orientation {
  /** Varies from top to bottom (horizontal stripes, a top-to-bottom gradient). */
  VERTICAL,
  /** Varies from left to right (vertical stripes, a left-to-right gradient). */
  HORIZONTAL,
  /** Varies from the top left to the bottom right. */
  DIAGONAL
}
