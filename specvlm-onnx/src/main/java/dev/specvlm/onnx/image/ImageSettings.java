package dev.specvlm.onnx.image;

import java.util.Objects;

/**
 * How a model's vision encoder wants its images: the {@code "image"} section of {@code specvlm.json}.
 *
 * <p>Pixels are converted to sRGB in {@code [0, 255]} (alpha composited over white), resized with {@link #resize()}
 * to multiples of {@link #unit()}, scaled to {@code [0, 1]} and normalised per channel:
 * {@code (pixel / 255 - mean) / std}.
 *
 * @param patchSize the encoder's patch side in pixels
 * @param spatialMerge patches merged per side after encoding (1 for none); the encoder yields
 *     {@code (h / unit) × (w / unit)} visual tokens
 * @param mean per-channel mean on the {@code [0, 1]} scale
 * @param std per-channel standard deviation, all positive
 * @param resize how an image size becomes the encoder's input size
 * @param resample the interpolation filter
 * @param maxInputPixels the largest image (width × height) accepted for decoding; larger ones are refused from
 *     their header before any pixel is decoded
 */
public record ImageSettings(
    int patchSize,
    int spatialMerge,
    Rgb mean,
    Rgb std,
    ResizePolicy resize,
    Resample resample,
    long maxInputPixels) {

  /** The default {@link #maxInputPixels()}: 40 million pixels (e.g. 8000 × 5000). */
  public static final long DEFAULT_MAX_INPUT_PIXELS = 40_000_000L;

  /** Validates the settings against each other. */
  public ImageSettings {
    Objects.requireNonNull(mean, "mean");
    Objects.requireNonNull(std, "std");
    Objects.requireNonNull(resize, "resize");
    Objects.requireNonNull(resample, "resample");
    if (patchSize < 1 || spatialMerge < 1 || (long) patchSize * spatialMerge > 4096) {
      throw new IllegalArgumentException(
          "patchSize and spatialMerge must be >= 1 with a product <= 4096, got " + patchSize + " and " + spatialMerge);
    }
    if (std.r() <= 0 || std.g() <= 0 || std.b() <= 0) {
      throw new IllegalArgumentException("std must be positive in every channel, got " + std);
    }
    if (maxInputPixels < 1) {
      throw new IllegalArgumentException("maxInputPixels must be >= 1, got " + maxInputPixels);
    }
    resize.checkUnit(patchSize * spatialMerge);
  }

  /** The size unit both sides of the encoder input are a multiple of: {@code patchSize × spatialMerge}. */
  public int unit() {
    return patchSize * spatialMerge;
  }

  /** The encoder input size for an image of {@code source} size. */
  public ImageSize encoderInputSize(ImageSize source) {
    return resize.fit(source, unit());
  }
}
