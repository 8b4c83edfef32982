package dev.specvlm;

/**
 * How drafted tokens are accepted when sampling ({@code temperature > 0}). Both keep the target's output distribution
 * exactly; at temperature 0 both reduce to greedy longest-prefix matching.
 */
public enum VerificationSampler {
  /**
   * EAGLE-2's recursive rejection over siblings: each sibling in descending draft probability is accepted with the
   * target probability of its token, otherwise removed from the renormalised residual distribution.
   */
  REJECTION,
  /**
   * Seed-coupled sample-and-match: the target token at each output position is drawn with a uniform taken from a
   * per-position random stream of the seed, and a drafted child is accepted when it equals that token. With the same
   * seed the output is identical with speculation on or off. The default.
   */
  COUPLED
}
