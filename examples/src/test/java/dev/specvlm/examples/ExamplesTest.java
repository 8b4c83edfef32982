package dev.specvlm.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.onnx.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every example runs on the ONNX fixture model with the committed example image, and prints what it promises. */
class ExamplesTest {
  @TempDir static Path dir;
  static String model;
  static final String IMAGE = Path.of("scene.png").toAbsolutePath().toString(); // tests run in examples/

  @BeforeAll
  static void fixture() {
    model = TestModels.writePredictable(dir.resolve("model"), 42, 0.15f).toString();
  }

  /** Runs {@code main} and returns what it printed. */
  static String output(ThrowingMain main) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      main.run();
    } finally {
      System.setOut(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @FunctionalInterface
  interface ThrowingMain {
    void run() throws Exception;
  }

  @Test
  void quickStart_printsTextAndStatistics() throws Exception {
    String out = output(() -> QuickStart.main(new String[] {model, IMAGE}));
    assertTrue(out.contains("σ = ") && out.contains("tokens/s") && out.contains("tree budget K="), out);
  }

  @Test
  void streaming_printsTokensThenTheFinishReason() throws Exception {
    String out = output(() -> StreamingExample.main(new String[] {model, IMAGE}));
    assertTrue(out.contains("[LENGTH after 96 tokens") || out.contains("[EOS after"), out);
  }

  @Test
  void asyncCancellation_endsCancelledWithThePartialText() throws Exception {
    String out = output(() -> AsyncCancellationExample.main(new String[] {model, IMAGE}));
    assertTrue(out.startsWith("CANCELLED after "), out);
  }

  @Test
  void rawTokens_printsIdsInAndOut() throws Exception {
    String out = output(() -> RawTokensExample.main(new String[] {model}));
    assertTrue(out.contains("prompt ids:") && out.contains("generated ids: [") && out.contains("decoded:"), out);
  }
}
