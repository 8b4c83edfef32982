package dev.specvlm.core.testmodel;

import dev.specvlm.core.model.Embedder;

/** Token embeddings: component 0 is the token id itself, the others a fixed hash of it in [−1, 1). */
public final class TestEmbedder implements Embedder {
  private final int hidden;

  /** Embeddings of width {@code hidden}. */
  public TestEmbedder(int hidden) {
    this.hidden = hidden;
  }

  @Override
  public void embed(int[] ids, int from, int count, float[] out, int outOffset) {
    for (int i = 0; i < count; i++) {
      int id = ids[from + i];
      int o = outOffset + i * hidden;
      out[o] = id;
      for (int j = 1; j < hidden; j++) {
        out[o + j] = (float) ReferenceLanguage.signedUniform(ReferenceLanguage.mix(id * 0x9e3779b97f4a7c15L + j));
      }
    }
  }
}
