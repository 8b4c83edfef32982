package dev.specvlm.onnx;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The direct buffers of one generation's state (KV cache, step inputs and outputs), released together by
 * {@link #close()} — at once, not whenever a later garbage collection finds them unreachable, which for a large model's
 * KV cache can be gigabytes held for an unbounded time. A buffer replaced by a larger one ({@link #ensure}) is
 * released when it is replaced. Freeing uses the JDK's {@code sun.misc.Unsafe.invokeCleaner} where the runtime offers
 * it and falls back to the garbage collector otherwise. Not thread-safe: one generation, one thread; no buffer may be
 * used (or viewed by a live tensor) after it is released.
 */
final class DirectMemory implements AutoCloseable {
  private static final @Nullable MethodHandle INVOKE_CLEANER = findCleaner();

  private final Map<Buffer, ByteBuffer> roots = new IdentityHashMap<>(); // handed-out view -> the buffer to free

  /** A zeroed direct float buffer of {@code count} floats in native order, owned by this memory. */
  FloatBuffer floats(long count) {
    ByteBuffer root = Tensors.direct(Math.multiplyExact(count, Float.BYTES));
    FloatBuffer view = root.asFloatBuffer();
    roots.put(view, root);
    return view;
  }

  /** A zeroed direct long buffer of {@code count} longs in native order, owned by this memory. */
  LongBuffer longs(long count) {
    ByteBuffer root = Tensors.direct(Math.multiplyExact(count, Long.BYTES));
    LongBuffer view = root.asLongBuffer();
    roots.put(view, root);
    return view;
  }

  /** {@code b} if it holds {@code n} floats, else a larger buffer (1.5× growth) that replaces and releases it. */
  FloatBuffer ensure(FloatBuffer b, long n) {
    if (b.capacity() >= n) {
      return b;
    }
    FloatBuffer grown = floats(Math.max(n, b.capacity() + (b.capacity() >> 1)));
    release(b);
    return grown;
  }

  /** {@code b} if it holds {@code n} longs, else a larger buffer that replaces and releases it. */
  LongBuffer ensure(LongBuffer b, long n) {
    if (b.capacity() >= n) {
      return b;
    }
    LongBuffer grown = longs(Math.max(n, b.capacity() + (b.capacity() >> 1)));
    release(b);
    return grown;
  }

  /** Bytes held right now. */
  long bytes() {
    long total = 0;
    for (ByteBuffer b : roots.values()) {
      total += b.capacity();
    }
    return total;
  }

  private void release(Buffer view) {
    ByteBuffer root = roots.remove(view);
    if (root != null) {
      free(root);
    }
  }

  /** Releases every buffer; idempotent. */
  @Override
  public void close() {
    for (ByteBuffer root : roots.values()) {
      free(root);
    }
    roots.clear();
  }

  private static void free(ByteBuffer root) {
    if (INVOKE_CLEANER == null) {
      return; // the garbage collector frees it
    }
    try {
      INVOKE_CLEANER.invokeExact(root);
    } catch (Throwable e) {
      throw new IllegalStateException("freeing a direct buffer failed", e);
    }
  }

  /** {@code sun.misc.Unsafe.invokeCleaner(ByteBuffer)} bound to the Unsafe instance, or null where unavailable. */
  private static @Nullable MethodHandle findCleaner() {
    try {
      Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
      Field field = unsafeClass.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      return MethodHandles.lookup().findVirtual(unsafeClass, "invokeCleaner",
          MethodType.methodType(void.class, ByteBuffer.class)).bindTo(field.get(null));
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.getLogger(DirectMemory.class.getName()).log(System.Logger.Level.DEBUG,
          "direct buffers are freed by the garbage collector: " + e);
      return null;
    }
  }
}
