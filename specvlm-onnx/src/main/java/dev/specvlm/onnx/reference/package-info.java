/**
 * The reference VLM architecture and its ONNX export: a small LLaVA-style model whose four graphs
 * ({@code vision.onnx}, {@code embed.onnx}, {@code decoder.onnx}, {@code draft.onnx}) satisfy the model-folder
 * contract.
 *
 * <ul>
 *   <li>{@link dev.specvlm.onnx.reference.ReferenceConfig} — the sizes;</li>
 *   <li>{@link dev.specvlm.onnx.reference.ReferenceWeights} — the weights by state-dict name
 *       ({@link dev.specvlm.onnx.reference.WeightNames}), checked against the config; random ones for fixtures;</li>
 *   <li>{@link dev.specvlm.onnx.reference.ReferenceModelWriter} — the graph writers and {@code writeAll};</li>
 *   <li>{@link dev.specvlm.onnx.reference.WriterOptions} and {@link dev.specvlm.onnx.reference.AttentionKind} —
 *       how the graphs are written;</li>
 *   <li>{@link dev.specvlm.onnx.reference.TensorNames} — file names and graph input/output names.</li>
 * </ul>
 *
 * <p>A plain-Java implementation of the same math lives in this package's tests and proves the graphs to 1e-4.
 */
@NullMarked
package dev.specvlm.onnx.reference;

import org.jspecify.annotations.NullMarked;
