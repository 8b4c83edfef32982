package dev.specvlm.onnx.image;

/**
 * An image ready for the vision encoder.
 *
 * @param pixels normalised pixels {@code [3, height, width]} (planar RGB, row-major)
 * @param source the size of the decoded image
 * @param size the encoder input size ({@link #pixels()} is {@code 3 × height × width})
 * @param gridHeight visual-token rows: {@code height / unit}
 * @param gridWidth visual-token columns: {@code width / unit}
 */
public record PreprocessedImage(float[] pixels, ImageSize source, ImageSize size, int gridHeight, int gridWidth) {
  /** The number of visual tokens the encoder yields: {@code gridHeight × gridWidth}. */
  public int tokens() {
    return gridHeight * gridWidth;
  }
}
