package dev.specvlm.train.data;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;

/**
 * The pixel size of a rendered scene. With a vision encoder that cuts the image into square patches of {@code P}
 * pixels, a resolution yields {@code (width / P) * (height / P)} visual tokens.
 *
 * @param width image width in pixels, positive
 * @param height image height in pixels, positive
 */
public record Resolution(int width, int height) {
  /** 64×64: 64 visual tokens at P = 8. */
  public static final Resolution SQUARE_64 = new Resolution(64, 64);
  /** 128×128: 256 visual tokens at P = 8. */
  public static final Resolution SQUARE_128 = new Resolution(128, 128);
  /** 256×256: 1024 visual tokens at P = 8. */
  public static final Resolution SQUARE_256 = new Resolution(256, 256);
  /** 128×64 (landscape): 128 visual tokens at P = 8. */
  public static final Resolution WIDE_128X64 = new Resolution(128, 64);
  /** 96×192 (portrait): 288 visual tokens at P = 8. */
  public static final Resolution TALL_96X192 = new Resolution(96, 192);

  /** The resolutions the bundled model is trained on, smallest first. */
  public static final List<Resolution> STANDARD =
      List.of(SQUARE_64, WIDE_128X64, SQUARE_128, TALL_96X192, SQUARE_256);

  /** Validates. */
  public Resolution {
    checkArgument(width >= 16 && height >= 16 && width <= 4096 && height <= 4096,
        "resolution %sx%s is outside 16..4096 pixels per side; scenes need room for their objects", width, height);
  }

  /**
   * The number of visual tokens a patch encoder with square patches of {@code patchSize} pixels gives for this
   * resolution.
   *
   * @throws IllegalArgumentException if a side is not a multiple of {@code patchSize}
   */
  public int visualTokens(int patchSize) {
    checkArgument(patchSize > 0 && width % patchSize == 0 && height % patchSize == 0,
        "resolution %sx%s is not a whole number of %s-pixel patches; choose sides that are multiples of the patch size",
        width, height, patchSize);
    return (width / patchSize) * (height / patchSize);
  }

  /** The shorter side in pixels; object sizes scale with it. */
  public int shortSide() {
    return Math.min(width, height);
  }

  @Override
  public String toString() {
    return width + "x" + height;
  }
}
