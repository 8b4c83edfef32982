/**
 * The procedural image–text data of the bundled tiny VLM, and its tokenizer.
 *
 * <p>Placeholder; completed below.
 */
@NullMarked
package dev.specvlm.train.data;

import org.jspecify.annotations.NullMarked;
