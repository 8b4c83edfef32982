package dev.specvlm.onnx;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.specvlm.ModelLoadException;
import dev.specvlm.core.model.Tokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A Hugging Face {@code tokenizer.json} run by DJL's native tokenizers library. Encodes without special tokens,
 * truncation or padding. Thread-safe; {@link #close()} releases the native handle.
 */
final class HfTokenizer implements Tokenizer, AutoCloseable {
  private static final Map<String, String> OPTIONS =
      Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");

  private final HuggingFaceTokenizer tokenizer;
  private final int vocabSize;
  private volatile boolean closed;

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
    HuggingFaceTokenizer tokenizer;
    try {
      tokenizer = HuggingFaceTokenizer.newInstance(file, OPTIONS);
    } catch (IOException | RuntimeException | LinkageError e) {
      throw new ModelLoadException("tokenizer " + file + " cannot be loaded by the Hugging Face tokenizers library: "
          + e.getMessage(), e);
    }
    return new HfTokenizer(tokenizer, vocab);
  }

  /** One more than the largest id in the tokenizer's model vocabulary and added tokens. */
  private static int countIds(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ModelLoadException("cannot read tokenizer " + file + ": " + e, e);
    }
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
    return e.getAsLong();
  }

  @Override
  public int[] encode(String text) {
    Objects.requireNonNull(text, "text");
    checkOpen();
    long[] ids = tokenizer.encode(text, false, false).getIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = (int) ids[i];
    }
    return out;
  }

  @Override
  public String decode(int[] ids, int from, int to) {
    Objects.checkFromToIndex(from, to, ids.length);
    checkOpen();
    long[] range = new long[to - from];
    for (int i = from; i < to; i++) {
      range[i - from] = ids[i];
    }
    return tokenizer.decode(range, false);
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

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      tokenizer.close();
    }
  }
}
