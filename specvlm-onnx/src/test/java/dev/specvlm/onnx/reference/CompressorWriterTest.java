package dev.specvlm.onnx.reference;

import static dev.specvlm.onnx.reference.TensorNames.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.specvlm.core.model.CompressorBranch;
import dev.specvlm.core.testmodel.TestCompressor;
import dev.specvlm.onnx.CompressorFixtures;
import dev.specvlm.onnx.graph.WeightStorage;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compressor graphs: hand-worked values on tiny inputs, and parity with the engine's pure-Java reference. */
class CompressorWriterTest {
  private static float[] run(ModelProto model, String input, float[] data, long[] shape, String output,
      long[] expectedShape) throws Exception {
    try (OrtModel m = OrtModel.of(model)) {
      OrtModel.Outputs out = m.run(new OrtModel.Inputs().floats(input, data, shape));
      assertArrayEquals(expectedShape, out.shape(output));
      return out.floats(output);
    }
  }

  @Test
  void conv_handWorked_windowsOfTwoWithZeroPadding() throws Exception {
    // C = 2, r = 2: output row i = W · [Z[2i] ‖ Z[2i+1]] + b with W picking Z[2i][0] and Z[2i+1][1]
    Map<String, float[]> w = Map.of("compressor.conv2.weight", new float[] {1, 0, 0, 0, 0, 0, 0, 1},
        "compressor.conv2.bias", new float[] {10, 20});
    float[] z = {1, 2, 3, 4, 5, 6}; // 3 rows: the second window is row 2 and a zero row
    float[] out = run(CompressorWriter.conv(2, 2, w, WeightStorage.FLOAT32), VISUAL_PAIRS, z, new long[] {1, 3, 2},
        COMPRESSED_PAIRS, new long[] {1, 2, 2});
    assertArrayEquals(new float[] {11, 24, 15, 20}, out);
  }

  @Test
  void resampler_handWorked_zeroQueryAveragesTheSpan() throws Exception {
    // one zero query: uniform attention, so with v = o = identity the output is the mean of the span rows
    float[] identity = {1, 0, 0, 1};
    Map<String, float[]> w = Map.of("compressor.resampler1.queries", new float[] {0, 0},
        "compressor.resampler1.q_proj.weight", identity, "compressor.resampler1.k_proj.weight", identity,
        "compressor.resampler1.v_proj.weight", identity, "compressor.resampler1.o_proj.weight", identity);
    float[] out = run(CompressorWriter.resampler(2, 1, 1, w, WeightStorage.FLOAT32), VISUAL_PAIRS,
        new float[] {1, 2, 3, 4, 8, 9}, new long[] {1, 3, 2}, COMPRESSED_PAIRS, new long[] {1, 1, 2});
    assertArrayEquals(new float[] {4, 5}, out, 1e-6f);
  }

  @Test
  void gate_handWorked_linearOfTheMeanRow() throws Exception {
    Map<String, float[]> w = Map.of("compressor.gate.weight", new float[] {1, 0, 0, 2}, "compressor.gate.bias",
        new float[] {0, 1});
    float[] out = run(CompressorWriter.gate(2, 2, CompressorWeightNames.GATE, w, WeightStorage.FLOAT32),
        QUESTION_FEATURES, new float[] {1, 2, 3, 4}, new long[] {1, 2, 2}, GATE_LOGITS, new long[] {1, 2});
    assertArrayEquals(new float[] {2, 7}, out); // mean [2, 3] → [2, 2·3 + 1]
  }

  @Test
  void graphs_matchTheEngineReferenceAtEverySpanLength() throws Exception {
    int hidden = 16;
    int c = 2 * hidden;
    TestCompressor reference = new TestCompressor(hidden, TestCompressor.defaultBranches(), 3, null, 11);
    Map<String, float[]> weights = CompressorFixtures.weights(reference);
    ModelProto conv = CompressorWriter.conv(c, 3, weights, WeightStorage.FLOAT32);
    ModelProto resampler = CompressorWriter.resampler(c, 2, TestCompressor.RESAMPLER_HEADS, weights,
        WeightStorage.FLOAT32);
    for (int n : new int[] {1, 2, 3, 4, 64, 257}) {
      float[] z = TestCompressor.random(n, 7, n * c, 2);
      int rows = (n + 2) / 3;
      float[] expected = new float[rows * c];
      reference.conv(3, z, n, expected);
      float[] got = run(conv, VISUAL_PAIRS, z, new long[] {1, n, c}, COMPRESSED_PAIRS, new long[] {1, rows, c});
      assertArrayEquals(expected, got, 1e-4f, "conv3 over " + n);
      expected = new float[2 * c];
      reference.resample(2, z, n, expected);
      got = run(resampler, VISUAL_PAIRS, z, new long[] {1, n, c}, COMPRESSED_PAIRS, new long[] {1, 2, c});
      assertArrayEquals(expected, got, 1e-4f, "resampler2 over " + n);
    }
    ModelProto gate = CompressorWriter.gate(hidden, 5, CompressorWeightNames.GATE, weights, WeightStorage.FLOAT32);
    for (int q = 1; q <= 9; q += 4) {
      float[] f = TestCompressor.random(q, 8, q * hidden, 3);
      float[] expected = new float[5];
      reference.gate(f, 0, q, expected);
      assertArrayEquals(expected, run(gate, QUESTION_FEATURES, f, new long[] {1, q, hidden}, GATE_LOGITS,
          new long[] {1, 5}), 1e-5f, "gate over " + q + " rows");
    }
  }

  @Test
  void conv_float16Storage_staysCloseAndHalvesTheFile() throws Exception {
    int c = 32;
    TestCompressor reference = new TestCompressor(c / 2, TestCompressor.defaultBranches(), 3, null, 3);
    Map<String, float[]> weights = CompressorFixtures.weights(reference);
    ModelProto exact = CompressorWriter.conv(c, 3, weights, WeightStorage.FLOAT32);
    ModelProto half = CompressorWriter.conv(c, 3, weights, WeightStorage.FLOAT16);
    assertTrue(half.getSerializedSize() < 0.6 * exact.getSerializedSize());
    float[] z = TestCompressor.random(1, 2, 10 * c, 1);
    float[] a = run(exact, VISUAL_PAIRS, z, new long[] {1, 10, c}, COMPRESSED_PAIRS, new long[] {1, 4, c});
    float[] b = run(half, VISUAL_PAIRS, z, new long[] {1, 10, c}, COMPRESSED_PAIRS, new long[] {1, 4, c});
    assertArrayEquals(a, b, 2e-2f, Arrays.toString(a));
    assertEquals(4, CompressorBranch.parse("conv3").outputTokens(10));
  }
}
