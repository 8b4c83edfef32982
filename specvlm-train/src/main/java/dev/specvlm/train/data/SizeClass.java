package dev.specvlm.train.data;

import java.util.List;

/**
 * How big an object is relative to the shorter side of its image; the half-extent {@code r} of an object is drawn
 * uniformly from {@code [minRadius, maxRadius] × shortSide}.
 */
public enum SizeClass {
  /** About a fifth of the short side across. */
  SMALL(0.095, 0.115, List.of("small", "little", "tiny")),
  /** About a third of the short side across. */
  MEDIUM(0.135, 0.160, List.of("medium-sized", "mid-sized", "moderately sized")),
  /** About two fifths of the short side across. */
  LARGE(0.185, 0.215, List.of("large", "big", "fairly large"));

  private final double minRadius;
  private final double maxRadius;
  private final List<String> adjectives;

  SizeClass(double minRadius, double maxRadius, List<String> adjectives) {
    this.minRadius = minRadius;
    this.maxRadius = maxRadius;
    this.adjectives = adjectives;
  }

  /** The smallest half-extent, as a fraction of the short side. */
  public double minRadius() {
    return minRadius;
  }

  /** The largest half-extent, as a fraction of the short side. */
  public double maxRadius() {
    return maxRadius;
  }

  /** The usual adjective ({@code "small"}, {@code "medium-sized"}, {@code "large"}). */
  public String word() {
    return adjectives.get(0);
  }

  /** Every adjective for this size, the usual one first. */
  public List<String> adjectives() {
    return adjectives;
  }
}
