package dev.specvlm;

/** An image input cannot be decoded or exceeds the documented limits (unknown format, zero size, too many pixels). */
public class InvalidImageException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with an actionable message. */
  public InvalidImageException(String message) {
    super(message);
  }

  /** Creates an exception with an actionable message and the underlying cause. */
  public InvalidImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
