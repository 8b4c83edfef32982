package dev.specvlm.onnx.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphBuilderTest {
  @TempDir Path dir;

  /** y = x · w + b over [1, n, 2] inputs, with the given storage. */
  private static ModelProto affine(WeightStorage storage) {
    GraphBuilder g = new GraphBuilder("affine", storage).opset("", 21);
    String x = g.input("x", ElementType.FLOAT, Dim.of(1), Dim.named("n"), Dim.of(2));
    String w = g.weight("w", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
    String b = g.constantFloat("b", new long[] {3}, new float[] {0.5f, -0.5f, 0.25f});
    g.output("y", g.op("Add", g.op("MatMul", x, w), b), ElementType.FLOAT, Dim.of(1), Dim.named("n"), Dim.of(3));
    return g.build();
  }

  private static float[] run(OrtSession session) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {1, 1, 2, -1}), new long[] {1, 2, 2});
        OrtSession.Result r = session.run(Map.of("x", x))) {
      FloatBuffer y = ((OnnxTensor) r.get("y").orElseThrow()).getFloatBuffer();
      float[] out = new float[y.remaining()];
      y.get(out);
      return out;
    }
  }

  @Test
  void build_affineGraph_runsInOnnxRuntime() throws Exception {
    float[] expected = {5.5f, 6.5f, 9.25f, -1.5f, -1.5f, 0.25f};
    for (WeightStorage storage : WeightStorage.values()) { // small integers are exact in float16
      try (OrtSession s = OrtEnvironment.getEnvironment().createSession(affine(storage).toByteArray())) {
        assertArrayEquals(expected, run(s), storage.name());
      }
    }
  }

  @Test
  void write_withExternalData_keepsTheModelLoadable() throws Exception {
    Path file = dir.resolve("affine.onnx");
    OnnxFileWriter.write(affine(WeightStorage.FLOAT32), file, 0);
    assertTrue(Files.exists(dir.resolve("affine.onnx.data")));
    ModelProto written = ModelProto.parseFrom(Files.readAllBytes(file));
    assertTrue(written.getGraph().getInitializerList().stream().allMatch(t -> t.getRawData().isEmpty()));
    try (OrtSession s = OrtEnvironment.getEnvironment().createSession(file.toString())) {
      assertEquals(5.5f, run(s)[0]);
    }
    OnnxFileWriter.write(affine(WeightStorage.FLOAT32), file); // self-contained again: the stale data file goes
    assertTrue(Files.notExists(dir.resolve("affine.onnx.data")));
  }

  @Test
  void names_mustBeUnique() {
    GraphBuilder g = new GraphBuilder("g", WeightStorage.FLOAT32).opset("", 21);
    g.input("x", ElementType.FLOAT, Dim.of(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> g.constantFloat("x", new long[] {1}, new float[] {1}));
    assertTrue(e.getMessage().contains("'x'"), e.getMessage());
  }

  @Test
  void weight_withWrongValueCount_isRejectedWithTheShape() {
    GraphBuilder g = new GraphBuilder("g", WeightStorage.FLOAT32);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> g.weight("w", new long[] {2, 3}, new float[5]));
    assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("6"), e.getMessage());
  }

  @Test
  void build_withoutOpset_fails() {
    assertThrows(IllegalStateException.class, () -> new GraphBuilder("g", WeightStorage.FLOAT32).build());
  }

  @Test
  void dim_isFixedOrSymbolic() {
    assertEquals("q", Dim.named("q").toString());
    assertEquals("4", Dim.of(4).toString());
    assertThrows(IllegalArgumentException.class, () -> Dim.of(-2));
    assertThrows(IllegalArgumentException.class, () -> Dim.named(" "));
  }
}
