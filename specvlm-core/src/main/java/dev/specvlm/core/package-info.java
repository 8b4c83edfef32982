/**
 * The speculative decoding engine: turns a {@link dev.specvlm.core.model.ModelBundle} into a
 * {@link dev.specvlm.SpecDecoder}. Sub-packages: {@code model} (the SPI backends implement), {@code tree} (draft
 * trees and masks), {@code accept} (logits processing and acceptance), {@code kv} (KV-cache bookkeeping),
 * {@code decode} (the decode loop, stops and statistics).
 */
@NullMarked
package dev.specvlm.core;

import org.jspecify.annotations.NullMarked;
