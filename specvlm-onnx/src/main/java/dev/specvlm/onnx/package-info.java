/**
 * The ONNX Runtime backend: model folders, sessions and execution providers, tokenizer, images, and the ONNX writer
 * for the reference architecture.
 *
 * <p>Public entry points:
 *
 * <ul>
 *   <li>{@link dev.specvlm.onnx.OnnxSpecDecoderProvider} — the {@code "onnx"} provider that
 *       {@link dev.specvlm.SpecDecoder#builder()} finds through {@link java.util.ServiceLoader};</li>
 *   <li>{@link dev.specvlm.onnx.OnnxModelBundle} — a model folder loaded and validated, as the engine's
 *       {@link dev.specvlm.core.model.ModelBundle} (for tools that drive the models directly, e.g. a distiller using
 *       the target as teacher);</li>
 *   <li>{@link dev.specvlm.onnx.ModelManifest} — {@code specvlm.json} (format {@code specvlm/1}) read, validated and
 *       written;</li>
 *   <li>{@link dev.specvlm.onnx.NativeResources} — counts of open native objects, for leak checks.</li>
 * </ul>
 *
 * <p>Inside (package-private): {@code ModelLoader} (validation order: manifest, {@code ModelFolder} paths and
 * {@code ExternalDataScan}, {@code HfTokenizer}, {@code GraphContract} against {@code ModelContract}, load-time
 * {@code ProbeRun}s), {@code OrtAvailability}/{@code OrtRuntime}/{@code ExecutionTarget}/{@code SessionFactory}
 * (runtime, device and session options), and the per-generation states {@code OnnxTargetState} and
 * {@code OnnxDraftState} over a double-buffered {@code KvCache} driven by a {@code StepRunner} (zero-copy direct
 * buffers, pinned outputs, {@code MaskWriter}). Subpackages: {@code image} (preprocessing), {@code graph} and
 * {@code reference} (the ONNX writer).
 */
@NullMarked
package dev.specvlm.onnx;

import org.jspecify.annotations.NullMarked;
