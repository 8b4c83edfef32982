package dev.specvlm.examples;

import dev.specvlm.FinishReason;
import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationHandle;
import dev.specvlm.GenerationResult;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Asynchronous generation with cancellation: start a long generation in the background, cancel it once ten tokens
 * have been committed, and collect the partial result (finish reason {@link FinishReason#CANCELLED}, the tokens
 * committed so far). Cancellation takes effect within one verification round. Optional arguments: a model folder and
 * an image.
 */
public final class AsyncCancellationExample {
  private AsyncCancellationExample() {}

  /** Runs the example. */
  public static void main(String[] args) throws InterruptedException {
    Path model = Path.of(args.length > 0 ? args[0] : "models/specvlm-tiny");
    Path image = Path.of(args.length > 1 ? args[1] : "examples/scene.png");
    try (SpecDecoder decoder = SpecDecoder.builder().modelDir(model).build()) {
      Prompt prompt = Prompt.builder().image(image).text("Describe the image.").build();
      CountDownLatch tenTokens = new CountDownLatch(10);
      GenerationHandle handle = decoder.generateAsync(prompt,
          GenerationConfig.builder().maxNewTokens(1000).ignoreEos(true).build(),
          (tokenId, text) -> tenTokens.countDown()); // runs on the generating thread: keep it short
      if (tenTokens.await(30, TimeUnit.SECONDS)) {
        handle.cancel();
      }
      GenerationResult r = handle.join(); // completes normally, also when cancelled
      System.out.printf("%s after %d tokens: %s%n", r.finishReason(), r.tokenCount(), r.text());
    }
  }
}
