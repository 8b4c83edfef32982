package dev.specvlm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundle stage starts from an empty model folder, keeping only the committed rebuild script; the prompts stage
 * records the whole folder's size in the card.
 */
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
  void recordFolderSize_addsTheWholeFolderToTheCompressorSentence_once() throws IOException {
    Path model = dir.resolve("m");
    Files.createDirectories(model.resolve("heldout"));
    Files.write(model.resolve("decoder.onnx"), new byte[1_200_000]);
    Files.write(model.resolve("heldout").resolve("0.png"), new byte[300_000]);
    Files.writeString(model.resolve("MODEL_CARD.md"), "# m\n\nThe compressor files add 1.0 MB. Measurements: x.\n");

    ModelCard.recordFolderSize(model);
    String once = Files.readString(model.resolve("MODEL_CARD.md"));
    ModelCard.recordFolderSize(model);

    long total = 1_500_000 + Files.size(model.resolve("MODEL_CARD.md"));
    assertEquals(String.format(java.util.Locale.ROOT, "# m\n\nThe compressor files add 1.0 MB (the whole folder, "
        + "held-out prompts included, is %.1f MB). Measurements: x.\n", total / 1e6), once);
    assertEquals(once, Files.readString(model.resolve("MODEL_CARD.md")));
  }

  @Test
  void recordFolderSize_withoutACompressor_closesTheCardWithIt_once() throws IOException {
    Path model = dir.resolve("m");
    Files.createDirectories(model);
    Files.write(model.resolve("decoder.onnx"), new byte[2_000_000]);
    Files.writeString(model.resolve("MODEL_CARD.md"), "# m\n");

    ModelCard.recordFolderSize(model);
    ModelCard.recordFolderSize(model);

    assertEquals("# m\n\nThe whole folder, held-out prompts included, is 2.0 MB.\n",
        Files.readString(model.resolve("MODEL_CARD.md")));
  }

  @Test
  void clearBuildOutputs_ofAMissingFolder_doesNothing() throws IOException {
    ModelCard.clearBuildOutputs(dir.resolve("absent"));
    assertFalse(Files.exists(dir.resolve("absent")));
  }
}
