/**
 * A small ONNX graph builder on the {@code ai.onnx.proto.OnnxMl} protobuf classes.
 *
 * <ul>
 *   <li>{@link dev.specvlm.onnx.graph.GraphBuilder} — typed inputs and outputs with symbolic dimensions, weights and
 *       constants as little-endian raw data, nodes with attributes, opset imports; builds a {@code ModelProto}.</li>
 *   <li>{@link dev.specvlm.onnx.graph.NodeBuilder} — one node: inputs, attributes, domain, outputs.</li>
 *   <li>{@link dev.specvlm.onnx.graph.Dim} and {@link dev.specvlm.onnx.graph.ElementType} — declared shapes and
 *       element types of graph inputs and outputs.</li>
 *   <li>{@link dev.specvlm.onnx.graph.WeightStorage} — float32, or float16 with a {@code Cast} to float32 that ONNX
 *       Runtime folds at load.</li>
 *   <li>{@link dev.specvlm.onnx.graph.OnnxFileWriter} — writes a model, optionally moving large tensors to an external
 *       data file next to it.</li>
 * </ul>
 *
 * <p>The builder knows no operator semantics: it records what it is told. Operator signatures follow the opset the
 * caller imports (e.g. {@code ReduceMean}'s axes are an input from opset 18, {@code Split}'s sizes from opset 13).
 */
@NullMarked
package dev.specvlm.onnx.graph;

import org.jspecify.annotations.NullMarked;
