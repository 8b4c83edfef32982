package dev.specvlm.core;

/**
 * A prompt as the target sees it.
 *
 * @param tokens {@code [length]} token ids; visual slots hold the model's image token id
 * @param embeds {@code [length, H]} row-major input embeddings, visual slots filled with the vision encoder's output
 * @param length n, the prompt positions
 * @param visualTokens how many of them are visual slots
 * @param visualStart the first visual slot, or −1 without images (the span a visual compressor will shorten)
 */
record AssembledPrompt(int[] tokens, float[] embeds, int length, int visualTokens, int visualStart) {}
