package dev.specvlm;

/**
 * The root of specvlm's unchecked exception family. Every failure that crosses the API carries one of its
 * subclasses, with a message that names the object, the offending value and the fix.
 *
 * <ul>
 *   <li>{@link ModelLoadException} — a model folder cannot be used as given;</li>
 *   <li>{@link InvalidRequestException} — a prompt, image or generation setting is invalid
 *       ({@link InvalidImageException}, {@link ContextLengthException});</li>
 *   <li>{@link InferenceException} — a model misbehaved while running (non-finite logits, runtime failure);</li>
 *   <li>{@link BackendUnavailableException} — no backend, a missing native library, or an execution provider that
 *       cannot be honoured.</li>
 * </ul>
 */
public class SpecVlmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with an actionable message. */
  public SpecVlmException(String message) {
    super(message);
  }

  /** Creates an exception with an actionable message and the underlying cause. */
  public SpecVlmException(String message, Throwable cause) {
    super(message, cause);
  }
}
