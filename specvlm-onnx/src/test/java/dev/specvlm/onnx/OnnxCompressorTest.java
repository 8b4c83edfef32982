package dev.specvlm.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.ModelLoadException;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpecStats;
import dev.specvlm.SpeculationMode;
import dev.specvlm.TreeBudget;
import dev.specvlm.VisualCompression;
import dev.specvlm.core.model.CompressorBranch;
import dev.specvlm.core.model.CompressorModel;
import dev.specvlm.core.testmodel.TestCompressor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model folder with an elastic visual compressor, through ONNX Runtime: it loads (with its test runs) and refuses
 * broken compressor files; the loaded branches and gates compute what the engine's reference computes; every branch
 * and mode keeps greedy output equal to autoregressive decoding at three resolutions.
 */
class OnnxCompressorTest {
  private static final GenerationConfig GREEDY = GenerationConfig.builder().maxNewTokens(10).temperature(0)
      .treeBudget(TreeBudget.of(4, 12, 4)).build();
  private static final List<VisualCompression> SETTINGS = List.of(VisualCompression.none(),
      VisualCompression.select(), VisualCompression.weighted(), VisualCompression.fixed("prune20"),
      VisualCompression.fixed("pool20"), VisualCompression.fixed("conv3"), VisualCompression.fixed("resampler2"),
      VisualCompression.fixed("text-only"));

  @TempDir static Path dir;
  static Path folder;
  static TestCompressor reference;
  static SpecDecoder decoder;

  @BeforeAll
  static void open() {
    folder = TestModels.writePredictable(dir.resolve("with-compressor"), 42, 0.15f);
    reference = CompressorFixtures.add(folder, 5, true);
    decoder = SpecDecoder.builder().modelDir(folder).intraOpThreads(1).build();
  }

  @AfterAll
  static void close() {
    decoder.close();
  }

  @Test
  void modelInfo_listsTheBranches() {
    assertEquals(List.of("prune20", "pool20", "conv3", "resampler2", "text-only"),
        decoder.modelInfo().compressorBranches());
  }

  @Test
  void load_compressorComputesTheReference() {
    try (OnnxModelBundle bundle = OnnxModelBundle.load(TestModels.options(folder))) {
      CompressorModel c = bundle.compressor();
      assertNotNull(c);
      assertNotNull(c.draft());
      assertEquals(3, c.weightedRatio());
      int h = bundle.spec().hiddenSize();
      float[] question = TestCompressor.random(1, 1, 7 * h, 2);
      float[] expected = new float[5];
      float[] got = new float[5];
      reference.gate(question, 2 * h, 4, expected);
      c.gate(question, 2 * h, 4, got);
      assertEquals(Arrays.toString(expected), Arrays.toString(round(got, expected)));
      int rows = 41;
      float[] pairs = TestCompressor.random(2, 2, rows * 2 * h, 1);
      for (CompressorBranch b : List.of(CompressorBranch.parse("conv3"), CompressorBranch.parse("resampler2"))) {
        float[] want = new float[b.outputTokens(rows) * 2 * h];
        float[] have = new float[want.length];
        if (b.kind() == CompressorBranch.Kind.CONV) {
          reference.conv(3, pairs, rows, want);
        } else {
          reference.resample(2, pairs, rows, want);
        }
        c.compress(b, pairs, rows, have);
        for (int i = 0; i < want.length; i++) {
          assertEquals(want[i], have[i], 1e-4, b + " at " + i);
        }
      }
    }
  }

  /** {@code got} with each value replaced by {@code expected}'s when within 1e-5 (for an exact string compare). */
  private static float[] round(float[] got, float[] expected) {
    float[] out = got.clone();
    for (int i = 0; i < out.length; i++) {
      if (Math.abs(out[i] - expected[i]) <= 1e-5) {
        out[i] = expected[i];
      }
    }
    return out;
  }

  @Test
  void generate_everyBranchAtThreeResolutions_matchesAutoregressive() {
    Random rng = new Random(99);
    int[][] sizes = {{40, 40}, {64, 96}, {120, 80}}; // 100, 384 and 551 visual tokens
    List<String> bad = new ArrayList<>();
    List<String> branches = new ArrayList<>();
    for (int i = 0; i < 72; i++) { // 24 prompts per resolution
      Prompt p = OnnxEndToEndTest.prompt(rng, sizes[i % sizes.length]);
      int[] ar = decoder.generate(p, GREEDY.toBuilder().speculation(SpeculationMode.AR).build()).tokenIds();
      for (VisualCompression setting : SETTINGS) {
        GenerationResult r = decoder.generate(p, GREEDY.toBuilder().visualCompression(setting).build());
        if (!Arrays.equals(ar, r.tokenIds())) {
          bad.add(i + "/" + setting + ": " + Arrays.toString(ar) + " vs " + Arrays.toString(r.tokenIds()));
        }
        if (setting.equals(VisualCompression.select())) {
          branches.add(r.stats().compressorBranch());
        }
      }
    }
    assertEquals(List.of(), bad);
    assertEquals(72, branches.size());
  }

