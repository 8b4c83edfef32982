package dev.specvlm.train.nn;

import static dev.specvlm.onnx.reference.TensorNames.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.specvlm.onnx.reference.ReferenceConfig;
import dev.specvlm.onnx.reference.ReferenceModelWriter;
import dev.specvlm.onnx.reference.ReferenceWeights;
import dev.specvlm.onnx.reference.WriterOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DJL target and draft compute what the exported ONNX graphs compute (≤ 1e-4), on a small random model. */
class TargetNetParityTest {
  static final ReferenceConfig CONFIG = ReferenceConfig.builder().hiddenSize(48).numLayers(2).numHeads(4)
      .numKvHeads(2).headDim(12).ffnSize(80).vocabSize(97).contextLength(64).patchSize(4).visionWidth(24)
      .visionLayers(2).visionHeads(2).visionFfnSize(40).maxGridSize(8).build();

  @TempDir Path dir;

  @Test
  void forward_matchesExportedGraphs() throws Exception {
    ReferenceWeights weights = ReferenceWeights.random(CONFIG, 7);
    ReferenceModelWriter.writeAll(dir, weights, WriterOptions.defaults());
    Random random = new Random(3);
    int h = CONFIG.hiddenSize();
    int imageH = 12;
    int imageW = 20; // a 3 x 5 grid
    float[] pixels = gaussian(random, 3 * imageH * imageW);
    int t = 9;
    long[] ids = new long[t];
    for (int i = 0; i < t; i++) {
      ids[i] = random.nextInt(CONFIG.vocabSize());
    }
    float[] embeds = gaussian(random, t * h);
    float[] features = gaussian(random, t * h);

    try (NDManager manager = NDManager.newBaseManager();
        ParameterSet params = ParameterSet.create(manager, ReferenceWeights.expectedShapes(CONFIG),
            toArrays(weights), name -> true)) {
      TargetNet net = new TargetNet(CONFIG, params);
      DraftNet draft = new DraftNet(CONFIG, params);
      try (NDManager step = manager.newSubManager()) {
        float[] djlVision = net.vision(step.create(pixels, new Shape(1, 3, imageH, imageW))).toFloatArray();
        float[] djlEmbed = net.embed(step.create(ids, new Shape(1, t))).toFloatArray();
        NDArray feats = net.features(step.create(embeds, new Shape(1, t, h)));
        float[] djlFeatures = feats.toFloatArray();
        float[] djlLogits = net.logits(feats).toFloatArray();
        float[] djlDraft = draft.forward(step.create(embeds, new Shape(1, t, h)),
            step.create(features, new Shape(1, t, h))).toFloatArray();

        Map<String, float[]> vision = OnnxParityFixture.run(dir.resolve(VISION_FILE),
            new OnnxParityFixture.Inputs().put(PIXEL_VALUES, pixels, 1, 3, imageH, imageW), IMAGE_EMBEDS);
        assertClose("vision", vision.get(IMAGE_EMBEDS), djlVision);
        Map<String, float[]> embed = OnnxParityFixture.run(dir.resolve(EMBED_FILE),
            new OnnxParityFixture.Inputs().put(INPUT_IDS, ids, 1, t), INPUTS_EMBEDS);
        assertClose("embed", embed.get(INPUTS_EMBEDS), djlEmbed);
        Map<String, float[]> decoder = OnnxParityFixture.run(dir.resolve(DECODER_FILE),
            prefillInputs(embeds, t, CONFIG.numLayers()).put(NUM_LOGITS_TO_KEEP, new long[] {0}, 1),
            LOGITS, HIDDEN_STATES);
        assertClose("decoder features", decoder.get(HIDDEN_STATES), djlFeatures);
        assertClose("decoder logits", decoder.get(LOGITS), djlLogits);
        Map<String, float[]> drafted = OnnxParityFixture.run(dir.resolve(DRAFT_FILE),
            prefillInputs(embeds, t, 1).put(FEATURES, features, 1, t, h).put(NUM_LOGITS_TO_KEEP, new long[] {1}, 1)
                .put(TOP_K, new long[] {4}, 1),
            HIDDEN_STATES);
        assertClose("draft features", drafted.get(HIDDEN_STATES), djlDraft);
      }
    }
  }

  static OnnxParityFixture.Inputs prefillInputs(float[] embeds, int t, int layers) {
    int h = CONFIG.hiddenSize();
    long[] positions = new long[t];
    float[] mask = new float[t * t];
    for (int r = 0; r < t; r++) {
      positions[r] = r;
      for (int c = r + 1; c < t; c++) {
        mask[r * t + c] = Float.NEGATIVE_INFINITY;
      }
    }
    OnnxParityFixture.Inputs in = new OnnxParityFixture.Inputs().put(INPUTS_EMBEDS, embeds, 1, t, h)
        .put(POSITION_IDS, positions, 1, t).put(ATTENTION_MASK, mask, 1, 1, t, t);
    for (int l = 0; l < layers; l++) {
      in.put(pastKey(l), new float[0], 1, CONFIG.numKvHeads(), 0, CONFIG.headDim());
      in.put(pastValue(l), new float[0], 1, CONFIG.numKvHeads(), 0, CONFIG.headDim());
    }
    return in;
  }

  static Map<String, float[]> toArrays(ReferenceWeights weights) {
    Map<String, float[]> out = new java.util.LinkedHashMap<>();
    weights.tensors().forEach((name, tensor) -> out.put(name, tensor.data()));
    return out;
  }

  static float[] gaussian(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  static void assertClose(String what, float[] expected, float[] actual) {
    double diff = OnnxParityFixture.maxAbsDiff(expected, actual);
    assertTrue(diff <= 1e-4, what + ": max |ORT - DJL| = " + diff);
  }
}
