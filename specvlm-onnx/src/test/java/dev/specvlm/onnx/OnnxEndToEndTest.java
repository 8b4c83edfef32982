package dev.specvlm.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationHandle;
import dev.specvlm.GenerationResult;
import dev.specvlm.ModelInfo;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpeculationMode;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path through ONNX Runtime: {@code SpecDecoder.builder()} finds this backend, loads the fixture folder,
 * and greedy speculative decoding gives exactly the autoregressive tokens for prompts with images of three
 * resolutions.
 */
class OnnxEndToEndTest {
  /** SpecVLM's budget, pinned: the device-fitted default may choose short chains on this fixture. */
  private static final GenerationConfig GREEDY = GenerationConfig.builder().maxNewTokens(12).temperature(0)
      .treeBudget(dev.specvlm.TreeBudget.eagleDefault()).build();
  /** Image sizes (height x width) giving 10x10, 16x24 and 29x19 grids: 100, 384 and 551 visual tokens. */
  private static final int[][] SIZES = {{40, 40}, {64, 96}, {120, 80}};

  @TempDir static Path dir;
  static SpecDecoder random;
  static SpecDecoder predictable;
  static long sessionsBefore;

  @BeforeAll
  static void open() {
    sessionsBefore = NativeResources.liveSessions();
    random = SpecDecoder.builder().modelDir(TestModels.write(dir.resolve("random"), 41)).intraOpThreads(1)
        .provider(OnnxSpecDecoderProvider.NAME).build();
    predictable = SpecDecoder.builder().modelDir(TestModels.writePredictable(dir.resolve("predictable"), 42, 0.15f))
        .intraOpThreads(1).build();
  }

  @AfterAll
  static void close() throws InterruptedException {
    random.close();
    predictable.close();
    // a decoder closes its bundle once the last generation has released its states, which may be just after the
    // generation's future completed: wait for that release (bounded), then require everything closed
    for (int i = 0; i < 200 && NativeResources.liveSessions() != sessionsBefore; i++) {
      Thread.sleep(50);
    }
    assertEquals(sessionsBefore, NativeResources.liveSessions(), "sessions left open");
    assertEquals(0, NativeResources.liveTensors(), "tensors left open");
    assertEquals(0, NativeResources.liveResults(), "results left open");
  }

  /** A prompt with one image of {@code size} (random pixels) and a few words around it. */
  static Prompt prompt(Random random, int[] size) {
    BufferedImage image = new BufferedImage(size[1], size[0], BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < size[0]; y++) {
      for (int x = 0; x < size[1]; x++) {
        image.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    String[] words = {"describe", "the", "image", "what", "color", "is", "the", "square", "circle", "left", "of"};
    StringBuilder text = new StringBuilder();
    for (int i = 0, n = 2 + random.nextInt(8); i < n; i++) {
      text.append(words[random.nextInt(words.length)]).append(i % 3 == 2 ? " w" + (30 + random.nextInt(160)) : "")
          .append(' ');
    }
    Prompt.Builder b = Prompt.builder();
    return (random.nextBoolean() ? b.image(image).text(text.toString()) : b.text(text.toString()).image(image)).build();
  }

  /** Prompts whose speculative output (in each mode) differs from AR, as "index/mode". */
  static List<String> mismatches(SpecDecoder decoder, List<Prompt> prompts, List<double[]> sigmas) {
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < prompts.size(); i++) {
      int[] ar = decoder.generate(prompts.get(i), GREEDY.toBuilder().speculation(SpeculationMode.AR).build())
          .tokenIds();
      double[] sigma = new double[2];
      int m = 0;
      for (SpeculationMode mode : new SpeculationMode[] {SpeculationMode.DYNAMIC_TREE, SpeculationMode.CHAIN}) {
        GenerationResult spec = decoder.generate(prompts.get(i), GREEDY.toBuilder().speculation(mode).build());
        if (!Arrays.equals(ar, spec.tokenIds())) {
          bad.add(i + "/" + mode + ": AR " + Arrays.toString(ar) + " vs " + Arrays.toString(spec.tokenIds()));
        }
        sigma[m++] = spec.stats().meanAcceptedLength();
      }
      sigmas.add(sigma);
    }
    return bad;
  }

  @Test
  void generate_imagesOfThreeResolutions_matchesAutoregressive() {
    Random rng = new Random(2024);
    List<Prompt> prompts = new ArrayList<>();
    for (int i = 0; i < 54; i++) {
      prompts.add(prompt(rng, SIZES[i % SIZES.length]));
    }
    List<double[]> sigmas = new ArrayList<>();
    assertEquals(List.of(), mismatches(random, prompts, sigmas));
    assertEquals(54, sigmas.size());
  }

  @Test
  void generate_predictableDraft_acceptsLongPathsLosslessly() {
    Random rng = new Random(7);
    List<Prompt> prompts = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      prompts.add(prompt(rng, SIZES[i % SIZES.length]));
    }
    List<double[]> sigmas = new ArrayList<>();
    assertEquals(List.of(), mismatches(predictable, prompts, sigmas));
    double tree = sigmas.stream().mapToDouble(s -> s[0]).average().orElseThrow();
    double chain = sigmas.stream().mapToDouble(s -> s[1]).average().orElseThrow();
    // the draft nearly copies the target: multi-token paths get committed through the KV gather
    assertTrue(tree > 2 && chain > 2, "mean accepted length: tree " + tree + ", chain " + chain);
  }

