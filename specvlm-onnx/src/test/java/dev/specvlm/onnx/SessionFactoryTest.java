package dev.specvlm.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.BackendUnavailableException;
import dev.specvlm.Device;
import dev.specvlm.GraphOptimization;
import dev.specvlm.core.model.TargetState;
import dev.specvlm.spi.DecoderOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session options: optimized-model cache, optimization levels, custom-operator libraries. */
class SessionFactoryTest {
  @TempDir Path dir;

  private static DecoderOptions options(Path model, GraphOptimization level, Path cache, List<Path> libraries) {
    return new DecoderOptions(model, Device.cpu(), 1, level, cache, libraries, null);
  }

  /** The logits of a 3-token prefill. */
  private static float[] logits(OnnxModelBundle bundle) {
    int v = bundle.spec().vocabSize();
    float[] logits = new float[v];
    try (TargetState state = bundle.target().newState(8)) {
      float[] embeds = OnnxTargetStateTest.embed(bundle, new int[] {5, 6, 7});
      state.forward(embeds, 3, new int[] {0, 1, 2}, OnnxTargetStateTest.causal(3), 1, logits,
          new float[3 * bundle.spec().hiddenSize()]);
    }
    return logits;
  }

  private static List<Path> files(Path folder) throws Exception {
    try (Stream<Path> s = Files.list(folder)) {
      return s.sorted().toList();
    }
  }

  @Test
  void load_withCache_writesOptimizedModelsOnceAndReusesThem() throws Exception {
    Path model = TestModels.write(dir.resolve("model"), 71);
    Path cache = dir.resolve("cache");
    float[] uncached;
    try (OnnxModelBundle bundle = OnnxModelBundle.load(TestModels.options(model))) {
      uncached = logits(bundle);
    }
    try (OnnxModelBundle bundle = OnnxModelBundle.load(options(model, GraphOptimization.ALL, cache, List.of()))) {
      assertArrayEquals(uncached, logits(bundle), 1e-5f);
    }
    List<Path> written = files(cache);
    assertEquals(4, written.size(), written.toString()); // embed, decoder, draft, vision
    assertTrue(written.stream().allMatch(p -> p.getFileName().toString().endsWith(".onnx")), written.toString());
    var modified = written.stream().map(p -> p.toFile().lastModified()).toList();
    try (OnnxModelBundle bundle = OnnxModelBundle.load(options(model, GraphOptimization.ALL, cache, List.of()))) {
      assertArrayEquals(uncached, logits(bundle), 1e-5f);
    }
    assertEquals(written, files(cache));
    assertEquals(modified, written.stream().map(p -> p.toFile().lastModified()).toList(), "cache entries rewritten");
  }

  @Test
  void load_corruptCacheEntry_isIgnored() throws Exception {
    Path model = TestModels.write(dir.resolve("model"), 72);
    Path cache = dir.resolve("cache");
    OnnxModelBundle.load(options(model, GraphOptimization.BASIC, cache, List.of())).close();
    for (Path entry : files(cache)) {
      Files.writeString(entry, "garbage");
    }
    try (OnnxModelBundle bundle = OnnxModelBundle.load(options(model, GraphOptimization.BASIC, cache, List.of()))) {
      assertEquals(256, logits(bundle).length);
    }
  }

  @Test
  void load_everyOptimizationLevel_givesTheSameLogits() {
    Path model = TestModels.write(dir.resolve("model"), 73);
    float[] reference = null;
    for (GraphOptimization level : GraphOptimization.values()) {
      try (OnnxModelBundle bundle = OnnxModelBundle.load(options(model, level, null, List.of()))) {
        float[] logits = logits(bundle);
        if (reference == null) {
          reference = logits;
        } else {
          assertArrayEquals(reference, logits, 1e-4f, level.toString());
        }
      }
    }
  }

  @Test
  void load_missingOrBrokenCustomOperatorLibrary_isRefused() throws Exception {
    Path model = TestModels.write(dir.resolve("model"), 74);
    Path missing = dir.resolve("libmissing.so");
    var e = assertThrows(BackendUnavailableException.class,
        () -> OnnxModelBundle.load(options(model, GraphOptimization.ALL, null, List.of(missing))));
    assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("does not exist"),
        e.getMessage());
    Path notALibrary = Files.writeString(dir.resolve("libfake.so"), "not a shared object");
    long sessions = NativeResources.liveSessions();
    e = assertThrows(BackendUnavailableException.class,
        () -> OnnxModelBundle.load(options(model, GraphOptimization.ALL, null, List.of(notALibrary))));
    assertTrue(e.getMessage().contains("libfake.so") && e.getMessage().contains("cannot be loaded"), e.getMessage());
    assertEquals(sessions, NativeResources.liveSessions());
  }
}
