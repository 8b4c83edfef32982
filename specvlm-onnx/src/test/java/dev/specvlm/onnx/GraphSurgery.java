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

  void save() {
    try {
      Files.write(file, model.build().toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
