package dev.specvlm;

/** A model folder cannot be used as given: a missing or unreadable file, a malformed manifest, a path that escapes the folder, or tensors that break the model contract. The message names the file, the tensor, what was expected and what was found. */
public class ModelLoadException extends SpecVlmException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with an actionable message. */
  public ModelLoadException(String message) {
    super(message);
  }

  /** Creates an exception with an actionable message and the underlying cause. */
  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
