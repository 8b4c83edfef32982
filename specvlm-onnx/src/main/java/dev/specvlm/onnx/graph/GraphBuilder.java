package dev.specvlm.onnx.graph;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds one ONNX graph and its model: declared inputs and outputs, initializers, nodes and opset imports. Every
 * method returns the name of the value it created, so graphs read as expressions:
 *
 * <pre>{@code
 * GraphBuilder g = new GraphBuilder("embed", WeightStorage.FLOAT32).opset("", 21);
 * String ids = g.input("input_ids", ElementType.INT64, Dim.of(1), Dim.named("q"));      // [1, q]
 * String table = g.weight("embed_tokens.weight", new long[] {vocab, hidden}, data);     // [V, H]
 * g.output("inputs_embeds", g.op("Gather", table, ids), ElementType.FLOAT,
 *     Dim.of(1), Dim.named("q"), Dim.of(hidden));                                        // [1, q, H]
 * ModelProto model = g.build();
 * }</pre>
 *
 * <p>Not thread-safe; one builder makes one model. Names of generated values are unique within the graph; names given
 * by the caller must be unique too (checked).
 */
public final class GraphBuilder {
  /** The ONNX domain of ONNX Runtime's contrib operators. */
  public static final String MICROSOFT_DOMAIN = "com.microsoft";

  private final String graphName;
  private final WeightStorage weightStorage;
  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private final Map<String, Long> opsets = new LinkedHashMap<>();
  private final Set<String> names = new HashSet<>();
  private final Map<String, Integer> counters = new LinkedHashMap<>();
  private long irVersion = 10;

  /**
   * A builder for a graph called {@code graphName}.
   *
   * @param graphName the graph's name (recorded in the model)
   * @param weightStorage how {@link #weight} stores float weights
   */
  public GraphBuilder(String graphName, WeightStorage weightStorage) {
    this.graphName = Objects.requireNonNull(graphName, "graphName");
    this.weightStorage = Objects.requireNonNull(weightStorage, "weightStorage");
  }

  /** Imports {@code domain} (empty for the default ONNX domain) at {@code version}; the last call for a domain wins. */
  public GraphBuilder opset(String domain, long version) {
    opsets.put(Objects.requireNonNull(domain, "domain"), version);
    return this;
  }

  /** Sets the model's IR version (default 10; 11 for opset 23). */
  public GraphBuilder irVersion(long version) {
    this.irVersion = version;
    return this;
  }

  /** How this builder stores weights. */
  public WeightStorage weightStorage() {
    return weightStorage;
  }

  /** Declares a graph input and returns its name. */
  public String input(String name, ElementType type, Dim... dims) {
    claim(name);
    graph.addInput(valueInfo(name, type, dims));
    return name;
  }

  /**
   * Declares graph output {@code name} as an {@code Identity} of {@code value}, so the output keeps a stable name
   * whatever node computes it.
   */
  public String output(String name, String value, ElementType type, Dim... dims) {
    claim(name);
    graph.addNode(NodeProto.newBuilder()
        .setName(name + "/identity")
        .setOpType("Identity")
        .addInput(value)
        .addOutput(name));
    graph.addOutput(valueInfo(name, type, dims));
    return name;
  }

  /**
   * Adds a float weight stored as {@link #weightStorage()} says; the returned name always holds float32 values.
   *
   * @param name the weight's name (e.g. {@code "layers.0.mlp.down_proj.weight"})
   * @param dims its shape
   * @param data its values, row-major, {@code product(dims)} of them (copied)
   */
  public String weight(String name, long[] dims, float[] data) {
    checkSize(name, dims, data.length);
    if (weightStorage == WeightStorage.FLOAT32) {
      return constantFloat(name, dims, data);
    }
    String stored = name + ".fp16";
    claim(stored);
    ByteBuffer bytes = ByteBuffer.allocate(2 * data.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : data) {
      bytes.putShort(Float16.toHalfBits(v));
    }
    graph.addInitializer(tensor(stored, ElementType.FLOAT16, dims, bytes));
    claim(name);
    graph.addNode(NodeProto.newBuilder()
        .setName(name + "/cast")
        .setOpType("Cast")
        .addInput(stored)
        .addOutput(name)
        .addAttribute(NodeBuilder.intAttribute("to", ElementType.FLOAT.onnxValue())));
    return name;
  }

