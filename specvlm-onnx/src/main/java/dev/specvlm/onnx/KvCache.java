package dev.specvlm.onnx;

import java.nio.FloatBuffer;
import org.jspecify.annotations.Nullable;

/**
 * One generation's KV cache for one decoder graph, in direct native-order buffers allocated once.
 *
 * <p>A graph step reads {@code past_key_values.{i}.key/value [1, kvH, past, hd]} and writes
 * {@code present.{i}.key/value [1, kvH, past + q, hd]}; both are contiguous, so the row stride of a head changes with
 * every length. The cache therefore keeps two buffer sets: the <em>front</em> set holds the current
 * {@link #length()} rows laid out {@code [kvH, length, hd]} (the next step's past), the <em>back</em> set receives the
 * next step's present (pinned output), after which the sets swap ({@link #appended}). Dropping rows
 * ({@link #compact}) gathers the kept rows into the back set at the new stride and swaps again; a step that keeps
 * every row costs no copy here.
 *
 * <p>Slab {@code 2i} is layer i's key, slab {@code 2i + 1} its value; each buffer holds
 * {@code [kvH, capacity, hd]} floats at most.
 */
final class KvCache {
  private final int slabs;
  private final int kvHeads;
  private final int headDim;
  private final int capacity;
  private final FloatBuffer[][] sets; // [2][slabs], each kvHeads * capacity * headDim floats
  private int front;
  private int length;

  KvCache(int layers, int kvHeads, int headDim, int capacity) {
    this.slabs = 2 * layers;
    this.kvHeads = kvHeads;
    this.headDim = headDim;
    this.capacity = capacity;
    long perSlab = (long) kvHeads * capacity * headDim;
    if (perSlab * Float.BYTES > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a KV slab of " + kvHeads + " heads x " + capacity + " positions x "
          + headDim + " floats exceeds 2 GiB; lower the capacity");
    }
    this.sets = new FloatBuffer[2][slabs];
    for (int set = 0; set < 2; set++) {
      for (int s = 0; s < slabs; s++) {
        sets[set][s] = Tensors.floats(perSlab);
      }
    }
  }

  /** Rows in the front set. */
  int length() {
    return length;
  }

  int capacity() {
    return capacity;
  }

  int slabs() {
    return slabs;
  }

  int kvHeads() {
    return kvHeads;
  }

  int headDim() {
    return headDim;
  }

  /** The front buffer of {@code slab}: the past of the next step, {@code [kvH, length, hd]}. */
  FloatBuffer past(int slab) {
    return sets[front][slab];
  }

  /** The back buffer of {@code slab}: where the next step writes its present. */
  FloatBuffer present(int slab) {
    return sets[1 - front][slab];
  }

  /** After a step wrote {@code q} new rows into the back set: the back set becomes the front. */
  void appended(int q) {
    if (length + q > capacity) {
      throw new IllegalStateException("KV cache overflow: " + length + " + " + q + " > capacity " + capacity);
    }
    front = 1 - front;
    length += q;
  }

  /**
   * Keeps the first {@code prefix} rows and then rows {@code prefix + keep[j]} for {@code j < count} (in order), so the
   * cache holds {@code prefix + count} rows; {@code keep} may be null when {@code count} is 0.
   */
  void compact(int prefix, int @Nullable [] keep, int count) {
    int stride = length;
    int newLength = prefix + count;
    int rowFloats = headDim;
    for (int s = 0; s < slabs; s++) {
      FloatBuffer src = sets[front][s];
      FloatBuffer dst = sets[1 - front][s];
      for (int h = 0; h < kvHeads; h++) {
        int from = h * stride * rowFloats;
        int to = h * newLength * rowFloats;
        dst.put(to, src, from, prefix * rowFloats);
        for (int j = 0; j < count; j++) {
          dst.put(to + (prefix + j) * rowFloats, src, from + (prefix + keep[j]) * rowFloats, rowFloats);
        }
      }
    }
    front = 1 - front;
    length = newLength;
  }

  /** Bytes of both buffer sets. */
  long bytes() {
    return 2L * slabs * kvHeads * capacity * headDim * Float.BYTES;
  }
}
