package dev.specvlm.core.model;

/**
 * One generation's target KV cache and forward passes. Used by one thread at a time; the engine closes it.
 *
 * <p>Bookkeeping: {@link #length()} committed positions sit in the cache. {@link #forward} appends {@code q} tentative
 * rows after them; {@link #commit} keeps some of those rows (gathered in order to the end of the committed region) and
 * discards the rest. A forward may only run when no tentative rows are pending.
 */
public interface TargetState extends AutoCloseable {
  /** Committed positions in the cache. */
  int length();

  /** The most positions this state can hold. */
  int capacity();

  /**
   * Runs {@code q} new positions over the committed cache.
   *
   * @param embeds input embeddings {@code [q, H]}
   * @param q number of new positions, {@code length() + q <= capacity()}
   * @param positions position ids {@code [q]} (tree positions may repeat)
   * @param mask {@code q × q} visibility among the new positions; the committed prefix is always visible
   * @param logitRows how many trailing rows need logits (1 for a prefill, q for a verification)
   * @param logits receives {@code [logitRows, V]}: the logits of rows {@code q - logitRows .. q-1}
   * @param features receives {@code [q, H]}: the post-final-norm hidden states (the LM head's input)
   * @throws dev.specvlm.InferenceException if the model fails or produces non-finite values
   */
  void forward(float[] embeds, int q, int[] positions, AttentionMask mask, int logitRows, float[] logits,
      float[] features);

  /**
   * Keeps tentative rows {@code keep[0..count)} (indices into the last forward's rows, strictly increasing) as
   * committed positions {@code length() .. length() + count - 1}, and discards the other tentative rows.
   */
  void commit(int[] keep, int count);

  /** Bytes of KV cache this state holds. */
  long kvBytes();

  /** Releases the KV memory; idempotent. */
  @Override
  void close();
}
