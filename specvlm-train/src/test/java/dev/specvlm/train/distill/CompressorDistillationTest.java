package dev.specvlm.train.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpecStats;
import dev.specvlm.SpeculationMode;
import dev.specvlm.VisualCompression;
import dev.specvlm.onnx.ModelManifest;
import dev.specvlm.onnx.reference.WriterOptions;
import dev.specvlm.train.data.DataSplit;
import dev.specvlm.train.data.Resolution;
import dev.specvlm.train.data.Sample;
import dev.specvlm.train.export.DraftShape;
import dev.specvlm.train.nn.CompressorNet;
import dev.specvlm.train.nn.ParameterSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke joint distillation of draft and compressor on a small random target: the loss falls, every branch gets
 * trained, the exported folder keeps its EagleVLM draft and adds the compressor with its own draft, decodes
 * losslessly in every mode, and the engine picks the branch the trained (DJL) gate picks.
 */
class CompressorDistillationTest {
  @TempDir Path dir;

  @Test
  void run_withCompressor_trainsJointlyAndExportsAGateTheEngineFollows() throws Exception {
    Path target = TinyTargets.write(dir.resolve("target"), 12);
    SceneConversations data = new SceneConversations(List.of(Resolution.SQUARE_64), DataSplit.TRAIN, 0, 48);
    DistillConfig config = DistillConfig.defaults(3).withBatchSamples(4).withExport(WriterOptions.defaults());
    CompressorTraining training = CompressorTraining.defaults(64);
    List<OnlineDistiller.EpochStats> epochs = new ArrayList<>();
    OnlineDistiller.Result result;
    DraftShape shape = DraftShape.of(TinyTargets.config());
    byte[] plainDraft = Files.readAllBytes(target.resolve("draft.onnx"));
    try (OnnxTeacher teacher = OnnxTeacher.load(target, 1)) {
      result = new OnlineDistiller(target, teacher, shape, config, training)
          .run(data, dir.resolve("run"), false, (epoch, folder, stats) -> epochs.add(stats));
      double first = epochs.get(0).feature() + 0.1 * epochs.get(0).logit();
      double last = epochs.get(2).feature() + 0.1 * epochs.get(2).logit();
      assertTrue(last < 0.9 * first, "loss should fall: epoch 1 " + first + ", epoch 3 " + last + "; " + epochs);
      Map<String, Integer> trained = new LinkedHashMap<>();
      epochs.forEach(e -> e.branches().forEach((b, n) -> trained.merge(b, n, Integer::sum)));
      assertTrue(trained.containsKey("weighted3") && trained.size() >= 4, "branches trained: " + trained);
      assertTrue(result.draftWeights().keySet().stream().anyMatch(n -> n.startsWith("compressor.conv3")));
    }

    Path folder = result.epochFolders().get(2);
    ModelManifest m = ModelManifest.read(folder);
    assertNotNull(m.compressor());
    assertEquals(CompressorTraining.DRAFT_FILE, m.compressor().draft().file());
    assertEquals("draft.onnx", m.draft().file());
    assertArrayEquals(plainDraft, Files.readAllBytes(folder.resolve("draft.onnx")), "the EagleVLM draft is kept");
    assertEquals(List.of("draft.onnx"), List.of(m.draft().file()));
    assertEquals(ModelManifest.read(target).compressor(), null, "the target folder's manifest is untouched");

    List<Sample> held = new ArrayList<>();
    SceneConversations heldOut = new SceneConversations(List.of(Resolution.SQUARE_64), DataSplit.HELD_OUT, 0, 6);
    for (int i = 0; i < 6; i++) {
      held.add(heldOut.sample(i));
    }
    List<String> engineChoices = new ArrayList<>();
    try (SpecDecoder decoder = SpecDecoder.builder().modelDir(folder).build()) {
      assertEquals(List.of("prune20", "pool20", "conv3", "resampler2", "text-only"),
          decoder.modelInfo().compressorBranches());
      for (Sample s : held) {
        Prompt prompt = Prompt.builder().image(s.image()).text(s.question()).chatTemplate(true).build();
        int[] ar = decoder.generate(prompt, greedy(VisualCompression.none()).toBuilder()
            .speculation(SpeculationMode.AR).build()).tokenIds();
        for (VisualCompression c : List.of(VisualCompression.none(), VisualCompression.select(),
            VisualCompression.weighted(), VisualCompression.fixed("conv3"), VisualCompression.fixed("resampler2"))) {
          GenerationResult r = decoder.generate(prompt, greedy(c));
          assertEquals(Arrays.toString(ar), Arrays.toString(r.tokenIds()), c + " on " + s);
          if (c.equals(VisualCompression.select())) {
            engineChoices.add(r.stats().compressorBranch());
          }
        }
      }
    }
    assertEquals(djlGateChoices(result, held, training), engineChoices, "the engine follows the trained gate");
  }

  /** The trained gate's arg max in DJL over each sample's question features from the teacher. */
  private List<String> djlGateChoices(OnlineDistiller.Result result, List<Sample> samples,
      CompressorTraining training) {
    Path target = dir.resolve("target");
    List<String> choices = new ArrayList<>();
    Map<String, int[]> shapes = CompressorNet.shapes(64, training.branches(), training.weightedRatio());
    Map<String, float[]> values = new LinkedHashMap<>();
    shapes.keySet().forEach(n -> values.put(n, result.draftWeights().get(n)));
    try (OnnxTeacher teacher = OnnxTeacher.load(target, 1); NDManager m = NDManager.newBaseManager();
        ParameterSet p = ParameterSet.create(m, shapes, values, n -> false)) {
      CompressorNet net = new CompressorNet(p, 64, training.resamplerHeads());
      CompressorStudent student = new CompressorStudent(training, 64,
          teacher.manifest().tokens().image(), 0);
      for (Sample s : samples) {
        TeacherPass pass = teacher.run(SceneConversations.toConversation(s));
        int[] span = student.visualSpan(pass);
        float[] q = Arrays.copyOfRange(pass.features(), span[1] * 64, pass.answerStart() * 64);
        float[] logits = net.gate(m.create(q, new Shape(q.length / 64, 64))).toFloatArray();
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
          best = logits[i] > logits[best] ? i : best;
        }
        choices.add(training.branches().get(best).name());
      }
    }
    return choices;
  }

  private static GenerationConfig greedy(VisualCompression c) {
    return GenerationConfig.builder().maxNewTokens(16).temperature(0).treeBudget(4, 10, 3).visualCompression(c)
        .build();
  }
}
