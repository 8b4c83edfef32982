package dev.specvlm.onnx.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.ImageInput;
import dev.specvlm.InvalidImageException;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePreprocessorTest {
  private static final Rgb MEAN = new Rgb(0.5f, 0.25f, 0.125f);
  private static final Rgb STD = new Rgb(0.5f, 0.25f, 2f);

  @TempDir Path dir;

  /** Unit 1 and a large budget: images keep their size, so only conversion and normalisation act. */
  private static ImagePreprocessor keepSize() {
    return new ImagePreprocessor(new ImageSettings(1, 1, MEAN, STD,
        new ResizePolicy.PixelBudget(0, 1_000_000, 0), Resample.BILINEAR, 1_000_000));
  }

  private static float norm(float pixel, int channel) {
    return (pixel / 255f - MEAN.channel(channel)) / STD.channel(channel);
  }

  /** Pixel (y, x) of channel c in planar [3, h, w]. */
  private static float at(PreprocessedImage p, int c, int y, int x) {
    return p.pixels()[(c * p.size().height() + y) * p.size().width() + x];
  }

  private static void assertPixel(PreprocessedImage p, int y, int x, float r, float g, float b, float tol) {
    assertEquals(norm(r, 0), at(p, 0, y, x), tol, "red at " + y + "," + x);
    assertEquals(norm(g, 1), at(p, 1, y, x), tol, "green at " + y + "," + x);
    assertEquals(norm(b, 2), at(p, 2, y, x), tol, "blue at " + y + "," + x);
  }

  private static byte[] encode(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(image, format, out), "no writer for " + format);
    return out.toByteArray();
  }

  @Test
  void preprocess_handMadeImage_normalisesEachChannel() {
    BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
    int[][] rgb = {{10, 20, 30}, {255, 0, 128}, {0, 0, 0}, {1, 2, 3}, {250, 251, 252}, {64, 128, 192}};
    for (int i = 0; i < 6; i++) {
      image.setRGB(i % 3, i / 3, (rgb[i][0] << 16) | (rgb[i][1] << 8) | rgb[i][2]);
    }
    PreprocessedImage p = keepSize().preprocess(ImageInput.of(image));
    assertEquals(new ImageSize(2, 3), p.size());
    assertEquals(6, p.tokens());
    assertEquals(3 * 6, p.pixels().length);
    for (int i = 0; i < 6; i++) {
      assertPixel(p, i / 3, i % 3, rgb[i][0], rgb[i][1], rgb[i][2], 1e-6f);
    }
    // the exact value of one pixel, spelled out: (10/255 - 0.5) / 0.5
    assertEquals(-0.92156863f, at(p, 0, 0, 0), 1e-6f);
  }

  @Test
  void preprocess_uniformImage_staysUniformAfterAnyResize() {
    BufferedImage image = new BufferedImage(53, 37, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 37; y++) {
      for (int x = 0; x < 53; x++) {
        image.setRGB(x, y, (200 << 16) | (100 << 8) | 50);
      }
    }
    for (Resample filter : Resample.values()) {
      for (ResizePolicy policy : new ResizePolicy[] {new ResizePolicy.FixedSize(14, 28),
          new ResizePolicy.FixedSize(140, 98)}) {
        var pre = new ImagePreprocessor(new ImageSettings(7, 1, MEAN, STD, policy, filter, 1_000_000));
        PreprocessedImage p = pre.preprocess(ImageInput.of(image));
        for (int y = 0; y < p.size().height(); y++) {
          for (int x = 0; x < p.size().width(); x++) {
            assertPixel(p, y, x, 200, 100, 50, 1e-4f);
          }
        }
      }
    }
  }

  @Test
  void preprocess_rampHalved_samplesTheRampAtOutputCentres() {
    BufferedImage image = new BufferedImage(40, 4, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 40; x++) {
        int v = 5 * x;
        image.setRGB(x, y, (v << 16) | (v << 8) | v);
      }
    }
    var pre = new ImagePreprocessor(new ImageSettings(1, 1, MEAN, STD,
        new ResizePolicy.FixedSize(2, 20), Resample.BILINEAR, 1_000_000));
    PreprocessedImage p = pre.preprocess(ImageInput.of(image));
    for (int i = 1; i < 19; i++) { // interior: the filter window is symmetric, a linear ramp is reproduced exactly
      float expected = 5f * ((i + 0.5f) * 2f - 0.5f);
      assertEquals(norm(expected, 0), at(p, 0, 1, i), 1e-4f, "column " + i);
    }
    assertEquals(new ImageSize(4, 40), p.source());
    assertEquals(2, p.gridHeight());
    assertEquals(20, p.gridWidth());
  }

  @Test
  void preprocess_grayscale_keepsGrayValues() throws IOException {
    BufferedImage gray = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
    gray.getRaster().setSample(0, 0, 0, 128);
    gray.getRaster().setSample(1, 0, 0, 7);
    for (ImageInput input : new ImageInput[] {ImageInput.of(gray), ImageInput.of(encode(gray, "png"))}) {
      PreprocessedImage p = keepSize().preprocess(input);
      assertPixel(p, 0, 0, 128, 128, 128, 1e-6f);
      assertPixel(p, 0, 1, 7, 7, 7, 1e-6f);
    }
  }

  @Test
  void preprocess_sixteenBitGray_keepsPrecision() throws IOException {
    BufferedImage gray = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
    gray.getRaster().setSample(0, 0, 0, 32768);
    PreprocessedImage p = keepSize().preprocess(ImageInput.of(encode(gray, "png")));
    float v = 32768f / 65535f * 255f; // 127.502, between two 8-bit levels
    assertPixel(p, 0, 0, v, v, v, 1e-5f);
  }

  @Test
  void preprocess_sixteenBitRgb_keepsPrecision() {
    var cm = new java.awt.image.ComponentColorModel(java.awt.color.ColorSpace.getInstance(
        java.awt.color.ColorSpace.CS_sRGB), false, false, java.awt.Transparency.OPAQUE,
        java.awt.image.DataBuffer.TYPE_USHORT);
    WritableRaster raster = cm.createCompatibleWritableRaster(1, 1);
    raster.setPixel(0, 0, new int[] {65535, 257 * 100, 1});
    PreprocessedImage p = keepSize().preprocess(ImageInput.of(new BufferedImage(cm, raster, false, null)));
    assertPixel(p, 0, 0, 255f, 100f, 255f / 65535f, 1e-5f);
  }

  @Test
  void preprocess_alpha_isCompositedOverWhite() throws IOException {
    BufferedImage argb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
    argb.setRGB(0, 0, 0x00000000); // fully transparent black → white
    argb.setRGB(1, 0, 0xFFFF0000); // opaque red
    argb.setRGB(2, 0, 0x80FF0000); // half-transparent red
    float a = 0x80 / 255f;
    for (ImageInput input : new ImageInput[] {ImageInput.of(argb), ImageInput.of(encode(argb, "png"))}) {
      PreprocessedImage p = keepSize().preprocess(input);
      assertPixel(p, 0, 0, 255, 255, 255, 1e-5f);
      assertPixel(p, 0, 1, 255, 0, 0, 1e-5f);
      assertPixel(p, 0, 2, 255, (1 - a) * 255, (1 - a) * 255, 1e-4f);
    }
  }

  @Test
  void preprocess_grayWithAlpha_isCompositedOverWhite() {
    var cm = new java.awt.image.ComponentColorModel(java.awt.color.ColorSpace.getInstance(
        java.awt.color.ColorSpace.CS_GRAY), true, false, java.awt.Transparency.TRANSLUCENT,
        java.awt.image.DataBuffer.TYPE_BYTE);
    WritableRaster raster = cm.createCompatibleWritableRaster(1, 1);
    raster.setPixel(0, 0, new int[] {0, 51}); // black at alpha 0.2
    PreprocessedImage p = keepSize().preprocess(ImageInput.of(new BufferedImage(cm, raster, false, null)));
    assertPixel(p, 0, 0, 204, 204, 204, 1e-4f);
  }

  @Test
  void preprocess_paletteGifAndPng_readsPaletteColours() throws IOException {
    byte[] r = {(byte) 12, (byte) 200};
    byte[] g = {(byte) 34, (byte) 100};
    byte[] b = {(byte) 56, (byte) 0};
    BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED,
        new IndexColorModel(1, 2, r, g, b));
    indexed.getRaster().setSample(0, 0, 0, 0);
    indexed.getRaster().setSample(1, 0, 0, 1);
    for (String format : new String[] {"gif", "png"}) {
      PreprocessedImage p = keepSize().preprocess(ImageInput.of(encode(indexed, format)));
      assertPixel(p, 0, 0, 12, 34, 56, 1e-6f);
      assertPixel(p, 0, 1, 200, 100, 0, 1e-6f);
    }
  }

  @Test
  void preprocess_fileAndBmpAndJpeg_decode() throws IOException {
    BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        image.setRGB(x, y, 0x406080);
      }
    }
    Path bmp = dir.resolve("a.bmp");
    Files.write(bmp, encode(image, "bmp"));
    assertPixel(keepSize().preprocess(ImageInput.of(bmp)), 3, 3, 0x40, 0x60, 0x80, 1e-6f);
    PreprocessedImage jpeg = keepSize().preprocess(ImageInput.of(encode(image, "jpg")));
    assertPixel(jpeg, 3, 3, 0x40, 0x60, 0x80, 3f / 255 / 0.125f); // lossy: within 3 levels
  }

  @Test
  void preprocess_nonImageBytes_isRefusedWithTheirFirstBytes() {
    var e = assertThrows(InvalidImageException.class, () -> keepSize().preprocess(
        ImageInput.of("hello, not an image".getBytes(StandardCharsets.US_ASCII))));
    assertTrue(e.getMessage().contains("not an image") && e.getMessage().contains("68 65 6c 6c"), e.getMessage());
  }

  @Test
  void preprocess_emptyBytes_isRefused() {
    var e = assertThrows(InvalidImageException.class, () -> keepSize().preprocess(ImageInput.of(new byte[0])));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void preprocess_missingFile_namesThePath() {
    Path missing = dir.resolve("missing.png");
    var e = assertThrows(InvalidImageException.class, () -> keepSize().preprocess(ImageInput.of(missing)));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void preprocess_zeroWidthHeader_isRefused() {
    var e = assertThrows(InvalidImageException.class, () -> keepSize().preprocess(ImageInput.of(pngHeader(0, 16))));
    assertTrue(e.getMessage().contains("image bytes"), e.getMessage());
  }

  @Test
  void preprocess_enormousHeader_isRefusedBeforeDecoding() {
    // a PNG whose header claims 100000 x 100000 pixels (40 GB as ARGB) and holds no pixel data at all: only the
    // header check can produce this message, decoding would fail differently (or run out of memory)
    var e = assertThrows(InvalidImageException.class,
        () -> keepSize().preprocess(ImageInput.of(pngHeader(100_000, 100_000))));
    assertTrue(e.getMessage().contains("100000x100000 = 10,000,000,000 pixels"), e.getMessage());
    assertTrue(e.getMessage().contains("limit of 1,000,000 pixels"), e.getMessage());
  }

  @Test
  void preprocess_truncatedPng_isRefused() throws IOException {
    BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
    byte[] png = encode(image, "png");
    byte[] truncated = java.util.Arrays.copyOf(png, png.length / 2);
    assertThrows(InvalidImageException.class, () -> keepSize().preprocess(ImageInput.of(truncated)));
  }

  @Test
  void preprocess_cmykJpeg_isRefusedWithTheFix() throws IOException {
    byte[] cmyk = cmykJpeg();
    var e = assertThrows(InvalidImageException.class, () -> keepSize().preprocess(ImageInput.of(cmyk)));
    assertTrue(e.getMessage().contains("CMYK"), e.getMessage());
  }

  /** A JPEG with four colour channels (Adobe CMYK), written from a raw raster. */
  private static byte[] cmykJpeg() throws IOException {
    WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(
        java.awt.image.DataBuffer.TYPE_BYTE, 8, 8, 4, null);
    var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      writer.write(null, new javax.imageio.IIOImage(raster, null, null), null);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** The signature and IHDR chunk of a PNG claiming {@code width × height} RGB pixels, with a valid CRC. */
  private static byte[] pngHeader(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(17);
    ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
        .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    CRC32 crc = new CRC32();
    crc.update(ihdr.array());
    ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
    png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}).putInt(13).put(ihdr.array())
        .putInt((int) crc.getValue());
    return png.array();
  }

  @Test
  void preprocess_sameImageTwice_givesIdenticalPixels() {
    BufferedImage image = new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB);
    java.util.Random random = new java.util.Random(7);
    for (int y = 0; y < 20; y++) {
      for (int x = 0; x < 30; x++) {
        image.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    var pre = new ImagePreprocessor(new ImageSettings(2, 2, MEAN, STD,
        new ResizePolicy.PixelBudget(0, 200, 0), Resample.BICUBIC, 1_000_000));
    PreprocessedImage a = pre.preprocess(ImageInput.of(image));
    assertEquals(new ImageSize(12, 16), a.size()); // s = sqrt(200/600): 11.5 → 12, 17.3 → 16; 192 <= 200
    assertEquals(3, a.gridHeight());
    assertArrayEquals(a.pixels(), pre.preprocess(ImageInput.of(image)).pixels());
  }
}
