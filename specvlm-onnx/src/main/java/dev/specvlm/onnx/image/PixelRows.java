package dev.specvlm.onnx.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;

/**
 * Reads an image row by row as sRGB floats in {@code [0, 255]}, alpha composited over white.
 *
 * <p>Grayscale and sRGB component images (8 or 16 bits, with or without alpha) are read from their samples, so a
 * gray value of 128 stays 128 (Java2D would treat the gray colour space as linear and brighten it) and 16-bit
 * images keep their precision. Every other colour model (palette, packed RGB, ICC profiles, premultiplied alpha)
 * goes through {@link BufferedImage#getRGB}, which converts to sRGB.
 */
abstract class PixelRows {
  final int width;
  final int height;

  private PixelRows(int width, int height) {
    this.width = width;
    this.height = height;
  }

  /** Rows of {@code image}. */
  static PixelRows of(BufferedImage image) {
    ColorModel cm = image.getColorModel();
    if (cm instanceof ComponentColorModel && !cm.isAlphaPremultiplied() && readsAsSamples(cm)
        && image.getRaster().getNumBands() == cm.getNumComponents()) {
      return new Samples(image, cm);
    }
    return new Argb(image);
  }

  private static boolean readsAsSamples(ColorModel cm) {
    ColorSpace cs = cm.getColorSpace();
    int colours = cm.getNumColorComponents();
    return (cs.getType() == ColorSpace.TYPE_GRAY && colours == 1) || (cs.isCS_sRGB() && colours == 3);
  }

  /** Writes row {@code y} into {@code rgb} as {@code [width, 3]} floats in {@code [0, 255]}. */
  abstract void read(int y, float[] rgb);

  static float overWhite(float value, float alpha) {
    return alpha * value + (1f - alpha) * 255f;
  }

  /** Component images read from their raster samples. */
  private static final class Samples extends PixelRows {
    private final Raster raster;
    private final int bands;
    private final boolean gray;
    private final boolean alpha;
    private final float[] scale; // [bands]: sample → [0, 255] (alpha: → [0, 1])
    private final float[] samples; // [width, bands]

    Samples(BufferedImage image, ColorModel cm) {
      super(image.getWidth(), image.getHeight());
      this.raster = image.getRaster();
      this.bands = cm.getNumComponents();
      this.gray = cm.getNumColorComponents() == 1;
      this.alpha = cm.hasAlpha();
      this.scale = new float[bands];
      int type = raster.getDataBuffer().getDataType();
      boolean floating = type == DataBuffer.TYPE_FLOAT || type == DataBuffer.TYPE_DOUBLE;
      for (int b = 0; b < bands; b++) {
        double max = floating ? 1.0 : (1L << cm.getComponentSize(b)) - 1.0;
        boolean isAlpha = alpha && b == bands - 1;
        scale[b] = (float) ((isAlpha ? 1.0 : 255.0) / max);
      }
      this.samples = new float[width * bands];
    }

    @Override
    void read(int y, float[] rgb) {
      raster.getPixels(0, y, width, 1, samples);
      for (int x = 0; x < width; x++) {
        int s = x * bands;
        float a = alpha ? Math.min(1f, Math.max(0f, samples[s + bands - 1] * scale[bands - 1])) : 1f;
        for (int c = 0; c < 3; c++) {
          int b = gray ? 0 : c;
          float v = Math.min(255f, Math.max(0f, samples[s + b] * scale[b]));
          rgb[x * 3 + c] = alpha ? overWhite(v, a) : v;
        }
      }
    }
  }

  /** Any image, converted to sRGB by Java2D. */
  private static final class Argb extends PixelRows {
    private final BufferedImage image;
    private final int[] argb; // [width]

    Argb(BufferedImage image) {
      super(image.getWidth(), image.getHeight());
      this.image = image;
      this.argb = new int[width];
    }

    @Override
    void read(int y, float[] rgb) {
      image.getRGB(0, y, width, 1, argb, 0, width);
      for (int x = 0; x < width; x++) {
        int p = argb[x];
        float a = (p >>> 24) / 255f;
        rgb[x * 3] = overWhite((p >>> 16) & 0xff, a);
        rgb[x * 3 + 1] = overWhite((p >>> 8) & 0xff, a);
        rgb[x * 3 + 2] = overWhite(p & 0xff, a);
      }
    }
  }
}
