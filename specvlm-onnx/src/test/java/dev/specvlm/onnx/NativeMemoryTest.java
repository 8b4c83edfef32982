package dev.specvlm.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpeculationMode;
import dev.specvlm.onnx.image.TestImages;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Native memory does not grow with use: 2,000 generations on the fixture model (every speculation mode, greedy and
 * sampled, with and without an image) leave every tensor, run result and session they created closed, and the
 * process's resident memory levels off after a warm-up quarter.
 */
class NativeMemoryTest {
  /** 2,000 by default; {@code -Dspecvlm.memory.generations=N} (a multiple of 4) runs a longer soak. */
  private static final int GENERATIONS = Integer.getInteger("specvlm.memory.generations", 2000);
  private static final int QUARTER = GENERATIONS / 4;
  /**
   * The growth of resident memory allowed between the end of the second quarter and the end of the last (1,000
   * generations). Measured on 2 shared cores: a few MiB either way (JIT code, malloc arenas, heap sizing after
   * System.gc()). The test also checks that this bound is below a quarter of what leaking one generation's KV buffers
   * per generation would add over those 1,000 generations, so such a leak cannot hide inside it.
   */
  private static final long TOLERANCE_BYTES = 24L << 20;

  @TempDir Path dir;

  /** VmRSS of this process, in bytes, after a full GC has let direct buffers go (Linux /proc). */
  static long settledRss() {
    System.gc();
    try {
      Thread.sleep(200); // the Cleaner thread frees direct buffers after the GC found them unreachable
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException("no VmRSS line in /proc/self/status");
  }

  /** A cycle of requests: every mode, greedy and sampled, about 50 prompt positions, every fourth with an image. */
  private static List<Object[]> requests() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      text.append("w").append(30 + 3 * i % 160).append(i % 7 == 6 ? " . " : " ");
    }
    Prompt plain = Prompt.of(text.toString());
    Prompt withImage = Prompt.builder().image(TestImages.encode(TestImages.randomRgb(16, 16, 5), "png"))
        .text("describe the image").build();
    List<Object[]> requests = new ArrayList<>();
    int n = 0;
    for (SpeculationMode mode : SpeculationMode.values()) {
      for (boolean sample : new boolean[] {false, true}) {
        GenerationConfig.Builder c = GenerationConfig.builder().maxNewTokens(8).ignoreEos(true).speculation(mode)
            .treeBudget(4, 12, 3);
        if (sample) {
          c.temperature(0.8).topK(40).seed(n);
        }
        requests.add(new Object[] {n++ % 4 == 3 ? withImage : plain, c.build()});
      }
    }
    return requests;
  }

  /** One line about the JVM's memory at a checkpoint: what is resident, and what Java itself accounts for. */
  private static String memoryLine(int generations, long rss) {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
    long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    return String.format(Locale.ROOT, "after %5d generations: VmRSS %.1f MiB (Java heap committed %.1f, non-heap"
        + " committed %.1f, direct buffers %.2f)", generations, mib(rss), mib(heap.getCommitted()),
        mib(nonHeap.getCommitted()), mib(direct));
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void generate_twoThousandTimes_residentMemoryLevelsOffAndEveryNativeObjectIsClosed() {
    long sessionsBefore = NativeResources.liveSessions();
    long tensorsBefore = NativeResources.tensorsCreated();
    long resultsBefore = NativeResources.resultsCreated();
    long sessionsCreatedBefore = NativeResources.sessionsCreated();
    List<Object[]> requests = requests();
    long[] rss = new long[5]; // after 0 and after each quarter of the generations
    StringBuilder report = new StringBuilder();
    long peakKv = 0;
    try (SpecDecoder decoder = OnnxTestDecoders.open(TestModels.write(dir.resolve("model"), 3))) {
      rss[0] = settledRss();
      report.append(memoryLine(0, rss[0]));
      for (int i = 0; i < GENERATIONS; i++) {
        Object[] request = requests.get(i % requests.size());
        GenerationResult r = decoder.generate((Prompt) request[0], (GenerationConfig) request[1]);
        assertEquals(8, r.tokenCount());
        peakKv = Math.max(peakKv, r.stats().peakKvBytes());
        OnnxTestDecoders.assertNoStepResourcesOpen(); // after every generation, not only at the end
        if ((i + 1) % QUARTER == 0) {
          int quarter = (i + 1) / QUARTER;
          rss[quarter] = settledRss();
          report.append('\n').append(memoryLine(i + 1, rss[quarter]));
        }
      }
    }
    OnnxTestDecoders.assertNativeResourcesReleased(sessionsBefore);
    long tensors = NativeResources.tensorsCreated() - tensorsBefore;
    long results = NativeResources.resultsCreated() - resultsBefore;
    long sessions = NativeResources.sessionsCreated() - sessionsCreatedBefore;
    long growth = rss[4] - rss[2];
    long leakSignal = (long) (GENERATIONS / 2) * peakKv;
    System.out.printf(Locale.ROOT, "NativeMemoryTest: %d generations created and closed %d tensors, %d run results,"
            + " %d sessions; VmRSS growth over the last %d generations: %.1f MiB (tolerance %d MiB; keeping one"
            + " generation's KV per generation would add %.0f MiB)%n%s%n", GENERATIONS, tensors, results, sessions,
        GENERATIONS / 2, mib(growth), TOLERANCE_BYTES >> 20, mib(leakSignal), report);
    assertTrue(tensors > 10L * GENERATIONS && results > 5L * GENERATIONS, "the counting saw the runs: " + tensors
        + " tensors, " + results + " results");
    assertTrue(TOLERANCE_BYTES < leakSignal / 4, "tolerance too loose to see a KV leak of " + leakSignal + " bytes");
    assertTrue(growth <= TOLERANCE_BYTES, String.format(Locale.ROOT,
        "resident memory grew %.1f MiB over the last %d generations (tolerance %d MiB)%n%s", mib(growth),
        GENERATIONS / 2, TOLERANCE_BYTES >> 20, report));
  }

  private static double mib(long bytes) {
    return bytes / 1048576.0;
  }
}
