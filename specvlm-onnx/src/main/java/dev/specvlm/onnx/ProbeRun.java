package dev.specvlm.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.specvlm.ModelLoadException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A one-off run of a freshly loaded session on small inputs, with the shapes of its outputs checked against what the
 * manifest implies. Load-time test runs catch what a graph's declared shapes cannot show (symbolic sizes, a
 * vocabulary or hidden size that differs from the manifest) before any generation depends on them.
 */
final class ProbeRun {
  private final String role;
  private final Path file;
  private final String what;
  private final Tensors.Scope scope;
  private final Map<String, OnnxTensor> inputs = new HashMap<>();
  private final Map<String, float[]> floats = new HashMap<>();
  private final Map<String, long[]> longs = new HashMap<>();

  /**
   * @param what a description of this run for messages, e.g. {@code "a 2-row prefill"}
   */
  ProbeRun(OrtEnvironment env, String role, Path file, String what) {
    this.role = role;
    this.file = file;
    this.what = what;
    this.scope = new Tensors.Scope(env);
  }

  ProbeRun input(String name, float[] data, long... shape) {
    try {
      inputs.put(name, scope.copyOf(data, shape));
    } catch (OrtException e) {
      throw fail(e);
    }
    return this;
  }

  ProbeRun input(String name, long[] data, long... shape) {
    try {
      inputs.put(name, scope.copyOf(data, shape));
    } catch (OrtException e) {
      throw fail(e);
    }
    return this;
  }

  /**
   * Runs the session, requiring each output in {@code expectedShapes} (name → shape) to have exactly that shape; float
   * outputs must be finite. Closes every tensor.
   */
  ProbeRun run(OrtSession session, Map<String, long[]> expectedShapes) {
    NativeResources.RESULTS.incrementAndGet();
    try (OrtSession.Result result = session.run(inputs, expectedShapes.keySet())) {
      for (Map.Entry<String, long[]> e : expectedShapes.entrySet()) {
        Optional<OnnxValue> value = result.get(e.getKey());
        if (value.isEmpty() || !(value.get() instanceof OnnxTensor tensor)) {
          throw error("gave no tensor '" + e.getKey() + "'");
        }
        long[] shape = tensor.getInfo().getShape();
        if (!Arrays.equals(shape, e.getValue())) {
          throw error("gave '" + e.getKey() + "' of shape " + Arrays.toString(shape) + ", expected "
              + Arrays.toString(e.getValue()) + " from the sizes in specvlm.json");
        }
        switch (tensor.getInfo().type) {
          case FLOAT -> {
            float[] data = new float[(int) tensor.getInfo().getNumElements()];
            tensor.getFloatBuffer().get(data);
            for (int i = 0; i < data.length; i++) {
              boolean score = e.getKey().equals(dev.specvlm.onnx.reference.TensorNames.LOGITS)
                  || e.getKey().equals(dev.specvlm.onnx.reference.TensorNames.TOPK_LOG_PROBS);
              if (!Float.isFinite(data[i]) && !(score && data[i] == Float.NEGATIVE_INFINITY)) {
                throw error("gave " + data[i] + " at flat index " + i + " of '" + e.getKey() + "'");
              }
            }
            floats.put(e.getKey(), data);
          }
          case INT64 -> {
            long[] data = new long[(int) tensor.getInfo().getNumElements()];
            tensor.getLongBuffer().get(data);
            longs.put(e.getKey(), data);
          }
          default -> throw error("gave '" + e.getKey() + "' of type " + tensor.getInfo().type);
        }
      }
    } catch (OrtException e) {
      throw fail(e);
    } finally {
      NativeResources.RESULTS.decrementAndGet();
      scope.close();
      inputs.clear();
    }
    return this;
  }

  float[] floats(String name) {
    return floats.get(name);
  }

  long[] longs(String name) {
    return longs.get(name);
  }

  ModelLoadException error(String problem) {
    return new ModelLoadException(role + " file " + file + ": a test run (" + what + ") " + problem);
  }

  private ModelLoadException fail(OrtException e) {
    scope.close();
    return new ModelLoadException(role + " file " + file + " failed a test run (" + what + "): " + e.getMessage(), e);
  }
}
