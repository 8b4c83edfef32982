package dev.specvlm.core.tree;

import dev.specvlm.core.kv.DraftKv;
import dev.specvlm.core.model.Embedder;

/**
 * Fills a {@link StaticTreeShape} with draft tokens each round: the root's children take the root's top tokens by
 * rank; then, one draft forward per depth, the shape's nodes that have children run as tentative rows at a shared
 * draft position ({@code stable + step}), each seeing its ancestors, and their children take their top tokens by rank.
 * Tree node indices equal shape node indices. With {@link StaticTreeShape#chain(int)} this is classic assisted
 * generation (a greedy top-1 chain). No allocation per round.
 */
public final class StaticTreeDrafter implements TreeDrafter {
  private final StaticTreeShape shape;
  private final FrontierBatch batch;
  private final int maxStepTopK;

  /**
   * A drafter for {@code shape}.
   *
   * @param embedder the token embedder shared with the target
   * @param hiddenSize H
   */
  public StaticTreeDrafter(Embedder embedder, int hiddenSize, StaticTreeShape shape) {
    this.shape = shape;
    int maxRows = 1;
    int maxK = 1;
    for (int s = 0; s < shape.steps(); s++) {
      maxRows = Math.max(maxRows, shape.stepCount(s));
      maxK = Math.max(maxK, shape.stepTopK(s));
    }
    this.maxStepTopK = maxK;
    this.batch = new FrontierBatch(embedder, hiddenSize, maxRows, Math.max(1, shape.frontierTotal()), maxK);
  }

  /** The shape this drafter fills. */
  public StaticTreeShape shape() {
    return shape;
  }

  @Override
  public int rootWidth() {
    return shape.childCount(0);
  }

  @Override
  public int maxTreeTokens() {
    return shape.size();
  }

  @Override
  public int maxDepth() {
    return shape.deepest();
  }

  @Override
  public int maxTentativeRows() {
    return shape.frontierTotal();
  }

  @Override
  public int maxSiblings() {
    return Math.max(shape.maxChildren(), maxStepTopK);
  }

  @Override
  public void draft(DraftKv kv, int rootToken, float[] rootFeature, int offset, int[] rootIds, float[] rootLogProbs,
      DraftTree out) {
    FrontierBatch b = batch;
    int base = kv.stableLength();
    int rootChildren = shape.childCount(0);
    FrontierBatch.checkLogProbs(rootLogProbs, rootChildren, base - 1);
    out.reset(rootToken);
    for (int m = 1; m <= rootChildren; m++) {
      out.add(rootIds[shape.rank(m)], 0);
    }
    for (int s = 0; s < shape.steps(); s++) {
      int q = shape.stepCount(s);
      int k = shape.stepTopK(s);
      for (int i = 0; i < q; i++) {
        int m = shape.stepNode(s, i);
        b.tokens[i] = out.token(m);
        if (s == 0) {
          b.setFeature(i, rootFeature, offset);
        } else {
          b.setFeatureFromHidden(i, shape.frontierRow(shape.parent(m)));
        }
        b.setAncestry(i, shape.ancestryBits(), shape.ancestryOffset(s, i));
      }
      b.run(kv, q, k, base + s);
      for (int i = 0; i < q; i++) {
        int m = shape.stepNode(s, i);
        int first = shape.childStart(m);
        for (int c = first; c < first + shape.childCount(m); c++) {
          out.add(b.topIds[i * k + shape.rank(c)], m);
        }
      }
    }
    out.finish();
  }
}
