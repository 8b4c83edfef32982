package dev.specvlm;

/** No backend can serve the request: no provider on the class path, a native library that fails to load, or an execution provider (such as CUDA) that cannot be honoured. The message says which artifact to add or which setting to change. */
public class BackendUnavailableException extends SpecVlmException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with an actionable message. */
  public BackendUnavailableException(String message) {
    super(message);
  }

  /** Creates an exception with an actionable message and the underlying cause. */
  public BackendUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
