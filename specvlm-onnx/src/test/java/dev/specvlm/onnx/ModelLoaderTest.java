package dev.specvlm.onnx;

import static dev.specvlm.onnx.reference.TensorNames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.specvlm.ModelLoadException;
import dev.specvlm.onnx.graph.OnnxFileWriter;
import dev.specvlm.onnx.reference.ReferenceConfig;
import dev.specvlm.onnx.reference.ReferenceModelWriter;
import dev.specvlm.onnx.reference.ReferenceWeights;
import dev.specvlm.onnx.reference.WriterOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a model folder can break the contract is refused at load, with a message naming what and where. */
class ModelLoaderTest {
  @TempDir Path root;
  Path model;

  @BeforeEach
  void setUp() {
    model = TestModels.write(root.resolve("model"), 31);
  }

  private String refusal() {
    long sessions = NativeResources.liveSessions();
    var e = assertThrows(ModelLoadException.class, () -> OnnxModelBundle.load(TestModels.options(model)));
    assertEquals(sessions, NativeResources.liveSessions(), "sessions leaked by a failed load");
    assertEquals(0, NativeResources.liveTensors());
    return e.getMessage();
  }

  private static void assertContains(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), () -> "'" + part + "' missing from: " + message);
    }
  }

  private void editManifest(Consumer<JsonObject> edit) throws Exception {
    Path file = model.resolve("specvlm.json");
    JsonObject root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    edit.accept(root);
    Files.writeString(file, root.toString());
  }

  @Test
  void load_missingFile_namesFieldAndPath() throws Exception {
    Files.delete(model.resolve(DRAFT_FILE));
    assertContains(refusal(), "field 'draft.file' = \"draft.onnx\"", "does not exist");
  }

  @Test
  void load_pathEscapingTheFolder_isRefused() throws Exception {
    Files.copy(model.resolve(DECODER_FILE), root.resolve("elsewhere.onnx"));
    editManifest(m -> m.getAsJsonObject("decoder").addProperty("file", "../elsewhere.onnx"));
    assertContains(refusal(), "'decoder.file'", "through '..'");
    editManifest(m -> m.getAsJsonObject("decoder").addProperty("file", root.resolve("elsewhere.onnx").toString()));
    assertContains(refusal(), "'decoder.file'", "absolute path");
    Files.createSymbolicLink(model.resolve("link.onnx"), root.resolve("elsewhere.onnx"));
    editManifest(m -> m.getAsJsonObject("decoder").addProperty("file", "link.onnx"));
    assertContains(refusal(), "'decoder.file'", "symbolic link", "outside the model folder");
  }

  @Test
  void load_externalDataOutsideTheFolder_isRefused() throws Exception {
    Path external = root.resolve("ext");
    TestModels.write(external, 31, WriterOptions.defaults().withExternalDataThreshold(1024));
    assertTrue(Files.exists(external.resolve(DECODER_FILE + ".data")));
    try (OnnxModelBundle bundle = OnnxModelBundle.load(TestModels.options(external))) {
      assertEquals(256, bundle.spec().vocabSize()); // external data inside the folder loads
    }
    Files.move(external.resolve(DECODER_FILE + ".data"), root.resolve("stolen.data"));
    GraphSurgery.of(external.resolve(DECODER_FILE)).externalLocation("../stolen.data").save();
    model = external;
    assertContains(refusal(), "decoder external data", "\"../stolen.data\"", "through '..'");
  }

  @Test
  void load_wrongInputName_listsTheInputs() {
    GraphSurgery.of(model.resolve(DECODER_FILE)).renameInput(POSITION_IDS, "positions").save();
    assertContains(refusal(), "decoder file", DECODER_FILE, "unexpected input 'positions'", "position_ids");
  }

  @Test
  void load_wrongDtype_namesExpectedAndFound() {
    GraphSurgery.of(model.resolve(DECODER_FILE)).retypeInput(POSITION_IDS, DataType.INT32, DataType.INT64).save();
    assertContains(refusal(), "input 'position_ids' must be int64 [1, q]", "found int32 [1, q]",
        "wrong element type");
  }

  @Test
  void load_wrongRank_namesExpectedAndFound() {
    GraphSurgery.of(model.resolve(DRAFT_FILE)).dropLeadingDim(POSITION_IDS).save();
    assertContains(refusal(), "draft file", "input 'position_ids' must be int64 [1, q]", "found int64 [q]",
        "wrong rank");
  }

  @Test
  void load_unexpectedInputOrMissingOutput_isRefused() throws Exception {
    GraphSurgery.of(model.resolve(VISION_FILE)).addInput("image_sizes").save();
    assertContains(refusal(), "vision file", "unexpected input 'image_sizes'");
    TestModels.write(model, 31);
    GraphSurgery.of(model.resolve(DECODER_FILE)).removeOutput(HIDDEN_STATES).save();
    assertContains(refusal(), "no output named 'hidden_states'", "float32 [1, q, 64]");
  }

  @Test
  void load_draftVocabularyMismatch_isRefused() {
    ReferenceConfig smaller = TestModels.CONFIG.toBuilder().vocabSize(200).build();
    OnnxFileWriter.write(ReferenceModelWriter.draft(ReferenceWeights.random(smaller, 31), WriterOptions.defaults()),
        model.resolve(DRAFT_FILE));
    assertContains(refusal(), "draft file", "top_k = sizes.vocab = 256");
  }

  @Test
  void load_draftHiddenSizeMismatch_isRefused() {
    ReferenceConfig narrower = TestModels.CONFIG.toBuilder().hiddenSize(32).build();
    OnnxFileWriter.write(ReferenceModelWriter.draft(ReferenceWeights.random(narrower, 31), WriterOptions.defaults()),
        model.resolve(DRAFT_FILE));
    assertContains(refusal(), "draft file", "input 'inputs_embeds' must be float32 [1, q, 64]",
        "found float32 [1, q, 32]");
  }

  @Test
  void load_manifestVocabularyDiffersFromTheGraphs_isRefused() throws Exception {
    editManifest(m -> m.getAsJsonObject("sizes").addProperty("vocab", 300));
    assertContains(refusal(), "output 'logits' must be float32 [1, n, 300]", "found float32 [1, n, 256]");
  }

  @Test
  void load_kvLayoutDiffersFromTheGraphs_isRefused() throws Exception {
    editManifest(m -> m.getAsJsonObject("decoder").addProperty("kvHeads", 4));
    assertContains(refusal(), "input 'past_key_values.0.key' must be float32 [1, 4, past, 16]");
    editManifest(m -> {
      m.getAsJsonObject("decoder").addProperty("kvHeads", 2);
      m.getAsJsonObject("decoder").addProperty("layers", 3);
    });
    assertContains(refusal(), "no input named 'past_key_values.2.key'");
  }

  @Test
  void load_resizeRuleBeyondTheEncodersGrid_isRefused() throws Exception {
    // the fixture encoder has position tables for grids up to 32 x 32 patches of 4 pixels: 128 pixels a side
    editManifest(m -> m.getAsJsonObject("vision").addProperty("maxSide", 256));
    assertContains(refusal(), "vision file", "x4 image, an extreme of the resize rule");
  }

  @Test
  void load_tokenizerLargerThanTheVocabulary_isRefused() throws Exception {
    TestModels.writeTokenizer(model.resolve("tokenizer.json"), 300);
    assertContains(refusal(), "tokenizer", "ids up to 299", "sizes.vocab in specvlm.json is 256");
  }

  @Test
  void load_corruptOnnxBytes_namesTheFile() throws Exception {
    byte[] bytes = Files.readAllBytes(model.resolve(DECODER_FILE));
    for (int i = 100; i < bytes.length; i += 97) {
      bytes[i] ^= (byte) 0x5a;
    }
    Files.write(model.resolve(DECODER_FILE), bytes);
    assertContains(refusal(), "decoder file", DECODER_FILE);
    Files.writeString(model.resolve(DECODER_FILE), "not a model at all");
    assertContains(refusal(), "decoder file", DECODER_FILE);
  }

  @Test
  void load_corruptTokenizer_namesTheFile() throws Exception {
    Files.writeString(model.resolve("tokenizer.json"), "{\"model\": {\"vocab\": {\"a\": 0}}}");
    assertContains(refusal(), "tokenizer", "tokenizer.json");
  }

  @Test
  void load_unknownFormatOrWrongTypedField_isRefused() throws Exception {
    editManifest(m -> m.addProperty("format", "specvlm/9"));
    assertContains(refusal(), "specvlm.json", "'format'", "specvlm/9");
    editManifest(m -> {
      m.addProperty("format", "specvlm/1");
      m.getAsJsonObject("sizes").addProperty("hidden", "64");
    });
    assertContains(refusal(), "specvlm.json", "'sizes.hidden'", "found a string \"64\"");
  }
}
