/**
 * The speculative decoding engine: {@link dev.specvlm.core.SpeculativeEngine} turns a
 * {@link dev.specvlm.core.model.ModelBundle} into a {@link dev.specvlm.SpecDecoder}. The decode loop itself (prompt
 * assembly, draft input pairs, the round loop, stops and statistics) is package-private here.
 *
 * <p>Sub-packages: {@code model} (the SPI backends implement), {@code tree} (draft trees and masks), {@code accept}
 * (logits processing and acceptance), {@code kv} (KV-cache bookkeeping). Their public classes serve the backends and
 * the microbenchmarks; applications use only {@code dev.specvlm}.
 */
@NullMarked
package dev.specvlm.core;

import org.jspecify.annotations.NullMarked;
