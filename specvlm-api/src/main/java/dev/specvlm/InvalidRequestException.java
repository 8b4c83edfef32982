package dev.specvlm;

/** A request cannot be served as given: an invalid prompt or generation setting. The decoder stays usable; nothing was generated. */
public class InvalidRequestException extends SpecVlmException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with an actionable message. */
  public InvalidRequestException(String message) {
    super(message);
  }

  /** Creates an exception with an actionable message and the underlying cause. */
  public InvalidRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
