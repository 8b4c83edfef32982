package dev.specvlm.onnx;

import static dev.specvlm.onnx.reference.TensorNames.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.specvlm.FinishReason;
import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.ImageInput;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpecVlmException;
import dev.specvlm.SpeculationMode;
import dev.specvlm.onnx.image.TestImages;
import dev.specvlm.onnx.reference.WriterOptions;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.generators.Generate;

/**
 * Property-based fuzzing (QuickTheories, fixed seeds, shrinking) of what a decoder takes from outside: manifests,
 * ONNX and external-data bytes, image bytes, and prompt text and stop strings (any UTF-16, lone surrogates and NUL
 * included). For every mutated input the outcome is success or a
 * {@link SpecVlmException} — never another exception type, a crash or a hang (each case runs under a time limit) —
 * and no native object is left open. Case counts are moderate for the regular build (about 30 s on 2 cores);
 * {@code -Dspecvlm.fuzz.scale} and {@code -Dspecvlm.fuzz.seed} run more.
 */
class MutationFuzzTest {
  /** The seed; {@code -Dspecvlm.fuzz.seed=N} explores other cases. */
  private static final long SEED = Long.getLong("specvlm.fuzz.seed", 0x5eedL);
  /** {@code -Dspecvlm.fuzz.scale=N} multiplies the case counts for a longer soak run. */
  private static final int SCALE = Integer.getInteger("specvlm.fuzz.scale", 1);
  private static final int MANIFEST_CASES = 300 * SCALE;
  private static final int ONNX_CASES = 200 * SCALE;
  private static final int IMAGE_CASES = 1000 * SCALE;
  private static final int TEXT_CASES = 300 * SCALE;
  private static final Duration LOAD_LIMIT = Duration.ofSeconds(60);
  private static final Duration IMAGE_LIMIT = Duration.ofSeconds(20);
  private static final byte[] SMALL_PNG = TestImages.encode(TestImages.randomRgb(12, 12, 9), "png");

  @TempDir Path dir;

  /** How the cases of one property ended. */
  private static final class Tally {
    final AtomicInteger succeeded = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final Map<String, Integer> refusals = new LinkedHashMap<>();

    /** Runs {@code action} within {@code limit}: success and SpecVlmException are counted, anything else fails. */
    void run(Duration limit, Executable action) {
      assertTimeoutPreemptively(limit, () -> {
        try {
          action.execute();
          succeeded.incrementAndGet();
        } catch (SpecVlmException e) {
          refused.incrementAndGet();
          synchronized (refusals) {
            refusals.merge(e.getClass().getSimpleName(), 1, Integer::sum);
          }
        }
      });
    }

    String summary(String what, long startNanos) {
      return String.format(Locale.ROOT, "MutationFuzzTest %s: %d cases in %.1f s: %d succeeded, %d refused %s", what,
          succeeded.get() + refused.get(), (System.nanoTime() - startNanos) / 1e9, succeeded.get(), refused.get(),
          refusals);
    }
  }

  /** Loads {@code folder} and, if it loads, generates from an image prompt and from text, each of which may fail. */
  private static void loadAndUse(Path folder) {
    try (SpecDecoder d = OnnxTestDecoders.open(folder)) {
      attempt(() -> d.generate(Prompt.builder().image(SMALL_PNG).text("describe").build(),
          GenerationConfig.builder().maxNewTokens(2).speculation(SpeculationMode.AR).build()));
      attempt(() -> d.generate(Prompt.of("the cat is"), GenerationConfig.builder().maxNewTokens(3)
          .treeBudget(3, 8, 2).build()));
    }
  }

  /** Runs one case; a failure names the case, so the report shows the (shrunk) input that broke the property. */
  private static void described(String inputs, Runnable check) {
    try {
      check.run();
    } catch (Throwable t) {
      throw new AssertionError("for " + inputs + ": " + t, t);
    }
  }

