package dev.specvlm.core.model;

/** The target language model (decoder over embeddings). Thread-safe; per-generation state lives in {@link TargetState}. */
public interface TargetModel {
  /**
   * Creates the KV state of one generation.
   *
   * @param capacity the most positions (committed plus tentative) the state must hold
   * @throws dev.specvlm.ContextLengthException if {@code capacity} exceeds the model's context length
   */
  TargetState newState(int capacity);
}
