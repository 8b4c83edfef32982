package dev.specvlm.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Edits of a written ONNX file that keep it runnable but break one point of the model contract. */
final class GraphSurgery {
  private final Path file;
  private final ModelProto.Builder model;

  private GraphSurgery(Path file) {
    this.file = file;
    try {
      this.model = ModelProto.parseFrom(Files.readAllBytes(file)).toBuilder();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static GraphSurgery of(Path file) {
    return new GraphSurgery(file);
  }

  private GraphProto.Builder graph() {
    return model.getGraphBuilder();
  }

  /** Points every node input {@code from} at {@code to}. */
  private void rewire(String from, String to) {
    for (NodeProto.Builder node : graph().getNodeBuilderList()) {
      for (int i = 0; i < node.getInputCount(); i++) {
        if (node.getInput(i).equals(from)) {
          node.setInput(i, to);
        }
      }
    }
  }

  private ValueInfoProto.Builder input(String name) {
    for (ValueInfoProto.Builder v : graph().getInputBuilderList()) {
      if (v.getName().equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("no input " + name);
  }

  /** Renames graph input {@code from} to {@code to}. */
  GraphSurgery renameInput(String from, String to) {
    input(from).setName(to);
    rewire(from, to);
    return this;
  }

  /** Declares input {@code name} as {@code type} and casts it back to what the graph computes with. */
  GraphSurgery retypeInput(String name, TensorProto.DataType type, TensorProto.DataType original) {
    input(name).getTypeBuilder().getTensorTypeBuilder().setElemType(type.getNumber());
    rewire(name, name + "__cast");
    graph().addNode(0, NodeProto.newBuilder().setOpType("Cast").addInput(name).addOutput(name + "__cast")
        .addAttribute(AttributeProto.newBuilder().setName("to").setType(AttributeProto.AttributeType.INT)
            .setI(original.getNumber())));
    return this;
  }

  /** Declares input {@code name} without its leading dimension and unsqueezes it back. */
  GraphSurgery dropLeadingDim(String name) {
    TensorShapeProto.Builder shape = input(name).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
    shape.removeDim(0);
    rewire(name, name + "__unsqueezed");
    graph().addInitializer(TensorProto.newBuilder().setName(name + "__axes").addDims(1)
        .setDataType(TensorProto.DataType.INT64.getNumber()).addInt64Data(0));
    graph().addNode(0, NodeProto.newBuilder().setOpType("Unsqueeze").addInput(name).addInput(name + "__axes")
        .addOutput(name + "__unsqueezed"));
    return this;
  }

  /** Adds an unused float {@code [1]} input. */
  GraphSurgery addInput(String name) {
    graph().addInput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
        TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(
            TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))))));
    return this;
  }

  /** Removes graph output {@code name} (the value is still computed). */
  GraphSurgery removeOutput(String name) {
    for (int i = 0; i < graph().getOutputCount(); i++) {
      if (graph().getOutput(i).getName().equals(name)) {
        graph().removeOutput(i);
        return this;
      }
    }
    throw new IllegalArgumentException("no output " + name);
  }

  /** Rewrites the {@code location} of every external tensor. */
  GraphSurgery externalLocation(String location) {
    for (TensorProto.Builder t : graph().getInitializerBuilderList()) {
      for (var entry : t.getExternalDataBuilderList()) {
        if (entry.getKey().equals("location")) {
          entry.setValue(location);
        }
      }
    }
    return this;
  }

  /**
   * Makes output {@code output} ({@code [1, n, W]}) carry {@code value} added to its rows whose position id equals
   * {@code position}, and stay exact elsewhere: a model that misbehaves at one position only. The rows are the last
   * {@code n} of the step when {@code keepInput} (e.g. {@code num_logits_to_keep}) is given, else all {@code q}.
   */
  GraphSurgery addAtPosition(String output, long position, float value, @Nullable String keepInput) {
    String clean = detachOutput(output);
    String positions = "position_ids";
    if (keepInput != null) {
      positions = node("Slice", "kept_positions", "position_ids", node("Neg", "neg_keep", keepInput),
          int64s("slice_end", Long.MAX_VALUE), int64s("slice_axis", 1));
    }
    String hit = node("Equal", "hit", positions, int64Scalar("poison_position", position));
    String rows = node("Where", "poison_rows", hit, floatScalar("poison_value", value), floatScalar("zero", 0f));
    String column = node("Unsqueeze", "poison_column", rows, int64s("unsqueeze_axis", 2));
    graph().addNode(NodeProto.newBuilder().setOpType("Add").addInput(clean).addInput(column).addOutput(output));
    return this;
  }

  /**
   * Makes the graph fail inside ONNX Runtime (a {@code Gather} index out of range) on any step that includes position
   * {@code position}, and compute exactly as before on every other step; the failure feeds {@code output}.
   */
  GraphSurgery failAtPosition(String output, long position) {
    String clean = detachOutput(output);
    String hit = node("Cast", "hit_int", "to", TensorProto.DataType.INT64.getNumber(),
        node("Equal", "hit", "position_ids", int64Scalar("fail_position", position)));
    String any = node("ReduceMax", "hit_any", "keepdims", 0, hit);
    String index = node("Unsqueeze", "bad_index", node("Mul", "scaled_hit", any, int64Scalar("five", 5)),
        int64s("index_axis", 0));
    String zero = node("Gather", "zero_or_fail", floats("one_zero", 0f), index);
    graph().addNode(NodeProto.newBuilder().setOpType("Add").addInput(clean).addInput(zero).addOutput(output));
    return this;
  }

  /** Renames the value {@code output} everywhere inside the graph, so that a new node can produce the output. */
  private String detachOutput(String output) {
    String clean = output + "__clean";
    for (NodeProto.Builder node : graph().getNodeBuilderList()) {
      for (int i = 0; i < node.getOutputCount(); i++) {
        if (node.getOutput(i).equals(output)) {
          node.setOutput(i, clean);
        }
      }
    }
    rewire(output, clean);
    return clean;
  }

  private String node(String op, String name, String... inputs) {
    NodeProto.Builder node = newNode(op, name, inputs);
    graph().addNode(node);
    return node.getOutput(0);
  }

  /** A node with one integer attribute. */
  private String node(String op, String name, String attribute, long value, String... inputs) {
    NodeProto.Builder node = newNode(op, name, inputs).addAttribute(AttributeProto.newBuilder().setName(attribute)
        .setType(AttributeProto.AttributeType.INT).setI(value));
    graph().addNode(node);
    return node.getOutput(0);
  }

  private static NodeProto.Builder newNode(String op, String name, String... inputs) {
    String out = "surgery_" + name;
    NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName(out).addOutput(out);
    for (String input : inputs) {
      node.addInput(input);
    }
    return node;
  }

  /** A 1-D int64 initializer. */
  private String int64s(String name, long... values) {
    TensorProto.Builder t = tensor(name, TensorProto.DataType.INT64).addDims(values.length);
    for (long v : values) {
      t.addInt64Data(v);
    }
    return add(t);
  }

  /** A 1-D float initializer. */
  private String floats(String name, float... values) {
    TensorProto.Builder t = tensor(name, TensorProto.DataType.FLOAT).addDims(values.length);
    for (float v : values) {
      t.addFloatData(v);
    }
    return add(t);
  }

  private String int64Scalar(String name, long value) {
    return add(tensor(name, TensorProto.DataType.INT64).addInt64Data(value));
  }

  private String floatScalar(String name, float value) {
    return add(tensor(name, TensorProto.DataType.FLOAT).addFloatData(value));
  }

  private static TensorProto.Builder tensor(String name, TensorProto.DataType type) {
    return TensorProto.newBuilder().setName("surgery_" + name).setDataType(type.getNumber());
  }

  private String add(TensorProto.Builder initializer) {
    graph().addInitializer(initializer);
    return initializer.getName();
  }

  void save() {
    try {
      Files.write(file, model.build().toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
