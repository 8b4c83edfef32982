package dev.specvlm.core.tree;

import dev.specvlm.core.accept.TopK;
import dev.specvlm.core.kv.DraftKv;
import dev.specvlm.core.model.Embedder;
import java.util.Arrays;

/**
 * EAGLE-2's dynamic draft tree (brief §3.2–§3.3). Expansion: the root's top-K children form level 1; then for D steps
 * the K frontier nodes run as one tentative draft forward at a shared draft position ({@code stable + step}), each
 * seeing its ancestors; each yields K children scored by cumulative draft log-probability, and the K best of the K²
 * become the next frontier. Rerank: the best T−1 of the whole pool ({@code K + D·K²} nodes) are kept and ordered by
 * their pool index, so parents precede children and siblings stay in descending draft probability.
 *
 * <p>Ties (equal scores) go to the lower pool index, which keeps the kept set closed under ancestors. The draft's
 * log-probabilities are clamped to at most 0, so a child never outscores its parent. No allocation per round.
 */
public final class DynamicTreeDrafter implements TreeDrafter {
  private final int hiddenSize;
  private final int k;
  private final int totalTokens;
  private final int depth;
  private final int poolCapacity;
  private final double[] poolScore; // [K + D·K²] cumulative draft log-probability
  private final int[] poolToken; // [K + D·K²]
  private final int[] poolParent; // [K + D·K²] pool index of the parent, -1 for the root
  private final int[] poolToTree; // [K + D·K²] tree index of a kept node in the current round
  private final int[] poolRound; // [K + D·K²] the round poolToTree was written in
  private int round;
  private final int[] frontier; // [K] pool indices of the frontier
  private final double[] blockScores; // [K²]
  private final int[] chosen; // [max(K, T)]
  private final TopK selector;
  private final FrontierBatch batch;

  /**
   * A drafter for budget (K, T, D).
   *
   * @param embedder the token embedder shared with the target
   * @param hiddenSize H
   */
  public DynamicTreeDrafter(Embedder embedder, int hiddenSize, int topK, int totalTokens, int depth) {
    if (topK < 1 || depth < 1 || totalTokens < 2 || totalTokens - 1 > topK + (long) depth * topK * topK) {
      throw new IllegalArgumentException("invalid dynamic tree budget K=" + topK + " T=" + totalTokens + " D=" + depth);
    }
    this.hiddenSize = hiddenSize;
    this.k = topK;
    this.totalTokens = totalTokens;
    this.depth = depth;
    this.poolCapacity = topK + depth * topK * topK;
    this.poolScore = new double[poolCapacity];
    this.poolToken = new int[poolCapacity];
    this.poolParent = new int[poolCapacity];
    this.poolToTree = new int[poolCapacity];
    this.poolRound = new int[poolCapacity];
    this.frontier = new int[topK];
    this.blockScores = new double[topK * topK];
    this.chosen = new int[Math.max(topK, totalTokens)];
    this.selector = new TopK(Math.max(topK, totalTokens));
    this.batch = new FrontierBatch(embedder, hiddenSize, topK, depth * topK, topK);
  }

  @Override
  public int rootWidth() {
    return k;
  }

  @Override
  public int maxTreeTokens() {
    return totalTokens;
  }

  @Override
  public int maxDepth() {
    return depth + 1;
  }

  @Override
  public int maxTentativeRows() {
    return depth * k;
  }

  @Override
  public int maxSiblings() {
    return k;
  }

  @Override
  public void draft(DraftKv kv, int rootToken, float[] rootFeature, int offset, int[] rootIds, float[] rootLogProbs,
      DraftTree out) {
    FrontierBatch b = batch;
    int base = kv.stableLength();
    FrontierBatch.checkLogProbs(rootLogProbs, k, base - 1);
    int words = b.words();
    for (int c = 0; c < k; c++) {
      poolToken[c] = rootIds[c];
      poolScore[c] = Math.min(0f, rootLogProbs[c]);
      poolParent[c] = -1;
      frontier[c] = c;
      b.tokens[c] = rootIds[c];
      b.setFeature(c, rootFeature, offset);
      Arrays.fill(b.ancestry, c * words, (c + 1) * words, 0L);
      b.ancestry[c * words + (c >>> 6)] |= 1L << c;
    }
    int poolSize = k;
    for (int step = 0; step < depth; step++) {
      b.run(kv, k, k, base + step);
      int blockStart = poolSize;
      for (int r = 0; r < k; r++) {
        double parentScore = poolScore[frontier[r]];
        for (int c = 0; c < k; c++) {
          int idx = blockStart + r * k + c;
          poolToken[idx] = b.topIds[r * k + c];
          poolScore[idx] = parentScore + Math.min(0f, b.topLogProbs[r * k + c]);
          poolParent[idx] = frontier[r];
        }
      }
      poolSize += k * k;
      if (step == depth - 1) {
        break;
      }
      System.arraycopy(poolScore, blockStart, blockScores, 0, k * k);
      selector.select(blockScores, k * k, k, chosen);
      int nextColumnBase = (step + 1) * k;
      for (int j = 0; j < k; j++) {
        int inBlock = chosen[j];
        int parentRow = inBlock / k;
        frontier[j] = blockStart + inBlock;
        b.tokens[j] = poolToken[blockStart + inBlock];
        b.setFeatureFromHidden(j, parentRow);
        b.inheritAncestry(j, parentRow, nextColumnBase + j);
      }
      b.swapAncestry();
    }
    rerank(poolSize, rootToken, out);
  }

  /** Keeps the best T−1 pool nodes, in pool order, as the tree under {@code rootToken}. */
  private void rerank(int poolSize, int rootToken, DraftTree out) {
    int n = Math.min(totalTokens - 1, poolSize);
    selector.select(poolScore, poolSize, n, chosen);
    Arrays.sort(chosen, 0, n);
    round++;
    out.reset(rootToken);
    for (int j = 0; j < n; j++) {
      int s = chosen[j];
      int p = poolParent[s];
      int treeParent = 0;
      if (p >= 0) {
        if (poolRound[p] != round) {
          throw new IllegalStateException("rerank kept pool node " + s + " without its parent " + p);
        }
        treeParent = poolToTree[p];
      }
      poolToTree[s] = out.add(poolToken[s], treeParent);
      poolRound[s] = round;
    }
    out.finish();
  }

  /** H, for callers sizing feature buffers. */
  public int hiddenSize() {
    return hiddenSize;
  }

  /** The candidate pool size {@code K + D·K²}. */
  public int poolCapacity() {
    return poolCapacity;
  }
}
