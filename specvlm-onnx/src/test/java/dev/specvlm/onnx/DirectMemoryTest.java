package dev.specvlm.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import org.junit.jupiter.api.Test;

class DirectMemoryTest {
  /** Bytes of direct buffers the JVM counts as in use (released at once by a cleaner, or at GC otherwise). */
  private static long directBytesInUse() {
    return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
  }

  @Test
  void close_releasesEveryBufferAtOnceWithoutAGarbageCollection() {
    long before = directBytesInUse();
    DirectMemory memory = new DirectMemory();
    FloatBuffer floats = memory.floats(2 << 20); // 8 MiB
    LongBuffer longs = memory.longs(1 << 20); // 8 MiB
    assertEquals(ByteOrder.nativeOrder(), floats.order());
    assertEquals(16L << 20, memory.bytes());
    assertTrue(directBytesInUse() - before >= 16L << 20);
    longs.put(0, 7);
    memory.close();
    assertEquals(0, memory.bytes());
    // no System.gc() here: the 16 MiB are given back by close() itself
    assertTrue(directBytesInUse() - before < 1 << 20, "direct bytes still in use: " + (directBytesInUse() - before));
    memory.close(); // idempotent
  }

  @Test
  void ensure_growsByHalfAndReleasesTheReplacedBuffer() {
    try (DirectMemory memory = new DirectMemory()) {
      FloatBuffer small = memory.floats(1000);
      assertSame(small, memory.ensure(small, 1000));
      FloatBuffer grown = memory.ensure(small, 1001);
      assertEquals(1500, grown.capacity());
      assertEquals(1500L * Float.BYTES, memory.bytes(), "the replaced buffer is released");
      assertEquals(4000, memory.ensure(grown, 4000).capacity());
    }
  }
}
