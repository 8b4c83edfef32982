package dev.specvlm.core.accept;

import dev.specvlm.InferenceException;

/**
 * Checks on what a model returned, done only on the rows the engine uses, so they cost little. NaN and +∞ are errors
 * everywhere; −∞ is allowed in logits and log-probabilities (an impossible token) but not in features.
 */
public final class ModelOutputCheck {
  private ModelOutputCheck() {}

  /** Whether {@code v} is a usable logit or log-probability: not NaN and not +∞. */
  public static boolean usableScore(float v) {
    return v == v && v != Float.POSITIVE_INFINITY;
  }

  /**
   * Throws if any of {@code values[from, from + count)} is NaN or infinite.
   *
   * @param role the model role, e.g. {@code "target"} or {@code "draft"}
   * @param output what the values are, e.g. {@code "feature"}
   * @param position the sequence position of the first value's row
   * @param rowLength the row width, to report the position of the bad value
   */
  public static void requireFinite(float[] values, int from, int count, String role, String output, int position,
      int rowLength) {
    for (int i = from; i < from + count; i++) {
      float v = values[i];
      if (!Float.isFinite(v)) {
        int rel = i - from;
        throw nonFinite(role, output, position + rel / rowLength, rel % rowLength, v);
      }
    }
  }

  /** The error for a non-finite value: names the role, the output, the position and the element. */
  public static InferenceException nonFinite(String role, String output, int position, int index, float value) {
    return new InferenceException(String.format(
        "%s model produced a non-finite %s (%s) at position %d, element %d; the model or its inputs are numerically "
            + "broken: check the exported graph's precision (fp16 overflow) and the input embeddings",
        role, output, value, position, index));
  }

  /** The error for a logits row in which no token is possible (every logit −∞). */
  public static InferenceException noFiniteLogit(String role, int position) {
    return new InferenceException(String.format(
        "%s model gave every token a logit of -Infinity at position %d; no token can be chosen: check the model "
            + "export", role, position));
  }
}
