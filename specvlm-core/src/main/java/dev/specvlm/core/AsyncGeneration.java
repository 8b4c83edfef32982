package dev.specvlm.core;

import dev.specvlm.GenerationHandle;
import dev.specvlm.GenerationResult;
import java.util.concurrent.CompletableFuture;

/**
 * A background generation. {@link #cancel()} ends it within one round with a normal CANCELLED result; cancelling the
 * future ({@code result().cancel(true)}) also tells the generation to stop.
 */
final class AsyncGeneration implements GenerationHandle {
  private final CancelSignal signal;
  private final CompletableFuture<GenerationResult> future;
  private volatile boolean cancelRequested;

  AsyncGeneration(CancelSignal signal) {
    this.signal = signal;
    this.future = new CompletableFuture<>() {
      @Override
      public boolean cancel(boolean mayInterruptIfRunning) {
        signal.cancel();
        return super.cancel(mayInterruptIfRunning);
      }
    };
  }

  @Override
  public CompletableFuture<GenerationResult> result() {
    return future;
  }

  @Override
  public void cancel() {
    cancelRequested = true;
    signal.cancel();
  }

  @Override
  public boolean isCancelled() {
    return cancelRequested;
  }

  void complete(GenerationResult r) {
    future.complete(r);
  }

  void fail(Throwable t) {
    future.completeExceptionally(t);
  }
}
