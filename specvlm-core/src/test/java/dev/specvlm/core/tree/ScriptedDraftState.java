package dev.specvlm.core.tree;

import dev.specvlm.core.model.AttentionMask;
import dev.specvlm.core.testmodel.AbstractDraftState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A draft whose top-k for a row depends only on the row's token (as given in {@link #script}); its predicted feature
 * is {@code [token, 0, ...]}. Records every tentative call (row features, positions, visible columns).
 */
final class ScriptedDraftState extends AbstractDraftState {
  record Call(int[] featureTokens, int[] positions, List<List<Integer>> visible) {}

  private final int hidden;
  private final Map<Integer, int[]> ids = new HashMap<>();
  private final Map<Integer, float[]> logProbs = new HashMap<>();
  final List<Call> calls = new ArrayList<>();

  ScriptedDraftState(int hidden, int stable) {
    super(stable, Integer.MAX_VALUE, Integer.MAX_VALUE, 0);
    this.hidden = hidden;
  }

  /** After a row carrying {@code token}, the draft proposes {@code children} with {@code lps}. */
  ScriptedDraftState script(int token, int[] children, float[] lps) {
    ids.put(token, children);
    logProbs.put(token, lps);
    return this;
  }

  @Override
  protected void compute(float[] features, float[] embeds, int q, int[] positions, AttentionMask mask,
      boolean toStable, int headRows, int k, float[] hiddenOut, int[] topIds, float[] topLogProbs) {
    int[] featureTokens = new int[q];
    int[] pos = new int[q];
    List<List<Integer>> visible = new ArrayList<>();
    for (int r = 0; r < q; r++) {
      featureTokens[r] = (int) features[r * hidden];
      pos[r] = positions[r];
      List<Integer> cols = new ArrayList<>();
      for (int c = 0; c < mask.cols(); c++) {
        if (mask.visible(r, c)) {
          cols.add(c);
        }
      }
      visible.add(cols);
      int token = (int) embeds[r * hidden]; // the test embedder puts the token id in component 0
      hiddenOut[r * hidden] = token;
      for (int j = 1; j < hidden; j++) {
        hiddenOut[r * hidden + j] = 0;
      }
      int[] children = ids.getOrDefault(token, new int[0]);
      float[] lps = logProbs.getOrDefault(token, new float[0]);
      for (int c = 0; c < k; c++) {
        topIds[r * k + c] = c < children.length ? children[c] : 1000 + token * 10 + c;
        topLogProbs[r * k + c] = c < lps.length ? lps[c] : -50 - c;
      }
    }
    if (!toStable) {
      calls.add(new Call(featureTokens, pos, visible));
    }
  }
}
