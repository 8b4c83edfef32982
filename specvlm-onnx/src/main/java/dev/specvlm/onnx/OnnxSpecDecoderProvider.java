package dev.specvlm.onnx;

import dev.specvlm.SpecDecoder;
import dev.specvlm.core.SpeculativeEngine;
import dev.specvlm.spi.DecoderOptions;
import dev.specvlm.spi.SpecDecoderProvider;

/**
 * The ONNX Runtime backend, registered as {@value #NAME} for {@link java.util.ServiceLoader}: loads a model folder
 * into an {@link OnnxModelBundle} and hands it to the speculative engine. Stateless and thread-safe.
 */
public final class OnnxSpecDecoderProvider implements SpecDecoderProvider {
  /** The provider name. */
  public static final String NAME = "onnx";

  /** For {@link java.util.ServiceLoader}. */
  public OnnxSpecDecoderProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SpecDecoder open(DecoderOptions options) {
    OnnxModelBundle bundle = OnnxModelBundle.load(options);
    try {
      return SpeculativeEngine.newDecoder(bundle, options.asyncExecutor());
    } catch (RuntimeException | Error e) {
      bundle.close();
      throw e;
    }
  }
}
