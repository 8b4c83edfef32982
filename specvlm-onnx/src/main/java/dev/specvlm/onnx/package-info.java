/** The ONNX Runtime backend: model folders, sessions and execution providers, tokenizer, images, and the ONNX writer for the reference architecture. */
@NullMarked
package dev.specvlm.onnx;

import org.jspecify.annotations.NullMarked;
