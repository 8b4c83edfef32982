package dev.specvlm.bench.e2e;

import dev.specvlm.SpecVlmException;
import picocli.CommandLine;

/**
 * Runs the end-to-end benchmark ({@link BenchCommand}) without the rest of the command line:
 *
 * <pre>{@code
 * mvn -q -pl specvlm-bench -am package -DskipTests
 * java -cp specvlm-bench/target/benchmarks.jar dev.specvlm.bench.e2e.EndToEndBenchmark \
 *     --model models/specvlm-tiny --prompts models/specvlm-tiny/heldout
 * }</pre>
 *
 * <p>Exit status: 0 on success, 1 if a speculative run did not reproduce the autoregressive tokens, 2 for bad
 * arguments, 3 for a specvlm error (its message is printed, not a stack trace).
 */
public final class EndToEndBenchmark {
  private EndToEndBenchmark() {}

  /** Parses {@code args} and runs; exits with the status above. */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof SpecVlmException) {
        cmd.getErr().println("error: " + e.getMessage());
        return 3;
      }
      throw e;
    });
    System.exit(cli.execute(args));
  }
}
