package dev.specvlm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundle stage starts from an empty model folder, keeping only the committed rebuild script. */
class ModelCardTest {
  @TempDir Path dir;

  @Test
  void clearBuildOutputs_keepsOnlyTheRebuildScript() throws IOException {
    Path model = dir.resolve("specvlm-tiny");
    Files.createDirectories(model.resolve("heldout"));
    Files.writeString(model.resolve(ModelCard.REBUILD_SCRIPT), "#!/bin/sh\n");
    Files.writeString(model.resolve("compressor-conv3.onnx"), "stale");
    Files.writeString(model.resolve("MODEL_CARD.md"), "old card");
    Files.writeString(model.resolve("heldout").resolve("prompts.jsonl"), "{}");

    ModelCard.clearBuildOutputs(model);

    try (var left = Files.list(model)) {
      assertEquals(List.of(model.resolve(ModelCard.REBUILD_SCRIPT)), left.toList());
    }
    assertEquals("#!/bin/sh\n", Files.readString(model.resolve(ModelCard.REBUILD_SCRIPT)));
  }

  @Test
  void clearBuildOutputs_ofAMissingFolder_doesNothing() throws IOException {
    ModelCard.clearBuildOutputs(dir.resolve("absent"));
    assertFalse(Files.exists(dir.resolve("absent")));
  }
}
