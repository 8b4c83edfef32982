package dev.specvlm.train.nn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training checkpoint: string metadata (step, samples seen, configuration) and named float tensors (weights,
 * optimizer moments), in one little-endian binary file written atomically (a temporary file moved into place), so an
 * interrupted write never leaves a broken checkpoint behind.
 *
 * <p>Layout: magic {@code SVCK}, version 1, then the metadata count and key/value strings, then the tensor count and
 * for each a name and a float count followed by the floats. Strings are a length (int) and UTF-8 bytes.
 *
 * @param meta metadata, in order
 * @param tensors float arrays by name, in order (shared, not copied)
 */
public record Checkpoint(Map<String, String> meta, Map<String, float[]> tensors) {
  private static final int MAGIC = 0x4B435653; // "SVCK" little-endian
  private static final int VERSION = 1;
  private static final int CHUNK = 1 << 20;

  /** Writes this checkpoint to {@code file}, replacing it atomically. */
  public void write(Path file) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(MAGIC).putInt(VERSION).putInt(meta.size());
        for (Map.Entry<String, String> e : meta.entrySet()) {
          buf = putString(ch, buf, e.getKey());
          buf = putString(ch, buf, e.getValue());
        }
        buf = ensure(ch, buf, 4);
        buf.putInt(tensors.size());
        for (Map.Entry<String, float[]> e : tensors.entrySet()) {
          buf = putString(ch, buf, e.getKey());
          float[] v = e.getValue();
          buf = ensure(ch, buf, 4);
          buf.putInt(v.length);
          int at = 0;
          while (at < v.length) {
            buf = ensure(ch, buf, 4);
            int n = Math.min(v.length - at, buf.remaining() / 4);
            buf.asFloatBuffer().put(v, at, n);
            buf.position(buf.position() + 4 * n);
            at += n;
          }
        }
        flush(ch, buf);
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + file.toAbsolutePath()
          + "; check free disk space and that the folder is writable", e);
    }
  }

  /** Reads a checkpoint written by {@link #write}. */
  public static Checkpoint read(Path file) {
    try {
      ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
      if (buf.remaining() < 12 || buf.getInt() != MAGIC) {
        throw new IllegalArgumentException(file + " is not a specvlm checkpoint (bad magic)");
      }
      int version = buf.getInt();
      if (version != VERSION) {
        throw new IllegalArgumentException(file + " has checkpoint version " + version + ", this code reads "
            + VERSION);
      }
      Map<String, String> meta = new LinkedHashMap<>();
      int metaCount = buf.getInt();
      for (int i = 0; i < metaCount; i++) {
        meta.put(getString(buf), getString(buf));
      }
      Map<String, float[]> tensors = new LinkedHashMap<>();
      int count = buf.getInt();
      for (int i = 0; i < count; i++) {
        String name = getString(buf);
        float[] v = new float[buf.getInt()];
        buf.asFloatBuffer().get(v);
        buf.position(buf.position() + 4 * v.length);
        tensors.put(name, v);
      }
      return new Checkpoint(meta, tensors);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + file.toAbsolutePath(), e);
    } catch (java.nio.BufferUnderflowException e) {
      throw new IllegalArgumentException("checkpoint " + file + " is truncated; delete it to start over", e);
    }
  }

  /**
   * A training checkpoint: weights under {@code w.}, optimizer state under {@code adam.}.
   *
   * @param meta step counters and the like
   */
  public static Checkpoint of(Map<String, String> meta, ParameterSet params, AdamW adam,
      java.util.function.Predicate<String> saved) {
    Map<String, float[]> tensors = new LinkedHashMap<>();
    params.toFloatArrays().forEach((name, v) -> {
      if (saved.test(name)) {
        tensors.put("w." + name, v);
      }
    });
    adam.state().forEach((name, v) -> tensors.put("adam." + name, v));
    return new Checkpoint(meta, tensors);
  }

  /** The metadata value of {@code key}. */
  public String meta(String key) {
    String v = meta.get(key);
    if (v == null) {
      throw new IllegalArgumentException("checkpoint has no '" + key + "' entry; it was written by another trainer");
    }
    return v;
  }

  /** The tensors whose names start with {@code prefix}, with the prefix removed. */
  public Map<String, float[]> withPrefix(String prefix) {
    Map<String, float[]> out = new LinkedHashMap<>();
    tensors.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return out;
  }

  private static ByteBuffer putString(FileChannel ch, ByteBuffer buf, String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    buf = ensure(ch, buf, 4 + bytes.length);
    buf.putInt(bytes.length).put(bytes);
    return buf;
  }

  private static String getString(ByteBuffer buf) {
    byte[] bytes = new byte[buf.getInt()];
    buf.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static ByteBuffer ensure(FileChannel ch, ByteBuffer buf, int bytes) throws IOException {
    if (buf.remaining() >= bytes) {
      return buf;
    }
    flush(ch, buf);
    if (buf.capacity() < bytes) {
      return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
    return buf;
  }

  private static void flush(FileChannel ch, ByteBuffer buf) throws IOException {
    buf.flip();
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
    buf.clear();
  }
}
