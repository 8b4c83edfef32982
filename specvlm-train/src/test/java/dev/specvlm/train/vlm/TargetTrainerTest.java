package dev.specvlm.train.vlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.onnx.reference.ReferenceConfig;
import dev.specvlm.train.data.ConversationFormat;
import dev.specvlm.train.data.Resolution;
import dev.specvlm.train.data.Vocabulary;
import dev.specvlm.train.data.WordTokenizer;
import dev.specvlm.train.loop.LearningRateSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small target learns (the loss falls) and a run interrupted at a checkpoint resumes to the same weights. */
class TargetTrainerTest {
  static final ReferenceConfig CONFIG = ReferenceConfig.builder().hiddenSize(32).numLayers(1).numHeads(2)
      .numKvHeads(1).headDim(16).ffnSize(64).vocabSize(Vocabulary.bundled().size()).contextLength(256).patchSize(8)
      .visionWidth(16).visionLayers(1).visionHeads(2).visionFfnSize(32).maxGridSize(8).build();

  @TempDir Path dir;

  private TargetTrainer trainer(Path run, long positions, long maxSeconds) {
    TargetTrainingConfig config = new TargetTrainingConfig(positions, new LearningRateSchedule(1e-2, 0.0, 0.1), 0.1,
        1.0, 300, 0.02, 5, 1e9, 1000, maxSeconds);
    TargetBatches batches = new TargetBatches(List.of(Resolution.SQUARE_64),
        ConversationFormat.of(WordTokenizer.of(Vocabulary.bundled()), 8), TinyVlm.imageSettings(8, 64), 300, 5);
    return new TargetTrainer(CONFIG, config, batches, run, false);
  }

  @Test
  void train_lowersLossAndResumesExactly() throws Exception {
    TargetTrainer.Result full = trainer(dir.resolve("full"), 3000, 0).train();
    assertTrue(full.finished());
    assertTrue(full.lastLoss() < full.firstLoss() - 1.0, "loss should fall over " + full.steps() + " steps: "
        + full.firstLoss() + " -> " + full.lastLoss());

    Path split = dir.resolve("split");
    TargetTrainer.Result first = trainer(split, 3000, 0).stopAfterSteps(3).train(); // stops with a checkpoint
    assertFalse(first.finished());
    assertTrue(Files.exists(split.resolve(TargetTrainer.CHECKPOINT)));
    TargetTrainer.Result resumed = trainer(split, 3000, 0).train();
    assertTrue(resumed.finished());
    assertEquals(full.steps(), resumed.steps());
    for (String name : full.weights().keySet()) {
      assertArrayEquals(full.weights().get(name), resumed.weights().get(name), 1e-6f, name);
    }
  }
}
