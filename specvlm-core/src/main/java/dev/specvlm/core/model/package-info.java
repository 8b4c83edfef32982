/**
 * The model SPI: the four roles the engine drives (vision, embedder, target, draft) plus the tokenizer and
 * the optional elastic visual compressor ({@link dev.specvlm.core.model.CompressorModel}, its branches named by
 * {@link dev.specvlm.core.model.CompressorBranch}), implemented by
 * backends (ONNX Runtime in {@code specvlm-onnx}) and by pure-Java test models.
 *
 * <p>Ownership: a {@link dev.specvlm.core.model.ModelBundle} and its roles are shared by every generation of a
 * decoder and must be thread-safe. A {@link dev.specvlm.core.model.TargetState} or
 * {@link dev.specvlm.core.model.DraftState} belongs to one generation (one thread at a time) and owns that
 * generation's KV bytes; the engine closes it.
 *
 * <p>Layouts: every {@code float[]} is row-major with its shape documented where it is passed; arrays may be longer
 * than the shape needs (the engine reuses buffers) and only the leading elements are read or written.
 */
@NullMarked
package dev.specvlm.core.model;

import org.jspecify.annotations.NullMarked;
