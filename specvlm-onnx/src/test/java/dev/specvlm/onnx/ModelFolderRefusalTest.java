package dev.specvlm.onnx;

import static dev.specvlm.onnx.reference.TensorNames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.specvlm.GenerationConfig;
import dev.specvlm.ModelLoadException;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpecVlmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refusals of broken model folders beyond single examples: every manifest field removed (refused, or loaded when
 * optional) or given the wrong type,
 * every ONNX file truncated at several lengths, unreadable files, malformed tokenizer ids. Each refusal is a
 * {@link ModelLoadException} naming the field or file, leaks no session, and the intact folder loads afterwards.
 */
class ModelFolderRefusalTest {
  @TempDir Path root;
  Path model;
  String pristine;

  @BeforeEach
  void setUp() throws Exception {
    model = TestModels.write(root.resolve("model"), 29);
    pristine = Files.readString(model.resolve(ModelManifest.FILE_NAME));
  }

  /** Loads {@code model}: null if it loaded (and was closed), else the refusal. */
  private ModelLoadException load() {
    long sessions = NativeResources.liveSessions();
    try {
      OnnxTestDecoders.open(model).close();
      return null;
    } catch (ModelLoadException e) {
      return e;
    } finally {
      assertEquals(sessions, NativeResources.liveSessions(), "sessions leaked");
      OnnxTestDecoders.assertNoStepResourcesOpen();
    }
  }

  private void assertIntactFolderServes() throws Exception {
    Files.writeString(model.resolve(ModelManifest.FILE_NAME), pristine);
    TestModels.write(model, 29);
    try (SpecDecoder d = OnnxTestDecoders.open(model)) {
      assertEquals(3, d.generate(Prompt.of("the cat"), GenerationConfig.builder().maxNewTokens(3).ignoreEos(true)
          .build()).tokenCount());
    }
  }

