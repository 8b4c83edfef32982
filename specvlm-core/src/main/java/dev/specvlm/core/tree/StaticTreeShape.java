package dev.specvlm.core.tree;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A draft tree shape fixed before any token is drafted: which sibling rank of which parent each node takes. The draft
 * only fills in tokens (the node of rank r under a parent carries that parent's r-th most probable draft token); its
 * confidences never change the shape. This is EAGLE-1's static tree, and, as a single path, the chain of classic
 * assisted generation.
 *
 * <p>{@link #forBudget} picks the shape by a fixed rank prior: a node of sibling rank r (0 = the draft's top token) is
 * assumed accepted with probability {@value #TOP_RANK_PRIOR}·{@value #RANK_DECAY}^r given its parent, and the shape
 * holds the T−1 nodes of highest prior path probability with depth ≤ D+1 and rank < K (ties: shallower first, then
 * first found). Because the prior falls along paths and across ranks, the set keeps every ancestor and every
 * higher-ranked sibling of its nodes. Nodes are numbered breadth first (depth, then parent, then rank), so the tree
 * index of a shape node is the same every round.
 */
public final class StaticTreeShape {
  /** The prior acceptance probability of a parent's top draft token. */
  public static final double TOP_RANK_PRIOR = 0.6;
  /** The factor by which each lower sibling rank's prior falls. */
  public static final double RANK_DECAY = 0.4;

  private final int size; // nodes, root included
  private final int[] parent; // [size], -1 for the root
  private final int[] rank; // [size] sibling rank, 0 = top draft token
  private final int[] depth; // [size]
  private final int[] childStart; // [size] index of the first child (children are contiguous), or -1
  private final int[] childCount; // [size]
  private final int deepest;
  // expansion plan: step s runs the frontier nodes (those with children) at depth s + 1
  private final int[] frontierNodes; // [frontierTotal] shape nodes in breadth-first order
  private final int[] stepStart; // [deepest] offset of step s in frontierNodes (deepest - 1 steps used)
  private final int[] stepCount; // [deepest]
  private final int[] stepTopK; // [deepest] top-k the step needs: its largest child count
  private final int[] frontierRow; // [size] row of a frontier node within its step, -1 otherwise
  private final long[] frontierAncestry; // [frontierTotal, words] tentative columns each frontier row sees
  private final int words;

  private StaticTreeShape(int[] parent, int[] rank) {
    this.size = parent.length;
    this.parent = parent;
    this.rank = rank;
    this.depth = new int[size];
    this.childStart = new int[size];
    this.childCount = new int[size];
    int deep = 0;
    java.util.Arrays.fill(childStart, -1);
    for (int m = 1; m < size; m++) {
      if (parent[m] >= m || rank[m] != (m > 1 && parent[m - 1] == parent[m] ? rank[m - 1] + 1 : 0)) {
        throw new IllegalArgumentException("shape node " + m + " breaks breadth-first rank order");
      }
      depth[m] = depth[parent[m]] + 1;
      deep = Math.max(deep, depth[m]);
      if (childStart[parent[m]] < 0) {
        childStart[parent[m]] = m;
      }
      childCount[parent[m]]++;
    }
    this.deepest = deep;
    int steps = Math.max(0, deep - 1);
    this.stepStart = new int[Math.max(1, steps)];
    this.stepCount = new int[Math.max(1, steps)];
    this.stepTopK = new int[Math.max(1, steps)];
    this.frontierRow = new int[size];
    java.util.Arrays.fill(frontierRow, -1);
    int total = 0;
    for (int m = 1; m < size; m++) {
      if (childCount[m] > 0) {
        total++;
      }
    }
    this.frontierNodes = new int[total];
    this.words = Math.max(1, (total + 63) >>> 6);
    this.frontierAncestry = new long[Math.max(1, total) * words];
    int column = 0;
    for (int s = 0; s < steps; s++) {
      stepStart[s] = column;
      for (int m = 1; m < size; m++) {
        if (depth[m] == s + 1 && childCount[m] > 0) {
          frontierNodes[column] = m;
          frontierRow[m] = column - stepStart[s];
          stepTopK[s] = Math.max(stepTopK[s], childCount[m]);
          if (depth[m] > 1) { // ancestors: the parent's row (a frontier node one step earlier) and what it sees
            int parentColumn = stepStart[s - 1] + frontierRow[parent[m]];
            System.arraycopy(frontierAncestry, parentColumn * words, frontierAncestry, column * words, words);
          }
          frontierAncestry[column * words + (column >>> 6)] |= 1L << column;
          column++;
        }
      }
      stepCount[s] = column - stepStart[s];
    }
  }

  /**
   * The shape for budget (K, T, D) under the fixed rank prior: T−1 drafted nodes, depth ≤ D+1, at most K children.
   */
  public static StaticTreeShape forBudget(int topK, int totalTokens, int depth) {
    record Node(int parent, int rank, int depth, double logPrior, int order) {}
    double logTop = Math.log(TOP_RANK_PRIOR);
    double logDecay = Math.log(RANK_DECAY);
    PriorityQueue<Node> open = new PriorityQueue<>(Comparator.comparingDouble((Node n) -> -n.logPrior)
        .thenComparingInt(Node::depth).thenComparingInt(Node::order));
    List<Node> kept = new ArrayList<>();
    int order = 0;
    open.add(new Node(0, 0, 1, logTop, order++));
    while (kept.size() < totalTokens - 1 && !open.isEmpty()) {
      Node n = open.poll();
      kept.add(n);
      int id = kept.size(); // this node's index in discovery order (root = 0)
      if (n.depth() < depth + 1) {
        open.add(new Node(id, 0, n.depth() + 1, n.logPrior() + logTop, order++));
      }
      if (n.rank() + 1 < topK) {
        double parentLog = n.logPrior() - logTop - n.rank() * logDecay;
        open.add(new Node(n.parent(), n.rank() + 1, n.depth(),
            parentLog + logTop + (n.rank() + 1) * logDecay, order++));
      }
    }
    // renumber breadth first: by depth, then by the parent's new index, then by rank
    int count = kept.size() + 1;
    int[] newIndex = new int[count];
    int[] parents = new int[count];
    int[] ranks = new int[count];
    parents[0] = -1;
    int next = 1;
    for (int d = 1; next < count; d++) {
      List<Integer> level = new ArrayList<>();
      for (int i = 0; i < kept.size(); i++) {
        if (kept.get(i).depth() == d) {
          level.add(i + 1);
        }
      }
      level.sort(Comparator.comparingInt((Integer id) -> newIndex[kept.get(id - 1).parent()])
          .thenComparingInt(id -> kept.get(id - 1).rank()));
      for (int id : level) {
        Node n = kept.get(id - 1);
        newIndex[id] = next;
        parents[next] = newIndex[n.parent()];
        ranks[next] = n.rank();
        next++;
      }
    }
    return new StaticTreeShape(parents, ranks);
  }

  /** A single path of {@code length} drafted tokens, each the draft's top token: classic assisted generation. */
  public static StaticTreeShape chain(int length) {
    int[] parents = new int[length + 1];
    int[] ranks = new int[length + 1];
    for (int m = 0; m <= length; m++) {
      parents[m] = m - 1;
    }
    return new StaticTreeShape(parents, ranks);
  }

  /** Nodes, root included (T). */
  public int size() {
    return size;
  }

  /** The parent of node {@code m}, −1 for the root. */
  public int parent(int m) {
    return parent[m];
  }

  /** The sibling rank of node {@code m}: it carries its parent's {@code rank}-th most probable draft token. */
  public int rank(int m) {
    return rank[m];
  }

  /** The depth of node {@code m} (root 0). */
  public int depth(int m) {
    return depth[m];
  }

  /** The largest depth: the most drafted tokens on one path. */
  public int deepest() {
    return deepest;
  }

  /** The number of children of node {@code m}. */
  public int childCount(int m) {
    return childCount[m];
  }

  /** The first child of {@code m} (children are contiguous, by rank), or −1. */
  public int childStart(int m) {
    return childStart[m];
  }

  /** Draft forward steps per round after the root's: one per depth that has children. */
  public int steps() {
    return Math.max(0, deepest - 1);
  }

  /** Frontier rows of step {@code s}. */
  public int stepCount(int s) {
    return stepCount[s];
  }

  /** The {@code i}-th frontier node of step {@code s}. */
  public int stepNode(int s, int i) {
    return frontierNodes[stepStart[s] + i];
  }

  /** Top tokens step {@code s} needs per row: its largest child count. */
  public int stepTopK(int s) {
    return stepTopK[s];
  }

  /** The row of frontier node {@code m} within its step, or −1 if {@code m} has no children. */
  public int frontierRow(int m) {
    return frontierRow[m];
  }

  /** All frontier rows over a round: the tentative draft rows the shape needs. */
  public int frontierTotal() {
    return frontierNodes.length;
  }

  /** Ancestry words per frontier row. */
  int ancestryWords() {
    return words;
  }

  /** The ancestry bits (tentative columns visible) of the {@code i}-th frontier row of step {@code s}. */
  long[] ancestryBits() {
    return frontierAncestry;
  }

  /** Offset in {@link #ancestryBits()} of the {@code i}-th frontier row of step {@code s}. */
  int ancestryOffset(int s, int i) {
    return (stepStart[s] + i) * words;
  }

  /** The most children of any node, the root included. */
  public int maxChildren() {
    int max = 0;
    for (int c : childCount) {
      max = Math.max(max, c);
    }
    return max;
  }
}
