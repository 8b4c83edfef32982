package dev.specvlm.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates ONNX tensors that alias direct native-order buffers (zero-copy inputs, pinned outputs), counting them in
 * {@link NativeResources}, and a scope that closes every tensor of one run.
 */
final class Tensors {
  private Tensors() {}

  /** A zeroed direct float buffer in native byte order (ONNX Runtime reads any other order as garbage). */
  static FloatBuffer floats(long count) {
    return ByteBuffer.allocateDirect(Math.toIntExact(Math.multiplyExact(count, Float.BYTES)))
        .order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  /** A zeroed direct long buffer in native byte order. */
  static LongBuffer longs(long count) {
    return ByteBuffer.allocateDirect(Math.toIntExact(Math.multiplyExact(count, Long.BYTES)))
        .order(ByteOrder.nativeOrder()).asLongBuffer();
  }

  /** The elements of {@code shape}. */
  static long elements(long... shape) {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /**
   * The tensors of one run: each view aliases the first {@code elements(shape)} values of its buffer, and
   * {@link #close()} closes them all. Not thread-safe; one scope per run.
   */
  static final class Scope implements AutoCloseable {
    private final OrtEnvironment env;
    private final List<OnnxTensor> open = new ArrayList<>();

    Scope(OrtEnvironment env) {
      this.env = env;
    }

    /** A float tensor of {@code shape} over the start of {@code buffer}. */
    OnnxTensor view(FloatBuffer buffer, long... shape) throws OrtException {
      return track(OnnxTensor.createTensor(env, buffer.slice(0, (int) elements(shape)), shape));
    }

    /** A long tensor of {@code shape} over the start of {@code buffer}. */
    OnnxTensor view(LongBuffer buffer, long... shape) throws OrtException {
      return track(OnnxTensor.createTensor(env, buffer.slice(0, (int) elements(shape)), shape));
    }

    /** A float tensor holding a copy of {@code data} (for one-off runs, not per-step inputs). */
    OnnxTensor copyOf(float[] data, long... shape) throws OrtException {
      return track(OnnxTensor.createTensor(env, FloatBuffer.wrap(data, 0, (int) elements(shape)), shape));
    }

    /** A long tensor holding a copy of {@code data}. */
    OnnxTensor copyOf(long[] data, long... shape) throws OrtException {
      return track(OnnxTensor.createTensor(env, LongBuffer.wrap(data, 0, (int) elements(shape)), shape));
    }

    private OnnxTensor track(OnnxTensor tensor) {
      NativeResources.TENSORS.incrementAndGet();
      open.add(tensor);
      return tensor;
    }

    @Override
    public void close() {
      for (OnnxTensor t : open) {
        t.close();
        NativeResources.TENSORS.decrementAndGet();
      }
      open.clear();
    }
  }
}
