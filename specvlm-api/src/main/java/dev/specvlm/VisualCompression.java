package dev.specvlm;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How many visual tokens the draft sees: SpecVLM's elastic visual compressor. On the draft side only, the visual span
 * of the prompt is shortened by one of several branches before the draft's prefill; the target always sees every
 * visual token, so every setting produces the target's output (lossless) and changes only the speed. Immutable.
 *
 * <p>Branches are named by kind and size: {@code prune<r>} (keep every r-th visual token), {@code pool<r>} (average
 * r neighbouring tokens), {@code conv<r>} (a learned convolution of kernel and stride r), {@code resampler<m>}
 * (m learned queries attending to the visual tokens) and {@code text-only} (drop every visual token). A model lists
 * the branches it ships in {@link ModelInfo#compressorBranches()}; {@link SpecStats#compressorBranch()} and
 * {@link SpecStats#draftVisualTokens()} report what a request used.
 *
 * <ul>
 *   <li>{@link #select()} (the default): the model's gate reads the target's features of the question and picks one
 *       branch per request; on a model without a compressor this is {@link #none()};</li>
 *   <li>{@link #weighted()}: the prune, pool and conv branches of one ratio mixed by a second gate's weights (needs a
 *       model that ships that gate);</li>
 *   <li>{@link #fixed(String)}: always the named branch (for ablations);</li>
 *   <li>{@link #none()}: no compression (EagleVLM), with the model's plain draft head.</li>
 * </ul>
 */
public final class VisualCompression {
  /** What chooses the branch. */
  public enum Mode {
    /** The gate picks one branch per request. */
    SELECT,
    /** Same-ratio prune, pool and conv mixed by the weighted gate. */
    WEIGHTED,
    /** One named branch. */
    FIXED,
    /** No compression (EagleVLM). */
    NONE
  }

  private static final Pattern BRANCH = Pattern.compile("(prune|pool|conv|resampler)[1-9][0-9]{0,5}|text-only");
  private static final VisualCompression SELECT = new VisualCompression(Mode.SELECT, null);
  private static final VisualCompression WEIGHTED = new VisualCompression(Mode.WEIGHTED, null);
  private static final VisualCompression NONE = new VisualCompression(Mode.NONE, null);

  private final Mode mode;
  private final @Nullable String branch;

  private VisualCompression(Mode mode, @Nullable String branch) {
    this.mode = mode;
    this.branch = branch;
  }

  /** The gate picks one branch per request (the default); without a compressor in the model, no compression. */
  public static VisualCompression select() {
    return SELECT;
  }

  /** The weighted mixture of the model's same-ratio prune, pool and conv branches. */
  public static VisualCompression weighted() {
    return WEIGHTED;
  }

  /** No compression: the draft sees every visual token (EagleVLM). */
  public static VisualCompression none() {
    return NONE;
  }

  /**
   * Always the branch {@code branch}, e.g. {@code "pool20"}, {@code "conv3"}, {@code "resampler2"} or
   * {@code "text-only"}. Learned branches (conv, resampler) must be ones the model ships; prune and pool of any ratio
   * need no weights and run on any model with a draft.
   *
   * @throws InvalidRequestException if {@code branch} is not a branch name
   */
  public static VisualCompression fixed(String branch) {
    Objects.requireNonNull(branch, "branch");
    if (!BRANCH.matcher(branch).matches()) {
      throw new InvalidRequestException("'" + branch + "' is not a visual compressor branch; use prune<r>, pool<r>, "
          + "conv<r>, resampler<m> (r, m >= 1, e.g. pool20, conv3, resampler2) or text-only");
    }
    return new VisualCompression(Mode.FIXED, branch);
  }

  /** What chooses the branch. */
  public Mode mode() {
    return mode;
  }

  /** The branch of {@link Mode#FIXED}; empty otherwise. */
  public Optional<String> branch() {
    return Optional.ofNullable(branch);
  }

  /** Whether the draft's visual tokens may be compressed (every mode but {@link Mode#NONE}). */
  public boolean compresses() {
    return mode != Mode.NONE;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VisualCompression v && v.mode == mode && Objects.equals(v.branch, branch);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, branch);
  }

  @Override
  public String toString() {
    return branch == null ? mode.name().toLowerCase(java.util.Locale.ROOT) : "fixed(" + branch + ")";
  }
}
