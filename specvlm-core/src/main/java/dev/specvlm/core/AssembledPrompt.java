package dev.specvlm.core;

import java.util.List;

/**
 * A prompt as the target sees it.
 *
 * @param tokens {@code [length]} token ids; visual slots hold the model's image token id
 * @param embeds {@code [length, H]} row-major input embeddings, visual slots filled with the vision encoder's output
 * @param length n, the prompt positions
 * @param visualTokens how many of them are visual slots
 * @param visualSpans the images' slots in prompt order (what a visual compressor shortens on the draft side)
 */
record AssembledPrompt(int[] tokens, float[] embeds, int length, int visualTokens, List<VisualSpan> visualSpans) {
  AssembledPrompt {
    visualSpans = List.copyOf(visualSpans);
  }

  /**
   * The visual slots of one image: prompt positions {@code [start, start + tokens)}.
   *
   * @param start the first slot
   * @param tokens N, at least 1
   */
  record VisualSpan(int start, int tokens) {
    /** One past the last slot. */
    int end() {
      return start + tokens;
    }
  }
}
