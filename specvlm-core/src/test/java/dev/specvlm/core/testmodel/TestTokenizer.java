package dev.specvlm.core.testmodel;

import dev.specvlm.core.model.Tokenizer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A byte-piece tokenizer for tests. Ids 0, 1, 2 are EOS, BOS and the image token (they decode to nothing). Then come
 * fixed pieces — a space, single letters, a period, the two bytes of "é" as two separate tokens (so a character can
 * be split across tokens), multi-letter pieces — and, for larger vocabularies, generated words {@code " w<letters>"}.
 * Encoding is greedy longest match over UTF-8 bytes; bytes no piece covers are dropped.
 */
public final class TestTokenizer implements Tokenizer {
  public static final int EOS = 0;
  public static final int BOS = 1;
  public static final int IMAGE = 2;
  private static final byte[][] FIXED = {
    bytes(" "), bytes("a"), bytes("b"), bytes("c"), bytes("d"), bytes("e"), bytes("."),
    {(byte) 0xC3}, {(byte) 0xA9}, bytes("ab"), bytes("cd"), bytes(" the"), bytes("x"), bytes("y"), bytes("z"),
    bytes("o"), bytes("n"), bytes(" and"), bytes("ing"), bytes("é"),
  };

  private final int vocab;
  private final byte[][] pieces; // [V]
  private final Map<String, Integer> byPiece = new HashMap<>(); // ISO-8859-1 view of the bytes → id
  private final int longest;

  /** A tokenizer over {@code vocab} ids (at least 3). */
  public TestTokenizer(int vocab) {
    this.vocab = vocab;
    this.pieces = new byte[vocab][];
    int max = 1;
    for (int id = 0; id < vocab; id++) {
      byte[] p = id < 3 ? new byte[0] : id - 3 < FIXED.length ? FIXED[id - 3] : bytes(" w" + letters(id));
      pieces[id] = p;
      if (p.length > 0) {
        byPiece.putIfAbsent(new String(p, StandardCharsets.ISO_8859_1), id);
        max = Math.max(max, p.length);
      }
    }
    this.longest = max;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String letters(int n) {
    StringBuilder s = new StringBuilder();
    do {
      s.append((char) ('a' + n % 26));
      n /= 26;
    } while (n > 0);
    return s.toString();
  }

  /** The bytes token {@code id} stands for. */
  public byte[] piece(int id) {
    return pieces[id].clone();
  }

  @Override
  public int[] encode(String text) {
    byte[] b = bytes(text);
    String latin = new String(b, StandardCharsets.ISO_8859_1);
    int[] out = new int[b.length];
    int n = 0;
    int i = 0;
    while (i < b.length) {
      int found = -1;
      int len = Math.min(longest, b.length - i);
      for (; len > 0; len--) {
        Integer id = byPiece.get(latin.substring(i, i + len));
        if (id != null) {
          found = id;
          break;
        }
      }
      if (found < 0) {
        i++;
      } else {
        out[n++] = found;
        i += len;
      }
    }
    return Arrays.copyOf(out, n);
  }

  @Override
  public String decode(int[] ids, int from, int to) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int i = from; i < to; i++) {
      b.writeBytes(pieces[ids[i]]);
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  @Override
  public int vocabSize() {
    return vocab;
  }
}
