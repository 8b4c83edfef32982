package dev.specvlm;

/** A model misbehaved while running: non-finite logits or features, or a runtime failure inside the backend. The message names the model role and the position. */
public class InferenceException extends SpecVlmException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with an actionable message. */
  public InferenceException(String message) {
    super(message);
  }

  /** Creates an exception with an actionable message and the underlying cause. */
  public InferenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
