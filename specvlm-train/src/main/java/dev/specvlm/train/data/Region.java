package dev.specvlm.train.data;

import java.util.List;

/** The cell of a 3×3 grid over the image that holds an object's centre. */
public enum Region {
  /** Upper left cell. */
  TOP_LEFT("top left", List.of("in the top left corner", "in the upper left corner", "at the top left",
      "in the upper left part of the image")),
  /** Upper middle cell. */
  TOP("top", List.of("at the top", "near the top edge", "in the upper middle", "at the top center")),
  /** Upper right cell. */
  TOP_RIGHT("top right", List.of("in the top right corner", "in the upper right corner", "at the top right",
      "in the upper right part of the image")),
  /** Middle left cell. */
  LEFT("left", List.of("on the left side", "near the left edge", "on the left", "halfway down the left side")),
  /** Central cell. */
  CENTER("center", List.of("in the center", "in the middle", "right in the middle of the image", "near the centre")),
  /** Middle right cell. */
  RIGHT("right", List.of("on the right side", "near the right edge", "on the right", "halfway down the right side")),
  /** Lower left cell. */
  BOTTOM_LEFT("bottom left", List.of("in the bottom left corner", "in the lower left corner", "at the bottom left",
      "in the lower left part of the image")),
  /** Lower middle cell. */
  BOTTOM("bottom", List.of("at the bottom", "near the bottom edge", "in the lower middle", "at the bottom center")),
  /** Lower right cell. */
  BOTTOM_RIGHT("bottom right", List.of("in the bottom right corner", "in the lower right corner",
      "at the bottom right", "in the lower right part of the image"));

  private final String label;
  private final List<String> phrases;

  Region(String label, List<String> phrases) {
    this.label = label;
    this.phrases = phrases;
  }

  /** The region holding the point ({@code x}, {@code y}) of an image of {@code width × height} pixels. */
  public static Region of(double x, double y, int width, int height) {
    int column = Math.min(2, (int) (3 * x / width));
    int row = Math.min(2, (int) (3 * y / height));
    return values()[3 * Math.max(0, row) + Math.max(0, column)];
  }

  /** A short label for ground truth, e.g. {@code "top left"}. */
  public String label() {
    return label;
  }

  /** Prepositional phrases that place an object here, e.g. {@code "in the top left corner"}. */
  public List<String> phrases() {
    return phrases;
  }
}
