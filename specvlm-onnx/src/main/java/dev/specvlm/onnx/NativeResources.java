package dev.specvlm.onnx;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the native ONNX Runtime objects this backend creates and closes, for leak checks in tests and diagnostics:
 * every tensor, run result and session is counted on creation and on close. A process that has closed every decoder,
 * and has no generation running, has zero live objects of each kind; the created totals only grow.
 */
public final class NativeResources {
  static final Counter TENSORS = new Counter();
  static final Counter RESULTS = new Counter();
  static final Counter SESSIONS = new Counter();

  private NativeResources() {}

  /** ONNX tensors created by this backend and not yet closed. */
  public static long liveTensors() {
    return TENSORS.live.get();
  }

  /** Run results not yet closed. */
  public static long liveResults() {
    return RESULTS.live.get();
  }

  /** Sessions (one per model file and decoder, plus transient probes) not yet closed. */
  public static long liveSessions() {
    return SESSIONS.live.get();
  }

  /** ONNX tensors created by this backend since the class loaded. */
  public static long tensorsCreated() {
    return TENSORS.created.get();
  }

  /** Run results created since the class loaded: one per graph run. */
  public static long resultsCreated() {
    return RESULTS.created.get();
  }

  /** Sessions created since the class loaded. */
  public static long sessionsCreated() {
    return SESSIONS.created.get();
  }

  /** Live and created counts of one kind of native object. Thread-safe. */
  static final class Counter {
    private final AtomicLong live = new AtomicLong();
    private final AtomicLong created = new AtomicLong();

    void opened() {
      created.incrementAndGet();
      live.incrementAndGet();
    }

    void closed() {
      live.decrementAndGet();
    }
  }
}
