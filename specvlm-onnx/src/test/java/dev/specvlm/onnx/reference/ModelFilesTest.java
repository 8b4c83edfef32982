package dev.specvlm.onnx.reference;

import static dev.specvlm.onnx.reference.DecoderParityTest.assertClose;
import static dev.specvlm.onnx.reference.Fixtures.*;
import static dev.specvlm.onnx.reference.TensorNames.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OrtSession;
import dev.specvlm.onnx.graph.Float16;
import dev.specvlm.onnx.graph.WeightStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** writeAll's files: names, contract, external data, float16 storage. */
class ModelFilesTest {
  private static final ReferenceConfig CONFIG = ReferenceConfig.tiny().toBuilder().contextLength(256).build();
  private static final ReferenceWeights WEIGHTS = ReferenceWeights.random(CONFIG, 9);

  @TempDir Path dir;

  /** Runs a 5-row causal prefill through a decoder and returns its outputs. */
  private static OrtModel.Outputs prefill(OrtModel decoder) throws Exception {
    Random random = new Random(4);
    double[][] embeds = new ReferenceVlm(WEIGHTS).embed(ids(random, 5, CONFIG.vocabSize()));
    OrtModel.Inputs in = new OrtModel.Inputs()
        .floats(INPUTS_EMBEDS, flat(embeds), 1, 5, CONFIG.hiddenSize())
        .longs(POSITION_IDS, range(0, 5), 1, 5)
        .floats(ATTENTION_MASK, flat(causal(0, 5)), 1, 1, 5, 5)
        .longs(NUM_LOGITS_TO_KEEP, new long[] {0}, 1);
    for (int i = 0; i < CONFIG.numLayers(); i++) {
      long[] shape = {1, CONFIG.numKvHeads(), 0, CONFIG.headDim()};
      in.floats(pastKey(i), new float[0], shape).floats(pastValue(i), new float[0], shape);
    }
    return decoder.run(in);
  }

  @Test
  void writeAll_writesFourFilesWithTheContractNames() throws Exception {
    List<Path> files = ReferenceModelWriter.writeAll(dir, WEIGHTS, WriterOptions.defaults());
    assertEquals(List.of(dir.resolve(VISION_FILE), dir.resolve(EMBED_FILE), dir.resolve(DECODER_FILE),
        dir.resolve(DRAFT_FILE)), files);
    List<String> decoderInputs = new ArrayList<>(List.of(INPUTS_EMBEDS, POSITION_IDS, ATTENTION_MASK));
    List<String> decoderOutputs = new ArrayList<>(List.of(LOGITS, HIDDEN_STATES));
    for (int i = 0; i < CONFIG.numLayers(); i++) {
      decoderInputs.addAll(List.of(pastKey(i), pastValue(i)));
      decoderOutputs.addAll(List.of(presentKey(i), presentValue(i)));
    }
    decoderInputs.add(NUM_LOGITS_TO_KEEP);
    List<List<String>> expected = List.of(
        List.of(PIXEL_VALUES), List.of(IMAGE_EMBEDS),
        List.of(INPUT_IDS), List.of(INPUTS_EMBEDS),
        decoderInputs, decoderOutputs,
        List.of(INPUTS_EMBEDS, POSITION_IDS, ATTENTION_MASK, pastKey(0), pastValue(0), FEATURES, NUM_LOGITS_TO_KEEP,
            TOP_K),
        List.of(HIDDEN_STATES, TOPK_LOG_PROBS, TOPK_IDS, presentKey(0), presentValue(0)));
    for (int f = 0; f < 4; f++) {
      try (OrtModel model = OrtModel.of(files.get(f))) {
        OrtSession s = model.session();
        assertEquals(expected.get(2 * f), new ArrayList<>(s.getInputNames()), files.get(f) + " inputs");
        assertEquals(expected.get(2 * f + 1), new ArrayList<>(s.getOutputNames()), files.get(f) + " outputs");
      }
    }
  }

  @Test
  void writeAll_withExternalData_givesTheSameOutputsFromSmallModelFiles() throws Exception {
    Path embedded = dir.resolve("embedded");
    Path external = dir.resolve("external");
    ReferenceModelWriter.writeAll(embedded, WEIGHTS, WriterOptions.defaults());
    ReferenceModelWriter.writeAll(external, WEIGHTS, WriterOptions.defaults().withExternalDataThreshold(1024));
    Path data = external.resolve(DECODER_FILE + ".data");
    assertTrue(Files.exists(data), "external data file " + data);
    assertTrue(Files.size(external.resolve(DECODER_FILE)) < Files.size(embedded.resolve(DECODER_FILE)) / 4,
        "the weights moved out of the model file");
    assertFalse(Files.exists(embedded.resolve(DECODER_FILE + ".data")));
    try (OrtModel a = OrtModel.of(embedded.resolve(DECODER_FILE));
        OrtModel b = OrtModel.of(external.resolve(DECODER_FILE))) {
      assertArrayEquals(prefill(a).floats(LOGITS), prefill(b).floats(LOGITS));
    }
  }

  @Test
  void float16Storage_halvesTheWeightsAndStaysClose() throws Exception {
    WriterOptions fp16 = WriterOptions.defaults().withWeightStorage(WeightStorage.FLOAT16);
    ModelProto full = ReferenceModelWriter.decoder(WEIGHTS, WriterOptions.defaults());
    ModelProto half = ReferenceModelWriter.decoder(WEIGHTS, fp16);
    double ratio = (double) half.getSerializedSize() / full.getSerializedSize();
    assertTrue(ratio < 0.6, "float16 decoder is " + ratio + " of the float32 one");

    try (OrtModel exact = OrtModel.of(full); OrtModel rounded = OrtModel.of(half)) {
      float[] exactLogits = prefill(exact).floats(LOGITS);
      float[] roundedLogits = prefill(rounded).floats(LOGITS);
      double diff = maxAbsDiff(exactLogits, roundedLogits);
      assertTrue(diff > 1e-5 && diff < 0.05, "float16 weights change logits by " + diff);
      // the float16 graph computes exactly what float32 weights rounded to float16 give
      ReferenceWeights roundedWeights = WEIGHTS.map(v -> Float16.round((float) v));
      try (OrtModel reference = OrtModel.of(ReferenceModelWriter.decoder(roundedWeights, WriterOptions.defaults()))) {
        assertClose(prefill(reference).floats(LOGITS), roundedLogits, "float16 logits");
      }
    }
  }

  @Test
  void float16Storage_castsAreFoldedAtLoad() throws Exception {
    Path model = dir.resolve("draft16.onnx");
    Path optimized = dir.resolve("draft16.optimized.onnx");
    dev.specvlm.onnx.graph.OnnxFileWriter.write(
        ReferenceModelWriter.draft(WEIGHTS, WriterOptions.defaults().withWeightStorage(WeightStorage.FLOAT16)), model);
    ModelProto written = ModelProto.parseFrom(Files.readAllBytes(model));
    assertTrue(written.getGraph().getNodeList().stream().anyMatch(n -> n.getOpType().equals("Cast")));
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizedModelFilePath(optimized.toString());
      options.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
      OrtModel.ENV.createSession(model.toString(), options).close();
    }
    ModelProto loaded = ModelProto.parseFrom(Files.readAllBytes(optimized));
    assertEquals(0, loaded.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Cast")).count(),
        "ONNX Runtime should fold every weight Cast into a float32 initializer");
  }
}
