package dev.specvlm.spi;

import dev.specvlm.SpecDecoder;

/**
 * A backend that opens {@link SpecDecoder}s, found with {@link java.util.ServiceLoader}. Implementations need a public
 * no-argument constructor and must be thread-safe.
 */
public interface SpecDecoderProvider {
  /** A short, stable name, e.g. {@code "onnx"}, selectable with {@link SpecDecoder.Builder#provider(String)}. */
  String name();

  /**
   * Opens a decoder. The caller owns the result and closes it.
   *
   * @throws dev.specvlm.SpecVlmException if the model cannot be loaded or the device cannot be honoured
   */
  SpecDecoder open(DecoderOptions options);
}
