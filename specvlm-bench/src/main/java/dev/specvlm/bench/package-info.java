/** Benchmarks: JMH microbenchmarks of the engine and the end-to-end harness. */
@NullMarked
package dev.specvlm.bench;

import org.jspecify.annotations.NullMarked;
