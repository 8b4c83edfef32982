package dev.specvlm.core.model;

/**
 * One generation's draft KV cache and forward passes. Used by one thread at a time; the engine closes it.
 *
 * <p>Bookkeeping: a stable region of {@link #stableLength()} positions, each encoding the pair (true target feature
 * {@code f_j}, embedding of the next element {@code x_{j+1}}), and a tentative region of {@link #tentativeLength()}
 * tree positions appended during one round and discarded with {@link #discardTentative()}.
 */
public interface DraftState extends AutoCloseable {
  /** Positions in the stable region. */
  int stableLength();

  /** Positions in the tentative region. */
  int tentativeLength();

  /**
   * Runs {@code q} draft positions.
   *
   * @param features input features {@code [q, H]} (target features for stable rows, predicted ones for tree rows)
   * @param embeds embeddings of the next element {@code [q, H]}
   * @param q number of new positions
   * @param positions draft position ids {@code [q]}
   * @param mask {@code q × (tentativeLength() + q)} visibility over the tentative region and the new rows; the stable
   *     region is always visible
   * @param stable true to append the rows to the stable region (requires an empty tentative region), false to append
   *     them to the tentative region
   * @param headRows how many trailing rows need top-k tokens
   * @param k tokens per row in the top-k output
   * @param hidden receives {@code [q, H]}: the predicted features
   * @param topIds receives {@code [headRows, k]}: token ids in descending draft log-probability
   * @param topLogProbs receives {@code [headRows, k]}: their log-probabilities (log-softmax over the vocabulary)
   * @throws dev.specvlm.InferenceException if the model fails or produces non-finite values
   */
  void forward(float[] features, float[] embeds, int q, int[] positions, AttentionMask mask, boolean stable,
      int headRows, int k, float[] hidden, int[] topIds, float[] topLogProbs);

  /** Drops the tentative region. */
  void discardTentative();

  /** Bytes of KV cache this state holds. */
  long kvBytes();

  /** Releases the KV memory; idempotent. */
  @Override
  void close();
}
