package dev.specvlm.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.specvlm.ModelLoadException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a session's declared inputs and outputs against the model contract: every required input is present, no
 * input is unknown, every required output is present (extra outputs are ignored), and each has the expected element
 * type, rank and fixed dimensions. Symbolic dimensions pass here; the load-time test runs check their sizes.
 */
final class GraphContract {
  private GraphContract() {}

  /**
   * Checks {@code session}.
   *
   * @param role the file's role for messages ({@code "decoder"}, ...)
   * @param optionalInputs inputs the graph may declare or leave out
   * @return the names of the optional inputs the graph declares
   * @throws ModelLoadException naming the file, the tensor, what was expected and what was found
   */
  static Set<String> check(String role, Path file, OrtSession session, List<TensorSpec> inputs,
      List<TensorSpec> optionalInputs, List<TensorSpec> outputs) {
    Map<String, NodeInfo> declaredIn;
    Map<String, NodeInfo> declaredOut;
    try {
      declaredIn = session.getInputInfo();
      declaredOut = session.getOutputInfo();
    } catch (OrtException e) {
      throw new ModelLoadException(role + " file " + file + ": cannot read its inputs and outputs: " + e.getMessage(),
          e);
    }
    String where = role + " file " + file;
    Map<String, TensorSpec> known = new LinkedHashMap<>();
    inputs.forEach(s -> known.put(s.name(), s));
    optionalInputs.forEach(s -> known.put(s.name(), s));
    for (String name : declaredIn.keySet()) {
      if (!known.containsKey(name)) {
        throw new ModelLoadException(where + ": unexpected input '" + name + "' (" + describe(declaredIn.get(name))
            + "); the " + role + " contract's inputs are " + String.join(", ", known.keySet())
            + " (see docs/model-folder.md)");
      }
    }
    for (TensorSpec spec : inputs) {
      checkOne(where, "input", spec, declaredIn);
    }
    Set<String> present = new TreeSet<>();
    for (TensorSpec spec : optionalInputs) {
      if (declaredIn.containsKey(spec.name())) {
        checkOne(where, "input", spec, declaredIn);
        present.add(spec.name());
      }
    }
    for (TensorSpec spec : outputs) {
      checkOne(where, "output", spec, declaredOut);
    }
    return present;
  }

  private static void checkOne(String where, String kind, TensorSpec spec, Map<String, NodeInfo> declared) {
    NodeInfo node = declared.get(spec.name());
    if (node == null) {
      throw new ModelLoadException(where + ": no " + kind + " named '" + spec.name() + "' (the contract needs "
          + spec.expected() + "); its " + kind + "s are " + String.join(", ", declared.keySet()));
    }
    if (!(node.getInfo() instanceof TensorInfo info)) {
      throw new ModelLoadException(where + ": " + kind + " '" + spec.name() + "' must be a tensor "
          + spec.expected() + ", found " + node.getInfo());
    }
    String mismatch = spec.mismatch(info);
    if (mismatch != null) {
      throw new ModelLoadException(where + ": " + kind + " '" + spec.name() + "' must be " + spec.expected()
          + ", found " + TensorSpec.describe(info) + " (wrong " + mismatch + ")");
    }
  }

  private static String describe(NodeInfo node) {
    return node.getInfo() instanceof TensorInfo info ? TensorSpec.describe(info) : String.valueOf(node.getInfo());
  }
}
