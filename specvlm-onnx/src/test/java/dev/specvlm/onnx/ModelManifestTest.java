package dev.specvlm.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.specvlm.ModelLoadException;
import dev.specvlm.core.model.CompressorBranch;
import dev.specvlm.core.model.ModelSpec;
import dev.specvlm.onnx.image.ImageSettings;
import dev.specvlm.onnx.image.Resample;
import dev.specvlm.onnx.image.ResizePolicy;
import dev.specvlm.onnx.image.Rgb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelManifestTest {
  @TempDir Path dir;

  static ModelManifest sample() {
    var image = new ImageSettings(8, 2, new Rgb(0.48145466f, 0.4578275f, 0.40821073f),
        new Rgb(0.26862954f, 0.26130258f, 0.27577711f), new ResizePolicy.PixelBudget(1024, 65536, 512),
        Resample.BILINEAR, 1_000_000);
    return new ModelManifest("tiny", new ModelManifest.Sizes(64, 300, 512), "tokenizer.json", "embed.onnx",
        new ModelManifest.Transformer("decoder.onnx", 2, 2, 16), new ModelManifest.Transformer("draft.onnx", 1, 2, 16),
        new ModelManifest.Vision("vision.onnx", image), new ModelManifest.SpecialTokens(List.of(2, 5), 1, 3),
        new ModelSpec.ChatTemplate("USER: ", " ASSISTANT:"), compressor());
  }

  /** A compressor section with every kind of branch, a weighted gate and its own draft. */
  static ModelManifest.Compressor compressor() {
    return new ModelManifest.Compressor(List.of(
        new ModelManifest.Branch(CompressorBranch.parse("prune20"), null),
        new ModelManifest.Branch(CompressorBranch.parse("pool20"), null),
        new ModelManifest.Branch(CompressorBranch.parse("conv3"), "compressor-conv3.onnx"),
        new ModelManifest.Branch(CompressorBranch.parse("resampler2"), "compressor-resampler2.onnx"),
        new ModelManifest.Branch(CompressorBranch.textOnly(), null)), "compressor-gate.onnx",
        new ModelManifest.Weighted(3, "compressor-gate-weighted.onnx"),
        new ModelManifest.Transformer("draft-specvlm.onnx", 1, 2, 16));
  }

  /** The sample's JSON with one edit applied, parsed; the edit's failure message is returned. */
  private static String refusal(Consumer<JsonObject> edit) {
    JsonObject root = JsonParser.parseString(sample().toJson()).getAsJsonObject();
    edit.accept(root);
    var e = assertThrows(ModelLoadException.class, () -> ManifestReader.parse("m/specvlm.json", root.toString()));
    assertTrue(e.getMessage().startsWith("m/specvlm.json"), e.getMessage());
    return e.getMessage();
  }

  private static void assertContains(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), () -> "'" + part + "' missing from: " + message);
    }
  }

  @Test
  void toJson_thenRead_givesTheSameManifest() throws Exception {
    ModelManifest m = sample();
    Files.writeString(dir.resolve("specvlm.json"), m.toJson());
    assertEquals(m, ModelManifest.read(dir));
    assertTrue(m.toJson().contains("\"format\": \"specvlm/1\""), m.toJson());
  }

  @Test
  void read_minimalTextOnlyManifest_usesDefaults() {
    String json = """
        {"format": "specvlm/1", "name": "t", "sizes": {"hidden": 8, "vocab": 10, "contextLength": 32},
         "tokenizer": "tokenizer.json", "embed": "embed.onnx",
         "decoder": {"file": "decoder.onnx", "layers": 1, "kvHeads": 1, "headDim": 8},
         "tokens": {"eos": 2}}
        """;
    ModelManifest m = ManifestReader.parse("t.json", json);
    assertNull(m.draft());
    assertNull(m.vision());
    assertNull(m.chatTemplate());
    assertEquals(List.of(2), m.tokens().eos());
    assertEquals(new ModelSpec("t", 10, 8, 32, List.of(2), null, null, null), m.toSpec());
  }

  @Test
  void read_visionDefaults_areBicubicNoMergeAndFortyMegapixels() {
    JsonObject root = JsonParser.parseString(sample().toJson()).getAsJsonObject();
    JsonObject vision = root.getAsJsonObject("vision");
    vision.remove("resample");
    vision.remove("spatialMerge");
    vision.remove("maxInputPixels");
    ImageSettings s = ManifestReader.parse("m", root.toString()).vision().image();
    assertEquals(Resample.BICUBIC, s.resample());
    assertEquals(1, s.spatialMerge());
    assertEquals(40_000_000L, s.maxInputPixels());
  }

  @Test
  void read_unknownFormatVersion_saysWhichOneIsRead() {
    assertContains(refusal(r -> r.addProperty("format", "specvlm/2")), "'format'", "specvlm/2", "\"specvlm/1\"");
    assertContains(refusal(r -> r.addProperty("format", "llava")), "'format'", "\"llava\"");
    assertContains(refusal(r -> r.remove("format")), "missing field 'format'");
  }

  @Test
  void read_missingField_namesItsPath() {
    assertContains(refusal(r -> r.getAsJsonObject("decoder").remove("kvHeads")),
        "missing field 'decoder.kvHeads'", "integer");
    assertContains(refusal(r -> r.remove("sizes")), "missing field 'sizes'");
    assertContains(refusal(r -> r.getAsJsonObject("vision").remove("mean")), "missing field 'vision.mean'");
  }

  @Test
  void read_wrongTypedField_namesExpectedAndFound() {
    assertContains(refusal(r -> r.getAsJsonObject("decoder").addProperty("layers", "two")),
        "'decoder.layers'", "must be an integer >= 1", "found a string \"two\"");
    assertContains(refusal(r -> r.getAsJsonObject("sizes").addProperty("hidden", 64.5)),
        "'sizes.hidden'", "found the number 64.5");
    assertContains(refusal(r -> r.addProperty("name", 7)), "'name'", "must be a string", "found the number 7");
    assertContains(refusal(r -> r.add("decoder", new JsonArray())), "'decoder'", "must be an object");
    assertContains(refusal(r -> r.getAsJsonObject("sizes").addProperty("vocab", 0)), "'sizes.vocab'", ">= 2");
    assertContains(refusal(r -> r.getAsJsonObject("vision").addProperty("resample", "nearest")),
        "'vision.resample'", "\"nearest\"");
    assertContains(refusal(r -> {
      JsonArray two = new JsonArray();
      two.add(0.5);
      two.add(0.5);
      r.getAsJsonObject("vision").add("std", two);
    }), "'vision.std'", "an array of 3 numbers");
  }

  @Test
  void read_unknownField_listsTheKnownOnes() {
    assertContains(refusal(r -> r.getAsJsonObject("decoder").addProperty("layerz", 2)),
        "unknown field 'decoder.layerz'", "layers", "kvHeads");
    assertContains(refusal(r -> r.addProperty("extra", true)), "unknown field 'extra'");
  }

  @Test
  void read_tokenIdOutsideVocabulary_isRefused() {
    assertContains(refusal(r -> r.getAsJsonObject("tokens").addProperty("image", 300)),
        "tokens.image = 300", "[0, 300)");
    assertContains(refusal(r -> r.getAsJsonObject("tokens").addProperty("bos", -1)), "'tokens.bos'", ">= 0");
  }

  @Test
  void read_visionWithoutImageToken_isRefused() {
    assertContains(refusal(r -> r.getAsJsonObject("tokens").remove("image")), "tokens.image is required");
  }

  @Test
  void read_inconsistentImageSettings_areRefused() {
    assertContains(refusal(r -> {
      r.getAsJsonObject("vision").addProperty("maxPixels", 100);
      r.getAsJsonObject("vision").addProperty("minPixels", 0);
    }), "section 'vision'", "at least 256");
    assertContains(refusal(r -> r.getAsJsonObject("vision").addProperty("maxPixels", 100)),
        "section 'vision'", "minPixels=1024 maxPixels=100");
    assertContains(refusal(r -> {
      JsonArray hw = new JsonArray();
      hw.add(336);
      hw.add(336);
      r.getAsJsonObject("vision").add("fixedSize", hw);
    }), "'vision.minPixels'", "cannot be combined with 'vision.fixedSize'");
  }

  @Test
  void read_malformedJson_isRefused() {
    var e = assertThrows(ModelLoadException.class, () -> ManifestReader.parse("m.json", "{\"format\": \"specvlm/1\",}"));
    assertContains(e.getMessage(), "m.json is not valid JSON");
    e = assertThrows(ModelLoadException.class,
        () -> ManifestReader.parse("m.json", "{\"format\": \"specvlm/1\", \"format\": \"specvlm/1\"}"));
    assertContains(e.getMessage(), "'format' appears twice");
    e = assertThrows(ModelLoadException.class, () -> ManifestReader.parse("m.json", "[1]"));
    assertContains(e.getMessage(), "must hold a JSON object");
  }

  @Test
  void read_folderWithoutManifest_saysWhatAFolderHolds() {
    var e = assertThrows(ModelLoadException.class, () -> ModelManifest.read(dir));
    assertContains(e.getMessage(), "has no specvlm.json");
    e = assertThrows(ModelLoadException.class, () -> ModelManifest.read(dir.resolve("nope")));
    assertContains(e.getMessage(), "does not exist");
  }

  @Test
  void read_notUtf8_isRefused() throws Exception {
    Files.write(dir.resolve("specvlm.json"), new byte[] {'{', (byte) 0xff, '}'});
    var e = assertThrows(ModelLoadException.class, () -> ModelManifest.read(dir));
    assertContains(e.getMessage(), "not UTF-8");
    Files.writeString(dir.resolve("specvlm.json"), sample().toJson(), StandardCharsets.UTF_8);
    assertEquals(sample(), ModelManifest.read(dir));
  }

  @Test
  void read_compressorSection_roundTripsWithEveryKind() {
    String json = sample().toJson();
    assertContains(json, "\"kind\": \"resampler\"", "\"queries\": 2", "\"kind\": \"text-only\"", "\"weighted\"");
    ModelManifest m = ManifestReader.parse("m/specvlm.json", json);
    assertEquals(compressor(), m.compressor());
    assertEquals(List.of("prune20", "pool20", "conv3", "resampler2", "text-only"),
        m.compressor().branchList().stream().map(CompressorBranch::name).toList());
  }

  @Test
  void read_badCompressorSections_areRefusedNamingTheField() {
    assertContains(refusal(r -> branch(r, 0).addProperty("kind", "blur")), "compressor.branches[0].kind", "blur",
        "\"pool\"");
    assertContains(refusal(r -> branch(r, 2).remove("file")), "conv3", "file");
    assertContains(refusal(r -> branch(r, 1).addProperty("file", "pool.onnx")), "pool20", "no weights");
    assertContains(refusal(r -> branch(r, 4).addProperty("ratio", 3)), "compressor.branches[4].ratio",
        "does not apply");
    assertContains(refusal(r -> branch(r, 3).addProperty("ratio", 3)), "compressor.branches[3].ratio", "queries");
    assertContains(refusal(r -> branch(r, 2).addProperty("ratio", 0)), "compressor.branches[2].ratio");
    assertContains(refusal(r -> compressorJson(r).remove("gate")), "compressor.gate is required");
    assertContains(refusal(r -> compressorJson(r).getAsJsonObject("weighted").addProperty("ratio", 4)),
        "compressor.weighted.ratio 4", "conv4");
    assertContains(refusal(r -> compressorJson(r).getAsJsonArray("branches").add(branch(r, 0).deepCopy())),
        "prune20 twice");
    assertContains(refusal(r -> compressorJson(r).addProperty("mode", "select")), "unknown field 'compressor.mode'");
    assertContains(refusal(r -> compressorJson(r).add("branches", new JsonArray())), "at least one branch");
    assertContains(refusal(r -> r.remove("vision")), "no 'vision' section");
  }

  @Test
  void read_compressorWithOneBranchAndNoGate_isAccepted() {
    JsonObject root = JsonParser.parseString(sample().toJson()).getAsJsonObject();
    JsonObject c = compressorJson(root);
    c.remove("gate");
    c.remove("weighted");
    JsonArray one = new JsonArray();
    one.add(c.getAsJsonArray("branches").get(1));
    c.add("branches", one);
    ModelManifest m = ManifestReader.parse("m/specvlm.json", root.toString());
    assertNull(m.compressor().gate());
    assertEquals(List.of(CompressorBranch.parse("pool20")), m.compressor().branchList());
  }

  private static JsonObject compressorJson(JsonObject root) {
    return root.getAsJsonObject("compressor");
  }

  private static JsonObject branch(JsonObject root, int i) {
    return compressorJson(root).getAsJsonArray("branches").get(i).getAsJsonObject();
  }
}