  private static void attempt(Runnable generation) {
    try {
      generation.run();
    } catch (SpecVlmException refusedAtRunTime) {
      // an outcome the property allows
    }
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void load_mutatedManifest_succeedsOrRefusesWithSpecVlmException() throws Exception {
    Path model = TestModels.write(dir.resolve("model"), 37);
    JsonObject manifest = JsonParser.parseString(Files.readString(model.resolve(ModelManifest.FILE_NAME)))
        .getAsJsonObject();
    long sessions = NativeResources.liveSessions();
    Tally tally = new Tally();
    long start = System.nanoTime();
    qt().withFixedSeed(SEED).withExamples(MANIFEST_CASES).withShrinkCycles(40)
        .forAll(JsonMutations.edits(4), ByteMutations.edits(3), Generate.booleans())
        .checkAssert((edits, bytes, alsoBytes) -> described("manifest edits " + edits
            + (alsoBytes ? " then bytes " + bytes : ""), () -> {
              byte[] text = edits.apply(manifest).toString().getBytes(StandardCharsets.UTF_8);
              write(model.resolve(ModelManifest.FILE_NAME), alsoBytes ? bytes.apply(text) : text);
              tally.run(LOAD_LIMIT, () -> loadAndUse(model));
              assertEquals(sessions, NativeResources.liveSessions(), "sessions left open");
              OnnxTestDecoders.assertNoStepResourcesOpen();
            }));
    System.out.println(tally.summary("manifests", start));
    assertTrue(tally.succeeded.get() > 0 && tally.refused.get() > MANIFEST_CASES / 2, tally.summary("manifests",
        start));
  }

  @Test
  void load_mutatedOnnxOrExternalDataBytes_succeedsOrRefusesWithSpecVlmException() throws Exception {
    // weights in external data: the .onnx files hold mostly graph structure, so edits hit structure, not weights
    Path model = TestModels.write(dir.resolve("model"), 38, WriterOptions.defaults().withExternalDataThreshold(256));
    List<String> files = new ArrayList<>();
    Map<String, byte[]> pristine = new LinkedHashMap<>();
    for (String file : List.of(EMBED_FILE, DECODER_FILE, DRAFT_FILE, VISION_FILE)) {
      for (String name : List.of(file, file + ".data")) {
        files.add(name);
        pristine.put(name, Files.readAllBytes(model.resolve(name)));
      }
    }
    long sessions = NativeResources.liveSessions();
    Tally tally = new Tally();
    long start = System.nanoTime();
    qt().withFixedSeed(SEED).withExamples(ONNX_CASES).withShrinkCycles(40)
        .forAll(Generate.pick(files), ByteMutations.edits(4))
        .checkAssert((file, edits) -> described(file + " edits " + edits, () -> {
          pristine.forEach((name, bytes) -> write(model.resolve(name), bytes));
          write(model.resolve(file), edits.apply(pristine.get(file)));
          tally.run(LOAD_LIMIT, () -> loadAndUse(model));
          assertEquals(sessions, NativeResources.liveSessions(), "sessions left open");
          OnnxTestDecoders.assertNoStepResourcesOpen();
        }));
    System.out.println(tally.summary("ONNX and external-data bytes", start));
    assertTrue(tally.refused.get() > ONNX_CASES / 2, tally.summary("ONNX", start));
  }

  @Test
  void generate_mutatedImageBytes_succeedsOrRefusesWithSpecVlmException() {
    Map<String, byte[]> seeds = new LinkedHashMap<>();
    BufferedImage rgb = TestImages.randomRgb(24, 20, 4);
    BufferedImage gray = new BufferedImage(24, 20, BufferedImage.TYPE_BYTE_GRAY);
    BufferedImage gray16 = new BufferedImage(24, 20, BufferedImage.TYPE_USHORT_GRAY);
    BufferedImage argb = new BufferedImage(24, 20, BufferedImage.TYPE_INT_ARGB);
    BufferedImage binary = new BufferedImage(24, 20, BufferedImage.TYPE_BYTE_BINARY);
    for (int y = 0; y < 20; y++) {
      for (int x = 0; x < 24; x++) {
        gray.getRaster().setSample(x, y, 0, x * 10 + y);
        gray16.getRaster().setSample(x, y, 0, x * 2000 + y);
        argb.setRGB(x, y, (x * 10) << 24 | rgb.getRGB(x, y) & 0xFFFFFF);
        binary.getRaster().setSample(x, y, 0, (x ^ y) & 1);
      }
    }
    seeds.put("png rgb", TestImages.encode(rgb, "png"));
    seeds.put("png gray", TestImages.encode(gray, "png"));
    seeds.put("png gray16", TestImages.encode(gray16, "png"));
    seeds.put("png alpha", TestImages.encode(argb, "png"));
    seeds.put("png palette", TestImages.encode(TestImages.palette(24, 20), "png"));
    seeds.put("jpeg rgb", TestImages.encode(rgb, "jpg"));
    seeds.put("jpeg gray", TestImages.encode(gray, "jpg"));
    seeds.put("jpeg cmyk", TestImages.cmykJpeg());
    seeds.put("gif palette", TestImages.encode(TestImages.palette(24, 20), "gif"));
    seeds.put("bmp rgb", TestImages.encode(rgb, "bmp"));
    seeds.put("tiff rgb", TestImages.encode(rgb, "tiff"));
    seeds.put("wbmp", TestImages.encode(binary, "wbmp"));
    List<String> names = new ArrayList<>(seeds.keySet());
    long sessions = NativeResources.liveSessions();
    Tally tally = new Tally();
    long start = System.nanoTime();
    GenerationConfig oneToken = GenerationConfig.builder().maxNewTokens(1).speculation(SpeculationMode.AR).build();
    Prompt good = Prompt.builder().image(SMALL_PNG).text("describe").build();
    try (SpecDecoder decoder = OnnxTestDecoders.open(TestModels.write(dir.resolve("model"), 39))) {
      int[] expected = decoder.generate(good, oneToken).tokenIds();
      qt().withFixedSeed(SEED).withExamples(IMAGE_CASES).withShrinkCycles(100)
          .forAll(Generate.pick(names), ByteMutations.edits(5))
          .checkAssert((name, edits) -> described(name + " edits " + edits, () -> {
            ImageInput image = ImageInput.of(edits.apply(seeds.get(name)));
            tally.run(IMAGE_LIMIT, () -> decoder.generate(Prompt.builder().image(image).text("describe").build(),
                oneToken));
            OnnxTestDecoders.assertNoStepResourcesOpen();
          }));
      assertArrayEquals(expected, decoder.generate(good, oneToken).tokenIds(), "the decoder still serves");
    }
    OnnxTestDecoders.assertNativeResourcesReleased(sessions);
    System.out.println(tally.summary("images", start));
    assertTrue(tally.succeeded.get() > 0 && tally.refused.get() > 0, tally.summary("images", start));
  }

  /** Any UTF-16 text: each int is a code point, or a lone surrogate, control character or NUL. */
  private static String text(int[] codePoints) {
    StringBuilder sb = new StringBuilder();
    for (int c : codePoints) {
      int kind = c & 3;
      int v = c >>> 2;
      if (kind == 0) {
        sb.append("the cat w42 ".charAt(v % 12)); // tokens the fixture knows
      } else if (kind == 1) {
        sb.append((char) (0xD800 + v % 0x800)); // a lone surrogate
      } else if (kind == 2) {
        sb.append((char) (v % 0x20)); // NUL and control characters
      } else {
        sb.appendCodePoint(v % 0x110000 >= 0xD800 && v % 0x110000 < 0xE000 ? 0x1F600 : v % 0x110000);
      }
    }
    return sb.toString();
  }

  @Test
  void generate_arbitraryTextAndStopStrings_succeedsOrRefusesWithSpecVlmException() {
    long sessions = NativeResources.liveSessions();
    Tally tally = new Tally();
    long start = System.nanoTime();
    try (SpecDecoder decoder = OnnxTestDecoders.open(TestModels.write(dir.resolve("model"), 40))) {
      qt().withFixedSeed(SEED).withExamples(TEXT_CASES).withShrinkCycles(100)
          .forAll(Generate.intArrays(Generate.range(0, 60), Generate.range(0, Integer.MAX_VALUE)),
              Generate.intArrays(Generate.range(0, 4), Generate.range(0, Integer.MAX_VALUE)), Generate.booleans())
          .checkAssert((prompt, stop, template) -> described("text " + Arrays.toString(prompt) + " stop "
              + Arrays.toString(stop), () -> {
                String text = text(prompt);
                String stopString = text(stop);
                tally.run(IMAGE_LIMIT, () -> {
                  GenerationConfig.Builder config = GenerationConfig.builder().maxNewTokens(4).treeBudget(3, 8, 2);
                  if (!stopString.isEmpty()) {
                    config.addStopString(stopString);
                  }
                  GenerationResult r = decoder.generate(Prompt.builder().text(text).chatTemplate(template).build(),
                      config.build());
                  // a stop string ends the text exactly (the only stop configured here)
                  assertTrue(r.finishReason() != FinishReason.STOP || r.text().endsWith(stopString), r::toString);
                  decoder.decode(r.tokenIds());
                  decoder.encode(text);
                });
                OnnxTestDecoders.assertNoStepResourcesOpen();
              }));
    }
    OnnxTestDecoders.assertNativeResourcesReleased(sessions);
    System.out.println(tally.summary("prompt text and stop strings", start));
    assertTrue(tally.succeeded.get() > TEXT_CASES / 2, tally.summary("text", start));
  }
}
