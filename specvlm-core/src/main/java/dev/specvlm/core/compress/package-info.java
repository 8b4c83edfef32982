/**
 * SpecVLM's elastic visual compressor on the engine side (brief §6.4, §7): the parameter-free branches
 * ({@link dev.specvlm.core.compress.ParameterFreeBranches}: prune, pool) and the resolution of a request's
 * {@link dev.specvlm.VisualCompression} against a model ({@link dev.specvlm.core.compress.VisualCompressor}: which
 * branch the gate picks, which draft reads the result). The learned branches and the gate come from the model
 * through {@link dev.specvlm.core.model.CompressorModel}. The target never sees the compression, so decoding stays
 * lossless; only the draft's input pairs over the visual spans are shortened.
 */
@NullMarked
package dev.specvlm.core.compress;

import org.jspecify.annotations.NullMarked;
