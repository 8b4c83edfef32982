package dev.specvlm.train.distill;

import static dev.specvlm.onnx.reference.TensorNames.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpeculationMode;
import dev.specvlm.onnx.reference.ReferenceWeights;
import dev.specvlm.onnx.reference.WeightNames;
import dev.specvlm.onnx.reference.WriterOptions;
import dev.specvlm.train.data.DataSplit;
import dev.specvlm.train.data.Resolution;
import dev.specvlm.train.data.Sample;
import dev.specvlm.train.export.DraftShape;
import dev.specvlm.train.nn.DraftNet;
import dev.specvlm.train.nn.ParameterSet;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke distillation on a small random target: the loss falls over a few dozen steps, the exported draft matches
 * the DJL student (≤ 1e-4), loads as a model folder and decodes losslessly (speculative greedy output = AR output).
 */
class OnlineDistillerTest {
  @TempDir Path dir;

  @Test
  void run_lowersLossAndExportsALosslessDraft() throws Exception {
    Path target = TinyTargets.write(dir.resolve("target"), 11);
    SceneConversations data = new SceneConversations(List.of(Resolution.SQUARE_64), DataSplit.TRAIN, 0, 48);
    DistillConfig config = DistillConfig.defaults(3).withBatchSamples(4)
        .withExport(WriterOptions.defaults());
    List<OnlineDistiller.EpochStats> epochs = new ArrayList<>();
    OnlineDistiller.Result result;
    try (OnnxTeacher teacher = OnnxTeacher.load(target, 1)) {
      DraftShape shape = DraftShape.of(TinyTargets.config());
      result = new OnlineDistiller(target, teacher, shape, config)
          .run(data, dir.resolve("run"), false, (epoch, folder, stats) -> epochs.add(stats));
      assertEquals(36, result.steps(), "3 epochs of 48 conversations in steps of 4");
      double first = epochs.get(0).feature() + 0.1 * epochs.get(0).logit();
      double last = epochs.get(2).feature() + 0.1 * epochs.get(2).logit();
      assertTrue(last < 0.9 * first, "loss should fall: epoch 1 " + first + ", epoch 3 " + last);

      assertStudentMatchesExport(teacher, shape, result, data.get(0));
    }

    Path folder = result.epochFolders().get(2);
    try (SpecDecoder decoder = SpecDecoder.builder().modelDir(folder).build()) {
      for (int i = 0; i < 3; i++) {
        Sample s = new SceneConversations(List.of(Resolution.SQUARE_64), DataSplit.HELD_OUT, 0, 3).sample(i);
        Prompt prompt = Prompt.builder().image(s.image()).text(s.question()).build();
        GenerationResult ar = decoder.generate(prompt, greedy(SpeculationMode.AR));
        GenerationResult spec = decoder.generate(prompt, greedy(SpeculationMode.DYNAMIC_TREE));
        assertArrayEquals(ar.tokenIds(), spec.tokenIds(), "speculative greedy output differs from AR on " + s);
        assertTrue(spec.stats().rounds() > 0);
      }
    }
  }

  private static GenerationConfig greedy(SpeculationMode mode) {
    return GenerationConfig.builder().maxNewTokens(24).temperature(0).speculation(mode).treeBudget(4, 10, 3)
        .build();
  }

  /** The DJL student with the trained weights and the exported draft.onnx agree on features and top-k (≤ 1e-4). */
  private static void assertStudentMatchesExport(OnnxTeacher teacher, DraftShape shape,
      OnlineDistiller.Result result, Conversation c) throws Exception {
    TeacherPass pass = teacher.run(c);
    DraftInputs in = DraftInputs.of(pass, shape.hidden());
    int s = in.rows();
    int h = shape.hidden();
    Map<String, float[]> weights = new LinkedHashMap<>(result.draftWeights());
    weights.put(WeightNames.LM_HEAD, teacher.lmHead());
    Map<String, int[]> shapes = new LinkedHashMap<>();
    ReferenceWeights.expectedShapes(shape.referenceConfig()).forEach((name, dims) -> {
      if (weights.containsKey(name)) {
        shapes.put(name, dims);
      }
    });
    float[] djl;
    float[] djlLogits;
    try (NDManager manager = NDManager.newBaseManager();
        ParameterSet params = ParameterSet.create(manager, shapes, weights, name -> false)) {
      DraftNet net = new DraftNet(shape.referenceConfig(), params);
      var out = net.forward(manager.create(in.nextEmbeds(), new Shape(1, s, h)),
          manager.create(in.features(), new Shape(1, s, h)));
      djl = out.toFloatArray();
      djlLogits = net.logits(out).logSoftmax(2).toFloatArray();
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Path draftFile = result.epochFolders().get(result.epochFolders().size() - 1).resolve(DRAFT_FILE);
    long[] positions = new long[s];
    float[] mask = new float[s * s];
    for (int r = 0; r < s; r++) {
      positions[r] = r;
      for (int col = r + 1; col < s; col++) {
        mask[r * s + col] = Float.NEGATIVE_INFINITY;
      }
    }
    int kv = shape.numKvHeads();
    int hd = shape.headDim();
    try (OrtSession session = env.createSession(draftFile.toString(), new OrtSession.SessionOptions());
        OnnxTensor embeds = OnnxTensor.createTensor(env, FloatBuffer.wrap(in.nextEmbeds()), new long[] {1, s, h});
        OnnxTensor features = OnnxTensor.createTensor(env, FloatBuffer.wrap(in.features()), new long[] {1, s, h});
        OnnxTensor pos = OnnxTensor.createTensor(env, LongBuffer.wrap(positions), new long[] {1, s});
        OnnxTensor maskTensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(mask), new long[] {1, 1, s, s});
        OnnxTensor pastK = OnnxTensor.createTensor(env, FloatBuffer.allocate(0), new long[] {1, kv, 0, hd});
        OnnxTensor pastV = OnnxTensor.createTensor(env, FloatBuffer.allocate(0), new long[] {1, kv, 0, hd});
        OnnxTensor keep = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {1}), new long[] {1});
        OnnxTensor topK = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {5}), new long[] {1});
        OrtSession.Result out = session.run(Map.of(INPUTS_EMBEDS, embeds, FEATURES, features, POSITION_IDS, pos,
            ATTENTION_MASK, maskTensor, pastKey(0), pastK, pastValue(0), pastV, NUM_LOGITS_TO_KEEP, keep, TOP_K,
            topK))) {
      float[] ort = ((OnnxTensor) out.get(HIDDEN_STATES).orElseThrow()).getFloatBuffer().array();
      double diff = 0;
      for (int i = 0; i < ort.length; i++) {
        diff = Math.max(diff, Math.abs(ort[i] - djl[i]));
      }
      assertTrue(diff <= 1e-4, "draft features: max |ORT - DJL| = " + diff);
      float[] topLogProbs = ((OnnxTensor) out.get(TOPK_LOG_PROBS).orElseThrow()).getFloatBuffer().array();
      long[] topIds = ((OnnxTensor) out.get(TOPK_IDS).orElseThrow()).getLongBuffer().array();
      int v = shape.vocab();
      for (int k = 0; k < topIds.length; k++) {
        float expected = djlLogits[(s - 1) * v + (int) topIds[k]];
        assertEquals(expected, topLogProbs[k], 1e-4, "top-" + k + " log-probability of the last row");
      }
    }
  }
}
