package dev.specvlm.core.model;

/** Token ids → embeddings, shared by target and draft and frozen. Thread-safe. */
public interface Embedder {
  /**
   * Writes the embeddings of {@code ids[from, from + count)} into {@code out} starting at {@code outOffset}.
   *
   * @param out receives {@code [count, H]} row-major
   */
  void embed(int[] ids, int from, int count, float[] out, int outOffset);
}
