package dev.specvlm;

/**
 * Receives generated tokens as they are committed, in order, on the generating thread. A token is committed once it
 * is final: listeners never see a drafted token that verification later rejects, nor anything after a stop.
 * Listeners should return quickly; an exception thrown by a listener ends the generation and is rethrown to the
 * caller wrapped in {@link SpecVlmException}.
 */
@FunctionalInterface
public interface TokenListener {
  /**
   * Called once per committed token.
   *
   * @param tokenId the token id
   * @param text the text this token adds to the result; empty when the token completes no character yet (part of a
   *     multi-byte character) or lies inside a stop string that is cut from the text
   */
  void onToken(int tokenId, String text);
}
