package dev.specvlm.core.accept;

/**
 * Counter-based uniforms: one uniform per (seed, generated position), the same whichever decoding mode asks for it.
 * This is what makes {@link CoupledAcceptor} produce, for a given seed, exactly the tokens of autoregressive sampling.
 *
 * <p>The mixer is SplitMix64's output function (the finalizer of {@link java.util.SplittableRandom}); a position's
 * value is the mix of the seed's mix plus the position times the golden-ratio increment, so distinct positions give
 * independent-looking values and no state is kept.
 */
public final class PositionUniforms {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
  private static final long STREAM_SALT = 0x5bd1e9955bd1e995L;

  private PositionUniforms() {}

  /** A uniform in [0, 1) for generated position {@code position} (0 = the first generated token) of {@code seed}. */
  public static double uniform(long seed, long position) {
    long z = mix64(mix64(seed ^ STREAM_SALT) + (position + 1) * GOLDEN_GAMMA);
    return (z >>> 11) * 0x1.0p-53;
  }

  /** A seed derived from {@code seed} for an independent stream named by {@code stream}. */
  public static long derive(long seed, long stream) {
    return mix64(seed + mix64(stream + GOLDEN_GAMMA));
  }

  /** SplitMix64's 64-bit bijective mixer. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
