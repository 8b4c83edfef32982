package dev.specvlm.train.distill;

import dev.specvlm.onnx.reference.ReferenceConfig;
import dev.specvlm.onnx.reference.ReferenceWeights;
import dev.specvlm.onnx.reference.WriterOptions;
import dev.specvlm.train.data.Vocabulary;
import dev.specvlm.train.export.ModelFolderExport;
import dev.specvlm.train.vlm.TinyVlm;
import java.nio.file.Path;

/** A small random target model folder over the bundled vocabulary and 64-pixel scenes (test fixture). */
public final class TinyTargets {
  private TinyTargets() {}

  public static ReferenceConfig config() {
    return ReferenceConfig.builder().hiddenSize(64).numLayers(2).numHeads(4).numKvHeads(2).headDim(16).ffnSize(128)
        .vocabSize(Vocabulary.bundled().size()).contextLength(512).patchSize(8).visionWidth(32).visionLayers(1)
        .visionHeads(2).visionFfnSize(64).maxGridSize(8).build();
  }

  /** Writes a random target (with a random draft) into {@code dir}. */
  public static Path write(Path dir, long seed) {
    ModelFolderExport.writeReferenceModel(dir, "tiny-random", ReferenceWeights.random(config(), seed),
        Vocabulary.bundled(), TinyVlm.imageSettings(8, 64), WriterOptions.defaults());
    return dir;
  }
}
