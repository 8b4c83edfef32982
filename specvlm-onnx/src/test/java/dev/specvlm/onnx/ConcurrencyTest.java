package dev.specvlm.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpecStats;
import dev.specvlm.SpeculationMode;
import dev.specvlm.onnx.image.TestImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One decoder shared by 8 threads running 50 generations each (on the predictable-draft fixture, so rounds accept
 * paths of several tokens): every result equals the same request's single-threaded
 * result — tokens, text, finish reason and the request's own statistics (prompt and visual positions, rounds, drafted
 * and accepted tokens per depth, seed) — every streamed token belongs to its own request, and every wait is bounded.
 */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 50;

  @TempDir Path dir;

  private record Request(Prompt prompt, GenerationConfig config) {}

  /** 16 different requests: every mode, greedy and seeded sampling, text and images of two sizes, a stop string. */
  private static List<Request> requests() {
    List<Prompt> prompts = List.of(Prompt.of("describe the red square"),
        Prompt.builder().image(TestImages.randomRgb(24, 16, 1)).text("what color is the circle").build(),
        Prompt.builder().text("the dog is left of").image(TestImages.randomRgb(48, 40, 2)).build(),
        Prompt.ofTokens(1, 40, 41, 42, 43, 44));
    List<Request> requests = new ArrayList<>();
    int n = 0;
    for (SpeculationMode mode : SpeculationMode.values()) {
      for (int variant = 0; variant < 4; variant++) {
        GenerationConfig.Builder c = GenerationConfig.builder().maxNewTokens(6 + variant * 3).speculation(mode)
            .treeBudget(4, 12, 3).ignoreEos(variant != 3).seed(1000 + n); // a fixed seed: reported in the stats
        if (variant % 2 == 1) {
          c.temperature(0.9).topP(0.95);
        }
        if (variant == 2) {
          c.addStopString("w9");
        }
        requests.add(new Request(prompts.get(n++ % prompts.size()), c.build()));
      }
    }
    return requests;
  }

  /** The parts of a result that belong to its request alone (wall-clock times excluded). */
  private static List<Object> ownParts(GenerationResult r) {
    SpecStats s = r.stats();
    return List.of(r.text(), r.finishReason(), s.mode(), s.treeBudget(), s.seed(), s.promptTokens(),
        s.visualTokens(), s.generatedTokens(), s.rounds(), s.draftedTokens(), s.acceptedTokens(),
        s.acceptedPerDepth(), s.peakKvBytes());
  }

  @Test
  void generate_eightThreadsFiftyEach_matchSingleThreadedResults() throws Exception {
    long sessions = NativeResources.liveSessions();
    List<Request> requests = requests();
    try (SpecDecoder decoder = OnnxTestDecoders.open(TestModels.writePredictable(dir.resolve("model"), 13, 0.15f))) {
      List<GenerationResult> expected = new ArrayList<>();
      for (Request r : requests) {
        expected.add(decoder.generate(r.prompt(), r.config()));
      }
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<List<String>>> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          threads.add(pool.submit(() -> {
            start.await(60, TimeUnit.SECONDS);
            List<String> mismatches = new ArrayList<>();
            for (int i = 0; i < PER_THREAD; i++) {
              int k = (thread * 7 + i * 3) % requests.size();
              Request r = requests.get(k);
              List<Integer> streamed = new ArrayList<>();
              GenerationResult got = i % 5 == 4
                  ? decoder.generateAsync(r.prompt(), r.config(), (id, text) -> streamed.add(id)).result()
                      .get(120, TimeUnit.SECONDS)
                  : decoder.generate(r.prompt(), r.config(), (id, text) -> streamed.add(id));
              GenerationResult want = expected.get(k);
              if (!java.util.Arrays.equals(want.tokenIds(), got.tokenIds())
                  || !ownParts(want).equals(ownParts(got))) {
                mismatches.add("thread " + thread + " #" + i + " request " + k + ": " + ownParts(got) + " != "
                    + ownParts(want));
              }
              if (!streamed.equals(toList(got.tokenIds()))) {
                mismatches.add("thread " + thread + " #" + i + ": streamed " + streamed + " but result holds "
                    + toList(got.tokenIds()));
              }
            }
            return mismatches;
          }));
        }
        List<String> mismatches = new ArrayList<>();
        for (Future<List<String>> f : threads) {
          mismatches.addAll(f.get(300, TimeUnit.SECONDS)); // bounded: a deadlock fails here instead of hanging
        }
        assertEquals(List.of(), mismatches.subList(0, Math.min(5, mismatches.size())), mismatches.size()
            + " mismatches");
      } finally {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
      }
      OnnxTestDecoders.assertNoStepResourcesOpen();
      assertArrayEquals(expected.get(0).tokenIds(), decoder.generate(requests.get(0).prompt(),
          requests.get(0).config()).tokenIds(), "still serving afterwards");
    }
    OnnxTestDecoders.assertNativeResourcesReleased(sessions);
  }

  private static List<Integer> toList(int[] ids) {
    List<Integer> out = new ArrayList<>(ids.length);
    for (int id : ids) {
      out.add(id);
    }
    return out;
  }
}