  /** Adds a float32 initializer that is always stored exactly (e.g. RoPE tables, epsilons) and returns its name. */
  public String constantFloat(String name, long[] dims, float[] data) {
    checkSize(name, dims, data.length);
    claim(name);
    ByteBuffer bytes = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(data);
    graph.addInitializer(tensor(name, ElementType.FLOAT, dims, bytes));
    return name;
  }

  /** Adds a float32 scalar constant (shape {@code []}) with a generated name. */
  public String scalar(float value) {
    return constantFloat(fresh("scalar"), new long[0], new float[] {value});
  }

  /** Adds a 1-D int64 constant with a generated name, e.g. the shape of a {@code Reshape} or the axes of a reduction. */
  public String ints(long... values) {
    String name = fresh("ints");
    claim(name);
    ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asLongBuffer().put(values);
    graph.addInitializer(tensor(name, ElementType.INT64, new long[] {values.length}, bytes));
    return name;
  }

  /** Starts a node of the default domain; finish it with {@link NodeBuilder#output()} or {@link NodeBuilder#outputs}. */
  public NodeBuilder node(String opType) {
    return new NodeBuilder(this, opType);
  }

  /** A one-output node of the default domain without attributes: {@code op("MatMul", x, w)}. */
  public String op(String opType, String... inputs) {
    return node(opType).inputs(inputs).output();
  }

  /** Builds the model: the graph with its opset imports and IR version. */
  public ModelProto build() {
    if (opsets.isEmpty()) {
      throw new IllegalStateException("graph " + graphName + " has no opset import; call opset(\"\", 21) first");
    }
    ModelProto.Builder model = ModelProto.newBuilder()
        .setIrVersion(irVersion)
        .setProducerName("specvlm")
        .setGraph(graph.clone().setName(graphName));
    opsets.forEach((domain, version) ->
        model.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(version)));
    return model.build();
  }

  // ---- used by NodeBuilder ----

  String fresh(String stem) {
    int n = counters.merge(stem, 1, Integer::sum);
    String name = stem + "_" + n;
    while (names.contains(name)) {
      n = counters.merge(stem, 1, Integer::sum);
      name = stem + "_" + n;
    }
    return name;
  }

  void claim(String name) {
    if (name.isEmpty() || !names.add(name)) {
      throw new IllegalArgumentException("value name '" + name + "' is empty or already used in graph " + graphName);
    }
  }

  void addNode(NodeProto node) {
    graph.addNode(node);
  }

  private static void checkSize(String name, long[] dims, int length) {
    long product = 1;
    for (long d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException("tensor " + name + " has a negative dimension in " + shape(dims));
      }
      product *= d;
    }
    if (product != length) {
      throw new IllegalArgumentException(
          "tensor " + name + " of shape " + shape(dims) + " needs " + product + " values, got " + length);
    }
  }

  private static String shape(long[] dims) {
    return java.util.Arrays.toString(dims);
  }

  private static TensorProto tensor(String name, ElementType type, long[] dims, ByteBuffer littleEndian) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.onnxValue());
    for (long d : dims) {
      t.addDims(d);
    }
    littleEndian.rewind();
    return t.setRawData(ByteString.copyFrom(littleEndian)).build();
  }

  private static ValueInfoProto valueInfo(String name, ElementType type, Dim... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Dim d : dims) {
      if (d.isSymbolic()) {
        shape.addDimBuilder().setDimParam(d.name());
      } else {
        shape.addDimBuilder().setDimValue(d.value());
      }
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(TypeProto.newBuilder()
            .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type.onnxValue()).setShape(shape)))
        .build();
  }
}