  @Test
  void generate_stats_reportTheBranchAndTheDraftsVisualTokens() {
    Prompt p = OnnxEndToEndTest.prompt(new Random(4), new int[] {64, 96});
    SpecStats conv = decoder.generate(p, GREEDY.toBuilder().visualCompression(VisualCompression.fixed("conv3"))
        .build()).stats();
    assertEquals(384, conv.visualTokens());
    assertEquals("conv3", conv.compressorBranch());
    int rows = conv.visualTokens(); // the fixture's BOS and chat template: an image never starts the prompt
    assertEquals(conv.visualTokens() - (rows - (rows + 2) / 3), conv.draftVisualTokens());
    SpecStats weighted = decoder.generate(p, GREEDY.toBuilder().visualCompression(VisualCompression.weighted())
        .build()).stats();
    assertEquals("weighted3", weighted.compressorBranch());
    assertEquals(conv.draftVisualTokens(), weighted.draftVisualTokens());
  }

  /** A copy of the compressor folder with {@code edit} applied to its manifest JSON. */
  private static Path editedCopy(String name, Consumer<JsonObject> edit) throws IOException {
    Path copy = dir.resolve(name);
    Files.createDirectories(copy);
    try (var files = Files.list(folder)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    JsonObject root = JsonParser.parseString(Files.readString(copy.resolve(ModelManifest.FILE_NAME)))
        .getAsJsonObject();
    edit.accept(root);
    Files.writeString(copy.resolve(ModelManifest.FILE_NAME), root.toString());
    return copy;
  }

  private static String refusal(Path folder) {
    return assertThrows(ModelLoadException.class, () -> OnnxModelBundle.load(TestModels.options(folder)).close())
        .getMessage();
  }

  @Test
  void load_brokenCompressors_refusedNamingTheFile() throws Exception {
    // the manifest calls the conv3 graph conv2: its test run gives the wrong number of rows
    String wrongRatio = refusal(editedCopy("wrong-ratio", r -> {
      r.getAsJsonObject("compressor").getAsJsonArray("branches").get(2).getAsJsonObject().addProperty("ratio", 2);
      r.getAsJsonObject("compressor").remove("weighted");
    }));
    assertTrue(wrongRatio.contains("compressor-conv3.onnx") && wrongRatio.contains("conv2"), wrongRatio);
    // the gate gives 5 logits but only 4 branches are listed
    String gate = refusal(editedCopy("wrong-gate", r -> r.getAsJsonObject("compressor").getAsJsonArray("branches")
        .remove(4)));
    assertTrue(gate.contains("compressor-gate.onnx") && gate.contains("gate_logits"), gate);
    // a missing branch file
    Path missing = editedCopy("missing", r -> { });
    Files.delete(missing.resolve("compressor-resampler2.onnx"));
    String m = refusal(missing);
    assertTrue(m.contains("compressor.branches[3].file"), m);
    // a gate graph given as a branch
    String swapped = refusal(editedCopy("swapped", r -> r.getAsJsonObject("compressor").getAsJsonArray("branches")
        .get(2).getAsJsonObject().addProperty("file", "compressor-gate.onnx")));
    assertTrue(swapped.contains("visual_pairs"), swapped);
  }

  @Test
  void load_folderWithoutCompressor_stillDecodesAsEagleVlm() throws Exception {
    Path plain = editedCopy("plain", r -> r.remove("compressor"));
    try (SpecDecoder d = SpecDecoder.builder().modelDir(plain).intraOpThreads(1).build()) {
      assertEquals(List.of(), d.modelInfo().compressorBranches());
      Prompt p = OnnxEndToEndTest.prompt(new Random(5), new int[] {40, 40});
      SpecStats s = d.generate(p, GREEDY).stats();
      assertEquals("none", s.compressorBranch());
      assertEquals(s.visualTokens(), s.draftVisualTokens());
      assertThrows(dev.specvlm.InvalidRequestException.class,
          () -> d.generate(p, GREEDY.toBuilder().visualCompression(VisualCompression.weighted()).build()));
    }
    try (OnnxModelBundle b = OnnxModelBundle.load(TestModels.options(plain))) {
      assertNull(b.compressor());
    }
  }
}
