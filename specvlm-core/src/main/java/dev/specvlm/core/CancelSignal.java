package dev.specvlm.core;

/** Asks one running generation to stop; the decode loop looks at it once per round. Thread-safe. */
final class CancelSignal {
  private volatile boolean cancelled;

  void cancel() {
    cancelled = true;
  }

  boolean isCancelled() {
    return cancelled;
  }
}
