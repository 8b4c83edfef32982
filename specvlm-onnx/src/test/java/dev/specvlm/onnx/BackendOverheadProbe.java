package dev.specvlm.onnx;

import static dev.specvlm.onnx.reference.TensorNames.*;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import dev.specvlm.core.model.AttentionMask;
import dev.specvlm.core.model.TargetState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Measures what the backend adds around ONNX Runtime on one target step: {@code TargetState.forward} (staging inputs,
 * writing the mask, creating and closing tensor views, copying and checking outputs) against a bare
 * {@code session.run} on pre-built tensors of the same shapes. Not a test; run by hand:
 * {@code java -cp <test class path> dev.specvlm.onnx.BackendOverheadProbe [past] [q]}. Prints medians of interleaved
 * batches.
 */
public final class BackendOverheadProbe {
  private BackendOverheadProbe() {}

  public static void main(String[] args) throws Exception {
    int past = args.length > 0 ? Integer.parseInt(args[0]) : 600;
    int q = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    Path dir = Files.createTempDirectory("specvlm-probe");
    var c = TestModels.CONFIG;
    int h = c.hiddenSize();
    int v = c.vocabSize();
    try (OnnxModelBundle bundle = OnnxModelBundle.load(TestModels.options(TestModels.write(dir, 1)))) {
      TargetState state = bundle.target().newState(past + q);
      int[] ids = new java.util.Random(1).ints(past, 4, v).toArray();
      float[] embeds = OnnxTargetStateTest.embed(bundle, ids);
      state.forward(embeds, past, OnnxTargetStateTest.range(0, past), OnnxTargetStateTest.causal(past), 1,
          new float[v], new float[past * h]);
      state.commit(OnnxTargetStateTest.range(0, past), past);
      float[] stepEmbeds = Arrays.copyOf(embeds, q * h);
      int[] positions = OnnxTargetStateTest.range(past, q);
      AttentionMask mask = OnnxTargetStateTest.causal(q);
      float[] logits = new float[q * v];
      float[] features = new float[q * h];
      int[] none = new int[0];

      // the same step as bare tensors: inputs and pinned outputs built once
      OrtSession session = ((OnnxTargetModelAccess) () -> bundle).session();
      Tensors.Scope scope = new Tensors.Scope(OrtRuntime.environment());
      Map<String, OnnxTensor> in = new HashMap<>();
      Map<String, OnnxTensor> out = new HashMap<>();
      in.put(INPUTS_EMBEDS, scope.view(Tensors.floats(q * h), 1, q, h));
      in.put(POSITION_IDS, scope.view(Tensors.longs(q), 1, q));
      in.put(ATTENTION_MASK, scope.view(Tensors.floats((long) q * (past + q)), 1, 1, q, past + q));
      in.put(NUM_LOGITS_TO_KEEP, scope.view(Tensors.longs(1).put(0, 1), 1));
      for (int l = 0; l < c.numLayers(); l++) {
        long n = (long) c.numKvHeads() * (past + q) * c.headDim();
        in.put(pastKey(l), scope.view(Tensors.floats(n), 1, c.numKvHeads(), past, c.headDim()));
        in.put(pastValue(l), scope.view(Tensors.floats(n), 1, c.numKvHeads(), past, c.headDim()));
        out.put(presentKey(l), scope.view(Tensors.floats(n), 1, c.numKvHeads(), past + q, c.headDim()));
        out.put(presentValue(l), scope.view(Tensors.floats(n), 1, c.numKvHeads(), past + q, c.headDim()));
      }
      out.put(LOGITS, scope.view(Tensors.floats(v), 1, 1, v));
      out.put(HIDDEN_STATES, scope.view(Tensors.floats(q * h), 1, q, h));

      int batch = 500;
      double[] full = new double[15];
      double[] bare = new double[15];
      double[] gather = new double[15];
      KvCache kv = new KvCache(c.numLayers(), c.numKvHeads(), c.headDim(), past + q);
      kv.appended(past);
      for (int round = 0; round < 17; round++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < batch; i++) {
          state.forward(stepEmbeds, q, positions, mask, 1, logits, features);
          state.commit(none, 0);
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < batch; i++) {
          try (OrtSession.Result r = session.run(in, out)) {
            // pinned
          }
        }
        long t2 = System.nanoTime();
        for (int i = 0; i < batch; i++) {
          kv.appended(q);
          kv.compact(past, none, 0); // what commit(none, 0) does: drop the q rows again
        }
        long t3 = System.nanoTime();
        if (round >= 2) { // warm-up
          full[round - 2] = (t1 - t0) / 1e3 / batch;
          bare[round - 2] = (t2 - t1) / 1e3 / batch;
          gather[round - 2] = (t3 - t2) / 1e3 / batch;
        }
      }
      scope.close();
      state.close();
      // the cost of creating and closing one tensor view, as each step does for every input and pinned output
      java.nio.FloatBuffer buffer = Tensors.floats(1 << 16);
      double[] view = new double[15];
      for (int round = 0; round < 17; round++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < batch * 20; i++) {
          scope.view(buffer, 1, 2, 600, 16);
          scope.close();
        }
        if (round >= 2) {
          view[round - 2] = (System.nanoTime() - t0) / 1e3 / batch / 20;
        }
      }
      Arrays.sort(view);
      System.out.printf("one tensor view created and closed: %.2f us; a step creates %d%n", view[7],
          4 + 4 * c.numLayers() + 2);
      Arrays.sort(full);
      Arrays.sort(bare);
      Arrays.sort(gather);
      System.out.printf("target step q=%d past=%d: forward+rollback %.1f us, bare session.run %.1f us, KV gather of"
          + " the rollback %.1f us, the rest of the backend %.1f us (medians of 15 x %d)%n", q, past, full[7],
          bare[7], gather[7], full[7] - bare[7] - gather[7], batch);
    }
  }

  /** Reaches the decoder session of a loaded bundle (probe only). */
  @FunctionalInterface
  interface OnnxTargetModelAccess {
    OnnxModelBundle bundle();

    default OrtSession session() throws Exception {
      var field = OnnxTargetModel.class.getDeclaredField("session");
      field.setAccessible(true);
      return (OrtSession) field.get(bundle().target());
    }
  }
}
