package dev.specvlm.onnx;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.specvlm.Device;
import dev.specvlm.GraphOptimization;
import dev.specvlm.core.model.ModelSpec;
import dev.specvlm.onnx.image.ImageSettings;
import dev.specvlm.onnx.image.Resample;
import dev.specvlm.onnx.image.ResizePolicy;
import dev.specvlm.onnx.image.Rgb;
import dev.specvlm.onnx.reference.ReferenceConfig;
import dev.specvlm.onnx.reference.ReferenceModelWriter;
import dev.specvlm.onnx.reference.ReferenceWeights;
import dev.specvlm.onnx.reference.TensorNames;
import dev.specvlm.onnx.reference.WeightNames;
import dev.specvlm.onnx.reference.WriterOptions;
import dev.specvlm.spi.DecoderOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Complete model folders for tests: the reference VLM with random weights (hidden 64, 2 layers, 4 query heads over 2
 * KV heads of 16, vocabulary 256, patch 4, a one-layer draft), a WordLevel {@code tokenizer.json} of
 * {@link #TOKENIZER_WORDS} ids, and {@code specvlm.json}.
 */
public final class TestModels {
  /** The fixture's sizes (context 1024: room for the largest image, 576 visual tokens, plus text and a tree). */
  public static final ReferenceConfig CONFIG = ReferenceConfig.tiny().toBuilder().contextLength(1024).build();
  /** Ids of the fixture tokenizer: fewer than the model's 256, as real models often pad their vocabulary. */
  public static final int TOKENIZER_WORDS = 200;
  /** Special ids: 0 unknown, 1 begin, 2 end, 3 image slot. */
  public static final int BOS = 1;
  public static final int EOS = 2;
  public static final int IMAGE = 3;

  private TestModels() {}

  /** Writes the fixture folder into {@code dir} with weights from {@code seed}; returns {@code dir}. */
  public static Path write(Path dir, long seed) {
    return write(dir, seed, WriterOptions.defaults());
  }

  /** Writes the fixture folder with the given writer options. */
  public static Path write(Path dir, long seed, WriterOptions options) {
    return write(dir, ReferenceWeights.random(CONFIG, seed), options);
  }

  /**
   * Writes a fixture whose draft predicts the target well: the target's layers add only {@code context} times their
   * output to the residual stream (so the next token depends mostly on the current one, a little on the context), and
   * the draft passes the next token's embedding through unchanged to the shared LM head — whose argmax is the target's
   * when the final norm's weight is 1. Greedy speculation then accepts long paths, with occasional misses.
   */
  public static Path writePredictable(Path dir, long seed, float context) {
    return writePredictable(dir, CONFIG, seed, context);
  }

  /**
   * {@link #writePredictable(Path, long, float)} for another configuration (e.g. a deeper, wider target, whose forward
   * costs more than its draft's, as in real model pairs); its vocabulary must hold {@link #TOKENIZER_WORDS} ids.
   */
  public static Path writePredictable(Path dir, ReferenceConfig config, long seed, float context) {
    ReferenceWeights random = ReferenceWeights.random(config, seed);
    Map<String, float[]> values = new LinkedHashMap<>();
    random.tensors().forEach((name, t) -> values.put(name, t.data().clone()));
    for (int i = 0; i < config.numLayers(); i++) {
      for (String leaf : List.of(WeightNames.O_PROJ, WeightNames.DOWN_PROJ)) {
        float[] w = values.get(WeightNames.layer(i, leaf));
        for (int j = 0; j < w.length; j++) {
          w[j] *= context;
        }
      }
    }
    Arrays.fill(values.get(WeightNames.FINAL_NORM), 1f);
    int h = config.hiddenSize();
    float[] fc = values.get(WeightNames.DRAFT_FC); // [H, 2H]: out = embedding part of concat[embedding, feature]
    Arrays.fill(fc, 0f);
    for (int i = 0; i < h; i++) {
      fc[i * 2 * h + i] = 1f;
    }
    Arrays.fill(values.get(WeightNames.DRAFT_FC_BIAS), 0f);
    Arrays.fill(values.get(WeightNames.draftLayer(WeightNames.O_PROJ)), 0f);
    Arrays.fill(values.get(WeightNames.draftLayer(WeightNames.DOWN_PROJ)), 0f);
    return write(dir, ReferenceWeights.of(config, values), WriterOptions.defaults());
  }

  private static Path write(Path dir, ReferenceWeights weights, WriterOptions options) {
    try {
      Files.createDirectories(dir);
      ReferenceModelWriter.writeAll(dir, weights, options);
      writeTokenizer(dir.resolve("tokenizer.json"), TOKENIZER_WORDS);
      Files.writeString(dir.resolve(ModelManifest.FILE_NAME), manifest(weights.config()).toJson());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture's manifest. */
  public static ModelManifest manifest() {
    return manifest(CONFIG);
  }

  /** The manifest of a fixture written with {@code config}. */
  public static ModelManifest manifest(ReferenceConfig config) {
    ImageSettings image = new ImageSettings(config.patchSize(), 1, new Rgb(0.48145466f, 0.4578275f, 0.40821073f),
        new Rgb(0.26862954f, 0.26130258f, 0.27577711f),
        new ResizePolicy.PixelBudget(16 * 16, 24 * 24 * 16, config.maxGridSize() * config.patchSize()),
        Resample.BICUBIC, 4_000_000);
    return new ModelManifest("specvlm-test", new ModelManifest.Sizes(config.hiddenSize(), config.vocabSize(),
        config.contextLength()), "tokenizer.json", TensorNames.EMBED_FILE,
        new ModelManifest.Transformer(TensorNames.DECODER_FILE, config.numLayers(), config.numKvHeads(),
            config.headDim()),
        new ModelManifest.Transformer(TensorNames.DRAFT_FILE, 1, config.numKvHeads(), config.headDim()),
        new ModelManifest.Vision(TensorNames.VISION_FILE, image),
        new ModelManifest.SpecialTokens(List.of(EOS), BOS, IMAGE),
        new ModelSpec.ChatTemplate("USER: ", " ASSISTANT:"), null);
  }

  /** CPU options with 1 intra-op thread for {@code dir}. */
  public static DecoderOptions options(Path dir) {
    return new DecoderOptions(dir, Device.cpu(), 1, GraphOptimization.ALL, null, List.of(), null);
  }

  /**
   * Writes a WordLevel tokenizer: ids 0–3 are the special tokens {@code <unk> <s> </s> <image>}, then "the", "a",
   * ..., then {@code w<i>} up to {@code words} ids; whitespace pre-tokenizer; decoding joins tokens with spaces.
   */
  public static void writeTokenizer(Path file, int words) throws IOException {
    List<String> special = List.of("<unk>", "<s>", "</s>", "<image>");
    List<String> common = List.of("the", "a", "cat", "dog", "red", "blue", "green", "square", "circle", "is", "on",
        "left", "right", "of", "image", "describe", "what", "color", "shape", ".", ",", "?");
    JsonObject vocab = new JsonObject();
    JsonArray added = new JsonArray();
    for (int id = 0; id < words; id++) {
      String token;
      if (id < special.size()) {
        token = special.get(id);
        JsonObject t = new JsonObject();
        t.addProperty("id", id);
        t.addProperty("content", token);
        t.addProperty("single_word", false);
        t.addProperty("lstrip", false);
        t.addProperty("rstrip", false);
        t.addProperty("normalized", false);
        t.addProperty("special", true);
        added.add(t);
      } else if (id - special.size() < common.size()) {
        token = common.get(id - special.size());
      } else {
        token = "w" + id;
      }
      vocab.addProperty(token, id);
    }
    JsonObject model = new JsonObject();
    model.addProperty("type", "WordLevel");
    model.add("vocab", vocab);
    model.addProperty("unk_token", "<unk>");
    JsonObject pre = new JsonObject();
    pre.addProperty("type", "Whitespace");
    JsonObject root = new JsonObject();
    root.addProperty("version", "1.0");
    root.add("truncation", JsonNull.INSTANCE);
    root.add("padding", JsonNull.INSTANCE);
    root.add("added_tokens", added);
    root.add("normalizer", JsonNull.INSTANCE);
    root.add("pre_tokenizer", pre);
    root.add("post_processor", JsonNull.INSTANCE);
    root.add("decoder", JsonNull.INSTANCE);
    root.add("model", model);
    Files.writeString(file, new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(root));
  }
}
