package dev.specvlm.onnx.reference;

/** RoPE frequencies of the reference decoder (rotate-half convention, Hugging Face LLaMA). */
final class RopeTables {
  private RopeTables() {}

  /** {@code theta^(-2j / headDim)} for rotation pair {@code j} (channels {@code j} and {@code j + headDim/2}). */
  static double inverseFrequency(ReferenceConfig config, int j) {
    return Math.pow(config.ropeTheta(), -2.0 * j / config.headDim());
  }
}
