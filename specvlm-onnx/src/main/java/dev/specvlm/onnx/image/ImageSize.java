package dev.specvlm.onnx.image;

/**
 * A height and width in pixels.
 *
 * @param height rows, at least 1
 * @param width columns, at least 1
 */
public record ImageSize(int height, int width) {
  /** Validates. */
  public ImageSize {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("image size must be at least 1x1, got " + height + "x" + width);
    }
  }

  /** {@code height × width}. */
  public long pixels() {
    return (long) height * width;
  }

  @Override
  public String toString() {
    return height + "x" + width;
  }
}
