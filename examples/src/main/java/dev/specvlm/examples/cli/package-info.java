/**
 * The {@code specvlm} command line ({@link dev.specvlm.examples.cli.SpecVlmCli}): {@code generate} (text, σ and the
 * speedup over autoregressive decoding), {@code verify} (losslessness on your prompts), {@code bench} (the end-to-end
 * benchmark of {@code specvlm-bench}), and subcommands other modules list in {@code META-INF/specvlm/cli-subcommands}
 * ({@link dev.specvlm.examples.cli.SubcommandDiscovery}).
 */
@NullMarked
package dev.specvlm.examples.cli;

import org.jspecify.annotations.NullMarked;
