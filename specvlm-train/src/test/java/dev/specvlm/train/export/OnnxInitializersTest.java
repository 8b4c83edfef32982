package dev.specvlm.train.export;

import static dev.specvlm.onnx.reference.TensorNames.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specvlm.onnx.graph.Float16;
import dev.specvlm.onnx.graph.OnnxFileWriter;
import dev.specvlm.onnx.graph.WeightStorage;
import dev.specvlm.onnx.reference.ReferenceConfig;
import dev.specvlm.onnx.reference.ReferenceModelWriter;
import dev.specvlm.onnx.reference.ReferenceWeights;
import dev.specvlm.onnx.reference.WeightNames;
import dev.specvlm.onnx.reference.WriterOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LM head is read back from a decoder graph in every storage the writer offers. */
class OnnxInitializersTest {
  @TempDir Path dir;

  @Test
  void lmHead_readsFloat32Float16AndExternalData() {
    ReferenceConfig config = ReferenceConfig.builder().vocabSize(50).build();
    ReferenceWeights weights = ReferenceWeights.random(config, 3);
    float[] expected = weights.data(WeightNames.LM_HEAD); // [V, H]
    int v = config.vocabSize();
    int h = config.hiddenSize();

    Path fp32 = dir.resolve("fp32.onnx");
    OnnxFileWriter.write(ReferenceModelWriter.decoder(weights, WriterOptions.defaults()), fp32, -1);
    assertArrayEquals(expected, OnnxInitializers.read(fp32).lmHead(LOGITS, v, h));

    Path fp16 = dir.resolve("fp16.onnx");
    OnnxFileWriter.write(ReferenceModelWriter.decoder(weights,
        WriterOptions.defaults().withWeightStorage(WeightStorage.FLOAT16)), fp16, -1);
    float[] half = OnnxInitializers.read(fp16).lmHead(LOGITS, v, h);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Float16.round(expected[i]), half[i], 0f, "value " + i);
    }

    Path external = dir.resolve("external.onnx");
    OnnxFileWriter.write(ReferenceModelWriter.decoder(weights, WriterOptions.defaults()), external, 1024);
    assertArrayEquals(expected, OnnxInitializers.read(external).lmHead(LOGITS, v, h));

    Path draft = dir.resolve("draft.onnx"); // the draft's copy of the head feeds TopK, not a logits output
    OnnxFileWriter.write(ReferenceModelWriter.draft(weights, WriterOptions.defaults()), draft, -1);
    org.junit.jupiter.api.Assertions.assertThrows(dev.specvlm.ModelLoadException.class,
        () -> OnnxInitializers.read(draft).lmHead(LOGITS, v, h));
  }
}
