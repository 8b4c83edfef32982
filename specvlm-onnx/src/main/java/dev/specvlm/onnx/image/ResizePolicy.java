package dev.specvlm.onnx.image;

/**
 * How the size of an input image becomes the vision encoder's input size: always a multiple of the model's size
 * unit ({@code patchSize × spatialMerge}) on both sides.
 */
public sealed interface ResizePolicy permits ResizePolicy.PixelBudget, ResizePolicy.FixedSize {
  /** The largest encoder input, in pixels, any policy may ask for (its {@code [3, h, w]} floats fit one array). */
  long MAX_PIXELS = (Integer.MAX_VALUE - 8) / 3;

  /**
   * The encoder input size for an image of {@code source} size.
   *
   * @param unit the size unit both sides must be a multiple of
   */
  ImageSize fit(ImageSize source, int unit);

  /** Checks that this policy can produce a size for {@code unit}; throws {@link IllegalArgumentException} if not. */
  void checkUnit(int unit);

  /**
   * Keep the aspect ratio and stay within a pixel budget. The rule, for an {@code h × w} image and unit {@code u}:
   *
   * <ol>
   *   <li>scale {@code s = 1}; if {@code h·w > maxPixels} then {@code s = sqrt(maxPixels / (h·w))}, else if
   *       {@code h·w < minPixels} then {@code s = sqrt(minPixels / (h·w))}; if {@code maxSide > 0} and
   *       {@code max(h, w)·s > maxSide} then {@code s = maxSide / max(h, w)};</li>
   *   <li>each side becomes {@code max(u, round(side·s / u)·u)} (round half up);</li>
   *   <li>if rounding broke a limit, sides are cut to multiples of {@code u} within {@code maxSide}, then the longer
   *       side is cut until {@code h'·w' <= maxPixels} (never below {@code u}).</li>
   * </ol>
   *
   * <p>So the result never exceeds {@code maxPixels} or {@code maxSide}; it may fall slightly below
   * {@code minPixels} after rounding.
   *
   * @param minPixels images smaller than this are upscaled to about this many pixels; 0 for never
   * @param maxPixels images larger than this are downscaled; at least {@code u²}
   * @param maxSide the longest side allowed after resizing, or 0 for no limit
   */
  record PixelBudget(long minPixels, long maxPixels, int maxSide) implements ResizePolicy {
    /** Validates. */
    public PixelBudget {
      if (minPixels < 0 || maxPixels < 1 || minPixels > maxPixels || maxSide < 0) {
        throw new IllegalArgumentException("pixel budget needs 0 <= minPixels <= maxPixels and maxSide >= 0, got"
            + " minPixels=" + minPixels + " maxPixels=" + maxPixels + " maxSide=" + maxSide);
      }
      if (maxPixels > MAX_PIXELS) {
        throw new IllegalArgumentException("maxPixels " + maxPixels + " exceeds the supported " + MAX_PIXELS);
      }
    }

    @Override
    public void checkUnit(int unit) {
      if ((long) unit * unit > maxPixels) {
        throw new IllegalArgumentException("maxPixels " + maxPixels + " is smaller than one " + unit + "x" + unit
            + " unit (patchSize x spatialMerge); raise maxPixels to at least " + (long) unit * unit);
      }
      if (maxSide > 0 && maxSide < unit) {
        throw new IllegalArgumentException(
            "maxSide " + maxSide + " is smaller than the size unit " + unit + "; raise maxSide to at least " + unit);
      }
    }

    @Override
    public ImageSize fit(ImageSize source, int unit) {
      double h = source.height();
      double w = source.width();
      double pixels = h * w;
      double s = 1.0;
      if (pixels > maxPixels) {
        s = Math.sqrt(maxPixels / pixels);
      } else if (pixels < minPixels) {
        s = Math.sqrt(minPixels / pixels);
      }
      if (maxSide > 0 && Math.max(h, w) * s > maxSide) {
        s = maxSide / Math.max(h, w);
      }
      long outH = roundToUnit(h * s, unit);
      long outW = roundToUnit(w * s, unit);
      if (maxSide > 0) {
        long side = (long) (maxSide / unit) * unit;
        outH = Math.min(outH, side);
        outW = Math.min(outW, side);
      }
      while (outH * outW > maxPixels) {
        if (outH >= outW) {
          outH = Math.max(unit, floorToUnit(maxPixels / outW, unit));
        } else {
          outW = Math.max(unit, floorToUnit(maxPixels / outH, unit));
        }
      }
      return new ImageSize((int) outH, (int) outW);
    }

    private static long roundToUnit(double side, int unit) {
      return Math.max(unit, (long) Math.floor(side / unit + 0.5) * unit);
    }

    private static long floorToUnit(long side, int unit) {
      return side / unit * unit;
    }
  }

  /**
   * Stretch every image to exactly {@code height × width}, ignoring its aspect ratio (for encoders with a fixed
   * input size, such as CLIP at 336×336).
   *
   * @param height rows, a multiple of the unit
   * @param width columns, a multiple of the unit
   */
  record FixedSize(int height, int width) implements ResizePolicy {
    /** Validates. */
    public FixedSize {
      if (height < 1 || width < 1 || (long) height * width > MAX_PIXELS) {
        throw new IllegalArgumentException(
            "fixed size must be at least 1x1 and at most " + MAX_PIXELS + " pixels, got " + height + "x" + width);
      }
    }

    @Override
    public void checkUnit(int unit) {
      if (height % unit != 0 || width % unit != 0) {
        throw new IllegalArgumentException("fixed size " + height + "x" + width
            + " is not a multiple of the size unit " + unit + " (patchSize x spatialMerge)");
      }
    }

    @Override
    public ImageSize fit(ImageSize source, int unit) {
      return new ImageSize(height, width);
    }
  }
}
