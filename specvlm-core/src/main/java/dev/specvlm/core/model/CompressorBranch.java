package dev.specvlm.core.model;

import dev.specvlm.InvalidRequestException;
import java.util.Locale;
import java.util.Objects;

/**
 * One branch of the elastic visual compressor (SpecVLM §3.4, brief §7.3): an operation along the visual-token axis
 * that turns a visual span of {@code n} draft input pairs into {@link #outputTokens(int)} pairs. Names are the kind
 * and the size: {@code prune20}, {@code pool20}, {@code conv3}, {@code resampler2}, {@code text-only}.
 *
 * @param kind what the branch does
 * @param size the ratio r of prune, pool and conv, the number of queries m of the resampler, 0 for text-only
 */
public record CompressorBranch(Kind kind, int size) {
  /** The kinds of branch. */
  public enum Kind {
    /** Keep {@code ⌈n/r⌉} tokens, every r-th (or a seeded random choice), in their original order; no weights. */
    PRUNE("prune", false),
    /** Average pooling, kernel = stride = r, the last window averaging what it holds ({@code ⌈n/r⌉} out); no weights. */
    POOL("pool", false),
    /** A learned 1-D convolution, kernel = stride = r, the last window zero-padded ({@code ⌈n/r⌉} out). */
    CONV("conv", true),
    /** m learned queries and one cross-attention layer over the span (m out). */
    RESAMPLER("resampler", true),
    /** Drop every visual token (0 out). */
    TEXT_ONLY("text-only", false);

    private final String prefix;
    private final boolean learned;

    Kind(String prefix, boolean learned) {
      this.prefix = prefix;
      this.learned = learned;
    }

    /** The name's prefix, e.g. {@code "pool"}. */
    public String prefix() {
      return prefix;
    }

    /** Whether the branch has trained weights (and so comes from the model). */
    public boolean learned() {
      return learned;
    }
  }

  /** Validates. */
  public CompressorBranch {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.TEXT_ONLY ? size != 0 : size < 1) {
      throw new IllegalArgumentException(kind.prefix + " branch needs " + (kind == Kind.TEXT_ONLY ? "size 0"
          : "a size >= 1") + ", got " + size);
    }
  }

  /** The text-only branch. */
  public static CompressorBranch textOnly() {
    return new CompressorBranch(Kind.TEXT_ONLY, 0);
  }

  /**
   * Parses a branch name such as {@code "pool20"} or {@code "text-only"}.
   *
   * @throws InvalidRequestException naming the accepted forms
   */
  public static CompressorBranch parse(String name) {
    String s = name.strip().toLowerCase(Locale.ROOT);
    if (s.equals(Kind.TEXT_ONLY.prefix)) {
      return textOnly();
    }
    for (Kind k : Kind.values()) {
      if (k != Kind.TEXT_ONLY && s.startsWith(k.prefix) && s.length() > k.prefix.length()
          && s.length() <= k.prefix.length() + 6 && s.substring(k.prefix.length()).chars().allMatch(Character::isDigit)) {
        int size = Integer.parseInt(s.substring(k.prefix.length()));
        if (size >= 1) {
          return new CompressorBranch(k, size);
        }
      }
    }
    throw new InvalidRequestException("'" + name + "' is not a visual compressor branch; use prune<r>, pool<r>, "
        + "conv<r>, resampler<m> (r, m >= 1, e.g. pool20, conv3, resampler2) or text-only");
  }

  /** The branch's name, e.g. {@code "pool20"}. */
  public String name() {
    return kind == Kind.TEXT_ONLY ? kind.prefix : kind.prefix + size;
  }

  /** Whether the branch has trained weights. */
  public boolean learned() {
    return kind.learned;
  }

  /** The tokens this branch makes of {@code n} (≥ 0) visual tokens. */
  public int outputTokens(int n) {
    return switch (kind) {
      case PRUNE, POOL, CONV -> (n + size - 1) / size;
      case RESAMPLER -> n == 0 ? 0 : size;
      case TEXT_ONLY -> 0;
    };
  }

  @Override
  public String toString() {
    return name();
  }
}
