package dev.specvlm.train.nn;

import static dev.specvlm.onnx.reference.TensorNames.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.specvlm.core.compress.ParameterFreeBranches;
import dev.specvlm.core.model.CompressorBranch;
import dev.specvlm.onnx.graph.WeightStorage;
import dev.specvlm.onnx.reference.CompressorWeightNames;
import dev.specvlm.onnx.reference.CompressorWriter;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The DJL compressor against the engine's parameter-free branches and against the ONNX graphs the writer makes of the
 * same weights; hand-worked values of the initial weights.
 */
class CompressorNetTest {
  private static final int H = 16;
  private static final int C = 2 * H;
  private static final List<CompressorBranch> BRANCHES = List.of(CompressorBranch.parse("prune4"),
      CompressorBranch.parse("pool4"), CompressorBranch.parse("conv3"), CompressorBranch.parse("resampler2"),
      CompressorBranch.textOnly());

  private static float[] random(int n, long seed) {
    Random r = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  private static float[] ort(ModelProto model, String input, float[] data, long[] shape, String output)
      throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession s = env.createSession(model.toByteArray(), new OrtSession.SessionOptions());
        OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
        OrtSession.Result r = s.run(Map.of(input, t))) {
      FloatBuffer b = ((OnnxTensor) r.get(output).orElseThrow()).getFloatBuffer();
      float[] v = new float[b.remaining()];
      b.get(v);
      return v;
    }
  }

  private static ParameterSet params(NDManager m, Map<String, float[]> values) {
    return ParameterSet.create(m, CompressorNet.shapes(H, BRANCHES, 3), values, name -> false);
  }

  @Test
  void branch_parameterFree_matchesTheEngine() {
    Map<String, float[]> values = CompressorNet.initial(CompressorNet.shapes(H, BRANCHES, 3), 0.1, 1);
    try (NDManager m = NDManager.newBaseManager(); ParameterSet p = params(m, values)) {
      CompressorNet net = new CompressorNet(p, H, 2);
      for (int n : new int[] {1, 7, 64, 65}) {
        float[] z = random(n * C, n);
        NDArray zs = m.create(z, new Shape(n, C));
        int out = ParameterFreeBranches.ceilDiv(n, 4);
        float[] prune = new float[out * C];
        float[] pool = new float[out * C];
        ParameterFreeBranches.prune(z, n, C, 4, null, prune);
        ParameterFreeBranches.pool(z, n, C, 4, pool);
        assertArrayEquals(prune, net.branch(BRANCHES.get(0), zs).toFloatArray(), "prune over " + n);
        assertArrayEquals(pool, net.branch(BRANCHES.get(1), zs).toFloatArray(), 1e-5f, "pool over " + n);
      }
    }
  }

  @Test
  void learnedParts_matchTheExportedGraphs() throws Exception {
    Map<String, float[]> values = CompressorNet.initial(CompressorNet.shapes(H, BRANCHES, 3), 0.3, 2);
    ModelProto conv = CompressorWriter.conv(C, 3, values, WeightStorage.FLOAT32);
    ModelProto resampler = CompressorWriter.resampler(C, 2, 2, values, WeightStorage.FLOAT32);
    ModelProto gate = CompressorWriter.gate(H, BRANCHES.size(), CompressorWeightNames.GATE, values,
        WeightStorage.FLOAT32);
    ModelProto weighted = CompressorWriter.gate(H, 3, CompressorWeightNames.WEIGHTED_GATE, values,
        WeightStorage.FLOAT32);
    // gates start at zero: give them values so the comparison means something
    values.put("compressor.gate.weight", random(BRANCHES.size() * H, 9));
    values.put("compressor.weighted_gate.weight", random(3 * H, 10));
    gate = CompressorWriter.gate(H, BRANCHES.size(), CompressorWeightNames.GATE, values, WeightStorage.FLOAT32);
    weighted = CompressorWriter.gate(H, 3, CompressorWeightNames.WEIGHTED_GATE, values, WeightStorage.FLOAT32);
    try (NDManager m = NDManager.newBaseManager(); ParameterSet p = params(m, values)) {
      CompressorNet net = new CompressorNet(p, H, 2);
      for (int n : new int[] {1, 5, 6, 100}) {
        float[] z = random(n * C, 100 + n);
        NDArray zs = m.create(z, new Shape(n, C));
        assertArrayEquals(ort(conv, VISUAL_PAIRS, z, new long[] {1, n, C}, COMPRESSED_PAIRS),
            net.branch(BRANCHES.get(2), zs).toFloatArray(), 1e-4f, "conv3 over " + n);
        assertArrayEquals(ort(resampler, VISUAL_PAIRS, z, new long[] {1, n, C}, COMPRESSED_PAIRS),
            net.branch(BRANCHES.get(3), zs).toFloatArray(), 1e-4f, "resampler2 over " + n);
        float[] f = random(n * H, 200 + n);
        NDArray fs = m.create(f, new Shape(n, H));
        assertArrayEquals(ort(gate, QUESTION_FEATURES, f, new long[] {1, n, H}, GATE_LOGITS),
            net.gate(fs).toFloatArray(), 1e-4f, "gate over " + n);
        assertArrayEquals(ort(weighted, QUESTION_FEATURES, f, new long[] {1, n, H}, GATE_LOGITS),
            net.weightedGate(fs).toFloatArray(), 1e-4f, "weighted gate over " + n);
      }
    }
  }

  @Test
  void initial_withoutNoise_convIsPoolAndTheResamplerAveragesTheSpan() {
    Map<String, float[]> values = CompressorNet.initial(CompressorNet.shapes(H, BRANCHES, 3), 0, 3);
    try (NDManager m = NDManager.newBaseManager(); ParameterSet p = params(m, values)) {
      CompressorNet net = new CompressorNet(p, H, 2);
      int n = 7;
      NDArray z = m.create(random(n * C, 4), new Shape(n, C));
      float[] conv = net.branch(BRANCHES.get(2), z).toFloatArray();
      float[] pool = new float[3 * C];
      float[] zs = z.toFloatArray();
      ParameterFreeBranches.pool(zs, 6, C, 3, pool); // the first two windows are full
      for (int i = 0; i < 2 * C; i++) {
        assertEquals(pool[i], conv[i], 1e-5, "conv3 starts as pool3 at " + i);
      }
      // zero queries: uniform attention, value and output projections the identity → the mean of the span
      float[] mean = z.mean(new int[] {0}).toFloatArray();
      float[] resampled = net.branch(BRANCHES.get(3), z).toFloatArray();
      for (int q = 0; q < 2; q++) {
        for (int c = 0; c < C; c++) {
          assertEquals(mean[c], resampled[q * C + c], 1e-5, "query " + q + " channel " + c);
        }
      }
      assertTrue(net.gate(z.get(":, 0:" + H)).abs().max().getFloat() == 0, "gates start at zero");
    }
  }
}
