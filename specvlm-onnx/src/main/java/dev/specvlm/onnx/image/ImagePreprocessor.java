package dev.specvlm.onnx.image;

import dev.specvlm.ImageInput;
import dev.specvlm.InvalidImageException;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * Turns an {@link ImageInput} into the vision encoder's normalised input, following a model's
 * {@link ImageSettings}: decode (refusing more than {@link ImageSettings#maxInputPixels()} pixels from the header),
 * convert to sRGB over white, resize with {@link ImageSettings#resize()}, normalise with the mean and std.
 * Immutable and thread-safe.
 */
public final class ImagePreprocessor {
  private final ImageSettings settings;

  /** A preprocessor for {@code settings}. */
  public ImagePreprocessor(ImageSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The settings this preprocessor follows. */
  public ImageSettings settings() {
    return settings;
  }

  /**
   * Decodes, resizes and normalises {@code input}.
   *
   * @throws InvalidImageException if the image cannot be decoded, is empty, or has too many pixels
   */
  public PreprocessedImage preprocess(ImageInput input) {
    BufferedImage image = ImageDecoder.decode(input, settings.maxInputPixels());
    ImageSize source = new ImageSize(image.getHeight(), image.getWidth());
    ImageSize size = settings.encoderInputSize(source);
    float[] pixels;
    try {
      pixels = Resampler.resize(PixelRows.of(image), size.height(), size.width(), settings.resample());
    } catch (RuntimeException e) {
      throw new InvalidImageException("cannot read the pixels of " + input + ": " + e, e);
    }
    normalise(pixels, size.height() * size.width());
    int unit = settings.unit();
    return new PreprocessedImage(pixels, source, size, size.height() / unit, size.width() / unit);
  }

  private void normalise(float[] pixels, int plane) {
    for (int c = 0; c < 3; c++) {
      float mean = settings.mean().channel(c);
      float invStd = 1f / settings.std().channel(c);
      int base = c * plane;
      for (int i = 0; i < plane; i++) {
        pixels[base + i] = (pixels[base + i] / 255f - mean) * invStd;
      }
    }
  }
}
