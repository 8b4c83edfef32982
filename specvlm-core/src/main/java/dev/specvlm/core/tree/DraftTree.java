package dev.specvlm.core.tree;

import dev.specvlm.core.model.AttentionMask;

/**
 * The draft tree of one round, root first, in topological order: every parent precedes its children and the children
 * of one parent appear in descending draft probability. Node 0 is the root: the last committed token, whose KV is not
 * in the target cache yet. Built with {@link #reset(int)}, {@link #add(int, int)} and {@link #finish()}, which derives:
 *
 * <ul>
 *   <li>the tree attention mask ({@code [size, size]}: node m sees itself and its ancestors), brief §3.4;</li>
 *   <li>depths (root 0), so the target position of node m is {@code committedLength + depth(m)};</li>
 *   <li>child lists in index order (= descending draft probability);</li>
 *   <li>retrieve paths: one row per leaf, root to leaf, padded with −1, rows sorted lexicographically with −1 as +∞
 *       (which is depth-first order over the index-ordered child lists).</li>
 * </ul>
 *
 * <p>All arrays are preallocated for {@code capacity} nodes; reuse one tree per generation. Not thread-safe.
 */
public final class DraftTree {
  private final int capacity;
  private final int maxDepth;
  private final int[] tokens; // [capacity]
  private final int[] parents; // [capacity], parents[0] = -1
  private final int[] depths; // [capacity]
  private final int[] firstChild; // [capacity], -1 for none
  private final int[] lastChild; // [capacity]
  private final int[] nextSibling; // [capacity], -1 for none
  private final AttentionMask mask; // [capacity, capacity] bits
  private final int[] retrieve; // [capacity, maxDepth + 1] row-major, row stride = retrieveWidth
  private final int[] stack; // [capacity] depth-first traversal
  private int size;
  private int deepest;
  private int leafCount;
  private boolean finished;

  /**
   * An empty tree.
   *
   * @param capacity the most nodes, root included (T)
   * @param maxDepth the most drafted tokens on one path
   */
  public DraftTree(int capacity, int maxDepth) {
    if (capacity < 1 || maxDepth < 0) {
      throw new IllegalArgumentException("tree needs capacity >= 1 and maxDepth >= 0, got " + capacity + ", " + maxDepth);
    }
    this.capacity = capacity;
    this.maxDepth = maxDepth;
    this.tokens = new int[capacity];
    this.parents = new int[capacity];
    this.depths = new int[capacity];
    this.firstChild = new int[capacity];
    this.lastChild = new int[capacity];
    this.nextSibling = new int[capacity];
    this.mask = new AttentionMask(capacity, capacity);
    this.retrieve = new int[capacity * (maxDepth + 1)];
    this.stack = new int[capacity];
  }

  /** Starts a new tree holding only the root token. */
  public void reset(int rootToken) {
    size = 0;
    deepest = 0;
    leafCount = 0;
    finished = false;
    tokens[0] = rootToken;
    parents[0] = -1;
    depths[0] = 0;
    firstChild[0] = -1;
    lastChild[0] = -1;
    nextSibling[0] = -1;
    size = 1;
  }

  /**
   * Appends a drafted node.
   *
   * @param token the drafted token
   * @param parent an existing node; must be given in topological order, siblings in descending draft probability
   * @return the new node's index
   */
  public int add(int token, int parent) {
    if (size >= capacity) {
      throw new IllegalStateException("draft tree is full: capacity " + capacity);
    }
    if (parent < 0 || parent >= size) {
      throw new IllegalArgumentException("parent " + parent + " is not a node of this tree (size " + size + ")");
    }
    int depth = depths[parent] + 1;
    if (depth > maxDepth) {
      throw new IllegalArgumentException("node depth " + depth + " exceeds the tree's maxDepth " + maxDepth);
    }
    int m = size++;
    tokens[m] = token;
    parents[m] = parent;
    depths[m] = depth;
    firstChild[m] = -1;
    lastChild[m] = -1;
    nextSibling[m] = -1;
    if (lastChild[parent] < 0) {
      firstChild[parent] = m;
    } else {
      nextSibling[lastChild[parent]] = m;
    }
    lastChild[parent] = m;
    deepest = Math.max(deepest, depth);
    finished = false;
    return m;
  }

