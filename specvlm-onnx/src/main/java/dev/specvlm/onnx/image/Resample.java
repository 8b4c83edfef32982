package dev.specvlm.onnx.image;

/**
 * The interpolation filter used to resize images. Both filters antialias when shrinking (their support widens with
 * the scale factor), like the resampling of Pillow that Hugging Face image processors use.
 */
public enum Resample {
  /** The triangle filter (support 1). */
  BILINEAR(1.0) {
    @Override
    double weight(double x) {
      double a = Math.abs(x);
      return a < 1.0 ? 1.0 - a : 0.0;
    }
  },
  /** The Keys cubic filter with a = -0.5 (support 2). */
  BICUBIC(2.0) {
    @Override
    double weight(double x) {
      double a = Math.abs(x);
      double k = -0.5;
      if (a < 1.0) {
        return ((k + 2.0) * a - (k + 3.0)) * a * a + 1.0;
      }
      if (a < 2.0) {
        return (((a - 5.0) * a + 8.0) * a - 4.0) * k;
      }
      return 0.0;
    }
  };

  private final double support;

  Resample(double support) {
    this.support = support;
  }

  /** The filter's half-width at scale 1, in input pixels. */
  double support() {
    return support;
  }

  /** The filter's value at distance {@code x} (in filter units). */
  abstract double weight(double x);
}
