package dev.specvlm;

/** Why a generation ended. */
public enum FinishReason {
  /** The model committed one of the end-of-sequence tokens; it is the last token of the result. */
  EOS,
  /** A stop token sequence or stop string was committed; the result ends with it and nothing after it. */
  STOP,
  /** {@link GenerationConfig#maxNewTokens()} tokens were generated. */
  LENGTH,
  /**
   * The generation was cancelled (through {@link GenerationHandle#cancel()}, a timeout, or the decoder closing); the
   * result holds every token committed before the cancellation was seen, which happens within one round.
   */
  CANCELLED
}
