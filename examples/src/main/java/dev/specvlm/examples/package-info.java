/**
 * Runnable examples, each a {@code main} that defaults to the bundled model {@code models/specvlm-tiny} and the image
 * {@code examples/scene.png} (run from the repository root): {@link dev.specvlm.examples.QuickStart} (text and
 * statistics), {@link dev.specvlm.examples.StreamingExample} (tokens as they are committed),
 * {@link dev.specvlm.examples.AsyncCancellationExample} (background generation, cancelled) and
 * {@link dev.specvlm.examples.RawTokensExample} (token ids in and out). The command line is in
 * {@code dev.specvlm.examples.cli}.
 */
@NullMarked
package dev.specvlm.examples;

import org.jspecify.annotations.NullMarked;
