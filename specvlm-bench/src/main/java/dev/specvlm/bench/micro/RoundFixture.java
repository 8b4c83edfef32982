package dev.specvlm.bench.micro;

import dev.specvlm.core.kv.DraftKv;
import dev.specvlm.core.tree.DraftTree;
import dev.specvlm.core.tree.DynamicTreeDrafter;
import java.util.SplittableRandom;

/**
 * One round's inputs at SpecVLM's budget: a dynamic tree drafted by {@link SyntheticDraftState}, and synthetic target
 * logits {@code [T, V]} in which the target agrees with the draft's first child for the first {@code agreeDepth}
 * levels (so acceptance walks a path of that length).
 */
final class RoundFixture {
  static final int VOCAB = 32_000;
  static final int K = 10;
  static final int T = 60;
  static final int D = 7;

  final int hidden;
  final DynamicTreeDrafter drafter;
  final DraftKv draftKv;
  final DraftTree tree = new DraftTree(T, D + 1);
  final float[] rootFeature;
  final int[] rootIds = new int[K];
  final float[] rootLogProbs = new float[K];
  final float[] logits = new float[T * VOCAB]; // [T, V]

  RoundFixture(int hidden, int agreeDepth, long seed) {
    this.hidden = hidden;
    this.drafter = new DynamicTreeDrafter(SyntheticDraftState.tokenIdEmbedder(hidden), hidden, K, T, D);
    this.draftKv = new DraftKv(new SyntheticDraftState(VOCAB, hidden, 500), 10_000, D * K, 1);
    this.rootFeature = new float[hidden];
    for (int c = 0; c < K; c++) {
      rootIds[c] = 100 + 37 * c;
      rootLogProbs[c] = -0.2f * (c + 1);
    }
    draftTree();
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) (r.nextGaussian() * 2);
    }
    // along the first-child path, boost the child's token so the target agrees with the draft
    int node = 0;
    for (int d = 0; d < agreeDepth && tree.firstChild(node) >= 0; d++) {
      int child = tree.firstChild(node);
      logits[node * VOCAB + tree.token(child)] = 12;
      node = child;
    }
  }

  /** Drafts this round's tree (expansion, rerank, mask) from a clean tentative region. */
  void draftTree() {
    draftKv.discardTentative();
    drafter.draft(draftKv, 7, rootFeature, 0, rootIds, rootLogProbs, tree);
  }
}
