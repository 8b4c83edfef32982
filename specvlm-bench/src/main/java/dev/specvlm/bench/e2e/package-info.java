/**
 * The end-to-end benchmark: decoding modes side by side on a real model folder and a prompt folder
 * ({@link dev.specvlm.bench.e2e.PromptSet}). {@link dev.specvlm.bench.e2e.EndToEndHarness} interleaves the modes and
 * records every generation; {@link dev.specvlm.bench.e2e.Summary} derives σ, tokens/s, time to first token, paired
 * speedups, the ideal speedup the measured model costs allow and the engine's efficiency;
 * {@link dev.specvlm.bench.e2e.ResultsWriter} writes markdown, CSV and a chart. {@link dev.specvlm.bench.e2e.BenchCommand}
 * is {@code specvlm bench}; {@link dev.specvlm.bench.e2e.EndToEndBenchmark} runs it alone.
 */
@NullMarked
package dev.specvlm.bench.e2e;

import org.jspecify.annotations.NullMarked;
