package dev.specvlm.onnx.reference;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** A test-side ONNX Runtime session (CPU, one intra-op thread) with flat-array inputs and outputs. */
final class OrtModel implements AutoCloseable {
  static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

  private final OrtSession session;

  private OrtModel(OrtSession session) {
    this.session = session;
  }

  static OrtModel of(ModelProto model) throws OrtException {
    return new OrtModel(ENV.createSession(model.toByteArray(), options()));
  }

  static OrtModel of(Path file) throws OrtException {
    return new OrtModel(ENV.createSession(file.toString(), options()));
  }

  private static OrtSession.SessionOptions options() throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);
    options.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
    return options;
  }

  OrtSession session() {
    return session;
  }

  /** Runs with the given inputs; every output is copied out. */
  Outputs run(Inputs inputs) throws OrtException {
    Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, Input> e : inputs.values.entrySet()) {
        Input in = e.getValue();
        tensors.put(e.getKey(), in.floats != null
            ? OnnxTensor.createTensor(ENV, FloatBuffer.wrap(in.floats), in.shape)
            : OnnxTensor.createTensor(ENV, LongBuffer.wrap(in.longs), in.shape));
      }
      try (OrtSession.Result result = session.run(tensors)) {
        Outputs out = new Outputs();
        for (Map.Entry<String, OnnxValue> e : result) {
          OnnxTensor t = (OnnxTensor) e.getValue();
          long[] shape = t.getInfo().getShape();
          out.shapes.put(e.getKey(), shape);
          if (t.getInfo().type == ai.onnxruntime.OnnxJavaType.INT64) {
            LongBuffer b = t.getLongBuffer();
            long[] v = new long[b.remaining()];
            b.get(v);
            out.longs.put(e.getKey(), v);
          } else {
            FloatBuffer b = t.getFloatBuffer();
            float[] v = new float[b.remaining()];
            b.get(v);
            out.floats.put(e.getKey(), v);
          }
        }
        return out;
      }
    } finally {
      tensors.values().forEach(OnnxTensor::close);
    }
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }

  private record Input(float[] floats, long[] longs, long[] shape) {}

  /** Named inputs. */
  static final class Inputs {
    private final Map<String, Input> values = new LinkedHashMap<>();

    Inputs floats(String name, float[] data, long... shape) {
      values.put(name, new Input(data, null, shape));
      return this;
    }

    Inputs longs(String name, long[] data, long... shape) {
      values.put(name, new Input(null, data, shape));
      return this;
    }
  }

  /** Copied outputs by name. */
  static final class Outputs {
    final Map<String, float[]> floats = new HashMap<>();
    final Map<String, long[]> longs = new HashMap<>();
    final Map<String, long[]> shapes = new HashMap<>();

    float[] floats(String name) {
      float[] v = floats.get(name);
      if (v == null) {
        throw new IllegalArgumentException("no float output " + name + "; have " + floats.keySet());
      }
      return v;
    }

    long[] longs(String name) {
      return longs.get(name);
    }

    long[] shape(String name) {
      return shapes.get(name);
    }
  }
}
