package dev.specvlm.core.testmodel;

import dev.specvlm.ImageInput;
import dev.specvlm.InvalidImageException;
import dev.specvlm.core.model.VisionEncoder;
import dev.specvlm.core.model.VisualFeatures;
import java.util.Arrays;

/**
 * A vision stub: an image given as bytes becomes {@code bytes[0]} (1–255) visual slots whose embeddings hash the
 * bytes and the slot (component 0 is {@code −1 − slot}, never a token embedding). Use {@link #image(int, int)}.
 */
public final class StubVision implements VisionEncoder {
  private final int hidden;

  /** A stub producing embeddings of width {@code hidden}. */
  public StubVision(int hidden) {
    this.hidden = hidden;
  }

  /** An image that this stub encodes into {@code slots} visual slots; {@code variant} changes its content. */
  public static ImageInput image(int slots, int variant) {
    if (slots < 1 || slots > 255) {
      throw new IllegalArgumentException("slots must be in [1, 255]");
    }
    return ImageInput.of(new byte[] {(byte) slots, (byte) variant, (byte) (variant >>> 8)});
  }

  @Override
  public VisualFeatures encode(ImageInput image) {
    byte[] bytes = image.bytes();
    if (bytes == null || bytes.length == 0 || bytes[0] == 0) {
      throw new InvalidImageException("stub vision reads images made by StubVision.image(slots, variant), got " + image);
    }
    int n = bytes[0] & 0xff;
    long h = Arrays.hashCode(bytes);
    float[] e = new float[n * hidden];
    for (int s = 0; s < n; s++) {
      e[s * hidden] = -1 - s;
      for (int j = 1; j < hidden; j++) {
        e[s * hidden + j] = (float) ReferenceLanguage.signedUniform(ReferenceLanguage.mix(h * 31 + s * 1009L + j));
      }
    }
    return new VisualFeatures(e, n, 1, n);
  }
}
