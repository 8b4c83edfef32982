package dev.specvlm.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;

/** The process-wide ONNX Runtime environment. Call {@link OrtAvailability#check()} before touching this class. */
final class OrtRuntime {
  private OrtRuntime() {}

  private static final class Holder {
    static final OrtEnvironment ENV = create();

    private static OrtEnvironment create() {
      // warnings (unused initializers, hardware-specific optimised models) are noise for a library's users
      return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "specvlm");
    }
  }

  /** The shared environment (created on first use). */
  static OrtEnvironment environment() {
    return Holder.ENV;
  }
}
