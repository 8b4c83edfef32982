package dev.specvlm.onnx;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.specvlm.ModelLoadException;
import dev.specvlm.core.model.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A Hugging Face {@code tokenizer.json} run by DJL's native tokenizers library. Encodes without special tokens,
 * truncation or padding. Thread-safe; {@link #close()} releases the native handle once calls in flight have returned.
 */
final class HfTokenizer implements Tokenizer, AutoCloseable {
  private static final Map<String, String> OPTIONS =
      Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");
  /** The largest tokenizer.json read; real ones are a few MB to a few tens of MB. */
  static final long MAX_BYTES = 256L << 20;
  /** DJL's setting (environment variable or system property) that picks the build of its native library. */
  static final String NATIVE_FLAVOR = "RUST_FLAVOR";

  private final HuggingFaceTokenizer tokenizer;
  private final int vocabSize;
  /** Calls hold the read side, {@link #close()} the write side: the native handle is never freed under a call. */
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed; // guarded by lock

  private HfTokenizer(HuggingFaceTokenizer tokenizer, int vocabSize) {
    this.tokenizer = tokenizer;
    this.vocabSize = vocabSize;
  }

  /**
   * Loads {@code file}.
   *
   * @throws ModelLoadException if the file is not a tokenizer DJL can load
   */
  static HfTokenizer load(Path file) {
    int vocab = countIds(file);
    pinCpuNativeLibrary();
    HuggingFaceTokenizer tokenizer;
    try {
      tokenizer = HuggingFaceTokenizer.newInstance(file, OPTIONS);
    } catch (IOException | RuntimeException | LinkageError e) {
      throw new ModelLoadException("tokenizer " + file + " cannot be loaded by the Hugging Face tokenizers library: "
          + e.getMessage(), e);
    }
    return new HfTokenizer(tokenizer, vocab);
  }

  /**
   * Makes DJL use the CPU build of its tokenizers library, which its jar carries. On a host where DJL detects CUDA it
   * would otherwise pick a CUDA build and download it from the internet on first use; specvlm never downloads.
   * An application that sets {@value #NATIVE_FLAVOR} itself keeps its choice.
   */
  static void pinCpuNativeLibrary() {
    if (System.getenv(NATIVE_FLAVOR) == null && System.getProperty(NATIVE_FLAVOR) == null) {
      System.setProperty(NATIVE_FLAVOR, "cpu");
    }
  }

  /** One more than the largest id in the tokenizer's model vocabulary and added tokens. */
  private static int countIds(Path file) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) MAX_BYTES + 1);
    } catch (IOException e) {
      throw new ModelLoadException("cannot read tokenizer " + file + ": " + e, e);
    }
    if (bytes.length > MAX_BYTES) {
      throw new ModelLoadException("tokenizer " + file + " is larger than " + (MAX_BYTES >> 20) + " MiB; a"
          + " tokenizer.json is a few MB");
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    JsonFields json = new JsonFields(file.toString());
    JsonObject root = json.parseObject(text);
    JsonObject model = json.object(root, "", "model");
    JsonElement vocab = json.required(model, "model", "vocab", "the token vocabulary");
    long max = -1;
    if (vocab.isJsonObject()) { // BPE, WordPiece, WordLevel: {"token": id}
      for (Map.Entry<String, JsonElement> e : vocab.getAsJsonObject().entrySet()) {
        max = Math.max(max, id(json, "model.vocab." + e.getKey(), e.getValue()));
      }
    } else if (vocab.isJsonArray()) { // Unigram: [["token", score], ...]
      max = vocab.getAsJsonArray().size() - 1L;
    } else {
      throw json.wrongType("model.vocab", "an object or an array", vocab);
    }
    JsonElement added = json.optional(root, "", "added_tokens");
    if (added != null && added.isJsonArray()) {
      for (JsonElement token : added.getAsJsonArray()) {
        if (token.isJsonObject()) {
          max = Math.max(max, id(json, "added_tokens[].id", json.required(token.getAsJsonObject(), "added_tokens[]",
              "id", "the token id")));
        }
      }
    }
    if (max < 0 || max >= Integer.MAX_VALUE) {
      throw json.invalid("model.vocab", "holds no usable token ids");
    }
    return (int) (max + 1);
  }

  private static long id(JsonFields json, String field, JsonElement e) {
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw json.wrongType(field, "a token id", e);
    }
    try {
      long id = e.getAsBigDecimal().longValueExact();
      if (id >= 0 && id < Integer.MAX_VALUE) {
        return id;
      }
    } catch (ArithmeticException notAnInteger) {
      // reported below
    }
    throw json.wrongType(field, "a token id (an integer in [0, " + (Integer.MAX_VALUE - 1) + "])", e);
  }

  @Override
  public int[] encode(String text) {
    Objects.requireNonNull(text, "text");
    long[] ids;
    lock.readLock().lock();
    try {
      checkOpen();
      ids = tokenizer.encode(text, false, false).getIds();
    } finally {
      lock.readLock().unlock();
    }
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = (int) ids[i];
    }
    return out;
  }

  @Override
  public String decode(int[] ids, int from, int to) {
    Objects.checkFromToIndex(from, to, ids.length);
    long[] range = new long[to - from];
    for (int i = from; i < to; i++) {
      range[i - from] = ids[i];
    }
    lock.readLock().lock();
    try {
      checkOpen();
      return tokenizer.decode(range, true); // special tokens (<eos>, <image>, …) are markup, not text
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public int vocabSize() {
    return vocabSize;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("HfTokenizer is closed");
    }
  }

  /** Frees the native tokenizer once no call is using it; idempotent. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        tokenizer.close();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }
}
