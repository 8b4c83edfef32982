package dev.specvlm.onnx.reference;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named float tensor: its shape and its values, row-major (C order, the PyTorch {@code contiguous()} layout).
 * The array is shared, not copied: treat it as read-only once the tensor is built.
 *
 * @param name the PyTorch-style state-dict name, e.g. {@code "layers.0.self_attn.q_proj.weight"}
 * @param shape the dimensions, outermost first
 * @param data {@code product(shape)} values
 */
public record FloatTensor(String name, int[] shape, float[] data) {

  /** Validates that {@code data} holds exactly {@code product(shape)} values. */
  public FloatTensor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(data, "data");
    if (size(shape) != data.length) {
      throw new IllegalArgumentException("tensor " + name + " of shape " + Arrays.toString(shape) + " needs "
          + size(shape) + " values, got " + data.length);
    }
  }

  /** The shape as {@code long[]}, as ONNX wants it. */
  public long[] dims() {
    return Arrays.stream(shape).asLongStream().toArray();
  }

  /** The number of values of a tensor of {@code shape}. */
  static long size(int[] shape) {
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      n *= d;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FloatTensor t
        && name.equals(t.name) && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(shape), Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "FloatTensor[" + name + " " + Arrays.toString(shape) + "]";
  }
}
