package dev.specvlm.examples.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A subcommand found through {@link SubcommandDiscovery}, as {@code specvlm-train} adds {@code distill}. */
@Command(name = "echo", description = "Prints its arguments (test only).")
public final class EchoSubcommand implements Callable<Integer> {
  @Parameters List<String> words = List.of();
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().println(String.join(" ", words));
    return 0;
  }
}
