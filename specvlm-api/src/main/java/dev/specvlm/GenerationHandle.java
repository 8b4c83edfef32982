package dev.specvlm;

import java.util.concurrent.CompletableFuture;

/**
 * A generation running in the background, from {@link SpecDecoder#generateAsync}. Cancelling it ends the generation
 * within one round; the {@link #result()} future then completes normally with the tokens committed so far and
 * {@link FinishReason#CANCELLED}. Cancelling the future itself ({@code result().cancel(true)}) also stops the work.
 */
public interface GenerationHandle {
  /** Completes with the result, or exceptionally with a {@link SpecVlmException}. */
  CompletableFuture<GenerationResult> result();

  /** Asks the generation to stop; idempotent, returns at once. */
  void cancel();

  /** Whether {@link #cancel()} was called. */
  boolean isCancelled();

  /** Waits for the result; a failure is rethrown unwrapped as the {@link SpecVlmException} it is. */
  default GenerationResult join() {
    try {
      return result().join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }
}
