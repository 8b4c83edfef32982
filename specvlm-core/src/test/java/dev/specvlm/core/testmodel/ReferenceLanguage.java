package dev.specvlm.core.testmodel;

/**
 * The pure functions shared by {@link ReferenceTarget} and {@link TunableDraft}: a KV row is the hash of (input
 * embedding, position); a context is the ordered fold of its rows; the next-token logits are a hash of the folded
 * context; a feature carries the folded context exactly (16-bit chunks in its first four floats), so a draft can
 * continue the target's fold from a feature and the next element's embedding.
 */
public final class ReferenceLanguage {
  private static final long GOLDEN = 0x9e3779b97f4a7c15L;
  private static final long NOISE_SALT = 0x632be59bd9b4e019L;

  private final int vocab;
  private final int hidden;
  private final double sharpness;
  private final long salt;

  /**
   * A language.
   *
   * @param vocab V
   * @param hidden H, at least 4
   * @param sharpness logits are uniform in [−sharpness, sharpness]
   * @param salt makes different languages
   */
  public ReferenceLanguage(int vocab, int hidden, double sharpness, long salt) {
    if (hidden < 4) {
      throw new IllegalArgumentException("reference language needs hidden >= 4 to carry its context in a feature");
    }
    this.vocab = vocab;
    this.hidden = hidden;
    this.sharpness = sharpness;
    this.salt = salt;
  }

  /** V. */
  public int vocab() {
    return vocab;
  }

  /** H. */
  public int hidden() {
    return hidden;
  }

  /** The fold of the empty context. */
  public long emptyContext() {
    return mix(salt);
  }

  /** The hash of a KV row: the input embedding {@code e[off, off + H)} at {@code position}. */
  public long row(float[] e, int off, int position) {
    long h = mix(salt + (position + 1L) * GOLDEN);
    for (int i = 0; i < hidden; i++) {
      h = mix(h ^ (Float.floatToIntBits(e[off + i]) & 0xffffffffL) + i);
    }
    return h;
  }

  /** Appends a row to a context; order matters. */
  public long fold(long context, long row) {
    return mix(context ^ mix(row + GOLDEN));
  }

  /** Writes the next-token logits of {@code context} into {@code out[off, off + V)}. */
  public void logits(long context, float[] out, int off) {
    for (int v = 0; v < vocab; v++) {
      out[off + v] = (float) (sharpness * signedUniform(mix(context + (v + 1L) * GOLDEN)));
    }
  }

  /** A deterministic noise value in [−1, 1) for (context, token), independent of the logits. */
  public double noise(long context, int token) {
    return signedUniform(mix((context ^ NOISE_SALT) + (token + 1L) * GOLDEN));
  }

  /** Writes the feature of {@code context} into {@code out[off, off + H)}. */
  public void writeFeature(long context, float[] out, int off) {
    for (int i = 0; i < 4; i++) {
      out[off + i] = (float) ((context >>> (16 * i)) & 0xffff);
    }
    for (int i = 4; i < hidden; i++) {
      out[off + i] = (float) signedUniform(mix(context + i));
    }
  }

  /** The context a feature carries. */
  public long readFeature(float[] in, int off) {
    long c = 0;
    for (int i = 0; i < 4; i++) {
      c |= ((long) in[off + i] & 0xffff) << (16 * i);
    }
    return c;
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  static double signedUniform(long bits) {
    return ((bits >>> 11) * 0x1.0p-53) * 2 - 1;
  }
}