  /** Derives the mask and the retrieve paths; call once all nodes are added. */
  public void finish() {
    mask.reset(size, size);
    for (int m = 0; m < size; m++) {
      if (m > 0) {
        mask.inheritRow(m, parents[m]);
      }
      mask.set(m, m);
    }
    fillRetrieve();
    finished = true;
  }

  private void fillRetrieve() {
    int width = deepest + 1;
    leafCount = 0;
    int top = 0;
    stack[top++] = 0;
    while (top > 0) {
      int m = stack[--top];
      if (firstChild[m] < 0) {
        if (m == 0) {
          continue; // a root-only tree has no drafted path
        }
        int row = leafCount++ * width;
        for (int c = depths[m] + 1; c < width; c++) {
          retrieve[row + c] = -1;
        }
        for (int n = m; n >= 0; n = parents[n]) {
          retrieve[row + depths[n]] = n;
        }
        continue;
      }
      // push children in reverse index order so the lowest index is visited first
      int count = 0;
      for (int c = firstChild[m]; c >= 0; c = nextSibling[c]) {
        stack[top + count++] = c;
      }
      for (int i = 0, j = count - 1; i < j; i++, j--) {
        int t = stack[top + i];
        stack[top + i] = stack[top + j];
        stack[top + j] = t;
      }
      top += count;
    }
  }

  /** Nodes in the tree, root included. */
  public int size() {
    return size;
  }

  /** The most nodes this tree can hold. */
  public int capacity() {
    return capacity;
  }

  /** The token of node {@code m}. */
  public int token(int m) {
    return tokens[m];
  }

  /** The tokens, {@code [0, size())} valid; the array is owned by this tree (read only). */
  public int[] tokens() {
    return tokens;
  }

  /** The parent of node {@code m}, −1 for the root. */
  public int parent(int m) {
    return parents[m];
  }

  /** The depth of node {@code m}: 0 for the root, 1 for its children. */
  public int depth(int m) {
    return depths[m];
  }

  /** The largest node depth. */
  public int deepest() {
    return deepest;
  }

  /** The first (most probable) child of node {@code m}, or −1. */
  public int firstChild(int m) {
    return firstChild[m];
  }

  /** The next (less probable) sibling of node {@code m}, or −1. */
  public int nextSibling(int m) {
    return nextSibling[m];
  }

  /** The first child of {@code m} carrying {@code token}, or −1. */
  public int childWithToken(int m, int token) {
    for (int c = firstChild[m]; c >= 0; c = nextSibling[c]) {
      if (tokens[c] == token) {
        return c;
      }
    }
    return -1;
  }

  /** Writes the target position of every node, {@code base + depth(m)}, into {@code out[0, size())}. */
  public void positions(int base, int[] out) {
    for (int m = 0; m < size; m++) {
      out[m] = base + depths[m];
    }
  }

  /** The tree attention mask {@code [size, size]}: node m sees itself and its ancestors. Owned by this tree. */
  public AttentionMask mask() {
    checkFinished();
    return mask;
  }

  /** The number of retrieve paths (leaves). */
  public int leafCount() {
    checkFinished();
    return leafCount;
  }

  /** The width of a retrieve row: {@code deepest() + 1}. */
  public int retrieveWidth() {
    return deepest + 1;
  }

  /** Node index at column {@code col} of retrieve path {@code row}, or −1 past the leaf. */
  public int retrieve(int row, int col) {
    checkFinished();
    return retrieve[row * (deepest + 1) + col];
  }

  private void checkFinished() {
    if (!finished) {
      throw new IllegalStateException("call DraftTree.finish() after adding nodes");
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("DraftTree[");
    for (int m = 0; m < size; m++) {
      if (m > 0) {
        s.append(", ");
      }
      s.append(m).append(':').append(tokens[m]).append('^').append(parents[m]);
    }
    return s.append(']').toString();
  }
}
