package dev.specvlm.core.model;

import org.jspecify.annotations.Nullable;

/**
 * A loaded model pair and its tokenizer: everything the engine needs. Shared by every generation of a decoder and
 * thread-safe; the decoder closes it.
 */
public interface ModelBundle extends AutoCloseable {
  /** Sizes and special tokens. */
  ModelSpec spec();

  /** The tokenizer. */
  Tokenizer tokenizer();

  /** The vision encoder, or null for a text-only model. */
  @Nullable VisionEncoder vision();

  /** The token embedder shared by target and draft. */
  Embedder embedder();

  /** The target model. */
  TargetModel target();

  /** The draft head, or null when the model has none (only autoregressive decoding then). */
  @Nullable DraftModel draft();

  /**
   * The elastic visual compressor, or null when the model has none (then the draft always sees every visual token,
   * as in EagleVLM).
   */
  default @Nullable CompressorModel compressor() {
    return null;
  }

  /** Where the models run, e.g. {@code "cpu"} or {@code "cuda:0"}. */
  default String executionDevice() {
    return "cpu";
  }

  /** Releases sessions and native memory; idempotent. */
  @Override
  void close();
}
