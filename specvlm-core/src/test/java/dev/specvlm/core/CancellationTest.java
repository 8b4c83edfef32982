package dev.specvlm.core;

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
import dev.specvlm.core.testmodel.TestModels;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CancellationTest {
  private static final Prompt PROMPT = Prompt.ofTokens(5, 6, 7);
  private static final GenerationConfig LONG = GenerationConfig.builder().temperature(0).maxNewTokens(400)
      .ignoreEos(true).treeBudget(4, 12, 4).build();

  private static int[] reference(TestModels.Bundle b) {
    try (SpecDecoder d = TestDecoders.open(b)) {
      return d.generate(PROMPT, LONG.toBuilder().speculation(SpeculationMode.AR).build()).tokenIds();
    }
  }

  private static void assertPrefix(int[] reference, int[] tokens) {
    assertArrayEquals(Arrays.copyOf(reference, tokens.length), tokens, "committed tokens are a prefix of AR");
  }

  private static void awaitStatesClosed(TestModels.Bundle b) throws InterruptedException {
    for (int i = 0; i < 500 && b.referenceTarget().openStates() > 0; i++) {
      Thread.sleep(10);
    }
    assertEquals(0, b.referenceTarget().openStates());
  }

  @Test
  void cancel_fromListener_endsWithinOneRoundWithCommittedTokens() {
    TestModels.Bundle b = TestModels.builder().sharpness(20).draftNoise(0).build();
    int[] ar = reference(b);
    for (SpeculationMode mode : SpeculationMode.values()) {
      try (SpecDecoder d = TestDecoders.open(b)) {
        AtomicReference<GenerationHandle> handle = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        GenerationHandle h = d.generateAsync(PROMPT, LONG.toBuilder().speculation(mode).build(), (id, text) -> {
          try {
            started.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          if (handle.get().isCancelled()) {
            return;
          }
          handle.get().cancel();
        });
        handle.set(h);
        started.countDown();
        GenerationResult r = h.join();
        assertEquals(FinishReason.CANCELLED, r.finishReason(), mode.name());
        assertTrue(h.isCancelled());
        // cancelled at the first token: at most the rest of that round (tree depth 5 + bonus) follows
        assertTrue(r.tokenCount() >= 1 && r.tokenCount() <= 1 + 6, mode + ": " + r.tokenCount());
        assertPrefix(ar, r.tokenIds());
      }
    }
  }

  @Test
  void futureCancel_stopsTheWork() throws Exception {
    TestModels.Bundle b = TestModels.builder().build();
    CountDownLatch inForward = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    blockFirstVerification(b, inForward, release);
    try (SpecDecoder d = TestDecoders.open(b)) {
      GenerationHandle h = d.generateAsync(PROMPT, LONG);
      assertTrue(inForward.await(10, TimeUnit.SECONDS));
      assertTrue(h.result().cancel(true));
      release.countDown();
      assertThrows(CancellationException.class, () -> h.result().join());
      awaitStatesClosed(b);
      int forwards = b.referenceTarget().forwards();
      Thread.sleep(50);
      assertEquals(forwards, b.referenceTarget().forwards(), "no forwards after the generation stopped");
    }
  }

  @Test
  void timeout_endsCancelledWithCommittedTokens() {
    TestModels.Bundle b = TestModels.builder().build();
    int[] ar = reference(b);
    b.referenceTarget().onForward(q -> sleep(2));
    try (SpecDecoder d = TestDecoders.open(b)) {
      GenerationResult r = d.generate(PROMPT, LONG.toBuilder().timeout(Duration.ofMillis(40)).build());
      assertEquals(FinishReason.CANCELLED, r.finishReason());
      assertTrue(r.tokenCount() < 400);
      assertPrefix(ar, r.tokenIds());
    }
  }

  @Test
  void close_whileGenerating_cancelsItThenRefusesCallsAndClosesTheBundleOnce() throws Exception {
    TestModels.Bundle b = TestModels.builder().build();
    int[] ar = reference(b);
    CountDownLatch inForward = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    blockFirstVerification(b, inForward, release);
    int closedBefore = b.closeCalls(); // the reference decoder closed it once already
    SpecDecoder d = TestDecoders.open(b);
    GenerationHandle h = d.generateAsync(PROMPT, LONG);
    assertTrue(inForward.await(10, TimeUnit.SECONDS));
    d.close();
    assertEquals(closedBefore, b.closeCalls(), "the bundle stays open while a generation uses it");
    assertThrows(IllegalStateException.class, () -> d.generate(PROMPT, LONG));
    assertThrows(IllegalStateException.class, () -> d.generateAsync(PROMPT, LONG));
    assertThrows(IllegalStateException.class, d::modelInfo);
    release.countDown();
    GenerationResult r = h.join();
    assertEquals(FinishReason.CANCELLED, r.finishReason());
    assertPrefix(ar, r.tokenIds());
    assertEquals(closedBefore + 1, b.closeCalls());
    d.close();
    assertEquals(closedBefore + 1, b.closeCalls(), "close is idempotent");
  }

  @Test
  void timeout_enormous_neverFires() {
    try (SpecDecoder d = TestDecoders.open(TestModels.builder().build())) {
      GenerationResult r = d.generate(PROMPT, LONG.toBuilder().maxNewTokens(5)
          .timeout(Duration.ofSeconds(Long.MAX_VALUE)).build());
      assertEquals(FinishReason.LENGTH, r.finishReason());
    }
  }

  @Test
  void generateAsync_defaultExecutor_runsOnDaemonThreads() {
    try (SpecDecoder d = TestDecoders.open(TestModels.builder().build())) {
      AtomicReference<Thread> thread = new AtomicReference<>();
      d.generateAsync(PROMPT, LONG.toBuilder().maxNewTokens(3).build(), (id, t) -> thread.set(Thread.currentThread()))
          .join();
      assertTrue(thread.get().isDaemon());
      assertTrue(thread.get().getName().startsWith("specvlm-generate-"), thread.get().getName());
    }
  }

  /** Makes the first multi-row forward after the prefill signal {@code inForward} and wait for {@code release}. */
  private static void blockFirstVerification(TestModels.Bundle b, CountDownLatch inForward, CountDownLatch release) {
    int[] forwards = {0};
    b.referenceTarget().onForward(q -> {
      if (forwards[0]++ > 0 && q > 1 && inForward.getCount() > 0) {
        inForward.countDown();
        await(release);
      }
    });
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
