package dev.specvlm.core.accept;

/**
 * Deterministic top-k selection over {@code double} values with a bounded binary heap: the result is ordered by value
 * descending, and among equal values the lower index comes first. O(n log k), no allocation after construction.
 * Values must not be NaN. Not thread-safe; one instance per user.
 */
public final class TopK {
  private final int[] heap; // [capacity] indices, a min-heap under "worse first"

  /** A selector for up to {@code capacity} results. */
  public TopK(int capacity) {
    this.heap = new int[Math.max(1, capacity)];
  }

  /** The most results one call may ask for. */
  public int capacity() {
    return heap.length;
  }

  /**
   * Writes the indices of the {@code k} largest of {@code values[0, n)} into {@code out[0, min(k, n))}, best first.
   *
   * @return the number of indices written, {@code min(k, n)}
   */
  public int select(double[] values, int n, int k, int[] out) {
    checkK(k);
    int size = 0;
    for (int i = 0; i < n; i++) {
      size = offer(values, i, size, k);
    }
    return drain(values, size, out);
  }

  /**
   * Like {@link #select(double[], int, int, int[])} but over the candidates {@code indices[0, n)} only.
   *
   * @return the number of indices written
   */
  public int selectAmong(double[] values, int[] indices, int n, int k, int[] out) {
    checkK(k);
    int size = 0;
    for (int j = 0; j < n; j++) {
      size = offer(values, indices[j], size, k);
    }
    return drain(values, size, out);
  }

  private void checkK(int k) {
    if (k > heap.length) {
      throw new IllegalArgumentException("top-k of " + k + " exceeds this selector's capacity " + heap.length);
    }
  }

  private int offer(double[] values, int i, int size, int k) {
    if (size < k) {
      heap[size] = i;
      siftUp(values, size);
      return size + 1;
    }
    if (k > 0 && better(values, i, heap[0])) {
      heap[0] = i;
      siftDown(values, 0, size);
    }
    return size;
  }

  private int drain(double[] values, int size, int[] out) {
    int count = size;
    for (int pos = count - 1; pos >= 0; pos--) {
      out[pos] = heap[0];
      heap[0] = heap[--size];
      siftDown(values, 0, size);
    }
    return count;
  }

  /** Whether index {@code a} ranks before index {@code b}: larger value, or equal value and lower index. */
  static boolean better(double[] v, int a, int b) {
    return v[a] > v[b] || (v[a] == v[b] && a < b);
  }

  private void siftUp(double[] v, int pos) {
    int x = heap[pos];
    while (pos > 0) {
      int parent = (pos - 1) >>> 1;
      if (!better(v, heap[parent], x)) {
        break;
      }
      heap[pos] = heap[parent];
      pos = parent;
    }
    heap[pos] = x;
  }

  private void siftDown(double[] v, int pos, int size) {
    int x = heap[pos];
    while (true) {
      int child = 2 * pos + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && better(v, heap[child], heap[child + 1])) {
        child++;
      }
      if (!better(v, x, heap[child])) {
        break;
      }
      heap[pos] = heap[child];
      pos = child;
    }
    heap[pos] = x;
  }
}
