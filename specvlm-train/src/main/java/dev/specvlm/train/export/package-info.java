/**
 * Between trained weights and model folders: writing a folder (ONNX graphs through the project's writer,
 * {@code tokenizer.json}, {@code specvlm.json}), replacing a folder's draft, and reading frozen weights (the LM head)
 * back out of a target's ONNX initializers.
 */
@NullMarked
package dev.specvlm.train.export;

import org.jspecify.annotations.NullMarked;
