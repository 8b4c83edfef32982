package dev.specvlm.train.nn;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs one ONNX graph on ONNX Runtime with float and long inputs and returns its float outputs (test helper). */
final class OnnxParityFixture {
  private OnnxParityFixture() {}

  /** Inputs by name: {@code float[]} or {@code long[]} values with their shapes. */
  static final class Inputs {
    final Map<String, Object> values = new LinkedHashMap<>();
    final Map<String, long[]> shapes = new LinkedHashMap<>();

    Inputs put(String name, Object value, long... shape) {
      values.put(name, value);
      shapes.put(name, shape);
      return this;
    }
  }

  static Map<String, float[]> run(Path model, Inputs inputs, String... outputs) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = env.createSession(model.toString(), options)) {
      Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
      try {
        for (Map.Entry<String, Object> e : inputs.values.entrySet()) {
          long[] shape = inputs.shapes.get(e.getKey());
          tensors.put(e.getKey(), e.getValue() instanceof float[] f
              ? OnnxTensor.createTensor(env, FloatBuffer.wrap(f), shape)
              : OnnxTensor.createTensor(env, LongBuffer.wrap((long[]) e.getValue()), shape));
        }
        try (OrtSession.Result result = session.run(tensors)) {
          Map<String, float[]> out = new LinkedHashMap<>();
          for (String name : outputs) {
            OnnxTensor t = (OnnxTensor) result.get(name).orElseThrow();
            FloatBuffer b = t.getFloatBuffer();
            float[] v = new float[b.remaining()];
            b.get(v);
            out.put(name, v);
          }
          return out;
        }
      } finally {
        tensors.values().forEach(OnnxTensor::close);
      }
    }
  }

  static double maxAbsDiff(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
    }
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
