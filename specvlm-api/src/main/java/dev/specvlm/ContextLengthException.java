package dev.specvlm;

/** The prompt plus the requested new tokens (and the speculation tree) do not fit the model's context window. The message says how long the request was and the limit. */
public class ContextLengthException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with an actionable message. */
  public ContextLengthException(String message) {
    super(message);
  }

  /** Creates an exception with an actionable message and the underlying cause. */
  public ContextLengthException(String message, Throwable cause) {
    super(message, cause);
  }
}