  @Test
  void generateAsync_streamsTheSameTokensAsGenerate() throws Exception {
    Prompt p = prompt(new Random(3), SIZES[1]);
    GenerationConfig config = GREEDY.toBuilder().maxNewTokens(16).ignoreEos(true).build();
    GenerationResult sync = predictable.generate(p, config);
    List<Integer> streamed = java.util.Collections.synchronizedList(new ArrayList<>());
    StringBuilder text = new StringBuilder();
    GenerationHandle handle = predictable.generateAsync(p, config, (id, piece) -> {
      streamed.add(id);
      text.append(piece);
    });
    GenerationResult async = handle.result().get(60, java.util.concurrent.TimeUnit.SECONDS);
    assertArrayEquals(sync.tokenIds(), async.tokenIds());
    assertArrayEquals(sync.tokenIds(), streamed.stream().mapToInt(Integer::intValue).toArray());
    assertEquals(16, async.tokenCount());
    assertEquals(async.text(), text.toString());
  }

  @Test
  void generate_concurrently_sharesTheSessions() throws Exception {
    List<Prompt> prompts = new ArrayList<>();
    Random rng = new Random(11);
    for (int i = 0; i < 6; i++) {
      prompts.add(prompt(rng, SIZES[i % SIZES.length]));
    }
    List<int[]> expected = new ArrayList<>();
    for (Prompt p : prompts) {
      expected.add(random.generate(p, GREEDY).tokenIds());
    }
    List<GenerationHandle> handles = new ArrayList<>();
    for (Prompt p : prompts) {
      handles.add(random.generateAsync(p, GREEDY));
    }
    for (int i = 0; i < prompts.size(); i++) {
      assertArrayEquals(expected.get(i), handles.get(i).result().get(60, java.util.concurrent.TimeUnit.SECONDS)
          .tokenIds(), "prompt " + i);
    }
  }

  @Test
  void modelInfo_describesTheFolder() {
    ModelInfo info = random.modelInfo();
    assertEquals("specvlm-test", info.name());
    assertEquals(256, info.vocabSize());
    assertEquals("cpu", info.executionDevice());
    assertTrue(info.hasVision() && info.hasDraft(), info.toString());
    assertArrayEquals(new int[] {4, 6}, random.encode("the cat"));
    assertEquals("the cat", random.decode(new int[] {4, 6}));
  }
}