  /** Every leaf of the manifest (arrays count as leaves), as a dotted path. */
  private static void leaves(JsonObject o, String prefix, List<String> out) {
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue().isJsonObject()) {
        leaves(e.getValue().getAsJsonObject(), path, out);
      } else {
        out.add(path);
      }
    }
  }

  private static JsonObject parent(JsonObject root, String path) {
    JsonObject o = root;
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      o = o.getAsJsonObject(parts[i]);
    }
    return o;
  }

  private static String leaf(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  /** A value of another JSON type than {@code v}. */
  private static JsonElement wrongType(JsonElement v) {
    if (v.isJsonArray()) {
      return new JsonPrimitive("not-an-array");
    }
    if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()) {
      return new JsonPrimitive(String.valueOf(v.getAsNumber()));
    }
    if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
      return new JsonArray();
    }
    return new JsonPrimitive(7);
  }

  @Test
  void load_everyFieldMissingOrWrongTyped_isRefusedNamingItOrLoads() throws Exception {
    JsonObject manifest = JsonParser.parseString(pristine).getAsJsonObject();
    List<String> paths = new ArrayList<>();
    leaves(manifest, "", paths);
    assertTrue(paths.size() > 25, paths.toString());
    List<String> problems = new ArrayList<>();
    int refusedMissing = 0;
    for (String path : paths) {
      JsonObject removed = manifest.deepCopy();
      parent(removed, path).remove(leaf(path));
      Files.writeString(model.resolve(ModelManifest.FILE_NAME), removed.toString());
      ModelLoadException e = load();
      if (e != null) {
        refusedMissing++;
        // a required field is named; an optional one whose default the graphs disagree with (vision.maxSide) is
        // refused by the graph check, which names the file and the manifest rule it failed
        if (!e.getMessage().contains(path) && !e.getMessage().contains("in specvlm.json")) {
          problems.add("without " + path + ": " + e.getMessage());
        }
      }
      JsonObject retyped = manifest.deepCopy();
      JsonObject p = parent(retyped, path);
      p.add(leaf(path), wrongType(p.get(leaf(path))));
      Files.writeString(model.resolve(ModelManifest.FILE_NAME), retyped.toString());
      e = load();
      if (e == null || !e.getMessage().contains("'" + path)) {
        problems.add("wrong-typed " + path + ": " + (e == null ? "loaded" : e.getMessage()));
      }
    }
    assertEquals(List.of(), problems);
    assertTrue(refusedMissing > 15, "required fields refused when missing: " + refusedMissing);
    assertIntactFolderServes();
  }

  @Test
  void load_emptyOrBlankPathFields_areRefusedNamingTheField() throws Exception {
    for (String field : List.of("tokenizer", "embed", "decoder.file", "draft.file", "vision.file")) {
      for (String blank : List.of("", " ")) {
        JsonObject manifest = JsonParser.parseString(pristine).getAsJsonObject();
        parent(manifest, field).addProperty(leaf(field), blank);
        Files.writeString(model.resolve(ModelManifest.FILE_NAME), manifest.toString());
        ModelLoadException e = load();
        assertTrue(e != null && e.getMessage().contains(leaf(field)) && e.getMessage().contains("non-empty"),
            field + " = '" + blank + "': " + e);
      }
    }
    assertIntactFolderServes();
  }

  @Test
  void load_layerCountBeyondTheGraph_isRefusedBeforeTheContractIsBuilt() throws Exception {
    // found by MutationFuzzTest: decoder.layers = 2^31 - 1 built a contract of 2^32 tensor names (heap exhaustion)
    for (String role : List.of("decoder", "draft")) {
      JsonObject manifest = JsonParser.parseString(pristine).getAsJsonObject();
      manifest.getAsJsonObject(role).addProperty("layers", Integer.MAX_VALUE);
      Files.writeString(model.resolve(ModelManifest.FILE_NAME), manifest.toString());
      ModelLoadException e = assertTimeoutPreemptively(Duration.ofSeconds(30), this::load);
      assertTrue(e != null && e.getMessage().contains(role + ".layers = 2147483647")
          && e.getMessage().contains("past_key_values"), String.valueOf(e));
    }
    assertIntactFolderServes();
  }

  @Test
  void load_truncatedOnnxFiles_areRefusedNamingTheFile() throws Exception {
    for (String file : List.of(EMBED_FILE, DECODER_FILE, DRAFT_FILE, VISION_FILE)) {
      byte[] bytes = Files.readAllBytes(model.resolve(file));
      for (int length : new int[] {0, 1, 10, bytes.length / 3, bytes.length - 1}) {
        Files.write(model.resolve(file), Arrays.copyOf(bytes, length));
        ModelLoadException e = load();
        assertTrue(e != null && e.getMessage().contains(file), file + " cut to " + length + ": " + e);
      }
      Files.write(model.resolve(file), bytes);
    }
    assertIntactFolderServes();
  }

  @Test
  void load_unreadableFiles_areRefusedNamingThem() throws Exception {
    for (String file : List.of(ModelManifest.FILE_NAME, "tokenizer.json", DECODER_FILE)) {
      Path path = model.resolve(file);
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("---------"));
      try {
        Assumptions.assumeFalse(Files.isReadable(path), "running with the power to read any file (root)");
        ModelLoadException e = load();
        assertTrue(e != null && e.getMessage().contains(file) && e.getMessage().contains("read"), String.valueOf(e));
      } finally {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
      }
    }
    assertIntactFolderServes();
  }

  @Test
  void load_tokenizerWithMalformedIds_isRefusedNamingTheField() throws Exception {
    Path tokenizer = model.resolve("tokenizer.json");
    String original = Files.readString(tokenizer);
    for (String bad : List.of("1.5", "-3", "1e12", "\"7\"")) {
      Files.writeString(tokenizer, original.replace("\"the\": 4", "\"the\": " + bad));
      SpecVlmException e = load();
      assertTrue(e != null && e.getMessage().contains("model.vocab.the"), bad + ": " + e);
    }
    Files.writeString(tokenizer, original);
    assertIntactFolderServes();
  }
}
