package dev.specvlm.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.specvlm.SpecDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Decoders over fixture folders, and the checks that every native object they created was closed again. */
final class OnnxTestDecoders {
  private OnnxTestDecoders() {}

  /** A decoder over {@code dir} through the public builder, one intra-op thread. */
  static SpecDecoder open(Path dir) {
    return SpecDecoder.builder().modelDir(dir).intraOpThreads(1).provider(OnnxSpecDecoderProvider.NAME).build();
  }

  /** Edits {@code dir/specvlm.json} as a JSON tree. */
  static void editManifest(Path dir, Consumer<JsonObject> edit) {
    Path file = dir.resolve(ModelManifest.FILE_NAME);
    try {
      JsonObject root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
      edit.accept(root);
      Files.writeString(file, root.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits (at most 10 s) until the live sessions are back at {@code sessionsBefore}, then requires that, and no live
   * tensor or run result. A decoder closes its bundle when its last generation has released its states, which can be
   * just after that generation's future completed.
   */
  static void assertNativeResourcesReleased(long sessionsBefore) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline && (NativeResources.liveSessions() != sessionsBefore
        || NativeResources.liveTensors() != 0 || NativeResources.liveResults() != 0)) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    assertEquals(sessionsBefore, NativeResources.liveSessions(), "sessions left open");
    assertEquals(0, NativeResources.liveTensors(), "tensors left open");
    assertEquals(0, NativeResources.liveResults(), "run results left open");
  }

  /** Tensors and run results live right now: between calls on an idle decoder both must be zero. */
  static void assertNoStepResourcesOpen() {
    assertEquals(0, NativeResources.liveTensors(), "tensors left open");
    assertEquals(0, NativeResources.liveResults(), "run results left open");
  }
}
