package dev.specvlm.onnx;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * A list of byte-level edits, generated from plain integers so that QuickTheories can shrink a failing case to
 * fewer and smaller edits. Each edit is three integers: kind, position (scaled to the data's length) and argument.
 */
record ByteMutations(List<Integer> codes) {
  private static final String[] KINDS = {"flip-bit", "set-byte", "truncate", "insert", "write-int", "duplicate"};

  /** One to {@code maxEdits} edits. */
  static Gen<ByteMutations> edits(int maxEdits) {
    return Generate.intArrays(Generate.range(1, maxEdits).map(n -> 3 * n), Generate.range(0, Integer.MAX_VALUE))
        .map(codes -> new ByteMutations(Arrays.stream(codes).boxed().toList()));
  }

  /** {@code data} with the edits applied in order (a new array). */
  byte[] apply(byte[] data) {
    byte[] out = data;
    for (int i = 0; i + 2 < codes.size(); i += 3) {
      out = apply(out, codes.get(i) % KINDS.length, codes.get(i + 1), codes.get(i + 2));
    }
    return out;
  }

  private static byte[] apply(byte[] in, int kind, int rawPosition, int arg) {
    int at = in.length == 0 ? 0 : (int) ((long) rawPosition * in.length / Integer.MAX_VALUE);
    byte[] out = in.clone();
    switch (kind) {
      case 0 -> {
        if (at < out.length) {
          out[at] ^= (byte) (1 << (arg & 7));
        }
      }
      case 1 -> {
        if (at < out.length) {
          int[] interesting = {0, 0xff, 0x7f, 0x80, 1, arg & 0xff};
          out[at] = (byte) interesting[(arg >>> 8) % interesting.length];
        }
      }
      case 2 -> out = Arrays.copyOf(in, at);
      case 3 -> {
        byte[] insert = new byte[arg % 64 + 1];
        Arrays.fill(insert, (byte) (arg >>> 8));
        out = splice(in, at, 0, insert);
      }
      case 4 -> {
        byte[] value = {(byte) (arg >>> 24), (byte) (arg >>> 16), (byte) (arg >>> 8), (byte) arg};
        for (int j = 0; j < 4 && at + j < out.length; j++) {
          out[at + j] = value[j];
        }
      }
      case 5 -> {
        int length = Math.min(arg % 256 + 1, in.length - at);
        out = splice(in, at, 0, Arrays.copyOfRange(in, at, at + Math.max(0, length)));
      }
      default -> throw new AssertionError(kind);
    }
    return out;
  }

  private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + insert.length);
    out.write(in, 0, at);
    out.write(insert, 0, insert.length);
    out.write(in, at + remove, in.length - at - remove);
    return out.toByteArray();
  }

  @Override
  public String toString() {
    List<String> edits = new ArrayList<>();
    for (int i = 0; i + 2 < codes.size(); i += 3) {
      edits.add(KINDS[codes.get(i) % KINDS.length] + "@" + codes.get(i + 1) + "/" + Integer.MAX_VALUE + "("
          + codes.get(i + 2) + ")");
    }
    return edits.toString();
  }
}
