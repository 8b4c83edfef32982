package dev.specvlm;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One image of a prompt: a file, encoded bytes (PNG, JPEG, BMP, GIF — what {@code javax.imageio} decodes), or an
 * in-memory {@link BufferedImage}. Immutable: bytes are copied on the way in and out. Decoding, resizing within the
 * model's pixel budget and normalisation happen in the backend; a bad image fails there with
 * {@link InvalidImageException}.
 */
public final class ImageInput {
  /** Where the image comes from. */
  public enum Source {
    /** A file on disk, read when the prompt is run. */
    PATH,
    /** Encoded image bytes. */
    BYTES,
    /** A decoded in-memory image. */
    BUFFERED_IMAGE
  }

  private final Source source;
  private final @Nullable Path path;
  private final byte @Nullable [] bytes;
  private final @Nullable BufferedImage image;

  private ImageInput(Source source, @Nullable Path path, byte @Nullable [] bytes, @Nullable BufferedImage image) {
    this.source = source;
    this.path = path;
    this.bytes = bytes;
    this.image = image;
  }

  /** An image file (PNG, JPEG, BMP, GIF), read when the prompt is run. */
  public static ImageInput of(Path path) {
    return new ImageInput(Source.PATH, Objects.requireNonNull(path, "path"), null, null);
  }

  /** Encoded image bytes (PNG, JPEG, BMP, GIF); the array is copied. */
  public static ImageInput of(byte[] encoded) {
    return new ImageInput(Source.BYTES, null, Objects.requireNonNull(encoded, "encoded").clone(), null);
  }

  /**
   * A decoded image. The image is not copied: do not modify it while a generation that uses it is running.
   */
  public static ImageInput of(BufferedImage image) {
    return new ImageInput(Source.BUFFERED_IMAGE, null, null, Objects.requireNonNull(image, "image"));
  }

  /** Where this image comes from; exactly one of {@link #path()}, {@link #bytes()}, {@link #image()} is present. */
  public Source source() {
    return source;
  }

  /** The file, for {@link Source#PATH}; else null. */
  public @Nullable Path path() {
    return path;
  }

  /** A copy of the encoded bytes, for {@link Source#BYTES}; else null. */
  public byte @Nullable [] bytes() {
    return bytes == null ? null : bytes.clone();
  }

  /** The in-memory image, for {@link Source#BUFFERED_IMAGE}; else null. */
  public @Nullable BufferedImage image() {
    return image;
  }

  @Override
  public String toString() {
    return switch (source) {
      case PATH -> "image " + path;
      case BYTES -> "image bytes (" + Objects.requireNonNull(bytes).length + " B)";
      case BUFFERED_IMAGE -> {
        BufferedImage im = Objects.requireNonNull(image);
        yield "image " + im.getWidth() + "x" + im.getHeight();
      }
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageInput i
        && i.source == source
        && Objects.equals(i.path, path)
        && Arrays.equals(i.bytes, bytes)
        && i.image == image;
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, path, Arrays.hashCode(bytes), System.identityHashCode(image));
  }
}
