package dev.specvlm.onnx.image;

import dev.specvlm.ImageInput;
import dev.specvlm.InvalidImageException;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes an {@link ImageInput} with {@code javax.imageio}, refusing images above a pixel limit from their header
 * before any pixel memory is allocated. Uses no disk cache and changes no global {@code ImageIO} setting.
 */
final class ImageDecoder {
  private ImageDecoder() {}

  /**
   * The decoded image (the first frame of an animated GIF).
   *
   * @param maxPixels the most pixels accepted
   * @throws InvalidImageException if the image cannot be read or decoded, is empty, or has more than
   *     {@code maxPixels} pixels
   */
  static BufferedImage decode(ImageInput input, long maxPixels) {
    return switch (input.source()) {
      case BUFFERED_IMAGE -> {
        BufferedImage image = Objects.requireNonNull(input.image());
        checkSize(input, image.getWidth(), image.getHeight(), maxPixels);
        yield image;
      }
      case PATH -> decodeFile(input, Objects.requireNonNull(input.path()), maxPixels);
      case BYTES -> {
        byte[] bytes = Objects.requireNonNull(input.bytes());
        if (bytes.length == 0) {
          throw new InvalidImageException("image bytes are empty: pass the encoded PNG, JPEG, BMP or GIF file");
        }
        yield decodeStream(input, new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)), maxPixels,
            bytes);
      }
    };
  }

  private static BufferedImage decodeFile(ImageInput input, Path path, long maxPixels) {
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new InvalidImageException("cannot read image file " + path + ": it does not exist, is not a regular file"
          + " or is not readable");
    }
    ImageInputStream stream;
    try {
      stream = new FileImageInputStream(path.toFile());
    } catch (IOException e) {
      throw new InvalidImageException("cannot read image file " + path + ": " + e.getMessage(), e);
    }
    return decodeStream(input, stream, maxPixels, null);
  }

  private static BufferedImage decodeStream(ImageInput input, ImageInputStream stream, long maxPixels,
      byte @org.jspecify.annotations.Nullable [] bytes) {
    try (stream) {
      Iterator<ImageReader> readers = javax.imageio.ImageIO.getImageReaders(stream);
      if (!readers.hasNext()) {
        throw new InvalidImageException(input + " is not an image javax.imageio can decode (PNG, JPEG, BMP, GIF)"
            + (bytes == null ? "" : "; it starts with " + hexPrefix(bytes)));
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(stream, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        checkSize(input, width, height, maxPixels);
        if (isCmyk(reader)) {
          throw new InvalidImageException(input + " is in CMYK or YCCK colour, which javax.imageio cannot convert to"
              + " RGB faithfully; convert it to RGB first");
        }
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (InvalidImageException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new InvalidImageException("cannot decode " + input + ": " + e, e);
    }
  }

  /** Whether the image's colours are ink (CMYK or YCCK): no RGB decoding offered, or a CMYK colour space. */
  private static boolean isCmyk(ImageReader reader) throws IOException {
    Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
    if (!types.hasNext()) {
      return true;
    }
    int type = types.next().getColorModel().getColorSpace().getType();
    return type == ColorSpace.TYPE_CMYK || type == ColorSpace.TYPE_4CLR;
  }

  private static void checkSize(ImageInput input, int width, int height, long maxPixels) {
    if (width <= 0 || height <= 0) {
      throw new InvalidImageException(input + " has no pixels (" + width + "x" + height + ")");
    }
    long pixels = (long) width * height;
    if (pixels > maxPixels) {
      throw new InvalidImageException(String.format(Locale.ROOT,
          "%s is %dx%d = %,d pixels, above the limit of %,d pixels (image.maxInputPixels in specvlm.json);"
              + " downscale it before passing it", input, width, height, pixels, maxPixels));
    }
  }

  private static String hexPrefix(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(8, bytes.length); i++) {
      sb.append(String.format(Locale.ROOT, "%02x ", bytes[i] & 0xff));
    }
    return sb.toString().trim();
  }
}
