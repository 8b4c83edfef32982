package dev.specvlm.onnx;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the native ONNX Runtime objects this backend holds open, for leak checks in tests and diagnostics: every
 * tensor, run result and session it creates is counted up on creation and down on close. A process that has closed
 * every decoder, and has no generation running, reads zero everywhere.
 */
public final class NativeResources {
  static final AtomicLong TENSORS = new AtomicLong();
  static final AtomicLong RESULTS = new AtomicLong();
  static final AtomicLong SESSIONS = new AtomicLong();

  private NativeResources() {}

  /** ONNX tensors created by this backend and not yet closed. */
  public static long liveTensors() {
    return TENSORS.get();
  }

  /** Run results not yet closed. */
  public static long liveResults() {
    return RESULTS.get();
  }

  /** Sessions (one per model file and decoder, plus transient probes) not yet closed. */
  public static long liveSessions() {
    return SESSIONS.get();
  }
}
