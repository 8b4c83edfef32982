package dev.specvlm.core.model;

import dev.specvlm.ImageInput;

/** The vision tower and projector: image → visual embeddings. Thread-safe. */
public interface VisionEncoder {
  /**
   * Decodes, resizes within the model's pixel budget, normalises and encodes {@code image}.
   *
   * @throws dev.specvlm.InvalidImageException if the image cannot be decoded or breaks the documented limits
   */
  VisualFeatures encode(ImageInput image);
}
