package dev.specvlm.bench.micro;

import dev.specvlm.core.model.AttentionMask;
import dev.specvlm.core.model.Embedder;
import dev.specvlm.core.testmodel.AbstractDraftState;

/**
 * A draft that costs almost nothing: each row's top-k are k distinct pseudo-random token ids derived from the row's
 * token (component 0 of its embedding) and position, with log-probabilities falling with rank and jittered per row;
 * its predicted feature copies row 0 of the input feature. Isolates the engine's own work per round.
 */
final class SyntheticDraftState extends AbstractDraftState {
  private final int vocab;
  private final int hidden;

  SyntheticDraftState(int vocab, int hidden, int stable) {
    super(stable, Integer.MAX_VALUE, Integer.MAX_VALUE, 0);
    this.vocab = vocab;
    this.hidden = hidden;
  }

  /** An embedder writing only the token id (component 0); the engine never reads embeddings. */
  static Embedder tokenIdEmbedder(int hidden) {
    return (ids, from, count, out, outOffset) -> {
      for (int i = 0; i < count; i++) {
        out[outOffset + i * hidden] = ids[from + i];
      }
    };
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  @Override
  protected void compute(float[] features, float[] embeds, int q, int[] positions, AttentionMask mask,
      boolean toStable, int headRows, int k, float[] predicted, int[] topIds, float[] topLogProbs) {
    int h = this.hidden;
    for (int r = q - headRows; r < q; r++) {
      int row = r - (q - headRows);
      long seed = mix((long) embeds[r * h] * 31 + positions[r]);
      float jitter = (seed & 0xff) / 512f;
      int stride = 1 + (int) ((seed >>> 8) % 97);
      int base = (int) ((seed >>> 20) % vocab);
      for (int c = 0; c < k; c++) {
        topIds[row * k + c] = (base + c * stride) % vocab;
        topLogProbs[row * k + c] = -0.15f * (c + 1) - jitter * (c + 1);
      }
      predicted[r * h] = features[r * h];
    }
  }
}
