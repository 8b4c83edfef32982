package dev.specvlm.onnx.image;

/**
 * One value per colour channel, e.g. a normalisation mean or standard deviation on the {@code [0, 1]} pixel scale.
 *
 * @param r red
 * @param g green
 * @param b blue
 */
public record Rgb(float r, float g, float b) {
  /** Validates that every channel is finite. */
  public Rgb {
    if (!Float.isFinite(r) || !Float.isFinite(g) || !Float.isFinite(b)) {
      throw new IllegalArgumentException("RGB values must be finite, got [" + r + ", " + g + ", " + b + "]");
    }
  }

  /** Channel {@code c}: 0 red, 1 green, 2 blue. */
  public float channel(int c) {
    return switch (c) {
      case 0 -> r;
      case 1 -> g;
      case 2 -> b;
      default -> throw new IndexOutOfBoundsException("channel " + c + " of 3");
    };
  }
}
