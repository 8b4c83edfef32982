package dev.specvlm.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.FinishReason;
import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationHandle;
import dev.specvlm.GenerationResult;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpeculationMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancellation, timeouts and {@code close()} on the ONNX Runtime backend: a generation stops within one round with the
 * tokens committed so far (a prefix of the uncancelled output) and {@link FinishReason#CANCELLED}; closing a decoder
 * while generations or tokenizer calls run never frees what they use, and every native object is closed afterwards.
 */
class DecoderLifecycleTest {
  private static final Prompt PROMPT = Prompt.of("describe the red square on the left");
  private static final int DEPTH = 3;
  /** The most tokens one round commits: a drafted path of D + 1 tokens plus the bonus token. */
  private static final int ROUND = DEPTH + 2;
  private static final GenerationConfig LONG = GenerationConfig.builder().maxNewTokens(400).temperature(0)
      .ignoreEos(true).treeBudget(4, 12, DEPTH).build();

  @TempDir static Path dir;
  static Path model;
  static int[] full;

  @BeforeAll
  static void write() {
    model = TestModels.writePredictable(dir.resolve("model"), 5, 0.15f); // long accepted paths: full rounds
    try (SpecDecoder d = OnnxTestDecoders.open(model)) {
      full = d.generate(PROMPT, LONG).tokenIds();
    }
  }

  private static void assertPrefixOfFullOutput(GenerationResult r) {
    assertArrayEquals(Arrays.copyOf(full, r.tokenCount()), r.tokenIds(), "committed tokens are a prefix");
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(30, TimeUnit.SECONDS), "latch not released within 30 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void cancel_throughTheAsyncHandle_stopsWithinOneRoundWithTheCommittedTokens() {
    long sessions = NativeResources.liveSessions();
    try (SpecDecoder d = OnnxTestDecoders.open(model)) {
      for (SpeculationMode mode : SpeculationMode.values()) {
        AtomicReference<GenerationHandle> handle = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(1);
        AtomicInteger streamed = new AtomicInteger();
        GenerationHandle h = d.generateAsync(PROMPT, LONG.toBuilder().speculation(mode).build(), (id, text) -> {
          await(ready);
          if (streamed.incrementAndGet() == 10) {
            handle.get().cancel();
          }
        });
        handle.set(h);
        ready.countDown();
        GenerationResult r = h.join();
        assertEquals(FinishReason.CANCELLED, r.finishReason(), mode.name());
        assertTrue(h.isCancelled());
        assertPrefixOfFullOutput(r);
        assertEquals(streamed.get(), r.tokenCount(), "every committed token was streamed");
        // the round being emitted at the 10th token finishes (its tokens are committed); no further round starts
        assertTrue(r.tokenCount() >= 10 && r.tokenCount() <= 10 + ROUND - 1, mode + ": " + r.tokenCount());
      }
    }
    OnnxTestDecoders.assertNativeResourcesReleased(sessions);
  }

  @Test
  void cancel_fromAnotherThread_endsCancelledWithAPrefix() throws Exception {
    long sessions = NativeResources.liveSessions();
    try (SpecDecoder d = OnnxTestDecoders.open(model)) {
      // the listener holds the generation until the cancel is sent, so a fast machine cannot finish first
      CountDownLatch first = new CountDownLatch(1);
      CountDownLatch cancelSent = new CountDownLatch(1);
      GenerationHandle h = d.generateAsync(PROMPT, LONG, (id, text) -> {
        first.countDown();
        await(cancelSent);
      });
      await(first);
      h.cancel();
      cancelSent.countDown();
      GenerationResult r = h.result().get(30, TimeUnit.SECONDS);
      assertEquals(FinishReason.CANCELLED, r.finishReason());
      assertTrue(r.tokenCount() >= 1 && r.tokenCount() < 400, "" + r.tokenCount());
      assertPrefixOfFullOutput(r);

      CountDownLatch again = new CountDownLatch(1);
      CountDownLatch futureCancelled = new CountDownLatch(1);
      GenerationHandle f = d.generateAsync(PROMPT, LONG, (id, text) -> {
        again.countDown();
        await(futureCancelled);
      });
      await(again);
      assertTrue(f.result().cancel(true));
      futureCancelled.countDown();
      assertThrows(CancellationException.class, () -> f.result().join());
    }
    OnnxTestDecoders.assertNativeResourcesReleased(sessions);
  }

  @Test
  void timeout_endsCancelledWithinOneRoundOfTheDeadline() {
    long sessions = NativeResources.liveSessions();
    try (SpecDecoder d = OnnxTestDecoders.open(model)) {
      for (SpeculationMode mode : new SpeculationMode[] {SpeculationMode.DYNAMIC_TREE, SpeculationMode.AR}) {
        Duration timeout = Duration.ofMillis(80);
        List<Long> emitted = new ArrayList<>();
        GenerationResult r = d.generate(PROMPT, LONG.toBuilder().speculation(mode).timeout(timeout).build(),
            (id, text) -> {
              emitted.add(System.nanoTime());
              sleepMillis(2); // slow consumer: 400 tokens would take 0.8 s
            });
        long returned = System.nanoTime();
        assertEquals(FinishReason.CANCELLED, r.finishReason(), mode.name());
        assertPrefixOfFullOutput(r);
        // the engine's clock started totalNanos before it built the result, so at or before returned - totalNanos:
        // this deadline is at or after the engine's, and counts no more late tokens than the engine emitted
        long deadline = returned - r.stats().totalNanos() + timeout.toNanos();
        long late = emitted.stream().filter(t -> t >= deadline).count();
        // after the deadline only the rest of the round that was running when it passed is emitted
        int perRound = mode == SpeculationMode.AR ? 1 : ROUND;
        assertTrue(late <= perRound, mode + ": " + late + " tokens after the deadline");
        assertTrue(r.tokenCount() < 400);
      }
    }
    OnnxTestDecoders.assertNativeResourcesReleased(sessions);
  }

  @Test
  void close_duringAGeneration_endsItCancelledAndReleasesEverything() {
    long sessions = NativeResources.liveSessions();
    SpecDecoder d = OnnxTestDecoders.open(model);
    CountDownLatch firstToken = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    GenerationHandle h = d.generateAsync(PROMPT, LONG, (id, text) -> {
      firstToken.countDown();
      await(closed);
    });
    await(firstToken);
    d.close();
    assertTrue(NativeResources.liveSessions() > sessions, "sessions stay open while the generation uses them");
    assertThrows(IllegalStateException.class, () -> d.generate(PROMPT, LONG));
    assertThrows(IllegalStateException.class, () -> d.encode("the cat"));
    closed.countDown();
    GenerationResult r = h.join();
    assertEquals(FinishReason.CANCELLED, r.finishReason());
    assertTrue(r.tokenCount() <= ROUND, "" + r.tokenCount());
    assertPrefixOfFullOutput(r);
    OnnxTestDecoders.assertNativeResourcesReleased(sessions);
  }

  @Test
  void close_fromTheListenerOfItsOwnGeneration_endsItCancelled() {
    long sessions = NativeResources.liveSessions();
    SpecDecoder d = OnnxTestDecoders.open(model);
    GenerationResult r = d.generate(PROMPT, LONG, (id, text) -> d.close());
    assertEquals(FinishReason.CANCELLED, r.finishReason());
    assertPrefixOfFullOutput(r);
    OnnxTestDecoders.assertNativeResourcesReleased(sessions);
  }

  @Test
  void close_atRandomMomentsOfRunningGenerations_neverCrashesAndReleasesEverything() throws Exception {
    long sessions = NativeResources.liveSessions();
    Random random = new Random(99);
    for (int round = 0; round < 12; round++) {
      SpecDecoder d = OnnxTestDecoders.open(model);
      List<GenerationHandle> handles = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        handles.add(d.generateAsync(PROMPT, LONG.toBuilder().speculation(SpeculationMode.values()[(round + i) % 4])
            .maxNewTokens(50 + random.nextInt(200)).build()));
      }
      sleepMillis(random.nextInt(40));
      d.close();
      for (GenerationHandle h : handles) {
        GenerationResult r = h.result().get(30, TimeUnit.SECONDS);
        assertTrue(r.finishReason() == FinishReason.CANCELLED || r.finishReason() == FinishReason.LENGTH,
            r.finishReason().toString());
        assertPrefixOfFullOutput(r);
      }
    }
    OnnxTestDecoders.assertNativeResourcesReleased(sessions);
  }

  @Test
  void close_whileOtherThreadsTokenize_onlyEverRefusesThemWithIllegalState() throws Exception {
    long sessions = NativeResources.liveSessions();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 20; round++) {
        SpecDecoder d = OnnxTestDecoders.open(model);
        CountDownLatch running = new CountDownLatch(4);
        List<Future<Throwable>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          workers.add(pool.submit(() -> {
            running.countDown();
            try {
              while (true) {
                int[] ids = d.encode("the red square is left of the blue circle");
                d.decode(ids);
              }
            } catch (Throwable e) {
              return e;
            }
          }));
        }
        await(running);
        sleepMillis(5 + round);
        d.close();
        for (Future<Throwable> w : workers) {
          Throwable ended = w.get(30, TimeUnit.SECONDS);
          assertEquals(IllegalStateException.class, ended.getClass(), ended.toString());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    OnnxTestDecoders.assertNativeResourcesReleased(sessions);
  }

  private static void sleepMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
