package dev.specvlm.core;

import dev.specvlm.SpecDecoder;
import dev.specvlm.core.model.ModelBundle;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The speculative decoding engine's entry point for backends: turns a loaded {@link ModelBundle} into a thread-safe
 * {@link SpecDecoder} that decodes with any {@link dev.specvlm.SpeculationMode}, losslessly with respect to the target.
 * A backend's {@link dev.specvlm.spi.SpecDecoderProvider} calls {@link #newDecoder} once its models are loaded.
 */
public final class SpeculativeEngine {
  private SpeculativeEngine() {}

  /**
   * Opens a decoder over {@code bundle}. The decoder owns the bundle and closes it when it is closed (once running
   * generations have ended).
   *
   * @param asyncExecutor runs {@link SpecDecoder#generateAsync} generations; null for the decoder's own daemon threads,
   *     shut down when the decoder closes
   */
  public static SpecDecoder newDecoder(ModelBundle bundle, @Nullable Executor asyncExecutor) {
    SplittableRandom seeds = new SplittableRandom();
    return new EngineDecoder(bundle, asyncExecutor, () -> {
      synchronized (seeds) {
        return seeds.nextLong();
      }
    }, AcceptorFactory.STANDARD);
  }
}
