package dev.specvlm.onnx.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Objects;

/**
 * One node under construction: its inputs (an empty string skips an optional input), attributes and domain. Finish
 * with {@link #output()} (one generated output name) or {@link #outputs(int)}; a builder adds exactly one node.
 */
public final class NodeBuilder {
  private final GraphBuilder graph;
  private final String opType;
  private final NodeProto.Builder node;
  private boolean finished;

  NodeBuilder(GraphBuilder graph, String opType) {
    this.graph = graph;
    this.opType = Objects.requireNonNull(opType, "opType");
    this.node = NodeProto.newBuilder().setOpType(opType);
  }

  /** Appends inputs by value name; {@code ""} marks an absent optional input. */
  public NodeBuilder inputs(String... names) {
    for (String n : names) {
      node.addInput(Objects.requireNonNull(n, "input name"));
    }
    return this;
  }

  /** Sets the operator's domain, e.g. {@link GraphBuilder#MICROSOFT_DOMAIN}. */
  public NodeBuilder domain(String domain) {
    node.setDomain(Objects.requireNonNull(domain, "domain"));
    return this;
  }

  /** Adds an integer attribute. */
  public NodeBuilder attr(String name, long value) {
    node.addAttribute(intAttribute(name, value));
    return this;
  }

  /** Adds a float attribute. */
  public NodeBuilder attr(String name, float value) {
    node.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOAT).setF(value));
    return this;
  }

  /** Adds a string attribute. */
  public NodeBuilder attr(String name, String value) {
    node.addAttribute(AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeType.STRING)
        .setS(com.google.protobuf.ByteString.copyFromUtf8(value)));
    return this;
  }

  /** Adds an integer-list attribute, e.g. {@code perm} or {@code kernel_shape}. */
  public NodeBuilder attrInts(String name, long... values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    node.addAttribute(a);
    return this;
  }

  /** Adds the node with one output and returns its generated name. */
  public String output() {
    return outputs(1)[0];
  }

  /** Adds the node with {@code count} outputs and returns their generated names in order. */
  public String[] outputs(int count) {
    if (finished) {
      throw new IllegalStateException("NodeBuilder for " + opType + " was already finished");
    }
    finished = true;
    String stem = opType.toLowerCase(java.util.Locale.ROOT);
    String nodeName = graph.fresh(stem);
    String[] out = new String[count];
    for (int i = 0; i < count; i++) {
      out[i] = count == 1 ? nodeName : nodeName + "_out" + i;
      graph.claim(out[i]);
      node.addOutput(out[i]);
    }
    graph.addNode(node.setName(nodeName).build());
    return out;
  }

  static AttributeProto intAttribute(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value).build();
  }
}
